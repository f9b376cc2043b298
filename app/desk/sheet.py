"""The workbook sheets of the desk services, in import order (a loan or an order names the
handover it was signed over in, so 交接班 comes first):

``交接班`` (one signed shift handover):
``记录编号 | 站点编码 | 版本 | 交接时间 | 交班人 | 接班人 | 上次交接时间 | 收取押金 | 退还押金 | 收费 | 应有现金 |
实点现金 | 差异说明 | 在借物品数 | 在借押金 | 未结事项 | 备注 | 状态 | 作废原因 | 最后修改时间 | 最后修改人``

``日结`` (the day's cash report to finance):
``记录编号 | 站点编码 | 版本 | 日期 | 收取押金 | 退还押金 | 借用费 | 有偿服务费 | 现金合计 | 交接班次数 | 交款人 |
财务接收人 | 备注 | 状态 | 作废原因 | 最后修改时间 | 最后修改人``

``借用物品`` (one loan of one item):
``记录编号 | 站点编码 | 版本 | 借用单号 | 物品编号 | 物品名称 | 借用人 | 房号 | 联系电话 | 借出时间 | 应还时间 | 押金 |
押金收据号 | 付款方式 | 免费分钟 | 每小时收费 | 归还时间 | 归还状况 | 借用费 | 退还押金 | 退款凭证号 | 归还经办人 | 状态 |
备注 | 借出交接班编号 | 归还交接班编号 | 经办人 | 作废原因 | 最后修改时间 | 最后修改人``

``有偿服务`` (one paid service order):
``记录编号 | 站点编码 | 版本 | 服务单号 | 收费时间 | 客户 | 房号 | 联系电话 | 服务项目 | 单价 | 数量 | 金额 | 收据号 |
付款方式 | 关联维修单号 | 关联维修编号 | 状态 | 备注 | 交接班编号 | 经办人 | 作废原因 | 最后修改时间 | 最后修改人``

``服务申请`` (one service application):
``记录编号 | 站点编码 | 版本 | 申请单号 | 申请时间 | 申请人 | 房号 | 联系电话 | 申请事项 | 附件 | 交还期限 | 需执行部门 |
审批结果 | 审批意见 | 审批人 | 审批时间 | 交还时间 | 交还人 | 状态 | 受理人 | 作废原因 | 最后修改时间 | 最后修改人``

``内部联系函`` (one internal memo):
``记录编号 | 站点编码 | 版本 | 联系函编号 | 来源 | 来源记录编号 | 来源说明 | 征询时间 | 应发出时间 | 发出时间 | 接收部门 |
主题 | 内容 | 要求回复时间 | 回复内容 | 回复时间 | 回复人 | 状态 | 发函人 | 作废原因 | 最后修改时间 | 最后修改人``

``告知`` (one notice):
``记录编号 | 站点编码 | 版本 | 告知编号 | 告知类型 | 标题 | 告知内容 | 告知范围 | 告知对象 | 告知方式 | 发布时间 | 发布人 |
户数 | 已确认户数 | 状态 | 作废原因 | 最后修改时间 | 最后修改人``

``告知确认`` (one household of an important notice):
``记录编号 | 站点编码 | 版本 | 告知记录编号 | 房号 | 联系次数 | 最后联系时间 | 确认人 | 确认时间 | 确认方式 | 联系人 |
状态 | 备注 | 最后修改时间 | 最后修改人``

Money is kept in fen and written as yuan (a number, two decimals at most); 户数 and 已确认户数 are
computed from the 告知确认 rows (exported, not imported). Lists (附件, 告知对象, 告知方式) are
joined by ``；``. The *交接班编号 columns hold the 记录编号 of the handover the money was signed over
in, so an imported site keeps those records locked.
"""

from __future__ import annotations

from sqlalchemy import Float, cast, func, select

from app.desk.models import (
    DailyCash, InternalMemo, Loan, Notice, NoticeConfirmation, ServiceApplication, ServiceOrder, ShiftHandover,
)
from app.desk.vocab import (
    ApplicationStatus, ConfirmMethod, ConfirmStatus, Decision, HandoverStatus, ItemCondition, LoanStatus,
    MemoSource, MemoStatus, NoticeKind, NoticeStatus, NoticeTarget, PayMethod, ServiceStatus,
)
from app.domain.errors import ValidationError
from app.domain.import_rules import held_to_rules
from app.domain.validate import CONTENT_MAX
from app.exchange.spec import (
    DATE, DATETIME, ENUM, INT, NUMBER, TEXT, UUID, VOID_REASON, Column, SheetSpec, record_head, record_tail,
)

