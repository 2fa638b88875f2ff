"""What the blind batches series3 (v01-v06) and articles2 (w01-w12) showed, each on inline text written for this
test (never a sentence copied from a report)."""

from __future__ import annotations

import pytest
from extracting import categories, extract
from spinekg.loaders.extract.negation import status
from spinekg.loaders.extract.outcome import extract_outcome
from spinekg.loaders.extract.sentences import respective, segment
from spinekg.loaders.text import extract_text
from spinekg.ontology import ontology_path

pytestmark = pytest.mark.skipif(not ontology_path().exists(), reason="the ontology is not there yet")


def _records(text: str) -> list[dict]:
    return [r.to_dict() for r in extract_text(text, "series.txt")]


# --- a series told as a whole ---------------------------------------------------------------------------------------

WHOLE = ("Abstract\nTwo patients are reported with a schwannoma of the cauda equina.\nIntroduction\nSchwannomas are "
         "common.\nPatients\nBoth patients presented with sciatica. In every case the tumour could be removed "
         "totally, and histology showed a schwannoma in each. Patients 1 and 2 have been followed for 8 and 3 years, "
         "respectively, and none of them has shown a recurrence.\nDiscussion\nA 50-year-old woman with an L2 "
         "schwannoma was treated by others.")


def test_a_series_told_as_a_whole_gives_each_announced_patient_a_record():
    recs = _records(WHOLE)
    assert len(recs) == 2
    assert [r["diagnosis"]["label"] for r in recs] == ["schwannoma", "schwannoma"]
    assert [categories(r) for r in recs] == [["surgery"], ["surgery"]]
    assert [(r["outcome"]["follow_up_months"], r["outcome"]["recurrence"]) for r in recs] == [(96, False),
                                                                                               (36, False)]
    assert [r["patient"]["age_years"] for r in recs] == [None, None]  # the discussion's woman is nobody's


def test_a_series_whose_patients_are_told_one_by_one_without_parts_is_not_split():
    recs = _records("Case report\nWe report two patients. A 30-year-old man had a chordoma of C2. His 34-year-old "
                    "sister had a chordoma of the sacrum.")
    assert len(recs) == 1


def test_respectively_gives_each_patient_their_own_number():
    text = "They were followed for 13, 11 and 5 years, respectively, without recurrence."
    assert respective(text, [1, 2, 3], 2) == "They were followed for 11 years, without recurrence."
    assert respective(text, [1, 2], 2) is None  # three numbers for two patients: nobody's


def test_a_part_for_some_patients_of_a_series_is_theirs():
    recs = _records("Case 1\nA 25-year-old woman had an epidural angiolipoma at L3-L4 that was removed.\n"
                    "Cases 2 and 3\nThe two thoracic tumours were also epidural angiolipomas.")
    assert len(recs) == 3
    assert all(r["diagnosis"]["label"].endswith("angiolipoma") for r in recs)
    assert recs[0]["vertebrae"] == ["L3", "L4"] and recs[1]["vertebrae"] == [] and categories(recs[1]) == []


# --- assertions -----------------------------------------------------------------------------------------------------

def test_what_could_be_done_totally_was_done():
    text = "The tumour could be removed totally, and histology showed a schwannoma."
    assert status(text, text.index("removed"), text.index("removed") + 7) is None
    assert status(text, text.index("schwannoma"), text.index("schwannoma") + 10) is None
    other = "The tumour could be removed in a second stage."
    assert status(other, other.index("removed"), other.index("removed") + 7) == "proposed"


def test_none_of_them_recurred_is_no_recurrence():
    assert extract_outcome(["None of them has shown a recurrence."]).recurrence is False


def test_a_general_claim_about_a_treatment_is_no_treatment():
    r = extract("Case report\nA 40-year-old man had a hemangioendothelioma of T5 treated by kyphoplasty. Complete "
                "resection appears to be associated with a good outcome.")
    assert categories(r) == ["surgery"] and r["interventions"][0]["label"].lower().endswith("kyphoplasty")


def test_a_general_statement_of_an_entitys_stains_is_no_marker():
    r = extract("Abstract\nThe tumour cells of this entity characteristically stain for CD31 and ERG.\nCase report\n"
                "A 34-year-old man had a vascular tumour of T5.")
    assert r["markers"] == []


