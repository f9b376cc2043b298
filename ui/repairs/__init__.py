"""维修工单 page: work orders, the reception intake queue, routine household visits and the
manager's follow-up spot check."""
