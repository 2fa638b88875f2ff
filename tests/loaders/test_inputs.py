"""Every input format, sniffed from content, and the ways a file can be bad."""

from pathlib import Path

import pytest
from spinekg.loaders import detect, load_path
from spinekg.loaders.base import MAX_BYTES

from spinekg.errors import InputFormatError

DATA = Path(__file__).parents[1] / "data"
REPORT = ("A 45-year-old woman presented with back pain. MRI showed a lytic lesion of the T9 vertebral body. "
          "Biopsy revealed a giant cell tumor of bone. She underwent total en bloc spondylectomy and remained "
          "free of recurrence at 24 months.\n")


def test_pubmed_xml_metadata_and_abstract():
    res = load_path(DATA / "inputs" / "pubmed-sample.xml")
    (rec,) = res.records
    assert rec.source.pmid == "99999901" and rec.source.doi == "10.9999/jisc.2021.001"
    assert rec.source.year == 2021 and rec.source.authors == ("Ana Example", "Ben Sample")
    assert rec.source.journal == "Journal of Illustrative Spine Cases"
    assert rec.document == "pubmed-sample.xml"
    assert "C2" in rec.vertebrae
    assert rec.patient.age_years == 58 and rec.patient.sex == "male"


def test_jats_xml_case_sections():
    (rec,) = load_path(DATA / "inputs" / "jats-sample.xml").records
    assert rec.source.pmcid == "PMC9999902" and rec.source.doi == "10.9999/isr.2022.7"
    assert rec.vertebrae == ("L3",)
    assert rec.patient.age_years == 34
    quotes = " ".join(s.text for s in rec.patient.evidence)
    assert "34-year-old" in quotes


def test_sniffing_ignores_the_extension(tmp_path):
    p = tmp_path / "report.dat"
    p.write_bytes((DATA / "inputs" / "jats-sample.xml").read_bytes())
    assert detect(p, p.read_bytes()[:4096]).name == "jats"


@pytest.mark.parametrize("head, kind", [
    ("[Authors as listed in the original]  Journal of Medical Case Reports (2019)\nCase report\n", "text"),
    ("{Draft} A 40-year-old man had a chordoma.", "text"),
    ('[{"id": "x"}]', "json"), ('{"id": "x"}', "json"), ("[\n  {", "json"), ("[]", "json")])
def test_a_text_opening_with_a_bracket_is_text(tmp_path, head, kind):
    # a report copied from a PDF may open with a bracketed running head: no JSON sniffer may claim it
    p = tmp_path / "report.txt"
    p.write_text(head, encoding="utf-8")
    assert detect(p, p.read_bytes()[:4096]).name == kind


BOMB = """<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<article article-type="case-report"><front><article-meta/></front><body><p>&lol3;</p></body></article>
"""


@pytest.mark.parametrize("name, text", [
    ("bomb.xml", BOMB),
    ("external.xml", '<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
                     '<article article-type="case-report"><front/><body><p>&x;</p></body></article>'),
    ("malformed.xml", '<?xml version="1.0"?><article article-type="case-report"><front><body></article>'),
])
def test_hostile_or_malformed_xml_is_refused(tmp_path, name, text):
    p = tmp_path / name
    p.write_text(text)
    with pytest.raises(InputFormatError) as exc:
        load_path(p)
    assert "root:" not in str(exc.value)  # nothing of /etc/passwd
    assert "\n" not in str(exc.value)


def test_pdf_text_layer(tmp_path):
    fpdf = pytest.importorskip("fpdf")
    pdf = fpdf.FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.multi_cell(0, 6, REPORT)
    p = tmp_path / "report.pdf"
    pdf.output(str(p))
    (rec,) = load_path(p).records
    assert rec.vertebrae == ("T9",)
    assert rec.patient.age_years == 45


def test_corrupt_pdf(tmp_path):
    p = tmp_path / "broken.pdf"
    p.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >>\nendobj\ntrailer << /Root 1 0 R >>\n%%EOF")
    with pytest.raises(InputFormatError, match="PDF"):
        load_path(p)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-8-sig", "latin-1", "cp1252"])
def test_text_encodings(tmp_path, encoding):
    text = REPORT.replace("woman", "woman from Málaga")
    p = tmp_path / f"report-{encoding}.txt"
    p.write_bytes(text.encode(encoding))
    (rec,) = load_path(p).records
    assert rec.vertebrae == ("T9",)
    assert any("Málaga" in s.text for s in rec.patient.evidence)


@pytest.mark.parametrize("content, message", [
    (b"", "empty"), (b"  \n\t\n", "empty"), (b"\x00\x01\x02\x03binary\x00", "binary"),
    (bytes(range(1, 32)) * 40, "binary"),
])
def test_empty_and_binary_text(tmp_path, content, message):
    p = tmp_path / "report.txt"
    p.write_bytes(content)
    with pytest.raises(InputFormatError, match=message):
        load_path(p)


def test_huge_file_is_refused_unread(tmp_path):
    p = tmp_path / "huge.txt"
    with p.open("wb") as fh:
        fh.truncate(MAX_BYTES + 1)
    with pytest.raises(InputFormatError, match="limit"):
        load_path(p)  # refused from its size, before reading


def test_single_huge_line_finishes(tmp_path):
    p = tmp_path / "line.txt"
    p.write_text(REPORT.strip() + " " + "a" * 2_000_000 + " " + REPORT.strip())
    res = load_path(p)
    assert len(res.records) == 1


def test_directory_is_an_error(tmp_path):
    with pytest.raises(InputFormatError, match="directory"):
        load_path(tmp_path)
