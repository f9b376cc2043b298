"""Process start to login window shown, against a bare PySide6 window, in the same run.

Each measurement is a fresh process, from just before it is spawned to the moment the
window is up (the event loop has run once after show()). The application is the real
``python -m app`` GUI start on a throw-away home folder (``FRONTDESK_STARTUP_PROBE`` makes
ui/main.py print the moment and quit). Runs alternate between the two, after one warm-up
each; the figures are medians. Goal: ratio <= 2.5.

    python bench/bench_startup.py [--runs 9] [--offscreen/--no-offscreen]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

BARE = r"""
import sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget
app = QApplication(sys.argv)
w = QWidget()
w.setWindowTitle("bare")
w.resize(380, 240)
w.show()
def report():
    print(f"shown {time.perf_counter():.6f}", flush=True)
    app.quit()
QTimer.singleShot(0, report)
app.exec()
"""


def measure(cmd: list[str], env: dict) -> float:
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT)
    try:
        for line in proc.stdout:
            parts = line.split()
            if len(parts) == 2 and parts[0] in ("shown", "login-shown"):
                return float(parts[1]) - start
        raise RuntimeError(f"no window: {proc.stderr.read()[-2000:]}")
    finally:
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        proc.stdout.close()
        proc.stderr.close()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--no-offscreen", dest="offscreen", action="store_false",
                        help="use the real display instead of QT_QPA_PLATFORM=offscreen")
    args = parser.parse_args(argv)

    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    if args.offscreen:
        env["QT_QPA_PLATFORM"] = "offscreen"
    with tempfile.TemporaryDirectory() as home:
        app_env = dict(env, FRONTDESK_STARTUP_PROBE="1", FRONTDESK_HOME=home)
        app_env.pop("FRONTDESK_DB_URL", None)
        bare_cmd = [sys.executable, "-c", BARE]
        app_cmd = [sys.executable, "-m", "app"]
        measure(bare_cmd, env)  # warm-up: file cache, font cache, the database created
        measure(app_cmd, app_env)
        bare, app = [], []
        for _ in range(args.runs):
            bare.append(measure(bare_cmd, env))
            app.append(measure(app_cmd, app_env))
    b, a = statistics.median(bare), statistics.median(app)
    print(f"bare PySide6 window : median {b * 1000:7.0f} ms  (min {min(bare) * 1000:.0f}, max {max(bare) * 1000:.0f})")
    print(f"FrontDesk login     : median {a * 1000:7.0f} ms  (min {min(app) * 1000:.0f}, max {max(app) * 1000:.0f})")
    print(f"ratio               : {a / b:.2f}  (goal <= 2.5; {args.runs} runs each, "
          f"{'offscreen' if args.offscreen else 'display'})")
    return 0 if a / b <= 2.5 else 1


if __name__ == "__main__":
    sys.exit(main())
