"""投诉处理 and 回访 screens."""
