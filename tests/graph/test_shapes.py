"""Case graphs against the SHACL shapes (ontology/shapes.ttl), checked with pySHACL: the whole store of the test
fixtures conforms, a graph that breaks a shape is named part by part, and a case whose graph would not fit is
refused at ingest with one line, writing nothing."""

import pyoxigraph as ox
import pytest
import rdflib
from spinekg.graph import EmbeddedStore
from spinekg.graph.shapes import oxigraph_triples, shapes_graph, violations

from spinekg.errors import RecordError
from spinekg.model import CaseRecord

SKG = rdflib.Namespace("https://w3id.org/spinekg/ontology/")
CASE = "https://w3id.org/spinekg/case/"


def test_the_shapes_parse_and_name_every_node_kind():
    g = shapes_graph()
    target = rdflib.URIRef("http://www.w3.org/ns/shacl#targetClass")
    targets = {str(o).rsplit("/", 1)[-1] for o in g.objects(None, target)}
    assert {"Case", "Patient", "Tumor", "IHCResult", "FusionFinding", "MutationFinding", "Intervention", "Outcome",
            "NeurologicalAssessment", "Complication", "RuledOutDiagnosis", "Evidence"} <= targets


def test_every_case_graph_of_the_fixture_store_conforms(store):
    quads = [q for q in store.store if isinstance(q.graph_name, ox.NamedNode) and "/case/" in q.graph_name.value]
    assert quads
    assert violations(oxigraph_triples(quads)) == []


def test_a_broken_graph_is_named_by_part_and_field():
    g = rdflib.Graph()
    case, patient = rdflib.URIRef(CASE + "x"), rdflib.URIRef(CASE + "x/patient")
    g.add((case, rdflib.RDF.type, SKG.Case))
    g.add((case, SKG.hasPatient, patient))
    g.add((patient, rdflib.RDF.type, SKG.Patient))
    g.add((patient, SKG.ageYears, rdflib.Literal(230)))
    got = violations(g)
    assert any(v.startswith("patient: ageYears:") for v in got), got
    assert any(v.startswith("case: caseId:") for v in got), got  # no caseId and no tumour
    assert any(v.startswith("case: hasTumor:") for v in got), got


def test_a_case_that_does_not_fit_is_refused_at_ingest_and_nothing_is_written(monkeypatch):
    from spinekg.graph import builder

    real = builder.build_case

    def with_two_ids(rec, lex=None):
        cq = real(rec, lex)
        cq.asserted.append(ox.Quad(ox.NamedNode(CASE + rec.id), ox.NamedNode(SKG.caseId), ox.Literal("another"),
                                   ox.NamedNode(cq.graph)))
        return cq

    monkeypatch.setattr(builder, "build_case", with_two_ids)
    st = EmbeddedStore(None)
    before = len(st.store)
    rec = CaseRecord.from_dict({"id": "two-ids", "document": "two.txt", "diagnosis": {"label": "chordoma"}},
                               document="two.txt")
    with pytest.raises(RecordError) as err:
        st.ingest([rec])
    assert str(err.value).startswith("two.txt: does not fit the case shapes: case: caseId:"), str(err.value)
    assert "\n" not in str(err.value)
    assert len(st.store) == before
