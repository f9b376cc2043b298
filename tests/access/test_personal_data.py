"""Personal data by role: a receptionist's resident list shows phones masked, the one being handled
in full, look-up by phone still works; an unmasked export needs 客服主管 and is logged;
--mask-phones also masks phone and ID numbers written in free text."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from app import reception, residents
from app.core import access, settings
from app.exchange import service as exchange
from app.domain.errors import PermissionDenied


@pytest.fixture
def people(supervisor_ctx):
    return [residents.add_resident(supervisor_ctx, name="李四", phone="13900139000", unit_no="5-1-0801"),
            residents.add_resident(supervisor_ctx, name="张三", phone="0755-88886666", unit_no="5-1-0802")]


def test_a_receptionists_resident_list_is_masked(ctx, people):
    assert [(r.name, r.phone) for r in residents.search_residents(ctx)] == [
        ("张三", "075*****6666"), ("李四", "139****9000")]


def test_a_supervisor_sees_the_list_in_full(supervisor_ctx, people):
    assert sorted(r.phone for r in residents.search_residents(supervisor_ctx)) == ["0755-88886666", "13900139000"]


def test_the_record_being_handled_and_the_phone_look_up_stay_whole(ctx, people):
    assert residents.get_resident(ctx, people[0].id).phone == "13900139000"
    assert [m.name for m in residents.find_by_phone(ctx, "139 0013 9000")] == ["李四"]
    assert [r.name for r in residents.search_residents(ctx, "13900139000")] == ["李四"]


def test_the_site_may_show_phones_to_receptionists(ctx, admin_ctx, people):
    settings.put(admin_ctx, access.ROLES_SETTING, {"residents.full_phone": "前台客服"})
    assert "13900139000" in [r.phone for r in residents.search_residents(ctx)]


def _written(path):
    wb = load_workbook(path, read_only=True)
    return "\n".join(str(v) for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for v in row if v)


def test_exports_by_role_and_free_text_masked(ctx, supervisor_ctx, clock, tmp_path):
    reception.create_contact(ctx, method="来电", name="甲", category="咨询", phone="13800138000",
                             content="业主留了新号码 13912345678，身份证 440301199001011234，请回电",
                             handling="已答复")
    day = clock.now.date()
    with pytest.raises(PermissionDenied, match="导出未遮盖电话"):
        exchange.export_workbook(ctx, day, day, tmp_path / "full.xlsx")
    masked = exchange.export_workbook(ctx, day, day, tmp_path / "masked.xlsx", mask_phones=True)
    text = _written(masked.path)
    for secret in ("13800138000", "13912345678", "440301199001011234"):
        assert secret not in text
    assert "139****5678" in text and "440301********1234" in text
    full = exchange.export_workbook(supervisor_ctx, day, day, tmp_path / "full.xlsx")
    assert "13912345678" in _written(full.path)
    log = exchange.list_exports(supervisor_ctx)
    assert [(e.actor, e.message) for e in log[:2]] == [("张敏", "未脱敏（含完整电话）"), ("王丽", "手机号已脱敏")]
