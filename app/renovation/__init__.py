"""Renovation (装修管理): applications and permits, the daily round, violations to rectification
notices, acceptance and deposit refund, the 装修 / 装修巡查 sheets and ZX-01/02/03."""

from app.renovation.service import (
    ACCEPTANCE_ITEMS, ACTIVE_STATUSES, AcceptanceResult, ApplicationData, DeductionData, Escalation,
    FeeData, KEY_CHECKS, NoticeRow, PROGRESS_STAGES, RecheckResult, RenovationRow, RenovationStatus,
    SiteState, VisitData, WorkerData, acceptance_items, acceptances, apply, approve,
    approve_alteration, extend, find_by_permit, get, get_notice, issue_notice, key_checks,
    list_applications, list_notices, list_visits, nav_badge, noise_allowed, noise_complaints,
    noise_hours_text, noise_windows, progress_stages, put_list_setting, recheck_notice,
    record_acceptance, record_visit, refund_deposit, refuse, renovation_history, request_acceptance,
    round_for, sign_notice, unit_owner, update_application, void_application, void_notice,
)

__all__ = [
    'ACCEPTANCE_ITEMS', 'ACTIVE_STATUSES', 'AcceptanceResult', 'ApplicationData', 'DeductionData',
    'Escalation', 'FeeData', 'KEY_CHECKS', 'NoticeRow', 'PROGRESS_STAGES', 'RecheckResult',
    'RenovationRow', 'RenovationStatus', 'SiteState', 'VisitData', 'WorkerData', 'acceptance_items',
    'acceptances', 'apply', 'approve', 'approve_alteration', 'extend', 'find_by_permit', 'get',
    'get_notice', 'issue_notice', 'key_checks', 'list_applications', 'list_notices', 'list_visits',
    'nav_badge', 'noise_allowed', 'noise_complaints', 'noise_hours_text', 'noise_windows',
    'progress_stages', 'put_list_setting', 'recheck_notice', 'record_acceptance', 'record_visit',
    'refund_deposit', 'refuse', 'renovation_history', 'request_acceptance', 'round_for',
    'sign_notice', 'unit_owner', 'update_application', 'void_application', 'void_notice',
]
