"""工作台: the first page after logging in, what is due today and overdue in every module."""

from ui.registry import PageSpec

PAGES = (PageSpec("today", "工作台", "ui.today.today_page:TodayPage"),)
