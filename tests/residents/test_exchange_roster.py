"""The roster workbook (房屋住户): buildings, units and residents; all or nothing; re-import changes nothing."""

from __future__ import annotations

from datetime import date

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from app.core.models import AuditEvent, Building, Resident, Unit, UnitResident
from app.domain.errors import PermissionDenied
from app.exchange.reader import WorkbookInvalid
from app.exchange import service as exchange
from app import residents

HEADER = ["楼栋", "单元", "房号", "建筑面积", "姓名", "身份", "联系电话", "入住日期", "备注"]
ROWS = [
    ["3", "2", "1502", 120.5, "张三", "业主", "138 0013 8000", date(2020, 5, 1), None],
    ["3栋", "2单元", "1502室", None, "张小三", "住户", None, None, None],  # same unit, a second resident
    ["5", None, "0801", 89.5, "张三", "业主", "13800138000", None, None],  # same person, a second unit
    ["A", "1", "101", 60, None, None, None, None, "空置"],  # a unit alone
    ["7", "1", "7-1-0302", 99, "𠮷田䶮", "租户", "0755-88886666", "2024-03-01", "租期一年"],
]


def roster(path, rows=ROWS, header=HEADER, sheet="房屋住户"):
    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    ws.append(header)
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path


def counts(ctx) -> dict:
    with ctx.read() as s:
        return {m.__name__: s.scalar(select(func.count()).select_from(m))
                for m in (Building, Unit, Resident, UnitResident, AuditEvent)}


def test_roster_creates_buildings_units_and_residents(admin_ctx, tmp_path):
    result = residents.import_roster(admin_ctx, roster(tmp_path / "r.xlsx"))
    assert (result.rows, result.buildings_created, result.units_created) == (5, 4, 4)
    assert (result.residents_created, result.links_created) == (3, 4)

    unit = residents.get_unit(admin_ctx, "3-2-1502")
    assert unit.floor_area == 120.5 and unit.residents == "张三(业主) 张小三(住户)"
    assert residents.get_unit(admin_ctx, "5-0801").residents == "张三(业主)"
    empty = residents.get_unit(admin_ctx, "A-1-101")
    assert empty.residents == "" and empty.note == "空置"
    zhang = residents.search_residents(admin_ctx, "张三")
    assert [(r.name, r.phone, r.units) for r in zhang if r.name == "张三"] == [
        ("张三", "13800138000", (("3-2-1502", "业主"), ("5-0801", "业主")))]
    assert residents.find_by_phone(admin_ctx, "0755 8888 6666")[0].name == "𠮷田䶮"
    assert residents.find_by_phone(admin_ctx, "0755 8888 6666")[0].unit_no == "7-1-0302"


def test_reimport_changes_nothing_and_a_change_is_applied(admin_ctx, tmp_path):
    path = roster(tmp_path / "r.xlsx")
    residents.import_roster(admin_ctx, path)
    before = counts(admin_ctx)
    again = residents.import_roster(admin_ctx, path)
    assert again.changed == 0
    assert counts(admin_ctx) == before  # not even an audit line

    changed = [list(r) for r in ROWS]
    changed[0][3] = 121.0  # area corrected
    changed[1][5] = "租户"  # 张小三 now a tenant
    result = residents.import_roster(admin_ctx, roster(tmp_path / "r2.xlsx", changed))
    assert (result.units_updated, result.links_updated, result.residents_created) == (1, 1, 0)
    assert residents.get_unit(admin_ctx, "3-2-1502").residents == "张三(业主) 张小三(租户)"


def test_known_resident_is_matched_by_name_and_phone(admin_ctx, tmp_path):
    residents.add_resident(admin_ctx, name="张三", phone="13800138000", unit_no="3-2-1502")
    result = residents.import_roster(admin_ctx, roster(tmp_path / "r.xlsx"))
    assert result.residents_created == 2 and result.links_created == 3  # 张三's tie to 3-2-1502 existed


def test_bad_roster_imports_nothing_and_lists_every_error(admin_ctx, tmp_path):
    rows = [list(r) for r in ROWS] + [
        ["8", "1", "0101", "很大", "李四", "业主", None, None, None],
        ["8", "1", "0102", None, "王五", "房东", None, None, None],
        ["8", "1", "0103", None, "赵六", "业主", "1380013800", None, None],
        ["8", "1", "0104", None, None, None, "13900139000", None, None],
        [None, "1", "0105", None, "钱七", "业主", None, None, None],
        ["8", "1", "0106", None, "孙八", "业主", None, "2024-02-30", None],
    ]
    before = counts(admin_ctx)
    with pytest.raises(WorkbookInvalid) as err:
        residents.import_roster(admin_ctx, roster(tmp_path / "bad.xlsx", rows))
    assert err.value.errors == [
        "房屋住户 / 第 7 行 / 建筑面积：“很大”不是数字",
        "房屋住户 / 第 8 行 / 身份：“房东”不是有效的值，应为 业主 / 住户 / 租户",
        "房屋住户 / 第 9 行 / 联系电话：“1380013800”不是有效的手机号或座机号",
        "房屋住户 / 第 10 行 / 姓名：填写了身份、联系电话或入住日期时必须填写姓名",
        "房屋住户 / 第 11 行 / 楼栋：必填，不能为空",
        "房屋住户 / 第 12 行 / 入住日期：“2024-02-30”不是有效的日期，应为 2026-11-22 这样的日期",
    ]
    assert str(err.value).startswith("名册有 6 处错误，未导入任何记录")
    assert counts(admin_ctx) == before


def test_missing_column_and_first_sheet(admin_ctx, tmp_path):
    path = roster(tmp_path / "r.xlsx", [r[:2] + r[3:] for r in ROWS], HEADER[:2] + HEADER[3:], sheet="Sheet1")
    with pytest.raises(WorkbookInvalid) as err:
        residents.import_roster(admin_ctx, path)
    assert err.value.errors == ["Sheet1 / 第 1 行 / 房号：缺少必需的列"]
    # Any sheet name works when it is the first one.
    result = residents.import_roster(admin_ctx, roster(tmp_path / "ok.xlsx", sheet="Sheet1"))
    assert result.units_created == 4


def test_receptionist_cannot_import_a_roster(ctx, tmp_path):
    with pytest.raises(PermissionDenied):
        residents.import_roster(ctx, roster(tmp_path / "r.xlsx"))
