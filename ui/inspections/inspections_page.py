"""督导检查 page: 检查记录 (the inspections; for the chosen one its score per 一级指标 and its
findings, 登记问题 / 完成检查 / 打印报告), 整改跟踪 (open rectifications to report and re-check),
得分趋势 (chart), 督导标准 (the site's standard, edited by the manager)."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSplitter, QTabWidget, QVBoxLayout, QWidget
from PySide6.QtCore import Qt

from app import inspections as insp
from app.domain.enums import Role
from ui.inspections.finding_dialog import FindingDialog
from ui.inspections.standard_view import StandardView
from ui.inspections.start_dialog import StartDialog
from ui.inspections.trend_chart import TrendView
from ui.shared.common import Dialogs, UiEnv
from ui.shared.print_preview import preview_form
from ui.shared.rows_table_model import Column, RowsTableModel, rows_table_view

P = insp.points_text


def _button(text: str, slot) -> QPushButton:
    b = QPushButton(text)
    b.setAutoDefault(False)
    b.clicked.connect(slot)
    return b


class InspectionList(QWidget):
    def __init__(self, env: UiEnv, parent: QWidget | None = None):
        super().__init__(parent)
        self.env = env
        self.model = RowsTableModel([
            Column("检查编号", lambda r: r.inspection_no), Column("检查日期", lambda r: r.inspected_on),
            Column("检查人", lambda r: r.inspector), Column("检查区域", lambda r: r.area),
            Column("得分", lambda r: f"{P(r.score_cp)} / {P(r.total_cp)}", align_right=True),
            Column("问题", lambda r: len(r.findings), align_right=True),
            Column("未整改", lambda r: r.open_findings, align_right=True), Column("状态", lambda r: r.status)], self)
        self.scores = RowsTableModel([
            Column("一级指标", lambda s: s.name), Column("分值", lambda s: P(s.points_cp), align_right=True),
            Column("扣分", lambda s: P(s.lost_cp) if s.lost_cp else "", align_right=True),
            Column("得分", lambda s: P(s.score_cp), align_right=True),
            Column("说明", lambda s: f"扣分合计 {P(s.deducted_cp)}，最低 0 分" if s.deducted_cp > s.points_cp else "")],
            self, warn=lambda s: s.lost_cp > 0, key="name")
        self.findings = RowsTableModel([
            Column("一级指标", lambda f: f.indicator), Column("二级指标", lambda f: f.item),
            Column("问题描述", lambda f: "；".join(x for x in (f.criterion, f.note) if x)),
            Column("问题点", lambda f: f.problems if f.persons == 1 else f"{f.problems}×{f.persons}人"),
            Column("扣分", lambda f: P(f.deduction_cp), align_right=True),
            Column("整改期限", lambda f: f.deadline), Column("整改", lambda f: f.rectify_status)],
            self, late=lambda f: f.overdue)
        self.table = rows_table_view(self.model, "inspections")
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self.show_current())
        self.total = QLabel()
        self.total.setObjectName("total")
        bar = QHBoxLayout()
        if env.actor is None or env.actor.at_least(Role.SUPERVISOR):
            for text, slot in (("新建检查…", self.new), ("登记问题…", self.add_finding), ("完成检查", self.complete)):
                bar.addWidget(_button(text, slot))
        bar.addWidget(_button("打印报告", self.print_report))
        bar.addStretch(1)
        detail = QSplitter(Qt.Orientation.Horizontal)
        detail.addWidget(rows_table_view(self.scores, "scores"))
        detail.addWidget(rows_table_view(self.findings, "findings"))
        detail.setSizes([420, 900])
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.total)
        layout.addWidget(detail, 2)

    def current(self) -> insp.InspectionRow | None:
        index = self.table.currentIndex()
        return self.model.row_at(index) if index.isValid() else None

    def refresh(self, select: str | None = None) -> None:
        chosen = select or (self.current().uuid if self.current() else None)
        self.model.set_rows(insp.list_inspections(self.env.ctx))
        if (chosen is None or self.model.select(self.table, chosen) < 0) and self.model.rowCount():
            self.table.selectRow(0)
        self.show_current()

    def show_current(self) -> None:
        row = self.current()
        self.scores.set_rows(row.scores if row else [])
        self.findings.set_rows(row.findings if row else [])
        self.total.setText(f"{row.inspection_no}：满分 {P(row.total_cp)}，得分 {P(row.score_cp)}，"
                           f"问题 {len(row.findings)} 项" if row else "")

    def new(self) -> None:
        dialog = StartDialog(self.env, self)
        if dialog.exec():
            self.refresh(dialog.inspection.uuid)

    def add_finding(self) -> None:
        row = self.current()
        if row is None:
            Dialogs.info(self, "请先选择或新建一次检查。")
        elif FindingDialog(self.env, row, self).exec():
            self.refresh(row.uuid)

    def complete(self) -> None:
        row = self.current()
        if row is None:
            return
        signer = Dialogs.ask_text(self, "完成检查", "被检查单位负责人：")
        if signer is None:
            return
        try:
            insp.complete_inspection(self.env.ctx, row.uuid, site_signer=signer, expected_version=row.version)
        except Exception as exc:  # noqa: BLE001 - shown as a message
            Dialogs.error(self, exc)
        self.refresh(row.uuid)

    def print_report(self) -> None:
        row = self.current()
        if row is not None:
            preview_form(self.env, self, "inspection-report", number=row.inspection_no)


class RectificationList(QWidget):
    def __init__(self, env: UiEnv, parent: QWidget | None = None):
        super().__init__(parent)
        self.env = env
        self.model = RowsTableModel([
            Column("检查编号", lambda f: f.inspection_no), Column("一级指标", lambda f: f.indicator),
            Column("二级指标", lambda f: f.item), Column("问题描述", lambda f: "；".join(x for x in (f.criterion, f.note) if x)),
            Column("责任人", lambda f: f.owner), Column("整改期限", lambda f: f.deadline),
            Column("状态", lambda f: f.rectify_status), Column("整改情况", lambda f: f.rectified_note)],
            self, late=lambda f: f.overdue)
        self.table = rows_table_view(self.model, "rectifications")
        bar = QHBoxLayout()
        bar.addWidget(_button("登记整改情况…", self.rectify))
        if env.actor is None or env.actor.at_least(Role.SUPERVISOR):
            bar.addWidget(_button("复查合格", self.passed))
        bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table)

    def refresh(self) -> None:
        self.model.set_rows(insp.open_rectifications(self.env.ctx))

    def _current(self):
        index = self.table.currentIndex()
        return self.model.row_at(index) if index.isValid() else None

    def rectify(self) -> None:
        f = self._current()
        note = Dialogs.ask_text(self, "登记整改情况", "整改情况：") if f else None
        if note:
            try:
                insp.rectify(self.env.ctx, f.uuid, note, expected_version=f.version)
            except Exception as exc:  # noqa: BLE001 - shown as a message
                Dialogs.error(self, exc)
            self.refresh()

    def passed(self) -> None:
        f = self._current()
        if f is not None:
            try:
                insp.recheck_finding(self.env.ctx, f.uuid, insp.RecheckResult.PASSED, expected_version=f.version)
            except Exception as exc:  # noqa: BLE001 - shown as a message
                Dialogs.error(self, exc)
            self.refresh()


class InspectionsPage(QWidget):
    def __init__(self, env: UiEnv, parent: QWidget | None = None):
        super().__init__(parent)
        self.env = env
        self.tabs = QTabWidget(self)
        self.inspections = InspectionList(env, self)
        self.rectifications = RectificationList(env, self)
        self.trend = TrendView(env, self)
        self.tabs.addTab(self.inspections, "检查记录")
        self.tabs.addTab(self.rectifications, "整改跟踪")
        self.tabs.addTab(self.trend, "得分趋势")
        self.standard = StandardView(env, self)
        self.tabs.addTab(self.standard, "督导标准")
        self.tabs.currentChanged.connect(lambda _i: self.refresh())
        QVBoxLayout(self).addWidget(self.tabs)
        self.refresh()

    def refresh(self) -> None:
        self.tabs.currentWidget().refresh()
