"""The vocabulary as a way into the graph (the /ontology page): the tumour-type tree along the ontology's
families, each class with the cases of it and of its subtypes, and the lists of levels, markers, genes,
fusions, drugs and procedures, each term with its cases. Read from the lexicon (the ontology) and the site
index (the cases), so a term without a case is listed too: it is the vocabulary, not only what is used."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from spinekg.ontology import SKG
from spinekg.ontology.lexicon import Lexicon

from .summary import SPINE, SiteIndex

ROOT = SKG + "Neoplasm"


@dataclass
class TypeNode:
    iri: str
    label: str
    cases: int  # cases of this class or of any subclass
    own: int  # cases typed with exactly this class
    children: list[TypeNode] = field(default_factory=list)
    repeated: bool = False  # shown in full under another parent already

    def size(self) -> int:
        return 1 + sum(c.size() for c in self.children)


@dataclass
class TermList:
    key: str  # the anchor (#markers) and the kind
    title: str
    note: str
    terms: list[tuple[str, str, int]]  # (IRI, label, cases)

    @property
    def used(self) -> int:
        return sum(1 for _, _, n in self.terms if n)


def type_tree(lex: Lexicon, ix: SiteIndex) -> list[TypeNode]:
    """The families under skg:Neoplasm, each a tree of its subclasses with case counts (subtypes included).
    A class with two parents (a site family and a neutral group) is drawn in full once and named again,
    marked, under its other parent."""
    kids: dict[str, list[str]] = {}
    for t in lex.of_kind("tumor_type"):
        for p in t.parents:
            if p in lex.terms and lex.terms[p].kind == "tumor_type":
                kids.setdefault(p, []).append(t.iri)
    below = ix.facets.get("type", {})  # a case's types hold every ancestor of its asserted type
    own = Counter(c.type for c in ix.cases if c.type)
    drawn: set[str] = set()

    def node(iri: str, path: tuple[str, ...]) -> TypeNode:
        label = lex.label(iri) or iri.rsplit("/", 1)[-1]
        n = TypeNode(iri, label, below.get(iri, 0).bit_count(), own.get(iri, 0))
        if iri in drawn:
            n.repeated = bool(kids.get(iri))
            return n
        drawn.add(iri)
        ordered = sorted(kids.get(iri, []), key=lambda k: (lex.label(k) or k).lower())
        # families with cases first, then alphabetical; a cycle in a broken ontology is never followed
        subs = [node(k, (*path, iri)) for k in ordered if k not in path]
        n.children = sorted(subs, key=lambda c: (c.cases == 0, c.label.lower()))
        return n

    roots = [node(k, (ROOT,)) for k in sorted(kids.get(ROOT, []), key=lambda k: (lex.label(k) or k).lower())]
    return sorted(roots, key=lambda r: (-r.cases, r.label.lower()))


def term_lists(lex: Lexicon, ix: SiteIndex) -> list[TermList]:
    """Levels (cranial to caudal), markers, genes, fusions, drugs and procedures, each term with its cases."""
    facets = ix.facets

    def counted(kind: str, facet_counts: dict[str, int]) -> list[tuple[str, str, int]]:
        out = [(t.iri, t.label, facet_counts.get(t.iri, 0)) for t in lex.of_kind(kind)]
        return sorted(out, key=lambda x: (-x[2], x[1].lower()))

    def bits(facet: str) -> dict[str, int]:
        return {k: v.bit_count() for k, v in facets.get(facet, {}).items()}

    markers: Counter[str] = Counter()
    genes: Counter[str] = Counter()
    for c in ix.cases:
        markers.update(c.markers.keys())
        genes.update(c.genes)
    levels = [(iri, label if label != "sacrum" else "Sacrum (S1-S5)", facets.get("level", {}).get(iri, 0).bit_count())
              for label, iri in SPINE]
    return [
        TermList("levels", "Vertebral levels", "cranial to caudal; a case counts at every level it involves", levels),
        TermList("markers", "Immunohistochemical markers", "cases with a result for the marker (any result)",
                 counted("marker", dict(markers))),
        TermList("genes", "Genes", "cases with a finding in the gene (a fusion counts for both partners)",
                 counted("gene", dict(genes))),
        TermList("fusions", "Gene fusions", "cases with the fusion", counted("fusion", bits("fusion"))),
        TermList("drugs", "Drugs and regimens", "cases given the drug (a regimen counts for its drugs too)",
                 sorted(counted("drug", bits("drug")) + counted("regimen", bits("drug")),
                        key=lambda x: (-x[2], x[1].lower()))),
        TermList("procedures", "Procedures and treatments",
                 "cases with an intervention of the class or of a narrower one",
                 counted("procedure", bits("treatment"))),
    ]


def vocabulary(lex: Lexicon, ix: SiteIndex) -> dict[str, Any]:
    tree = type_tree(lex, ix)
    return {"tree": tree, "lists": term_lists(lex, ix), "n_types": len(lex.of_kind("tumor_type")) - 1,
            "cases": len(ix.cases)}
