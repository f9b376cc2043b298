"""All ORM models. Every module in this package is imported, so Alembic and the
engine see one complete metadata; a module adds its tables by adding a file here
(and a migration)."""

import importlib
import pkgutil

from app.db.base import Base

for _info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
    importlib.import_module(f"{__name__}.{_info.name}")

from app.db.models.core import (  # noqa: E402
    AuditEvent,
    Building,
    CalendarOverride,
    Department,
    ExportLog,
    PrintLog,
    Resident,
    Setting,
    Site,
    Staff,
    Unit,
    UnitResident,
)
from app.db.models.reception import ContactRecord, MessageRelay  # noqa: E402
from app.db.models.complaints import Complaint, ComplaintProgress, FollowUp  # noqa: E402

__all__ = [
    "Base", "AuditEvent", "Building", "CalendarOverride", "Department", "ExportLog", "PrintLog",
    "Resident", "Setting", "Site", "Staff", "Unit", "UnitResident", "ContactRecord",
    "MessageRelay", "Complaint", "ComplaintProgress", "FollowUp",
]
