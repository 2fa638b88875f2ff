"""What the public SPARQL endpoint lets a query do: SERVICE only to allow-listed endpoints.

The decision must hold for the parser that runs the query (Oxigraph), not only for the one that
checks it. Two layers:

- ``screen`` (in the web thread, no parsing, linear in the text): a query in which the word
  ``service`` appears in no reading of its text (as sent, with SPARQL's codepoint escapes applied,
  and with rdflib's reading of them) cannot call a service, whatever parser reads it. With an empty
  allow-list (the default) every other query is refused outright: nothing is parsed. With an
  allow-list, text that rdflib and SPARQL read differently (a bare CR, which ends a comment in
  SPARQL but not in rdflib; ``\\u`` followed by eight hex digits; NUL) is refused, as is text
  longer than ``MAX_CHECKED_CHARS``.
- ``check_services`` parses with rdflib and compares the SERVICE endpoints with the allow-list. It
  runs in the query's sandboxed worker, under the query's timeout and slot, never in a web thread.

The query workers of a server without an allow-list also run without a network (see
``spinekg.graph.sandbox``), so a parser differential found later still reaches nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from spinekg.ontology import PREFIXES

from spinekg.errors import QueryError, QueryRefused

_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
# rdflib's expandUnicodeEscapes reads \u with 4 *or 8* hex digits, and \U with 8
_RDFLIB_ESCAPE = re.compile(r"\\[uU]([0-9A-Fa-f]{8}|[0-9A-Fa-f]{4})")
_AMBIGUOUS = re.compile(r"\r(?!\n)|\x00|\\u[0-9A-Fa-f]{8}")
MAX_CHECKED_CHARS = 8_000  # the longest query that mentions SERVICE the rdflib check will parse (about 3 s)


def unescape(query: str) -> str:
    """SPARQL codepoint escapes (\\uXXXX, \\UXXXXXXXX) applied, as a SPARQL parser does first."""
    return _ESCAPE.sub(lambda m: _chr(m.group(1) or m.group(2)), query)


def _chr(hexdigits: str) -> str:
    n = int(hexdigits, 16)
    return chr(n) if n <= 0x10FFFF else "\ufffd"


def _readings(query: str) -> list[str]:
    """Every reading of the text a SPARQL parser might act on: as sent, escapes applied (once and
    again, for an escape spelled with escapes) by SPARQL's rule and by rdflib's."""
    out = [query]
    for rule in (_ESCAPE, _RDFLIB_ESCAPE):
        text = query
        for _ in range(3):
            nxt = rule.sub(lambda m: _chr(next(g for g in m.groups() if g)), text)
            if nxt == text:
                break
            out.append(nxt)
            text = nxt
    return out


def mentions_service(query: str) -> bool:
    """Whether 'service' (any case) appears in any reading of the text: if not, no SERVICE can run."""
    return any("service" in t.lower() for t in _readings(query))


def screen(query: str, allow: Iterable[str]) -> bool:
    """Refuse (QueryError) what must not reach a parser; True when the rdflib check must still run.

    No parsing happens here: the cost is linear in the text.
    """
    if not mentions_service(query):
        return False
    if not tuple(allow):
        raise QueryRefused("SERVICE is not allowed on this server (it has no allow-list), and a query that "
                         "contains the word 'service' anywhere, even in a string or comment, is refused")
    if _AMBIGUOUS.search(query):
        raise QueryRefused("SERVICE is not on this server's allow-list for a query with a bare carriage return, "
                         "a NUL or a \\u escape followed by eight hex digits (parsers read these differently)")
    if len(query) > MAX_CHECKED_CHARS:
        raise QueryRefused(f"a query that uses SERVICE may be at most {MAX_CHECKED_CHARS} characters long "
                         "on this server (it is checked against the allow-list first)")
    return True


def _walk(node: Any, out: list[Any]) -> None:
    from rdflib.plugins.sparql.parserutils import CompValue

    if isinstance(node, CompValue):
        if node.name == "ServiceGraphPattern":
            out.append(node.get("term"))
        for v in node.values():
            _walk(v, out)
    elif isinstance(node, (list, tuple)):
        for v in node:
            _walk(v, out)


def service_endpoints(query: str) -> list[str]:
    """The endpoints a query's SERVICE clauses call; QueryError if any is a variable or unparsable."""
    if not mentions_service(query):
        return []
    from rdflib import URIRef
    from rdflib.plugins.sparql.algebra import translateQuery
    from rdflib.plugins.sparql.parser import parseQuery

    try:
        algebra = translateQuery(parseQuery(query), initNs=PREFIXES).algebra
    except Exception as e:  # noqa: BLE001 - any parser failure means: cannot be checked, so refused
        raise QueryError(f"a query using SERVICE must parse cleanly to be checked: {str(e).splitlines()[0]}") \
            from None
    found: list[Any] = []
    _walk(algebra, found)
    out = []
    for term in found:
        if not isinstance(term, URIRef):
            raise QueryRefused("SERVICE with a variable endpoint is not allowed on this server")
        out.append(str(term))
    return out


def check_services(query: str, allow: Iterable[str]) -> None:
    """Refuse (QueryError) a query whose SERVICE endpoints are not all in the allow-list.

    Screens first (see ``screen``); only then parses. Run it where a slow parse is bounded: in
    the sandboxed worker that runs the query.
    """
    allowed = set(allow)
    if not screen(query, allowed):
        return
    for ep in service_endpoints(query):
        if ep not in allowed:
            raise QueryRefused(f"SERVICE <{ep}> is not on this server's allow-list")


def check_in_process(query: str, allow: Iterable[str], *, sandboxed: bool) -> None:
    """The part of the check a web thread may do: the screen; the parse too only where no sandboxed
    worker will (an app without a sandbox)."""
    if screen(query, allow) and not sandboxed:
        check_services(query, allow)

