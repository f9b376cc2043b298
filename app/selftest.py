"""``frontdesk self-test``: proves an installation works, in a throw-away home. It creates a site
and a few records of every module, prints every form, exports the day's workbook and imports it
into a second empty home, and runs the health check. One line per step and a summary; exit 0
only when every step passed. A build, an installer and a support call run it.

Each feature that has records provides ``sample(ctx) -> dict[form key, print params]`` in
``app/<feature>/sample.py``: it makes its few records through its own services and says how to
print its forms for them. A form no sample names is printed for today (listings) or reported.
"""

from __future__ import annotations

import importlib
import importlib.util
import shutil
import tempfile
import time
import traceback
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Callable

PASSWORD = "selftest-8a7d"


@dataclass
class Report:
    lines: list[str] = field(default_factory=list)
    failed: int = 0
    passed: int = 0

    def step(self, label: str, action: Callable[[], str | None], out: Callable[[str], None]) -> object:
        t = time.perf_counter()
        try:
            result = action()
        except Exception as exc:  # every failure is a line, never a traceback on the console
            self.failed += 1
            from app.domain.errors import FrontDeskError

            reason = str(exc) if isinstance(exc, FrontDeskError) else f"发生意外错误（{type(exc).__name__}）"
            line = f"失败  {label}：{reason}"
            self.lines.append(line)
            self.lines.append(traceback.format_exc())
            out(line)
            return None
        self.passed += 1
        detail = f"（{result}）" if isinstance(result, str) and result else ""
        out(f"通过  {label}{detail}  {time.perf_counter() - t:.1f} 秒")
        return result


def _open(home: Path):
    from app.core.bootstrap import open_context
    from app.features import load_all

    load_all()
    return open_context(home)


def run(out: Callable[[str], None] = print, *, keep: Path | None = None) -> Report:
    report = Report()
    tmp = Path(tempfile.mkdtemp(prefix="frontdesk-selftest-"))
    home, other = tmp / "desk", tmp / "second"
    state: dict = {}
    try:
        def setup():
            from app.core import users

            ctx = _open(home)
            actor = users.init_site(ctx, site_code="TEST", site_name="自检服务中心", company_name="自检物业服务有限公司",
                                    admin_username="admin", admin_name="管理员", password=PASSWORD)
            ctx.actor = actor
            state["ctx"] = ctx
            return f"数据目录 {home}"

        if report.step("创建站点和管理员", setup, out) is None and "ctx" not in state:
            return report
        ctx = state["ctx"]
        from app.features import FEATURES

        params: dict[str, dict] = {}
        for feature in FEATURES:
            name = f"app.{feature.key}.sample"
            if importlib.util.find_spec(name) is None:
                continue
            module = importlib.import_module(name)

            def make(module=module):
                made = module.sample(ctx)
                params.update(made)
                return f"{len(made)} 份表单的数据" if made else ""

            report.step(f"{feature.key}：录入示例记录", make, out)
        from app.forms import printing, registry

        for spec in registry.forms():
            given = params.get(spec.key)
            if given is None:
                given = _default_params(spec)
            if given is None:
                report.step(f"打印 {spec.code} {spec.name}", lambda: (_ for _ in ()).throw(
                    RuntimeError("没有可打印的示例记录")), out)
                continue

            def render(spec=spec, given=given):
                rendered = printing.render_form(ctx, spec.key, **given)
                if not rendered.pdf.startswith(b"%PDF") or b"/FontFile2" not in rendered.pdf:
                    raise RuntimeError("PDF 不完整或未嵌入中文字体")
                return f"{rendered.pages} 页"

            report.step(f"打印 {spec.code} {spec.name}", render, out)
        today = ctx.now().date()
        workbook = tmp / "day.xlsx"

        def export():
            from app.exchange import service as exchange

            result = exchange.export_workbook(ctx, today, today, workbook)
            state["exported"] = result.total
            return f"{result.total} 条记录"

        report.step("导出今天的工作簿", export, out)

        def reimport():
            from app.core import users
            from app.exchange import service as exchange

            second = _open(other)
            second.actor = users.init_site(second, site_code="TEST", site_name="自检服务中心",
                                           company_name="自检物业服务有限公司", admin_username="admin",
                                           admin_name="管理员", password=PASSWORD)
            try:
                result = exchange.import_workbook(second, workbook)
                if result.inserted != state.get("exported"):
                    raise RuntimeError(f"导出 {state.get('exported')} 条，导入 {result.inserted} 条")
                return f"新增 {result.inserted} 条"
            finally:
                second.engine.dispose()

        report.step("在空白数据库中导入该工作簿", reimport, out)

        def check():
            from app.core import maintenance

            result = maintenance.check(ctx)
            if not result.ok:
                raise RuntimeError("；".join(line for line in result.lines if line.startswith("异常")))
            return "数据库完好"

        report.step("数据库检查", check, out)
        return report
    finally:
        ctx = state.get("ctx")
        if ctx is not None:
            ctx.engine.dispose()
            from app.core import health

            health.release_home(home)
        if keep is not None:
            shutil.copytree(tmp, keep, dirs_exist_ok=True)
        shutil.rmtree(tmp, ignore_errors=True)
        out(f"自检完成：{report.passed} 项通过，{report.failed} 项失败")


def _default_params(spec) -> dict | None:
    """Print parameters for a form no sample named: a listing of today, when that is all it needs."""
    today = date.today()
    values = {}
    for p in spec.params:
        if p.kind == "period":
            values.update(date_from=today, date_to=today)
        elif p.kind == "date":
            values[p.name] = today  # a listing of today, even where the day is optional
        elif not p.required:
            continue
        else:
            return None
    return values


def log_to(home: Path, report: Report) -> Path | None:
    """Write the full report (with the details of failures) to a file for support."""
    try:
        home.mkdir(parents=True, exist_ok=True)
        path = home / f"self-test-{datetime.now():%Y%m%d-%H%M%S}.log"
        path.write_text("\n".join(report.lines), encoding="utf-8")
        return path
    except OSError:
        return None
