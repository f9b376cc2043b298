"""Desk services (前台服务): borrowed items (借用物品), paid services (有偿服务), the shift handover
(交接班) and the day's cash report (日结), service applications (服务申请单), internal memos
(内部工作联系函) and notices (告知) with each household's confirmation; their workbook sheets
and paper forms."""

from app.desk.desk_settings import (
    ItemData, PriceData, application_days, confirm_tries, find_item, items, memo_minutes, prices, put_items,
    put_prices,
)
from app.desk.handover import (
    DailyCashRow, DayCashData, HandoverRow, MoneyRow, ShiftData, Totals, close_day, current_shift, day_cash,
    get_handover, handover_moves, list_days, list_handovers, sign_handover, void_day, void_handover,
)
from app.desk.loans import (
    LoanRow, ReturnQuote, get_loan, lend, list_loans, overdue_count, quote_return, return_item, update_loan,
    void_loan,
)
from app.desk.paid import ServiceOrderRow, create_order, get_order, list_orders, update_order, void_order
from app.desk.rules import to_fen, yuan
from app.desk.vocab import (
    ApplicationStatus, ConfirmMethod, ConfirmStatus, Decision, HandoverStatus, ItemCondition, LoanStatus,
    MemoSource, MemoStatus, MoneyKind, NoticeChannel, NoticeKind, NoticeStatus, NoticeTarget, PayMethod,
    ServiceStatus,
)