MAX_YUAN = 100_000


def _yuan(col):
    return cast(col, Float) / 100


def _money(header: str, key: str, *, required: bool = True) -> Column:
    return Column(header, key, NUMBER, required=required, min_value=0, max_value=MAX_YUAN)


def _fen_of(values: dict, pairs: dict) -> dict:
    """{fen attr: value in fen} from the yuan values, exactly (two decimals at most)."""
    out = {}
    for header, (key, attr) in pairs.items():
        amount = values.get(key)
        if amount is None:
            out[attr] = None
            continue
        fen = round(amount * 100)
        if abs(amount * 100 - fen) > 1e-6:
            raise ValidationError(header, "最多两位小数（精确到分）")
        out[attr] = int(fen)
    return out


def _void_needs_reason(values: dict, void_word: str) -> None:
    if values.get("status") == void_word and not values.get("void_reason"):
        raise ValidationError("作废原因", f"状态为{void_word}时必须填写作废原因")


def _handover_id(session, values: dict, key: str, header: str):
    uuid = values.get(key)
    if not uuid:
        return None
    found = session.scalar(select(ShiftHandover.id).where(ShiftHandover.uuid == uuid))
    if found is None:
        raise ValidationError(header, f"找不到交接班记录 {uuid}（应在本工作簿的“交接班”表或本数据库中）")
    return found


# ---------------------------------------------------------------- 交接班
_HANDOVER_MONEY = {"收取押金": ("deposits_in", "deposits_in_fen"), "退还押金": ("deposits_out", "deposits_out_fen"),
                   "收费": ("fees", "fees_fen"), "应有现金": ("expected", "expected_cash_fen"),
                   "实点现金": ("counted", "counted_cash_fen"), "在借押金": ("held", "deposits_held_fen")}


def _check_handover(values: dict) -> None:
    _fen_of(values, _HANDOVER_MONEY)
    if values.get("expected") != values.get("counted") and not values.get("explanation"):
        raise ValidationError("差异说明", "实点现金与应有现金不符时必须填写")
    _void_needs_reason(values, HandoverStatus.VOID)


HANDOVERS = SheetSpec(
    name="交接班",
    order=150,
    model=ShiftHandover,
    sort="signed_at",
    created_from=("signed_at", "handed_by"),
    columns=(
        *record_head(),
        Column("交接时间", "signed_at", DATETIME, required=True),
        Column("交班人", "handed_by", TEXT, required=True, max_len=50),
        Column("接班人", "received_by", TEXT, required=True, max_len=50),
        Column("上次交接时间", "shift_start", DATETIME),
        _money("收取押金", "deposits_in"),
        _money("退还押金", "deposits_out"),
        _money("收费", "fees"),
        Column("应有现金", "expected", NUMBER, required=True, min_value=-MAX_YUAN, max_value=MAX_YUAN),
        _money("实点现金", "counted"),
        Column("差异说明", "explanation", TEXT, max_len=1000, width=20),
        Column("在借物品数", "loans_out", INT, required=True, min_value=0),
        _money("在借押金", "held"),
        Column("未结事项", "open_items", TEXT, max_len=CONTENT_MAX * 4, width=30),
        Column("备注", "remarks", TEXT, max_len=2000, width=20),
        Column("状态", "status", ENUM, required=True, choices=HandoverStatus),
        VOID_REASON,
        *record_tail(),
    ),
    extra={"deposits_in": _yuan(ShiftHandover.deposits_in_fen), "deposits_out": _yuan(ShiftHandover.deposits_out_fen),
           "fees": _yuan(ShiftHandover.fees_fen), "expected": _yuan(ShiftHandover.expected_cash_fen),
           "counted": _yuan(ShiftHandover.counted_cash_fen), "held": _yuan(ShiftHandover.deposits_held_fen)},
    check=_check_handover,
    derive=lambda values: _fen_of(values, _HANDOVER_MONEY),
)

