"""The ontology's external mappings as an SSSOM mapping set (TSV with a YAML metadata block).

The file is generated from the ontology (``spinekg ontology sssom`` / ``spinekg export --format
sssom``); ``ontology/spinekg.sssom.tsv`` is the committed copy, checked current by a test.
"""

from __future__ import annotations

import csv
from typing import IO

import yaml
from spinekg.ontology import ONTOLOGY_IRI, PREFIXES, ontology_store, version
from spinekg.ontology.check import EXTERNAL

PREDICATES = {
    "http://www.w3.org/2004/02/skos/core#exactMatch": "skos:exactMatch",
    "http://www.w3.org/2004/02/skos/core#closeMatch": "skos:closeMatch",
    "http://www.w3.org/2004/02/skos/core#relatedMatch": "skos:relatedMatch",
    "http://www.w3.org/2004/02/skos/core#broadMatch": "skos:broadMatch",
    "http://www.w3.org/2004/02/skos/core#narrowMatch": "skos:narrowMatch",
}
COLUMNS = ["subject_id", "subject_label", "predicate_id", "object_id", "object_label", "mapping_justification",
           "author_label", "comment"]

_Q = (
    "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
    "SELECT ?s ?label ?p ?o WHERE {\n"
    "  VALUES ?p { " + " ".join(f"<{p}>" for p in PREDICATES) + " }\n"
    "  ?s ?p ?o . OPTIONAL { ?s rdfs:label ?label }\n"
    "} ORDER BY ?s ?p ?o\n"
)


def _curie(iri: str) -> str:
    for p, ns in PREFIXES.items():
        if iri.startswith(ns) and p in ("skg", "gene", "marker", "drug", "fusion"):
            return f"{p}:{iri[len(ns):]}"
    return EXTERNAL.compress(iri) or iri


def mappings() -> list[dict[str, str]]:
    from spinekg.ontology.check import verified_ids

    ver = verified_ids()
    rows = []
    for r in ontology_store().query(_Q):
        obj = _curie(r["o"].value)
        rows.append({
            "subject_id": _curie(r["s"].value),
            "subject_label": r["label"].value if r["label"] is not None else "",
            "predicate_id": PREDICATES[r["p"].value],
            "object_id": obj,
            "object_label": ver.get(obj, {}).get("label", ""),
            "mapping_justification": "semapv:ManualMappingCuration",
            "author_label": "spinekg contributors",
            "comment": ("verified in " + ver[obj]["source"])[:300] if obj in ver else "",
        })
    return rows


def write_sssom(out: IO[str]) -> int:
    """Write the mapping set; returns the number of mappings."""
    curie_map = {p: ns for p, ns in PREFIXES.items() if p in ("skg", "gene", "marker", "drug", "fusion", "skos")}
    curie_map.update({p: ns for p, ns in EXTERNAL.prefix_map.items()})
    curie_map["semapv"] = "https://w3id.org/semapv/vocab/"
    meta = {
        "mapping_set_id": ONTOLOGY_IRI + "/mappings.sssom.tsv",
        "mapping_set_version": version(),
        "mapping_set_title": "spinekg ontology mappings to NCIt, MONDO, UBERON, HGNC, HPO, ChEBI, SO and others",
        "license": "https://creativecommons.org/licenses/by/4.0/",
        "subject_source": ONTOLOGY_IRI,
        "curie_map": curie_map,
    }
    for line in yaml.safe_dump(meta, sort_keys=False, allow_unicode=True).splitlines():
        out.write(f"#{line}\n")
    rows = mappings()
    w = csv.DictWriter(out, fieldnames=COLUMNS, delimiter="\t", lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
    return len(rows)
