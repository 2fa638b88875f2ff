"""Curated case records in JSON or YAML: one record, a list, or {"cases": [...]}."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml
from spinekg.loaders.base import LoadResult, decode_text

from spinekg.errors import InputFormatError, RecordError
from spinekg.model import CaseRecord

MAX_RECORDS = 100_000


class _StrictLoader(yaml.SafeLoader):
    """yaml.SafeLoader without aliases: an alias bomb cannot expand, and no tag builds objects."""

    def compose_node(self, parent: Any, index: Any) -> Any:  # type: ignore[override]
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise InputFormatError(f"YAML aliases are not accepted (line {event.start_mark.line + 1})")
        return super().compose_node(parent, index)


def _records(data: Any, path: Path) -> LoadResult:
    doc = path.name
    if isinstance(data, dict) and isinstance(data.get("cases"), list):
        data = data["cases"]
    items = data if isinstance(data, list) else [data]
    if not items:
        raise InputFormatError("holds no case records", document=doc)
    if len(items) > MAX_RECORDS:
        raise InputFormatError(f"holds {len(items)} records, over the limit of {MAX_RECORDS}", document=doc)
    out = LoadResult()
    seen: set[str] = set()
    for i, item in enumerate(items):
        where = f"{doc}#{i}" if len(items) > 1 else doc
        try:
            rec = CaseRecord.from_dict(item, document=where)
        except RecursionError:
            raise RecordError("nested too deeply", document=where) from None
        if rec.id in seen:
            raise RecordError(f"duplicate case id {rec.id!r}", document=where, field="id")
        seen.add(rec.id)
        out.records.append(rec)
    return out


def sniff_json(head: bytes, path: Path) -> bool:
    s = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    # what follows the bracket must be JSON too: "[Authors as listed] Journal ..." opens a text, not a list
    after = s[1:].lstrip(b" \t\r\n")[:1]
    json_like = (s[:1] == b"{" and after in (b'"', b"}", b"")) or (
        s[:1] == b"[" and (after in (b"{", b"[", b'"', b"]", b"-", b"") or after.isdigit()
                           or s[1:].lstrip(b" \t\r\n")[:4] in (b"true", b"fals", b"null")))
    return json_like and b'"phenotypicFeatures"' not in head and b'"subject"' not in head


def load_json(path: Path, data: bytes) -> LoadResult:
    text = decode_text(data, path.name)
    try:
        parsed = json.loads(text)
    except json.JSONDecodeError as e:
        raise InputFormatError(f"not valid JSON: {e.msg} at line {e.lineno} column {e.colno}",
                               document=path.name) from None
    except RecursionError:
        raise InputFormatError("JSON nested too deeply", document=path.name) from None
    return _records(parsed, path)


def sniff_yaml(head: bytes, path: Path) -> bool:
    return path.suffix.lower() in (".yaml", ".yml")


def load_yaml(path: Path, data: bytes) -> LoadResult:
    text = decode_text(data, path.name)
    try:
        parsed = yaml.load(text, Loader=_StrictLoader)  # noqa: S506 - a SafeLoader subclass
    except InputFormatError as e:
        raise InputFormatError(e.message, document=path.name) from None
    except yaml.YAMLError as e:
        msg = str(e).splitlines()[0] if str(e) else "parse error"
        mark = getattr(e, "problem_mark", None)
        if mark is not None:
            msg += f" (line {mark.line + 1})"
        raise InputFormatError(f"not valid YAML: {msg}", document=path.name) from None
    except RecursionError:
        raise InputFormatError("YAML nested too deeply", document=path.name) from None
    if isinstance(parsed, (str, int, float)) or parsed is None:
        raise InputFormatError("YAML file holds no case record", document=path.name)
    return _records(parsed, path)
