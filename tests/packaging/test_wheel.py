"""A receptionist's PC gets a built package, not a checkout: the wheel alone must carry the
paper forms, the migrations and the Chinese font, and printing must work from it."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader

ROOT = Path(__file__).resolve().parents[2]
SKIP_DIRS = {".git", "build", "dist", "__pycache__", ".venv", "venv", ".pytest_cache", "out"}


def _copy_source(dest: Path) -> Path:
    """The checkout without build leftovers, so a stale build/ cannot hide a missing file."""
    def ignore(_dir, names):
        return [n for n in names if n in SKIP_DIRS or n.endswith((".egg-info", ".pyc"))]

    shutil.copytree(ROOT, dest, ignore=ignore)
    return dest


def _env() -> dict:
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONPATH", "FRONTDESK_HOME", "FRONTDESK_DB_URL", "WINDIR", "SystemRoot")}
    env["QT_QPA_PLATFORM"] = "offscreen"
    return env


def _run(cmd, cwd, stdin=None, timeout=120):
    r = subprocess.run([str(c) for c in cmd], cwd=cwd, input=stdin, capture_output=True, text=True,
                       env=_env(), timeout=timeout)
    assert r.returncode == 0, f"{cmd}\n{r.stdout}\n{r.stderr}"
    return r.stdout


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """Build the wheel from a copy of the source, install it alone into a fresh venv whose
    dependencies come from this interpreter's site-packages (not its frontdesk)."""
    tmp = tmp_path_factory.mktemp("wheel")
    src = _copy_source(tmp / "src")
    _run([sys.executable, "-m", "pip", "wheel", src, "--no-deps", "-q", "-w", tmp / "dist"], cwd=tmp,
         timeout=300)
    wheel = next((tmp / "dist").glob("frontdesk-*.whl"))

    venv = tmp / "venv"
    _run([sys.executable, "-m", "venv", "--without-pip", venv], cwd=tmp)
    bindir = venv / ("Scripts" if os.name == "nt" else "bin")
    python = bindir / ("python.exe" if os.name == "nt" else "python")
    purelib = Path(_run([python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"], cwd=tmp).strip())
    deps = {sysconfig.get_path("purelib"), sysconfig.get_path("platlib")}
    (purelib / "zz_frontdesk_deps.pth").write_text("\n".join(sorted(deps)) + "\n")
    _run([sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", "-q", wheel], cwd=tmp,
         timeout=300)
    return {"tmp": tmp, "wheel": wheel, "python": python,
            "frontdesk": bindir / ("frontdesk.exe" if os.name == "nt" else "frontdesk")}


def test_the_wheel_carries_forms_migrations_and_the_font(installed):
    names = zipfile.ZipFile(installed["wheel"]).namelist()
    for template in (ROOT / "forms_templates").glob("*.toml"):
        assert f"app/_data/forms_templates/{template.name}" in names
    assert "app/_data/resources/fonts/NotoSansSC-Regular.ttf" in names
    assert "app/_data/resources/fonts/OFL.txt" in names
    assert "app/_data/resources/icons/frontdesk.ico" in names
    versions = [p.name for p in (ROOT / "app").rglob("migrations/versions/*.py")]
    assert versions and all(any(n.endswith(f"migrations/versions/{v}") for n in names) for v in versions)


@pytest.mark.slow
def test_the_installed_program_initialises_and_prints_a_form_with_its_own_font(installed):
    work = installed["tmp"] / "elsewhere"  # not the checkout
    work.mkdir()
    home = installed["tmp"] / "home"
    where = _run([installed["python"], "-c",
                  "import app, app.config as c; print(app.__file__); print(c.BUNDLED_TEMPLATES); print(c.RESOURCES)"],
                 cwd=work).splitlines()
    venv = str(installed["python"].parent.parent)
    assert all(line.startswith(venv) for line in where), where  # the installed copy, not the checkout

    fd = installed["frontdesk"]
    out = _run([fd, "--home", home, "init", "--site-code", "SG01", "--site-name", "阳光花园服务中心",
                "--company", "阳光物业", "--admin", "admin", "--password-stdin"], cwd=work, stdin="secret-123\n")
    assert "SG01" in out
    pdf = work / "kf01.pdf"
    _run([fd, "--home", home, "print", "contact-log", "--date", "2026-11-20", "--out", pdf], cwd=work)

    reader = PdfReader(io.BytesIO(pdf.read_bytes()))
    text = "".join(p.extract_text() for p in reader.pages).replace(" ", "")
    assert "业主来访来电接洽投诉记录表" in text and "本期无记录" in text and "阳光花园服务中心" in text
    embedded = []
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            desc = font.get_object().get("/FontDescriptor")
            if desc is not None and "/FontFile2" in desc.get_object():
                embedded.append(str(font.get_object()["/BaseFont"]))
    assert embedded and all(name.endswith("+NotoSansSC-Regular") for name in embedded), embedded
