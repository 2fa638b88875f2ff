"""Two-column journal PDFs read in reading order (spinekg.loaders.pdf, spinekg.loaders.pdf_layout).

The pieces on glyphs placed by hand (reading order, running headers, hyphens, ligatures, tables); whole pages
set by fpdf2 (tests/loaders/pdf_render.py: justified columns written row by row across both columns, so that a
reader following the content stream interleaves them); the bounds (a decompression bomb, the text caps,
encrypted, corrupt and textless files); the metadata; and the hand-written reports rendered as PDFs, which must
score as their text does with the shared scorer.
"""

from __future__ import annotations

import io
import json
import random
import re
import subprocess
import sys
import textwrap
import time
import zlib
from pathlib import Path

import pytest
from pdf_render import DEJAVU, render_two_column
from spinekg.loaders import pdf as pdf_loader
from spinekg.loaders.pdf import MAX_PAGE_CHARS, load_pdf, pdf_metadata, pdf_text
from spinekg.loaders.pdf_layout import Glyph, reading_text, strip_furniture
from spinekg.ontology import ontology_path

from spinekg.errors import InputFormatError

REPORTS = Path(__file__).parents[1] / "data" / "reports"
SCORE = Path(__file__).resolve().parents[3] / "shared" / "eval" / "score.py"
A4 = (595.0, 842.0)


# --- glyphs placed by hand ------------------------------------------------------------------------------------------

def _line(text: str, x: float, y: float, *, width: float | None = None, size: float = 9.0,
          bold: bool = False) -> list[Glyph]:
    """One line, a glyph a word, half an em a character; spread to ``width`` (justified) if given."""
    words = text.split()
    widths = [0.5 * size * len(w) for w in words]
    gap = 0.25 * size if width is None or len(words) < 2 else (width - sum(widths)) / (len(words) - 1)
    out, cur = [], x
    for w, wd in zip(words, widths, strict=True):
        out.append(Glyph(w, cur, cur + wd, y, size, bold))
        cur += wd + gap
    return out


def _column(paragraphs: list[str], x: float, y: float, width: float = 240.0) -> tuple[list[Glyph], float]:
    """Paragraphs set in a column: justified lines (the last of each ragged), a little space between them."""
    glyphs: list[Glyph] = []
    for para in paragraphs:
        if para.isupper() or len(para.split()) <= 3:  # a heading
            glyphs += _line(para, x, y, bold=True)
            y += 13
            continue
        lines = textwrap.wrap(para, int(width / 4.5) - 6)
        for i, text in enumerate(lines):
            glyphs += _line(text, x, y, width=width if i < len(lines) - 1 else None)
            y += 11
        y += 4
    return glyphs, y


LEFT = ["CASE REPORT",
        "A 43-year-old woman presented with back pain of three months and numbness of both legs; her history "
        "was unremarkable and she had no weight loss or fever at the first visit to our clinic.",
        "MRI showed an enhancing mass of the eleventh thoracic vertebra with an epidural component that "
        "compressed the cord, and CT showed a lytic lesion with a thin sclerotic rim."]
RIGHT = ["Discussion",
         "Chordomas of the thoracic spine are rare and are usually treated by en bloc resection when the anatomy "
         "allows it, followed by high-dose particle therapy in selected patients.",
         "Our patient remains well without recurrence, which supports the combined approach in this setting."]


def _two_column_page() -> list[Glyph]:
    title = _line("Chordoma of the eleventh thoracic vertebra in a woman: a case report", 50, 60, size=15,
                  bold=True)
    abstract, _ = _column(["We describe a chordoma of T11 treated with en bloc spondylectomy and carbon ion "
                           "radiotherapy, and review the literature on thoracic chordomas and their outcomes."],
                          50, 95, width=500)
    left, _ = _column(LEFT, 50, 150)
    right, _ = _column(RIGHT, 310, 150)
    return sorted(title + abstract + left + right, key=lambda g: (g.y, g.x0))  # rows across both columns


