"""What the main window shows, declared in one place and imported only when needed.

- ``PAGES``: the navigation entries. ``factory`` is ``"module:Class"``; the class is
  built as ``Class(env, parent)``. A module not built yet shows a placeholder.
  ``badge`` (optional) is ``"module:function"``, a *service* function
  ``f(ctx) -> Badge | None`` run on the worker every minute, whose count is shown on
  the entry (red when ``level == "red"``, amber for ``"amber"``).
- Tabs of 报表与导出 and 系统设置 are discovered: every module in ``ui/report_tabs/``
  and ``ui/settings_tabs/`` defines ``TITLE`` (str), ``ORDER`` (int) and a QWidget class
  ``Tab(env, parent)``. A module that defines ``MIN_ROLE`` (an ``app.domain.enums.Role``)
  is shown only to that role and above.
- Hooks are discovered in ``ui/hooks/``: a module may define ``on_login(env, window)``
  (after the main window is shown) and ``on_close(env) -> str | None`` (a warning
  shown before the window closes, e.g. today's workbook not yet exported).
"""

from __future__ import annotations

import importlib
import logging
import pkgutil
from dataclasses import dataclass
from types import ModuleType

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PageSpec:
    key: str
    title: str
    factory: str
    badge: str | None = None


PAGES: list[PageSpec] = [
    PageSpec("reception", "接待登记", "ui.reception.reception_page:ReceptionPage",
             "app.services.reception:nav_badge"),
    PageSpec("complaints", "投诉处理", "ui.complaints.complaints_page:ComplaintsPage",
             "app.services.complaints:nav_badge"),
    PageSpec("followups", "回访", "ui.complaints.followups_page:FollowUpsPage",
             "app.services.followups:nav_badge"),
    PageSpec("repairs", "维修工单", "ui.repairs.repairs_page:RepairsPage", "app.services.repairs:nav_badge"),
    PageSpec("movein", "入伙交付", "ui.movein.movein_page:MoveInPage", "app.services.movein:nav_badge"),
    PageSpec("renovation", "装修管理", "ui.renovation.renovation_page:RenovationPage",
             "app.services.renovation:nav_badge"),
    PageSpec("residents", "业主与房屋", "ui.residents.residents_page:ResidentsPage"),
    PageSpec("reports", "报表与导出", "ui.tabbed_page:ReportsPage"),
    PageSpec("settings", "系统设置", "ui.tabbed_page:SettingsPage"),
]


# Badges come from the service layer (app.services.badges.Badge: count, level, tooltip).


def resolve(path: str):
    """Import ``"module:attr"``. Returns None when the module does not exist yet."""
    module_name, _, attr = path.partition(":")
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name and (module_name == exc.name or module_name.startswith(exc.name + ".")):
            return None
        raise
    return getattr(module, attr, None)


def discover(package: str) -> list[ModuleType]:
    """The modules of a package, sorted by their ``ORDER``."""
    try:
        pkg = importlib.import_module(package)
    except ModuleNotFoundError:
        return []
    modules = []
    for info in pkgutil.iter_modules(pkg.__path__):
        try:
            modules.append(importlib.import_module(f"{package}.{info.name}"))
        except Exception:  # a broken tab must not take the window down
            log.exception("cannot load %s.%s", package, info.name)
    return sorted(modules, key=lambda m: (getattr(m, "ORDER", 100), m.__name__))
