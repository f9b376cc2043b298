"""Layering: app never imports Qt; ui never imports sqlalchemy or app.db."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _imports(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.lineno, node.module


#: The composition root may know both sides.
COMPOSITION_ROOTS = {"app/__main__.py"}


def _violations(package: str, forbidden: tuple[str, ...]):
    out = []
    for path in sorted((ROOT / package).rglob("*.py")):
        if str(path.relative_to(ROOT)) in COMPOSITION_ROOTS:
            continue
        for line, name in _imports(path):
            if any(name == f or name.startswith(f + ".") for f in forbidden):
                out.append(f"{path.relative_to(ROOT)}:{line} imports {name}")
    return out


def test_app_never_imports_qt():
    assert _violations("app", ("PySide6", "shiboken6", "ui")) == []


def test_ui_never_imports_the_database_layer():
    assert _violations("ui", ("sqlalchemy", "app.db", "alembic")) == []


def test_checker_catches_a_forbidden_import(tmp_path, monkeypatch):
    bad = tmp_path / "ui"
    bad.mkdir()
    (bad / "x.py").write_text("from sqlalchemy import select\n", encoding="utf-8")
    monkeypatch.setattr(__import__(__name__), "ROOT", tmp_path)
    assert _violations("ui", ("sqlalchemy",)) == ["ui/x.py:1 imports sqlalchemy"]
