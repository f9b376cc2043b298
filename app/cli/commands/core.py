"""init, user, demo-data, check."""

from __future__ import annotations

from app.cli.common import open_ctx, read_password


def register(sub) -> None:
    p = sub.add_parser("init", help="初始化站点和管理员账号（只能运行一次）")
    p.add_argument("--site-code", required=True, help="站点编码，如 SG01")
    p.add_argument("--site-name", required=True, help="服务中心名称")
    p.add_argument("--company", required=True, help="公司名称")
    p.add_argument("--admin", required=True, help="管理员用户名")
    p.add_argument("--admin-name", help="管理员姓名（默认同用户名）")
    p.add_argument("--password-stdin", action="store_true", help="从标准输入读取密码")
    p.set_defaults(func=cmd_init)

    p = sub.add_parser("user", help="用户管理")
    usub = p.add_subparsers(dest="user_command", metavar="ACTION", required=True)
    a = usub.add_parser("add", help="新增用户")
    a.add_argument("username")
    a.add_argument("--name", required=True, help="姓名")
    a.add_argument("--role", required=True, choices=["receptionist", "supervisor", "manager", "admin"])
    a.add_argument("--department", help="部门")
    a.add_argument("--password-stdin", action="store_true", help="从标准输入读取密码")
    a.set_defaults(func=cmd_user_add)
    r = usub.add_parser("reset-password", help="重置密码")
    r.add_argument("username")
    r.add_argument("--password-stdin", action="store_true")
    r.set_defaults(func=cmd_user_reset)
    d = usub.add_parser("deactivate", help="停用用户（不删除）")
    d.add_argument("username")
    d.set_defaults(func=cmd_user_deactivate)
    lst = usub.add_parser("list", help="列出用户")
    lst.set_defaults(func=cmd_user_list)

    p = sub.add_parser("demo-data", help="生成演示数据（楼栋、房屋、住户和近 N 天的记录）")
    p.add_argument("--days", type=int, required=True, help="覆盖最近多少天")
    p.add_argument("--seed", type=int, default=1, help="随机种子，同一种子生成同样的数据")
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser("check", help="检查数据库完整性和迁移状态")
    p.set_defaults(func=cmd_check)


def cmd_init(args) -> int:
    from app.core import users

    ctx = open_ctx(args, login=False)
    password = read_password(args)
    users.init_site(ctx, site_code=args.site_code, site_name=args.site_name, company_name=args.company,
                    admin_username=args.admin, admin_name=args.admin_name, password=password)
    print(f"已初始化站点 {args.site_code} {args.site_name}，管理员 {args.admin}；数据目录 {ctx.paths.home}")
    return 0


def cmd_user_add(args) -> int:
    from app.domain.enums import Role
    from app.core import users

    ctx = open_ctx(args)
    row = users.add_user(ctx, username=args.username, name=args.name, role=Role.from_cli(args.role),
                         password=read_password(args), department=args.department)
    print(f"已新增用户 {row.username}（{row.name}，{row.role}）")
    return 0


def cmd_user_reset(args) -> int:
    from app.core import users

    ctx = open_ctx(args)
    users.reset_password(ctx, args.username, read_password(args))
    print(f"已重置 {args.username} 的密码")
    return 0


def cmd_user_deactivate(args) -> int:
    from app.core import users

    ctx = open_ctx(args)
    users.set_active(ctx, args.username, False)
    print(f"已停用 {args.username}")
    return 0


def cmd_user_list(args) -> int:
    from app.core import users

    ctx = open_ctx(args)
    for u in users.list_users(ctx):
        state = "启用" if u.active else "停用"
        print(f"{u.username}\t{u.name}\t{u.role}\t{state}")
    return 0


def cmd_demo(args) -> int:
    from app.domain.errors import ValidationError
    from app import demo

    if not 1 <= args.days <= 3660:
        raise ValidationError("--days", "应为 1 到 3660 之间的整数")
    ctx = open_ctx(args)
    summary = demo.generate(ctx, days=args.days, seed=args.seed)
    print("已生成演示数据：" + "，".join(f"{k} {v}" for k, v in summary.items()))
    print("演示账号：" + "、".join(f"{name}（{username}，{role.value}）" for username, name, role, _d in demo.ROSTER)
          + f"，密码均为 {demo.DEMO_PASSWORD}")
    return 0


def cmd_check(args) -> int:
    from app.core import maintenance

    ctx = open_ctx(args, login=False)
    report = maintenance.check(ctx)
    for line in report.lines:
        print(line)
    return 0 if report.ok else 1
