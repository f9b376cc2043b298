"""Desk-services screens: 借用物品, 有偿服务, 交接班 and 日结, 服务申请, 联系函, 告知."""

from ui.registry import PageSpec

PAGES = (PageSpec("desk", "前台服务", "ui.desk.desk_page:DeskPage", "app.desk:nav_badge"),)
SETTINGS_TABS = ("ui.desk.settings_tab",)
