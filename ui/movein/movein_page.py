"""入伙交付: the handover records, the appointment day list, the building overview, the
defects to closure and the late entries for the manager; handovers open in their own window."""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton, QTabWidget, QVBoxLayout, QWidget

from app.domain.enums import Role
from app import movein as mi
from ui.forms.awaiting import AwaitingSignatures
from ui.shared.common import Dialogs, UiEnv
from ui.movein.appointment_list import AppointmentList
from ui.movein.building_overview import BuildingOverview
from ui.movein.defect_list import DefectList
from ui.movein.handover_list import HandoverList
from ui.movein.handover_window import HandoverWindow
from ui.movein.late_entry_list import LateEntryList


class MoveInPage(QWidget):
    def __init__(self, env: UiEnv, parent: QWidget | None = None):
        super().__init__(parent)
        self.env = env
        self.windows: list[HandoverWindow] = []
        self.handovers = HandoverList(env, self)
        self.appointments = AppointmentList(env, self)
        self.overview = BuildingOverview(env, self)
        self.defects = DefectList(env, self)
        self.late = LateEntryList(env, self)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.handovers, "办理记录")
        self.tabs.addTab(self.appointments, "预约日程")
        self.tabs.addTab(self.overview, "楼栋总览")
        self.tabs.addTab(self.defects, "缺陷跟踪")
        self.tabs.addTab(self.late, "逾期录入")
        self.tabs.currentChanged.connect(lambda _: self._refresh_current())
        self.templates_button = QPushButton("模板设置…")
        self.templates_button.clicked.connect(self.edit_templates)
        actor = env.actor
        self.templates_button.setEnabled(actor is not None and actor.at_least(Role.SUPERVISOR))
        self.templates_button.setToolTip("入伙清单和验房项目（客服主管及以上）")
        self.tabs.setCornerWidget(self.templates_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.tabs)
        layout.addWidget(AwaitingSignatures(env, "movein", self))

        self.handovers.open_requested.connect(lambda row: self.open_handover(uuid=row.uuid if row else None))
        self.handovers.print_requested.connect(self.print_form)
        self.appointments.start_requested.connect(lambda a: self.open_handover(appointment=a))
        self.appointments.open_requested.connect(lambda uuid: self.open_handover(uuid=uuid))
        self.overview.unit_opened.connect(lambda unit, uuid: self.open_handover(uuid=uuid, unit_no=unit))
        self.defects.open_requested.connect(lambda uuid: self.open_handover(uuid=uuid))
        self.late.open_requested.connect(lambda uuid: self.open_handover(uuid=uuid))
        self.overview.load_buildings()

    def refresh(self) -> None:
        self.overview.load_buildings()
        self._refresh_current()

    def _refresh_current(self) -> None:
        widget = self.tabs.currentWidget()
        if hasattr(widget, "refresh"):
            widget.refresh()

    def open_handover(self, *, uuid: str | None = None, unit_no: str | None = None,
                      appointment: mi.AppointmentRow | None = None) -> HandoverWindow | None:
        """The handover window for a record, or a new one (for a unit or an appointment)."""
        for w in self.windows:
            if uuid and w.data is not None and w.data.uuid == uuid and w.isVisible():
                w.raise_()
                w.activateWindow()
                return w
        try:
            window = HandoverWindow(self.env, self, uuid=uuid, unit_no=unit_no, appointment=appointment)
        except Exception as exc:  # noqa: BLE001
            Dialogs.error(self, exc)
            return None
        window.saved.connect(lambda _uuid: self._refresh_current())
        window.finished.connect(lambda _=0, w=window: self._closed(w))
        self.windows.append(window)
        window.show()
        window.activateWindow()
        return window

    def _closed(self, window: HandoverWindow) -> None:
        if window in self.windows:
            self.windows.remove(window)
        self._refresh_current()

    def print_form(self, unit_no: str) -> None:
        from ui.shared.print_preview import preview_form

        preview_form(self.env, self, "move-in", unit=unit_no)

    def edit_templates(self) -> None:
        from ui.movein.templates_dialog import TemplatesDialog

        TemplatesDialog(self.env, self).exec()
