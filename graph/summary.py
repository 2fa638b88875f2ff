"""What the web pages aggregate, computed once per served store (the store is read-only while served).

``SiteIndex.build(store)`` runs a handful of whole-store SPARQL queries and keeps, per case, the
facts the home page, the spine map, the facets of /browse, the entity pages ("the cases that involve
it") and the tumor type pages aggregate. Every later page reads these tables instead of querying.

>>> from spinekg.graph.store import EmbeddedStore
>>> ix = SiteIndex.build(EmbeddedStore(None))
>>> ix.counts["cases"]
0
"""

from __future__ import annotations

import itertools
import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from spinekg.graph import iris
from spinekg.graph.store import EmbeddedStore
from spinekg.ontology import SKG
from spinekg.ontology.lexicon import Lexicon, lexicon

from spinekg.levels import LEVELS, level_runs

ENTITIES_GRAPH = iris.ENTITIES_GRAPH
RESULT = {SKG + "Positive": "positive", SKG + "Negative": "negative", SKG + "Equivocal": "equivocal"}
#: the spine as the map draws it, cranial to caudal: (label, IRI); the sacrum (a whole) sits above S1
SPINE: list[tuple[str, str]] = [(lvl if lvl != "coccyx" else "Co", SKG + ("Coccyx" if lvl == "coccyx" else lvl))
                                for lvl in LEVELS]
SPINE.insert(LEVELS.index("S1"), ("sacrum", SKG + "Sacrum"))
CATEGORY_LABEL = {"biopsy": "biopsy", "surgery": "surgery", "radiotherapy": "radiotherapy",
                  "chemotherapy": "chemotherapy", "targeted_therapy": "targeted therapy",
                  "immunotherapy": "immunotherapy", "other_drug": "other drug", "embolization": "embolization"}
#: the facets of /browse: (key, title)
FACETS: list[tuple[str, str]] = [("type", "Tumor type"), ("region", "Region"), ("level", "Level"),
                                 ("marker", "Marker"), ("fusion", "Fusion"), ("treatment", "Treatment"),
                                 ("drug", "Drug"), ("outcome", "Outcome"), ("age", "Age"), ("sex", "Sex"),
                                 ("followup", "Follow-up"), ("method", "Facts")]
#: facets whose values are words, not IRIs
PLAIN_FACETS = {"outcome", "age", "sex", "followup", "method"}
#: age groups of the age facet: (key, label, below this age)
AGE_GROUPS = [("child", "child (under 18)", 18.0), ("18-39", "18-39 years", 40.0), ("40-64", "40-64 years", 65.0),
              ("65+", "65 years and over", float("inf"))]
PLAIN_LABELS = {**{k: label for k, label, _ in AGE_GROUPS}, "with-follow-up": "follow-up stated",
                "no-follow-up": "no follow-up stated", "text_mined": "text-mined from the report",
                "curated": "curated record", "female": "female", "male": "male"}
METHODS = {SKG + "Curated": "curated", SKG + "TextMined": "text_mined"}
OUTCOMES = {"recurrence": "local recurrence", "no-recurrence": "no local recurrence",
            "metastasis": "metastasis", "no-metastasis": "no metastasis"}

Q_CASES = """
SELECT ?case ?id ?label ?report ?year ?diagnosis ?age ?sex ?fu ?rec ?met ?status ?statusText ?method WHERE {
  ?case a skg:Case ; skg:caseId ?id .
  OPTIONAL { ?case skg:assertionMethod ?method }
  OPTIONAL { ?case rdfs:label ?label }
  OPTIONAL { ?case skg:reportedIn ?report OPTIONAL { ?report skg:publicationYear ?year } }
  OPTIONAL { ?case skg:hasTumor/skg:diagnosisLabel ?diagnosis }
  OPTIONAL { ?case skg:hasPatient ?p . OPTIONAL { ?p skg:ageYears ?age } OPTIONAL { ?p skg:hasSex ?sex } }
  OPTIONAL { ?case skg:hasOutcome ?o .
    OPTIONAL { ?o skg:followUpMonths ?fu } OPTIONAL { ?o skg:localRecurrence ?rec }
    OPTIONAL { ?o skg:metastasis ?met } OPTIONAL { ?o skg:status ?status } OPTIONAL { ?o skg:statusText ?statusText } }
}"""
Q_TYPES = """
SELECT ?case ?type WHERE { GRAPH ?case { ?case skg:hasTumor ?t . ?t a ?type } FILTER(?type != skg:Tumor) }"""
Q_LEVELS = "SELECT ?case ?v WHERE { ?case skg:hasTumor ?t . ?t skg:locatedIn ?v }"
Q_REGIONS = "SELECT ?case ?r WHERE { ?case skg:hasTumor ?t . ?t skg:inSpinalRegion ?r }"
Q_MARKERS = """
SELECT ?case ?m ?res WHERE { ?case skg:hasTumor/skg:hasIHCResult ?r . ?r skg:marker ?m
  OPTIONAL { ?r skg:result ?res } }"""
