"""The lexicon: every label, synonym and abbreviation of the ontology, by kind of term.

The extractor and the graph builder ground text to terms through it, so adding a
``skos:altLabel`` to the ontology improves both without code changes.

>>> lex = lexicon()
>>> lex.lookup("vertebra", "Th11") is None  # notation is handled by spinekg.levels, not the lexicon
True
>>> lex.lookup("tumor_type", "chordoma").endswith("/Chordoma")
True
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from dataclasses import dataclass, field

from spinekg.ontology import SKG, ontology_store

#: kind name -> the class whose members (individuals, or subclasses for class kinds) form it
KINDS: dict[str, tuple[str, bool]] = {
    # kind: (class local name, members are subclasses rather than individuals)
    "tumor_type": ("Neoplasm", True),
    "procedure": ("Intervention", True),
    "vertebra": ("Vertebra", False),
    "region": ("SpinalRegion", False),
    "compartment": ("SpinalCompartment", False),
    "marker": ("IHCMarker", False),
    "gene": ("Gene", False),
    "fusion": ("GeneFusion", False),
    "drug": ("Drug", False),
    "regimen": ("ChemotherapyRegimen", False),
    "imaging": ("ImagingModality", False),
    "imaging_finding": ("ImagingFinding", False),
    "symptom": ("Symptom", False),
    "status": ("OutcomeStatus", False),
    "result": ("TestResult", False),
    "pattern": ("StainingPattern", False),
    "intent": ("TreatmentIntent", False),
    "response": ("TreatmentResponse", False),
    "margin": ("MarginStatus", False),
    "extent": ("ExtentOfResection", False),
    "method": ("DetectionMethod", False),
    "sex": ("Sex", False),
    "behaviour": ("Behaviour", False),
    "complication": ("Complication", True),
    "neuro_grade": ("NeurologicalGrade", False),
    "clinical_scale": ("ClinicalScaleValue", False),
}

_NORM_RE = re.compile(r"[^0-9a-z]+")


def norm(text: str) -> str:
    """Lower case, every run of other characters one space; British '-our' folded to '-or'.

    >>> norm("Giant-cell Tumour")
    'giant cell tumor'
    """
    s = _NORM_RE.sub(" ", text.lower().replace("α", "alpha").replace("β", "beta")).strip()
    return re.sub(r"(?<=[a-z])our\b", "or", s)


@dataclass
class Term:
    iri: str
    label: str
    kind: str
    synonyms: list[str] = field(default_factory=list)
    category: str | None = None
    parents: list[str] = field(default_factory=list)
    xrefs: list[str] = field(default_factory=list)  # exact matches, as CURIEs (NCIT:C2947, HP:0003418)


@dataclass
class Lexicon:
    terms: dict[str, Term] = field(default_factory=dict)
    by_kind: dict[str, dict[str, str]] = field(default_factory=lambda: defaultdict(dict))
    by_xref: dict[str, str] = field(default_factory=dict)

    def lookup(self, kind: str, text: str) -> str | None:
        """The IRI of the term of that kind whose label or synonym is text (normalised), or None."""
        return self.by_kind.get(kind, {}).get(norm(text))

    def from_xref(self, curie: str) -> str | None:
        """The term exactly matching an external CURIE ('NCIT:C2947', 'HP:0003418'), or None."""
        p, _, local = curie.partition(":")
        return self.by_xref.get(f"{p.upper()}:{local}")

    def label(self, iri: str) -> str | None:
        t = self.terms.get(iri)
        return t.label if t else None

    def names(self, kind: str) -> dict[str, str]:
        """Every normalised name of that kind, mapped to its term's IRI."""
        return self.by_kind.get(kind, {})

    def category(self, iri: str) -> str | None:
        """The case-record category of a procedure class or drug (from skg:recordCategory)."""
        t = self.terms.get(iri)
        return t.category if t else None

    def of_kind(self, kind: str) -> list[Term]:
        return [t for t in self.terms.values() if t.kind == kind]

    def ancestors(self, iri: str) -> list[str]:
        """Every superclass of a term, nearest first as found (memoised; the lexicon does not change)."""
        memo = self.__dict__.setdefault("_ancestors", {})
        if iri not in memo:
            seen: list[str] = []
            todo = list(self.terms[iri].parents) if iri in self.terms else []
            while todo:
                c = todo.pop()
                if c in seen:
                    continue
                seen.append(c)
                t = self.terms.get(c)
                if t:
                    todo.extend(t.parents)
            memo[iri] = seen
        return list(memo[iri])


