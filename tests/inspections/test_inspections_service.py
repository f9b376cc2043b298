"""Supervision inspections: the seeded standard, scoring by hand equals the application's score,
an 一级指标 never below zero, rectification with re-check, photos, the editable standard, trends."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from app import inspections as insp
from app.domain.errors import InvalidTransition, PermissionDenied, ValidationError
from app.inspections import InspectionStatus, RectifyStatus

DAY = date(2026, 11, 20)


def _item(ctx, indicator: str, item: str):
    ind = next(i for i in insp.standard(ctx) if i.name == indicator)
    return next(x for x in ind.items if x.name == item)


def test_seeded_standard_is_the_documented_one(supervisor_ctx):
    std = insp.standard(supervisor_ctx)
    assert sum(i.points_cp for i in std) == 10000  # 100 分
    first = std[0]
    assert (first.name, first.points_cp) == ("行为规范", 1000)
    etiquette = first.items[0]
    assert etiquette.name == "服务礼仪" and etiquette.method == "现场抽查各类人员"
    assert etiquette.criteria[1] == "电话三响内接听，及时记录并重复、确认内容"
    assert etiquette.deduction_text == "一人一个问题点扣0.3分"
    handover = next(i for i in std if i.name == "房屋交付")
    assert handover.points_cp == 1000 and handover.items[0].deduction_text == "一个问题点扣0.5分"
    assert next(i for i in std if i.name == "装修服务").points_cp == 1400
    assert len(insp.standard(supervisor_ctx)) == len(std)  # seeded once


def test_inspection_scored_by_hand_equals_the_application(supervisor_ctx):
    ins = insp.start_inspection(supervisor_ctx, inspected_on=DAY, inspector="总部品质部 陈静", area="客服前台及档案室")
    assert ins.inspection_no == "DD2026-001" and ins.score_cp == ins.total_cp == 10000
    etiquette = _item(supervisor_ctx, "行为规范", "服务礼仪")  # 0.3 per person per problem
    prep = _item(supervisor_ctx, "房屋交付", "交付准备")  # 0.5 per problem
    reno = _item(supervisor_ctx, "装修服务", "装修管理")  # 0.5 per problem
    insp.add_finding(supervisor_ctx, ins.uuid, item_uuid=etiquette.uuid, problems=2, persons=3,
                     criterion="见面微笑、主动问好、起身服务", note="三名前台未起身")
    insp.add_finding(supervisor_ctx, ins.uuid, item_uuid=prep.uuid, problems=1, note="缺少例会纪要")
    insp.add_finding(supervisor_ctx, ins.uuid, item_uuid=reno.uuid, problems=3, note="三户巡查漏记")
    row = insp.get_inspection(supervisor_ctx, ins.uuid)
    # by hand: 行为规范 10 − 0.3×2×3 = 8.2; 房屋交付 10 − 0.5 = 9.5; 装修服务 14 − 1.5 = 12.5; others full
    by_name = {s.name: s.score_cp for s in row.scores}
    assert (by_name["行为规范"], by_name["房屋交付"], by_name["装修服务"]) == (820, 950, 1250)
    assert row.score_cp == 10000 - 180 - 50 - 150 == 9620
    assert insp.points_text(row.score_cp) == "96.2"
    assert [f.deduction_cp for f in row.findings] == [180, 50, 150]


def test_deductions_never_take_an_indicator_below_zero(supervisor_ctx):
    ins = insp.start_inspection(supervisor_ctx, inspected_on=DAY, inspector="陈静", area="前台")
    etiquette = _item(supervisor_ctx, "行为规范", "服务礼仪")
    dress = _item(supervisor_ctx, "行为规范", "仪容仪表")
    insp.add_finding(supervisor_ctx, ins.uuid, item_uuid=etiquette.uuid, problems=5, persons=6)  # 9 分
    insp.add_finding(supervisor_ctx, ins.uuid, item_uuid=dress.uuid, problems=2, persons=4)  # 2.4 分
    row = insp.get_inspection(supervisor_ctx, ins.uuid)
    behaviour = next(s for s in row.scores if s.name == "行为规范")
    assert behaviour.deducted_cp == 1140 and behaviour.score_cp == 0 and behaviour.lost_cp == 1000
    assert row.score_cp == 9000  # the other 90 分 untouched: not 100 − 11.4
    voided = insp.void_finding(supervisor_ctx, row.findings[1].uuid, "录入错误")
    assert next(s for s in voided.scores if s.name == "行为规范").score_cp == 100
    assert voided.score_cp == 9100


def test_rectification_deadline_recheck_and_completion(ctx, supervisor_ctx, clock):
    ins = insp.start_inspection(supervisor_ctx, inspected_on=DAY, inspector="陈静", area="前台")
    prep = _item(supervisor_ctx, "房屋交付", "交付准备")
    f = insp.add_finding(supervisor_ctx, ins.uuid, item_uuid=prep.uuid, owner="王丽")
    assert f.deadline == date(2026, 11, 27) and f.rectify_status == RectifyStatus.OPEN  # 5 working days
    done = insp.complete_inspection(supervisor_ctx, ins.uuid, site_signer="张敏", summary="整体良好")
    assert done.status == InspectionStatus.DONE
    with pytest.raises(InvalidTransition):
        insp.add_finding(supervisor_ctx, ins.uuid, item_uuid=prep.uuid)
    insp.rectify(ctx, f.uuid, "已补齐例会纪要")
    clock.set(datetime(2026, 11, 30, 10, 0))
    assert insp.open_rectifications(ctx)[0].overdue
    with pytest.raises(ValidationError, match="新整改期限"):
        insp.recheck_finding(supervisor_ctx, f.uuid, "不合格")
    again = insp.recheck_finding(supervisor_ctx, f.uuid, "不合格", note="纪要未签字", new_deadline=date(2026, 12, 4))
    assert again.rectify_status == RectifyStatus.FAILED and again.deadline == date(2026, 12, 4) and not again.overdue
    passed = insp.recheck_finding(supervisor_ctx, f.uuid, "合格")
    assert passed.rectify_status == RectifyStatus.DONE and passed.rechecked_by == "张敏"
    assert insp.open_rectifications(ctx) == []
    with pytest.raises(PermissionDenied):
        insp.recheck_finding(ctx, f.uuid, "合格")


def test_photos_are_copied_under_the_attachments(supervisor_ctx, tmp_path):
    photo = tmp_path / "现场.jpg"
    photo.write_bytes(b"\xff\xd8\xff\xe0jpeg")
    ins = insp.start_inspection(supervisor_ctx, inspected_on=DAY, inspector="陈静", area="前台")
    f = insp.add_finding(supervisor_ctx, ins.uuid, item_uuid=_item(supervisor_ctx, "服务环境", "前台环境").uuid,
                         photos=[str(photo)])
    assert f.photos == (f"inspections/DD2026-001/{f.uuid[:8]}-1.jpg",)
    assert (supervisor_ctx.paths.attachments / f.photos[0]).read_bytes() == photo.read_bytes()
    notes = tmp_path / "记录.docx"
    notes.write_bytes(b"PK")
    with pytest.raises(ValidationError, match="记录.docx 不是照片文件"):
        insp.add_photos(supervisor_ctx, f.uuid, [str(notes)])
    more = insp.add_photos(supervisor_ctx, f.uuid, [str(photo)])
    assert more.photos[1].endswith("-2.jpg")


def test_the_site_edits_its_standard_and_past_scores_stay(supervisor_ctx, manager_ctx):
    ins = insp.start_inspection(supervisor_ctx, inspected_on=DAY, inspector="陈静", area="前台")
    with pytest.raises(PermissionDenied):
        insp.save_indicator(supervisor_ctx, name="新指标", points="5")
    behaviour = insp.standard(manager_ctx)[0]
    insp.save_indicator(manager_ctx, uuid=behaviour.uuid, expected_version=behaviour.version, name="行为规范",
                        points="12")
    new = insp.save_indicator(manager_ctx, name="社区文化", points="4")
    item = insp.save_item(manager_ctx, indicator_uuid=new.uuid, name="活动组织", criteria="每季度一次社区活动\n活动有记录",
                          method="查看相关文件及记录", basis="每个问题点", deduct="0.5")
    assert item.criteria == ("每季度一次社区活动", "活动有记录")
    with pytest.raises(ValidationError, match="扣分"):
        insp.save_item(manager_ctx, indicator_uuid=new.uuid, name="x", criteria="y", method="m", basis="每个问题点",
                       deduct="0.555")
    assert insp.get_inspection(supervisor_ctx, ins.uuid).total_cp == 10000
    assert insp.start_inspection(supervisor_ctx, inspected_on=DAY, inspector="陈静", area="前台").total_cp == 10600
    with pytest.raises(ValidationError, match="本次检查开始后"):
        insp.add_finding(supervisor_ctx, ins.uuid, item_uuid=item.uuid)
    insp.remove(manager_ctx, new.uuid, "不再考核")
    assert "社区文化" not in [i.name for i in insp.standard(manager_ctx)]


def test_trend_lists_completed_inspections_oldest_first(supervisor_ctx):
    for day, problems in ((date(2026, 9, 15), 4), (date(2026, 10, 15), 2), (date(2026, 11, 16), 1)):
        ins = insp.start_inspection(supervisor_ctx, inspected_on=day, inspector="陈静", area="前台")
        insp.add_finding(supervisor_ctx, ins.uuid, item_uuid=_item(supervisor_ctx, "投诉处理", "投诉受理").uuid,
                         problems=problems)
        insp.complete_inspection(supervisor_ctx, ins.uuid, site_signer="张敏")
    insp.start_inspection(supervisor_ctx, inspected_on=DAY, inspector="陈静", area="前台")  # still open
    points = insp.trend(supervisor_ctx)
    assert [p.score_cp for p in points] == [9800, 9900, 9950]
    assert [p.inspected_on.month for p in points] == [9, 10, 11]
    assert dict((n, s) for n, s, _ in points[0].by_indicator)["投诉处理"] == 1200
