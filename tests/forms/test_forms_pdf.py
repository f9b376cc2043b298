"""Paper forms: what a reader finds in the PDFs (text, pages, headers, fonts), template
overrides, the three forms' data, the archive and the print log."""

from __future__ import annotations

import io
import logging
import re
from datetime import date, datetime, timedelta

import pytest
from pypdf import PdfReader

from app.complaints.models import Complaint, ComplaintProgress, FollowUp
from app.reception.models import ContactRecord
from app.domain.errors import ValidationError
from app.forms import fonts
from app.forms import printing
from app.core import records

DAY = date(2026, 11, 20)


# ------------------------------------------------------------------ helpers

def add_contact(ctx, at: datetime, **fields) -> ContactRecord:
    values = dict(received_at=at, method="来电", name="张三", unit_no="3-2-1502", phone="13800138000",
                  phone_digits="13800138000", category="咨询", content="咨询物业费", status="已完成",
                  received_by="王丽", handling_mode="当即处理", handling="已当场解答", completed_at=at)
    values.update(fields)
    with ctx.unit_of_work() as s:
        return records.create(ctx, s, ContactRecord, **values)


def add_complaint(ctx, at: datetime, **fields) -> Complaint:
    values = dict(received_at=at, channel="来访", complainant="李四", unit_no="1-1-101", phone="13900139000",
                  category="停车", severity="一般", validity="有效", content="车位被占用", status="已受理",
                  received_by="王丽", within_desk_scope=True, overdue=False, escalation_level=0, reopen_count=0,
                  created_at=at, updated_at=at)
    values.update(fields)
    with ctx.unit_of_work() as s:
        return records.create(ctx, s, Complaint, **values)


def add_follow_up(ctx, at: datetime, **fields) -> FollowUp:
    values = dict(visited_at=at, subject_type="投诉", subject_uuid=None, unit_no="2-1-301", interviewee="赵六",
                  phone="13700137000", method="电话", content="回访处理结果", feedback="满意", visitor="王丽")
    values.update(fields)
    with ctx.unit_of_work() as s:
        return records.create(ctx, s, FollowUp, **values)


def pages_text(pdf: bytes) -> list[str]:
    return [p.extract_text() or "" for p in PdfReader(io.BytesIO(pdf)).pages]


def flat(text: str) -> str:
    """Text without white space: wrapped cells break lines anywhere."""
    return re.sub(r"\s+", "", text)


def all_text(pdf: bytes) -> str:
    return flat("".join(pages_text(pdf)))


# ---------------------------------------------------------------- KF-01

def test_contact_log_prints_title_code_and_every_record(ctx):
    long_text = ("楼上装修噪音" * 833) + "最后十个字是结尾标记"
    assert len(long_text) >= 5000
    people = [("孙悟空", "1-1-101", "13811112222", "咨询快递柜位置"),
              ("猪八戒", "2-2-1202", "13933334444", "厨房水龙头漏水"),
              ("沙和尚", "3-1-502", "15055556666", long_text)]
    for i, (name, unit, phone, content) in enumerate(people):
        add_contact(ctx, datetime(2026, 11, 20, 9 + i, 15), name=name, unit_no=unit, phone=phone, content=content,
                    category="投诉" if i == 2 else "咨询")
    add_contact(ctx, datetime(2026, 11, 21, 9, 0), name="不该出现")  # another day

    r = printing.render_form(ctx, "contact-log", date_from=DAY, date_to=DAY)
    text = all_text(r.pdf)
    assert "业主来访来电接洽投诉记录表" in text
    assert "KF-01" in text
    assert "示例物业服务有限公司" in text and "阳光花园服务中心" in text
    for name, unit, phone, content in people:
        assert name in text and unit in text and phone in text
    assert "咨询快递柜位置" in text and "厨房水龙头漏水" in text
    assert long_text[-10:] in text  # the end of the 5,000-character complaint is printed
    # nothing cut off, nothing printed twice (a page break may fall inside the six characters)
    assert text.count("噪") == 833 and text.count("楼上装修噪音") >= 833 - r.pages
    assert "不该出现" not in text
    assert r.pages >= 2  # the long row continues on the next pages
    for n, page in enumerate(pages_text(r.pdf), 1):
        assert f"第{n}页共{r.pages}页" in flat(page)


