"""系统设置 → 表单打印: the font the forms use, and the folder of the site's own templates."""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget,
)

from app.domain.enums import Role
from ui.shared.common import Dialogs, UiEnv
from ui.shared.permissions import may, needs

TITLE = "表单打印"
ORDER = 40
MIN_ROLE = Role.SUPERVISOR


class Tab(QWidget):
    def __init__(self, env: UiEnv, parent: QWidget | None = None):
        super().__init__(parent)
        self.env = env
        layout = QVBoxLayout(self)

        font_box = QGroupBox("表单字体（嵌入每一份 PDF）")
        ff = QFormLayout(font_box)
        self.font_in_use = QLabel()
        self.font_in_use.setWordWrap(True)
        self.font_setting = QLabel()
        self.font_setting.setWordWrap(True)
        self.font_notes = QLabel()
        self.font_notes.setWordWrap(True)
        self.font_notes.setStyleSheet("color:#a33;")
        ff.addRow("正在使用", self.font_in_use)
        ff.addRow("设置的字体文件", self.font_setting)
        ff.addRow("", self.font_notes)
        buttons = QHBoxLayout()
        self.choose_font = QPushButton("选择字体文件…")
        self.auto_font = QPushButton("自动查找")
        self.choose_font.clicked.connect(self.pick_font)
        self.auto_font.clicked.connect(lambda: self.apply_font(""))
        if not may(env, "settings.change"):  # the font is a setting of the site; templates are files
            tip = needs(env, "settings.change")
            for b in (self.choose_font, self.auto_font):
                b.setEnabled(False)
                b.setToolTip(tip)
        buttons.addWidget(self.choose_font)
        buttons.addWidget(self.auto_font)
        buttons.addStretch(1)
        ff.addRow("", self._row(buttons))
        ff.addRow("", QLabel("查找顺序：此处设置的字体 → Windows 宋体/微软雅黑/黑体 → 程序自带的思源黑体（Noto Sans SC） → Linux 系统中文字体。"))
        layout.addWidget(font_box)

        tpl_box = QGroupBox("本站表单模板")
        tf = QFormLayout(tpl_box)
        self.folder = QLabel()
        self.folder.setWordWrap(True)
        self.overrides = QLabel()
        self.overrides.setWordWrap(True)
        tf.addRow("模板文件夹", self.folder)
        tf.addRow("已覆盖的模板", self.overrides)
        tb = QHBoxLayout()
        self.form_choice = QComboBox()
        self.copy_button = QPushButton("复制内置模板到此文件夹以便修改")
        self.copy_button.clicked.connect(self.copy_template)
        self.open_button = QPushButton("打开文件夹")
        self.open_button.clicked.connect(self.open_folder)
        tb.addWidget(self.form_choice)
        tb.addWidget(self.copy_button)
        tb.addWidget(self.open_button)
        tb.addStretch(1)
        tf.addRow("", self._row(tb))
        tf.addRow("", QLabel("模板格式见程序目录 forms_templates/README.md；改错的模板不会生效，打印时会提示哪个文件错在哪里。"))
        layout.addWidget(tpl_box)
        layout.addStretch(1)
        self.refresh()

    @staticmethod
    def _row(inner) -> QWidget:
        w = QWidget()
        inner.setContentsMargins(0, 0, 0, 0)
        w.setLayout(inner)
        return w

    def refresh(self) -> None:
        from app.forms import printing

        st = printing.font_status(self.env.ctx)
        self.font_in_use.setText(st.in_use or "（无可用字体）")
        self.font_setting.setText(st.configured or "（未设置，自动查找）")
        self.font_notes.setText("\n".join(([st.error] if st.error else []) + list(st.warnings)))
        self.folder.setText(st.override_dir)
        self.overrides.setText("、".join(st.overrides) or "（无，全部使用内置模板）")
        current = self.form_choice.currentData()
        self.form_choice.clear()
        for info in printing.available_forms(self.env.ctx):
            self.form_choice.addItem(f"{info.code} {info.name}" + ("（已覆盖）" if info.overridden else ""), info.key)
        if current:
            i = self.form_choice.findData(current)
            if i >= 0:
                self.form_choice.setCurrentIndex(i)

    def pick_font(self) -> None:
        path = Dialogs.open_file(self, "选择中文字体文件", "字体文件 (*.ttf *.ttc *.TTF *.TTC)")
        if path:
            self.apply_font(path)

    def apply_font(self, path: str) -> None:
        from app.forms import printing

        try:
            printing.set_font(self.env.ctx, path)
        except Exception as exc:  # noqa: BLE001 - shown to the user
            Dialogs.error(self, exc)
        self.refresh()

    def copy_template(self) -> None:
        from app.forms import printing

        key = self.form_choice.currentData()
        if not key:
            return
        try:
            path = printing.copy_template(self.env.ctx, key)
        except Exception as exc:  # noqa: BLE001
            Dialogs.error(self, exc)
            return
        Dialogs.info(self, f"已复制到 {path}，用文本编辑器（UTF-8）修改后，下次打印即生效。")
        self.refresh()

    def open_folder(self) -> None:
        folder = self.env.ctx.paths.templates
        folder.mkdir(parents=True, exist_ok=True)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
