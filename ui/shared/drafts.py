"""Drafts that survive a crash: a form's typing kept in a small file under the home folder.

``DraftKeeper(parent, path, collect)`` writes ``collect()`` (a JSON-able dict, or None when
the form is empty) to ``path`` a moment after every change (``touch()``) and every few seconds,
replacing the file atomically, so a forced close or a power cut loses at most a few seconds.
``load()`` gives the draft back on the next start; ``discard()`` drops it once the record is saved.
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QObject, QTimer

log = logging.getLogger(__name__)


def drafts_folder(home: Path) -> Path:
    return Path(home) / "drafts"


class DraftKeeper(QObject):
    DEBOUNCE_MS = 700
    INTERVAL_MS = 4000

    def __init__(self, parent: QObject, path: Path, collect: Callable[[], dict | None]):
        super().__init__(parent)
        self.path = Path(path)
        self.collect = collect
        self._dirty = False
        self._paused = False
        self._last: str | None = None
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.timeout.connect(self.save_now)
        self._interval = QTimer(self)
        self._interval.timeout.connect(self._periodic)
        self._interval.start(self.INTERVAL_MS)

    def pause(self, paused: bool) -> None:
        """While the form itself fills or clears fields, those changes are not typing."""
        self._paused = paused

    def touch(self, *_args) -> None:
        if self._paused:
            return
        self._dirty = True
        self._debounce.start(self.DEBOUNCE_MS)

    def _periodic(self) -> None:
        if self._dirty:
            self.save_now()

    def save_now(self) -> None:
        self._dirty = False
        try:
            data = self.collect()
        except Exception:
            log.exception("draft: cannot read the form")
            return
        if not data:
            self.discard()
            return
        text = json.dumps(data, ensure_ascii=False, indent=1)
        if text == self._last and self.path.exists():
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.path.with_suffix(".tmp")
            with open(tmp, "w", encoding="utf-8") as fh:
                fh.write(text)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, self.path)
            self._last = text
        except OSError:
            log.exception("draft: cannot write %s", self.path)

    def load(self) -> dict | None:
        try:
            with open(self.path, encoding="utf-8") as fh:
                data = json.load(fh)
        except FileNotFoundError:
            return None
        except (OSError, ValueError):
            log.exception("draft: unreadable %s", self.path)
            return None
        return data if isinstance(data, dict) else None

    def discard(self) -> None:
        self._dirty = False
        self._debounce.stop()
        self._last = None
        try:
            self.path.unlink(missing_ok=True)
        except OSError:
            log.exception("draft: cannot remove %s", self.path)
