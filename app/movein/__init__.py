"""Move-in handover (入伙交付): checklist, fees, meters, keys, joint inspection and defects to
closure, the building overview, the 入伙 / 入伙缺陷 sheets and RH-01."""

from app.movein.appointments import (
    AppointmentRow, add_appointment, appointment_days, list_appointments, set_appointment_status,
)
from app.movein.defects import (
    add_defect, advance_defect, attach_defect_photos, cancel_defect, list_defects, mark_rectified, photo_path,
    reinspect_defect, start_rectification,
)
from app.movein.fees_keys import add_fee, add_key, add_service, sign_keys, void_entry
from app.movein.handover import current_handover, get_handover, set_item, start_handover, update_party
from app.movein.handover_data import ChecklistItemRow, DefectRow, HandoverData, HandoverIncomplete
from app.movein.inspection import add_inspection_room, set_inspection
from app.movein.late_entries import list_late_entries, review_late_entry
from app.movein.meters import add_meter_reading, previous_reading
from app.movein.overview import BuildingOverviewData, UnitCell, building_overview
from app.movein.result import complete_handover, require_rectification, void_handover
from app.movein.templates import (
    TemplateItem, checklist_template, choices, inspection_template, inspection_template_text,
    parse_inspection_template_text, save_checklist_template, save_inspection_template,
)
from app.movein.vocab import (
    OPEN_DEFECT, OPEN_HANDOVER, STEPS, Applies, AppointmentStatus, ChecklistGroup, DefectSeverity, DefectStatus,
    HandoverMode, HandoverStatus, InspectionResult, ItemStatus, MeterKind, PartyKind, UnitStatus,
)
from app.movein.worklists import HandoverRow, list_handovers, nav_badge

__all__ = [
    'Applies', 'AppointmentRow', 'AppointmentStatus', 'BuildingOverviewData', 'ChecklistGroup',
    'ChecklistItemRow', 'DefectRow', 'DefectSeverity', 'DefectStatus', 'HandoverData',
    'HandoverIncomplete', 'HandoverMode', 'HandoverRow', 'HandoverStatus', 'InspectionResult',
    'ItemStatus', 'MeterKind', 'OPEN_DEFECT', 'OPEN_HANDOVER', 'PartyKind', 'STEPS', 'TemplateItem',
    'UnitCell', 'UnitStatus', 'add_appointment', 'add_defect', 'add_fee', 'add_inspection_room',
    'add_key', 'add_meter_reading', 'add_service', 'advance_defect', 'appointment_days',
    'attach_defect_photos', 'building_overview', 'cancel_defect', 'checklist_template', 'choices',
    'complete_handover', 'current_handover', 'get_handover', 'inspection_template',
    'inspection_template_text', 'list_appointments', 'list_defects', 'list_handovers',
    'list_late_entries', 'mark_rectified', 'nav_badge', 'parse_inspection_template_text',
    'photo_path', 'previous_reading', 'reinspect_defect', 'require_rectification',
    'review_late_entry', 'save_checklist_template', 'save_inspection_template',
    'set_appointment_status', 'set_inspection', 'set_item', 'sign_keys', 'start_handover',
    'start_rectification', 'update_party', 'void_entry', 'void_handover',
]