_Q_MEMBERS = """
PREFIX skg: <%s>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?t ?label ?rdfsLabel WHERE {
  %s
  ?t rdfs:label ?rdfsLabel .
  OPTIONAL { ?t skos:prefLabel ?pref }
  BIND(COALESCE(?pref, ?rdfsLabel) AS ?label)
}
"""

_Q_SYNONYMS = """
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX skg: <%s>
SELECT ?t ?s WHERE { { ?t skos:altLabel ?s } UNION { ?t skg:abbreviation ?s } UNION { ?t skos:hiddenLabel ?s } }
"""

_Q_CATEGORY = """
PREFIX skg: <%s>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?t ?cat (MIN(?depth) AS ?d) WHERE {
  { ?t skg:recordCategory ?cat . BIND(0 AS ?depth) }
  UNION { ?t rdfs:subClassOf+ ?c . ?c skg:recordCategory ?cat . BIND(1 AS ?depth) }
  UNION { ?t a/rdfs:subClassOf* ?c . ?c skg:recordCategory ?cat . BIND(1 AS ?depth) }
} GROUP BY ?t ?cat
"""

_Q_XREFS = """
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?t ?x WHERE { ?t skos:exactMatch ?x }
"""

_Q_PARENTS = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?t ?p WHERE { ?t rdfs:subClassOf ?p . FILTER(isIRI(?p)) }
"""


@functools.lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The lexicon of the shipped ontology (built once per process)."""
    store = ontology_store()
    lex = Lexicon()
    for kind, (cls, is_class) in KINDS.items():
        pattern = (f"?t rdfs:subClassOf+ skg:{cls} ." if is_class
                   else f"?t a/rdfs:subClassOf* skg:{cls} .")
        if is_class:
            pattern = f"{{ {pattern} }} UNION {{ BIND(skg:{cls} AS ?t) }}"
        for row in store.query(_Q_MEMBERS % (SKG, pattern)):
            iri = row["t"].value
            if iri in lex.terms:
                continue
            # the display name is skos:prefLabel where a term has one (a gene whose rdfs:label is
            # "ALK gene", to keep OWL labels unique beside the marker "ALK", is shown as "ALK");
            # its rdfs:label is then one more name of it
            lex.terms[iri] = term = Term(iri=iri, label=row["label"].value, kind=kind)
            if row["rdfsLabel"].value != term.label:
                term.synonyms.append(row["rdfsLabel"].value)
    for row in store.query(_Q_SYNONYMS % SKG):
        t = lex.terms.get(row["t"].value)
        if t and row["s"].value not in t.synonyms:
            t.synonyms.append(row["s"].value)
    cats: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for row in store.query(_Q_CATEGORY % SKG):
        cats[row["t"].value].append((int(row["d"].value), row["cat"].value))
    for row in store.query(_Q_PARENTS):
        t = lex.terms.get(row["t"].value)
        if t:
            t.parents.append(row["p"].value)
    from spinekg.ontology.check import EXTERNAL

    for row in store.query(_Q_XREFS):
        cid = EXTERNAL.compress(row["x"].value)
        if cid and row["t"].value in lex.terms:
            p, _, local = cid.partition(":")
            lex.by_xref.setdefault(f"{p.upper()}:{local}", row["t"].value)
            lex.terms[row["t"].value].xrefs.append(cid)
    for t in lex.terms.values():
        if t.iri in cats:
            # an own annotation wins over an inherited one
            t.category = min(cats[t.iri])[1]
        names = lex.by_kind[t.kind]
        for name in [t.label, *t.synonyms]:
            names.setdefault(norm(name), t.iri)
    return lex
