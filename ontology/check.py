"""The ontology's own checks, run by ``spinekg ontology check`` and by the tests.

- every class, property and named individual of ours has exactly one rdfs:label, one
  skos:definition and one skg:definitionSource;
- no two terms of one kind share a name (label, synonym or abbreviation);
- every external ID in a mapping was verified against a source file: it is listed in
  ``verified_ids.tsv`` (from the project's reference table) or ``extra_ids.tsv``, with its
  source, and exact matches never come from rows marked related or closest;
- the spine is complete and ordered, the header is complete;
- OBO conventions: every term of ours that is not deprecated carries its definition as IAO:0000115 with
  the same text as its skos:definition; no two terms share an rdfs:label (case-insensitive); no definition
  is a template that only repeats the label (the label plus at most one word that is not generic); no
  deprecated term is used as a parent (rdfs:subClassOf, rdf:type, rdfs:subPropertyOf) and each deprecated
  term names its replacement with IAO:0100001;
- with the reasoner: HermiT finds it consistent with no unsatisfiable class, the committed
  ``spinekg-inferred.ttl`` is what HermiT infers now, and the ontology with the case graphs of the shipped
  reports is consistent too (a property's domain or range that case data breaks is found here).
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from pathlib import Path

import rdflib
from curies import Converter
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS
from spinekg.ontology import BASE, ONTOLOGY_IRI, data_path, inferred_path, ontology_path
from spinekg.ontology.lexicon import KINDS, lexicon, norm

from spinekg.levels import LEVELS

SKG = rdflib.Namespace(BASE + "ontology/")

#: How external IRIs are written in the ontology, and their CURIE prefixes.
EXTERNAL = Converter.from_prefix_map({
    "NCIT": "http://purl.obolibrary.org/obo/NCIT_",
    "MONDO": "http://purl.obolibrary.org/obo/MONDO_",
    "UBERON": "http://purl.obolibrary.org/obo/UBERON_",
    "HP": "http://purl.obolibrary.org/obo/HP_",
    "SO": "http://purl.obolibrary.org/obo/SO_",
    "CHEBI": "http://purl.obolibrary.org/obo/CHEBI_",
    "MAXO": "http://purl.obolibrary.org/obo/MAXO_",
    "DOID": "http://purl.obolibrary.org/obo/DOID_",
    "HGNC": "https://identifiers.org/hgnc:",
    "DRUGBANK": "https://identifiers.org/drugbank:",
    "Orphanet": "http://www.orpha.net/ORDO/Orphanet_",
    "FMA": "http://purl.org/sig/ont/fma/fma",
})
MATCHES = (SKOS.exactMatch, SKOS.closeMatch, SKOS.relatedMatch, SKOS.broadMatch, SKOS.narrowMatch)
DECLARED = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty, OWL.NamedIndividual)


def verified_ids() -> dict[str, dict[str, str]]:
    """Every verified external CURIE -> {'label', 'source', 'exact_ok'} from the shipped ID tables."""
    out: dict[str, dict[str, str]] = {}
    ref = data_path("verified_ids.tsv")
    if ref.exists():
        with ref.open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh, delimiter="\t"):
                cid = (row.get("id") or "").strip()
                if not cid or cid == "UNVERIFIED":
                    continue
                related = any(w in (row.get("our_label") or "") for w in ("(related", "(closest"))
                related |= any(w in (row.get("source") or "") for w in ("RELATED", "CLOSEST"))
                prev = out.get(cid)
                out[cid] = {"label": row.get("official_label") or "", "source": row.get("source") or "",
                            "exact_ok": "yes" if (not related or (prev and prev["exact_ok"] == "yes")) else "no"}
    extra = data_path("extra_ids.tsv")
    if extra.exists():
        with extra.open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh, delimiter="\t"):
                cid = (row.get("id") or "").strip()
                if cid and cid != "UNVERIFIED":
                    out.setdefault(cid, {"label": row.get("official_label") or "", "source": row.get("source") or "",
                                         "exact_ok": "yes"})
    return out


def load_graph(path: Path | None = None) -> rdflib.Graph:
    g = rdflib.Graph()
    g.parse(path or ontology_path(), format="turtle")
    return g


def _ours(iri: object) -> bool:
    return isinstance(iri, rdflib.URIRef) and str(iri).startswith(BASE) and str(iri) != ONTOLOGY_IRI


def check_annotations(g: rdflib.Graph) -> list[str]:
    problems = []
    terms = {s for t in DECLARED for s in g.subjects(RDF.type, t) if _ours(s)}
    for s in sorted(terms, key=str):
        for p, what in ((RDFS.label, "rdfs:label"), (SKOS.definition, "skos:definition"),
                        (SKG.definitionSource, "skg:definitionSource")):
            n = len(set(g.objects(s, p)))
            if n != 1:
                problems.append(f"{s} has {n} {what} (expected exactly one)")
    return problems


OBO = rdflib.Namespace("http://purl.obolibrary.org/obo/")
IAO_DEFINITION = OBO.IAO_0000115
IAO_REPLACED_BY = OBO.IAO_0100001


def _terms(g: rdflib.Graph) -> set[rdflib.URIRef]:
    return {s for t in DECLARED for s in g.subjects(RDF.type, t) if _ours(s)}  # type: ignore[misc]


def deprecated(g: rdflib.Graph) -> set[rdflib.term.Node]:
    """Every subject marked owl:deprecated true."""
    return {s for s, o in g.subject_objects(OWL.deprecated)
            if isinstance(o, rdflib.Literal) and o.toPython() is True}


def check_obo_definitions(g: rdflib.Graph) -> list[str]:
    """Every term of ours (not deprecated) has exactly one IAO:0000115, equal to its skos:definition."""
    problems = []
    if (IAO_DEFINITION, RDF.type, OWL.AnnotationProperty) not in g:
        problems.append("obo:IAO_0000115 (definition) is not declared an owl:AnnotationProperty")
    dep = deprecated(g)
    for s in sorted(_terms(g) - dep, key=str):
        iao = [str(o) for o in g.objects(s, IAO_DEFINITION)]
        skos = [str(o) for o in g.objects(s, SKOS.definition)]
        if len(iao) != 1:
            problems.append(f"{s} has {len(iao)} IAO:0000115 definitions (expected exactly one)")
        elif iao != skos:
            problems.append(f"{s}: IAO:0000115 differs from skos:definition")
    return problems


def check_duplicate_labels(g: rdflib.Graph) -> list[str]:
    """No two terms of ours share an rdfs:label, case-insensitively (ROBOT's duplicate_label)."""
    owners: dict[str, set[str]] = defaultdict(set)
    for s in _terms(g):
        for label in g.objects(s, RDFS.label):
            owners[str(label).strip().casefold()].add(str(s))
    return [f"rdfs:label {label!r} is shared by {', '.join(sorted(iris))}"
            for label, iris in sorted(owners.items()) if len(iris) > 1]


#: Words a template definition wraps around a label ("Presenting symptom or sign: X.", "A therapeutic X.",
#: "The human gene X (X molecule), HGNC approved symbol X.").
GENERIC_WORDS = frozenset("""a an the of or and in as to for with by is any its it this that which presenting
symptom symptoms sign signs human gene approved symbol hgnc therapeutic agent drug antigen marker
immunohistochemical ihc stain value finding term type kind class category molecule protein also called
known""".split())
#: A definition is a template when at most this many of its words are neither the label's nor generic.
TEMPLATE_MAX_EXTRA = 1


def _words(text: str) -> list[str]:
    t = text.lower().replace("tumour", "tumor").replace("haem", "hem")
    return re.findall(r"[a-z0-9]+", t)


def template_definition(label: str, definition: str) -> bool:
    """Whether a definition only repeats the label, with at most one word that is neither generic nor the label's.

    >>> template_definition("foot drop", "Presenting symptom or sign: foot drop.")
    True
    >>> template_definition("monoclonal antibody", "A therapeutic monoclonal antibody.")
    True
    >>> template_definition("fever", "Body temperature elevated above the normal range.")
    False
    """
    own = set(_words(label))
    extra = [w for w in _words(definition) if w not in own and w not in GENERIC_WORDS]
    return len(extra) <= TEMPLATE_MAX_EXTRA


def check_template_definitions(g: rdflib.Graph) -> list[str]:
    """No term of ours (not deprecated) has a definition that is its label plus a few generic words."""
    problems = []
    dep = deprecated(g)
    for s in sorted(_terms(g) - dep, key=str):
        for label in g.objects(s, RDFS.label):
            for d in g.objects(s, SKOS.definition):
                if template_definition(str(label), str(d)):
                    problems.append(f"{s}: the definition {str(d)!r} only repeats the label {str(label)!r}")
    return problems


def check_deprecated(g: rdflib.Graph) -> list[str]:
    """No deprecated term is a parent (class, type or super-property), and each names one live replacement."""
    problems = []
    dep = deprecated(g)
    for p, what in ((RDFS.subClassOf, "rdfs:subClassOf"), (RDF.type, "rdf:type"),
                    (RDFS.subPropertyOf, "rdfs:subPropertyOf"), (OWL.equivalentClass, "owl:equivalentClass")):
        for s, o in g.subject_objects(p):
            if o in dep:
                problems.append(f"{s} {what} the deprecated term {o}")
    for s in sorted(dep, key=str):
        if not _ours(s):
            continue
        repl = list(g.objects(s, IAO_REPLACED_BY))
        if len(repl) != 1:
            problems.append(f"deprecated {s} has {len(repl)} IAO:0100001 (term replaced by); expected one")
        elif repl[0] in dep:
            problems.append(f"deprecated {s} is replaced by {repl[0]}, which is deprecated too")
        if not str(next(g.objects(s, RDFS.label), "")).startswith("obsolete "):
            problems.append(f"deprecated {s}: its label does not start with 'obsolete '")
    return problems


def check_obo(g: rdflib.Graph) -> list[str]:
    """The OBO-readiness checks together."""
    return (check_obo_definitions(g) + check_duplicate_labels(g) + check_template_definitions(g)
            + check_deprecated(g))


def check_names(g: rdflib.Graph) -> list[str]:
    lex = lexicon()
    problems = []
    for kind in KINDS:
        seen: dict[str, set[str]] = defaultdict(set)
        for t in lex.of_kind(kind):
            for name in {t.label, *t.synonyms}:
                seen[norm(name)].add(t.iri)
        for name, owners in sorted(seen.items()):
            if len(owners) > 1:
                problems.append(f"{kind} name {name!r} is given to {len(owners)} terms: {', '.join(sorted(owners))}")
    return problems


def check_mappings(g: rdflib.Graph) -> tuple[list[str], int]:
    ver = verified_ids()
    problems, n = [], 0
    for p in MATCHES:
        for s, o in g.subject_objects(p):
            n += 1
            cid = EXTERNAL.compress(str(o))
            if cid is None:
                problems.append(f"{s} maps to {o}, an IRI of no known prefix")
                continue
            info = ver.get(cid)
            if info is None:
                problems.append(f"{s} maps to {cid}, which is not in verified_ids.tsv or extra_ids.tsv")
            elif p == SKOS.exactMatch and info["exact_ok"] != "yes":
                problems.append(f"{s} has exactMatch {cid}, verified only as a related/closest concept")
    return problems, n


def check_structure(g: rdflib.Graph) -> list[str]:
    problems = []
    onto = rdflib.URIRef(ONTOLOGY_IRI)
    for p, what in ((OWL.versionIRI, "owl:versionIRI"), (DCTERMS.license, "dcterms:license"),
                    (DCTERMS.title, "dcterms:title"), (DCTERMS.description, "dcterms:description")):
        if (onto, p, None) not in g:
            problems.append(f"the ontology header has no {what}")
    if (onto, DCTERMS.license, rdflib.URIRef("https://creativecommons.org/licenses/by/4.0/")) not in g:
        problems.append("the ontology licence is not CC-BY-4.0")
    lex = lexicon()
    levels = {t.label for t in lex.of_kind("vertebra")}
    want = {lvl for lvl in LEVELS if lvl != "coccyx"} | {"coccyx"}
    if not want <= levels:
        problems.append(f"vertebrae missing from the ontology: {sorted(want - levels)}")
    cranial = SKG.cranialNeighbour
    for a, b in zip(LEVELS, LEVELS[1:], strict=False):
        sa, sb = SKG[a if a != "coccyx" else "Coccyx"], SKG[b if b != "coccyx" else "Coccyx"]
        if (sb, cranial, sa) not in g and (sa, SKG.caudalNeighbour, sb) not in g:
            problems.append(f"no neighbour link between {a} and {b}")
    tumor_types = lex.of_kind("tumor_type")
    if len(tumor_types) < 60:
        problems.append(f"only {len(tumor_types)} tumor types (at least 60 expected)")
    return problems


def check_inferred_current() -> list[str]:
    from spinekg.ontology.reason import reason

    res = reason()
    problems = []
    if not res.consistent:
        return ["HermiT: the ontology is inconsistent"]
    problems += [f"HermiT: unsatisfiable class {c}" for c in res.unsatisfiable]
    committed = rdflib.Graph()
    if inferred_path().exists():
        committed.parse(inferred_path(), format="turtle")
    committed_set = {t for t in committed if t[1] != RDFS.comment}
    now = set(res.inferred)
    if committed_set != now:
        problems.append(f"spinekg-inferred.ttl is stale ({len(now - committed_set)} axioms missing, "
                        f"{len(committed_set - now)} extra): run 'spinekg ontology reason'")
    return problems


def run_checks(*, reasoner: bool = True) -> tuple[list[str], list[str]]:
    """All checks: (problems, summary lines)."""
    g = load_graph()
    problems = check_annotations(g) + check_names(g) + check_structure(g) + check_obo(g)
    map_problems, n_maps = check_mappings(g)
    problems += map_problems
    lex = lexicon()
    summary = [f"triples: {len(g)}"]
    for kind in KINDS:
        n = len(lex.of_kind(kind))
        if n:
            summary.append(f"{kind}: {n}")
    summary.append(f"external mappings: {n_maps} (all checked against the verified ID tables)")
    summary.append(f"OBO: IAO:0000115 definitions, unique labels, no template definitions; "
                   f"{len(deprecated(g))} deprecated terms, none a parent")
    problems += check_shapes()
    summary.append("SHACL shapes on the shipped cases: run")
    if reasoner:
        problems += check_inferred_current()
        summary.append("HermiT: run")
        problems += check_cases_consistent()
        summary.append("HermiT on the ontology with the shipped cases: run")
    return problems, summary


def check_shapes() -> list[str]:
    """The case graphs of the shipped reports conform to the SHACL shapes (ontology/shapes.ttl)."""
    import rdflib as _rdflib
    from spinekg.graph.shapes import violations
    from spinekg.ontology.reason import shipped_case_triples

    g = _rdflib.Graph().parse(data=shipped_case_triples(), format="nt")
    return [f"SHACL: a shipped case graph does not fit the shapes: {v}" for v in violations(g)[:20]]


def check_cases_consistent() -> list[str]:
    """The ontology together with the case graphs of the shipped reports is consistent (HermiT)."""
    from spinekg.ontology.reason import cases_consistent, shipped_case_triples

    if not cases_consistent(shipped_case_triples()):
        return ["HermiT: the ontology with the shipped cases (data/reports) is inconsistent"]
    return []
