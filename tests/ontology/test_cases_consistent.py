"""HermiT finds the ontology consistent together with case data: the shipped cases, and cases that once broke it
(a tumour given a region with the vertebra's skg:inRegion, a tumour in the sacrum as a whole, a sequence on an IHC
result with the intervention's domain, a document name on the case)."""

import shutil

import pytest
from spinekg.graph import EmbeddedStore
from spinekg.ontology.reason import case_triples, cases_consistent, shipped_case_triples

from spinekg.model import CaseRecord

pytestmark = pytest.mark.skipif(shutil.which("java") is None, reason="HermiT needs Java")


def _triples(records: list[CaseRecord]) -> bytes:
    st = EmbeddedStore(None)
    st.ingest(records)
    return case_triples(st)


def test_the_shipped_cases_are_consistent_with_the_ontology():
    assert cases_consistent(shipped_case_triples())


def test_a_sacral_intradural_round_cell_sarcoma_with_markers_and_treatment_is_consistent():
    rec = CaseRecord.from_dict({
        "id": "sacral", "document": "sacral.txt", "patient": {"age_years": 30, "sex": "female"},
        "diagnosis": {"label": "CIC-rearranged sarcoma"}, "vertebrae": ["sacrum", "L5"], "compartment": "intradural",
        "markers": [{"name": "CD99", "result": "positive"}, {"name": "WT1", "result": "positive"}],
        "genomic": [{"kind": "fusion", "gene5": "CIC", "gene3": "DUX4"}],
        "interventions": [{"category": "surgery", "label": "laminectomy"},
                          {"category": "chemotherapy", "agents": ["vincristine", "doxorubicin"]}],
        "outcome": {"follow_up_months": 12, "status": "alive with disease"}}, document="sacral.txt")
    assert cases_consistent(_triples([rec]))


def test_a_case_against_the_ontology_is_found(tmp_path):
    # a tumour asserted to be a vertebra's region member: skg:inRegion's domain makes it a vertebra
    bad = (b"<https://w3id.org/spinekg/case/x/tumor> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
           b"<https://w3id.org/spinekg/ontology/Tumor> .\n"
           b"<https://w3id.org/spinekg/case/x/tumor> <https://w3id.org/spinekg/ontology/inRegion> "
           b"<https://w3id.org/spinekg/ontology/LumbarSpine> .\n")
    assert not cases_consistent(bad)
