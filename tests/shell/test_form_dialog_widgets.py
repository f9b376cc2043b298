"""The optional date / date-time fields of ui/widgets/form_dialog.py: empty until ticked."""

from datetime import date, datetime

from ui.shared.form_dialog import OptionalDate, OptionalDateTime


def test_optional_date_is_empty_until_ticked(qtbot):
    field = OptionalDate()
    qtbot.addWidget(field)
    assert field.value() is None and not field.edit.isEnabled()
    field.set_value(date(2026, 11, 3))
    assert field.value() == date(2026, 11, 3) and field.edit.isEnabled()
    field.check.setChecked(False)
    assert field.value() is None


def test_optional_date_time_drops_seconds_and_clears(qtbot):
    field = OptionalDateTime("已预约", datetime(2026, 11, 3, 9, 30, 45))
    qtbot.addWidget(field)
    assert field.value() is None
    field.check.setChecked(True)
    assert field.value() == datetime(2026, 11, 3, 9, 30)
    field.set_value(None)
    assert field.value() is None and not field.edit.isEnabled()