def test_two_hundred_rows_span_pages_and_every_page_has_the_header(ctx):
    start = datetime(2026, 11, 20, 8, 0)
    with ctx.unit_of_work() as s:
        for i in range(200):
            at = start + timedelta(minutes=3 * i)
            records.create(ctx, s, ContactRecord, received_at=at, method="来访", name=f"住户{i:03d}",
                           unit_no=f"{i % 9 + 1}-1-{i % 30 + 1:02d}01", phone=f"138{i:08d}", phone_digits=f"138{i:08d}",
                           category="咨询", content=f"第{i:03d}号事由：咨询停车月卡办理流程和收费标准", status="已完成",
                           received_by="王丽", handling_mode="当即处理", handling="已解答", completed_at=at)
    r = printing.render_form(ctx, "contact-log", date_from=DAY, date_to=DAY)
    texts = pages_text(r.pdf)
    assert len(texts) == r.pages >= 4
    for n, page in enumerate(texts, 1):
        p = flat(page)
        for label in ("序号", "日期时间", "事由/内容", "处理情况", "完成时间"):
            assert label in p, f"page {n} lacks header {label}"
        assert f"第{n}页共{len(texts)}页" in p
        assert "KF-01" in p
    whole = "".join(flat(t) for t in texts)
    assert all(f"住户{i:03d}" in whole for i in range(200))
    # signature lines at the end, on the last page
    assert "客服主管审核" in flat(texts[-1]) and "接待人签字" in flat(texts[-1])


def test_empty_period_prints_one_row_saying_so(ctx):
    r = printing.render_form(ctx, "contact-log", date_from=DAY, date_to=DAY)
    text = all_text(r.pdf)
    assert "本期无记录" in text
    assert "接待人签字" in text
    assert r.pages == 1


def test_pdf_embeds_a_truetype_subset(ctx):
    add_contact(ctx, datetime(2026, 11, 20, 10, 0))
    r = printing.render_form(ctx, "contact-log", date_from=DAY, date_to=DAY)
    reader = PdfReader(io.BytesIO(r.pdf))
    embedded = []
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            desc = font.get("/FontDescriptor")
            if desc is not None and "/FontFile2" in desc.get_object():
                embedded.append(str(font["/BaseFont"]))
    assert embedded, "no embedded TrueType font"
    assert all(re.match(r"^/?[A-Z]{6}\+", name) for name in embedded), embedded  # subset tag


def test_a_character_outside_the_font_stays_readable(ctx, caplog):
    main = fonts.find_main(None)
    rare = "\U00020BB7"  # 𠮷 (CJK Ext-B), not in WenQuanYi Zen Hei
    emoji = "\U0001F600"
    add_contact(ctx, datetime(2026, 11, 20, 10, 0), name=f"{rare}野家", content=f"业主很满意{emoji}谢谢")
    caplog.set_level(logging.INFO)
    r = printing.render_form(ctx, "contact-log", date_from=DAY, date_to=DAY)
    text = all_text(r.pdf)
    for ch, rest in ((rare, "野家"), (emoji, "谢谢")):
        if ord(ch) in main.cmap:
            assert ch in text
            continue
        # drawn with a fallback font that has it, or printed as a visible code
        assert f"{ch}{rest}" in text or f"[U+{ord(ch):04X}]{rest}" in text
        assert f"{ord(ch):04X}" in caplog.text  # and logged
    assert "业主很满意" in text
    assert any("U+20BB7" in w or rare in w for w in r.warnings)


def test_a_character_the_main_font_lacks_is_drawn_with_a_fallback_font(ctx):
    main = fonts.find_main(None)
    sample = "\u263A"  # ☺
    if ord(sample) in main.cmap:
        pytest.skip("the main font already has the sample character")
    fallback = [p for p, _, _ in fonts.fallback_candidates() if p.is_file()]
    if not fallback:
        pytest.skip("no fallback font installed")
    add_contact(ctx, datetime(2026, 11, 20, 10, 0), content=f"谢谢{sample}再见")
    r = printing.render_form(ctx, "contact-log", date_from=DAY, date_to=DAY)
    if sample in r.missing_chars:
        pytest.skip("no installed fallback font has the sample character")
    assert f"谢谢{sample}再见" in all_text(r.pdf)
    assert sample in r.replaced_chars


def test_no_usable_font_tells_what_to_install(ctx, monkeypatch):
    monkeypatch.setattr(fonts, "candidates", lambda configured=None: [])
    with pytest.raises(fonts.FontNotFound) as err:
        printing.render_form(ctx, "contact-log", date_from=DAY, date_to=DAY)
    assert "fonts-wqy-zenhei" in str(err.value) and "simsun.ttc" in str(err.value)


def test_font_setting_is_used_and_a_bad_one_refused(supervisor_ctx, tmp_path):
    main = fonts.find_main(None)
    printing.set_font(supervisor_ctx, main.choice.path)
    assert printing.font_status(supervisor_ctx).configured == main.choice.path
    not_a_font = tmp_path / "x.ttf"
    not_a_font.write_bytes(b"not a font")
    with pytest.raises(ValidationError) as err:
        printing.set_font(supervisor_ctx, str(not_a_font))
    assert "表单字体" in str(err.value)
    assert printing.font_status(supervisor_ctx).configured == main.choice.path  # unchanged


