"""Value words every part of the application shares: roles and channels. Each feature
declares its own status words in its ``vocab`` module."""

from enum import StrEnum


class Role(StrEnum):
    RECEPTIONIST = "前台客服"
    SUPERVISOR = "客服主管"
    MANAGER = "经理"
    ADMIN = "管理员"

    @property
    def rank(self) -> int:
        return _ROLE_RANK[self]

    @classmethod
    def from_cli(cls, name: str) -> "Role":
        return {
            "receptionist": cls.RECEPTIONIST,
            "supervisor": cls.SUPERVISOR,
            "manager": cls.MANAGER,
            "admin": cls.ADMIN,
        }[name]


_ROLE_RANK = {Role.RECEPTIONIST: 0, Role.SUPERVISOR: 1, Role.MANAGER: 2, Role.ADMIN: 3}


class ResidentRole(StrEnum):
    OWNER = "业主"
    OCCUPANT = "住户"
    TENANT = "租户"


class ContactMethod(StrEnum):
    VISIT = "来访"
    CALL = "来电"
    LETTER = "来函"
    OTHER = "其他"


DEFAULT_DEPARTMENTS = ["工程部", "安管部", "环境部", "财务", "客服部"]

