"""Where data lives. Everything is below one home folder, which tests and the
``--home`` option point anywhere (env ``FRONTDESK_HOME``)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

#: The repository root (a source checkout, an editable install).
PROJECT_ROOT = Path(__file__).resolve().parent.parent
#: An installed wheel or a frozen bundle keeps the folders inside the package (setup.py,
#: packaging/frontdesk.spec); a source checkout has them at its root.
_INSTALLED_DATA = Path(__file__).resolve().parent / "_data"
DATA_ROOT = _INSTALLED_DATA if _INSTALLED_DATA.is_dir() else PROJECT_ROOT
#: The paper forms shipped with the program (a site's own copies are in ``Paths.templates``).
BUNDLED_TEMPLATES = DATA_ROOT / "forms_templates"
#: Fonts, icons and translations shipped with the program.
RESOURCES = DATA_ROOT / "resources"


def default_home() -> Path:
    env = os.environ.get("FRONTDESK_HOME")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("FrontDesk", appauthor=False))


@dataclass(frozen=True)
class Paths:
    home: Path

    @classmethod
    def resolve(cls, home: str | os.PathLike | None = None) -> "Paths":
        return cls(Path(home).expanduser().resolve() if home else default_home())

    @property
    def database(self) -> Path:
        return self.home / "frontdesk.db"

    @property
    def backups(self) -> Path:
        return self.home / "backups"

    @property
    def archive(self) -> Path:
        return self.home / "archive"

    @property
    def logs(self) -> Path:
        return self.home / "logs"

    @property
    def templates(self) -> Path:
        """A site's own form templates, overriding the bundled ones."""
        return self.home / "templates"

    @property
    def attachments(self) -> Path:
        """Photos and other files attached to records."""
        return self.home / "attachments"

    @property
    def exports(self) -> Path:
        return self.home / "exports"

    def ensure(self) -> "Paths":
        for p in (self.home, self.backups, self.archive, self.logs):
            p.mkdir(parents=True, exist_ok=True)
        return self

    def database_url(self, explicit: str | None = None) -> str:
        url = explicit or os.environ.get("FRONTDESK_DB_URL")
        if url:
            return url
        return f"sqlite:///{self.database}"
