"""Search over the graph's names: an SQLite FTS5 index built once per served store.

Indexed: every term of the ontology lexicon (label, synonyms, abbreviations, external IDs such as
``NCIT:C2947`` and ``HGNC:8033``; a fusion also under each partner gene), the genes, markers, drugs
and fusions the cases added outside the ontology, every report (title, DOI, PMID) and every case
(id and label). A query matches names whose words start with the query's words; exact names rank
first, then names that start with the query, then the rest by BM25.

>>> ix = SearchIndex.build([Entry("urn:x", "total en bloc spondylectomy", "procedure", [("TES", "abbreviation")])])
>>> [(h.label, h.matched) for h in ix.search("tes")]
[('total en bloc spondylectomy', 'TES')]
"""

from __future__ import annotations

import re
import sqlite3
import threading
import weakref
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

from spinekg.ontology import BASE
from spinekg.ontology.lexicon import Lexicon, lexicon, norm

_WORD = re.compile(r"\w+", re.UNICODE)
#: how a name field ranks among equally good matches
FIELD_RANK = {"label": 0, "id": 1, "abbreviation": 2, "synonym": 3, "partner gene": 4, "external ID": 5,
              "DOI": 5, "PMID": 5}
#: kinds of terms worth a search hit (the rest are values: results, patterns, sexes ...)
KINDS = {"tumor_type": "tumor type", "procedure": "procedure", "vertebra": "vertebra", "region": "region",
         "compartment": "compartment", "marker": "marker", "gene": "gene", "fusion": "fusion", "drug": "drug",
         "regimen": "regimen", "imaging": "imaging", "imaging_finding": "imaging finding", "symptom": "symptom",
         "status": "outcome status", "method": "detection method", "neuro_grade": "neurological grade",
         "complication": "complication", "response": "treatment response", "margin": "margin"}
RECORD_KINDS = {"case", "report"}
_ABBREV = re.compile(r"^[A-Z0-9][A-Z0-9.\-/]{0,7}$")


@dataclass
class Entry:
    """A thing that can be found: its IRI, label, kind, and its other names as (name, field)."""

    iri: str
    label: str
    kind: str
    names: list[tuple[str, str]] = field(default_factory=list)
    cases: int = 0


@dataclass
class Hit:
    iri: str
    label: str
    type: str
    matched: str
    field: str
    cases: int
    href: str | None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _closer(ix: SearchIndex) -> weakref.finalize:
    """Close the index's database once the index is dropped (not at exit: a thread may still use it)."""
    fin = weakref.finalize(ix, ix.db.close)
    fin.atexit = False
    return fin