def test_two_columns_are_read_left_then_right_below_the_full_width_title_and_abstract():
    text = reading_text([_two_column_page()], [A4[0]], [A4[1]])
    blocks = text.split("\n\n")
    assert blocks[0] == "Chordoma of the eleventh thoracic vertebra in a woman: a case report"
    assert blocks[1].startswith("We describe a chordoma of T11") and blocks[1].endswith("thoracic chordomas and "
                                                                                        "their outcomes.")
    assert blocks[2:] == LEFT + RIGHT  # each paragraph one line, each heading a line of its own


def test_a_one_column_page_is_read_top_to_bottom():
    glyphs, _ = _column(LEFT + RIGHT, 50, 80, width=495)
    assert reading_text([glyphs], [A4[0]]).split("\n\n") == LEFT + RIGHT


def test_running_headers_footers_and_page_numbers_are_dropped():
    bodies = ["A 43-year-old woman presented with back pain.", "MRI showed a mass of the eleventh vertebra.",
              "She remains well without recurrence."]

    def page(n: int) -> list[Glyph]:
        return (_line("Spine Case Reports 2024; 12: 101-109", 50, 30, size=7.5)
                + _line(f"Smith et al. Page {n} of 3", 400, 30, size=7.5)
                + _line(bodies[n - 1], 50, 100) + _line(bodies[n - 1].upper(), 50, 111)
                + _line(str(100 + n), 290, 810, size=8))

    pages = strip_furniture([_rows(page(n)) for n in (1, 2, 3)], [A4[1]] * 3)
    assert [[" ".join(g.text for g in r) for r in p] for p in pages] == [[b, b.upper()] for b in bodies]
    # one page: a "Page 1 of 1" footer and a small-print header set apart go; a heading "Case 2" stays
    one = strip_furniture([_rows(_line("Page 1 of 1", 280, 820, size=8) + _line("Case 2", 50, 80)
                                 + _line("A case of chordoma.", 50, 100) + _line("Downloaded on 2 May", 50, 20,
                                                                                  size=6))], [A4[1]])
    assert [" ".join(g.text for g in r) for r in one[0]] == ["Case 2", "A case of chordoma."]


def _rows(glyphs: list[Glyph]) -> list[list[Glyph]]:
    from spinekg.loaders.pdf_layout import _rows as rows

    return rows(glyphs)


@pytest.mark.parametrize("lines, expected", [
    (["The tumour was a chondro-", "sarcoma of the sacrum."], "The tumour was a chondrosarcoma of the sacrum."),
    (["It extended from T11-", "T12 to the cord."], "It extended from T11-T12 to the cord."),
    (["RT-PCR showed an SS18-", "SSX1 fusion transcript."], "RT-PCR showed an SS18-SSX1 fusion transcript."),
    (["An 18-month-", "old girl was seen."], "An 18-month-old girl was seen."),
    (["At the last follow-", "up she was well."], "At the last follow-up she was well."),
    (["The cells were CD99-", "positive and S100-", "negative."], "The cells were CD99-positive and S100-negative."),
    (["Both pre-operative and pre-", "operative images agree."], "Both pre-operative and pre-operative images "
                                                                  "agree."),
    (["A pre-", "operative embolization; then preoperative MRI."], "A preoperative embolization; then preoperative "
                                                                  "MRI."),
])
def test_words_hyphenated_at_line_ends_are_rejoined_but_hyphens_of_the_text_kept(lines, expected):
    glyphs = [g for i, text in enumerate(lines) for g in _line(text, 50, 100 + 11 * i, width=240 if i < len(lines)
                                                                   - 1 else None)]
    glyphs += _line("A new paragraph sets the right edge of this column.", 50, 200, width=240)
    assert reading_text([glyphs], [A4[0]]).split("\n\n")[0] == expected


