"""装修管理: applications and permits, the daily round, rectification notices, acceptance and refund."""
