"""The Windows installer's logic under Wine (packaging/check_installer.sh): a per-user install,
an upgrade that keeps the data folder, an uninstall that keeps it too. Runs where NSIS and Wine
are installed (apt-get install nsis wine wine64); about a minute, most of it Wine's first start."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "packaging" / "check_installer.sh"


@pytest.mark.slow
@pytest.mark.skipif(not (shutil.which("makensis") and shutil.which("wine")), reason="needs NSIS and Wine")
@pytest.mark.skipif(bool(os.environ.get("FRONTDESK_TEST_PG_URL")),
                    reason="no database involved: checked once, in the SQLite pass")
def test_install_upgrade_and_uninstall_keep_the_data_folder():
    r = subprocess.run(["bash", str(SCRIPT)], capture_output=True, text=True, timeout=280)
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-3000:]
    assert "installer checks passed" in r.stdout