def test_ligatures_are_normalised_and_runs_of_spaces_collapsed():
    glyphs = [Glyph("\ufb01brous", 50, 80, 100, 9), Glyph("\ufb02ow,", 83, 100, 100, 9),
              Glyph("a\ufb00ected", 103, 140, 100, 9), Glyph("o\ufb03cial", 143, 170, 100, 9),
              Glyph("ba\ufb04ing", 173, 200, 100, 9), Glyph("cells", 203, 225, 100, 9),
              Glyph("\u00a0\u2002", 226, 230, 100, 9), Glyph("here.", 240, 260, 100, 9)]
    assert reading_text([glyphs], [A4[0]]) == "fibrous flow, affected official baffling cells here."


def test_table_rows_stay_rows():
    header = _line("Antibody", 50, 100) + _line("Result", 150, 100)
    rows = [_line(a, 50, 111 + 11 * i) + _line(b, 150, 111 + 11 * i)
            for i, (a, b) in enumerate([("EMA", "focal +"), ("Vimentin", "+"), ("GFAP", "−"), ("Ki-67", "4%")])]
    before = _line("The stains are listed below in a table.", 50, 80)
    after = _line("The diagnosis was clear cell meningioma.", 50, 170)
    text = reading_text([before + header + [g for r in rows for g in r] + after], [A4[0]])
    assert text.split("\n\n") == ["The stains are listed below in a table.",
                                  "| Antibody | Result |\n| EMA | focal + |\n| Vimentin | + |\n| GFAP | − |\n"
                                  "| Ki-67 | 4% |",
                                  "The diagnosis was clear cell meningioma."]


# --- pages set by fpdf2 -------------------------------------------------------------------------------------------

ARTICLE = "\n".join([
    'Primary chondrosarcoma of the eleventh thoracic vertebra in an adult: a case report',
    'Abstract',
    'We report a chondrosarcoma of T11 with an epidural component, treated with en bloc spondylectomy and '
     'carbon ion radiotherapy, and discuss the differential diagnosis of calcified spinal tumours.',
    'CASE REPORT',
    '2 | CASE PRESENTATION',
    'A 52-year-old man presented with progressive thoracic pain radiating around the chest wall, worse at '
     'night and unrelieved by anti-inflammatory drugs, and with a three-month history of numbness of both '
     'feet. Neurological examination showed brisk reflexes in the legs and a sensory level at T12.',
    'MRI showed a lobulated mass arising from the body and left pedicle of the eleventh thoracic vertebra, '
     'extending from T11-T12 into the epidural space and displacing the cord to the right. The lesion was '
     'hyperintense on T2-weighted images with peripheral and septal enhancement, and CT showed ring-and-arc '
     'calcifications of chondroid matrix. Staging of the chest, abdomen and pelvis was negative.',
    'A CT-guided core biopsy showed a moderately cellular hyaline cartilage neoplasm with binucleated '
     'chondrocytes and mild nuclear atypia, infiltrating between bony trabeculae, and the official pathology '
     'report described a fibrous pseudocapsule without dedifferentiated areas. Sequencing identified an IDH1 '
     'R132C mutation, and no SS18-SSX1 fusion was found by the reference laboratory.',
    'Table 1. Immunohistochemistry',
    'Marker | Result | Pattern',
    'S100 | positive | diffuse',
    'SOX9 | positive | nuclear',
    'Brachyury | negative | none',
    'Ki-67 | 5% | scattered',
    'He underwent total en bloc spondylectomy of T11 through a single posterior approach with reconstruction '
     'using a titanium cage and pedicle screw fixation from T9 to L1; the margins were wide except for a '
     'marginal margin at the dura. Postoperative carbon ion radiotherapy was given to the tumour bed, 64 Gy '
     '(RBE) in 16 fractions, because of the close dural margin.',
    'The postoperative course was uneventful and his gait recovered within three months. At the last '
     'follow-up, 36 months after the operation, he was free of local recurrence and distant metastasis on MRI '
     'and CT, and he had returned to work.',
    'Discussion',
    'Chondrosarcoma accounts for about a tenth of primary malignant spinal tumours and most often affects the'
     ' thoracic spine of adults. Wide en bloc resection is the only treatment associated with durable local '
     'control, whereas intralesional surgery is followed by recurrence in most patients within a few years. '
     'Particle therapy has improved local control after marginal or intralesional resection, and its role '
     'after a close margin at the dura is the subject of ongoing prospective studies.',
    'The differential diagnosis of a calcified spinal tumour includes chordoma, osteochondroma with malignant'
     ' transformation, chondroblastic osteosarcoma and calcified metastases. Brachyury negativity excluded a '
     'chordoma, and the absence of osteoid formation argued against osteosarcoma in our patient. IDH1 and IDH2'
     ' mutations are found in about half of conventional chondrosarcomas and can help when the biopsy is '
     'small.',
    '3.1 Case 2',
    'A second patient, a 61-year-old woman with a sacral chondrosarcoma reported by another group, was '
     'treated with intralesional curettage and recurred twice before en bloc sacrectomy; she is alive without '
     'disease ten years later. Such experiences, affected as they are by the selection of patients, support an'
     ' aggressive surgical strategy from the outset whenever the anatomy allows a wide margin.',
    'Conclusion',
    'Thoracic chondrosarcoma should be resected en bloc with wide margins whenever feasible, and carbon ion '
     'radiotherapy is a reasonable adjuvant after a close margin. Long-term follow-up with MRI is needed '
     'because recurrences may appear after many years.',
]) + "\n"


