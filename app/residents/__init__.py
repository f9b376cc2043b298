"""Residents and units (业主与房屋): buildings, units and residents, look-up by phone or unit,
and the roster workbook import."""

from app.residents.service import (
    BuildingRow, add_building, add_resident, add_unit, all_unit_codes, count_residents, count_units,
    ensure_unit, find_by_phone, get_resident, get_unit, link_resident, list_buildings, list_units,
    resident_ties, residents_of_unit, search_residents, unit_ties, unlink_resident, update_building,
    update_resident, update_unit, void_resident,
)
from app.residents.roster import import_roster

__all__ = [
    'BuildingRow', 'add_building', 'add_resident', 'add_unit', 'all_unit_codes', 'count_residents',
    'count_units', 'ensure_unit', 'find_by_phone', 'get_resident', 'get_unit', 'import_roster',
    'link_resident', 'list_buildings', 'list_units', 'resident_ties', 'residents_of_unit',
    'search_residents', 'unit_ties', 'unlink_resident', 'update_building', 'update_resident',
    'update_unit', 'void_resident',
]
