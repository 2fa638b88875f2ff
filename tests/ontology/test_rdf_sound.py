"""The RDF others load is sound: no class or property of the OWL/RDF(S) vocabularies is used as a predicate (the
reasoner's super-property loop once wrote 248 "?s owl:ObjectProperty ?o" triples), in the ontology, its inferred
axioms or a case graph."""

import rdflib
from rdflib.namespace import OWL, RDF, RDFS
from spinekg.ontology import inferred_path, ontology_path

#: vocabulary terms that name a kind of thing, never a relation
NOT_PREDICATES = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty, OWL.NamedIndividual,
                  OWL.Thing, OWL.Nothing, OWL.Ontology, OWL.Restriction, RDFS.Class, RDF.Property, RDFS.Resource,
                  RDFS.Literal, RDFS.Datatype}


def test_no_vocabulary_class_as_a_predicate_in_the_ontology_files():
    for path in (ontology_path(), inferred_path()):
        g = rdflib.Graph().parse(path)
        bad = {p for p in g.predicates() if p in NOT_PREDICATES}
        assert not bad, (path.name, bad)


def test_no_vocabulary_class_as_a_predicate_in_case_graphs(store):
    res = store.query("SELECT DISTINCT ?p WHERE { GRAPH ?g { ?s ?p ?o } }")
    preds = {str(row["p"]).strip("<>") for row in res.rows}
    assert not preds & {str(x) for x in NOT_PREDICATES}, preds & {str(x) for x in NOT_PREDICATES}
