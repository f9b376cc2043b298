"""Package exports imported on first use.

A feature's ``__init__`` names what it offers with ordinary import lines inside an
``if TYPE_CHECKING:`` block, and hands its ``__getattr__`` to :func:`exports`::

    from typing import TYPE_CHECKING

    from app.domain.lazy import exports

    if TYPE_CHECKING:
        from app.reception.models import ContactRecord
        from app.reception import search

    __getattr__ = exports(__name__, __file__)

``from app.reception import ContactRecord`` then imports ``app.reception.models`` at that
moment, and importing one module of the package (``app.reception.print_contact_log``) no
longer imports all the others and what they import. Those import lines stay the one list of
the exports: readers, type checkers and ``tests/test_architecture.py`` see them as before.
"""

from __future__ import annotations

import ast
import importlib
import sys
from typing import Any, Callable


def _declared(package: str, path: str) -> dict[str, tuple[str, str]] | None:
    """Name -> (module, attribute) from the ``if TYPE_CHECKING:`` imports of ``path``;
    attribute ``""`` for a submodule offered by name (``from app.x import search``). None when
    the source is not there (a frozen build carries compiled modules only)."""
    try:
        with open(path, encoding="utf-8") as fh:
            source = fh.read()
    except OSError:
        return None
    tree = ast.parse(source, path)
    found: dict[str, tuple[str, str]] = {}
    for node in tree.body:
        if not (isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING"):
            continue
        for imp in node.body:
            if not isinstance(imp, ast.ImportFrom) or imp.level or not imp.module:
                raise TypeError(f"{path}:{imp.lineno}: only 'from app.… import …' lines belong here")
            for alias in imp.names:
                if imp.module == package:
                    found[alias.asname or alias.name] = (f"{package}.{alias.name}", "")
                else:
                    found[alias.asname or alias.name] = (imp.module, alias.name)
    return found


def _every_module(package: str) -> dict[str, tuple[str, str]]:
    """Without the source: every module of the package imported, and each public name they
    define or import taken from the first module that has it (slower, the same names)."""
    import pkgutil

    found: dict[str, tuple[str, str]] = {}
    for info in pkgutil.iter_modules(sys.modules[package].__path__):
        module = importlib.import_module(f"{package}.{info.name}")
        found.setdefault(info.name, (module.__name__, ""))
        for name in vars(module):
            if not name.startswith("_"):
                found.setdefault(name, (module.__name__, name))
    return found


def exports(package: str, path: str) -> Callable[[str], Any]:
    """The module ``__getattr__`` of ``package`` (whose ``__init__`` is ``path``)."""
    table: dict[str, tuple[str, str]] | None = None

    def __getattr__(name: str) -> Any:
        nonlocal table
        if table is None:
            table = _declared(package, path)
            if table is None:
                table = _every_module(package)
        try:
            module, attr = table[name]
        except KeyError:
            raise AttributeError(f"module {package!r} has no attribute {name!r}") from None
        value = importlib.import_module(module)
        if attr:
            value = getattr(value, attr)
        setattr(sys.modules[package], name, value)  # the next look-up is a plain attribute
        return value

    return __getattr__
