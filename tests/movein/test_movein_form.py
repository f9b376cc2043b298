"""RH-01 房屋交付验收单 for one unit: what the owner, the inspector and the desk sign."""

from __future__ import annotations

import io
import re
from datetime import date

from pypdf import PdfReader

from app.cli import main
from app import movein as mi
from app.forms import printing
from tests.movein.test_movein_service import _inspect_all, _start, _tick_all


def _text(pdf: bytes) -> str:
    return re.sub(r"\s+", "", "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages))


def _ticks(pdf: bytes) -> int:
    """Ticked boxes: the engine draws each tick with a 1.2 pt line (an empty box has none)."""
    return sum(p.get_contents().get_data().count(b"1.2 w") for p in PdfReader(io.BytesIO(pdf)).pages)


def _handover(ctx):
    data = _start(ctx, party_kind="受托人", receiver_name="李四", owner_name="张三", owner_phone="13800138000")
    contract = next(i for i in data.checklist if i.item == "购房合同")
    data = _tick_all(ctx, data, skip=("购房合同", "防火责任书"))
    data = mi.set_item(ctx, data.uuid, contract.id, "不适用", note="开发商代管")
    data = mi.add_fee(ctx, data.uuid, item="物业服务费", amount="3600", receipt_no="SJ-000123")
    data = mi.add_meter_reading(ctx, data.uuid, kind="水", meter_no="W2026-1502", reading="12.5")
    data = mi.add_meter_reading(ctx, data.uuid, kind="电", meter_no="E8810-1502", reading="230.75")
    data = mi.add_key(ctx, data.uuid, kind="入户门", count=3, signed=True)
    data = mi.add_key(ctx, data.uuid, kind="信报箱", count=1, signed=True)
    data = mi.add_defect(ctx, data.uuid, room="卫生间", item="防水", description="闭水试验楼下天花渗水",
                         severity="严重", responsible="施工单位")
    return _inspect_all(ctx, data)


def test_rh01_holds_ticks_fees_readings_keys_defects_and_signature_lines(ctx):
    data = _handover(ctx)
    before = printing.render_form(ctx, "move-in", unit="3栋2单元1502")
    done = [i for i in data.checklist if i.applicable and i.status == "已完成"]
    assert _ticks(before.pdf) == len(done)
    fire = next(i for i in data.checklist if i.item == "防火责任书")
    data = mi.set_item(ctx, data.uuid, fire.id, "已完成")
    data = mi.require_rectification(ctx, data.uuid, deadline=date(2026, 12, 5))
    r = printing.render_form(ctx, "move-in", unit="3-2-1502")
    assert _ticks(r.pdf) == len(done) + 1
    text = _text(r.pdf)
    for expected in (
        "RH-01", "房屋交付验收单", "示例物业服务有限公司", "阳光花园服务中心", "房号：3-2-1502",
        "受托人（凭经公证的授权委托书）", "委托人张三", "接收人李四",
        "经公证的授权委托书已核验（王丽核验）", "双方身份证件复印件已留存（王丽核验）",
        "入伙通知书", "购房合同（不适用：开发商代管）", "业主临时管理规约", "住宅装修管理协议", "防火责任书", "业主手册",
        "物业服务费", "3600.00", "SJ-000123", "收费合计：3600.00元",
        "水表W2026-1502", "12.5", "电表E8810-1502", "230.75", "2026-11-20",
        "入户门3已签收", "信报箱1已签收",
        "卫生间", "防水", "闭水试验楼下天花渗水", "严重", "施工单位", "已登记",
        "交付结果需整改（1项缺陷未销项）", "整改期限2026-12-05",
        "业主签字", "验房人签字", "客服签字", "日期",
    ):
        assert expected in text, expected
    assert "租户管理服务协议书" not in text  # not the tenant's agreement on an owner's handover
    assert "身份证号" not in text
    assert r.subject == "3-2-1502" and r.code == "RH-01"


def test_cli_prints_rh01_and_names_an_unknown_unit(ctx, db_url, tmp_path, capsys):
    _handover(ctx)
    out = tmp_path / "rh01.pdf"
    home = str(ctx.paths.home)
    assert main(["--home", home, "--db", db_url, "print", "move-in", "--unit", "3-2-1502", "--out", str(out)]) == 0
    assert "RH-01" in capsys.readouterr().out
    assert "闭水试验楼下天花渗水" in _text(out.read_bytes())
    assert main(["--home", home, "--db", db_url, "print", "move-in", "--unit", "9-9-9999"]) == 2
    assert capsys.readouterr().err.strip() == "错误：9-9-9999 还没有入伙记录"
