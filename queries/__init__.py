"""The query library: named SPARQL queries in ``*.rq`` files beside this module.

Each file opens with a header of ``# key: value`` lines: ``title``, ``description`` and one
``param`` line per parameter (``# param: name = default | what it is``). Parameters are bound
as variables of the same name, never spliced into the text.

>>> q = get("cases-by-tumor-type")
>>> q.params[0].name
'type'
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from importlib import resources

from spinekg.errors import QueryError

_HEADER = re.compile(r"^#\s*(title|description|param|example)\s*:\s*(.*)$")
_PARAM = re.compile(r"^(\w+)\s*(?:=\s*(\S+))?\s*(?:\|\s*(.*))?$")


@dataclass(frozen=True)
class Param:
    name: str
    default: str | None
    description: str


@dataclass(frozen=True)
class NamedQuery:
    name: str
    title: str
    description: str
    sparql: str
    params: tuple[Param, ...] = field(default_factory=tuple)

    def bindings(self, given: dict[str, str] | None = None) -> dict[str, str]:
        """Parameter values: the given ones, else the defaults; unknown names are an error."""
        given = dict(given or {})
        known = {p.name for p in self.params}
        unknown = set(given) - known
        if unknown:
            raise QueryError(f"query {self.name!r} has no parameter {', '.join(sorted(unknown))} "
                             f"(it takes: {', '.join(sorted(known)) or 'none'})")
        out = {}
        for p in self.params:
            v = given.get(p.name, p.default)
            if v is not None and v != "":
                out[p.name] = v
        return out


_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)
_FIRST_BRACE = re.compile(r"\b(?:SELECT|ASK|DESCRIBE)\b[^{]*\{", re.IGNORECASE | re.DOTALL)


def bind_values(sparql: str, terms: dict[str, str]) -> str:
    """The query with a VALUES block binding each variable, at the head of its outermost WHERE group.

    ``terms`` maps variable names to terms already serialized by the RDF library (``<iri>``,
    ``"text"``, ``"1"^^<...#integer>``): values are bound as terms, never pasted in as query text.
    This is how rdflib binds ``initBindings`` too, and it works the same on every SPARQL engine.

    >>> bind_values("SELECT ?x WHERE { ?x ?p ?o }", {"p": "<urn:p>"})
    'SELECT ?x WHERE { VALUES ?p { <urn:p> } ?x ?p ?o }'
    """
    if not terms:
        return sparql
    for name in terms:
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
            raise QueryError(f"{name!r} is not a variable name")
    # find the WHERE outside comments (a comment is '#' to the end of a line, outside IRIs and strings)
    masked = re.sub(r"(?m)^\s*#.*$", lambda m: " " * len(m.group(0)), sparql)
    m = _WHERE.search(masked) or _FIRST_BRACE.search(masked)
    if m is None:
        raise QueryError("cannot bind parameters: the query has no WHERE group")
    block = " ".join(f"VALUES ?{k} {{ {v} }}" for k, v in terms.items())
    out = sparql[: m.end()] + " " + block + sparql[m.end():]
    # SERVICE needs its endpoint when the query is planned, before VALUES joins in: put the IRI term there
    for k, v in terms.items():
        if v.startswith("<") and v.endswith(">"):
            out = re.sub(rf"\b(SERVICE\s+(?:SILENT\s+)?)\?{k}\b", lambda mm, v=v: mm.group(1) + v, out,
                         flags=re.IGNORECASE)
    return out


def parse(name: str, text: str) -> NamedQuery:
    title, desc, params = name, [], []
    for line in text.splitlines():
        m = _HEADER.match(line.strip())
        if not m:
            if line.strip() and not line.lstrip().startswith("#"):
                break
            continue
        key, val = m.groups()
        if key == "title":
            title = val.strip()
        elif key == "description":
            desc.append(val.strip())
        elif key == "param":
            pm = _PARAM.match(val.strip())
            if not pm:
                raise QueryError(f"query {name!r}: bad param line {val!r}")
            params.append(Param(pm.group(1), pm.group(2), (pm.group(3) or "").strip()))
    return NamedQuery(name=name, title=title, description=" ".join(desc), sparql=text, params=tuple(params))


@functools.lru_cache(maxsize=1)
def library() -> dict[str, NamedQuery]:
    """Every named query shipped with spinekg, by name."""
    out = {}
    for f in sorted(resources.files(__name__).iterdir(), key=lambda p: p.name):
        if f.name.endswith(".rq"):
            name = f.name[:-3]
            out[name] = parse(name, f.read_text(encoding="utf-8"))
    return out


def get(name: str) -> NamedQuery:
    try:
        return library()[name]
    except KeyError:
        raise QueryError(f"no query named {name!r} (see 'spinekg query --list')") from None


__all__ = ["NamedQuery", "Param", "bind_values", "get", "library", "parse"]
