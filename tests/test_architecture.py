"""The import rules of the code base, checked on every run:

- layers: domain ← kernel (app.core, app.db) ← engines (app.forms, app.exchange) ← features
  (app.<feature>) ← ui; app never imports Qt or ui (its composition root ``app/__main__.py`` aside);
- the engines import no feature (they read features through ``app.features`` only);
- a feature uses another only through its public ``__init__`` (``from app.complaints import X``);
- ui never imports sqlalchemy, alembic, ``app.db`` or a feature's private module;
- no import cycles between packages or between files.

Every rule is also run on a small planted tree that breaks it, so a checker that stopped
seeing violations would fail here too.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Tree:
    root: Path
    #: module name -> [(line, imported module name)], imports resolved to files of the tree
    imports: dict[str, list[tuple[int, str]]] = field(default_factory=dict)
    files: dict[str, Path] = field(default_factory=dict)

    @property
    def features(self) -> set[str]:
        skip = {"core", "db", "domain", "forms", "exchange", "cli"}
        return {p.name for p in (self.root / "app").iterdir()
                if p.is_dir() and (p / "__init__.py").exists() and p.name not in skip}


def _module_name(root: Path, path: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def load(root: Path) -> Tree:
    tree = Tree(root)
    for top in ("app", "ui"):
        for path in sorted((root / top).rglob("*.py")):
            tree.files[_module_name(root, path)] = path
    for name, path in tree.files.items():
        found = []
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Import):
                found += [(node.lineno, a.name) for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                for a in node.names:
                    sub = f"{node.module}.{a.name}"
                    # ``from app import db`` imports the module app.db: name it so
                    found.append((node.lineno, sub if sub in tree.files else node.module))
        tree.imports[name] = found
    return tree


def _is(name: str, prefix: str) -> bool:
    return name == prefix or name.startswith(prefix + ".")


def _layer(tree: Tree, name: str) -> str:
    parts = name.split(".")
    if parts[0] == "ui":
        return "ui"
    if name in ("app", "app.config") or _is(name, "app.domain"):
        return "domain"
    if _is(name, "app.core") or _is(name, "app.db"):
        return "kernel"
    if _is(name, "app.forms") or _is(name, "app.exchange"):
        return "engine"
    if len(parts) > 1 and parts[1] in tree.features:
        return "feature"
    return "root"  # app.__main__, app.cli, app.features: composition, may use everything in app


RANK = {"domain": 0, "kernel": 1, "engine": 2, "feature": 3, "ui": 4}


def layer_violations(tree: Tree) -> list[str]:
    out = []
    for name, imports in tree.imports.items():
        here = _layer(tree, name)
        for line, target in imports:
            if not (_is(target, "app") or _is(target, "ui")):
                continue
            there = _layer(tree, target)
            if here == "root":
                if there == "ui" and name != "app.__main__":
                    out.append(f"{name}:{line} imports {target}")
                continue
            if there == "root":
                # the registries of the engines (and the ui) read the one feature list
                if target == "app.features" and here in ("engine", "ui"):
                    continue
                out.append(f"{name}:{line} imports {target}")
            elif RANK[there] > RANK[here]:
                out.append(f"{name}:{line} imports {target}")
    return sorted(out)


def _public_submodules(tree: Tree, feature: str) -> set[str]:
    """Modules a feature's ``__init__`` offers by name (``from app.complaints import followups``)."""
    return {t for _, t in tree.imports.get(f"app.{feature}", ()) if t.count(".") == 2}


def private_violations(tree: Tree) -> list[str]:
    """A feature's private module imported from outside the feature (tests aside)."""
    public = {f: _public_submodules(tree, f) for f in tree.features}
    out = []
    for name, imports in tree.imports.items():
        parts = name.split(".")
        own = parts[1] if parts[0] == "app" and len(parts) > 1 and parts[1] in tree.features else None
        for line, target in imports:
            t = target.split(".")
            if (t[0] == "app" and len(t) > 2 and t[1] in tree.features and t[1] != own
                    and ".".join(t[:3]) not in public[t[1]]):
                out.append(f"{name}:{line} imports {target}")
    return sorted(out)