# --- structure ------------------------------------------------------------------------------------------------------

def test_a_clinical_discussion_is_a_discussion_and_its_presentation_part_no_case():
    doc = segment("Case report\nA 19-year-old man had an epidural mass at T6-T9 that was resected.\n"
                  "3. Clinical discussion\n3.1. Presentation and imaging\nA 40-year-old man had a C3 lesion.\n")
    assert [s.section for s in doc.sentences if "40-year-old" in s.text] == ["other"]


def test_the_rows_of_a_table_of_the_literature_are_never_the_patients():
    r = extract("Case report\nA 19-year-old man had an epidural mass at T6-T9 that was resected.\n"
                "Table 1. Reported spinal cases cited in this review\n"
                "Spine J 2014; 43/M; C5-C6 intradural; C5-C6 laminotomy, total resection; well at 18 months\n"
                "J Res 2012; M; D11-L2 extradural; D12-L2 laminectomy, then radiotherapy 50.4 Gy; not stated\n")
    assert r["vertebrae"] == ["T6", "T7", "T8", "T9"] and categories(r) == ["surgery"]


def test_a_clinical_discussion_label_in_an_abstract_ends_the_case():
    r = extract("Abstract\nCase presentation: A 19-year-old man had a mass at T7 that was resected. Clinical "
                "discussion: A biopsy is often mandatory for the diagnosis.")
    assert categories(r) == ["surgery"]


# --- events ---------------------------------------------------------------------------------------------------------

def test_an_open_operation_months_after_a_kyphoplasty_is_an_operation_of_its_own():
    r = extract("Case report\nA 34-year-old man had a lesion of T5. He underwent balloon kyphoplasty of T5. Three "
                "months later his gait worsened. He then underwent a posterior decompression with instrumentation "
                "from T3 to T7. At the visit three months after the second operation he was better. Pathology of the "
                "resected lesion showed a hemangioendothelioma.")
    assert categories(r) == ["surgery", "surgery"], r["interventions"]


# --- what molecular4 (z01-z10) and the rest of articles2 showed ----------------------------------------------------

def _genomic(record: dict) -> set[tuple]:
    return {(g["kind"], g.get("gene") or f"{g['gene5']}-{g['gene3']}", g.get("variant")) for g in record["genomic"]}


@pytest.mark.parametrize("heading", ["Board discussion", "Teaching points", "Why the case is instructive"])
def test_a_board_or_teaching_part_is_the_discussion(heading):
    doc = segment(f"Clinical summary\nA 4-year-old girl had a glioma of C3.\n{heading}\nA 7-year-old boy had a T4 "
                  "glioma treated with temozolomide.\n")
    assert [s.section for s in doc.sentences if "7-year-old" in s.text] == ["other"]


def test_the_rest_of_a_paragraph_about_another_patient_is_theirs():
    r = extract("Case report\nA 38-year-old man had an intradural Ewing sarcoma at L2. It was resected.\n"
                "- Smith and colleagues described a 40-year-old man with an epidural tumour at T5. He had gross total "
                "resection followed by chemoradiotherapy.\nIn this man no further treatment was given.")
    assert r["vertebrae"] == ["L2"] and [i["category"] for i in r["interventions"]] == ["surgery"]


def test_a_general_statement_of_what_most_tumours_carry_is_nobodys():
    r = extract("Case report\nA 4-year-old boy had a glioneuronal tumour at T8. Most tumours have MAPK activation, "
                "usually a KIAA1549-BRAF fusion.")
    assert _genomic(r) == set()


@pytest.mark.parametrize("sentence, gene", [
    ("FISH showed a MYC translocation.", "MYC"),
    ("Sequencing identified a gene fusion involving NTRK1.", "NTRK1"),
    ("An EWSR1 break-apart probe showed rearrangement of the EWSR1 locus.", "EWSR1"),
    ("FISH showed that the EWSR1 locus was rearranged.", "EWSR1"),
])
def test_a_gene_rearranged_with_an_unnamed_partner(sentence, gene):
    r = extract(f"Case report\nA 60-year-old man had a tumour of S1. {sentence}")
    assert any(g["kind"] == "fusion" and gene in (g["gene5"], g["gene3"]) for g in r["genomic"]), r["genomic"]


