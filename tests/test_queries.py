"""Every query of the library, with its expected answer on the fixture cases."""

import pytest

from spinekg import queries
from spinekg.model import CaseRecord


def run(store, name, **params):
    q = queries.get(name)
    return store.query(q.sparql, q.bindings(params))


def case_ids(result):
    return sorted(r["case"].value.rsplit("/", 1)[1] for r in result.rows)


def test_every_query_has_a_header_and_parses(store):
    lib = queries.library()
    assert len(lib) >= 12
    for q in lib.values():
        assert q.title and q.title != q.name, q.name
        assert q.description, q.name
        if "SERVICE" in q.sparql:
            continue  # federated: needs the external endpoint (tests/graph/test_remote.py)
        store.query(q.sparql, q.bindings())  # runs with its defaults


def test_every_query_is_tested():
    tested = {n for n in globals() if n.startswith("test_")}
    for name in queries.library():
        assert f"test_{name.replace('-', '_')}" in tested, f"no test for query {name}"


def test_cases_by_tumor_type(store):
    res = run(store, "cases-by-tumor-type", type="skg:Chondrosarcoma")
    assert case_ids(res) == ["dev-005", "dev-012"]
    types = {r["case"].value.rsplit("/", 1)[1]: r["tumorType"].value.rsplit("/", 1)[1] for r in res.rows}
    assert types["dev-012"] == "MesenchymalChondrosarcoma"
    sft = run(store, "cases-by-tumor-type", type="skg:SolitaryFibrousTumor")
    assert case_ids(sft) == ["dev-001", "dev-013", "dev-016", "dev-017"]
    everything = run(store, "cases-by-tumor-type", type="skg:Neoplasm")
    assert len(case_ids(everything)) == 19


def test_cases_at_level(store):
    direct = run(store, "cases-at-level", level="skg:T11", adjacent="false")
    assert case_ids(direct) == ["000_921a4fa1c48c7696", "004_1432f32da3d2dc29", "dev-005", "dev-006"]
    near = run(store, "cases-at-level", level="skg:T4", adjacent="true")
    assert case_ids(near) == ["dev-012", "dev-013", "dev-015"]
    assert all(r["direct"].value == "false" for r in near.rows)
    across = run(store, "cases-at-level", level="skg:L1", adjacent="true")
    # T12 (dev-006, 004) is L1's cranial neighbour across the thoracolumbar junction
    assert {"dev-006", "004_1432f32da3d2dc29", "dev-008"} <= set(case_ids(across))


def test_cases_by_region(store):
    res = run(store, "cases-by-region", region="skg:ThoracicSpine")
    assert len(res.rows) == 9
    sacral = run(store, "cases-by-region", region="skg:SacralSpine")
    assert case_ids(sacral) == ["dev-008", "dev-011"]


def test_fusions_by_gene(store):
    res = run(store, "fusions-by-gene", gene="gene:NTRK3")
    assert case_ids(res) == ["004_1432f32da3d2dc29"]
    row = res.rows[0]
    assert (row["exon5"].value, row["exon3"].value) == ("6", "14")
    assert set(row["drugs"].value.split(", ")) == {"doxorubicin", "ifosfamide", "entrectinib"}
    # either partner finds the fusion
    assert case_ids(run(store, "fusions-by-gene", gene="gene:NAB2")) == ["dev-001"]
    assert case_ids(run(store, "fusions-by-gene", gene="gene:STAT6")) == ["dev-001"]


def test_ihc_profile(store):
    res = run(store, "ihc-profile", type="skg:SolitaryFibrousTumor")
    by_marker = {r["markerLabel"].value: (int(r["positive"].value), int(r["negative"].value)) for r in res.rows}
    assert by_marker["CD34"] == (4, 0)
    assert by_marker["S100"] == (0, 2)


def test_treatments_by_tumor_type(store):
    res = run(store, "treatments-by-tumor-type", type="skg:GiantCellTumorOfBone")
    cats = {r["category"].value for r in res.rows}
    assert cats == {"surgery", "targeted_therapy"}
    drugs = {r["drugs"].value for r in res.rows if "drugs" in r}
    assert "denosumab" in drugs


def test_outcomes_by_tumor_type(store):
    res = run(store, "outcomes-by-tumor-type")
    rows = {r["label"].value: r for r in res.rows}
    sft = next(v for k, v in rows.items() if k.lower().startswith("solitary fibrous"))
    assert int(sft["cases"].value) == 4
    assert int(sft["withFollowUp"].value) == 1
    total = sum(int(r["cases"].value) for r in res.rows)
    assert total == 19


def test_en_bloc_vs_intralesional(store):
    res = run(store, "en-bloc-vs-intralesional")
    rows = {r["approach"].value: r for r in res.rows}
    en_bloc = rows["en bloc"]
    assert int(en_bloc["cases"].value) == 5  # 000, 004 and dev-006 (TES); dev-004 and dev-005 (en bloc excision)
    assert int(en_bloc["recurred"].value) == 1  # dev-006


