"""The exceptions evalkit raises, each knowing its exit code.

::

    EvalkitError                 exit 3: an internal error (a bug, or a plugin that broke)
    ├── InputError               exit 2: bad input — spec, data, arguments; printed as one line each
    │   ├── SpecError            one or more problems found in a spec, each with its location
    │   ├── DataError            a source that cannot be read or mapped
    │   └── ReportError          a report that cannot be rendered as asked (e.g. no CJK font)
    └── GateFailed               exit 1: a gate rule fired; every output was written

Only ``evalkit.cli`` turns these into exit codes and messages.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from evalkit.location import Location

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or suspicious) in an input, with where it is and how to fix it."""

    message: str
    location: Location | None = None
    severity: Severity = "error"

    def __str__(self) -> str:
        prefix = f"{self.location}: " if self.location else ""
        label = "warning: " if self.severity == "warning" else ""
        return f"{prefix}{label}{self.message}"

    def located(self) -> str:
        """The message after its location, without a severity label (for a caller that labels
        it in its own words: the run summary's "警告：")."""
        return f"{self.location}: {self.message}" if self.location else self.message


def did_you_mean(name: str, known: Iterable[str], cutoff: float = 0.6) -> str:
    """A `` (did you mean 'x'?)`` suffix naming the closest of ``known``, if any is close."""
    close = difflib.get_close_matches(name, list(known), n=1, cutoff=cutoff)
    return f" (did you mean '{close[0]}'?)" if close else ""


class EvalkitError(Exception):
    """Root of evalkit's exceptions; unexpected ones are internal errors (exit 3)."""

    exit_code = 3

    def __init__(self, message: str, location: Location | None = None) -> None:
        super().__init__(message)
        self.problems: tuple[Problem, ...] = (Problem(message, location),)

    def lines(self) -> list[str]:
        """The message as printed: one line per problem."""
        return [str(p) for p in self.problems]


class InputError(EvalkitError):
    """Bad input from the user: exit 2, no traceback."""

    exit_code = 2

    @classmethod
    def from_problems(cls, problems: Iterable[Problem]) -> InputError:
        """One error carrying several problems (errors only), in the order found."""
        errors = tuple(p for p in problems if p.severity == "error")
        if not errors:
            raise ValueError("from_problems needs at least one error")
        err = cls(errors[0].message, errors[0].location)
        err.problems = errors
        return err


class SpecError(InputError):
    """Problems in a spec file (or a file it includes), each located."""


class DataError(InputError):
    """A data source that cannot be read, decoded or mapped."""


class ReportError(InputError):
    """A report that cannot be rendered as asked."""


class GateFailed(EvalkitError):
    """A gate rule fired: the run wrote its outputs and exits 1."""

    exit_code = 1