# ---------------------------------------------------------------- 日结
_DAY_MONEY = {"收取押金": ("deposits_in", "deposits_in_fen"), "退还押金": ("deposits_out", "deposits_out_fen"),
              "借用费": ("loan_fees", "loan_fees_fen"), "有偿服务费": ("service_fees", "service_fees_fen"),
              "现金合计": ("cash", "cash_fen")}



def _check_day(values: dict) -> None:
    _fen_of(values, _DAY_MONEY)
    _void_needs_reason(values, HandoverStatus.VOID)


DAYS = SheetSpec(
    name="日结",
    order=151,
    model=DailyCash,
    sort="day",
    columns=(
        *record_head(),
        Column("日期", "day", DATE, required=True),
        _money("收取押金", "deposits_in"),
        _money("退还押金", "deposits_out"),
        _money("借用费", "loan_fees"),
        _money("有偿服务费", "service_fees"),
        Column("现金合计", "cash", NUMBER, required=True, min_value=-MAX_YUAN, max_value=MAX_YUAN),
        Column("交接班次数", "handovers", INT, required=True, min_value=0),
        Column("交款人", "handed_by", TEXT, required=True, max_len=50),
        Column("财务接收人", "received_by", TEXT, required=True, max_len=50),
        Column("备注", "remarks", TEXT, max_len=2000, width=20),
        Column("状态", "status", ENUM, required=True, choices=HandoverStatus),
        VOID_REASON,
        *record_tail(),
    ),
    extra={"deposits_in": _yuan(DailyCash.deposits_in_fen), "deposits_out": _yuan(DailyCash.deposits_out_fen),
           "loan_fees": _yuan(DailyCash.loan_fees_fen), "service_fees": _yuan(DailyCash.service_fees_fen),
           "cash": _yuan(DailyCash.cash_fen)},
    check=_check_day,
    derive=lambda values: _fen_of(values, _DAY_MONEY),
)

# ---------------------------------------------------------------- 借用物品
_LOAN_MONEY = {"押金": ("deposit", "deposit_fen"), "每小时收费": ("rate", "rate_fen"), "借用费": ("fee", "fee_fen"),
               "退还押金": ("refund", "refund_fen")}


def _check_loan(values: dict) -> None:
    _fen_of(values, _LOAN_MONEY)
    if values["due_at"] <= values["lent_at"]:
        raise ValidationError("应还时间", "应晚于借出时间")
    back = values.get("returned_at")
    if back is not None and back < values["lent_at"]:
        raise ValidationError("归还时间", "不能早于借出时间")
    if values.get("status") == LoanStatus.RETURNED:
        for header, key in (("归还时间", "returned_at"), ("借用费", "fee"), ("退还押金", "refund")):
            if values.get(key) is None:
                raise ValidationError(header, f"状态为{LoanStatus.RETURNED}时必须填写")
    _void_needs_reason(values, LoanStatus.VOID)


def _prepare_loan(session, ctx, values: dict) -> dict:
    return {"lend_handover_id": _handover_id(session, values, "lend_handover_uuid", "借出交接班编号"),
            "return_handover_id": _handover_id(session, values, "return_handover_uuid", "归还交接班编号")}


def _handover_uuid(col):
    return select(ShiftHandover.uuid).where(ShiftHandover.id == col).scalar_subquery()