def test_curation_gaps(store):
    res = run(store, "curation-gaps")
    gaps = {(r["case"].value.rsplit("/", 1)[1], r["gap"].value) for r in res.rows}
    assert ("dev-001", "no follow-up duration") in gaps
    assert ("000_921a4fa1c48c7696", "no follow-up duration") not in gaps
    assert not any(g == "no age" for _, g in gaps)


def test_external_ids(store):
    res = run(store, "external-ids", entity="skg:Chordoma")
    exact = {r["external"].value for r in res.rows if r["relation"].value == "exact"}
    assert "http://purl.obolibrary.org/obo/NCIT_C2947" in exact
    assert "http://purl.obolibrary.org/obo/MONDO_0008978" in exact
    t8 = run(store, "external-ids", entity="skg:T8")
    assert {r["external"].value for r in t8.rows} >= {"http://purl.obolibrary.org/obo/UBERON_0011050"}


def test_case_summary(store):
    res = run(store, "case-summary", case="case:dev-012")
    props = {(r["part"].value, r["property"].value.rsplit("/", 1)[1]) for r in res.rows}
    assert ("tumor", "locatedIn") in props
    assert ("patient", "ageYears") in props


def test_evidence(fresh_store):
    rec = CaseRecord.from_dict({
        "document": "ev.txt", "method": "text_mined",
        "patient": {"age_years": 25, "sex": "female",
                    "evidence": [{"text": "A 25-year-old female presented.", "start": 0, "end": 31}]},
        "markers": [{"name": "S100", "result": "positive",
                     "evidence": [{"text": "positive for S-100", "start": 40, "end": 58}]}],
    })
    fresh_store.ingest([rec])
    res = run(fresh_store, "evidence", case="case:ev")
    quotes = [(r["quote"].value, int(r["start"].value), r["method"].value) for r in res.rows]
    assert quotes[0] == ("A 25-year-old female presented.", 0, "text-mined")
    assert quotes[1][0] == "positive for S-100"


def test_cases_by_marker(store):
    res = run(store, "cases-by-marker", marker="marker:S100")
    got = {r["case"].value.rsplit("/", 1)[1]: r["result"].value for r in res.rows}
    assert got == {"004_1432f32da3d2dc29": "positive", "dev-013": "negative", "dev-014": "positive",
                   "dev-015": "negative", "dev-016": "negative"}


def test_cases_by_drug(store):
    res = run(store, "cases-by-drug", drug="drug:entrectinib")
    assert case_ids(res) == ["004_1432f32da3d2dc29"]
    assert res.rows[0]["dose"].value == "600 mg once daily"
    assert case_ids(run(store, "cases-by-drug", drug="drug:denosumab")) == ["dev-006"]


def test_tumor_types_with_cases(store):
    res = run(store, "tumor-types-with-cases")
    counts = {r["type"].value.rsplit("/", 1)[1]: int(r["cases"].value) for r in res.rows}
    assert counts["Neoplasm"] == 19
    assert counts["Chondrosarcoma"] == 2
    assert counts["SolitaryFibrousTumor"] == 4


def test_federated_gene_xrefs():
    """Federated: parses, and the SERVICE target is the ``endpoint`` parameter (run against a local
    stand-in endpoint in tests/graph/test_remote.py; no network here)."""
    import re

    from rdflib.plugins.sparql import prepareQuery
    from spinekg.ontology import PREFIXES

    q = queries.get("federated-gene-xrefs")
    prepareQuery(q.sparql, initNs=PREFIXES)
    assert re.search(r"SERVICE\s+\?endpoint\b", q.sparql)
    assert [p.name for p in q.params] == ["endpoint"]
    assert q.bindings()["endpoint"].startswith("https://")
    assert q.bindings({"endpoint": "http://127.0.0.1:1/sparql"}) == {"endpoint": "http://127.0.0.1:1/sparql"}


def test_unknown_parameter_is_refused():
    with pytest.raises(Exception, match="no parameter"):
        queries.get("cases-by-region").bindings({"regoin": "skg:ThoracicSpine"})


@pytest.mark.parametrize("name, params", [
    ("cases-by-tumor-type", {"type": "skg:Neoplasm"}), ("cases-by-region", {"region": "skg:ThoracicSpine"}),
    ("cases-by-region", {"region": "skg:SacralSpine"}), ("cases-at-level", {"level": "skg:T11", "adjacent": "true"})])
def test_levels_come_cranial_to_caudal(store, name, params):
    """A case's levels in anatomical order ("T9, T10, T11", never "T11, T10, T9"), each once."""
    from spinekg.levels import INDEX

    res = run(store, name, **params)
    several = 0
    for r in res.rows:
        levels = r["levels"].value.split(", ")
        key = [INDEX["S1"] - 0.5 if lv == "sacrum" else INDEX.get(lv.lower() if lv == "Coccyx" else lv, -1)
               for lv in levels]
        assert key == sorted(key) and len(set(levels)) == len(levels), (r["case"].value, levels)
        several += len(levels) > 2
    assert several, "no case with three or more levels to check the order on"
