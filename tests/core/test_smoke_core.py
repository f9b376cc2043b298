from app import residents
from app.core import users


def test_init_and_resident(ctx):
    r = residents.add_resident(ctx, name="张三", phone="+86 138 0013 8000", unit_no="3栋2单元1502室")
    assert r.units == (("3-2-1502", "业主"),)
    m = residents.find_by_phone(ctx, "138-0013-8000")
    assert [(x.name, x.unit_no) for x in m] == [("张三", "3-2-1502")]
    assert users.is_initialised(ctx)
