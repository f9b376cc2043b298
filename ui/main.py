"""Composition root of the GUI: the login window first (nothing heavy imported),
the database opened on a background thread, then the main window."""

from __future__ import annotations

import logging
import os
import sys
import time

from PySide6.QtCore import QLibraryInfo, QLocale, QThread, QTimer, QTranslator, Signal
from PySide6.QtWidgets import QApplication

log = logging.getLogger(__name__)


class BackendLoader(QThread):
    """Imports the service layer and opens (and upgrades) the database. ``password``: the
    shared database's password the user just typed (memory only)."""

    ready = Signal(object)
    failed = Signal(str, bool)  # message, the database is damaged
    #: The shared database (app.core.connection.SharedDatabase) needs a password: why, in Chinese.
    password_needed = Signal(object, str)

    def __init__(self, home=None, db_url=None, password: str | None = None):
        super().__init__()
        self.home, self.db_url, self.password = home, db_url, password

    def run(self) -> None:
        try:
            from app.core.bootstrap import open_context
            from app.features import load_all

            load_all()
            url = self.db_url
            if self.password:
                from app.config import Paths
                from app.core import connection

                url = connection.resolve_url(Paths.resolve(self.home), self.db_url, password=self.password)
            ctx = open_context(self.home, url)
            try:
                ctx.site  # noqa: B018 - warm the site cache off the GUI thread
            except Exception:
                pass
        except Exception as exc:  # shown in the login window, never a traceback
            from app.domain.errors import DatabaseDamaged, StorageError

            log.error("cannot open the database: %s", type(exc).__name__)
            failure = self._connection_failure(exc)
            from app.core.connection import PasswordNeeded

            if isinstance(failure, PasswordNeeded):
                self.password_needed.emit(failure.db, str(failure))
                return
            if failure is not None:
                text = str(failure)
            else:
                text = str(exc) if isinstance(exc, StorageError) else f"无法打开数据库：{_reason(exc)}"
            self.failed.emit(text, isinstance(exc, DatabaseDamaged))
        else:
            self.ready.emit(ctx)

    def _connection_failure(self, exc: Exception):
        """The shared database's failure in the user's words (a missing or refused password is
        a ``PasswordNeeded``), or None."""
        try:
            from app.config import Paths
            from app.core import connection

            return connection.open_failure(exc, Paths.resolve(self.home), self.db_url)
        except Exception:  # noqa: BLE001 - the generic message is still true
            return None


def start_loading(login, home=None, db_url=None, holder: dict | None = None):
    """Wire the login window to background loaders: returns ``load``, which opens the database
    on a new :class:`BackendLoader` (again after a repair or a typed password)."""
    holder = holder if holder is not None else {}

    def load():
        loader = BackendLoader(home, db_url, password=login.database_password)
        loader.ready.connect(login.set_backend)
        loader.failed.connect(login.backend_failed)
        loader.password_needed.connect(login.ask_database_password)
        previous = holder.get("loader")
        if previous is not None:
            previous.wait(5000)
        holder["loader"] = loader
        loader.start()

    login.retry_requested.connect(load)
    return load


def _reason(exc: Exception) -> str:
    """A user's words for an unexpected failure to open: the message of a known error, the
    kind of any other (the details are in the log)."""
    from app.domain.errors import FrontDeskError

    return str(exc) if isinstance(exc, FrontDeskError) else f"发生意外错误（{type(exc).__name__}），详情已写入日志"


def translation_dirs() -> list[str]:
    """Where Qt's own .qm files may be: Qt's configured path, the PySide6 package (wheels
    and frozen builds lay it out differently), and the application's resources."""
    import PySide6

    from app.config import RESOURCES

    package = os.path.dirname(PySide6.__file__)
    candidates = [QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath),
                  os.path.join(package, "Qt", "translations"), os.path.join(package, "translations"),
                  str(RESOURCES / "translations")]
    return [d for i, d in enumerate(candidates) if d and os.path.isdir(d) and d not in candidates[:i]]


def install_translations(app: QApplication) -> list[str]:
    """Qt's own zh_CN strings for the standard dialogs (OK/Cancel, file dialogs…).
    Returns the catalogues loaded."""
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    loaded = []
    for name in ("qtbase_zh_CN", "qt_zh_CN"):
        for directory in translation_dirs():
            tr = QTranslator(app)
            if tr.load(name, directory):
                app.installTranslator(tr)
                app._frontdesk_translators = getattr(app, "_frontdesk_translators", []) + [tr]
                loaded.append(os.path.join(directory, name))
                break
    if not loaded:
        log.warning("Qt's zh_CN translations not found in %s", translation_dirs())
    return loaded


