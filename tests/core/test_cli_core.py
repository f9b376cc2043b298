"""The command line on a fresh home: init, demo-data, check; a second init is refused."""

import subprocess
import sys

from tests.conftest import PG_URL


def run(home, *args, stdin: str | None = None, db: str | None = None):
    cmd = [sys.executable, "-m", "app", "--home", str(home)]
    if db:
        cmd += ["--db", db]
    return subprocess.run(cmd + list(args), input=stdin, capture_output=True, text=True, timeout=300)


def test_init_demo_check_and_second_init_refused(tmp_path, db_url):
    home = tmp_path / "fresh"
    db_url = db_url if PG_URL else None  # SQLite: the database in the home folder
    r = run(home, "init", "--site-code", "SG01", "--site-name", "阳光花园服务中心", "--company", "示例物业",
            "--admin", "admin", "--password-stdin", stdin="admin-pass\n", db=db_url)
    assert r.returncode == 0, r.stderr
    r = run(home, "demo-data", "--days", "30", db=db_url)
    assert r.returncode == 0, r.stderr
    assert "来访来电" in r.stdout
    r = run(home, "check", db=db_url)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "异常" not in r.stdout
    r2 = run(home, "init", "--site-code", "XX", "--site-name", "别的", "--company", "别的", "--admin", "root",
             "--password-stdin", stdin="other-pass\n", db=db_url)
    assert r2.returncode != 0
    assert "不能重复初始化" in r2.stderr
    assert "Traceback" not in r2.stderr
    r3 = run(home, "check", db=db_url)
    assert "SG01" in r3.stdout and "XX" not in r3.stdout


def test_bad_input_is_one_line(tmp_path):
    r = run(tmp_path / "h", "init", "--site-code", "a b", "--site-name", "x", "--company", "y", "--admin", "ad",
            "--password-stdin", stdin="pw-123456\n")
    assert r.returncode != 0
    assert "站点编码" in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1
    r = run(tmp_path / "h", "demo-data", "--days", "abc")
    assert r.returncode != 0 and "Traceback" not in r.stderr
    r = run(tmp_path / "h", "--version")
    assert r.returncode == 0 and "frontdesk" in r.stdout
