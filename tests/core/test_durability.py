"""A process writing records is killed (SIGKILL) in the middle of its loop. Reopened, the
database is intact and every record whose commit had returned is there, whole."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from app.core.models import Resident, UnitResident
from app.core import maintenance
from app.core.bootstrap import open_context

ROOT = Path(__file__).resolve().parents[2]

WRITER = r"""
import sys
from app.domain.enums import Role
from app import residents
from app.core.bootstrap import open_context
from app.core.context import Actor

home, url, round_ = sys.argv[1], sys.argv[2], sys.argv[3]
ctx = open_context(home, url)
ctx.actor = Actor("wangli", "王丽", Role.RECEPTIONIST)
print("ready", flush=True)
i = 0
while True:
    i += 1
    row = residents.add_resident(ctx, name=f"住户{round_}-{i}", phone=f"138{i:08d}",
                                 unit_no=f"{i % 20 + 1}-1-{i % 30 + 1}01", note="x" * 300)
    # The commit has returned: from now on the record must survive anything.
    sys.stdout.write(f"{row.id}\n")
    sys.stdout.flush()
"""

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX only")


def _kill_while_writing(home: Path, url: str, round_: int, records_before_kill: int) -> list[int]:
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    proc = subprocess.Popen([sys.executable, "-c", WRITER, str(home), url, str(round_)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT)
    committed: list[int] = []
    try:
        assert proc.stdout.readline().strip() == "ready", proc.stderr.read()
        deadline = time.monotonic() + 120
        while len(committed) < records_before_kill:
            line = proc.stdout.readline()
            assert line, f"writer died: {proc.stderr.read()}"
            committed.append(int(line))
            assert time.monotonic() < deadline, "writer too slow"
        os.kill(proc.pid, signal.SIGKILL)  # the writer is in the middle of its next record
        proc.wait(30)
        # Ids printed after our last read but before the kill were committed too.
        committed += [int(x) for x in proc.stdout.read().split()]
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        proc.stdout.close()
        proc.stderr.close()
    assert proc.returncode == -signal.SIGKILL
    return committed


def test_sigkill_while_writing_loses_no_committed_record(ctx, db_url, tmp_path):
    home = tmp_path / "home"
    committed: list[int] = []
    for round_, count in enumerate((40, 7, 25), start=1):
        committed += _kill_while_writing(home, db_url, round_, count)

        ctx = open_context(home, db_url)  # reopen, as the next start of the application would
        try:
            report = maintenance.check(ctx)
            assert report.ok, "\n".join(report.lines)
            with ctx.read() as s:
                present = set(s.scalars(select(Resident.id).where(Resident.id.in_(committed))))
                tied = set(s.scalars(select(UnitResident.resident_id).where(
                    UnitResident.resident_id.in_(committed))))
            assert present == set(committed)
            assert tied == set(committed)  # each record whole: the person and the tie to the unit
        finally:
            ctx.engine.dispose()
    assert len(committed) >= 72
