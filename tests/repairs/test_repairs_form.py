"""KF-04 维修工作单: one order on one page, every field and both signature lines; by CLI too."""

from __future__ import annotations

import io
import re
from datetime import timedelta

from pypdf import PdfReader

from app.cli import main
from app.forms import printing
from app import repairs


def _text(pdf: bytes) -> str:
    """Text without white space: wrapped cells break lines anywhere."""
    return re.sub(r"\s+", "", "".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(pdf)).pages))


def _closed_order(ctx, clock, content="卫生间天花板渗水，楼上漏下来"):
    o = repairs.create_order(ctx, reporter="陈先生", unit_no="3-2-1502", phone="13800138000", content=content,
                             category="渗漏水", urgency="紧急")
    o = repairs.dispatch(ctx, o.uuid, "工程部", expected_version=o.version)
    clock.set(clock.now + timedelta(minutes=10))
    o = repairs.pick_up(ctx, o.uuid, "李师傅", expected_version=o.version)
    clock.set(clock.now + timedelta(hours=2))
    o = repairs.complete(ctx, o.uuid, result="楼上卫生间防水层破损，已重做防水并闭水试验 24 小时",
                         materials="防水涂料 2 桶", cost=260, expected_version=o.version)
    clock.set(clock.now + timedelta(hours=20))
    return repairs.record_follow_up(ctx, o.uuid, content="业主确认不再渗水", feedback="较满意",
                                    expected_version=o.version)


def test_kf04_prints_the_whole_order_and_the_signature_lines(ctx, clock):
    o = _closed_order(ctx, clock)
    r = printing.render_form(ctx, "work-order", number=o.number)
    assert r.pages == 1 and r.code == "KF-04"
    text = _text(r.pdf)
    for expected in ("KF-04", "维修工作单", "示例物业服务有限公司", "阳光花园服务中心", "单号", o.number,
                     "报修时间", "2026-11-2009:00", "报修人", "陈先生", "房号", "3-2-1502", "联系电话", "13800138000",
                     "报修内容", "卫生间天花板渗水，楼上漏下来", "类别", "渗漏水", "紧急程度", "紧急",
                     "派工时间", "派工至", "工程部", "接单人", "李师傅", "完成时间", "2026-11-2011:10",
                     "维修结果", "楼上卫生间防水层破损，已重做防水并闭水试验24小时", "材料及费用", "防水涂料2桶；260.00元",
                     "回访结果", "较满意", "业主确认不再渗水", "业主确认签名", "维修人员签字", "第1页共1页"):
        assert expected in text, expected
    assert r.subject == o.number


def test_kf04_of_a_new_order_leaves_the_worker_lines_blank_and_wraps_long_text(ctx):
    long = "厨房水槽下方的下水管接口处一直滴水，" * 30
    o = repairs.create_order(ctx, reporter="李女士", content=long, category="给排水")
    r = printing.render_form(ctx, "work-order", number=o.number.lower())
    text = _text(r.pdf)
    assert re.sub(r"\s+", "", long) in text  # nothing cut off
    assert "公共区域" in text and "待派工" in text and "业主确认签名" in text


def test_cli_prints_a_work_order(ctx, clock, db_url, tmp_path, capsys):
    o = _closed_order(ctx, clock)
    home = str(ctx.paths.home)
    out = tmp_path / "wo.pdf"
    assert main(["--home", home, "--db", db_url, "print", "work-order", "--number", o.number, "--out", str(out)]) == 0
    assert o.number in _text(out.read_bytes()) and "维修工作单" in _text(out.read_bytes())
    capsys.readouterr()
    assert main(["--home", home, "--db", db_url, "print", "work-order", "--number", "WX20990101001"]) == 2
    assert capsys.readouterr().err.strip() == "错误：找不到维修工单 WX20990101001"