LOANS = SheetSpec(
    name="借用物品",
    order=152,
    model=Loan,
    sort="lent_at",
    created_from=("lent_at", "created_by"),
    columns=(
        *record_head(),
        Column("借用单号", "number", TEXT, required=True, max_len=30),
        Column("物品编号", "item_no", TEXT, required=True, max_len=30),
        Column("物品名称", "item_name", TEXT, required=True, max_len=50),
        Column("借用人", "borrower", TEXT, required=True, max_len=50),
        Column("房号", "unit_no", TEXT, max_len=40),
        Column("联系电话", "phone", TEXT, max_len=40, phone=True),
        Column("借出时间", "lent_at", DATETIME, required=True),
        Column("应还时间", "due_at", DATETIME, required=True),
        _money("押金", "deposit"),
        Column("押金收据号", "deposit_receipt", TEXT, max_len=50),
        Column("付款方式", "pay_method", ENUM, required=True, choices=PayMethod),
        Column("免费分钟", "free_minutes", INT, required=True, min_value=0, max_value=1440),
        _money("每小时收费", "rate"),
        Column("归还时间", "returned_at", DATETIME),
        Column("归还状况", "condition", ENUM, choices=ItemCondition),
        _money("借用费", "fee", required=False),
        _money("退还押金", "refund", required=False),
        Column("退款凭证号", "refund_receipt", TEXT, max_len=50),
        Column("归还经办人", "returned_to", TEXT, max_len=50),
        Column("状态", "status", ENUM, required=True, choices=LoanStatus),
        Column("备注", "note", TEXT, max_len=500, width=20),
        Column("借出交接班编号", "lend_handover_uuid", UUID),
        Column("归还交接班编号", "return_handover_uuid", UUID),
        Column("经办人", "created_by", TEXT, required=True, max_len=50),
        VOID_REASON,
        *record_tail(),
    ),
    extra={"deposit": _yuan(Loan.deposit_fen), "rate": _yuan(Loan.rate_fen), "fee": _yuan(Loan.fee_fen),
           "refund": _yuan(Loan.refund_fen), "lend_handover_uuid": _handover_uuid(Loan.lend_handover_id),
           "return_handover_uuid": _handover_uuid(Loan.return_handover_id)},
    check=_check_loan,
    derive=lambda values: _fen_of(values, _LOAN_MONEY),
    prepare=_prepare_loan,
)

# ---------------------------------------------------------------- 有偿服务
_ORDER_MONEY = {"单价": ("price", "unit_price_fen"), "金额": ("amount", "amount_fen")}


def _check_order(values: dict) -> None:
    fen = _fen_of(values, _ORDER_MONEY)
    if fen["unit_price_fen"] * values["quantity"] != fen["amount_fen"]:
        raise ValidationError("金额", "应等于单价 × 数量")
    _void_needs_reason(values, ServiceStatus.VOID)


ORDERS = SheetSpec(
    name="有偿服务",
    order=153,
    model=ServiceOrder,
    sort="paid_at",
    created_from=("paid_at", "created_by"),
    columns=(
        *record_head(),
        Column("服务单号", "number", TEXT, required=True, max_len=30),
        Column("收费时间", "paid_at", DATETIME, required=True),
        Column("客户", "customer", TEXT, required=True, max_len=50),
        Column("房号", "unit_no", TEXT, max_len=40),
        Column("联系电话", "phone", TEXT, max_len=40, phone=True),
        Column("服务项目", "service", TEXT, required=True, max_len=50),
        _money("单价", "price"),
        Column("数量", "quantity", INT, required=True, min_value=1, max_value=1000),
        _money("金额", "amount"),
        Column("收据号", "receipt_no", TEXT, max_len=50),
        Column("付款方式", "pay_method", ENUM, required=True, choices=PayMethod),
        Column("关联维修单号", "repair_number", TEXT, max_len=30),
        Column("关联维修编号", "repair_uuid", UUID),
        Column("状态", "status", ENUM, required=True, choices=ServiceStatus),
        Column("备注", "note", TEXT, max_len=500, width=20),
        Column("交接班编号", "handover_uuid", UUID),
        Column("经办人", "created_by", TEXT, required=True, max_len=50),
        VOID_REASON,
        *record_tail(),
    ),
    extra={"price": _yuan(ServiceOrder.unit_price_fen), "amount": _yuan(ServiceOrder.amount_fen),
           "handover_uuid": _handover_uuid(ServiceOrder.handover_id)},
    check=_check_order,
    derive=lambda values: _fen_of(values, _ORDER_MONEY),
    prepare=lambda session, ctx, values: {"handover_id": _handover_id(session, values, "handover_uuid", "交接班编号")},
)

# ---------------------------------------------------------------- 服务申请


def _check_application(values: dict) -> None:
    if values["due_at"] < values["applied_at"]:
        raise ValidationError("交还期限", "不能早于申请时间")
    if values.get("status") in (ApplicationStatus.APPROVED, ApplicationStatus.DECLINED, ApplicationStatus.RETURNED) \
            and not values.get("decision"):
        raise ValidationError("审批结果", f"状态为{values['status']}时必须填写")
    if values.get("status") == ApplicationStatus.RETURNED and not values.get("returned_at"):
        raise ValidationError("交还时间", f"状态为{ApplicationStatus.RETURNED}时必须填写")
    _void_needs_reason(values, ApplicationStatus.VOID)