Q_GENOMIC = """
SELECT ?case ?f ?g WHERE { ?case skg:hasTumor/skg:hasGenomicFinding ?x .
  OPTIONAL { ?x skg:fusion ?f } OPTIONAL { ?x skg:gene ?g } }"""
Q_INTERVENTIONS = """
SELECT ?case ?iv ?seq ?cat ?cls ?d WHERE { GRAPH ?case { ?case skg:hasIntervention ?iv . ?iv a ?cls .
  OPTIONAL { ?iv skg:sequence ?seq } OPTIONAL { ?iv skg:category ?cat } OPTIONAL { ?iv skg:agent ?d } } }"""
Q_ENTITIES = """
SELECT ?e ?type ?label ?doi ?pmid WHERE { GRAPH <$G> { ?e a ?type } GRAPH ?l { ?e rdfs:label ?label }
  OPTIONAL { GRAPH ?d { ?e skg:doi ?doi } } OPTIONAL { GRAPH ?m { ?e skg:pmid ?pmid } } }""".replace(
    "$G", ENTITIES_GRAPH)  # a report's title and ids are in its cases' graphs
ENTITY_KINDS = {SKG + "Gene": "gene", SKG + "IHCMarker": "marker", SKG + "Drug": "drug",
                SKG + "GeneFusion": "fusion", SKG + "CaseReport": "report"}


@dataclass
class CaseRow:
    """One case as the aggregate pages see it."""

    iri: str
    id: str
    label: str
    diagnosis: str | None = None
    report: str | None = None
    year: int | None = None
    age: float | None = None
    sex: str | None = None
    follow_up: float | None = None
    recurrence: bool | None = None
    metastasis: bool | None = None
    status: str | None = None
    status_text: str | None = None
    method: str | None = None  # "text_mined" or "curated"
    type: str | None = None  # the asserted tumor type
    types: set[str] = field(default_factory=set)  # with every ancestor
    levels: list[str] = field(default_factory=list)
    regions: set[str] = field(default_factory=set)
    markers: dict[str, str | None] = field(default_factory=dict)  # marker IRI -> positive/negative/...
    fusions: set[str] = field(default_factory=set)
    genes: set[str] = field(default_factory=set)
    treatments: list[tuple[int, str, str | None]] = field(default_factory=list)  # (sequence, class, category)
    procedures: set[str] = field(default_factory=set)  # every class of every intervention, with ancestors
    drugs: set[str] = field(default_factory=set)

    def involved(self) -> Iterable[str]:
        """Every entity IRI this case involves (its entity pages list it)."""
        yield from self.types
        yield from self.levels
        yield from self.regions
        yield from self.markers
        yield from self.fusions
        yield from self.genes
        yield from self.procedures
        yield from self.drugs
        if self.report:
            yield self.report
        if self.status:
            yield self.status

    def table_row(self) -> dict[str, Any]:
        return {"case": self.id, "iri": self.iri, "label": self.label, "diagnosis": self.diagnosis or "",
                "levels": levels_text(self.levels), "year": self.year,
                "follow_up_months": _num(self.follow_up), "recurrence": _yn(self.recurrence)}


def levels_text(levels: Iterable[str]) -> str:
    """Level IRIs as runs of adjacent levels, cranial to caudal ('T7-T9, L1-S1')."""
    names = [lv.rsplit("/", 1)[-1] for lv in levels]
    return level_runs([n.lower() if n in ("Sacrum", "Coccyx") else n for n in names])


def to_bits(indexes: Iterable[int]) -> int:
    """A set of small non-negative integers as the bits of one int (counting and intersecting in C)."""
    buf = bytearray()
    for i in indexes:
        byte = i >> 3
        if byte >= len(buf):
            buf.extend(bytes(byte + 1 - len(buf)))
        buf[byte] |= 1 << (i & 7)
    return int.from_bytes(buf, "little")


_BIT = bytes.maketrans(b"01", b"\x00\x01")


def bit_positions(bits: int) -> Iterator[int]:
    """The positions of the set bits, lowest first.

    >>> list(bit_positions(0b101001))
    [0, 3, 5]
    """
    flags = bin(bits)[:1:-1].encode("ascii").translate(_BIT)  # bit i is byte i
    return itertools.compress(itertools.count(), flags)


