"""Start-up time of the frozen program (process start to login window shown) against a bare
PySide6 window frozen the same way, in the same run, alternating, medians.

    python packaging/time_startup.py [--runs 9] [--app dist/FrontDesk/frontdesk] [--bare dist/BareWindow/bare_window]

The program prints the moment its login window is up and quits when FRONTDESK_STARTUP_PROBE is
set (ui/main.py); the bare window always does. Runs offscreen unless --display. Both clocks are
time.perf_counter (CLOCK_MONOTONIC on Linux: the same clock in every process).
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


def measure(cmd: list[str], env: dict) -> float:
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env)
    try:
        for line in proc.stdout:
            parts = line.split()
            if len(parts) == 2 and parts[0] in ("shown", "login-shown"):
                return float(parts[1]) - start
        raise RuntimeError(f"{cmd[0]}: no window shown (exit code {proc.wait()})")
    finally:
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        proc.stdout.close()


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=9)
    ap.add_argument("--app", default=str(ROOT / "dist" / "FrontDesk" / "frontdesk"))
    ap.add_argument("--bare", default=str(ROOT / "dist" / "BareWindow" / "bare_window"))
    ap.add_argument("--display", action="store_true", help="use the real display, not offscreen")
    args = ap.parse_args(argv)

    env = {k: v for k, v in os.environ.items() if k not in ("FRONTDESK_DB_URL", "PYTHONPATH")}
    if not args.display:
        env["QT_QPA_PLATFORM"] = "offscreen"
    with tempfile.TemporaryDirectory() as home:
        subprocess.run([args.app, "--home", home, "init", "--site-code", "T1", "--site-name", "计时",
                        "--company", "计时", "--admin", "admin", "--password-stdin"],
                       input="secret-123\n", text=True, env=env, check=True, capture_output=True)
        app_env = dict(env, FRONTDESK_STARTUP_PROBE="1", FRONTDESK_HOME=home)
        measure([args.bare], env)  # warm-up: file cache, font cache
        measure([args.app], app_env)
        bare, app = [], []
        for _ in range(args.runs):
            bare.append(measure([args.bare], env))
            app.append(measure([args.app], app_env))
    b, a = statistics.median(bare), statistics.median(app)
    print(f"frozen bare PySide6 window : median {b * 1000:6.0f} ms (min {min(bare) * 1000:.0f}, max {max(bare) * 1000:.0f})")
    print(f"frozen FrontDesk login     : median {a * 1000:6.0f} ms (min {min(app) * 1000:.0f}, max {max(app) * 1000:.0f})")
    print(f"ratio                      : {a / b:.2f} ({args.runs} runs each, {'display' if args.display else 'offscreen'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
