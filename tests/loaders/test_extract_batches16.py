"""What the first run of the molecular16 batch showed, fixed in general (texts written for these tests, not the
batch's): a poster's numbered panels as headings, a tumour the report calls metastatic, a fusion written with an
old symbol and a gene family, and a second tumour outside the spine said as firmly as the spinal one."""

from __future__ import annotations

import pytest
from extracting import extract
from spinekg.loaders.extract import furniture
from spinekg.loaders.extract.sentences import segment
from spinekg.ontology import ontology_path

pytestmark = pytest.mark.skipif(not ontology_path().exists(), reason="the ontology is not there yet")


def test_the_numbered_panels_of_a_poster_are_headings():
    text = ("PANEL 2 - THE PATIENT\n\n55-year-old woman with an L5 paraganglioma metastasis, resected.\n\n"
            "PANEL 6 - LEARNING POINTS\n\n - Radiotherapy of 30 Gy relieved the pain of such carriers.\n\n"
            "PANEL 7 - SIMILAR CASES FROM OTHER ENDOCRINE MEETINGS (for comparison; none is this patient)\n\n"
            " a) Smith & Jones (Endocrine Abstracts 28 P150):\n"
            "    - a 44-year-old woman with a femoral metastasis that was excised and embolised;\n")
    said = {s.text: s.section for s in segment(furniture.clean(text)).sentences}
    assert said["PANEL 6 - LEARNING POINTS"] == "other"
    assert said["PANEL 7 - SIMILAR CASES FROM OTHER ENDOCRINE MEETINGS (for comparison; none is this patient)"] \
        == "other"
    r = extract(text)
    assert [i["category"] for i in r["interventions"]] == ["surgery"]


def test_a_tumour_the_report_calls_metastatic_is_a_metastasis():
    r = extract("A 55-year-old woman with an SDHB mutation had a paraganglioma removed in 2010. In 2017 a "
                "DOTATATE-avid focus appeared at L5. The authors present the case as metastatic paraganglioma.")
    assert r["outcome"]["metastasis"] is True


def test_a_fusion_written_with_an_old_symbol_and_a_gene_family():
    r = extract("A 13-year-old girl had a synovial sarcoma from T11 to L4. FISH showed t(X;18)(p11.2;q11.2), "
                "which fuses the SYT gene with an SSX gene, giving a SYT-SSX fusion.")
    assert [(g["gene5"], g["gene3"]) for g in r["genomic"]] == [("SS18", "SSX")]


def test_the_spinal_tumour_of_a_patient_with_a_second_one_elsewhere():
    r = extract("A 23-year-old woman had cauda equina syndrome. A core needle biopsy of the lumbar lesion showed "
                "a small round blue cell tumour; NGS detected an EWSR1::FLI1 fusion, and the spinal lesion was "
                "diagnosed as Ewing sarcoma. She underwent decompression of L2. MRI then showed a mass in the right "
                "distal femur; a biopsy of the femoral mass was diagnosed as low-grade central osteosarcoma. "
                "The spinal Ewing sarcoma and the femoral low-grade central osteosarcoma were synchronous.")
    assert r["diagnosis"]["term"].endswith("/EwingSarcoma")


def test_lettered_items_of_a_list_of_other_patients():
    r = extract("A 55-year-old woman had an L5 paraganglioma metastasis, resected.\n\n"
                # (a heading and the first item's label run together, as a PDF's text layer may give them)
                "SIMILAR CASES (for comparison; none is this patient) a) Smith & Jones (Abstracts 28 P150):\n"
                "- a 44-year-old woman with a femoral metastasis had it excised.\n"
                "b) A D10 fracture in another woman was treated with 30 Gy of radiotherapy and kyphoplasty.\n")
    assert [i["category"] for i in r["interventions"]] == ["surgery"]
    assert r["vertebrae"] == ["L5"]
