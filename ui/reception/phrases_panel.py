"""标准用语: the call greeting with the receptionist's surname and the standard phrases."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QListWidget, QVBoxLayout, QWidget


class PhrasesPanel(QFrame):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("phrases_panel")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("#phrases_panel { background: #f3f8ff; }")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        title = QLabel("标准用语（来电）")
        title.setStyleSheet("font-weight: bold; color: #1565c0;")
        self.greeting = QLabel()
        self.greeting.setObjectName("greeting")
        self.greeting.setWordWrap(True)
        self.greeting.setStyleSheet("font-size: 14px; font-weight: bold;")
        self.phrases = QListWidget()
        self.phrases.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.phrases.setWordWrap(True)
        self.phrases.setMaximumHeight(170)
        layout.addWidget(title)
        layout.addWidget(self.greeting)
        layout.addWidget(self.phrases, 1)

    def set_phrases(self, greeting: str, phrases) -> None:
        self.greeting.setText(f"「{greeting}」")
        self.phrases.clear()
        self.phrases.addItems(list(phrases))
