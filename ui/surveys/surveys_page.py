"""满意度调查 page: the surveys (plan, approve, issue, end, archive, print) above, and for the
chosen survey its questionnaires, the keyboard entry of returns and the results."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QPushButton, QTabWidget, QVBoxLayout, QWidget

from app import surveys
from app.domain.enums import Role
from ui.shared.common import Dialogs, UiEnv
from ui.shared.print_preview import preview_form
from ui.shared.rows_table_model import Column, RowsTableModel, rows_table_view
from ui.surveys.plan_dialog import PlanDialog
from ui.surveys.results_view import ResultsView
from ui.surveys.return_entry import ReturnEntry
from ui.surveys.template_dialog import SurveyItemsDialog, TemplateDialog


def _rate(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else ""


class SurveysPage(QWidget):
    def __init__(self, env: UiEnv, parent: QWidget | None = None):
        super().__init__(parent)
        self.env = env
        self.model = RowsTableModel([
            Column("调查编号", lambda r: r.survey_no), Column("调查名称", lambda r: r.title),
            Column("调查时间", lambda r: f"{r.start_date:%Y-%m-%d} 至 {r.end_date:%Y-%m-%d}"),
            Column("范围", lambda r: r.scope_text), Column("方式", lambda r: r.method),
            Column("样本", lambda r: r.sample, align_right=True),
            Column("发放率", lambda r: _rate(r.issued, r.sample), align_right=True),
            Column("回收率", lambda r: _rate(r.returned, r.issued), align_right=True),
            Column("状态", lambda r: r.status),
            Column("归档期限", lambda r: r.archive_deadline)], self, late=lambda r: r.archive_overdue)
        self.table = rows_table_view(self.model, "surveys")
        self.table.setMaximumHeight(170)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self.survey_chosen())
        bar = QHBoxLayout()
        actor = env.actor
        buttons = [("新建计划…", self.new_plan, Role.SUPERVISOR), ("修改问卷…", self.edit_items, Role.SUPERVISOR),
                   ("问卷模板…", self.edit_templates, Role.SUPERVISOR), ("批准并抽样", self.approve, Role.MANAGER),
                   ("全部发放", self.issue, Role.RECEPTIONIST), ("结束调查", self.end, Role.SUPERVISOR),
                   ("归档", self.archive, Role.SUPERVISOR), ("打印问卷", self.print_questionnaire, Role.RECEPTIONIST),
                   ("打印全部问卷", self.print_all, Role.RECEPTIONIST),
                   ("打印分析报告", self.print_report, Role.RECEPTIONIST)]
        for text, slot, role in buttons:
            if actor is None or actor.at_least(role):
                b = QPushButton(text)
                b.setAutoDefault(False)
                b.clicked.connect(slot)
                bar.addWidget(b)
        bar.addStretch(1)
        self.copies = RowsTableModel([
            Column("问卷编号", lambda c: c.code), Column("房号", lambda c: c.unit_no),
            Column("受访人", lambda c: c.respondent), Column("状态", lambda c: c.status),
            Column("发放时间", lambda c: c.issued_at), Column("回收时间", lambda c: c.returned_at),
            Column("答案", lambda c: c.answers)], self, dimmed=lambda c: c.status == surveys.CopyStatus.SAMPLED)
        self.entry = ReturnEntry(env, self)
        self.results = ResultsView(env, self)
        self.entry.saved.connect(lambda _row: self.reload())
        self.tabs = QTabWidget()
        self.tabs.addTab(self.entry, "回收录入")
        self.tabs.addTab(self.results, "结果分析")
        self.tabs.addTab(rows_table_view(self.copies, "copies"), "问卷名单")
        self.tabs.currentChanged.connect(lambda _i: self.survey_chosen())
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table)
        layout.addWidget(self.tabs, 1)
        self.reload()

    # -- the list ------------------------------------------------------------
    def current(self) -> surveys.SurveyRow | None:
        index = self.table.currentIndex()
        return self.model.row_at(index) if index.isValid() else None

    def reload(self) -> None:
        """Reload the list and keep the chosen survey (its entry keeps what was typed so far)."""
        chosen = self.current()
        self.model.set_rows(surveys.list_surveys(self.env.ctx))
        if chosen is None or self.model.select(self.table, chosen.uuid) < 0:
            if self.model.rowCount():
                self.table.selectRow(0)

    def refresh(self) -> None:
        self.reload()

    def survey_chosen(self) -> None:
        row = self.current()
        widget = self.tabs.currentWidget()
        if widget is self.entry:
            if (self.entry.survey and self.entry.survey.uuid) != (row and row.uuid):
                self.entry.set_survey(row)
        elif widget is self.results:
            self.results.set_survey(row)
        elif row is not None:
            self.copies.set_rows(surveys.list_copies(self.env.ctx, row.uuid))

    # -- actions ---------------------------------------------------------------
    def _act(self, fn, done: str | None = None) -> None:
        row = self.current()
        if row is None:
            Dialogs.info(self, "请先选择一次调查。")
            return
        try:
            result = fn(row)
        except Exception as exc:  # noqa: BLE001 - shown as a message
            Dialogs.error(self, exc)
            return
        if done:
            Dialogs.info(self, done.format(result=result))
        self.reload()

    def new_plan(self) -> None:
        dialog = PlanDialog(self.env, self)
        if dialog.exec():
            self.reload()
            self.model.select(self.table, dialog.survey.uuid)

    def edit_templates(self) -> None:
        TemplateDialog(self.env, self).exec()

    def edit_items(self) -> None:
        row = self.current()
        if row is None:
            Dialogs.info(self, "请先选择一次调查。")
        elif row.status != surveys.SurveyStatus.PLANNED:
            Dialogs.info(self, f"调查“{row.title}”当前为{row.status}，问卷已定稿，不能再修改。")
        elif SurveyItemsDialog(self.env, row, self).exec():
            self.reload()

    def approve(self) -> None:
        self._act(lambda r: surveys.approve_plan(self.env.ctx, r.uuid, expected_version=r.version),
                  "计划已批准，已抽取 {result.sample} 户。")

    def issue(self) -> None:
        self._act(lambda r: surveys.issue_copies(self.env.ctx, r.uuid), "已发放 {result} 份问卷。")

    def end(self) -> None:
        self._act(lambda r: surveys.end_survey(self.env.ctx, r.uuid, expected_version=r.version),
                  "调查已结束，请在 {result.archive_deadline:%Y-%m-%d} 前归档。")

    def archive(self) -> None:
        self._act(lambda r: surveys.archive_survey(self.env.ctx, r.uuid, expected_version=r.version), "已归档。")

    def print_questionnaire(self) -> None:
        row = self.current()
        if row is not None:
            code = Dialogs.ask_text(self, "打印问卷", "问卷编号或序号（不填打印空白问卷）：")
            if code is not None:
                preview_form(self.env, self, "satisfaction-survey", survey=row.uuid, code=code.strip() or None)

    def print_all(self) -> None:
        """Every sampled household's questionnaire, each with its own code, in one PDF."""
        row = self.current()
        if row is None:
            Dialogs.info(self, "请先选择一次调查。")
        elif not row.sample:
            Dialogs.info(self, "这次调查还没有抽样（请先批准计划并抽样）。")
        else:
            preview_form(self.env, self, "satisfaction-survey", survey=row.uuid, code=surveys.ALL_CODES)

    def print_report(self) -> None:
        row = self.current()
        if row is not None:
            preview_form(self.env, self, "survey-report", survey=row.uuid)
