"""Renovation (装修管理): applications and permits, the daily round, violations to rectification
notices, acceptance and deposit refund, the 装修 / 装修巡查 sheets and ZX-01/02/03."""

from app.renovation.acceptance import (
    AcceptanceRow, acceptances, record_acceptance, refund_deposit, request_acceptance,
)
from app.renovation.application import (
    ApplicationData, DeductionData, ExtensionRow, FeeData, RenovationRow, WorkerData, apply, approve,
    approve_alteration, extend, get, refuse, unit_owner, update_application, void_application,
)
from app.renovation.badge import RenovationToDo, nav_badge, today_work
from app.renovation.history import RenovationEventRow, renovation_history
from app.renovation.noise import (
    LinkedComplaintRow, noise_allowed, noise_complaints, noise_hours_text, noise_windows,
)
from app.renovation.notices import (
    NoticeRow, get_notice, issue_notice, list_notices, recheck_notice, sign_notice, void_notice,
)
from app.renovation.rounds import RoundItem, round_for
from app.renovation.search import find_by_permit, list_applications
from app.renovation.site_settings import (
    ACCEPTANCE_ITEMS, KEY_CHECKS, PROGRESS_STAGES, acceptance_items, key_checks, progress_stages,
    put_list_setting,
)
from app.renovation.visits import VisitData, VisitRow, list_visits, record_visit, void_visit
from app.renovation.vocab import (
    ACTIVE_STATUSES, AcceptanceResult, Escalation, NoticeStatus, RecheckResult, RenovationStatus,
    SiteState,
)

__all__ = [
    'ACCEPTANCE_ITEMS', 'ACTIVE_STATUSES', 'AcceptanceResult', 'AcceptanceRow', 'ApplicationData',
    'DeductionData', 'Escalation', 'ExtensionRow', 'FeeData', 'KEY_CHECKS', 'LinkedComplaintRow',
    'NoticeRow', 'NoticeStatus', 'PROGRESS_STAGES', 'RecheckResult', 'RenovationEventRow',
    'RenovationRow', 'RenovationStatus', 'RenovationToDo', 'RoundItem', 'SiteState', 'VisitData', 'VisitRow',
    'WorkerData', 'acceptance_items', 'acceptances', 'apply', 'approve', 'approve_alteration',
    'extend', 'find_by_permit', 'get', 'get_notice', 'issue_notice', 'key_checks',
    'list_applications', 'list_notices', 'list_visits', 'nav_badge', 'noise_allowed',
    'noise_complaints', 'noise_hours_text', 'noise_windows', 'progress_stages', 'put_list_setting',
    'recheck_notice', 'record_acceptance', 'record_visit', 'refund_deposit', 'refuse',
    'renovation_history', 'request_acceptance', 'round_for', 'sign_notice', 'today_work', 'unit_owner',
    'update_application', 'void_application', 'void_notice', 'void_visit',
]
