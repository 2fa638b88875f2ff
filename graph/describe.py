"""Descriptions of the dataset and the service: VoID (HCLS profile) and SPARQL service description.

VoID statistics are computed from the store by SPARQL, so they always match what it holds.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import rdflib
from rdflib.namespace import DCTERMS, RDF, XSD, Namespace
from spinekg.ontology import BASE, ONTOLOGY_IRI, version

from spinekg import __version__

VOID = Namespace("http://rdfs.org/ns/void#")
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
PAV = Namespace("http://purl.org/pav/")
FORMATS = Namespace("http://www.w3.org/ns/formats/")
DATASET = rdflib.URIRef(BASE + "dataset")
VOID_GRAPH = BASE + "graph/void"

#: External ontologies whose terms the graph links to, by namespace.
LINK_TARGETS = {
    "NCIT": "http://purl.obolibrary.org/obo/NCIT_",
    "MONDO": "http://purl.obolibrary.org/obo/MONDO_",
    "DOID": "http://purl.obolibrary.org/obo/DOID_",
    "UBERON": "http://purl.obolibrary.org/obo/UBERON_",
    "HP": "http://purl.obolibrary.org/obo/HP_",
    "SO": "http://purl.obolibrary.org/obo/SO_",
    "CHEBI": "http://purl.obolibrary.org/obo/CHEBI_",
    "MAXO": "http://purl.obolibrary.org/obo/MAXO_",
    "HGNC": "https://identifiers.org/hgnc:",
    "DRUGBANK": "https://identifiers.org/drugbank:",
    "ORPHANET": "http://www.orpha.net/ORDO/Orphanet_",
}


def _count(store: Any, sparql: str) -> int:
    rows = store.query(sparql).rows
    return int(rows[0]["n"].value) if rows and "n" in rows[0] else 0


def void_graph(store: Any, *, endpoint: str | None = None, dump: str | None = None) -> rdflib.Graph:
    """The VoID description of the store's dataset (HCLS statistics), as an rdflib Graph."""
    g = rdflib.Graph()
    g.bind("void", VOID)
    g.bind("dcterms", DCTERMS)
    g.bind("pav", PAV)
    d = DATASET
    g.add((d, RDF.type, VOID.Dataset))
    g.add((d, DCTERMS.title, rdflib.Literal("spinekg: a knowledge graph of rare spinal tumors", lang="en")))
    g.add((d, DCTERMS.description, rdflib.Literal(
        "Case records of rare spinal tumors from published case reports, with provenance per fact and links "
        "to NCIt, UBERON, HGNC, HPO, MONDO, ChEBI and SO.", lang="en")))
    g.add((d, DCTERMS.license, rdflib.URIRef("https://creativecommons.org/licenses/by/4.0/")))
    g.add((d, DCTERMS.publisher, rdflib.Literal("spinekg contributors")))
    g.add((d, DCTERMS.issued, rdflib.Literal(date.today().isoformat(), datatype=XSD.date)))
    g.add((d, PAV.version, rdflib.Literal(f"{__version__}+ontology-{version()}")))
    g.add((d, PAV.createdWith, rdflib.Literal(f"spinekg {__version__}")))
    g.add((d, VOID.uriSpace, rdflib.Literal(BASE)))
    g.add((d, VOID.vocabulary, rdflib.URIRef(ONTOLOGY_IRI)))
    g.add((d, DCTERMS.conformsTo, rdflib.URIRef(ONTOLOGY_IRI)))
    g.add((d, DCTERMS.conformsTo, rdflib.URIRef(BASE + "shapes")))  # the SHACL shapes of its case graphs
    if endpoint:
        g.add((d, VOID.sparqlEndpoint, rdflib.URIRef(endpoint)))
    if dump:
        g.add((d, VOID.dataDump, rdflib.URIRef(dump)))
    stats = {
        VOID.triples: "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
        VOID.distinctSubjects: "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s ?p ?o }",
        VOID.distinctObjects: "SELECT (COUNT(DISTINCT ?o) AS ?n) WHERE { ?s ?p ?o }",
        VOID.properties: "SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?s ?p ?o }",
        VOID.classes: "SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?s a ?c }",
        VOID.entities: "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?c }",
    }
    for prop, q in stats.items():
        g.add((d, prop, rdflib.Literal(_count(store, q), datatype=XSD.integer)))
    n_cases = _count(store, "SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?c a skg:Case }")
    g.add((d, rdflib.URIRef(BASE + "ontology/caseCount"), rdflib.Literal(n_cases, datatype=XSD.integer)))
    for i, row in enumerate(store.query(
            "SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?c } GROUP BY ?c ORDER BY ?c").rows):
        part = rdflib.URIRef(f"{BASE}dataset/class/{i}")
        g.add((d, VOID.classPartition, part))
        g.add((part, VOID["class"], rdflib.URIRef(row["c"].value)))
        g.add((part, VOID.entities, rdflib.Literal(int(row["n"].value), datatype=XSD.integer)))
    for i, row in enumerate(store.query(
            "SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p ORDER BY ?p").rows):
        part = rdflib.URIRef(f"{BASE}dataset/property/{i}")
        g.add((d, VOID.propertyPartition, part))
        g.add((part, VOID.property, rdflib.URIRef(row["p"].value)))
        g.add((part, VOID.triples, rdflib.Literal(int(row["n"].value), datatype=XSD.integer)))
    for name, ns in LINK_TARGETS.items():
        n = _count(store, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o . FILTER(?p IN (skos:exactMatch, skos:closeMatch) "
                          f'&& STRSTARTS(STR(?o), "{ns}")) }}')
        if n:
            ls = rdflib.URIRef(f"{BASE}dataset/links/{name}")
            g.add((d, VOID.subset, ls))
            g.add((ls, RDF.type, VOID.Linkset))
            g.add((ls, VOID.subjectsTarget, d))
            g.add((ls, VOID.objectsTarget, rdflib.URIRef(f"{BASE}dataset/external/{name}")))
            g.add((ls, VOID.target, rdflib.URIRef(f"{BASE}dataset/external/{name}")))
            g.add((rdflib.URIRef(f"{BASE}dataset/external/{name}"), VOID.uriSpace, rdflib.Literal(ns)))
            g.add((ls, VOID.triples, rdflib.Literal(n, datatype=XSD.integer)))
    return g


def service_description_graph(endpoint: str) -> rdflib.Graph:
    """A SPARQL 1.1 service description of the endpoint."""
    g = rdflib.Graph()
    g.bind("sd", SD)
    g.bind("void", VOID)
    s = rdflib.URIRef(endpoint)
    g.add((s, RDF.type, SD.Service))
    g.add((s, SD.endpoint, s))
    g.add((s, SD.supportedLanguage, SD.SPARQL11Query))
    for fmt in ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV",
                "Turtle", "N-Triples", "JSON-LD", "RDF_XML"):
        g.add((s, SD.resultFormat, FORMATS[fmt]))
    g.add((s, SD.feature, SD.UnionDefaultGraph))
    g.add((s, SD.feature, SD.BasicFederatedQuery))
    ds = rdflib.BNode()
    g.add((s, SD.defaultDataset, ds))
    g.add((ds, RDF.type, SD.Dataset))
    dg = rdflib.BNode()
    g.add((ds, SD.defaultGraph, dg))
    g.add((dg, RDF.type, SD.Graph))
    g.add((dg, RDF.type, VOID.Dataset))
    g.add((dg, rdflib.RDFS.seeAlso, rdflib.URIRef(endpoint.rsplit("/sparql", 1)[0] + "/.well-known/void")))
    return g

