import pyoxigraph as ox
from spinekg.graph import EmbeddedStore, iris
from spinekg.graph.builder import build_case

from spinekg.model import CaseRecord

SKG = "https://w3id.org/spinekg/ontology/"


def dump(st: EmbeddedStore) -> list[str]:
    return sorted(str(q) for q in st.store)


def test_reingest_changes_nothing(records):
    st = EmbeddedStore(None)
    st.ingest(records)
    first = dump(st)
    st.ingest(records)
    assert dump(st) == first


def test_each_case_in_its_own_named_graph(store, records):
    graphs = {g.value for g in store.store.named_graphs()}
    for rec in records:
        assert iris.case_graph(rec.id) in graphs


def test_one_node_per_vertebra_gene_and_drug_across_cases(store):
    res = store.query("SELECT DISTINCT ?v WHERE { ?t skg:locatedIn ?v }")
    assert all(r["v"].value.startswith(SKG) for r in res.rows)
    t11 = store.query("SELECT (COUNT(DISTINCT ?t) AS ?n) WHERE { ?t skg:locatedIn skg:T11 }")
    assert int(t11.rows[0]["n"].value) == 4
    doxo = store.query(
        "SELECT (COUNT(DISTINCT ?case) AS ?n) WHERE { ?case skg:hasIntervention/skg:agent drug:doxorubicin }")
    assert int(doxo.rows[0]["n"].value) == 2  # the seed 004 and the R-CHOP case dev-008


def test_every_fact_is_linked_to_its_source(store):
    """Each fact sits in its case's named graph, whose provenance (report, method, extractor) is stated once."""
    res = store.query("""
        SELECT ?node WHERE {
          GRAPH ?g { ?case skg:hasTumor|skg:hasPatient|skg:hasOutcome|skg:hasIntervention ?node }
          FILTER NOT EXISTS { GRAPH ?g { ?g prov:wasDerivedFrom ?report ; skg:assertionMethod ?m ;
                                            skg:extractorVersion ?v } ?report a skg:CaseReport }
        }""")
    assert res.rows == []
    facts = store.query("""SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?g skg:hasIntervention ?node } }""")
    assert int(facts.rows[0]["n"].value) > 10


def test_provenance_is_stated_once_per_case_graph(store):
    """No fact or evidence node repeats what the case's graph says for all of them."""
    res = store.query("""
        SELECT ?g (COUNT(*) AS ?n) WHERE {
          GRAPH ?g { ?s prov:wasDerivedFrom|skg:assertionMethod|skg:extractorVersion ?o }
          FILTER(!STRENDS(STR(?g), "/inferred")) } GROUP BY ?g""")
    assert res.rows and all(int(r["n"].value) == 3 for r in res.rows)


def test_stable_iris_do_not_depend_on_order(records):
    a = build_case(records[0])
    b = build_case(records[0])
    assert sorted(map(str, a.all())) == sorted(map(str, b.all()))


def test_report_iri_from_doi(records):
    seed = next(r for r in records if r.id.startswith("000_"))
    q = build_case(seed)
    reports = {x.object.value for x in q.asserted if x.predicate.value == SKG + "reportedIn"}
    assert reports == {"https://w3id.org/spinekg/report/doi-10.1016-j.ijscr.2017.08.045"}


def test_inferred_triples_are_kept_apart(store):
    res = store.query("""
        SELECT ?g WHERE { GRAPH ?g { <https://w3id.org/spinekg/case/dev-012/tumor> a skg:Chondrosarcoma } }""")
    graphs = {r["g"].value for r in res.rows}
    assert graphs == {"https://w3id.org/spinekg/case/dev-012/inferred"}


def test_unknown_gene_is_minted_once(fresh_store):
    recs = [CaseRecord.from_dict({"document": f"{i}.txt", "genomic": [{"kind": "amplification", "gene": "ZZZ9"}]})
            for i in range(3)]
    report = fresh_store.ingest(recs)
    assert any("ZZZ9" in w for w in report.warnings)
    n = fresh_store.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { gene:ZZZ9 a skg:Gene } }")
    assert int(n.rows[0]["n"].value) == 1


def test_remove_case(fresh_store, records):
    fresh_store.ingest(records[:2])
    assert fresh_store.remove_case(records[0].id)
    assert fresh_store.case_ids() == [records[1].id]


def test_ontology_loaded_once_per_version(tmp_path):
    st = EmbeddedStore(tmp_path / "s")
    n = len(st.store)
    st.ensure_ontology()
    assert len(st.store) == n
    og = ox.NamedNode(iris.ONTOLOGY_GRAPH)
    assert st.store.contains_named_graph(og)


def test_inferred_graph_says_it_was_inferred(store):
    res = store.query("""
        SELECT ?m WHERE { GRAPH <https://w3id.org/spinekg/case/dev-001/inferred> {
          <https://w3id.org/spinekg/case/dev-001/inferred> skg:assertionMethod ?m } }""")
    assert [r["m"].value for r in res.rows] == [SKG + "Inferred"]


def test_fusion_finding_reaches_both_partner_genes(store):
    res = store.query("SELECT ?g WHERE { <https://w3id.org/spinekg/case/dev-001/genomic/1> skg:gene ?g } ORDER BY ?g")
    assert [r["g"].value.rsplit("/", 1)[1] for r in res.rows] == ["NAB2", "STAT6"]


def test_level_adjacency_holds_both_ways(store):
    for a, b in (("T11", "T12"), ("T12", "T11"), ("T12", "L1"), ("L1", "T12")):
        res = store.query(f"ASK {{ skg:{a} skg:adjacentTo skg:{b} }}")
        assert res.boolean, (a, b)


def test_gene_outside_the_ontology_links_to_its_hgnc_entry(fresh_store):
    """A gene the ontology does not model but HGNC approves (MSH2) is linked to HGNC, without a warning."""
    rec = CaseRecord.from_dict({"document": "m.txt",
                                "genomic": [{"kind": "mutation", "gene": "MSH2", "variant": "A636P"}]})
    report = fresh_store.ingest([rec])
    assert not any("MSH2" in w for w in report.warnings)
    res = fresh_store.query("SELECT ?m WHERE { GRAPH ?g { gene:MSH2 skos:exactMatch ?m } }")
    assert [r["m"].value for r in res.rows] == ["https://identifiers.org/hgnc:7325"]
