"""print: one subcommand per discovered form (app/forms/providers/*), with the options
the form declares (``--date``/``--from``/``--to``, ``--unit``, ``--number`` ...)."""

from __future__ import annotations

import sys

from app.cli.common import add_date_range_args, open_ctx, parse_date


def register(sub, *, detailed: bool = True, argv: list[str] | None = None) -> None:
    """``detailed=False`` (another command runs): the forms are not looked up, which imports every
    feature; ``frontdesk print <form> …`` looks up that one form only (its own feature's modules),
    ``frontdesk print --help`` builds the whole list."""
    p = sub.add_parser("print", help="打印表单：生成 PDF，归档并记录打印日志",
                       description="生成表单 PDF（--out 指定保存位置），同时归档到 数据目录/archive/年/月/ 并记录打印日志")
    fsub = p.add_subparsers(dest="form", metavar="FORM", required=True)
    if not detailed:
        return
    from app.forms import registry

    one = _named_form(argv or [])
    for spec in [one] if one else registry.forms():
        fp = fsub.add_parser(spec.key, help=f"{spec.code} {spec.name}" + (f"：{spec.help}" if spec.help else ""),
                             description=f"{spec.code}《{spec.name}》 {spec.help}")
        for param in spec.params:
            _add_param(fp, param)
        fp.add_argument("--out", help="PDF 保存位置，如 KF-01.pdf（不给则只归档）")
        # rendering reads and logs; it needs no other feature's hooks
        fp.set_defaults(func=cmd_print, form_key=spec.key, all_features=False)
    lp = fsub.add_parser("log", help="最近的打印记录及签字件状态（已存签字件 / 待签字件）")
    lp.add_argument("--limit", type=int, default=20, help="显示多少条（默认 20）")
    lp.add_argument("--awaiting", action="store_true", help="只列出还在等签字件的打印")
    lp.set_defaults(func=cmd_print_log)


def _named_form(argv: list[str]):
    """The form ``print <form>`` names in ``argv``, found without loading the other forms; None
    when there is none (or it is unknown: the full list then tells the user what there is)."""
    from app.domain.errors import NotFound
    from app.forms import registry

    for i, word in enumerate(argv[:-1]):
        key = argv[i + 1]
        if word == "print" and key != "log" and not key.startswith("-"):
            try:
                return registry.get(key)
            except NotFound:
                return None
    return None


def _add_param(parser, param) -> None:
    if param.kind == "period":
        add_date_range_args(parser)
        return
    required = param.required and param.default is None
    help_text = param.help or param.label
    if param.kind == "date":
        parser.add_argument(param.cli_flag, dest=param.name, required=required, help=f"{help_text}，YYYY-MM-DD")
    elif param.kind == "int":
        parser.add_argument(param.cli_flag, dest=param.name, type=int, required=required, help=help_text)
    elif param.kind == "choice":
        parser.add_argument(param.cli_flag, dest=param.name, choices=list(param.choices), required=required,
                            default=param.default, help=help_text)
    else:
        parser.add_argument(param.cli_flag, dest=param.name, required=required, default=param.default,
                            help=help_text)


def params_from_args(spec, args) -> dict:
    from app.cli.common import date_range

    out = {}
    for param in spec.params:
        if param.kind == "period":
            has = any(getattr(args, a, None) for a in ("date", "date_from", "date_to"))
            if has or param.required:
                out["date_from"], out["date_to"] = date_range(args)
        elif param.kind == "date":
            out[param.name] = parse_date(param.cli_flag, getattr(args, param.name, None))
        else:
            out[param.name] = getattr(args, param.name, None)
    return out


def cmd_print(args) -> int:
    from app.forms import registry
    from app.forms import printing

    spec = registry.get(args.form_key)
    ctx = open_ctx(args)
    params = params_from_args(spec, args)
    rendered, logged, written = printing.print_form(ctx, spec.key, out=args.out, action="命令行打印", **params)
    for w in rendered.warnings:
        print(f"注意：{w}", file=sys.stderr)
    what = rendered.period_label or rendered.subject or ""
    print(f"{rendered.code}《{rendered.name}》{what}：{rendered.pages} 页")
    if written:
        print(f"已保存 {written}")
    print(f"已归档 {logged.archive_path}")
    return 0


def cmd_print_log(args) -> int:
    from app.forms import printing

    ctx = open_ctx(args)
    rows = printing.print_log(ctx, limit=args.limit, awaiting_only=args.awaiting)
    if not rows:
        print("暂无打印记录")
    for r in rows:
        state = r.state
        if r.signed_at:
            state += f"（{r.signed_by} {r.signed_at:%Y-%m-%d %H:%M}）"
        elif not r.job_code:
            state = "—"
        print(f"{r.at:%Y-%m-%d %H:%M}  {r.actor}  {r.form_code} {r.form_name}  {r.what}  "
              f"{r.pages or 0} 页  打印单号 {r.job_code or '—'}  {state}  {r.archive_path or ''}")
    return 0