class SearchIndex:
    """An in-memory SQLite FTS5 index of names (thread-safe: one connection behind a lock)."""

    def __init__(self) -> None:
        self.db = sqlite3.connect(":memory:", check_same_thread=False)
        self._finalizer = _closer(self)
        self.lock = threading.Lock()
        self.db.execute("CREATE TABLE entity(id INTEGER PRIMARY KEY, iri TEXT UNIQUE, label TEXT, kind TEXT,"
                        " cases INTEGER)")
        # the terms (a few thousand names) and the records (cases and reports: as many as the store holds)
        # in two indexes, so that a common word cannot crowd the terms out or make a query scan every case
        for table in ("names", "records"):
            self.db.execute(f"CREATE VIRTUAL TABLE {table} USING fts5(name, norm UNINDEXED, field UNINDEXED,"
                            " entity UNINDEXED, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3')")

    def close(self) -> None:
        self._finalizer()

    def to_bytes(self) -> bytes:
        """The whole index as bytes (SQLite's serialization of the database)."""
        with self.lock:
            return self.db.serialize()

    @classmethod
    def from_bytes(cls, data: bytes) -> SearchIndex:
        """An index read back from to_bytes."""
        ix = cls.__new__(cls)
        ix.db = sqlite3.connect(":memory:", check_same_thread=False)
        ix.db.deserialize(data)
        ix._finalizer = _closer(ix)
        ix.lock = threading.Lock()
        return ix

    @classmethod
    def build(cls, entries: Iterable[Entry]) -> SearchIndex:
        ix = cls()
        with ix.lock, ix.db:
            for e in entries:
                cur = ix.db.execute("INSERT OR IGNORE INTO entity(iri, label, kind, cases) VALUES (?,?,?,?)",
                                    (e.iri, e.label, e.kind, e.cases))
                if not cur.rowcount:
                    continue
                eid = cur.lastrowid
                seen = set()
                for name, fld in [(e.label, "label"), *e.names]:
                    if not name or (name.lower(), fld) in seen:
                        continue
                    seen.add((name.lower(), fld))
                    table = "records" if e.kind in RECORD_KINDS else "names"
                    ix.db.execute(f"INSERT INTO {table}(name, norm, field, entity) VALUES (?,?,?,?)",
                                  (name, norm(name), fld, eid))
        return ix

    def search(self, q: str, limit: int = 20, kinds: set[str] | None = None) -> list[Hit]:
        words = _WORD.findall(q.lower())[:12]
        if not words:
            return []
        match = " ".join(f'"{w}"*' for w in words)
        with self.lock:
            rows = self.db.execute(
                "SELECT e.iri, e.label, e.kind, e.cases, n.name, n.norm, n.field, bm25(names) FROM names n"
                " JOIN entity e ON e.id = n.entity WHERE names MATCH ? ORDER BY bm25(names) LIMIT 1000",
                (match,)).fetchall()
            # records: the first matches, unranked (ranking every case that says 'chordoma' costs too much)
            rows += self.db.execute(
                "SELECT e.iri, e.label, e.kind, e.cases, n.name, n.norm, n.field, 0 FROM records n"
                " JOIN entity e ON e.id = n.entity WHERE records MATCH ? LIMIT ?", (match, max(limit, 50))).fetchall()
        want = norm(q)
        best: dict[str, tuple[tuple[Any, ...], Hit]] = {}
        for iri, label, kind, cases, name, nm, fld, score in rows:
            if kinds and kind not in kinds:
                continue
            tier = 0 if nm == want else 1 if nm.startswith(want) else 2
            key = (tier, FIELD_RANK.get(fld, 9), kind in ("case", "report"), -cases, len(name), score)
            if iri not in best or key < best[iri][0]:
                best[iri] = (key, Hit(iri=iri, label=label, type=kind, matched=name, field=fld, cases=cases,
                                      href="/" + iri[len(BASE):] if iri.startswith(BASE) else None))
        # exact, then prefix matches; terms before cases; the most cases first; labels before synonyms
        ranked = sorted(best.values(), key=lambda kv: (kv[0][0], kv[0][2], kv[0][3], kv[0][1], kv[0][4],
                                                       kv[1].label.lower()))
        return [h for _, h in ranked[:limit]]

    def __len__(self) -> int:
        with self.lock:
            return sum(int(self.db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]) for t in ("names", "records"))


def entries(site: Any, lex: Lexicon | None = None) -> list[Entry]:
    """The searchable things of a served store: the lexicon's terms and what the site index knows."""
    lex = lex or lexicon()
    out: list[Entry] = []

    def ncases(iri: str) -> int:
        return len(site.involves.get(iri, ()))

    for t in lex.terms.values():
        if t.kind not in KINDS:
            continue
        names = [(s, "abbreviation" if _ABBREV.match(s) else "synonym") for s in t.synonyms]
        names += [(x, "external ID") for x in t.xrefs]
        if t.kind == "fusion":
            names += [(g, "partner gene") for g in re.split(r"::", t.label) if g and g != "?"]
        out.append(Entry(t.iri, t.label, KINDS[t.kind], names, ncases(t.iri)))
    for iri, kind in site.kinds.items():
        if iri in lex.terms:
            continue
        label = site.label(iri)
        names = []
        if kind == "fusion":
            names = [(g, "partner gene") for g in label.split("::") if g and g != "?"]
        if kind == "report":
            rep = site.reports.get(iri, {})
            names = [(v, k) for k, v in (("DOI", rep.get("doi")), ("PMID", rep.get("pmid"))) if v]
        out.append(Entry(iri, label, kind, names, ncases(iri)))
    for c in site.cases:
        out.append(Entry(c.iri, c.label, "case", [(c.id, "id")], 0))
    return out
