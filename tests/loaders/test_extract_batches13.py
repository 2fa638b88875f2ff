"""What the first run of the molecular13 batch showed, fixed in general (texts written for these tests, not the
batch's): a clinical follow-up part after a comment, a relapse the tissue shows, treatments not available or not
started, a metastasis' own outcome, exon-level changes beside a protein change, BCR::ABL1 junctions, staging marrows,
nerve-root levels, flow cytometry, a drug joined to a named regimen, central nervous system prophylaxis, an earlier
carcinoma's drugs, and the drugs of metastatic disease the ontology now names."""

from __future__ import annotations

import pytest
from extracting import extract
from spinekg.ontology import ontology_path

pytestmark = pytest.mark.skipif(not ontology_path().exists(), reason="the ontology is not there yet")


def _events(record: dict) -> list[tuple[str, tuple[str, ...]]]:
    return [(i["category"], tuple(i["agents"])) for i in record["interventions"]]


def test_a_clinical_follow_up_part_after_a_comment_is_the_patients():
    text = ("PATIENT: 70-year-old man\nCLINICAL HISTORY: Back pain; a lytic lesion of the L4 vertebral body.\n\n"
            "DIAGNOSIS\nDiffuse large B-cell lymphoma involving L4.\n\nCOMMENT\nPrimary bone lymphoma is rare.\n\n"
            "CLINICAL FOLLOW-UP (from the oncology record)\nTreatment: R-CHOP and radiotherapy to L4. Three years "
            "after the diagnosis a biopsy of a new renal mass showed recurrent lymphoma.\n")
    r = extract(text)
    assert [c for c, _ in _events(r)].count("chemotherapy") == 1 and ("radiotherapy", ()) in _events(r)
    assert r["outcome"]["recurrence"] is True


def test_a_numbered_treatment_part_of_the_discussion_is_not():
    text = ("A 45-year-old woman had an L3 schwannoma, which was resected.\n\n3 | DISCUSSION\nSchwannomas are "
            "benign.\n\n3.3 | Treatment and follow-up\nIncomplete removal is followed by radiotherapy in some "
            "series.\n")
    assert [c for c, _ in _events(extract(text))] == ["surgery"]


@pytest.mark.parametrize("sentence", [
    "A third-generation EGFR TKI, the class designed to inhibit T790M, was not available to her.",
    "Because the disease progressed slowly, BRAF inhibitor treatment was not started.",
])
def test_a_treatment_not_available_or_not_started_was_not_given(sentence):
    r = extract("A 43-year-old woman had a sacral metastasis of lung adenocarcinoma. " + sentence)
    assert all(c != "targeted_therapy" for c, _ in _events(r))


def test_a_spinal_metastasis_of_a_carcinoma_is_a_metastasis_of_the_disease():
    r = extract("A 43-year-old woman presented with a sacral mass, which proved to be a metastatic lung "
                "adenocarcinoma.")
    assert r["outcome"]["metastasis"] is True


def test_an_exon_level_change_beside_a_protein_change_of_the_same_gene():
    r = extract("A 43-year-old woman had a sacral metastasis of lung adenocarcinoma harbouring an EGFR exon 19 "
                "deletion and a concurrent EGFR T790M mutation.")
    assert sorted((g["gene"], g["variant"] or "") for g in r["genomic"]) == [("EGFR", ""), ("EGFR", "T790M")]


@pytest.mark.parametrize("junction, exons", [("e1a2", (1, 2)), ("b3a2", (14, 2)), ("e13a2", (13, 2))])
def test_a_bcr_abl1_junction_gives_the_exons(junction, exons):
    r = extract(f"A 60-year-old man had an L2 mass. RT-PCR detected the {junction} BCR-ABL1 fusion transcript.")
    (f,) = [g for g in r["genomic"] if g["kind"] == "fusion"]
    assert (f["gene5"], f["gene3"], f["exon5"], f["exon3"]) == ("BCR", "ABL1", *exons)


@pytest.mark.parametrize("sentence, biopsies", [
    ("A bone marrow aspirate showed an infiltrate of large tumour cells.", ["bone marrow aspirate"]),
    ("Bone marrow aspirates from both iliac crests were normal.", []),
    ("A PCR screen of the bone marrow aspirate detected no fusion.", []),
])
def test_a_marrow_is_a_biopsy_of_the_tumour_only_when_it_holds_it(sentence, biopsies):
    r = extract("A 13-year-old girl had an epidural mass at T9 and T10, which was resected through a laminectomy. "
                + sentence)
    assert [i["label"] for i in r["interventions"] if i["category"] == "biopsy"] == biopsies


def test_a_nerve_root_symptom_gives_no_level():
    r = extract("A 65-year-old man had a left-sided S1 sensory radiculopathy. MRI showed an intradural tumour at "
                "the conus medullaris at L1.")
    assert r["vertebrae"] == ["L1"]


def test_flow_cytometry_is_no_immunohistochemistry():
    r = extract("A 16-year-old boy had fractures of L1 and L5. Immunostaining of the marrow: desmin positive, CD61 "
                "negative.\nFlow cytometry: CD56 expressed; no other antigen detected.")
    assert sorted((m["name"], m["result"]) for m in r["markers"]) == [("CD61", "negative"), ("desmin", "positive")]


def test_a_drug_joined_to_a_regimen_and_a_prophylactic_intrathecal_line():
    r = extract("A 74-year-old man had a B-lymphoblastic lymphoma of L5. Treatment: rituximab with hyper-CVAD "
                "(cyclophosphamide, vincristine, doxorubicin and dexamethasone), dasatinib, and prophylactic "
                "intrathecal chemotherapy.")
    chemo = [a for c, a in _events(r) if c == "chemotherapy"]
    assert sorted(chemo) == [(), ("rituximab", "cyclophosphamide", "vincristine", "doxorubicin", "dexamethasone")]
    assert ("targeted_therapy", ("dasatinib",)) in _events(r)


def test_an_earlier_carcinomas_drug_is_another_diseases():
    text = ("A 56-year-old woman had an L4 epithelioid haemangioma, which was curetted. Six years earlier she had "
            "undergone lumpectomy for a breast carcinoma, followed by adjuvant tamoxifen.")
    assert all("tamoxifen" not in a for _, a in _events(extract(text)))


def test_the_drugs_of_metastatic_disease():
    r = extract("A 59-year-old man had an L2 metastasis of EGFR-mutant lung adenocarcinoma. He received osimertinib "
                "and then underwent surgery. A later bone metastasis of his prostate cancer was treated with "
                "leuprolide.")
    assert ("targeted_therapy", ("osimertinib",)) in _events(r)
    assert ("other_drug", ("leuprolide",)) in _events(r)