APPLICATIONS = SheetSpec(
    name="服务申请",
    order=154,
    model=ServiceApplication,
    sort="applied_at",
    created_from=("applied_at", "created_by"),
    columns=(
        *record_head(),
        Column("申请单号", "number", TEXT, required=True, max_len=30),
        Column("申请时间", "applied_at", DATETIME, required=True),
        Column("申请人", "applicant", TEXT, required=True, max_len=50),
        Column("房号", "unit_no", TEXT, max_len=40),
        Column("联系电话", "phone", TEXT, max_len=40, phone=True),
        Column("申请事项", "content", TEXT, required=True, max_len=CONTENT_MAX, width=40),
        Column("附件", "attachments", TEXT, max_len=2000, width=20),
        Column("交还期限", "due_at", DATETIME, required=True),
        Column("需执行部门", "departments", TEXT, max_len=200),
        Column("审批结果", "decision", ENUM, choices=Decision),
        Column("审批意见", "opinion", TEXT, max_len=2000, width=20),
        Column("审批人", "decided_by", TEXT, max_len=50),
        Column("审批时间", "decided_at", DATETIME),
        Column("交还时间", "returned_at", DATETIME),
        Column("交还人", "returned_by", TEXT, max_len=50),
        Column("状态", "status", ENUM, required=True, choices=ApplicationStatus),
        Column("受理人", "created_by", TEXT, required=True, max_len=50),
        VOID_REASON,
        *record_tail(),
    ),
    check=_check_application,
)

# ---------------------------------------------------------------- 内部联系函


def _check_memo(values: dict) -> None:
    if values["sent_at"] < values["inquiry_at"]:
        raise ValidationError("发出时间", "不能早于征询时间")
    if values.get("status") == MemoStatus.REPLIED and not (values.get("reply") and values.get("replied_at")):
        raise ValidationError("回复内容", f"状态为{MemoStatus.REPLIED}时必须填写回复内容和回复时间")
    _void_needs_reason(values, MemoStatus.VOID)


MEMOS = SheetSpec(
    name="内部联系函",
    order=155,
    model=InternalMemo,
    sort="sent_at",
    created_from=("sent_at", "created_by"),
    columns=(
        *record_head(),
        Column("联系函编号", "number", TEXT, required=True, max_len=30),
        Column("来源", "source_type", ENUM, required=True, choices=MemoSource),
        Column("来源记录编号", "source_uuid", UUID),
        Column("来源说明", "source_ref", TEXT, max_len=60),
        Column("征询时间", "inquiry_at", DATETIME, required=True),
        Column("应发出时间", "due_at", DATETIME, required=True),
        Column("发出时间", "sent_at", DATETIME, required=True),
        Column("接收部门", "department", TEXT, required=True, max_len=50),
        Column("主题", "subject", TEXT, required=True, max_len=200, width=20),
        Column("内容", "content", TEXT, required=True, max_len=CONTENT_MAX, width=40),
        Column("要求回复时间", "reply_by", DATETIME),
        Column("回复内容", "reply", TEXT, max_len=CONTENT_MAX, width=30),
        Column("回复时间", "replied_at", DATETIME),
        Column("回复人", "replier", TEXT, max_len=50),
        Column("状态", "status", ENUM, required=True, choices=MemoStatus),
        Column("发函人", "created_by", TEXT, required=True, max_len=50),
        VOID_REASON,
        *record_tail(),
    ),
    check=_check_memo,
)

# ---------------------------------------------------------------- 告知 and 告知确认


def _confirm_count(*statuses):
    q = select(func.count()).select_from(NoticeConfirmation).where(NoticeConfirmation.notice_id == Notice.id,
                                                                   NoticeConfirmation.voided_at.is_(None))
    if statuses:
        q = q.where(NoticeConfirmation.status.in_([s.value for s in statuses]))
    return q.scalar_subquery()