def test_a_deleted_chromosomal_region():
    r = extract("Case report\nA 5-year-old child had a pilocytic astrocytoma of C4. Array CGH showed a de novo "
                "deletion of 1.5 Mb at 22q11.21. The 22q11.2 deletion syndrome was not present.")
    assert _genomic(r) == {("deletion", "22q11.21", None)}


def test_a_variant_before_its_gene():
    r = extract("Case report\nA young adult had a hemangioblastoma of T6. Testing found the pathogenic variant "
                "c.340+1G>A in the *VHL* gene.")
    assert _genomic(r) == {("mutation", "VHL", "c.340+1G>A")}


def test_an_inconclusive_stain_is_no_result():
    r = extract("Case report\nA 3-year-old boy had a presacral mass at S2. The cells were positive for CD99. "
                "Synaptophysin staining was inconclusive.")
    assert [(m["name"], m["result"]) for m in r["markers"]] == [("CD99", "positive")]


def test_rather_than_excludes_only_its_own_object():
    text = "The BEND2 alteration, rather than MN1, may shape a subset of the astroblastomas."
    i = text.index("astroblastomas")
    assert status(text, i, i + 14, proposals=False) != "excluded"
    text = "It was a schwannoma rather than a meningioma."
    assert status(text, text.index("meningioma"), len(text) - 1, proposals=False) == "excluded"


def test_a_tumour_in_the_plural_in_a_general_sentence_of_the_case_is_no_diagnosis():
    r = extract("Case report\nA child had an oligodendroglioma of the spinal cord. Both genes act in a network that "
                "is frequently altered in paediatric gliomas.")
    assert r["diagnosis"]["label"] == "oligodendroglioma", r["diagnosis"]


def test_the_tumour_interpreted_as_a_recurrence_has_recurred():
    assert extract_outcome(["The findings were interpreted as recurrence of the pilocytic astrocytoma."]).recurrence


def test_a_cohorts_survival_rates_are_no_outcome():
    o = extract_outcome(["The 1- and 5-year progression-free survival rates were 75.0% and 18.8%, respectively."])
    assert (o.recurrence, o.follow_up_months) == (None, None)


def test_affiliations_are_no_case():
    r = extract("1Department of Orthopaedic Surgery, University Hospital\nCase report\nA 72-year-old man had a "
                "meningioma of C5 that was resected.")
    assert [i["category"] for i in r["interventions"]] == ["surgery"]
    assert all("Department" not in e["text"] for i in r["interventions"] for e in i["evidence"])


def test_an_operation_of_the_past_stays_apart_from_the_present_one():
    r = extract("Summary\nSeven years before the present admission he had undergone palliative surgery and posterior "
                "instrumentation for a tumour of C5. The tumour was resected through an anterior approach. After the "
                "operation his pain was relieved, and two years after surgery he remains well.\nIntroduction\n"
                "Meningiomas are common.\nCase report\nA 72-year-old man had neck pain. Seven years earlier he had "
                "undergone palliative surgery with posterior instrumentation for a tumour of C5. The tumour was "
                "resected through an anterior approach and fused with a strut graft. After the operation the pain "
                "was relieved.")
    assert [i["category"] for i in r["interventions"]] == ["surgery", "surgery"], r["interventions"]


def test_one_course_of_radiotherapy_whatever_its_planning_compared():
    r = extract("Case report\nA 50-year-old woman had an ependymoma of T12-S5 that was debulked. Both 3DCRT and IMRT "
                "plans were prepared. IMRT offered no advantage, and she received adjuvant radiotherapy to 54 Gy.")
    assert [i["category"] for i in r["interventions"]].count("radiotherapy") == 1


# --- what series4 (u01-u06) showed ---------------------------------------------------------------------------------

def test_a_table_of_our_patients_gives_each_row_to_its_patient():
    recs = _records("Our patients\nPatient | Age (years) / sex | Location | Histopathology\n"
                    "1 | 48 / male | sacrum, S1-S2 | solitary fibrous tumour\n"
                    "2 | 40 / female | sacrum | solitary fibrous tumour\n")
    assert [(r["patient"]["age_years"], r["patient"]["sex"]) for r in recs] == [(48, "male"), (40, "female")]
    assert recs[0]["vertebrae"] == ["S1", "S2"] and recs[1]["vertebrae"] == ["sacrum"]


