"""工作台 (today): what is due today and overdue in every module, for this person and the desk.

One query per module, each through that module's public interface; every section's count is
the module's own navigation badge, so the 工作台 and the navigation never disagree."""

from app.today.board import SectionData, TodayData, TodayLine, section_keys, today

__all__ = ["SectionData", "TodayData", "TodayLine", "section_keys", "today"]
