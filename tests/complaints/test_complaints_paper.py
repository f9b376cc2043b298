"""The supervisor's day on screen and on paper (KF-02) is one list: a past day reprinted after
later follow-ups still reads as it did that evening. KF-03 names each follow-up's subject the
way people file it (a repair's 单号, a complaint's 受理时间 and 投诉人)."""

import io
import re
from datetime import date, datetime, timedelta

from PySide6.QtCore import Qt
from pypdf import PdfReader

from app import complaints, repairs
from app.complaints import followups
from app.forms import printing
from ui.complaints.table_models import ReviewTableModel

TUESDAY = date(2026, 11, 17)


def _text(pdf: bytes) -> str:
    """The PDF's text without white space (table cells wrap anywhere)."""
    return re.sub(r"\s+", "", "".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(pdf)).pages))


def _receive(ctx, name, **kw):
    fields = dict(channel="来电", complainant=name, phone="13800138000", content=f"{name}反映车位被占",
                  category="停车")
    fields.update(kw)
    return complaints.receive(ctx, **fields)


def _screen_column(lines, title: str) -> dict[str, str]:
    """What the daily review table shows in one column, by complainant."""
    model = ReviewTableModel()
    model.set_rows(lines)
    col = next(c for c in range(model.columnCount()) if model.headerData(c, Qt.Orientation.Horizontal) == title)
    return {model.row_at(r).complaint.complainant: model.data(model.index(r, col)) for r in range(model.rowCount())}


def test_a_past_day_reads_the_same_on_screen_and_paper_after_later_follow_ups(ctx, clock):
    clock.set(datetime(2026, 11, 16, 9, 0))  # Monday: handled, followed up on Tuesday
    monday = _receive(ctx, "周一人")
    monday = complaints.record_result(ctx, monday.uuid, result="已挪车", expected_version=monday.version)
    clock.set(datetime(2026, 11, 17, 9, 0))  # Tuesday
    followups.record_follow_up(ctx, "投诉", monday.uuid, method="电话", content="车位已空出", feedback="满意")
    handled = _receive(ctx, "周二处理人")
    clock.set(datetime(2026, 11, 17, 11, 0))
    handled = complaints.record_result(ctx, handled.uuid, result="已联系车主挪车", expected_version=handled.version)
    clock.set(datetime(2026, 11, 17, 11, 30))
    _receive(ctx, "周二未结人")
    clock.set(datetime(2026, 11, 19, 10, 0))  # Thursday: Tuesday's complaint is followed up, dissatisfied
    followups.record_follow_up(ctx, "投诉", handled.uuid, method="上门", content="又被占了", feedback="不满意")
    clock.set(datetime(2026, 11, 20, 9, 0))  # Friday: the supervisor reprints Tuesday

    review = complaints.daily_review(ctx, TUESDAY)
    follow_up = {line.complaint.complainant: line.follow_up for line in review.lines}
    assert set(follow_up) == {"周一人", "周二处理人", "周二未结人"}
    # as of Tuesday evening: handled, the follow-up still to make (due Friday); Thursday's visit not yet made
    assert follow_up["周二处理人"] == "待回访（11-20前）"
    assert follow_up["周一人"] == "满意（11-17 电话）"
    assert follow_up["周二未结人"] == ""
    assert _screen_column(review.lines, "回访情况") == follow_up
    # its state and completion too, though the reopening has since cleared them on the record
    line = next(x for x in review.lines if x.complaint.complainant == "周二处理人")
    assert (line.status, line.completed_at, line.result, line.severity) == (
        "待回访", datetime(2026, 11, 17, 11, 0), "已联系车主挪车", "一般")
    assert (line.complaint.status, line.complaint.completed_at, line.complaint.severity) == ("处理中", None, "重要")
    assert _screen_column(review.lines, "状态")["周二处理人"] == "待回访"
    assert _screen_column(review.lines, "完成时间")["周二处理人"] == "11-17 11:00"

    text = _text(printing.render_form(ctx, "complaint-opinions", day=TUESDAY).pdf)
    for name, shown in follow_up.items():
        assert name in text
        assert re.sub(r"\s+", "", shown) in text
    assert "不满意" not in text and "11-19" not in text  # nothing of Thursday on Tuesday's paper
    assert re.sub(r"\s+", "", review.stats) in text
    assert "11-1711:00" in text and "已联系车主挪车" in text  # 完成时间 and 处理结果 of the line reopened since
    assert "重要" not in text  # 性质 was raised on Thursday
    assert (review.received, review.handled) == (2, 2)

    # Thursday's own list shows the dissatisfied visit, on screen and on paper alike
    thursday = complaints.daily_review(ctx, date(2026, 11, 19))
    shown = {line.complaint.complainant: line.follow_up for line in thursday.lines}
    assert shown["周二处理人"] == "不满意（11-19 上门）"
    assert "不满意（11-19上门）" in _text(printing.render_form(ctx, "complaint-opinions", day=date(2026, 11, 19)).pdf)


def test_follow_up_list_names_repairs_by_number_and_complaints_by_time_and_name(ctx, clock):
    clock.set(datetime(2026, 11, 17, 9, 5))
    c = _receive(ctx, "投诉人甲")
    c = complaints.record_result(ctx, c.uuid, result="已处理", expected_version=c.version)
    order = repairs.create_order(ctx, reporter="陈先生", unit_no="3栋2单元1502", phone="13800138000",
                                 content="厨房水龙头漏水", category="给排水")
    order = repairs.dispatch(ctx, order.number, "工程部", expected_version=order.version)
    clock.set(clock.now + timedelta(minutes=10))
    order = repairs.pick_up(ctx, order.number, "李师傅", expected_version=order.version)
    clock.set(clock.now + timedelta(minutes=50))
    order = repairs.complete(ctx, order.number, result="已更换阀芯", cost="35", expected_version=order.version)
    clock.set(datetime(2026, 11, 18, 10, 0))
    followups.record_follow_up(ctx, "投诉", c.uuid, method="电话", content="业主满意", feedback="满意")
    followups.record_follow_up(ctx, "维修", order.uuid, method="电话", content="不再漏水", feedback="较满意",
                               interviewee="陈先生")
    followups.record_follow_up(ctx, "日常走访", None, method="上门", content="例行走访", feedback="满意",
                               interviewee="刘女士")

    text = _text(printing.render_form(ctx, "follow-ups", date_from=date(2026, 11, 18), date_to=date(2026, 11, 18)).pdf)
    assert order.number.startswith("WX") and f"维修{order.number}" in text
    assert "投诉2026-11-1709:05投诉人甲" in text
    assert "日常走访" in text and "刘女士" in text
    for uuid in (c.uuid, order.uuid):
        assert uuid.replace("-", "")[:8].upper() not in text and uuid[:8] not in text