NOTICES = SheetSpec(
    name="告知",
    order=156,
    model=Notice,
    sort="published_at",
    created_from=("published_at", "created_by"),
    columns=(
        *record_head(),
        Column("告知编号", "number", TEXT, required=True, max_len=30),
        Column("告知类型", "kind", ENUM, required=True, choices=NoticeKind),
        Column("标题", "title", TEXT, required=True, max_len=200, width=20),
        Column("告知内容", "body", TEXT, required=True, max_len=CONTENT_MAX, width=40),
        Column("告知范围", "target", ENUM, required=True, choices=NoticeTarget),
        Column("告知对象", "targets", TEXT, max_len=CONTENT_MAX, width=20),
        Column("告知方式", "channels", TEXT, required=True, max_len=100),
        Column("发布时间", "published_at", DATETIME, required=True),
        Column("发布人", "created_by", TEXT, required=True, max_len=50),
        Column("户数", "households", INT, readonly=True),
        Column("已确认户数", "confirmed", INT, readonly=True),
        Column("状态", "status", ENUM, required=True, choices=NoticeStatus),
        VOID_REASON,
        *record_tail(),
    ),
    extra={"households": _confirm_count(), "confirmed": _confirm_count(ConfirmStatus.CONFIRMED)},
    check=lambda values: _void_needs_reason(values, NoticeStatus.VOID),
)


def _prepare_confirmation(session, ctx, values: dict) -> dict:
    notice = session.scalar(select(Notice.id).where(Notice.uuid == values["notice_uuid"]))
    if notice is None:
        raise ValidationError("告知记录编号", f"找不到告知 {values['notice_uuid']}（应在本工作簿的“告知”表或本数据库中）")
    return {"notice_id": notice}


def _check_confirmation(values: dict) -> None:
    if values.get("status") == ConfirmStatus.CONFIRMED and not values.get("confirmed_at"):
        raise ValidationError("确认时间", f"状态为{ConfirmStatus.CONFIRMED}时必须填写")


CONFIRMATIONS = SheetSpec(
    name="告知确认",
    order=157,
    model=NoticeConfirmation,
    sort="unit_no",
    columns=(
        *record_head(),
        Column("告知记录编号", "notice_uuid", UUID, required=True),
        Column("房号", "unit_no", TEXT, required=True, max_len=40),
        Column("联系次数", "tries", INT, required=True, min_value=0),
        Column("最后联系时间", "last_try_at", DATETIME),
        Column("确认人", "confirmed_by", TEXT, max_len=50),
        Column("确认时间", "confirmed_at", DATETIME),
        Column("确认方式", "method", ENUM, choices=ConfirmMethod),
        Column("联系人", "staff", TEXT, max_len=50),
        Column("状态", "status", ENUM, required=True, choices=ConfirmStatus),
        Column("备注", "note", TEXT, max_len=500, width=20),
        *record_tail(),
    ),
    extra={"notice_uuid": select(Notice.uuid).where(Notice.id == NoticeConfirmation.notice_id).scalar_subquery()},
    check=_check_confirmation,
    prepare=_prepare_confirmation,
)

_DECIDED = ("decision", "decided_by", "decided_at")
HANDOVERS = held_to_rules(HANDOVERS, past=("signed_at", "shift_start", "updated_at"))
DAYS = held_to_rules(DAYS, past=("day", "updated_at"))
LOANS = held_to_rules(LOANS, past=("lent_at", "returned_at", "updated_at"), required_in={
    LoanStatus.RETURNED: ("returned_at", "condition", "fee", "refund", "returned_to")})
ORDERS = held_to_rules(ORDERS, past=("paid_at", "updated_at"))
APPLICATIONS = held_to_rules(APPLICATIONS, past=("applied_at", "decided_at", "returned_at", "updated_at"), required_in={
    ApplicationStatus.APPROVED: _DECIDED, ApplicationStatus.DECLINED: (*_DECIDED, "opinion"),
    ApplicationStatus.RETURNED: (*_DECIDED, "returned_at", "returned_by")})
MEMOS = held_to_rules(MEMOS, past=("inquiry_at", "sent_at", "replied_at", "updated_at"),
                      required_in={MemoStatus.REPLIED: ("reply", "replied_at", "replier")})
NOTICES = held_to_rules(NOTICES, past=("published_at", "updated_at"))
CONFIRMATIONS = held_to_rules(CONFIRMATIONS, past=("last_try_at", "confirmed_at", "updated_at"), required_in={
    ConfirmStatus.CONFIRMED: ("confirmed_at", "confirmed_by", "method"), ConfirmStatus.UNREACHABLE: ("last_try_at",)})

SHEETS = (HANDOVERS, DAYS, LOANS, ORDERS, APPLICATIONS, MEMOS, NOTICES, CONFIRMATIONS)