# ------------------------------------------------------------ templates

def test_site_template_changes_a_label_and_the_code(ctx):
    add_contact(ctx, datetime(2026, 11, 20, 10, 0))
    from app.config import BUNDLED_TEMPLATES

    text = (BUNDLED_TEMPLATES / "contact-log.toml").read_text(encoding="utf-8")
    text = text.replace('code = "KF-01"', 'code = "SG-KF-01A"').replace('label = "事由/内容"', 'label = "来访事由"')
    ctx.paths.templates.mkdir(parents=True, exist_ok=True)
    (ctx.paths.templates / "contact-log.toml").write_text(text, encoding="utf-8")
    r = printing.render_form(ctx, "contact-log", date_from=DAY, date_to=DAY)
    out = all_text(r.pdf)
    assert r.code == "SG-KF-01A" and "SG-KF-01A" in out
    assert "来访事由" in out and "事由/内容" not in out
    assert r.warnings == ()
    assert printing.available_forms(ctx)[0].overridden


@pytest.mark.parametrize("broken, reason", [
    ('code = "KF-01"\ntitle = "x"\n[[blocks]]\ntype = "table"\nsource = "rows"\ncolumns = [ { key = "a", width = "wide" } ]\n',
     "width 应为数字"),
    ('code = "KF-01"\ntitle = "未闭合\n', "格式错误"),
    ('code = "KF-01"\ntitle = "x"\n[[blocks]]\ntype = "picture"\n', "type 应为"),
])
def test_broken_site_template_falls_back_with_a_message(ctx, broken, reason):
    ctx.paths.templates.mkdir(parents=True, exist_ok=True)
    path = ctx.paths.templates / "contact-log.toml"
    path.write_text(broken, encoding="utf-8")
    r = printing.render_form(ctx, "contact-log", date_from=DAY, date_to=DAY)
    assert r.code == "KF-01"
    assert "业主来访来电接洽投诉记录表" in all_text(r.pdf)
    assert len(r.warnings) == 1
    assert str(path) in r.warnings[0] and reason in r.warnings[0] and "内置模板" in r.warnings[0]


def test_bad_period_is_refused_with_the_field_name(ctx):
    with pytest.raises(ValidationError) as err:
        printing.render_form(ctx, "contact-log", date_from=date(2026, 11, 21), date_to=DAY)
    assert "日期" in str(err.value)
    with pytest.raises(ValidationError):
        printing.render_form(ctx, "complaint-opinions")


# ---------------------------------------------------------------- KF-02

def test_complaint_opinions_lists_the_days_complaints_and_the_sign_off(ctx, supervisor_ctx):
    at = datetime(2026, 11, 20, 10, 0)
    today = add_complaint(ctx, at, complainant="当日投诉人", content="楼道垃圾两天没人清理", opinion="通知环境部当日清理",
                          department="环境部", result="已清理", completed_at=at + timedelta(hours=3), status="待回访",
                          reviewer="张敏", reviewed_at=datetime(2026, 11, 20, 17, 30), review_opinion="处理及时，同意")
    add_complaint(ctx, at - timedelta(days=3), complainant="仍未处理人", status="处理中",
                  due_at=at - timedelta(days=1))  # open and overdue
    changed = add_complaint(ctx, at - timedelta(days=5), complainant="当日有进展人", status="处理中",
                            completed_at=None)
    with ctx.unit_of_work() as s:
        s.add(ComplaintProgress(complaint_id=changed.id, at=at, note="已联系施工方", site_code="DEMO", created_at=at,
                                created_by="王丽", updated_at=at, updated_by="王丽"))
    add_complaint(ctx, at - timedelta(days=4), complainant="早已关闭人", status="已关闭",
                  completed_at=at - timedelta(days=3), updated_at=at - timedelta(days=3))
    add_complaint(ctx, at - timedelta(days=2), complainant="已作废人", status="已作废",
                  voided_at=at - timedelta(days=1), voided_by="张敏", void_reason="重复登记")
    add_complaint(ctx, at + timedelta(days=1), complainant="次日投诉人")

    r = printing.render_form(ctx, "complaint-opinions", day=DAY)
    text = all_text(r.pdf)
    assert "住户投诉处理意见表" in text and "KF-02" in text
    for name in ("当日投诉人", "仍未处理人", "当日有进展人"):
        assert name in text
    for name in ("早已关闭人", "已作废人", "次日投诉人"):
        assert name not in text
    assert "楼道垃圾两天没人清理" in text and "通知环境部当日清理" in text and "已联系施工方" in text
    assert "当日投诉1件/已处理1件/超时1件" in text
    # the supervisor's sign-off, printed where the ink signature goes
    assert "处理及时，同意" in text
    assert "审核人签字：张敏" in text
    assert "2026-11-2017:30" in text
    assert today.uuid  # used


