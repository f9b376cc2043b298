"""回收录入: returns typed as fast as a pile of paper allows. The questionnaire's number (or just
its running number), Enter, one key per item (A/B/C or 1–5, ``-`` for none), Enter: saved, the
rates refresh and the cursor is back on the number for the next paper. A comment is optional."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from app import surveys
from ui.shared.common import UiEnv, error_text
from ui.shared.rows_table_model import Column, RowsTableModel, rows_table_view


class ReturnEntry(QWidget):
    saved = Signal(object)  # CopyRow

    def __init__(self, env: UiEnv, parent: QWidget | None = None):
        super().__init__(parent)
        self.env = env
        self.survey: surveys.SurveyRow | None = None
        self.legend = QLabel()
        self.legend.setWordWrap(True)
        self.code = QLineEdit()
        self.code.setObjectName("code")
        self.code.setPlaceholderText("问卷编号或序号，如 12")
        self.keys = QLineEdit()
        self.keys.setObjectName("keys")
        self.comment = QLineEdit()
        self.comment.setObjectName("comment")
        self.comment.setPlaceholderText("意见和建议（可不填）")
        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.rates = QLabel()
        self.rates.setObjectName("rates")
        self.rates.setWordWrap(True)
        self.code.returnPressed.connect(self._to_keys)
        self.keys.returnPressed.connect(self.save)
        self.comment.returnPressed.connect(self.save)
        self.model = RowsTableModel([
            Column("问卷编号", lambda r: r.code), Column("房号", lambda r: r.unit_no),
            Column("受访人", lambda r: r.respondent), Column("答案", lambda r: r.answers),
            Column("意见和建议", lambda r: r.comment)], self)
        form = QFormLayout()
        form.addRow("问卷编号", self.code)
        form.addRow("答案", self.keys)
        form.addRow("意见和建议", self.comment)
        layout = QVBoxLayout(self)
        layout.addWidget(self.legend)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.rates)
        layout.addWidget(QLabel("本次录入："))
        layout.addWidget(rows_table_view(self.model, "entered"), 1)

    def set_survey(self, survey: surveys.SurveyRow | None) -> None:
        self.survey = survey
        self.model.set_rows([])
        if survey is None:
            self.legend.setText("请先选择一次调查。")
            return
        scored = [(n, t, s) for n, (t, s) in enumerate(survey.items, start=1) if s != surveys.Scale.TEXT]
        self.keys.setMaxLength(len(scored))
        self.keys.setPlaceholderText(f"{len(scored)} 个答案，每项一个键：A/B/C 或 1–5，未答填 -")
        self.legend.setText("答案顺序：" + "　".join(f"{i}.{t}（{s}）" for i, (_, t, s) in enumerate(scored, start=1)))
        self.show_rates()

    def _to_keys(self) -> None:
        if self.code.text().strip():
            self.keys.setFocus()
            self.keys.selectAll()

    def save(self) -> None:
        if self.survey is None:
            return
        try:
            row = surveys.record_return(self.env.ctx, self.survey.uuid, self.code.text(), keys=self.keys.text(),
                                        comment=self.comment.text())
        except Exception as exc:  # noqa: BLE001 - shown in the line, the paper stays in the fields
            self.message.setStyleSheet("color:#c62828;")
            self.message.setText(error_text(exc))
            return
        self.message.setStyleSheet("color:#2e7d32;")
        self.message.setText(f"已保存 {row.code}（{row.unit_no}）")
        self.model.set_rows([row] + self.model.rows)
        for w in (self.code, self.keys, self.comment):
            w.clear()
        self.code.setFocus()
        self.show_rates()
        self.saved.emit(row)

    def show_rates(self) -> None:
        if self.survey is None:
            return
        r = surveys.survey_result(self.env.ctx, self.survey.uuid).rates
        text = (f"样本 {r.sample} 户　已发放 {r.issued}（{r.issue_rate:.1f}%）　已回收 {r.returned}"
                f"（回收率 {r.return_rate:.1f}%，目标 ≥ {r.return_goal}%）")
        if r.warnings:
            text += "\n" + "；".join(r.warnings)
        self.rates.setStyleSheet("color:#b26a00;" if r.warnings else "color:#2e7d32;")
        self.rates.setText(text)
