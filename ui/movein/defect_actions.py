"""The buttons that move a defect along 已登记 → 整改中 → 待复验 → 已销项 (or 已取消),
shared by the handover window and the defect list."""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from app import movein as mi
from ui.shared.common import Dialogs, UiEnv

# action -> (button text, statuses it applies to)
ACTIONS = [
    ("start", "开始整改", (mi.DefectStatus.REGISTERED.value,)),
    ("rectified", "整改完成", (mi.DefectStatus.RECTIFYING.value,)),
    ("pass", "复验通过", (mi.DefectStatus.AWAITING_REINSPECTION.value,)),
    ("fail", "复验不通过", (mi.DefectStatus.AWAITING_REINSPECTION.value,)),
    ("cancel", "取消缺陷", mi.OPEN_DEFECT),
]


class DefectActions(QWidget):
    """``current()`` gives the selected :class:`DefectRow` (or None); ``changed`` fires after a step."""

    changed = Signal(object)  # the new DefectRow

    def __init__(self, env: UiEnv, current: Callable[[], mi.DefectRow | None], parent: QWidget | None = None):
        super().__init__(parent)
        self.env = env
        self._current = current
        self._editable = True
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.buttons: dict[str, QPushButton] = {}
        for key, text, _ in ACTIONS:
            b = QPushButton(text)
            b.clicked.connect(lambda _=False, k=key: self.run(k))
            layout.addWidget(b)
            self.buttons[key] = b
        self.add_photo = QPushButton("添加照片…")
        self.add_photo.clicked.connect(self._add_photo)
        self.view_photo = QPushButton("查看照片")
        self.view_photo.clicked.connect(self._view_photo)
        layout.addWidget(self.add_photo)
        layout.addWidget(self.view_photo)
        layout.addStretch(1)
        self.update_buttons()

    def set_editable(self, editable: bool) -> None:
        self._editable = editable
        self.update_buttons()

    def update_buttons(self) -> None:
        d = self._current()
        for key, _text, allowed in ACTIONS:
            self.buttons[key].setEnabled(self._editable and d is not None and d.status in allowed)
        self.add_photo.setEnabled(self._editable and d is not None and d.status in mi.OPEN_DEFECT)
        self.view_photo.setEnabled(d is not None and bool(d.photos))

    def run(self, action: str) -> mi.DefectRow | None:
        d = self._current()
        if d is None:
            return None
        note = None
        if action == "fail":
            note = Dialogs.ask_text(self, "复验不通过", f"{d.room}/{d.item}：复验发现的问题（必填）")
            if note is None:
                return None
        elif action == "cancel":
            note = Dialogs.ask_text(self, "取消缺陷", f"{d.room}/{d.item}：取消原因（必填）")
            if note is None:
                return None
        try:
            row = mi.advance_defect(self.env.ctx, d.uuid, action, note=note, expected_version=d.version)
        except Exception as exc:  # noqa: BLE001 - shown to the user
            Dialogs.error(self, exc)
            return None
        self.changed.emit(row)
        return row

    def _add_photo(self) -> None:
        d = self._current()
        if d is None:
            return
        path = Dialogs.open_file(self, "选择缺陷照片", "图片 (*.jpg *.jpeg *.png *.bmp *.gif *.webp *.heic)")
        if not path:
            return
        try:
            row = mi.attach_defect_photos(self.env.ctx, d.uuid, [path])
        except Exception as exc:  # noqa: BLE001
            Dialogs.error(self, exc)
            return
        self.changed.emit(row)

    def _view_photo(self) -> None:
        d = self._current()
        if d is None or not d.photos:
            return
        for rel in d.photos:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(mi.photo_path(self.env.ctx, rel))))
