"""Complaints and follow-ups (投诉处理、回访): intake, deadlines on the working-day calendar,
escalation, the supervisor's daily review (KF-02), follow-ups (KF-03), monthly statistics."""

from app.complaints.models import Complaint, FollowUp
from app.complaints.service import (
    WorkList, add_progress, allowed_actions, categories, daily_review, deadline_rules, departments,
    escalate, get, hand_to_department, history, nav_badge, open_from_contact, progress_entries,
    receive, record_reply, record_result, run_escalation, search, set_categories,
    set_deadline_rules, set_validity, sign_off_day, start_handling, update, void, work_counts,
    work_list,
)
from app.complaints.deadlines import RULE_FIELDS
from app.complaints.followups import FollowUpDueRow
from app.complaints.vocab import (
    ComplaintSeverity, ComplaintStatus, ComplaintValidity, DEFAULT_COMPLAINT_CATEGORIES,
    ESCALATION_LEVELS, Feedback, FollowUpMethod, FollowUpSubject,
)
from app.complaints import deadlines, followups, statistics

__all__ = [
    'Complaint', 'ComplaintSeverity', 'ComplaintStatus', 'ComplaintValidity',
    'DEFAULT_COMPLAINT_CATEGORIES', 'ESCALATION_LEVELS', 'Feedback', 'FollowUp', 'FollowUpDueRow',
    'FollowUpMethod', 'FollowUpSubject', 'RULE_FIELDS', 'WorkList', 'add_progress',
    'allowed_actions', 'categories', 'daily_review', 'deadline_rules', 'deadlines', 'departments',
    'escalate', 'followups', 'get', 'hand_to_department', 'history', 'nav_badge',
    'open_from_contact', 'progress_entries', 'receive', 'record_reply', 'record_result',
    'run_escalation', 'search', 'set_categories', 'set_deadline_rules', 'set_validity',
    'sign_off_day', 'start_handling', 'statistics', 'update', 'void', 'work_counts', 'work_list',
]
