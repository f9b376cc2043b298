"""Repairs (维修工单): work orders from intake to follow-up, the 30-minute pick-up, the
manager's spot check, half-year household visits, the 维修 sheet and KF-04."""

from app.repairs.models import RepairOrder
from app.repairs.vocab import (
    DEFAULT_CATEGORIES, ENGINEERING, OPEN_STATES, PUBLIC_AREA, FollowUpRule, IssueStatus, RepairStatus,
    ScopeKind, SpotCheckResult, Urgency,
)
from app.repairs.repair_settings import RepairSettingsData, categories, get_settings, save_settings
from app.repairs.order import (
    IntakeRow, RepairRow, create_from_contact, create_order, dispatch_targets, get_order, intake_queue,
    order_numbers, update_order,
)
from app.repairs.steps import chase, complete, decline, dispatch, pick_up, void_order
from app.repairs.groups import GroupData, group_of, merge, unmerge
from app.repairs.follow_up import FollowUpInfo, close, follow_ups_of, record_follow_up, verify_sample
from app.repairs.worklists import late_orders, list_orders, nav_badge
from app.repairs.statistics import CategoryStats, MonthStatsData, month_statistics
from app.repairs.spot_check import (
    SpotCheckRow, draw_spot_check, record_spot_check, spot_check_list, spot_check_population, spot_pick,
)
from app.repairs import household_visits

from app.complaints import FollowUpSubject as _Subject, register_subject as _register_subject
from app.repairs.follow_up import follow_ups_due as _due, on_follow_up as _on_follow_up

# A 维修 follow-up decides the order's fate, the orders awaiting one join the due list, and
# KF-03 prints the order's 单号.
_register_subject(_Subject.REPAIR, on_follow_up=_on_follow_up, due=_due, numbers=order_numbers)

__all__ = [
    'CategoryStats', 'DEFAULT_CATEGORIES', 'ENGINEERING', 'FollowUpInfo', 'FollowUpRule', 'GroupData', 'IntakeRow',
    'IssueStatus', 'MonthStatsData', 'OPEN_STATES', 'PUBLIC_AREA', 'RepairOrder', 'RepairRow',
    'RepairSettingsData', 'RepairStatus', 'ScopeKind', 'SpotCheckResult', 'SpotCheckRow', 'Urgency',
    'categories', 'chase', 'close', 'complete', 'create_from_contact', 'create_order', 'decline',
    'dispatch', 'dispatch_targets', 'draw_spot_check', 'follow_ups_of', 'get_order', 'get_settings', 'group_of',
    'household_visits', 'intake_queue', 'late_orders', 'list_orders', 'merge', 'month_statistics',
    'nav_badge', 'order_numbers', 'pick_up', 'record_follow_up', 'record_spot_check',
    'save_settings', 'spot_check_list', 'spot_check_population', 'spot_pick', 'unmerge', 'update_order',
    'verify_sample', 'void_order',
]