def make_application(argv=None) -> QApplication:
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv)
    app.setOrganizationName("FrontDesk")
    app.setApplicationName("FrontDesk")
    install_translations(app)
    install_font_and_icon(app)
    return app


def install_font_and_icon(app: QApplication) -> None:
    """The bundled Chinese font when the system has none (a Linux PC without CJK fonts would
    show boxes), and the application icon."""
    from PySide6.QtGui import QFontDatabase, QIcon

    from app.config import RESOURCES

    if not QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese):
        for path in sorted((RESOURCES / "fonts").glob("*.ttf")):
            QFontDatabase.addApplicationFont(str(path))
    icon = RESOURCES / "icons" / "frontdesk.png"
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))


def open_main_window(ctx):
    """Build the worker and the main window for a logged-in context."""
    from ui.shared.common import UiEnv
    from ui.main_window import MainWindow
    from ui.shared.worker import TaskRunner

    runner = TaskRunner()
    env = UiEnv(ctx, runner)
    from app.hq import is_head_office

    if is_head_office(ctx):  # a head-office home: its own window, no desk screens
        from ui.hq.hq_window import HqWindow as MainWindow
    window = MainWindow(env)
    window.show()
    window.run_login_hooks()
    return window


#: bench/bench_startup.py sets this: print when the login window is up, then quit.
STARTUP_PROBE = "FRONTDESK_STARTUP_PROBE"


def _startup_probe(app: QApplication) -> None:
    if not os.environ.get(STARTUP_PROBE):
        return

    def report():
        print(f"login-shown {time.perf_counter():.6f}", flush=True)
        app.quit()

    QTimer.singleShot(0, report)  # runs once the event loop has shown the window


def install_error_handling(home=None) -> str | None:
    """Log to <home>/logs/frontdesk.log, and turn any unexpected exception in a slot
    into a Chinese message box (the details go to the log, never a traceback on screen)."""
    import logging.handlers

    from app.config import Paths

    path = None
    try:
        logs = Paths.resolve(home).logs
        logs.mkdir(parents=True, exist_ok=True)
        path = logs / "frontdesk.log"
        handler = logging.handlers.RotatingFileHandler(path, maxBytes=2_000_000, backupCount=5, encoding="utf-8")
        from app.core.safe_log import install

        install(handler)  # errors by kind and place; no statements, hashes, phones or ID numbers
        root = logging.getLogger()
        root.addHandler(handler)
        root.setLevel(logging.INFO)
    except OSError:
        log.warning("cannot write the log file", exc_info=True)

    def excepthook(exc_type, exc, tb):
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        log.error("unhandled exception", exc_info=(exc_type, exc, tb))
        from ui.shared.common import Dialogs

        try:
            Dialogs.error(None, exc)
        except Exception:  # pragma: no cover - nothing more to do
            pass

    sys.excepthook = excepthook
    return str(path) if path else None


def install_session_end(on_end) -> None:
    """After the message of an action refused because the account was stopped, demoted or its
    password reset (``SessionEnded``), call ``on_end`` once the event loop is free: the window
    goes back to the login page."""
    from app.domain.errors import SessionEnded
    from ui.shared.common import Dialogs

    shown = Dialogs.error.__func__

    def error(cls, parent, exc, title: str = "错误") -> None:
        shown(cls, parent, exc, title)
        if isinstance(exc, SessionEnded):
            QTimer.singleShot(0, on_end)

    Dialogs.error = classmethod(error)


def run_gui(home=None, db_url=None) -> int:
    app = make_application()
    install_error_handling(home)
    from ui.login_dialog import LoginDialog

    login = LoginDialog(home=home)
    login.show()
    _startup_probe(app)
    holder = {}
    load = start_loading(login, home, db_url, holder)
    # Start the heavy imports once the window is up, so they do not hold it back.
    QTimer.singleShot(0, load)

    def on_login(ctx):
        holder["window"] = open_main_window(ctx)

    def back_to_login():
        window = holder.pop("window", None)
        if window is None:
            return
        ctx = window.env.ctx
        again = LoginDialog(home=home)  # shown first: closing the last window would quit
        again.set_backend(ctx)
        again.logged_in.connect(on_login)
        again.rejected.connect(lambda: app.quit() if "window" not in holder else None)
        holder["login"] = again
        again.show()
        window.env.runner.shutdown()
        window.end_session()
        ctx.actor = None

    install_session_end(back_to_login)
    login.logged_in.connect(on_login)
    login.rejected.connect(lambda: app.quit() if "window" not in holder else None)
    code = app.exec()
    if "loader" in holder:
        holder["loader"].wait(5000)
    window = holder.get("window")
    if window is not None:
        window.env.runner.shutdown()
    return code