def forbidden_violations(tree: Tree) -> list[str]:
    out = []
    for name, imports in tree.imports.items():
        if name.startswith("ui"):
            banned = ("sqlalchemy", "alembic", "app.db")
        elif name != "app.__main__":
            banned = ("PySide6", "shiboken6", "ui")
        else:
            banned = ()
        out += [f"{name}:{line} imports {t}" for line, t in imports if any(_is(t, b) for b in banned)]
    return sorted(out)


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one member (Tarjan)."""
    index, low, on, stack, out, counter = {}, {}, set(), [], [], [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return sorted(out)


def _file_of(tree: Tree, target: str) -> str | None:
    while target and target not in tree.files:
        target = target.rpartition(".")[0]
    return target or None


#: Where the program starts: it knows both app and ui, and nothing imports it.
COMPOSITION_ROOTS = {"app.__main__"}


def file_cycles(tree: Tree) -> list[list[str]]:
    graph = {}
    for name, imports in tree.imports.items():
        targets = {_file_of(tree, t) for _, t in imports if _is(t, "app") or _is(t, "ui")}
        # a package's __init__ re-exporting its own modules is not a cycle of its modules
        graph[name] = {t for t in targets if t and t != name and not (name.startswith(t + ".")
                                                                       and tree.files[t].name == "__init__.py")}
    return _cycles(graph)


def _package(tree: Tree, name: str) -> str:
    path = tree.files[name]
    return name if path.name == "__init__.py" else name.rpartition(".")[0]


def package_cycles(tree: Tree) -> list[list[str]]:
    graph: dict[str, set[str]] = {}
    for name, imports in tree.imports.items():
        if name in COMPOSITION_ROOTS:
            continue
        here = _package(tree, name)
        for _, t in imports:
            f = _file_of(tree, t) if (_is(t, "app") or _is(t, "ui")) else None
            if f:
                there = _package(tree, f)
                # a package and the packages inside it are one unit here
                if there != here and not here.startswith(there + ".") and not there.startswith(here + "."):
                    graph.setdefault(here, set()).add(there)
    return _cycles(graph)


# ---------------------------------------------------------------- the real tree
def test_layers_run_one_way():
    assert layer_violations(load(ROOT)) == []


def test_no_feature_private_module_is_imported_from_outside():
    assert private_violations(load(ROOT)) == []


def test_app_never_imports_qt_and_ui_never_imports_the_database_layer():
    assert forbidden_violations(load(ROOT)) == []


def test_no_import_cycles_between_files():
    assert file_cycles(load(ROOT)) == []


def test_no_import_cycles_between_packages():
    assert package_cycles(load(ROOT)) == []


def test_every_feature_is_in_the_feature_list_and_says_what_it_is():
    from app.features import FEATURES

    tree = load(ROOT)
    assert {f.key for f in FEATURES} == tree.features
    for key in tree.features:
        doc = ast.get_docstring(ast.parse((ROOT / "app" / key / "__init__.py").read_text(encoding="utf-8")))
        assert doc and len(doc) > 40, f"app/{key}/__init__.py says what the feature is"


# ---------------------------------------------------------------- planted violations
def _plant(tmp_path: Path, files: dict[str, str]) -> Tree:
    base = {"app/__init__.py": "", "app/domain/__init__.py": "", "app/core/__init__.py": "",
            "app/db/__init__.py": "", "app/forms/__init__.py": "", "app/features.py": "",
            "app/alpha/__init__.py": "", "app/alpha/service.py": "", "app/beta/__init__.py": "",
            "app/beta/service.py": "", "ui/__init__.py": "", "ui/shared/__init__.py": ""}
    for rel, text in {**base, **files}.items():
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return load(tmp_path)


def test_planted_layer_violations_are_caught(tmp_path):
    tree = _plant(tmp_path, {
        "app/domain/rules.py": "from app.core import context\n",       # domain reaching up
        "app/core/context.py": "from app import alpha\n",              # kernel reaching a feature
        "app/forms/registry.py": "from app.alpha import service\n",    # engine importing a feature
    })
    found = layer_violations(tree)
    assert "app.domain.rules:1 imports app.core.context" in found
    assert "app.core.context:1 imports app.alpha" in found
    assert "app.forms.registry:1 imports app.alpha.service" in found


def test_planted_private_import_is_caught(tmp_path):
    tree = _plant(tmp_path, {"app/beta/rules.py": "from app.alpha.service import thing\n",
                             "ui/shared/page.py": "from app.alpha import service\n",
                             "app/beta/__init__.py": "from app.beta import lists\n", "app/beta/lists.py": "",
                             "ui/shared/ok.py": "from app.beta import lists\n"})  # offered by beta's __init__
    assert private_violations(tree) == ["app.beta.rules:1 imports app.alpha.service",
                                        "ui.shared.page:1 imports app.alpha.service"]


def test_planted_forbidden_imports_are_caught(tmp_path):
    tree = _plant(tmp_path, {"ui/shared/a.py": "from sqlalchemy import select\n",
                             "ui/shared/b.py": "from app import db\n",
                             "app/alpha/c.py": "import PySide6.QtWidgets\n"})
    assert forbidden_violations(tree) == ["app.alpha.c:1 imports PySide6.QtWidgets",
                                          "ui.shared.a:1 imports sqlalchemy", "ui.shared.b:1 imports app.db"]


def test_planted_cycles_are_caught(tmp_path):
    tree = _plant(tmp_path, {
        "app/alpha/one.py": "def f():\n    from app.alpha import two\n",   # hidden in a function
        "app/alpha/two.py": "from app.alpha import one\n",
        "app/beta/service.py": "from app import alpha\n",
        "app/alpha/three.py": "from app import beta\n",
    })
    assert file_cycles(tree) == [["app.alpha.one", "app.alpha.two"]]
    assert package_cycles(tree) == [["app.alpha", "app.beta"]]
