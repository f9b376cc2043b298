"""Plain domain layer: enums, errors, validation and rules. No database, no Qt."""
