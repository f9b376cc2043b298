"""What the several-desks tests share: a credential store in memory (never the real one), and
a second, empty database to move into or share (PostgreSQL when the suite runs on it)."""

from __future__ import annotations

import pytest
from keyring.backend import KeyringBackend

from tests.conftest import PG_URL, _pg_database


class MemoryKeyring(KeyringBackend):
    """The operating system's credential store, kept in a dict for one test."""

    priority = 1

    def __init__(self):
        super().__init__()
        self.saved: dict[tuple[str, str], str] = {}

    def get_password(self, service, username):
        return self.saved.get((service, username))

    def set_password(self, service, username, password):
        self.saved[(service, username)] = password

    def delete_password(self, service, username):
        from keyring.errors import PasswordDeleteError

        if self.saved.pop((service, username), None) is None:
            raise PasswordDeleteError(username)


@pytest.fixture(autouse=True)
def memory_keyring():
    import keyring

    previous = keyring.get_keyring()
    store = MemoryKeyring()
    keyring.set_keyring(store)
    yield store
    keyring.set_keyring(previous)


@pytest.fixture
def empty_target(tmp_path):
    """The URL of an empty database (no schema): a PostgreSQL database when the suite runs on
    PostgreSQL, else a SQLite file."""
    if PG_URL:
        url, drop = _pg_database(PG_URL)
        yield url
        drop()
    else:
        yield f"sqlite:///{tmp_path / 'shared' / 'frontdesk.db'}"


def pg_only():
    return pytest.mark.skipif(not PG_URL, reason="needs FRONTDESK_TEST_PG_URL (a PostgreSQL server)")