def test_complaint_opinions_prints_the_days_sign_off(ctx):
    models = pytest.importorskip("app.complaints.models")
    if not hasattr(models, "ComplaintDailyReview"):
        pytest.skip("no daily review record yet")
    add_complaint(ctx, datetime(2026, 11, 20, 11, 0), reviewer="别人", review_opinion="单条意见")
    with ctx.unit_of_work() as s:
        records.create(ctx, s, models.ComplaintDailyReview, day=DAY, opinion="当日投诉均已妥善处理",
                       reviewer="张敏", reviewer_username="zhangmin", reviewed_at=datetime(2026, 11, 20, 18, 5),
                       complaint_count=1, handled_count=0, overdue_count=0)
    text = all_text(printing.render_form(ctx, "complaint-opinions", day=DAY).pdf)
    assert "当日投诉均已妥善处理" in text and "审核人签字：张敏" in text and "2026-11-2018:05" in text
    assert "单条意见" not in text


def test_complaint_opinions_without_sign_off_leaves_the_box_empty(ctx):
    add_complaint(ctx, datetime(2026, 11, 20, 11, 0))
    r = printing.render_form(ctx, "complaint-opinions", day=DAY)
    text = all_text(r.pdf)
    assert "客服主管审核意见" in text and "审核人签字" in text
    assert "张敏" not in text


# ---------------------------------------------------------------- KF-03

def test_follow_ups_print_feedback_letters(ctx):
    c = add_complaint(ctx, datetime(2026, 11, 18, 9, 0), status="已关闭")
    add_follow_up(ctx, datetime(2026, 11, 20, 15, 0), subject_uuid=c.uuid, interviewee="周八", feedback="较满意",
                  content="业主确认车位已清空")
    add_follow_up(ctx, datetime(2026, 11, 19, 15, 0), interviewee="昨日受访人")
    r = printing.render_form(ctx, "follow-ups", date_from=DAY, date_to=DAY)
    text = all_text(r.pdf)
    assert "回访记录表" in text and "KF-03" in text
    assert "周八" in text and "B较满意" in text and "业主确认车位已清空" in text
    # 关联单号: the complaint as KF-02 lists it (受理时间, 投诉人), not a fragment of its UUID
    assert "投诉2026-11-1809:00李四" in text and c.uuid.replace("-", "")[:8].upper() not in text
    assert "昨日受访人" not in text
    assert "受访人签字" in text


# ------------------------------------------------------- archive and log

def test_print_archives_under_year_month_and_logs(ctx, tmp_path):
    add_contact(ctx, datetime(2026, 11, 20, 10, 0))
    out = tmp_path / "out" / "kf01"
    rendered, logged, written = printing.print_form(ctx, "contact-log", out=out, date_from=DAY, date_to=DAY)
    assert written.name == "kf01.pdf" and written.read_bytes() == rendered.pdf
    archived = ctx.paths.archive / "2026" / "11"
    files = list(archived.glob("*.pdf"))
    assert len(files) == 1 and str(files[0]) == logged.archive_path
    assert files[0].name.startswith("KF-01_业主来访来电接洽投诉记录表_2026-11-20")
    rows = printing.print_log(ctx)
    assert len(rows) == 1
    row = rows[0]
    assert (row.actor, row.form_code, row.period_from, row.period_to, row.pages) == \
        ("王丽", "KF-01", DAY, DAY, rendered.pages)
    assert row.at == datetime(2026, 11, 20, 9, 0)
    # printing twice keeps both copies
    printing.print_form(ctx, "contact-log", date_from=DAY, date_to=DAY)
    assert len(list(archived.glob("*.pdf"))) == 2
    assert len(printing.print_log(ctx)) == 2


def test_copy_template_for_the_site(supervisor_ctx, ctx):
    path = printing.copy_template(supervisor_ctx, "follow-ups")
    assert path.parent == supervisor_ctx.paths.templates and path.read_text(encoding="utf-8").startswith("#")
    with pytest.raises(ValidationError):
        printing.copy_template(supervisor_ctx, "follow-ups")  # never overwritten
    from app.domain.errors import PermissionDenied

    with pytest.raises(PermissionDenied):
        printing.copy_template(ctx, "contact-log")
