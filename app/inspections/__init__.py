"""Supervision inspections (督导检查): the site-editable standard (seeded), inspections scored
per 一级指标 (never below zero) and in total, findings as rectifications with deadline and
re-check, trends; the 督导检查 / 督导检查问题 sheets and the inspection report form."""

from app.inspections.inspection import (
    FindingRow, InspectionRow, TrendPoint, add_finding, add_photos, complete_inspection, get_inspection,
    list_inspections, nav_badge, open_rectifications, overdue_rectifications, recheck_finding, rectify,
    start_inspection, trend, void_finding, void_inspection,
)
from app.inspections.rules import IndicatorScore, parse_points, points_text
from app.inspections.standard import (
    METHODS, IndicatorRow, StandardItemRow, move, remove, save_indicator, save_item, standard,
)
from app.inspections.vocab import DeductionBasis, InspectionStatus, Method, RecheckResult, RectifyStatus

__all__ = [
    'DeductionBasis', 'FindingRow', 'IndicatorRow', 'IndicatorScore', 'InspectionRow', 'InspectionStatus',
    'METHODS', 'Method', 'RecheckResult', 'RectifyStatus', 'StandardItemRow', 'TrendPoint', 'add_finding',
    'add_photos', 'complete_inspection', 'get_inspection', 'list_inspections', 'move', 'nav_badge',
    'open_rectifications', 'overdue_rectifications', 'parse_points', 'points_text', 'recheck_finding',
    'rectify', 'remove', 'save_indicator', 'save_item', 'standard', 'start_inspection', 'trend',
    'void_finding', 'void_inspection',
]
