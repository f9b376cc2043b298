"""Repairs (维修工单): work orders from intake to follow-up, the 30-minute pick-up, the
manager's spot check, half-year household visits, the 维修 sheet and KF-04."""

from app.repairs.models import RepairOrder
from app.repairs.service import (
    DEFAULT_CATEGORIES, RepairRow, RepairStatus, SpotCheckResult, Urgency, categories, chase, close,
    complete, create_from_contact, create_order, decline, dispatch, dispatch_targets,
    draw_spot_check, follow_ups_of, get_order, get_settings, intake_queue, late_orders, list_orders,
    month_statistics, nav_badge, order_numbers, pick_up, record_follow_up, record_spot_check,
    save_settings, spot_check_list, spot_check_population, spot_pick, update_order, verify_sample,
    void_order,
)
from app.repairs import household_visits

__all__ = [
    'DEFAULT_CATEGORIES', 'RepairOrder', 'RepairRow', 'RepairStatus', 'SpotCheckResult', 'Urgency',
    'categories', 'chase', 'close', 'complete', 'create_from_contact', 'create_order', 'decline',
    'dispatch', 'dispatch_targets', 'draw_spot_check', 'follow_ups_of', 'get_order', 'get_settings',
    'household_visits', 'intake_queue', 'late_orders', 'list_orders', 'month_statistics',
    'nav_badge', 'order_numbers', 'pick_up', 'record_follow_up', 'record_spot_check',
    'save_settings', 'spot_check_list', 'spot_check_population', 'spot_pick', 'update_order',
    'verify_sample', 'void_order',
]
