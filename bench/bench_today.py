"""Enter on the login window to the 工作台 painted, and the idle memory of the logged-in
application, on the demo data and on a large site.

One fresh process per database: the login window gets the backend, the password is typed,
Enter is pressed; the clock stops when the 工作台 has shown its sections and painted once.
The logged-in window then idles for two seconds and the resident memory (VmRSS) is read.
Goals: ≤ 0.5 s on the demo data, ≤ 1 s and < 250 MB on 1,000,000 records.

    python bench/bench_today.py --demo                 # builds a demo home (30 days) first
    python bench/bench_today.py --home /tmp/fd-large   # a home built by bench/gen_large.py
    python bench/bench_today.py --home H --db URL      # PostgreSQL
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CHILD = r"""
import json, os, sys, time
sys.path.insert(0, sys.argv[1])
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from ui.main import make_application, open_main_window
from app.core.bootstrap import open_context
from app.features import load_all
from ui.login_dialog import LoginDialog

app = make_application()
load_all()
ctx = open_context(sys.argv[2], sys.argv[3] or None)
login = LoginDialog(home=sys.argv[2])
login.show()
login.set_backend(ctx)
login.username.setText(sys.argv[4])
login.password.setText(sys.argv[5])
out = {}
holder = {}

def painted():
    if "enter_to_today_s" in out:  # the page read again afterwards: the first painting is what counts
        return
    out["enter_to_today_s"] = time.perf_counter() - out["t0"]
    QTimer.singleShot(2000, idle)

def idle():
    rss = [l for l in open("/proc/self/status") if l.startswith("VmRSS")][0].split()[1]
    out["idle_rss_mb"] = int(rss) / 1024
    page = holder["window"].page("today")
    out["sections"] = {s.key: s.count for s in page.data.sections}
    print(json.dumps(out), flush=True)
    os._exit(0)  # measured; the application's exit hooks are not what is measured

def on_login(ctx):
    out["password_checked_s"] = time.perf_counter() - out["t0"]  # the argon2id check, by design ~0.3 s
    window = open_main_window(ctx)
    holder["window"] = window
    page = window.page("today")
    def loaded():
        page.repaint()  # painted, not only laid out
        painted()
    page.loaded.connect(loaded)

login.logged_in.connect(on_login)

def press_enter():
    out["t0"] = time.perf_counter()
    QTest.keyClick(login.password, Qt.Key.Key_Return)

QTimer.singleShot(200, press_enter)
app.exec()
"""


def measure(home: str, db: str | None, user: str, password: str) -> dict:
    r = subprocess.run([sys.executable, "-c", CHILD, str(ROOT), home, db or "", user, password],
                       capture_output=True, text=True, timeout=600, env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    lines = [line for line in r.stdout.splitlines() if line.startswith("{")]
    if not lines:
        raise SystemExit(r.stdout + r.stderr)
    return json.loads(lines[-1])


def demo_home() -> str:
    home = tempfile.mkdtemp(prefix="fd-demo-")
    run = [sys.executable, "-m", "app", "--home", home]
    subprocess.run(run + ["init", "--site-code", "DEMO", "--site-name", "阳光花园服务中心", "--company", "示例物业",
                          "--admin", "admin", "--admin-name", "刘芳", "--password-stdin"],
                   input="admin-pass\n", text=True, check=True, cwd=ROOT, capture_output=True)
    subprocess.run(run + ["demo-data", "--days", "30"], check=True, cwd=ROOT, capture_output=True)
    return home


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--demo", action="store_true")
    ap.add_argument("--home")
    ap.add_argument("--db")
    ap.add_argument("--user", default="admin")
    ap.add_argument("--password")
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    if args.demo:
        home, password = demo_home(), args.password or "admin-pass"
    else:
        sys.path.insert(0, str(ROOT / "bench"))
        from gen_large import PASSWORD

        home, password = args.home, args.password or PASSWORD
    results = [measure(home, args.db, args.user, password) for _ in range(args.runs)]
    times = sorted(r["enter_to_today_s"] for r in results)
    print(f"home {home}")
    print(f"Enter → 工作台 painted: median {times[len(times) // 2]:.3f} s (runs: "
          + ", ".join(f"{t:.3f}" for t in times) + ")")
    checked = sorted(r["password_checked_s"] for r in results)
    print(f"  of which Enter → password checked (argon2id): median {checked[len(checked) // 2]:.3f} s")
    print(f"idle memory after login: {max(r['idle_rss_mb'] for r in results):.0f} MB")
    print(f"sections: {results[-1]['sections']}")


if __name__ == "__main__":
    main()
