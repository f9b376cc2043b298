"""One background worker for everything slow (export, import, printing, big searches).

Work runs on a single QThread in submission order; results and errors come back
to the GUI thread through signals. Worker code never touches widgets.
"""

from __future__ import annotations

import atexit
import inspect
import itertools
import logging
import queue
import threading
import weakref
from dataclasses import dataclass
from typing import Any, Callable

from PySide6.QtCore import QObject, QThread, Signal, Slot

log = logging.getLogger(__name__)


class Cancelled(Exception):
    """Raised inside a task by its progress callback once the user cancelled."""


@dataclass
class _Task:
    id: int
    fn: Callable
    args: tuple
    kwargs: dict
    label: str
    cancel: threading.Event


class _Thread(QThread):
    def __init__(self, runner: "TaskRunner"):
        super().__init__()
        self.runner = runner

    def run(self) -> None:
        while True:
            task = self.runner._queue.get()
            if task is None:
                return
            self.runner.started.emit(task.id, task.label)
            try:
                kwargs = dict(task.kwargs)
                if "progress" in inspect.signature(task.fn).parameters:
                    def progress(done: int, total: int | None = None, _t=task):
                        if _t.cancel.is_set():
                            raise Cancelled()
                        self.runner.progressed.emit(_t.id, int(done), int(total or 0))
                    kwargs["progress"] = progress
                result = task.fn(*task.args, **kwargs)
            except Cancelled:
                self.runner.failed.emit(task.id, Cancelled("已取消"))
            except BaseException as exc:  # noqa: BLE001 - every error goes back to the GUI
                if not _is_user_error(exc):
                    log.exception("background task %s failed", task.label)
                self.runner.failed.emit(task.id, exc)
            else:
                self.runner.finished.emit(task.id, result)


def _is_user_error(exc: BaseException) -> bool:
    from app.domain.errors import FrontDeskError

    return isinstance(exc, FrontDeskError)


class TaskRunner(QObject):
    """``runner.submit(fn, *args, on_done=..., on_error=..., label=...)``.

    ``fn`` may take a ``progress(done, total)`` keyword argument; calling it reports
    progress and raises :class:`Cancelled` once :meth:`cancel` was called.
    """

    started = Signal(int, str)
    progressed = Signal(int, int, int)
    finished = Signal(int, object)
    failed = Signal(int, object)
    busy_changed = Signal(bool)

    _instances: "weakref.WeakSet[TaskRunner]" = weakref.WeakSet()

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        TaskRunner._instances.add(self)
        self._queue: queue.Queue[_Task | None] = queue.Queue()
        self._ids = itertools.count(1)
        self._callbacks: dict[int, tuple[Callable | None, Callable | None]] = {}
        self._tasks: dict[int, _Task] = {}
        self._closed = False  # shut down: answers still on their way have no window to go to
        self.finished.connect(self._on_finished)
        self.failed.connect(self._on_failed)
        self._thread = _Thread(self)
        self._thread.start()

    def submit(self, fn: Callable, *args, on_done: Callable[[Any], None] | None = None,
               on_error: Callable[[BaseException], None] | None = None, label: str = "", **kwargs) -> int:
        task = _Task(next(self._ids), fn, args, kwargs, label, threading.Event())
        self._callbacks[task.id] = (on_done, on_error)
        self._tasks[task.id] = task
        if len(self._tasks) == 1:
            self.busy_changed.emit(True)
        self._queue.put(task)
        return task.id

    def cancel(self, task_id: int) -> None:
        task = self._tasks.get(task_id)
        if task:
            task.cancel.set()

    @property
    def busy(self) -> bool:
        return bool(self._tasks)

    def _done(self, task_id: int):
        self._tasks.pop(task_id, None)
        cbs = self._callbacks.pop(task_id, (None, None))
        if not self._tasks:
            self.busy_changed.emit(False)
        return cbs

    @Slot(int, object)
    def _on_finished(self, task_id: int, result: Any) -> None:
        on_done, _ = self._done(task_id)
        if on_done and not self._closed and _alive(on_done):
            on_done(result)

    @Slot(int, object)
    def _on_failed(self, task_id: int, exc: BaseException) -> None:
        _, on_error = self._done(task_id)
        if self._closed:
            # The worker was shut down (the application is closing): a late failure, e.g. the
            # database closed under a periodic refresh, has nobody left to tell.
            return
        if on_error is None or _alive(on_error):
            (on_error or TaskRunner.unhandled_error)(exc)

    @staticmethod
    def unhandled_error(exc: BaseException) -> None:
        """A failure no caller handles; ``ui.shared.common`` shows it to the user."""
        log.error("unhandled task failure: %s", type(exc).__name__)

    def shutdown(self, wait_ms: int = 30000) -> None:
        """Finish the queued work and stop the thread (safe to call twice). Answers that
        arrive afterwards are dropped."""
        self._closed = True
        if self._thread.isRunning():
            self._queue.put(None)
            self._thread.wait(wait_ms)

    @classmethod
    def shutdown_all(cls, wait_ms: int = 30000) -> None:
        """Stop every worker still running (at exit, and after each test)."""
        for runner in list(cls._instances):
            try:
                runner.shutdown(wait_ms)
            except RuntimeError:  # the Qt object is already gone
                pass


atexit.register(TaskRunner.shutdown_all)


def _alive(callback) -> bool:
    """False when the callback is a method of a widget that was closed and deleted meanwhile (a
    page or tab that went away while its task ran): its answer has nowhere to go."""
    import shiboken6

    owner = getattr(callback, "__self__", None)
    return not isinstance(owner, shiboken6.Shiboken.Object) or shiboken6.isValid(owner)
