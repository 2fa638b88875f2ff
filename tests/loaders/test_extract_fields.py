"""Every field of the case record from small inline reports (through the ontology lexicon)."""

from __future__ import annotations

import pytest
from spinekg.ontology import ontology_path

pytestmark = pytest.mark.skipif(not ontology_path().exists(), reason="the ontology is not there yet")


def one(text: str) -> dict:
    from spinekg.loaders.text import extract_text

    recs = extract_text(text, "case.txt")
    assert len(recs) == 1
    return recs[0].to_dict()


def markers(text: str) -> dict[str, tuple]:
    return {m["name"]: (m["result"], m["value_percent"]) for m in one("A 40-year-old man. " + text)["markers"]}


# patient ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "age", "sex"), [
    ("A 25-year-old female presented with pain.", 25, "female"),
    ("A fifty-two-year-old man presented with pain.", 52, "male"),
    ("The patient, aged 43, was a woman.", 43, "female"),
    ("A 20-month-old boy was brought in.", 1.67, "male"),
    ("A woman in her sixties presented with pain.", None, "female"),
    ("The patient presented with pain. She had no history of trauma.", None, "female"),
])
def test_patient(text, age, sex):
    p = one(text)["patient"]
    assert (p["age_years"], p["sex"]) == (age, sex)
    if age is not None:
        assert p["evidence"]


# diagnosis -------------------------------------------------------------------------------------
def test_final_diagnosis_after_an_inconclusive_biopsy():
    d = one("A 60-year-old woman had pain. A first biopsy was inconclusive and a chondrosarcoma was suspected. "
            "The final diagnosis was mesenchymal chondrosarcoma.")
    assert d["diagnosis"]["label"] == "mesenchymal chondrosarcoma"
    assert d["diagnosis"]["term"].endswith("MesenchymalChondrosarcoma")
    assert d["diagnosis"]["evidence"][0]["text"].startswith("The final diagnosis")


@pytest.mark.parametrize("cue", ["was ruled out", "was excluded", "was not supported"])
def test_ruled_out_is_never_the_diagnosis(cue):
    d = one(f"A 50-year-old man had pain. Schwannoma {cue}. The lesion was consistent with a meningioma.")
    assert d["diagnosis"]["label"] == "meningioma"
    assert d["ruled_out"] == ["Schwannoma"]


def test_rather_than_and_differential():
    d = one("A 50-year-old man had pain. The differential diagnosis included chordoma. Histology showed a "
            "chondrosarcoma rather than a chordoma.")
    assert d["diagnosis"]["label"] == "chondrosarcoma"
    assert "chordoma" in [x.lower() for x in d["ruled_out"]]


def test_diagnosis_label_is_the_texts_phrase_and_abbreviation_resolves():
    d = one("A 57-year-old man had a dumbbell tumour. The final diagnosis was solitary fibrous tumour (SFT). "
            "SFT was confirmed by STAT6 staining.")
    assert d["diagnosis"]["label"] == "solitary fibrous tumour"


def test_no_diagnosis_when_none_is_named():
    assert one("A 50-year-old man had back pain.")["diagnosis"]["label"] is None


# markers ---------------------------------------------------------------------------------------
def test_marker_lists_and_results():
    m = markers("Immunohistochemistry was positive for STAT6, CD34 and vimentin, and negative for desmin and "
                "SOX-10.")
    assert m == {"STAT6": ("positive", None), "CD34": ("positive", None), "vimentin": ("positive", None),
                 "desmin": ("negative", None), "SOX-10": ("negative", None)}


def test_marker_marks_and_percentages():
    m = markers("Immunostaining: S100(+), CD34-, EMA (-), Ki-67 ~40%.")
    assert m == {"S100": ("positive", None), "CD34": ("negative", None), "EMA": ("negative", None),
                 "Ki-67": ("positive", 40)}


def test_marker_qualifiers_and_indices():
    m = markers("The tumour showed partial positivity for S-100 and weak positivity for GFAP. "
                "The MIB-1 index of 5% was low. The Ki-67 labeling index was 12%.")
    assert m["S-100"] == ("positive", None) and m["GFAP"] == ("positive", None)
    assert m["MIB-1"] == ("positive", 5) or m.get("Ki-67") == ("positive", 12)


def test_unknown_token_in_a_marker_list_is_kept():
    m = markers("Results were negative for Demin and SOX-10.")
    assert m["SOX-10"] == ("negative", None)


def test_marker_after_the_list():
    m = markers("On immunohistochemistry CD34 and vimentin were diffusely positive, whereas no staining was "
                "obtained for cytokeratin or desmin.")
    assert m["cytokeratin"] == ("negative", None) and m["CD34"] == ("positive", None)


def test_genes_in_fusions_are_not_markers():
    assert "FLI1" not in markers("Genetic testing revealed an EWS-FLI1 chimera; cells stained positive for CD99.")


# genomic ---------------------------------------------------------------------------------------
def genomic(text: str) -> list[tuple]:
    return [(g["kind"], g.get("gene5"), g.get("gene3"), g.get("exon5"), g.get("exon3"), g.get("gene"),
             g.get("variant")) for g in one("A 40-year-old man. " + text)["genomic"]]


