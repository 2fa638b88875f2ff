"""Errors of spinekg. The CLI turns each into one line and a non-zero exit."""

from __future__ import annotations


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
            where += f"{self.document}: "
        if self.field:
            where += f"{self.field}: "
        return f"{where}{self.message}"


class RecordError(SpineKGError):
    """A case record is malformed: wrong type, unknown term, impossible value."""


class InputFormatError(SpineKGError):
    """A file could not be read as any supported input format."""


class StoreError(SpineKGError):
    """The store could not be opened, read or written."""


class QueryError(SpineKGError):
    """A query is unknown, malformed or its parameters are wrong."""


class OntologyError(SpineKGError):
    """The ontology failed one of its checks."""
