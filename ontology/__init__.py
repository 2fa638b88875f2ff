"""The spinekg ontology: the one vocabulary of the project.

The Turtle file ``spinekg.ttl`` beside this module is the hand-maintained source of truth;
``spinekg-inferred.ttl`` holds what HermiT infers from it (``spinekg ontology reason``).

>>> ONTOLOGY_IRI
'https://w3id.org/spinekg/ontology'
"""

from __future__ import annotations

import functools
from importlib import resources
from pathlib import Path
from typing import Any

import pyoxigraph as ox

BASE = "https://w3id.org/spinekg/"
ONTOLOGY_IRI = BASE + "ontology"
SKG = BASE + "ontology/"
INFERRED_GRAPH_IRI = BASE + "ontology/inferred-axioms"

PREFIXES: dict[str, str] = {
    "skg": SKG,
    "gene": BASE + "gene/",
    "marker": BASE + "marker/",
    "drug": BASE + "drug/",
    "fusion": BASE + "fusion/",
    "case": BASE + "case/",
    "report": BASE + "report/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "prov": "http://www.w3.org/ns/prov#",
    "obo": "http://purl.obolibrary.org/obo/",
}


def data_path(name: str) -> Path:
    """Path of a file shipped in this package (works installed or from a checkout)."""
    return Path(str(resources.files(__name__).joinpath(name)))


def ontology_path() -> Path:
    return data_path("spinekg.ttl")


def inferred_path() -> Path:
    return data_path("spinekg-inferred.ttl")


@functools.lru_cache(maxsize=1)
def fingerprint() -> str:
    """The owl:versionInfo and a digest of the shipped files: what a store records as the ontology it loaded.

    The digest changes with any edit, so a store refreshes its copy even where the versionInfo was not bumped.
    """
    import hashlib

    h = hashlib.sha256(ontology_path().read_bytes())
    if inferred_path().exists():
        h.update(inferred_path().read_bytes())
    return f"{version()}+{h.hexdigest()[:12]}"


@functools.lru_cache(maxsize=1)
def ontology_store() -> ox.Store:
    """An in-memory store: the ontology as asserted (default graph), its inferred axioms in a named graph."""
    store = ox.Store()
    store.load(path=str(ontology_path()), format=ox.RdfFormat.TURTLE)
    inf = inferred_path()
    if inf.exists():
        store.load(path=str(inf), format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(INFERRED_GRAPH_IRI))
    return store


@functools.lru_cache(maxsize=1)
def version() -> str:
    """The ontology's owl:versionInfo."""
    q = f"SELECT ?v WHERE {{ <{ONTOLOGY_IRI}> <http://www.w3.org/2002/07/owl#versionInfo> ?v }}"
    res: Any = ontology_store().query(q)
    for row in res:
        return str(row["v"].value)
    return "unversioned"
