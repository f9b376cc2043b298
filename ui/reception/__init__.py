"""接待登记: the reception screen (entry form, today's list, search, 转告, 日结)."""
