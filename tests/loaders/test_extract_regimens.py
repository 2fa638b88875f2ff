"""Lines of chemotherapy and the regimens that name them: a regimen's own drugs, a word of sequence between two lines,
regimens told as one line ("VDC alternating with IE") or as two ("VIDE induction ... VAI consolidation")."""

from __future__ import annotations

import pytest
from extracting import extract
from spinekg.ontology import ontology_path

pytestmark = pytest.mark.skipif(not ontology_path().exists(), reason="the ontology is not there yet")

LEAD = "A 14-year-old boy had an Ewing sarcoma of L3.\n"


def _lines(text: str) -> list[tuple[str, ...]]:
    return [tuple(sorted(i["agents"])) for i in extract(LEAD + text + "\n")["interventions"]
            if i["category"] == "chemotherapy"]


@pytest.mark.parametrize("sentence, lines", [
    ("He received VDC/IE and then irinotecan with temozolomide.",
     [("cyclophosphamide", "doxorubicin", "etoposide", "ifosfamide", "vincristine"), ("irinotecan", "temozolomide")]),
    ("He received VIDE induction followed by VAI consolidation.",
     [("doxorubicin", "etoposide", "ifosfamide", "vincristine"), ("dactinomycin", "ifosfamide", "vincristine")]),
    ("Cycles of VDC alternating with IE were given.",
     [("cyclophosphamide", "doxorubicin", "etoposide", "ifosfamide", "vincristine")]),
    ("He was given rituximab with hyper-CVAD.",
     [("cyclophosphamide", "dexamethasone", "doxorubicin", "rituximab", "vincristine")]),
    ("Six cycles of R-CHOP were followed by two cycles of high-dose methotrexate.",
     [("cyclophosphamide", "doxorubicin", "prednisone", "rituximab", "vincristine"), ("methotrexate",)]),
])
def test_lines_of_chemotherapy(sentence, lines):
    assert _lines(sentence) == lines


def test_two_regimens_listed_with_another_treatment_between_are_two_lines():
    lines = _lines("He was treated with VIDE induction, definitive radiotherapy and VAI consolidation.")
    assert len(lines) == 2


@pytest.mark.parametrize("name, agents", [
    ("VIDE", {"vincristine", "ifosfamide", "doxorubicin", "etoposide"}),
    ("BEP", {"bleomycin", "etoposide", "cisplatin"}),
    ("7+3 induction", {"cytarabine", "daunorubicin"}),
    ("carboplatin and paclitaxel", {"carboplatin", "paclitaxel"}),
    ("PCV", {"procarbazine", "lomustine", "vincristine"}),
    ("DA-EPOCH-R", {"etoposide", "prednisone", "vincristine", "cyclophosphamide", "doxorubicin", "rituximab"}),
])
def test_regimens_give_their_drugs(name, agents):
    (line,) = _lines(f"He received {name}.")
    assert set(line) == agents
