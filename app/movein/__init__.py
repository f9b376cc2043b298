"""Move-in handover (入伙交付): checklist, fees, meters, keys, joint inspection and defects to
closure, the building overview, the 入伙 / 入伙缺陷 sheets and RH-01."""

from app.movein.service import (
    Applies, AppointmentRow, AppointmentStatus, BuildingOverviewData, ChecklistGroup,
    ChecklistItemRow, DefectRow, DefectSeverity, DefectStatus, HandoverData, HandoverIncomplete,
    HandoverMode, HandoverRow, HandoverStatus, InspectionResult, ItemStatus, MeterKind, OPEN_DEFECT,
    OPEN_HANDOVER, PartyKind, STEPS, TemplateItem, UnitCell, UnitStatus, add_appointment,
    add_defect, add_fee, add_inspection_room, add_key, add_meter_reading, add_service,
    advance_defect, appointment_days, attach_defect_photos, building_overview, cancel_defect,
    checklist_template, choices, complete_handover, current_handover, get_handover,
    inspection_template, inspection_template_text, list_appointments, list_defects, list_handovers,
    list_late_entries, mark_rectified, nav_badge, parse_inspection_template_text, photo_path,
    previous_reading, reinspect_defect, require_rectification, review_late_entry,
    save_checklist_template, save_inspection_template, set_appointment_status, set_inspection,
    set_item, sign_keys, start_handover, start_rectification, update_party, void_entry,
    void_handover,
)

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
