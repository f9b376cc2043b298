"""A worker that was shut down (the application closing) shows nothing for the answers still on
their way: a periodic refresh failing as the database closes must not open a message box, which
nobody could close."""

import threading

from app.core.connection import ConnectionLost
from ui.shared.worker import TaskRunner


def test_a_failure_arriving_after_shutdown_is_not_shown(qtbot, dialogs):
    runner = TaskRunner()
    go = threading.Event()
    done = []

    def refresh():
        go.wait(5)
        raise ConnectionLost("与服务中心共享数据库的连接已中断")

    runner.submit(refresh, on_done=done.append, label="刷新")
    runner.submit(lambda: "late answer", on_done=done.append, label="刷新")
    go.set()
    runner.shutdown()  # both tasks ran; their answers are queued for the GUI thread
    qtbot.wait(100)
    assert dialogs.errors == [] and done == []
    assert not runner.busy


def test_before_shutdown_the_same_failure_is_shown(qtbot, dialogs):
    runner = TaskRunner()
    runner.submit(lambda: (_ for _ in ()).throw(ConnectionLost("与服务中心共享数据库的连接已中断")), label="刷新")
    qtbot.waitUntil(lambda: bool(dialogs.errors))
    assert "连接已中断" in dialogs.errors[0]
    runner.shutdown()
