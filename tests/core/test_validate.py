"""Input as people type it: phone numbers, unit numbers, lengths, dates."""

from datetime import date, datetime

import pytest

from app.domain import validate as v
from app.domain.errors import ValidationError


@pytest.mark.parametrize("typed, stored", [
    ("13800138000", "13800138000"),
    ("138 0013 8000", "13800138000"),
    ("138-0013-8000", "13800138000"),
    ("+86 138 0013 8000", "13800138000"),
    ("+86-13800138000", "13800138000"),
    ("008613800138000", "13800138000"),
    ("8613800138000", "13800138000"),
    ("0755-88886666", "0755-88886666"),
    ("0755 8888 6666", "0755-88886666"),
    ("(0755)88886666", "0755-88886666"),
    ("（0755）88886666", "0755-88886666"),
    ("075588886666", "0755-88886666"),
    ("010-66668888", "010-66668888"),
    ("02166668888", "021-66668888"),
    ("010 6666 8888", "010-66668888"),
    ("88886666", "88886666"),
    ("0755-88886666转123", "0755-88886666转123"),
    ("0755-88886666 ext 45", "0755-88886666转45"),
    ("12345", "12345"),
])
def test_phone_numbers_are_normalised(typed, stored):
    assert v.normalize_phone(typed) == stored


@pytest.mark.parametrize("bad", ["abc", "138001380001234", "1380013800a", "0755-123", "0755", "12", "+1 415 555 0100"])
def test_bad_phone_numbers_name_the_field(bad):
    with pytest.raises(ValidationError) as err:
        v.normalize_phone(bad)
    assert err.value.field == "联系电话" and err.value.key == "phone"
    assert "联系电话" in str(err.value)


def test_empty_phone_is_none_unless_required():
    assert v.normalize_phone("  ") is None
    with pytest.raises(ValidationError) as err:
        v.normalize_phone("", required=True, label="投诉人电话")
    assert str(err.value).startswith("投诉人电话")


def test_phone_helpers():
    assert v.phone_digits("0755-88886666") == "075588886666"
    assert v.mask_phone("13800138000") == "138****8000"


@pytest.mark.parametrize("typed", [
    "3-2-1502", "3栋2单元1502", "3幢2单元1502室", "3号楼2单元1502", "3栋2单元1502室", " 3 - 2 - 1502 ",
    "3－2－1502", "三栋二单元1502", "3/2/1502", "３-２-１５０２", "3#2单元1502", "3座2门1502",
])
def test_one_unit_however_written(typed):
    assert v.normalize_unit(typed) == "3-2-1502"


@pytest.mark.parametrize("typed, code", [
    ("12-0801", "12-0801"), ("12栋0801", "12-0801"), ("12栋0801室", "12-0801"), ("A栋1单元101", "A-1-101"),
    ("a-1-101", "A-1-101"), ("十二栋1单元301", "12-1-301"), ("3栋0单元1502", "3-1502"),
])
def test_other_unit_shapes(typed, code):
    assert v.normalize_unit(typed) == code


def test_parse_unit_parts():
    u = v.parse_unit("3幢2单元1502室")
    assert (u.building, u.entrance, u.room) == ("3", "2", "1502")
    assert str(u) == "3-2-1502"


@pytest.mark.parametrize("bad", ["不知道", "3栋", "--", "3-2-1502-9", "3栋2单元"])
def test_bad_unit_numbers_name_the_field(bad):
    with pytest.raises(ValidationError) as err:
        v.normalize_unit(bad)
    assert err.value.field == "房号" and "3-2-1502" in err.value.reason


def test_unit_required_and_length():
    assert v.normalize_unit("") is None
    with pytest.raises(ValidationError):
        v.normalize_unit(None, required=True)
    with pytest.raises(ValidationError) as err:
        v.normalize_unit("1" * 41)
    assert "最多 40" in str(err.value)


def test_text_lengths():
    assert v.text("事由", "  报修  ") == "报修"
    assert v.text("事由", "   ") is None
    assert len(v.text("事由", "漏" * v.CONTENT_MAX, max_len=v.CONTENT_MAX)) == 5000
    with pytest.raises(ValidationError) as err:
        v.text("事由", "漏" * (v.CONTENT_MAX + 1), max_len=v.CONTENT_MAX, key="content")
    assert err.value.field == "事由" and err.value.key == "content" and "5000" in str(err.value)
    with pytest.raises(ValidationError) as err:
        v.text("姓名", "", required=True)
    assert str(err.value) == "姓名：必填，不能为空"


def test_choice():
    from app.domain.enums import ResidentRole

    assert v.choice("身份", "租户", ResidentRole) is ResidentRole.TENANT
    with pytest.raises(ValidationError) as err:
        v.choice("身份", "房东", ResidentRole)
    assert "业主 / 住户 / 租户" in str(err.value)
    with pytest.raises(ValidationError):
        v.choice("身份", "", ResidentRole)
    assert v.choice("身份", None, ResidentRole, required=False) is None


def test_dates_are_sensible():
    now = datetime(2026, 11, 20, 9, 0)
    assert v.when("登记时间", date(2026, 11, 1)) == datetime(2026, 11, 1)
    assert v.when("登记时间", datetime(2026, 11, 1, 8, 30, 15, 999)) == datetime(2026, 11, 1, 8, 30, 15)
    with pytest.raises(ValidationError):
        v.when("登记时间", datetime(1999, 12, 31))
    with pytest.raises(ValidationError):
        v.when("要求完成时间", datetime(2040, 1, 1), now=now)
    with pytest.raises(ValidationError):
        v.when("登记时间", "昨天")
    with pytest.raises(ValidationError) as err:
        v.not_in_future("登记时间", datetime(2026, 11, 20, 10, 0), now)
    assert "不能晚于当前时间" in str(err.value)
    assert v.not_in_future("登记时间", datetime(2026, 11, 20, 9, 5), now)


def test_uuid_text():
    u = "1b4e28ba-2fa1-11d2-883f-0016d3cca427"
    assert v.uuid_text("记录编号", u) == u
    assert v.uuid_text("记录编号", u.upper()) == u
    assert v.uuid_text("记录编号", "") is None
    with pytest.raises(ValidationError):
        v.uuid_text("记录编号", "not-a-uuid")