@pytest.fixture(scope="module")
def article_pdf(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("pdf") / "article.pdf"
    body = ARTICLE + "\n".join(f"Supplementary note {n}: the imaging protocol of the centre was followed for "
                               f"every examination of this patient, as described in the appendix of the "
                               f"article, with the usual sequences and contrast agents of the period." for n in
                               range(1, 31))
    return render_two_column(body, path)


def _paragraphs(text: str) -> list[str]:
    return [p for p in text.split("\n") if p.strip() and p.count("|") < 2]


def test_a_rendered_article_gives_its_paragraphs_headings_and_table_in_reading_order(article_pdf):
    text = pdf_text(article_pdf, article_pdf.read_bytes())
    lines = text.split("\n")
    expected = [p for p in _paragraphs(ARTICLE) if not p.startswith("Table 1")]
    positions = [lines.index(p) for p in expected]  # every paragraph and heading, whole, on a line of its own
    assert positions == sorted(positions)
    assert "| Marker | Result | Pattern |\n| S100 | positive | diffuse |\n| SOX9 | positive | nuclear |\n" \
           "| Brachyury | negative | none |\n| Ki-67 | 5% | scattered |" in text
    assert len(lines) == len(set(lines) - {""}) + text.count("\n\n")  # nothing read twice


def test_a_reader_following_the_content_stream_would_interleave_the_columns(article_pdf):
    from pypdf import PdfReader

    def bare(text: str) -> str:  # (line ends, hyphens and spaces aside)
        return re.sub(r"[\s\-\u00ad]+", "", text)

    plain = bare("".join(p.extract_text() or "" for p in PdfReader(article_pdf).pages))
    ours = bare(pdf_text(article_pdf, article_pdf.read_bytes()))
    paragraphs = [bare(p) for p in _paragraphs(ARTICLE) if len(p) > 200]
    assert len(paragraphs) >= 8 and all(p in ours for p in paragraphs)
    assert sum(p in plain for p in paragraphs) < len(paragraphs) / 2


def test_running_headers_footers_and_page_numbers_of_a_rendered_article_are_dropped(article_pdf):
    from pypdf import PdfReader

    assert len(PdfReader(article_pdf).pages) >= 3
    text = pdf_text(article_pdf, article_pdf.read_bytes())
    for furniture in ("Journal of Spinal Oncology", "Vol. 12", "Page 2 of", "CC BY 4.0"):
        assert furniture not in text
    assert not [x for x in text.split("\n") if re.fullmatch(r"\s*\d{1,4}\s*", x)]


@pytest.mark.skipif(not (DEJAVU / "DejaVuSerif.ttf").exists(), reason="no DejaVu fonts: no ligatures set")
def test_ligature_glyphs_of_a_rendered_article_are_read_as_letters(article_pdf):
    from pypdf import PdfReader

    raw = "".join(p.extract_text() or "" for p in PdfReader(article_pdf).pages)
    assert "\ufb01" in raw and "\ufb00" in raw  # the page sets ligature glyphs
    text = pdf_text(article_pdf, article_pdf.read_bytes())
    assert "official pathology report described a fibrous pseudocapsule" in text
    assert not re.search("[\ufb00-\ufb06]", text)


def test_core_fonts_and_ragged_columns_read_the_same(tmp_path):
    for kw in ({"core_fonts": True}, {"justify": False}):
        path = render_two_column(ARTICLE, tmp_path / "variant.pdf", **kw)  # type: ignore[arg-type]
        text = pdf_text(path, path.read_bytes())
        for p in _paragraphs(ARTICLE)[4:9]:
            assert p in text.split("\n"), (kw, p)


# --- bounds -----------------------------------------------------------------------------------------------------

def _raw_pdf(contents: list[bytes], *, compress: bool = True, a85: bool = False) -> bytes:
    """A PDF of one page per content stream, Helvetica as /F1 (written by hand: no library does the work);
    the streams Flate-compressed (and then ASCII85-encoded, if ``a85``)."""
    import base64

    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b""]
    kids = []
    for content in contents:
        data = zlib.compress(content, 9) if compress else content
        filt = b" /Filter /FlateDecode" if compress else b""
        if a85:
            data, filt = base64.a85encode(data, adobe=True)[2:], b" /Filter [/ASCII85Decode /FlateDecode]"
        objs.append(b"<< /Length %d%s >>\nstream\n" % (len(data), filt) + data + b"\nendstream")
        stream_id = len(objs)
        objs.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents %d 0 R /Resources << /Font "
                    b"<< /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >> >>" % stream_id)
        kids.append(b"%d 0 R" % len(objs))
    objs[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(kids), len(kids))
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n")
    offsets = []
    for i, obj in enumerate(objs, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % i + obj + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1))
    out.write(b"".join(b"%010d 00000 n \n" % o for o in offsets))
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref))
    return out.getvalue()


