"""What the public SPARQL endpoint lets a query do: SERVICE only to allow-listed endpoints.

The check runs on the parsed query (rdflib's SPARQL parser resolves prefixes, BASE and
codepoint escapes), so ``SERVICE ex:x`` or ``\\u0053ERVICE`` cannot slip past it; a query that
mentions SERVICE but cannot be parsed is refused rather than guessed at. Nothing is contacted
during the check.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from spinekg.ontology import PREFIXES

from spinekg.errors import QueryError

_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


def unescape(query: str) -> str:
    """SPARQL codepoint escapes (\\uXXXX, \\UXXXXXXXX) applied, as a SPARQL parser does first."""
    return _ESCAPE.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), query)


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
    if "service" not in unescape(query).lower():
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
            raise QueryError("SERVICE with a variable endpoint is not allowed on this server")
        out.append(str(term))
    return out


def check_services(query: str, allow: Iterable[str]) -> None:
    """Refuse (QueryError) a query whose SERVICE endpoints are not all in the allow-list."""
    allowed = set(allow)
    for ep in service_endpoints(query):
        if ep not in allowed:
            raise QueryError(f"SERVICE <{ep}> is not on this server's allow-list")
