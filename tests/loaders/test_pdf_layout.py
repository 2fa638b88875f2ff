"""Two-column journal PDFs read in reading order: the article fixtures rendered as PDFs (pdf_render) score as
their text does; the pieces (gutter, bands, running headers, ligatures) and the bounds (a decompression bomb,
a DOI from the first page)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from pdf_render import render_two_column
from spinekg.loaders import load_path
from spinekg.loaders.pdf import MAX_PAGE_CONTENT, pdf_metadata, pdf_text
from spinekg.loaders.pdf_layout import reading_order, strip_running
from spinekg.ontology import ontology_path

from spinekg.errors import InputFormatError

DATA = Path(__file__).parents[1] / "data"
SCORE = Path(__file__).resolve().parents[3] / "shared" / "eval" / "score.py"


def test_reading_order_left_column_then_right_and_full_width_rows_in_place():
    rows = ["A title of the paper running across the whole page", "",
            "The left column, one.         The right column, one.",
            "The left column, two.         The right column, two.",
            "Table 1 | a full-width table row | that crosses the gutter | of the page",
            "The left column, three.       The right column, three."]
    assert reading_order(rows, min_rows=2) == [
        "A title of the paper running across the whole page", "", "The left column, one.",
        "The left column, two.", "", "The right column, one.", "The right column, two.",
        "Table 1 | a full-width table row | that crosses the gutter | of the page", "",
        "The left column, three.", "", "The right column, three."]


def test_running_headers_page_numbers_and_ligatures():
    pages = [["Spine Cases 2024;12:101", "Text of page one.", "1"], ["Spine Cases 2024;12:102", "More text.", "2"]]
    assert strip_running(pages) == [["Text of page one."], ["More text."]]
    assert reading_order(["ﬁbrous   tumour"]) == ["fibrous tumour"]


def test_a_pdf_whose_page_inflates_past_the_cap_is_refused_at_once(tmp_path):
    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject, NameObject

    writer = PdfWriter()
    page = writer.add_blank_page(612, 792)
    content = DecodedStreamObject()
    content.set_data(b"BT /F1 9 Tf 10 10 Td (a) Tj ET\n" * (MAX_PAGE_CONTENT // 25))
    page[NameObject("/Contents")] = writer._add_object(content.flate_encode())
    buf = __import__("io").BytesIO()
    writer.write(buf)
    body = buf.getvalue()
    assert len(body) < 100_000
    p = tmp_path / "bomb.pdf"
    p.write_bytes(body)
    with pytest.raises(InputFormatError, match="over the limit"):
        pdf_text(p, body)


def test_the_doi_of_the_first_page(tmp_path):
    p = render_two_column("A case\nDOI: 10.1234/spine.2024.017\nA 40-year-old man had a chordoma of L2.\n",
                          tmp_path / "doi.pdf")
    assert pdf_metadata(p, p.read_bytes(), pdf_text(p, p.read_bytes()))["doi"] == "10.1234/spine.2024.017"


def _score(gold: Path, preds: list[dict], out: Path) -> float:
    out.write_text(json.dumps(preds), encoding="utf-8")
    res = subprocess.run([sys.executable, str(SCORE), str(gold), str(out), "--json"], capture_output=True, text=True,
                         check=True)
    return float(json.loads(res.stdout)["macro_f1"])


@pytest.mark.skipif(not SCORE.exists() or not ontology_path().exists(), reason="needs ../shared and the ontology")
@pytest.mark.parametrize("folder", ["articles", "reports"])
def test_two_column_pdfs_score_as_their_text(folder, tmp_path):
    gold = tmp_path / "gold"
    gold.mkdir()
    texts = sorted((DATA / folder).glob("*.txt" if folder == "articles" else "[e-g][0-9]*.txt"))
    as_text, as_pdf = [], []
    for t in texts:
        (gold / t.name).write_bytes(t.read_bytes())
        (gold / f"{t.stem}.json").write_bytes(t.with_suffix(".json").read_bytes())
        as_text += [r.to_dict() for r in load_path(t).records]
        pdf = render_two_column(t.read_text(encoding="utf-8"), tmp_path / f"{t.stem}.pdf")
        as_pdf += [dict(r.to_dict(), document=t.name) for r in load_path(pdf).records]
    text_f1 = _score(gold, as_text, tmp_path / "text.json")
    assert _score(gold, as_pdf, tmp_path / "pdf.json") >= text_f1 - 0.03
