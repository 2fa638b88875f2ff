"""What the blind batch genomic6 showed, fixed in general (tests/data/genomic6: molecular reports of tumour kinds of the
spine at any site); each test is on text written for it, not on the batch's documents."""

from __future__ import annotations

import pytest
from extracting import categories, extract
from spinekg.ontology import ontology_path

pytestmark = pytest.mark.skipif(not ontology_path().exists(), reason="the ontology is not there yet")


def _fusions(record: dict) -> set[tuple[str, str]]:
    return {(g["gene5"], g["gene3"]) for g in record["genomic"] if g["kind"] == "fusion"}


def test_what_a_kind_of_tumour_has_is_no_patients_finding():
    r = extract("Case report\nA 60-year-old man had a thigh mass. Sequencing found a FUS-CREB3L1 fusion. In "
                "sclerosing epithelioid fibrosarcoma, MUC4 staining and an EWSR1-CREB3L1 fusion are the hallmarks. "
                "Alternative fusions, EWSR1-CREB3L2 and FUS-CREB3L2, have been reported occasionally.\n")
    assert _fusions(r) == {("FUS", "CREB3L1")}


def test_a_field_naming_what_a_test_looked_for():
    r = extract("Case report\nA 17-year-old boy had a synovial sarcoma of the thigh.\nRT-PCR\nPrimer sets: SYT-SSX1 "
                "and SYT-SSX2 (tested separately).\nResult: SYT-SSX1 fusion transcript PRESENT.\n")
    assert _fusions(r) == {("SS18", "SSX1")}


def test_a_blast_type_is_no_level():
    r = extract("Case report\nA 40-year-old woman had acute lymphoblastic leukaemia. Her white cell count was 359 x "
                "10^9/L, with blasts of FAB L2 morphology.\n")
    assert r["vertebrae"] == []


def test_a_slash_does_not_say_which_partner_is_five_prime():
    r = extract("Case report\nA 30-year-old woman had a myeloid sarcoma of the ileum. RT-PCR showed an MYH11/CBFB "
                "fusion.\n")
    assert _fusions(r) == {("CBFB", "MYH11")}


def test_patients_of_the_literature_told_one_by_one_after_they_are_cited():
    r = extract("Letter to the Editor\n\nA germline KIT D816V in a newborn girl with systemic mastocytosis\n\nWe draw "
                "attention to a newborn girl with systemic mastocytosis. Molecular testing confirmed KIT D816V.\n\n"
                "Two patients published in the Journal of Hematology had mastocytosis without any KIT mutation. One "
                "was a 49-year-old woman with itchy rashes. Her marrow showed mast cells positive for CD68.\n")
    assert r["patient"]["age_years"] != 49
    assert "CD68" not in {m["name"] for m in r["markers"]}


def test_a_cohorts_findings_are_not_the_patients():
    r = extract("Letter to the Editor\n\nA germline KIT D816V in a newborn girl\n\nWe draw attention to a newborn "
                "girl with systemic mastocytosis. Molecular testing confirmed KIT D816V.\n\nIn an Italian cohort of 36 "
                "children with mastocytosis, five novel variants were described: ETV6 A215P and SH2B3 G382D.\n")
    assert {g["gene"] for g in r["genomic"]} == {"KIT"}


def test_a_follow_up_addendum_after_the_boards_discussion_and_an_amputation():
    r = extract("Sarcoma tumour board - case note\nPatient: female, 31 years\nHistory\n- Age 10: spindle cell sarcoma "
                "of the hand, treated by amputation.\n\n3.\nDiscussion\nLarotrectinib is the usual choice.\n\n5.\n"
                "Follow-up addendum\nShe started larotrectinib and is still taking it.\n")
    assert categories(r) == ["surgery", "targeted_therapy"]


@pytest.mark.parametrize("said", [
    "Chemotherapy had no effect; resection proposed, not done. Larotrectinib was given.",
    "Near-total regression followed within 1 year, resection avoided.",
    "Larotrectinib was given. Surgery, whether a resection or an amputation of the foot, was avoided.",
])
def test_an_operation_not_done(said: str):
    r = extract("Case report\nA newborn had an infantile fibrosarcoma of the right foot. " + said + "\n")
    assert "surgery" not in categories(r)


@pytest.mark.parametrize("said", [
    "Gross total resection was achieved, so adjuvant radiotherapy was not needed.",
    "The resection spared the nerve roots.",
])
def test_an_operation_done_beside_another_not_needed(said: str):
    r = extract("Case report\nA 50-year-old man had a schwannoma at L3. " + said + "\n")
    assert categories(r) == ["surgery"]


def test_a_boards_discussion_under_two_headings_then_the_course():
    r = extract("Tumour board note\nPatient: 12-year-old boy\nHistory\nHe had a large B-cell lymphoma of the skull."
                "\n\n4. Question to the board\nWhich salvage strategy?\n\n5. Discussion\nALK inhibitors have been "
                "reported in this disease.\n\n6. Course as recorded\nAlectinib was given continuously.\n")
    assert categories(r) == ["targeted_therapy"]


def test_a_biopsy_confirming_the_tumour_back_after_years_free_of_it():
    r = extract("Case report\nA 31-year-old woman had had a sarcoma of the hand amputated at age 10. She then stayed "
                "on surveillance for over 20 years with no sign of recurrence. New skin nodules appeared, and biopsies "
                "of these nodules confirmed recurrent sarcoma.\n")
    assert r["outcome"]["recurrence"] is True
