"""Printing query results: SPARQL JSON/CSV/TSV come from the store's own serializers; a table for people."""

from __future__ import annotations

from typing import IO, Any

from spinekg.graph.iris import curie
from spinekg.graph.store import QueryResult


def term_text(t: Any) -> str:
    """A term as a person reads it: IRIs as CURIEs where a prefix is known, literals as their value."""
    if t is None:
        return ""
    if type(t).__name__ == "NamedNode":
        return _printable(curie(t.value))
    return _printable(str(t.value))


def _printable(s: str) -> str:
    """Control characters shown as escapes: stored data never drives the terminal (ESC, OSC, BEL, ...)."""
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in s)


def write_table(result: QueryResult, out: IO[str], *, max_width: int = 60) -> None:
    if result.boolean is not None:
        out.write(("true" if result.boolean else "false") + "\n")
        return
    if result.triples is not None:
        for t in result.triples:
            out.write(f"{term_text(t.subject)}\t{term_text(t.predicate)}\t{term_text(t.object)}\n")
        return
    cols = result.variables
    cells = [[term_text(r.get(c))[:max_width] for c in cols] for r in result.rows]
    widths = [max([len(c)] + [len(row[i]) for row in cells]) for i, c in enumerate(cols)]
    out.write("  ".join(c.ljust(w) for c, w in zip(cols, widths, strict=True)).rstrip() + "\n")
    out.write("  ".join("-" * w for w in widths) + "\n")
    for row in cells:
        out.write("  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)).rstrip() + "\n")
    out.write(f"({len(cells)} row{'s' if len(cells) != 1 else ''})\n")
