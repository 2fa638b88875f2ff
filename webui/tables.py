"""Tables of the pages, and their downloads: every table a page shows can be had as CSV or TSV.

A page builds its tables as ``Table`` objects; ``?download=NAME`` (and ``&format=tsv``) on the page's
own URL answers that table as a file instead of the page.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from flask import Response, abort, request
from markupsafe import Markup, escape

Cell = Any  # str | int | float | None | tuple[str, str | None] (text, link)


@dataclass
class Table:
    name: str
    columns: list[str]
    rows: list[list[Cell]] = field(default_factory=list)
    title: str | None = None
    header_links: dict[str, str] = field(default_factory=dict)  # column -> the link its header sorts by
    sorted_by: tuple[str, bool] | None = None  # (column, descending)

    def text_rows(self) -> list[list[str]]:
        return [[_text(c) for c in row] for row in self.rows]

    def html(self, empty: str = "Nothing here.", numeric: tuple[int, ...] = ()) -> Markup:
        """The table as HTML (built here rather than by a template macro per cell: pages stay fast)."""
        if not self.rows:
            return Markup('<p class="muted">%s</p>') % empty
        num = set(numeric)
        out = [f'<div class="table-wrap"><table class="data" id="table-{escape(self.name)}"><thead><tr>']
        for i, c in enumerate(self.columns):
            head = escape(c)
            if c in self.header_links:
                mark, sort = "", "none"
                if self.sorted_by and self.sorted_by[0] == c:
                    mark, sort = (" ▼", "descending") if self.sorted_by[1] else (" ▲", "ascending")
                head = Markup('<a href="%s" title="sort by %s">%s%s</a>') % (self.header_links[c], c, c, mark)
                out.append(f'<th class="num" aria-sort="{sort}">{head}</th>' if i in num
                           else f'<th aria-sort="{sort}">{head}</th>')
                continue
            out.append(f'<th class="num">{head}</th>' if i in num else f"<th>{head}</th>")
        out.append("</tr></thead><tbody>")
        for row in self.rows:
            out.append("<tr>")
            for i, c in enumerate(row):
                td = '<td class="num">' if i in num else "<td>"
                if isinstance(c, tuple):
                    text = escape(c[0] if c[0] is not None else "")
                    out.append(f'{td}<a href="{escape(c[1])}">{text}</a></td>' if c[1] else f"{td}{text}</td>")
                else:
                    out.append(f"{td}{escape(_text(c))}</td>")
            out.append("</tr>")
        out.append("</tbody></table></div>")
        return Markup("".join(out))


def _text(c: Cell) -> str:
    if isinstance(c, tuple):
        c = c[0]
    if c is None:
        return ""
    if isinstance(c, float) and c.is_integer():
        return str(int(c))
    return str(c)


_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def _cell_for_spreadsheet(c: Cell) -> str:
    """A cell as a download gives it: a text that a spreadsheet would run as a formula ('=HYPERLINK(...)',
    '@SUM', '-cmd|...') gets a leading apostrophe; numbers stay numbers."""
    text = _text(c)
    raw = c[0] if isinstance(c, tuple) else c
    if isinstance(raw, str) and text.startswith(_FORMULA):
        return "'" + text
    return text


def table_file(t: Table, fmt: str = "csv", stem: str = "spinekg") -> Response:
    buf = io.StringIO()
    rows = [[_cell_for_spreadsheet(c) for c in row] for row in t.rows]
    if fmt == "tsv":
        buf.write("\t".join(t.columns) + "\n")
        for row in rows:
            buf.write("\t".join(re.sub(r"[\t\r\n]+", " ", v) for v in row) + "\n")
        ctype = "text/tab-separated-values; charset=utf-8"
    else:
        w = csv.writer(buf, lineterminator="\r\n")
        w.writerow(t.columns)
        w.writerows(rows)
        ctype = "text/csv; charset=utf-8"
    name = re.sub(r"[^A-Za-z0-9._-]+", "-", f"{stem}-{t.name}").strip("-") + "." + fmt
    return Response(buf.getvalue(), content_type=ctype,
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


def page(tables: list[Table], render: Callable[[], Any], stem: str = "spinekg") -> Any:
    """The page, or one of its tables as a file when ``?download=NAME`` asks for it."""
    wanted = request.args.get("download")
    if wanted is None:
        return render()
    for t in tables:
        if t.name == wanted:
            fmt = request.args.get("format", "csv")
            if fmt not in ("csv", "tsv"):
                abort(400, f"tables download as csv or tsv, not {fmt!r}")
            return table_file(t, fmt, stem)
    abort(404, f"this page has no table {wanted!r}")
