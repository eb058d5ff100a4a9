"""Typed errors raised by the core; the CLI maps them to exit codes and the UI to messages."""

from __future__ import annotations

from dataclasses import dataclass, field


class ExportDeskError(Exception):
    """Base of every error the core raises on purpose."""

    code = "error"


class BadInput(ExportDeskError):
    """The user's input (a file, a field, an argument) is wrong; nothing was written. Exit 2."""

    code = "bad_input"


@dataclass
class FieldProblem:
    """One problem with one field: where it is, what was there and why it is wrong."""

    field: str
    reason: str
    value: object = None
    row: int | None = None
    file: str | None = None

    def __str__(self) -> str:
        where = []
        if self.file:
            where.append(self.file)
        if self.row is not None:
            where.append(f"row {self.row}")
        where.append(self.field)
        value = "" if self.value is None else f" = {self.value!r}"
        return f"{', '.join(where)}{value}: {self.reason}"


@dataclass
class ValidationFailed(BadInput):
    """Several field problems found at once (all of them, not only the first)."""

    problems: list[FieldProblem] = field(default_factory=list)

    code = "validation"

    def __post_init__(self) -> None:
        super().__init__(str(self))

    def __str__(self) -> str:
        return "; ".join(str(p) for p in self.problems)


class DatabaseRefused(ExportDeskError):
    """The database cannot be opened by this version (newer or unknown schema, not a database)."""

    code = "database_refused"


class Cancelled(ExportDeskError):
    """The user cancelled a long job; its transaction was rolled back."""

    code = "cancelled"