def test_a_small_pdf_whose_content_inflates_to_70_mb_of_text_operators_fails_fast(tmp_path):
    operators = b"BT /F1 9 Tf 72 720 Td (a) Tj ET\n" * 2_200_000  # 70 MB of text-show operators
    for a85 in (False, True):
        bomb = _raw_pdf([operators], a85=a85)
        assert len(bomb) < 250_000
        started = time.monotonic()
        with pytest.raises(InputFormatError, match="over the limit|longer than") as exc:
            pdf_text(tmp_path / "bomb.pdf", bomb)
        assert time.monotonic() - started < 3
        assert "\n" not in str(exc.value)


def test_text_past_the_page_cap_and_the_document_cap_is_refused(tmp_path, monkeypatch):
    lines = b"".join(b"(%s) '\n" % (b"%04d " % n * 200) for n in range(MAX_PAGE_CHARS // 1000 + 20))
    dense = _raw_pdf([b"BT /F1 1 Tf 1.2 TL 10 780 Td\n" + lines + b"ET\n"])  # under the content cap, over the text cap
    started = time.monotonic()
    with pytest.raises(InputFormatError, match=r"PDF text is longer than 200,000 characters on page 1"):
        pdf_text(tmp_path / "dense.pdf", dense)
    assert time.monotonic() - started < 3
    monkeypatch.setattr(pdf_loader, "MAX_TEXT_CHARS", 5000)
    pages = _raw_pdf([b"BT /F1 9 Tf 72 720 Td (" + b"word " * 600 + b") Tj ET\n"] * 3)
    with pytest.raises(InputFormatError, match=r"PDF text is longer than 5,000 characters"):
        pdf_text(tmp_path / "pages.pdf", pages)


def test_page_cap_encryption_corruption_and_no_text_layer_are_one_line_errors(tmp_path, monkeypatch):
    from pypdf import PdfReader, PdfWriter

    readable = _raw_pdf([b"BT /F1 11 Tf 72 720 Td (Page %d: a 45-year-old woman had a chordoma of T9.) Tj ET\n" % n
                         for n in (1, 2, 3)])
    assert "chordoma of T9" in pdf_text(tmp_path / "ok.pdf", readable)
    cases = {"scan.pdf": (_raw_pdf([b"0 0 m 100 100 l S\n"]), "no text layer"),
             "garbage.pdf": (b"%PDF-1.7\n" + bytes(range(256)) * 40, "PDF"),
             "truncated.pdf": (readable[: len(readable) // 2], "PDF")}
    for password in ("", "secret"):
        writer = PdfWriter(clone_from=PdfReader(io.BytesIO(readable)))
        writer.encrypt(user_password=password, owner_password="owner")
        buf = io.BytesIO()
        writer.write(buf)
        cases[f"locked-{password}.pdf"] = (buf.getvalue(), "PDF is encrypted")
    for name, (data, message) in cases.items():
        with pytest.raises(InputFormatError, match=message) as exc:
            pdf_text(tmp_path / name, data)
        assert "\n" not in str(exc.value), name
    monkeypatch.setattr(pdf_loader, "MAX_PAGES", 2)
    with pytest.raises(InputFormatError, match="3 pages, over the limit of 2"):
        pdf_text(tmp_path / "long.pdf", readable)


def test_malformed_pdfs_give_input_format_errors_never_a_traceback(tmp_path):
    seed = _raw_pdf([b"BT /F1 11 Tf 72 720 Td (A 45-year-old woman had a chordoma of T9.) Tj ET\n"] * 2,
                    compress=False)
    rng = random.Random(7)
    for _ in range(150):
        data = bytearray(seed)
        for _ in range(rng.randint(1, 12)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        try:
            pdf_text(tmp_path / "mutant.pdf", bytes(data))
        except InputFormatError as e:
            assert "\n" not in str(e)
        assert isinstance(pdf_metadata(bytes(data)), dict)


# --- metadata ---------------------------------------------------------------------------------------------------

XMP = """<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:prism="http://prismstandard.org/namespaces/basic/2.0/" prism:doi="10.4321/spine.case.2023.88">
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">Sacral chordoma treated with carbon ions</rdf:li></rdf:Alt></dc:title>
<dc:creator><rdf:Seq><rdf:li>Ana Silva</rdf:li><rdf:li>Bo Chen</rdf:li></rdf:Seq></dc:creator>
<dc:identifier>doi:10.4321/spine.case.2023.88</dc:identifier>
<prism:coverDate>2023-05-01</prism:coverDate>
</rdf:Description></rdf:RDF></x:xmpmeta>"""


def test_metadata_from_the_document_information(tmp_path):
    path = render_two_column("A case\nA 40-year-old man had a chordoma of L2.", tmp_path / "info.pdf",
                             metadata={"title": "Chordoma of the second lumbar vertebra: a case report",
                                       "author": "Ana Silva; Bo Chen", "subject": "doi:10.1234/jsocr.2024.017"})
    assert pdf_metadata(path.read_bytes()) == {
        "title": "Chordoma of the second lumbar vertebra: a case report", "authors": ["Ana Silva", "Bo Chen"],
        "doi": "10.1234/jsocr.2024.017", "year": 2024}  # the year: "© 2024" in the first page's footer


def test_metadata_from_xmp_and_from_the_first_page(tmp_path):
    path = render_two_column("A case\nA 40-year-old man had a chordoma of L2.", tmp_path / "xmp.pdf", xmp=XMP)
    assert pdf_metadata(path.read_bytes()) == {"title": "Sacral chordoma treated with carbon ions",
                                               "authors": ["Ana Silva", "Bo Chen"],
                                               "doi": "10.4321/spine.case.2023.88", "year": 2023}
    path = render_two_column("A case\nA 40-year-old man had a chordoma of L2.", tmp_path / "page.pdf",
                             doi="10.5555/abc-def.2021.7", footer=False)
    assert pdf_metadata(path.read_bytes()) == {"doi": "10.5555/abc-def.2021.7"}
    assert pdf_metadata(b"%PDF-1.7 nothing here") == {}


def test_a_pdf_case_carries_the_citation_of_its_metadata(tmp_path):
    path = render_two_column("A case\nA 40-year-old man had a chordoma of L2.", tmp_path / "cited.pdf",
                             metadata={"title": "Chordoma of the second lumbar vertebra: a case report",
                                       "author": "Ana Silva; Bo Chen", "subject": "doi:10.1234/jsocr.2024.017"})
    (rec,) = load_pdf(path, path.read_bytes()).records
    assert (rec.source.title, list(rec.source.authors), rec.source.doi, rec.source.year) == (
        "Chordoma of the second lumbar vertebra: a case report", ["Ana Silva", "Bo Chen"], "10.1234/jsocr.2024.017",
        2024)
    # a curated NAME.json beside the PDF wins over the PDF's own metadata
    (tmp_path / "cited.json").write_text(json.dumps({"source": {"doi": "10.9999/curated.1", "pmid": "12345678"}}),
                                         encoding="utf-8")
    (rec,) = load_pdf(path, path.read_bytes()).records
    assert (rec.source.doi, rec.source.pmid, rec.source.title) == (
        "10.9999/curated.1", "12345678", "Chordoma of the second lumbar vertebra: a case report")


# --- the hand-written reports as two-column PDFs, scored -----------------------------------------------------------

def _score(gold: Path, preds: list[dict], out: Path) -> dict:
    out.write_text(json.dumps(preds), encoding="utf-8")
    res = subprocess.run([sys.executable, str(SCORE), str(gold), str(out), "--json"], capture_output=True,
                         text=True, check=True)
    return json.loads(res.stdout)


@pytest.mark.skipif(not SCORE.exists() or not ontology_path().exists(), reason="needs ../shared and the ontology")
@pytest.mark.parametrize(("folder", "pattern", "count"), [
    (REPORTS, "[bcdefg][0-9][0-9]-*.txt", 72),  # the 72 blind reports (about 20 s in all)
    (REPORTS.parent / "articles", "a[0-9][0-9]-*.txt", 12),  # the 12 whole articles (about 12 s)
    (REPORTS.parent / "articles2", "w[0-9][0-9]-*.txt", 12),  # the second blind batch of 12 (about 12 s)
    (REPORTS.parent / "articles3", "r[0-9][0-9]-*.txt", 12),  # the third (about 12 s)
    (REPORTS.parent / "articles4", "p[0-9][0-9]-*.txt", 12),  # the fourth (about 12 s)
    (REPORTS.parent / "articles5", "h[0-9][0-9]-*.txt", 12)])  # the fifth (about 12 s)
def test_reports_rendered_as_two_column_pdfs_score_as_their_text(tmp_path, folder, pattern, count):
    from spinekg.loaders.text import extract_text

    texts = sorted(folder.glob(pattern))
    assert len(texts) == count
    gold = tmp_path / "gold"
    gold.mkdir()
    as_text, as_pdf = [], []
    for t in texts:
        (gold / t.name).write_bytes(t.read_bytes())
        (gold / f"{t.stem}.json").write_bytes(t.with_suffix(".json").read_bytes())
        as_text += [r.to_dict() for r in extract_text(t.read_text(encoding="utf-8"), t.name)]
        pdf = render_two_column(t.read_text(encoding="utf-8"), tmp_path / f"{t.stem}.pdf")
        as_pdf += [r.to_dict() for r in load_pdf(pdf, pdf.read_bytes()).records]
    text_f1 = _score(gold, as_text, tmp_path / "text.json")["macro_f1"]
    pdf_result = _score(gold, as_pdf, tmp_path / "pdf.json")
    print(f"macro-F1 of {len(texts)} reports: text {text_f1:.3f}, two-column PDF {pdf_result['macro_f1']:.3f}")
    assert pdf_result["macro_f1"] >= text_f1 - 0.03, pdf_result["fields"]
    assert len(pdf_result["per_case"]) >= len(texts) and not [e for e in pdf_result["errors"] if "no prediction" in e]
