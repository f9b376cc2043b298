"""Opening a 工作台 line on its module's page: the page is shown and, where the page can open
one record, that record is opened (a complaint, a contact, a handover, a repair order)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget


def open_line(window: QWidget, line) -> None:
    show_page = getattr(window, "show_page", None)
    if show_page is None:
        return
    target = line.target
    if target == "followups" and line.kind == "投诉":
        target = "complaints"  # a complaint awaiting its follow-up opens as the complaint
    elif target == "followups" and line.kind == "维修":
        target = "repairs"
    page = show_page(target)
    if line.uuid is None:
        return
    if target == "complaints" and hasattr(page, "open_complaint"):
        page.open_complaint(line.uuid)
    elif target == "reception" and line.kind == "转告":
        if hasattr(page, "tabs") and hasattr(page, "relay"):
            page.tabs.setCurrentWidget(page.relay)
    elif target == "reception" and hasattr(page, "open_record"):
        page.open_record(line.uuid)
    elif target == "movein" and hasattr(page, "open_handover"):
        page.open_handover(uuid=line.uuid)
    elif target == "repairs":
        _select_repair(page, line)


def _select_repair(page, line) -> None:
    """The repairs page: an order selected in 维修工单, a 报修 selected in 报修待转工单."""
    tabs = getattr(page, "tabs", None)
    target = getattr(page, "intake" if line.kind == "报修" else "orders", None)
    if tabs is None or target is None:
        return
    tabs.setCurrentWidget(target)
    if line.kind == "报修":
        table = getattr(target, "table", None)
        model = table.model() if table is not None else None
        rows = getattr(model, "rows", None)
        if rows:
            for i, r in enumerate(rows):
                if getattr(r, "uuid", None) == line.uuid:
                    table.selectRow(i)
                    break
    elif hasattr(target, "refresh"):
        target.refresh(select_uuid=line.uuid)
