"""FW-07 告知: one notice, by its number (e.g. GZ20261120001), for posting. It names no household."""

from __future__ import annotations

from app.desk.notices import get_notice
from app.forms.spec import FormData, FormSpec, Param


def provide(ctx, *, number: str) -> FormData:
    n = get_notice(ctx, number)
    values = {"number": n.number, "kind": n.kind, "title": n.title, "body": n.body, "target": n.target_text,
              "channels": n.channels, "published_at": n.published_at}
    return FormData(values, period_from=n.published_at.date(), period_to=n.published_at.date(), subject=n.number,
                    record_uuids=(n.uuid,))


FORM = FormSpec(
    key="notice", code="FW-07", name="告知", provide=provide,
    params=(Param.text("number", "告知编号", help="告知编号，如 GZ20261120001"),),
    help="打印一份告知（张贴用）", listed=False, order=116,
)
