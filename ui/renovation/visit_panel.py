"""Entering one inspection visit in seconds, by keyboard.

Focus starts on 现场情况 (↑/↓ to change); Tab to 施工进度 (↑/↓), Tab to the key checks
(↑/↓ to move, Space to tick a failed check), Tab to 违规描述, 签收人, 备注; Ctrl+Enter
(or Enter on 登记) saves. A failed check or a written violation opens a 违章整改通知书
at once; its number is shown with a button to print it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QListWidget, QListWidgetItem, QPushButton,
    QVBoxLayout, QWidget,
)

from app import renovation as reno
from ui.shared.common import Dialogs, UiEnv
from ui.shared.print_preview import preview_form


class VisitPanel(QWidget):
    visit_saved = Signal(object)  # VisitRow

    def __init__(self, env: UiEnv, parent: QWidget | None = None):
        super().__init__(parent)
        self.env = env
        self.item = None  # the RoundItem being entered
        self.photos: list[str] = []
        self.last_visit = None
        layout = QVBoxLayout(self)
        self.title = QLabel("请在左侧选择一户")
        self.title.setWordWrap(True)
        self.title.setStyleSheet("font-weight:bold;")
        layout.addWidget(self.title)
        self.hours_hint = QLabel()
        self.hours_hint.setWordWrap(True)
        self.hours_hint.setStyleSheet("color:#8a5a00;")
        self.hours_hint.hide()
        layout.addWidget(self.hours_hint)
        form = QFormLayout()
        self.state = QComboBox()
        self.state.addItems([s.value for s in reno.SiteState])
        self.state.setObjectName("visit_state")
        form.addRow("现场情况(&S)", self.state)
        self.progress = QComboBox()
        self.progress.setObjectName("visit_progress")
        form.addRow("施工进度(&P)", self.progress)
        layout.addLayout(form)
        checks_label = QLabel("关键检查（空格勾选违规项）(&K)")
        layout.addWidget(checks_label)
        self.checks = QListWidget()
        checks_label.setBuddy(self.checks)
        self.checks.setObjectName("visit_checks")
        self.checks.setMinimumHeight(150)
        layout.addWidget(self.checks, 1)
        form2 = QFormLayout()
        self.violation = QLineEdit()
        self.violation.setPlaceholderText("清单以外的违规情况，填写即发整改通知书")
        form2.addRow("违规描述(&V)", self.violation)
        self.signed_by = QLineEdit()
        self.signed_by.setPlaceholderText("整改通知书当场签收人（可后补）")
        form2.addRow("签收人", self.signed_by)
        self.note = QLineEdit()
        form2.addRow("备注(&N)", self.note)
        photo_row = QHBoxLayout()
        self.photo_label = QLabel("无照片")
        self.photo_button = QPushButton("添加照片…")
        self.photo_button.setAutoDefault(False)
        self.photo_button.clicked.connect(self.add_photo)
        photo_row.addWidget(self.photo_label, 1)
        photo_row.addWidget(self.photo_button)
        form2.addRow("照片", photo_row)
        layout.addLayout(form2)
        buttons = QHBoxLayout()
        self.save_button = QPushButton("登记巡查 (Ctrl+Enter)")
        self.save_button.setObjectName("visit_save")
        self.save_button.clicked.connect(self.save)
        self.save_button.setAutoDefault(True)
        buttons.addWidget(self.save_button)
        layout.addLayout(buttons)
        self.result = QLabel()
        self.result.setWordWrap(True)
        self.result.setObjectName("visit_result")
        result_row = QHBoxLayout()
        result_row.addWidget(self.result, 1)
        self.print_notice_button = QPushButton("打印整改通知书")
        self.print_notice_button.setAutoDefault(False)
        self.print_notice_button.hide()
        self.print_notice_button.clicked.connect(self.print_notice)
        result_row.addWidget(self.print_notice_button)
        layout.addLayout(result_row)
        for seq in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(seq), self, activated=self.save,
                      context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.violation.returnPressed.connect(self.save)
        self.note.returnPressed.connect(self.save)
        self.signed_by.returnPressed.connect(self.save)
        self.setTabOrder(self.state, self.progress)
        self.setTabOrder(self.progress, self.checks)
        self.setTabOrder(self.checks, self.violation)
        self.setTabOrder(self.violation, self.signed_by)
        self.setTabOrder(self.signed_by, self.note)
        self.setTabOrder(self.note, self.save_button)
        self.load_lists()
        self.set_item(None)

    def load_lists(self) -> None:
        ctx = self.env.ctx
        self.progress.clear()
        self.progress.addItems(reno.progress_stages(ctx))
        self.checks.clear()
        for i, check in enumerate(reno.key_checks(ctx), start=1):
            item = QListWidgetItem(f"{i}. {check}")
            item.setData(Qt.ItemDataRole.UserRole, check)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.checks.addItem(item)

    def set_item(self, item) -> None:
        """Show a unit of the round (a RoundItem) and clear the entry."""
        self.item = item
        enabled = item is not None
        for w in (self.state, self.progress, self.checks, self.violation, self.signed_by, self.note,
                  self.save_button, self.photo_button):
            w.setEnabled(enabled)
        self.clear_entry()
        if item is None:
            self.title.setText("请在左侧选择一户")
            return
        last = f"上次巡查 {item.last_visit_at:%m-%d %H:%M} {item.last_state or ''} {item.last_progress or ''}" \
            if item.last_visit_at else "尚未巡查"
        self.title.setText(f"{item.unit_no}　业主 {item.owner}　{item.contractor}\n"
                           f"负责人 {item.manager} {item.manager_phone}　许可证 {item.permit_no or ''}\n{last}")
        now = self.env.ctx.now()
        if reno.noise_allowed(self.env.ctx, now):
            self.hours_hint.hide()
        else:
            self.hours_hint.setText(f"现在（{now:%H:%M}）不在允许施工时间内（{reno.noise_hours_text(self.env.ctx)}）。"
                                    "如有产生噪声的施工，请勾选“超时施工噪音”。")
            self.hours_hint.show()
        if item.last_progress:
            i = self.progress.findText(item.last_progress)
            if i >= 0:
                self.progress.setCurrentIndex(i)

    def clear_entry(self) -> None:
        self.state.setCurrentIndex(0)
        self.progress.setCurrentIndex(0)
        for i in range(self.checks.count()):
            self.checks.item(i).setCheckState(Qt.CheckState.Unchecked)
        self.checks.setCurrentRow(0)
        self.violation.clear()
        self.signed_by.clear()
        self.note.clear()
        self.photos = []
        self.photo_label.setText("无照片")

    def failed_checks(self) -> list[str]:
        return [self.checks.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.checks.count())
                if self.checks.item(i).checkState() == Qt.CheckState.Checked]

    def add_photo(self) -> None:
        path = Dialogs.open_file(self, "选择现场照片", "图片 (*.jpg *.jpeg *.png *.heic *.bmp)")
        if path:
            self.photos.append(path)
            self.photo_label.setText(f"{len(self.photos)} 张照片")

    def start(self) -> None:
        """Put the cursor where a visit begins."""
        self.state.setFocus(Qt.FocusReason.OtherFocusReason)

    def save(self) -> None:
        if self.item is None or not self.save_button.isEnabled():
            return
        data = reno.VisitData(
            renovation_uuid=self.item.renovation_uuid, site_state=self.state.currentText(),
            progress=self.progress.currentText() or None, failed_checks=self.failed_checks(),
            violation=self.violation.text(), note=self.note.text(), photos=list(self.photos),
            signed_by=self.signed_by.text())
        try:
            visit = reno.record_visit(self.env.ctx, data)
        except Exception as exc:  # noqa: BLE001 - told to the user, nothing changed
            Dialogs.error(self, exc)
            return
        self.last_visit = visit
        text = f"已登记 {visit.unit_no} {visit.inspected_at:%H:%M} {visit.site_state}"
        if visit.notice_no:
            text += f"；已发出整改通知书 {visit.notice_no}（期限 {visit.notice_deadline:%m-%d %H:%M}）"
            self.result.setStyleSheet("color:#c62828;")
            self.print_notice_button.show()
        else:
            self.result.setStyleSheet("color:#2e7d32;")
            self.print_notice_button.hide()
        self.result.setText(text)
        self.visit_saved.emit(visit)

    def print_notice(self) -> None:
        if self.last_visit is not None and self.last_visit.notice_no:
            preview_form(self.env, self, "rectification-notice", number=self.last_visit.notice_no)
