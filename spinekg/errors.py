"""Errors of spinekg. The CLI turns each into one line and a non-zero exit."""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]")


def one_line(text: str, limit: int = 500) -> str:
    """Text fit for a one-line message: control characters escaped, long text cut."""
    s = _CONTROL.sub(lambda m: repr(m.group(0))[1:-1], str(text))
    return s if len(s) <= limit else s[: limit - 1] + "…"


class SpineKGError(Exception):
    """Base of every error spinekg raises on purpose."""

    def __init__(self, message: str, *, document: str | None = None, field: str | None = None,
                 value: object = None) -> None:
        super().__init__(message)
        self.message = message
        self.document = document
        self.field = field
        self.value = value

    def __str__(self) -> str:
        where = ""
        if self.document:
            where += f"{one_line(self.document, 200)}: "
        if self.field:
            where += f"{one_line(self.field, 100)}: "
        return one_line(f"{where}{self.message}", 1000)


class RecordError(SpineKGError):
    """A case record is malformed: wrong type, unknown term, impossible value."""


class InputFormatError(SpineKGError):
    """A file could not be read as any supported input format."""


class StoreError(SpineKGError):
    """The store could not be opened, read or written."""


class QueryError(SpineKGError):
    """A query is unknown, malformed or its parameters are wrong."""


class QueryRefused(QueryError):
    """The server's policy refuses the query (SERVICE outside the allow-list); HTTP 403."""


class OntologyError(SpineKGError):
    """The ontology failed one of its checks."""


class ResultTooLarge(SpineKGError):
    """The result is larger than the endpoint's cap."""
