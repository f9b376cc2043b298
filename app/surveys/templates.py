"""The site's questionnaire templates (问卷模板) and the survey settings. A site starts with
one template, :data:`DEFAULT_ITEMS`, and edits it (or adds others) like any record."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core import records, settings
from app.core.context import Context
from app.domain import validate as v
from app.domain.enums import Role
from app.surveys.models import SurveyTemplate
from app.surveys.rules import clean_items
from app.surveys.vocab import Scale

LOW_SCORE = settings.define("surveys.low_score", 80, "满意度调查：满意率低于此值（%）的项目需制定整改措施")
ARCHIVE_DAYS = settings.define("surveys.archive_days", 5, "满意度调查：结束后几个工作日内归档")
ACTION_DAYS = settings.define("surveys.action_days", 10, "满意度调查：整改措施默认期限（工作日）")

DEFAULT_NAME = "业主满意度调查问卷"
DEFAULT_INTRO = ("尊敬的业主/住户：为了解您对物业服务的评价，改进我们的工作，请您在每一项选出您的评价。"
                 "本问卷不记名，您的意见仅用于改进服务。谢谢您的支持！")
DEFAULT_ITEMS = (
    ("客服前台的服务态度与礼仪", Scale.ABC),
    ("来访来电接待与问题处理的及时性", Scale.ABC),
    ("投诉处理与回复", Scale.ABC),
    ("报修响应速度与维修质量", Scale.ABC),
    ("公共区域清洁卫生", Scale.ABC),
    ("绿化养护", Scale.ABC),
    ("小区安全秩序与门岗服务", Scale.ABC),
    ("停车管理", Scale.ABC),
    ("公共设施设备的维护", Scale.ABC),
    ("社区文化活动与信息告知", Scale.ABC),
    ("对物业服务的总体评价（1 很差 — 5 很好）", Scale.FIVE),
    ("您对物业服务的意见和建议", Scale.TEXT),
)


@dataclass(frozen=True)
class TemplateRow:
    id: int
    uuid: str
    version: int
    name: str
    intro: str | None
    items: tuple[tuple[str, str], ...]  # (text, scale) of the items in use, in order
    entries: tuple[tuple[str, str, bool], ...] = ()  # every item in order: (text, scale, retired)


def _row(t: SurveyTemplate) -> TemplateRow:
    return records.to_row(t, TemplateRow, items=tuple((e["text"], e["scale"]) for e in t.items if not e.get("retired")),
                          entries=tuple((e["text"], e["scale"], bool(e.get("retired"))) for e in t.items))


def ensure_default(ctx: Context, s: Session) -> SurveyTemplate:
    """The site's first template, created from :data:`DEFAULT_ITEMS` when it has none."""
    first = s.scalars(select(SurveyTemplate).where(SurveyTemplate.site_code == ctx.site.code,
                                                   SurveyTemplate.voided_at.is_(None))
                      .order_by(SurveyTemplate.id)).first()
    if first is None:
        first = records.create(ctx, s, SurveyTemplate, name=DEFAULT_NAME, intro=DEFAULT_INTRO,
                               items=clean_items(DEFAULT_ITEMS))
    return first


def list_templates(ctx: Context) -> list[TemplateRow]:
    """The site's templates (the default one is created on first use)."""
    ctx.require_actor()
    with ctx.unit_of_work() as s:
        ensure_default(ctx, s)
        rows = s.scalars(select(SurveyTemplate).where(SurveyTemplate.site_code == ctx.site.code,
                                                      SurveyTemplate.voided_at.is_(None)).order_by(SurveyTemplate.id))
        return [_row(t) for t in rows]


def save_template(ctx: Context, *, name: str, items: Iterable, intro: str | None = None,
                  uuid: str | None = None, expected_version: int | None = None) -> TemplateRow:
    """Add a template, or change one (``uuid`` and the version the user saw). 客服主管 and above.

    ``items`` in the order asked: ``(text, scale)`` or ``(text, scale, retired)``. An item is never
    taken out of a template, only retired (停用; an item left out is retired too): surveys already
    planned keep their own copy of the questionnaire, and the template still shows what was
    asked before."""
    ctx.require_role(Role.SUPERVISOR, "编辑问卷模板")
    name = v.text("模板名称", name, required=True, max_len=100, key="name")
    intro = v.text("问卷说明", intro, max_len=2000, key="intro")
    cleaned = clean_items(items)
    with ctx.unit_of_work() as s:
        if uuid is None:
            t = records.create(ctx, s, SurveyTemplate, name=name, intro=intro, items=cleaned)
        else:
            t = records.get_by_uuid(s, SurveyTemplate, uuid, "问卷模板")
            kept = {e["text"] for e in cleaned}
            cleaned += [{"text": e["text"], "scale": e["scale"], "retired": True}
                        for e in t.items if e["text"] not in kept]  # left out: retired, never deleted
            records.update(ctx, s, t, {"name": name, "intro": intro, "items": cleaned},
                           expected_version=expected_version, action="修改问卷模板")
        return _row(t)


def low_score(ctx: Context) -> float:
    return float(settings.get(ctx, LOW_SCORE))
