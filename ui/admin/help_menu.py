"""帮助 menu: 关于 (version, data folder, database kind — never a password) and 导出诊断信息
(a zip for support with nothing personal in it)."""

from __future__ import annotations


def on_login(env, window) -> None:
    from PySide6.QtGui import QAction

    menu = window.menuBar().addMenu("帮助(&H)")
    about = QAction("关于…", window)
    about.setObjectName("about_action")
    diag = QAction("导出诊断信息…", window)
    diag.setObjectName("diagnostics_action")

    def show_about():
        from app.core import diagnostics
        from ui.shared.common import Dialogs

        facts = diagnostics.about(env.ctx)
        Dialogs.info(window, "FrontDesk 物业客服前台\n\n" + "\n".join(f"{k}：{v}" for k, v in facts.items()), "关于")

    def export_diagnostics():
        from datetime import datetime
        from pathlib import Path

        from app.core import diagnostics
        from ui.shared.common import Dialogs

        default = Path.home() / f"frontdesk-诊断-{datetime.now():%Y%m%d-%H%M}.zip"
        path = Dialogs.save_file(window, "导出诊断信息", str(default), "压缩文件 (*.zip)")
        if not path:
            return
        env.runner.submit(diagnostics.export, env.ctx, Path(path),
                          on_done=lambda p: Dialogs.info(window, f"诊断信息已保存到 {p}。\n其中不含住户姓名、电话或记录内容。"),
                          on_error=lambda exc: Dialogs.error(window, exc), label="正在导出诊断信息…")

    about.triggered.connect(show_about)
    diag.triggered.connect(export_diagnostics)
    menu.addAction(about)
    menu.addAction(diag)
