"""What the main window shows, read from the one feature list (``app.features``).

Each package ``ui/<key>/`` named by ``app.features.ui_packages()`` declares in its
``__init__`` what it contributes, as ``"module:attr"`` strings imported only when needed:

- ``PAGES``: navigation entries (:class:`PageSpec`). ``factory`` names a QWidget class built
  as ``Class(env, parent)``; ``badge`` names a *service* function ``f(ctx) -> Badge | None``
  run on the worker every minute, whose count is shown on the entry (red when
  ``level == "red"``, amber for ``"amber"``).
- ``REPORT_TABS`` / ``SETTINGS_TABS``: modules that define ``TITLE`` (str), ``ORDER`` (int),
  a QWidget class ``Tab(env, parent)`` and optionally ``MIN_ROLE`` (shown only to that role
  and above) and ``ACTION`` (a key of ``app.core.access.ACTIONS``: shown only to the roles the
  site's 权限设置 gives that step); they make the tabs of 报表与导出 and 系统设置.
- ``HOOKS``: modules with ``on_login(env, window)`` (after the main window is shown) and/or
  ``on_close(env) -> str | None`` (a warning shown before the window closes) and/or
  ``on_exit(env)`` (once the window is closing, e.g. the backup at close).
"""

from __future__ import annotations

import importlib
import logging
from dataclasses import dataclass
from types import ModuleType

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PageSpec:
    key: str
    title: str
    factory: str
    badge: str | None = None


#: The two pages made of the tabs the packages contribute; always last.
SHELL_PAGES = (
    PageSpec("reports", "报表与导出", "ui.shared.tabbed_page:ReportsPage"),
    PageSpec("settings", "系统设置", "ui.shared.tabbed_page:SettingsPage"),
)


def packages() -> list[ModuleType]:
    from app.features import ui_packages

    return [importlib.import_module(f"ui.{key}") for key in ui_packages()]


def pages() -> list[PageSpec]:
    return [spec for pkg in packages() for spec in getattr(pkg, "PAGES", ())] + list(SHELL_PAGES)


def resolve(path: str):
    """Import ``"module:attr"`` and return the attribute."""
    module_name, _, attr = path.partition(":")
    return getattr(importlib.import_module(module_name), attr)


def contributed(kind: str) -> list[ModuleType]:
    """The modules the packages list under ``kind`` (``REPORT_TABS``, ``SETTINGS_TABS``,
    ``HOOKS``), imported and sorted by their ``ORDER``. A module that fails to import is
    logged and left out: one broken tab must not take the window down."""
    modules = []
    for pkg in packages():
        for name in getattr(pkg, kind, ()):
            try:
                modules.append(importlib.import_module(name))
            except Exception:
                log.exception("cannot load %s", name)
    return sorted(modules, key=lambda m: (getattr(m, "ORDER", 100), m.__name__))
