"""Typed errors. Every message is Chinese and, where a field is at fault, names it."""


class FrontDeskError(Exception):
    """Base of every error a user may see. ``str(err)`` is the Chinese message."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class ValidationError(FrontDeskError):
    """Bad input in one field. ``field`` is the Chinese field label, ``key`` the data key."""

    def __init__(self, field: str, message: str, key: str | None = None):
        super().__init__(f"{field}：{message}")
        self.field = field
        self.key = key
        self.reason = message


class PermissionDenied(FrontDeskError):
    pass


class SessionEnded(PermissionDenied):
    """The logged-in account was stopped, its role changed or its password reset since it
    logged in: nothing is done, and the window returns to the login page."""


class NotFound(FrontDeskError):
    pass


class StaleRecord(FrontDeskError):
    """The record changed since the caller read it (optimistic locking)."""


class InvalidTransition(FrontDeskError):
    pass


class AuthError(FrontDeskError):
    pass


class AlreadyInitialised(FrontDeskError):
    pass


class NotInitialised(FrontDeskError):
    pass


class StorageError(FrontDeskError):
    """The database or its folder cannot be used as it is (damaged, full, read-only, in use,
    on a network drive). The message says what happened and what to do."""


class DatabaseDamaged(StorageError):
    """The database file is damaged: nothing more is written to it until it is restored."""


class DiskFull(StorageError):
    pass


class ReadOnlyHome(StorageError):
    pass


class HomeUnavailable(StorageError):
    """The data folder is missing, on a network drive, or in use by another computer."""
