"""Complaints and follow-ups (投诉处理、回访): intake, deadlines on the working-day calendar,
escalation, the supervisor's daily review (KF-02), follow-ups (KF-03), monthly statistics."""

from app.complaints.models import Complaint, FollowUp
from app.complaints.complaint import ComplaintRow, ProgressRow, get, history, progress_entries
from app.complaints.lifecycle import allowed_actions
from app.complaints.intake import open_from_contact, receive, update
from app.complaints.handling import (
    add_progress, escalate, hand_to_department, record_reply, record_result, set_validity, start_handling, void,
)
from app.complaints.site_settings import (
    categories, deadline_rules, departments, set_categories, set_deadline_rules,
)
from app.complaints.worklists import WorkCountsData, nav_badge, search, work_counts, work_list
from app.complaints.escalation import EscalationRunData, run_escalation
from app.complaints.daily_review import DailyReviewData, ReviewLineRow, SignOffRow, daily_review, sign_off_day
from app.complaints.deadlines import RULE_FIELDS
from app.complaints.followups import FollowUpDueRow, register_subject
from app.complaints.vocab import (
    ComplaintAction, ComplaintSeverity, ComplaintStatus, ComplaintValidity, DEFAULT_COMPLAINT_CATEGORIES,
    ESCALATION_LEVELS, Feedback, FollowUpMethod, FollowUpSubject, ReplyMethod, WorkList, graded_feedback,
)
from app.complaints import analysis, deadlines, followups, statistics
from app.complaints.cases import CaseData, case_of, merge, unmerge

__all__ = [
    'CaseData', 'Complaint', 'ComplaintAction', 'ComplaintRow', 'analysis', 'case_of', 'merge', 'unmerge', 'ComplaintSeverity', 'ComplaintStatus',
    'ComplaintValidity', 'DEFAULT_COMPLAINT_CATEGORIES', 'DailyReviewData', 'ESCALATION_LEVELS',
    'EscalationRunData', 'Feedback', 'FollowUp', 'FollowUpDueRow', 'FollowUpMethod', 'FollowUpSubject',
    'ProgressRow', 'RULE_FIELDS', 'ReplyMethod', 'ReviewLineRow', 'SignOffRow', 'WorkCountsData',
    'WorkList', 'add_progress', 'allowed_actions', 'categories', 'daily_review', 'deadline_rules',
    'deadlines', 'departments', 'escalate', 'followups', 'get', 'graded_feedback', 'register_subject', 'hand_to_department', 'history',
    'nav_badge', 'open_from_contact', 'progress_entries', 'receive', 'record_reply', 'record_result',
    'run_escalation', 'search', 'set_categories', 'set_deadline_rules', 'set_validity',
    'sign_off_day', 'start_handling', 'statistics', 'update', 'void', 'work_counts', 'work_list',
]
