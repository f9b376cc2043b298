"""``frontdesk self-test``: the installation proves itself in a throw-away home."""

from __future__ import annotations


def register(sub) -> None:
    p = sub.add_parser("self-test", help="自检：在临时数据目录中录入各模块记录、打印全部表单、导出并导入工作簿、检查数据库")
    p.set_defaults(func=cmd_self_test)


def cmd_self_test(args) -> int:
    from app import selftest
    from app.config import Paths

    report = selftest.run(print)
    if report.failed:
        path = selftest.log_to(Paths.resolve(args.home).logs, report)
        if path:
            print(f"失败的详情已写入 {path}")
    return 0 if report.failed == 0 else 1
