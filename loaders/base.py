"""What every loader shares: reading a file within limits, decoding its text, the Loader shape."""

from __future__ import annotations

import codecs
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from spinekg.errors import InputFormatError
from spinekg.model import CaseRecord

logger = logging.getLogger(__name__)

#: Files larger than this are refused unread (bounded time and memory).
MAX_BYTES = 20 * 1024 * 1024
HEAD_BYTES = 4096


@dataclass
class LoadResult:
    """The records a file gave and the recoverable problems met on the way."""

    records: list[CaseRecord] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Loader:
    """One input format: its name, whether it can read a file (from its head), and how."""

    name: str
    description: str
    sniff: Callable[[bytes, Path], bool]
    load: Callable[[Path, bytes], LoadResult]


def read_bytes(path: Path, max_bytes: int = MAX_BYTES) -> bytes:
    """The whole file, or InputFormatError if it is missing, a directory, empty or too large."""
    doc = path.name
    try:
        size = path.stat().st_size
    except OSError as e:
        raise InputFormatError(f"cannot read: {e.strerror or e}", document=str(path)) from None
    if path.is_dir():
        raise InputFormatError("is a directory", document=str(path))
    if size > max_bytes:
        raise InputFormatError(f"file is {size / 1e6:.1f} MB, over the {max_bytes / 1e6:.0f} MB limit",
                               document=doc)
    try:
        with path.open("rb") as fh:
            data = fh.read(max_bytes + 1)
    except OSError as e:
        raise InputFormatError(f"cannot read: {e.strerror or e}", document=doc) from None
    if len(data) > max_bytes:
        raise InputFormatError(f"file is over the {max_bytes / 1e6:.0f} MB limit", document=doc)
    if not data.strip():
        raise InputFormatError("file is empty", document=doc)
    return data


_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def decode_text(data: bytes, document: str) -> str:
    """Text from bytes: a BOM decides; else UTF-8; else Latin-1 (Windows-1252) when the bytes look like text.

    Binary data (NUL bytes without a UTF-16/32 BOM, or mostly control characters) is refused.
    """
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(enc)
            except UnicodeDecodeError:
                raise InputFormatError(f"not valid {enc.upper()} text despite its byte order mark",
                                       document=document) from None
    if b"\x00" in data:
        raise InputFormatError("binary file (NUL bytes), not text", document=document)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            text = data.decode("latin-1")
        logger.info("%s: not UTF-8, read as Windows-1252/Latin-1", document)
    control = sum(1 for ch in text[:HEAD_BYTES] if ord(ch) < 32 and ch not in "\t\r\n\f")
    if control > max(8, len(text[:HEAD_BYTES]) // 20):
        raise InputFormatError("binary file (control characters), not text", document=document)
    return text
