"""日常走访: the half-year coverage per building as progress bars, the units not yet visited,
the points raised (each must be answered), the visits and the supervisor's plans.

Keyboard: choose a building (arrows), Tab to the unit list, Enter on a unit opens 登记走访;
Enter on a point raised opens 答复.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QLabel, QProgressBar, QSplitter, QTableWidget,
    QTableWidgetItem, QTabWidget, QVBoxLayout, QWidget,
)

from app.domain.enums import Role
from app.repairs import household_visits as hv
from ui.shared.common import Dialogs, UiEnv
from ui.shared.permissions import may
from ui.repairs.answer_dialog import AnswerDialog
from ui.repairs.plan_dialog import PlanDialog
from ui.repairs.reason_dialog import ReasonDialog
from ui.repairs.visit_dialog import VisitDialog
from ui.repairs.widgets import button, list_table
from ui.shared.rows_table_model import Column, RowsTableModel

GOOD = "#2e7d32"
SHORT = "#e69500"

UNVISITED_COLUMNS = [Column("房号", lambda u: u.code), Column("住户", lambda u: u.residents)]
ISSUE_COLUMNS = [
    Column("反映时间", lambda i: i.raised_at),
    Column("房号", lambda i: i.unit_no),
    Column("问题", lambda i: i.content, tooltip=lambda i: i.content),
    Column("状态", lambda i: i.status),
    Column("处理部门", lambda i: i.department),
    Column("处理及答复", lambda i: i.answer, tooltip=lambda i: i.answer or ""),
    Column("答复时间", lambda i: i.answered_at),
    Column("答复人", lambda i: i.answered_by),
]
VISIT_COLUMNS = [
    Column("走访时间", lambda v: v.visited_at),
    Column("房号", lambda v: v.unit_no),
    Column("受访人", lambda v: v.interviewee),
    Column("方式", lambda v: v.method),
    Column("走访内容", lambda v: v.content, tooltip=lambda v: v.content),
    Column("反馈意见", lambda v: v.feedback),
    Column("反映问题", lambda v: f"{v.issues} 条" + (f"（{v.open_issues} 条{hv.IssueStatus.OPEN.value}）" if v.open_issues else "")
           if v.issues else ""),
    Column("走访人", lambda v: v.visitor),
]
PLAN_COLUMNS = [
    Column("半年", lambda p: f"{p.year}年{hv.HALF_LABELS[p.half]}"),
    Column("范围", lambda p: p.scope_kind),
    Column("楼栋/区域", lambda p: p.scope),
    Column("包含楼栋", lambda p: "、".join(p.buildings)),
    Column("走访责任人", lambda p: p.visitor),
    Column("备注", lambda p: p.note),
]


class VisitsView(QWidget):
    def __init__(self, env: UiEnv, parent: QWidget | None = None):
        super().__init__(parent)
        self.env = env
        self.dialog = None
        self.coverage_data: hv.CoverageData | None = None
        current = hv.current_half(env.ctx)
        self.period = QComboBox()
        p = current
        for _ in range(4):
            self.period.addItem(p.label, p)
            p = p.previous()
        self.period.currentIndexChanged.connect(lambda _i: self.refresh())
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        top = QHBoxLayout()
        top.addWidget(QLabel("半年度"))
        top.addWidget(self.period)
        top.addWidget(self.summary, 1)
        top.addWidget(button("登记走访", self.record_visit, "为选中的房屋登记走访（在房屋上按 Enter）"))
        top.addWidget(button("刷新", self.refresh))

        # coverage: buildings with bars, and the units not yet visited
        self.buildings = QTableWidget(0, 5)
        self.buildings.setHorizontalHeaderLabels(["楼栋", "区域", "走访责任人", "覆盖率", "未走访"])
        self.buildings.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.buildings.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.buildings.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.buildings.verticalHeader().hide()
        self.buildings.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.buildings.currentCellChanged.connect(lambda *_: self._load_unvisited())
        self.bars: dict[str, QProgressBar] = {}
        self.unvisited_model = RowsTableModel(UNVISITED_COLUMNS, self, key="code")
        self.unvisited = list_table(self.unvisited_model)
        self.unvisited.activated.connect(lambda _i: self.record_visit())
        self.unvisited_label = QLabel()
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(self.unvisited_label)
        rl.addWidget(self.unvisited, 1)
        cover = QSplitter()
        cover.addWidget(self.buildings)
        cover.addWidget(right)
        cover.setStretchFactor(0, 3)
        cover.setStretchFactor(1, 2)

        # points raised
        self.issue_model = RowsTableModel(ISSUE_COLUMNS, self, warn=lambda i: i.status == hv.IssueStatus.OPEN.value,
                                          dimmed=lambda i: i.status == hv.IssueStatus.VOID.value)
        self.issues = list_table(self.issue_model)
        self.issues.activated.connect(lambda _i: self.answer())
        self.issue_label = QLabel()
        issues = QWidget()
        il = QVBoxLayout(issues)
        bar = QHBoxLayout()
        bar.addWidget(self.issue_label, 1)
        bar.addWidget(button("答复", self.answer, "选中问题后按 Enter"))
        self.void_issue_button = button("作废", self.void_issue)
        bar.addWidget(self.void_issue_button)
        il.addLayout(bar)
        il.addWidget(self.issues, 1)

        # visits
        self.visit_model = RowsTableModel(VISIT_COLUMNS, self)
        self.visits = list_table(self.visit_model)

        # plans
        self.plan_model = RowsTableModel(PLAN_COLUMNS, self)
        self.plans = list_table(self.plan_model)
        plans = QWidget()
        pl = QVBoxLayout(plans)
        pbar = QHBoxLayout()
        pbar.addWidget(QLabel("客服主管每半年制定走访计划，覆盖每一户在住业主（目标覆盖率 ≥ 98%）"), 1)
        self.add_plan_button = button("新增计划", self.add_plan)
        self.void_plan_button = button("作废计划", self.void_plan)
        pbar.addWidget(self.add_plan_button)
        pbar.addWidget(self.void_plan_button)
        pl.addLayout(pbar)
        pl.addWidget(self.plans, 1)
        supervisor = env.actor is not None and env.actor.at_least(Role.SUPERVISOR)
        self.add_plan_button.setEnabled(supervisor)
        may_void = may(env, "record.void")
        self.void_plan_button.setEnabled(may_void)
        self.void_issue_button.setEnabled(may_void)

        self.tabs = QTabWidget()
        self.tabs.addTab(cover, "覆盖率")
        self.tabs.addTab(issues, "反映问题")
        self.tabs.addTab(self.visits, "走访记录")
        self.tabs.addTab(plans, "走访计划")
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)

    # -- loading -------------------------------------------------------------------------
    def selected_period(self) -> hv.HalfYear:
        return self.period.currentData()

    def refresh(self) -> None:
        p = self.selected_period()
        ctx = self.env.ctx
        try:
            data = hv.coverage(ctx, p.year, p.half)
            stats = hv.issue_stats(ctx, p.year, p.half)
            issues = hv.list_issues(ctx, year=p.year, half=p.half)
            open_elsewhere = [i for i in hv.list_issues(ctx, open_only=True)
                              if not p.start <= i.raised_at < p.end]
            visits = hv.list_visits(ctx, p.year, p.half)
            plans = hv.list_plans(ctx, p.year, p.half)
        except Exception as exc:
            Dialogs.error(self, exc)
            return
        self.coverage_data = data
        rate = "—" if stats.rate is None else f"{stats.rate:.0%}"
        color = GOOD if data.percent >= data.goal else SHORT
        self.summary.setText(
            f"在住 {data.occupied_units} 户，已走访 {data.visited_units} 户，"
            f"覆盖率 <b style='color:{color}'>{data.percent:.1f}%</b>（目标 ≥ {data.goal}%）；"
            f"反映问题 {stats.raised} 条，已答复 {stats.answered} 条，处理率 <b>{rate}</b>")
        self._fill_buildings(data)
        self.issue_model.set_rows(open_elsewhere + issues)
        open_count = sum(1 for i in open_elsewhere + issues if i.status == hv.IssueStatus.OPEN.value)
        self.issue_label.setText(f"{hv.IssueStatus.OPEN.value} {open_count} 条（每条都须答复，处理率 100%）")
        self.visit_model.set_rows(visits)
        self.plan_model.set_rows(plans)
        for t in (self.issues, self.visits, self.plans):
            t.resizeColumnsToContents()
        for t, col in ((self.issues, 2), (self.visits, 4)):
            t.setColumnWidth(col, max(t.columnWidth(col), 220))

    def _fill_buildings(self, data: hv.CoverageData) -> None:
        previous = self.current_building()
        self.buildings.blockSignals(True)
        self.buildings.setRowCount(len(data.buildings))
        self.bars = {}
        for r, b in enumerate(data.buildings):
            for c, text in enumerate([b.label, b.area or "", b.visitor or "未安排", None, str(b.remaining)]):
                if text is not None:
                    item = QTableWidgetItem(text)
                    item.setData(Qt.ItemDataRole.UserRole, b.building)
                    self.buildings.setItem(r, c, item)
            bar = QProgressBar()
            bar.setRange(0, 1000)
            bar.setValue(round(b.percent * 10))
            bar.setFormat(f"{b.percent:.1f}%（{b.visited_units}/{b.occupied_units} 户）")
            bar.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            color = GOOD if b.percent >= data.goal else SHORT
            bar.setStyleSheet(f"QProgressBar {{ text-align: center; }} "
                              f"QProgressBar::chunk {{ background-color: {color}; }}")
            bar.setToolTip(f"空置 {b.vacant_units} 户不计入")
            self.buildings.setCellWidget(r, 3, bar)
            self.bars[b.building] = bar
        self.buildings.blockSignals(False)
        self.buildings.resizeColumnsToContents()
        self.buildings.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        names = [b.building for b in data.buildings]
        row = names.index(previous) if previous in names else (0 if names else -1)
        if row >= 0:
            self.buildings.setCurrentCell(row, 0)
        self._load_unvisited()

    def current_building(self) -> str | None:
        item = self.buildings.item(self.buildings.currentRow(), 0) if self.buildings.currentRow() >= 0 else None
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def _load_unvisited(self) -> None:
        building = self.current_building()
        if building is None:
            self.unvisited_model.set_rows([])
            self.unvisited_label.setText("")
            return
        p = self.selected_period()
        try:
            rows = hv.unvisited_units(self.env.ctx, building=building, year=p.year, half=p.half)
        except Exception as exc:
            Dialogs.error(self, exc)
            return
        self.unvisited_model.set_rows(rows)
        self.unvisited.resizeColumnsToContents()
        self.unvisited_label.setText(f"{building}栋 本半年尚未走访的在住房屋：{len(rows)} 户" if rows
                                     else f"{building}栋 在住房屋已全部走访")
        if rows:
            self.unvisited.setCurrentIndex(self.unvisited_model.index(0, 0))

    # -- actions -------------------------------------------------------------------------
    def _open(self, dialog) -> None:
        self.dialog = dialog
        dialog.accepted.connect(self.refresh)
        dialog.finished.connect(lambda _r, d=dialog: setattr(self, "dialog", None) if self.dialog is d else None)
        dialog.open()

    def record_visit(self) -> None:
        on_cover = self.tabs.currentIndex() == 0
        unit = self.unvisited_model.row_at(self.unvisited.currentIndex()) if on_cover else None
        self._open(VisitDialog(self.env, self, unit=unit))

    def answer(self) -> None:
        issue = self.issue_model.row_at(self.issues.currentIndex())
        if issue is None:
            return
        if issue.status != hv.IssueStatus.OPEN.value:
            Dialogs.info(self, f"该问题{issue.status}")
            return
        self._open(AnswerDialog(self.env, issue, self))

    def void_issue(self) -> None:
        issue = self.issue_model.row_at(self.issues.currentIndex())
        if issue is None or issue.status != hv.IssueStatus.OPEN.value:
            return
        self._open(ReasonDialog("作废走访问题", "作废原因", "void_reason",
                                lambda text: hv.void_issue(self.env.ctx, issue.uuid, text,
                                                           expected_version=issue.version), self))

    def add_plan(self) -> None:
        self._open(PlanDialog(self.env, self.selected_period(), self))

    def void_plan(self) -> None:
        plan = self.plan_model.row_at(self.plans.currentIndex())
        if plan is None:
            return
        self._open(ReasonDialog("作废走访计划", "作废原因", "void_reason",
                                lambda text: hv.void_plan(self.env.ctx, plan.uuid, text,
                                                          expected_version=plan.version), self))
