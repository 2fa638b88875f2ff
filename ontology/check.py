"""The ontology's own checks, run by ``spinekg ontology check`` and by the tests.

- every class, property and named individual of ours has exactly one rdfs:label, one
  skos:definition and one skg:definitionSource;
- no two terms of one kind share a name (label, synonym or abbreviation);
- every external ID in a mapping was verified against a source file: it is listed in
  ``verified_ids.tsv`` (from the project's reference table) or ``extra_ids.tsv``, with its
  source, and exact matches never come from rows marked related or closest;
- the spine is complete and ordered, the header is complete;
- with the reasoner: HermiT finds it consistent with no unsatisfiable class, the committed
  ``spinekg-inferred.ttl`` is what HermiT infers now, and the ontology with the case graphs of the shipped
  reports is consistent too (a property's domain or range that case data breaks is found here).
"""

from __future__ import annotations

import csv
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
    problems = check_annotations(g) + check_names(g) + check_structure(g)
    map_problems, n_maps = check_mappings(g)
    problems += map_problems
    lex = lexicon()
    summary = [f"triples: {len(g)}"]
    for kind in KINDS:
        n = len(lex.of_kind(kind))
        if n:
            summary.append(f"{kind}: {n}")
    summary.append(f"external mappings: {n_maps} (all checked against the verified ID tables)")
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
