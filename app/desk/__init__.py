"""Desk services (前台服务): borrowed items (借用物品), paid services (有偿服务), the shift handover
(交接班) and the day's cash report (日结), service applications (服务申请单), internal memos
(内部工作联系函) and notices (告知) with each household's confirmation; their workbook sheets
and paper forms."""

from app.desk.desk_settings import (
    ItemData, PriceData, application_days, confirm_tries, find_item, items, memo_minutes, prices, put_deadlines,
    put_items, put_prices,
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
from app.desk.applications import (
    ApplicationRow, apply, decide, get_application, hand_back, list_applications, update_application,
    void_application,
)
from app.desk.memos import MemoRow, get_memo, list_memos, record_reply, send_memo, void_memo
from app.desk.notices import (
    ConfirmationRow, Coverage, NoticeRow, confirmations, get_notice, list_notices, publish, record_contact,
    void_notice,
)
from app.desk.badge import nav_badge

__all__ = [
    'ApplicationRow', 'ApplicationStatus', 'ConfirmMethod', 'ConfirmStatus', 'ConfirmationRow', 'Coverage',
    'DailyCashRow', 'DayCashData', 'Decision', 'HandoverRow', 'HandoverStatus', 'ItemCondition', 'ItemData',
    'LoanRow', 'LoanStatus', 'MemoRow', 'MemoSource', 'MemoStatus', 'MoneyKind', 'MoneyRow', 'NoticeChannel',
    'NoticeKind', 'NoticeRow', 'NoticeStatus', 'NoticeTarget', 'PayMethod', 'PriceData', 'ReturnQuote',
    'ServiceOrderRow', 'ServiceStatus', 'ShiftData', 'Totals', 'application_days', 'apply', 'close_day',
    'confirm_tries', 'confirmations', 'create_order', 'current_shift', 'day_cash', 'decide', 'find_item',
    'get_application', 'get_handover', 'get_loan', 'get_memo', 'get_notice', 'get_order', 'hand_back',
    'handover_moves', 'items', 'lend', 'list_applications', 'list_days', 'list_handovers', 'list_loans',
    'list_memos', 'list_notices', 'list_orders', 'memo_minutes', 'nav_badge', 'overdue_count', 'prices',
    'publish', 'put_deadlines', 'put_items', 'put_prices', 'quote_return', 'record_contact', 'record_reply', 'return_item',
    'send_memo', 'sign_handover', 'to_fen', 'update_application', 'update_loan', 'update_order', 'void_application',
    'void_day', 'void_handover', 'void_loan', 'void_memo', 'void_notice', 'void_order', 'yuan',
]