@pytest.mark.parametrize(("text", "expected"), [
    ("NGS identified a SPECC1L exon6-NTRK3 exon14 fusion.", ("fusion", "SPECC1L", "NTRK3", 6, 14, None, None)),
    ("RNA sequencing found a CIC::DUX4 fusion.", ("fusion", "CIC", "DUX4", None, None, None, None)),
    ("A fusion transcript in which NAB2 exon 6 was joined to STAT6 exon 16 was found.",
     ("fusion", "NAB2", "STAT6", 6, 16, None, None)),
    ("RT-PCR showed an EWS-FLI1 fusion transcript.", ("fusion", "EWSR1", "FLI1", None, None, None, None)),
    ("Sequencing showed a fusion of HEY1 with NCOA2.", ("fusion", "HEY1", "NCOA2", None, None, None, None)),
    ("The tumour carried the H3F3A G34W mutation.", ("mutation", None, None, None, None, "H3-3A", "G34W")),
    ("IDH1 R132H mutation was detected.", ("mutation", None, None, None, None, "IDH1", "R132H")),
    ("FISH showed MDM2 amplification.", ("amplification", None, None, None, None, "MDM2", None)),
    # a partner unnamed: the fusion of the one named gene, on its side (NTRK3 is a 3' partner)
    ("An NTRK3 gene rearrangement was found.", ("fusion", None, "NTRK3", None, None, None, None)),
])
def test_genomic(text, expected):
    assert genomic(text) == [expected]


@pytest.mark.parametrize("text", ["There was no EWSR1 rearrangement.", "FISH was negative for MDM2 amplification."])
def test_no_genomic_finding(text):
    assert genomic(text) == []


# interventions ---------------------------------------------------------------------------------
def interventions(text: str) -> list[dict]:
    return one("A 40-year-old woman had a chordoma of L2. " + text)["interventions"]


def test_proposed_treatment_is_not_a_treatment():
    iv = interventions("The patient might benefit from entrectinib and larotrectinib. Radiotherapy was "
                       "recommended but declined.")
    assert iv == []


def test_drugs_regimens_doses_cycles():
    iv = interventions("She received two cycles of doxorubicin/ifosfamide chemotherapy, then entrectinib "
                       "(600 mg QD) and radiotherapy of 50.4 Gy in 28 fractions.")
    by = {i["category"]: i for i in iv}
    assert sorted(by["chemotherapy"]["agents"]) == ["doxorubicin", "ifosfamide"]
    assert by["chemotherapy"]["cycles"] == 2
    assert by["targeted_therapy"]["agents"] == ["entrectinib"]
    assert by["targeted_therapy"]["dose"] == "600 mg once daily"
    assert (by["radiotherapy"]["dose_gy"], by["radiotherapy"]["fractions"]) == (50.4, 28)


def test_regimen_agents_from_the_ontology():
    iv = interventions("He received six cycles of R-CHOP.")
    assert {"rituximab", "cyclophosphamide", "doxorubicin", "vincristine"} <= set(iv[0]["agents"])
    assert iv[0]["cycles"] == 6


def test_procedure_labels_and_mentions_merge():
    iv = interventions("An initial CT-guided biopsy was inconclusive, so an open transpedicular biopsy was done. "
                       "A total en bloc spondylectomy (TES) was performed. TES took 9 hours.")
    labels = sorted((i["category"], i["label"]) for i in iv)
    assert labels == [("biopsy", "CT-guided biopsy"), ("biopsy", "open transpedicular biopsy"),
                      ("surgery", "total en bloc spondylectomy")]


def test_participles_name_procedures():
    iv = interventions("The tumour was totally resected.")
    assert [(i["category"], i["label"]) for i in iv] == [("surgery", "total resection")]


def test_surgery_levels():
    iv = interventions("She underwent a L1-L3 laminectomy.")
    assert iv[0]["levels"] == ["L1", "L2", "L3"]


# vertebrae -------------------------------------------------------------------------------------
def test_vertebrae_and_their_evidence():
    d = one("A 30-year-old man. MRI showed a lytic lesion of the eleventh thoracic vertebra extending to T12. "
            "Pedicle screw fixation from T9 to L2 was performed.")
    assert d["vertebrae"] == ["T11", "T12"]
    assert all(v["evidence"] for v in d["details"]["vertebrae"])


# outcome ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "expected"), [
    ("Close monitoring over five years revealed no signs of local recurrence or distant metastasis.",
     (60, False, False, "no evidence of disease")),
    ("At the 2-year follow-up she was disease-free.", (24, False, False, "no evidence of disease")),
    ("No tumour progression was observed over ten months.", (10, False, None, None)),
    ("Eight months after surgery, lung metastases developed and she died of disease.",
     (8, None, True, "died of disease")),
    ("The patient was discharged 1 month postoperatively.", (None, None, None, None)),
])
def test_outcome(text, expected):
    o = one("A 40-year-old woman had a chordoma. " + text)["outcome"]
    assert (o["follow_up_months"], o["recurrence"], o["metastasis"], o["status"]) == expected


# small findings and source ---------------------------------------------------------------------
def test_imaging_symptoms_size_compartment_source():
    d = one("Title: A case\nDOI-LINK: 10.1016/j.ijscr.2017.08.045\nPublished: 2017-01-01\n\n"
            "A 40-year-old woman had low back pain. MRI showed an intradural extramedullary mass of "
            "2.7 x 1.1 x 1.6 cm; digital subtraction angiography was not performed.")
    assert d["imaging"] == ["MRI"]
    assert "low back pain" in d["symptoms"]
    assert d["size_cm"] == 2.7
    assert d["compartment"] == "intradural extramedullary"
    assert (d["source"]["doi"], d["source"]["year"]) == ("10.1016/j.ijscr.2017.08.045", 2017)
