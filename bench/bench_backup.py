"""Backups and desks sharing one SQLite home.

1. A backup of a large database (default one million visit/call records): seconds, compressed
   size, and the same copy made by the bare sqlite3 online backup + gzip in the same run.
2. The longest time the GUI thread is blocked while an automatic backup runs on the worker:
   a 10 ms heartbeat timer on the GUI thread records its largest gap (goal under 50 ms).
3. Four desk processes on one SQLite home saving one record per second each for a while:
   saves per second and failures (goal 0).

    python bench/bench_backup.py --records 1000000 --desk-seconds 60
"""

from __future__ import annotations

import argparse
import gzip
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
for p in (ROOT, ROOT / "bench"):
    if str(p) not in sys.path:
        sys.path.insert(0, str(p))


def bare_copy(db: Path, out: Path) -> float:
    t = time.perf_counter()
    raw = out.with_suffix(".raw")
    src = sqlite3.connect(db)
    dst = sqlite3.connect(raw)
    src.backup(dst, pages=0)
    dst.close()
    src.close()
    with open(raw, "rb") as fin, gzip.open(out, "wb", compresslevel=6) as fout:
        shutil.copyfileobj(fin, fout, 1 << 20)
    raw.unlink()
    return time.perf_counter() - t


def gui_block(ctx) -> tuple[float, float]:
    """(longest heartbeat gap in ms, backup seconds) with the backup on the worker."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from app.core import backup
    from ui.shared.worker import TaskRunner

    app = QApplication.instance() or QApplication([])
    runner = TaskRunner()
    gaps = []
    last = [time.perf_counter()]
    done = {}

    def beat():
        now = time.perf_counter()
        gaps.append(now - last[0])
        last[0] = now

    timer = QTimer()
    timer.timeout.connect(beat)
    timer.start(10)
    t0 = time.perf_counter()

    def finished(_info):
        done["t"] = time.perf_counter() - t0
        app.quit()

    runner.submit(backup.make_backup, ctx, "auto", on_done=finished, on_error=lambda e: app.quit(), label="")
    app.exec()
    timer.stop()
    runner.shutdown()
    return max(gaps) * 1000 - 10, done.get("t", float("nan"))


DESK = """
import sys, time
from app.core.bootstrap import open_context
from app.core.context import Actor
from app.domain.enums import Role
from app import reception
ctx = open_context(sys.argv[1])
ctx.actor = Actor("wangli", "王丽", Role.RECEPTIONIST)
end = time.time() + float(sys.argv[2])
saved = failed = 0
while time.time() < end:
    t = time.time()
    try:
        reception.create_contact(ctx, method="来电", name="甲", category="咨询", content="一秒一条", handling="已答复")
        saved += 1
    except Exception as exc:
        failed += 1
        print(type(exc).__name__, file=sys.stderr)
    time.sleep(max(0.0, 1.0 - (time.time() - t)))
print(saved, failed)
"""


def desks(home: Path, seconds: float, n: int = 4) -> tuple[int, int, float]:
    script = home.parent / "desk.py"
    script.write_text(DESK, encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    t = time.perf_counter()
    procs = [subprocess.Popen([sys.executable, str(script), str(home), str(seconds)], env=env, text=True,
                              stdout=subprocess.PIPE) for _ in range(n)]
    outs = [p.communicate()[0].split() for p in procs]
    elapsed = time.perf_counter() - t
    return sum(int(o[0]) for o in outs), sum(int(o[1]) for o in outs), elapsed


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--records", type=int, default=1_000_000)
    ap.add_argument("--desk-seconds", type=float, default=60)
    args = ap.parse_args(argv)
    import gen_large

    from app.core import backup

    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp) / "home"
        ctx = gen_large.build(f"sqlite:///{home / 'frontdesk.db'}", records=args.records, home=home)
        db = home / "frontdesk.db"
        size = db.stat().st_size
        t = time.perf_counter()
        info = backup.make_backup(ctx, "manual")
        ours = time.perf_counter() - t
        bare = bare_copy(db, Path(tmp) / "bare.db.gz")
        print(f"database: {args.records} visit/call records, {size / 1e6:.0f} MB")
        print(f"backup (snapshot + integrity check + counts + gzip): {ours:.1f} s, {info.size / 1e6:.0f} MB; "
              f"bare sqlite3 backup + gzip: {bare:.1f} s; ratio {ours / bare:.2f}x")
        block, secs = gui_block(ctx)
        print(f"automatic backup on the worker: {secs:.1f} s; longest GUI-thread gap {block:.0f} ms (goal < 50)")
        ctx.engine.dispose()
        saved, failed, elapsed = desks(home, args.desk_seconds)
        print(f"4 desks, one save a second each, {args.desk_seconds:.0f} s: {saved} saved "
              f"({saved / elapsed:.1f}/s), {failed} failed (goal 0)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
