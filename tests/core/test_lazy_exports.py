"""Feature packages offer their names on first use (``app.domain.lazy``): every name a
package lists in ``__all__`` is there, is the object its module defines, and a name it does
not offer is an AttributeError, as with any module."""

from __future__ import annotations

import importlib
import subprocess
import sys
from pathlib import Path

import pytest

from app.features import FEATURES

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("key", [f.key for f in FEATURES])
def test_every_exported_name_resolves(key):
    package = importlib.import_module(f"app.{key}")
    for name in getattr(package, "__all__", ()):
        assert getattr(package, name) is not None, f"app.{key}.{name}"


def test_a_lazy_name_is_the_object_its_module_defines_and_unknown_names_fail():
    import app.reception as reception
    from app.reception.contact import create_contact
    from app.reception.models import ContactRecord

    assert reception.create_contact is create_contact
    assert reception.ContactRecord is ContactRecord
    assert reception.search is importlib.import_module("app.reception.search")  # a module offered by name
    with pytest.raises(AttributeError):
        reception.no_such_name  # noqa: B018


def test_importing_one_module_of_a_lazy_package_leaves_the_others_unloaded():
    code = ("import sys; import app.reception.vocab; "
            "print(sorted(m for m in sys.modules if m.startswith(('app.reception', 'app.complaints'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "['app.reception', 'app.reception.vocab']"


def test_without_the_source_files_every_exported_name_still_resolves():
    """A frozen build carries compiled modules only: the package then imports its modules
    itself, and every name of ``__all__`` is the object its module defines."""
    code = (
        "import builtins, importlib\n"
        "real_open = builtins.open\n"
        "def no_sources(path, *a, **k):\n"
        "    if str(path).endswith('__init__.py'):\n"
        "        raise FileNotFoundError(path)\n"
        "    return real_open(path, *a, **k)\n"
        "builtins.open = no_sources\n"
        "import app.reception as r\n"
        "from app.reception.contact import create_contact\n"
        "assert r.create_contact is create_contact and r.search.__name__ == 'app.reception.search'\n"
        "missing = [n for n in r.__all__ if getattr(r, n, None) is None]\n"
        "print('missing', missing)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip() == "missing []"
