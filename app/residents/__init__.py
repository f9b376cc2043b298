"""Residents and units (业主与房屋): buildings, units and residents, look-up by phone or unit,
and the roster workbook import."""

from app.residents.buildings import BuildingRow, add_building, list_buildings, update_building
from app.residents.people import (
    PhoneMatch, ResidentRow, add_resident, count_residents, find_by_phone, get_resident, residents_of_unit,
    search_residents, update_resident, void_resident,
)
from app.residents.roster import import_roster
from app.residents.ties import TieRow, link_resident, resident_ties, unit_ties, unlink_resident
from app.residents.units import (
    UnitRow, add_unit, all_unit_codes, complete_unit, count_units, ensure_unit, get_unit, list_units, update_unit,
)

__all__ = [
    'BuildingRow', 'PhoneMatch', 'ResidentRow', 'TieRow', 'UnitRow', 'add_building', 'add_resident',
    'add_unit', 'all_unit_codes', 'complete_unit', 'count_residents', 'count_units', 'ensure_unit',
    'find_by_phone', 'get_resident', 'get_unit', 'import_roster', 'link_resident', 'list_buildings',
    'list_units', 'resident_ties', 'residents_of_unit', 'search_residents', 'unit_ties', 'unlink_resident',
    'update_building', 'update_resident', 'update_unit', 'void_resident',
]