def test_a_table_with_a_column_per_patient_gives_each_their_column():
    recs = _records("Case 1\nA 48-year-old man had a sacral solitary fibrous tumour.\nCase 2\nA 40-year-old woman had "
                    "one too.\nImmunohistochemistry\nAntibody | Patient 1 | Patient 2\nCD34 | positive | negative\n"
                    "STAT6 | positive | positive\n")
    got = [sorted((m["name"], m["result"]) for m in r["markers"]) for r in recs]
    assert got == [[("CD34", "positive"), ("STAT6", "positive")], [("CD34", "negative"), ("STAT6", "positive")]]


def test_children_of_a_series_told_one_after_another_by_their_order():
    recs = _records("Abstract\nThree children with a spinal meningioma were treated. The first child was admitted "
                    "with weakness; a gross total resection of a T4 tumour was done. The second child had a C2 tumour, "
                    "which was removed. The third child, a girl, had a tumour at L1 that recurred.")
    assert [r["vertebrae"] for r in recs] == [["T4"], ["C2"], ["L1"]]


def test_down_to_joins_a_range_and_sequences_are_no_levels():
    from spinekg.loaders.extract.levels import find_levels
    assert [m.levels for m in find_levels("a mass reaching from C1 down to C4")] == [["C1", "C2", "C3", "C4"]]
    assert find_levels("MRI: T2, fat-suppressed T2, post-contrast T1, DWI") == []


def test_a_progressive_symptom_starts_no_new_course():
    r = extract("Case report\nA 16-year-old boy had progressive tetraparesis from a C5 Ewing sarcoma. He received "
                "radiotherapy. The tumour was resected, followed by radiotherapy.")
    assert [i["category"] for i in r["interventions"]].count("radiotherapy") == 1


# --- what articles3 (r01-r12) and molecular5 (q01-q10) showed -------------------------------------------------------

@pytest.mark.parametrize("heading, section", [
    ("Case", "case"), ("Molecular findings in the patient", "case"), ("Why did FISH miss it?", "other"),
    ("Companion cases in the same series (for comparison, not this patient)", "other"),
    ("Other published spinal epidural Ewing sarcomas in children", "other")])
def test_headings_of_the_case_and_of_the_literature(heading, section):
    doc = segment(f"Introduction\nEwing sarcoma is rare.\n{heading}\nThe tumour carried a fusion.\n")
    assert [s.section for s in doc.sentences if s.text.startswith("The tumour")] == [section]


def test_a_negation_does_not_reach_past_a_verb_of_finding():
    text = ("The assay, which does not require the partner to be known, identified a fusion between exon 10 of "
            "EWSR1 and exon 8 of FLI1.")
    i = text.index("EWSR1")
    assert status(text, i, i + 5, proposals=False) is None
    text = "FISH did not detect the EWSR1 rearrangement."
    i = text.index("EWSR1")
    assert status(text, i, i + 5, proposals=False) == "negated"


def test_does_not_exclude_is_no_exclusion():
    text = "A negative FISH does not exclude Ewing sarcoma."
    i = text.index("Ewing")
    assert status(text, i, i + 13, proposals=False) != "excluded"


def test_fish_is_no_stain():
    r = extract("Case report\nA child had a small round cell tumour at T4. A negative EWSR1 FISH was reported.")
    assert r["markers"] == []


def test_a_mutation_at_a_codon_with_its_protein_change():
    r = extract("Case report\nA 2-year-old girl had a leptomeningeal melanoma. The tumour carried an NRAS mutation at "
                "codon 61, p.Gln61Lys (Q61K).")
    assert ("mutation", "NRAS", "Q61K") in {(g["kind"], g.get("gene"), g.get("variant")) for g in r["genomic"]}


def test_a_pathogenic_variant_in_a_gene_is_a_mutation():
    r = extract("Case report\nA 5-week-old infant had a spinal hamartoma with a germline pathogenic variant in "
                "DICER1.")
    assert {(g["kind"], g.get("gene")) for g in r["genomic"]} == {("mutation", "DICER1")}


def test_survival_estimates_are_no_outcome():
    assert extract_outcome(["The progression-free and overall survival estimates are given in Table 1."]
                           ).recurrence is None
