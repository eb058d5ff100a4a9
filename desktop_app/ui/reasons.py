"""Turn the core's English reasons (validate.py, services) into the UI language."""

from __future__ import annotations

import re

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from desktop_app.core.errors import BadInput, FieldProblem, ValidationFailed

# (pattern of the core's English reason, translatable template using the captured groups)
PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(pattern), template)
    for pattern, template in (
        (
            r"^must be (\d+) characters, got (\d+)$",
            QT_TRANSLATE_NOOP("Reason", "must be {0} characters, got {1}"),
        ),
        (
            r"^contains characters not allowed in a USCC: (.+)$",
            QT_TRANSLATE_NOOP("Reason", "contains characters not allowed in a USCC: {0}"),
        ),
        (
            r"^check character should be (\S+), not (\S+)$",
            QT_TRANSLATE_NOOP("Reason", "check character should be {0}, not {1}"),
        ),
        (
            r"^must be 10 digits or capital letters$",
            QT_TRANSLATE_NOOP("Reason", "must be 10 digits or capital letters"),
        ),
        (
            r"^must be 5 digits or capital letters$",
            QT_TRANSLATE_NOOP("Reason", "must be 5 digits or capital letters"),
        ),
        (r"^must be 4 digits$", QT_TRANSLATE_NOOP("Reason", "must be 4 digits")),
        (
            r"^must be one digit or letter$",
            QT_TRANSLATE_NOOP("Reason", "must be one digit or letter"),
        ),
        (r"^must be one of (.+)$", QT_TRANSLATE_NOOP("Reason", "must be one of {0}")),
        (
            r"^must be at most (\d+) characters, got (\d+)$",
            QT_TRANSLATE_NOOP("Reason", "must be at most {0} characters, got {1}"),
        ),
        (
            r"^the company's Chinese name is required$",
            QT_TRANSLATE_NOOP("Reason", "the company's Chinese name is required"),
        ),
        (
            r"^the exchange-rate policy is fixed for (\d+) months: in force since (\S+), "
            r"it may change from (\S+)$",
            QT_TRANSLATE_NOOP(
                "Reason",
                "the exchange-rate policy is fixed for {0} months: in force since {1}, "
                "it may change from {2}",
            ),
        ),
        (r"^folder does not exist$", QT_TRANSLATE_NOOP("Reason", "folder does not exist")),
    )
]


def match_reason(
    patterns: list[tuple[re.Pattern[str], str]], context: str, reason: str
) -> str | None:
    """The reason translated by the first of `patterns` (templates of `context`) it matches."""
    for pattern, template in patterns:
        match = pattern.match(reason)
        if match:
            return QCoreApplication.translate(context, template).format(*match.groups())
    return None


def translate_reason(reason: str) -> str:
    """The reason in the UI language; unknown reasons stay as the core wrote them."""
    return match_reason(PATTERNS, "Reason", reason) or reason


def describe_problem(problem: FieldProblem, labels: dict[str, str] | None = None) -> str:
    """One line: where, the field's label and the translated reason."""
    where = [problem.file] if problem.file else []
    if problem.row is not None:
        where.append(QCoreApplication.translate("Reason", "row {0}").format(problem.row))
    where.append((labels or {}).get(problem.field, problem.field))
    return f"{', '.join(where)}: {translate_reason(problem.reason)}"


def describe_error(error: BaseException, labels: dict[str, str] | None = None) -> str:
    """The text of a warning for a BadInput: one line per field problem."""
    if isinstance(error, ValidationFailed) and error.problems:
        return "\n".join(f"• {describe_problem(p, labels)}" for p in error.problems)
    if isinstance(error, BadInput):
        return translate_reason(str(error))
    return str(error)