def _num(v: float | None) -> int | float | None:
    if v is None:
        return None
    return int(v) if float(v).is_integer() else v


def _yn(v: bool | None) -> str:
    return {True: "yes", False: "no"}.get(v, "") if v is not None else ""


def _float(v: str | None) -> float | None:
    try:
        return float(v) if v is not None else None
    except ValueError:
        return None


@dataclass
class SiteIndex:
    """The per-store tables of the web pages."""

    cases: list[CaseRow] = field(default_factory=list)
    by_iri: dict[str, int] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)
    kinds: dict[str, str] = field(default_factory=dict)  # IRI -> kind, for entities outside the ontology
    reports: dict[str, dict[str, str | None]] = field(default_factory=dict)
    involves: dict[str, list[int]] = field(default_factory=dict)  # entity IRI -> case indexes
    facets: dict[str, dict[str, int]] = field(default_factory=dict)  # facet -> value key -> cases (a bitset)
    facet_labels: dict[str, dict[str, str]] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    top_types: list[tuple[str, str, int]] = field(default_factory=list)  # asserted tumor types, most cases first
    _profiles: dict[str, dict[str, Any]] = field(default_factory=dict)
    _by_id: list[CaseRow] = field(default_factory=list, repr=False, compare=False)

    def __getstate__(self) -> dict[str, Any]:
        state = self.__dict__.copy()
        state["_profiles"] = dict(self._profiles)  # a page may add one while the tables are being written
        return state

    # --- building ------------------------------------------------------------------------
    @classmethod
    def build(cls, store: EmbeddedStore, lex: Lexicon | None = None) -> SiteIndex:
        lex = lex or lexicon()
        ix = cls()
        ix.labels = {iri: t.label for iri, t in lex.terms.items()}
        for r in store.select_values(Q_ENTITIES):
            e, kind = r["e"], ENTITY_KINDS.get(r["type"])
            ix.labels.setdefault(e, r["label"])
            if kind:
                ix.kinds.setdefault(e, kind)
            if kind == "report":
                ix.reports[e] = {"label": r["label"], "doi": r.get("doi"), "pmid": r.get("pmid")}
        for r in store.select_values(Q_CASES):
            iri = r["case"]
            if iri in ix.by_iri:
                continue
            year = _float(r.get("year"))
            sex = r.get("sex")
            ix.by_iri[iri] = len(ix.cases)
            ix.cases.append(CaseRow(
                iri=iri, id=r["id"], label=r.get("label") or f"case {r['id']}",
                diagnosis=r.get("diagnosis"), report=r.get("report"), year=int(year) if year else None,
                age=_float(r.get("age")), sex=sex.rsplit("/", 1)[-1].lower() if sex else None,
                follow_up=_float(r.get("fu")),
                recurrence=None if "rec" not in r else r["rec"] == "true",
                metastasis=None if "met" not in r else r["met"] == "true",
                status=r.get("status"), status_text=r.get("statusText"),
                method=METHODS.get(r.get("method") or "")))
        ancestors = lex.ancestors

        def each(q: str) -> Iterable[tuple[CaseRow, dict[str, str]]]:
            for r in store.select_values(q):
                i = ix.by_iri.get(r["case"])
                if i is not None:
                    yield ix.cases[i], r

        for c, r in each(Q_TYPES):
            t = r["type"]
            if c.type is None or (c.type not in lex.terms and t in lex.terms):
                c.type = t
            c.types.add(t)
            c.types.update(a for a in ancestors(t) if a != SKG + "Tumor")
        for c, r in each(Q_LEVELS):
            if r["v"] not in c.levels:
                c.levels.append(r["v"])
        order = {iri: i for i, (_, iri) in enumerate(SPINE)}
        for c in ix.cases:
            c.levels.sort(key=lambda v: order.get(v, 99))
        for c, r in each(Q_REGIONS):
            c.regions.add(r["r"])
        for c, r in each(Q_MARKERS):
            res = RESULT.get(r.get("res") or "")
            if c.markers.get(r["m"]) in (None, "equivocal"):
                c.markers[r["m"]] = res
        for c, r in each(Q_GENOMIC):
            if "f" in r:
                c.fusions.add(r["f"])
            if "g" in r:
                c.genes.add(r["g"])
        seen: set[tuple[str, str]] = set()
        for c, r in each(Q_INTERVENTIONS):
            iv, cls_ = r["iv"], r["cls"]
            if "d" in r:
                c.drugs.add(r["d"])
            if (iv, cls_) in seen:
                continue
            seen.add((iv, cls_))
            c.treatments.append((int(float(r.get("seq") or 0)), cls_, r.get("cat")))
            c.procedures.add(cls_)
            c.procedures.update(a for a in ancestors(cls_) if a != SKG + "Intervention")
        for c in ix.cases:
            c.treatments.sort()
        ix._index(lex)
        return ix

    def _index(self, lex: Lexicon) -> None:
        # cases are kept most recently published first (then by id): a case's index is its place in
        # that order, so a bitset of cases read from bit 0 up lists them in it
        self.cases.sort(key=lambda c: (-(c.year or 0), c.id))
        self.by_iri = {c.iri: i for i, c in enumerate(self.cases)}
        inv: dict[str, list[int]] = defaultdict(list)
        facets: dict[str, dict[str, set[int]]] = {k: defaultdict(set) for k, _ in FACETS}
        flabels: dict[str, dict[str, str]] = {k: {} for k, _ in FACETS}
        for i, c in enumerate(self.cases):
            for e in dict.fromkeys(c.involved()):
                inv[e].append(i)
            for t in c.types:
                facets["type"][t].add(i)
            for r in c.regions:
                facets["region"][r].add(i)
            for v in c.levels:
                facets["level"][v].add(i)
            for m, res in c.markers.items():
                if res in ("positive", "negative"):
                    key = f"{m}={res}"
                    facets["marker"][key].add(i)
                    flabels["marker"][key] = f"{self.label(m)} {'+' if res == 'positive' else '−'}"
            for f in c.fusions:
                facets["fusion"][f].add(i)
            for p in c.procedures:
                facets["treatment"][p].add(i)
            for d in c.drugs:
                facets["drug"][d].add(i)
            for key, flag in (("recurrence", c.recurrence is True), ("no-recurrence", c.recurrence is False),
                              ("metastasis", c.metastasis is True), ("no-metastasis", c.metastasis is False)):
                if flag:
                    facets["outcome"][key].add(i)
            if c.status:
                facets["outcome"][c.status].add(i)
            if c.age is not None:
                facets["age"][next(k for k, _, below in AGE_GROUPS if c.age < below)].add(i)
            if c.sex:
                facets["sex"][c.sex].add(i)
            facets["followup"]["with-follow-up" if c.follow_up is not None else "no-follow-up"].add(i)
            if c.method:
                facets["method"][c.method].add(i)
        for k, vals in facets.items():
            for v in vals:
                flabels[k].setdefault(v, OUTCOMES.get(v) or PLAIN_LABELS.get(v) or self.label(v))
        self.involves = dict(inv)
        self.facets = {k: {v: to_bits(cases) for v, cases in vals.items()} for k, vals in facets.items()}
        self.facet_labels = flabels
        types = Counter(c.type for c in self.cases if c.type)
        self.top_types = sorted(((t, self.label(t), n) for t, n in types.items()), key=lambda x: (-x[2], x[1].lower()))
        self.counts = {
            "cases": len(self.cases), "reports": len({c.report for c in self.cases if c.report}),
            "tumor types": len(types),
            "fusions": len(facets["fusion"]), "genes": len({g for c in self.cases for g in c.genes}),
            "markers": len({m for c in self.cases for m in c.markers}), "drugs": len(facets["drug"]),
            "procedures": len({t for c in self.cases for _, t, _ in c.treatments}),
            "levels": len(facets["level"]),
        }

    # --- reading -------------------------------------------------------------------------
    def label(self, iri: str) -> str:
        return self.labels.get(iri) or iris.curie(iri).split(":", 1)[-1]

    def spine_counts(self) -> list[dict[str, Any]]:
        """Each level of the map, cranial to caudal, with its number of cases."""
        return [{"label": lab, "iri": iri, "count": self.facets.get("level", {}).get(iri, 0).bit_count()}
                for lab, iri in SPINE]

    def recent(self, n: int = 8) -> list[CaseRow]:
        """The most recently published cases (then by id)."""
        return self.cases[:n]

    def by_id(self) -> list[CaseRow]:
        """Every case, by id (sorted once)."""
        if len(self._by_id) != len(self.cases):
            self._by_id = sorted(self.cases, key=lambda c: c.id)
        return self._by_id

    def cases_of(self, iri: str) -> list[CaseRow]:
        return [self.cases[i] for i in self.involves.get(iri, ())]

    def select(self, chosen: dict[str, list[str]]) -> int:
        """The cases matching every chosen facet value (AND within and across facets), as a bitset."""
        sel = (1 << len(self.cases)) - 1
        for facet, values in chosen.items():
            for v in values:
                sel &= self.facets.get(facet, {}).get(v, 0)
        return sel

    def selected(self, sel: int, start: int = 0, stop: int | None = None) -> list[CaseRow]:
        """The cases of a bitset, most recent first, from the start-th to before the stop-th."""
        return [self.cases[i] for i in itertools.islice(bit_positions(sel), start, stop)]

    def facet_counts(self, facet: str, within: int | None) -> list[tuple[str, str, int]]:
        """(value key, label, number of cases within the selection), most cases first."""
        vals = self.facets.get(facet, {})
        out = []
        for key, cases in vals.items():
            n = (cases if within is None else cases & within).bit_count()
            if n:
                out.append((key, self.facet_labels[facet].get(key, key), n))
        return sorted(out, key=lambda x: (-x[2], x[1].lower()))

    def precompute_profiles(self, lex: Lexicon | None = None) -> int:
        """Compute the profile of every tumor type that has cases (so no page computes one); returns how many."""
        lex = lex or lexicon()
        types = [iri for iri, t in lex.terms.items() if t.kind == "tumor_type" and self.involves.get(iri)]
        for iri in types:
            self.tumor_type_profile(iri)
        return len(types)

    def tumor_type_profile(self, iri: str) -> dict[str, Any]:
        """Aggregates over the cases of a tumor type and its subtypes (computed once per type)."""
        if iri not in self._profiles:
            self._profiles[iri] = self._profile(iri)
        return self._profiles[iri]

    def _profile(self, iri: str) -> dict[str, Any]:
        cases = self.cases_of(iri)
        ihc: dict[str, Counter[str]] = defaultdict(Counter)
        for c in cases:
            for m, res in c.markers.items():
                ihc[m][res or "not stated"] += 1
        profile: list[dict[str, Any]] = sorted(
            ({"iri": m, "label": self.label(m), "positive": n["positive"], "negative": n["negative"],
              "equivocal": n["equivocal"], "tested": sum(n.values())} for m, n in ihc.items()),
            key=lambda x: (-x["tested"], x["label"].lower()))
        levels = Counter(v for c in cases for v in c.levels)
        fusions = Counter(f for c in cases for f in c.fusions)
        treat = Counter(t for c in cases for t in {cl for _, cl, _ in c.treatments})
        drugs = Counter(d for c in cases for d in c.drugs)
        subtypes = Counter(c.type for c in cases if c.type and c.type != iri)
        status = Counter(c.status_text or self.label(c.status or "") for c in cases if c.status or c.status_text)
        fu = [c.follow_up for c in cases if c.follow_up is not None]
        outcomes = {
            "cases": len(cases),
            "with follow-up": len(fu),
            "median follow-up (months)": _num(round(statistics.median(fu), 1)) if fu else None,
            "local recurrence": sum(1 for c in cases if c.recurrence is True),
            "no local recurrence": sum(1 for c in cases if c.recurrence is False),
            "metastasis": sum(1 for c in cases if c.metastasis is True),
        }

        def top(counter: Counter[str], n: int = 50) -> list[dict[str, Any]]:
            return [{"iri": k, "label": self.label(k), "cases": v} for k, v in counter.most_common(n)]

        return {"cases": cases, "ihc": profile, "levels": [
            {"iri": iri_, "label": lab, "cases": levels[iri_]} for lab, iri_ in SPINE if levels.get(iri_)],
            "fusions": top(fusions), "treatments": top(treat), "drugs": top(drugs), "subtypes": top(subtypes),
            "status": [{"label": k, "cases": v} for k, v in status.most_common()], "outcomes": outcomes,
            "by_treatment": self.follow_up_by_treatment(cases)}

    def follow_up_by_treatment(self, cases: list[CaseRow], max_groups: int = 8) -> list[dict[str, Any]]:
        """Per treatment (asserted class, not biopsies): each case's follow-up and recurrence."""
        groups: dict[str, list[CaseRow]] = defaultdict(list)
        for c in cases:
            for cl in dict.fromkeys(cl for _, cl, cat in c.treatments if cat != "biopsy"):
                groups[cl].append(c)
        ranked = sorted(groups.items(), key=lambda kv: (-len(kv[1]), self.label(kv[0]).lower()))[:max_groups]
        out = []
        for cl, cs in ranked:
            fu = [c.follow_up for c in cs if c.follow_up is not None]
            known = [c for c in cs if c.recurrence is not None]
            out.append({"iri": cl, "label": self.label(cl), "n": len(cs),
                        "median": _num(round(statistics.median(fu), 1)) if fu else None,
                        "recurred": sum(1 for c in known if c.recurrence), "known": len(known),
                        "points": [(c.follow_up, c.recurrence, c.id) for c in cs if c.follow_up is not None]})
        return out
