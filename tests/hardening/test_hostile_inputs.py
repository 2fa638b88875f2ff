"""Hostile input: every file is generated here, ingested by the real command in a child process
with a memory limit and a deadline, and judged: no traceback, one clear line for a rejected file,
a non-zero exit, the store byte-for-byte unchanged (sorted N-Quads), and nothing read or run
that should not be."""

from __future__ import annotations

import gzip
import json
import os
import resource
import shutil
import socket
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import CASES

GOOD_TEXT = ("A 45-year-old woman presented with back pain. MRI showed a lytic lesion of the T9 vertebral body. "
             "Biopsy revealed a giant cell tumor of bone. She underwent total en bloc spondylectomy.\n")
PWNED = "spinekg-pwned-marker"


def _listener() -> socket.socket:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    s.listen(5)
    s.settimeout(0.2)
    return s


LISTENER = _listener()
PORT = LISTENER.getsockname()[1]
JATS_OPEN = '<article article-type="case-report"><front><article-meta/></front><body><sec><title>Case</title><p>'
JATS_CLOSE = "</p></sec></body></article>"


def _pdf_empty_page() -> bytes:
    fpdf = pytest.importorskip("fpdf")
    pdf = fpdf.FPDF()
    pdf.add_page()
    return bytes(pdf.output())


def _pdf_text() -> bytes:
    fpdf = pytest.importorskip("fpdf")
    pdf = fpdf.FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.multi_cell(0, 6, GOOD_TEXT)
    return bytes(pdf.output())


#: name -> (file name, content (bytes or a function giving bytes), rejected?)
CASES_HOSTILE: dict[str, tuple[str, Callable[[], bytes] | bytes, bool]] = {
    # --- XML ------------------------------------------------------------------------------------
    "xml_billion_laughs": ("bomb.xml", (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10))
        + ']>' + JATS_OPEN + "&lol9;" + JATS_CLOSE).encode(), True),
    "xml_quadratic_blowup": ("quad.xml", ('<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x "' + "x" * 50_000 + '">]>'
                                          + JATS_OPEN + "&x;" * 2000 + JATS_CLOSE).encode(), True),
    "xml_external_entity_file": ("xxe.xml", ('<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
                                             + JATS_OPEN + "&x;" + JATS_CLOSE).encode(), True),
    "xml_external_entity_http": ("xxe-http.xml", (
        f'<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x SYSTEM "http://127.0.0.1:{PORT}/x">]>'
        + JATS_OPEN + "&x;" + JATS_CLOSE).encode(), True),
    "xml_parameter_entity": ("param.xml", (
        f'<?xml version="1.0"?><!DOCTYPE a [<!ENTITY % p SYSTEM "http://127.0.0.1:{PORT}/p.dtd"> %p;]>'
        + JATS_OPEN + "x" + JATS_CLOSE).encode(), True),
    "xml_external_dtd_is_not_fetched": ("ext-dtd.xml", (
        f'<?xml version="1.0"?><!DOCTYPE article SYSTEM "http://127.0.0.1:{PORT}/jats.dtd">'
        + JATS_OPEN + GOOD_TEXT + JATS_CLOSE).encode(), False),
    "xml_malformed": ("broken.xml", (JATS_OPEN + "unclosed").encode(), True),
    "xml_pubmed_without_articles": ("empty-pubmed.xml", b"<PubmedArticleSet><PubmedArticle></PubmedArticle>"
                                                        b"</PubmedArticleSet>", True),
    "xml_deeply_nested_is_read": ("deep.xml", (JATS_OPEN + "<i>" * 50_000 + "x" + "</i>" * 50_000 + JATS_CLOSE)
                                  .encode(), False),
    # --- YAML -----------------------------------------------------------------------------------
    "yaml_python_object_apply": ("apply.yaml", f'document: a.txt\npatient: !!python/object/apply:os.system '
                                               f'["touch {PWNED}"]\n'.encode(), True),
    "yaml_python_name": ("name.yaml", b"document: a.txt\npatient: !!python/name:os.system\n", True),
    "yaml_alias_bomb": ("alias.yaml", ("a: &a [x,x,x,x,x,x,x,x,x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [" + ",".join([f"*{chr(97 + i)}"] * 9) + "]\n" for i in range(8))).encode(),
        True),
    "yaml_deeply_nested": ("deep.yaml", ("document: a.txt\nx: " + "[" * 20_000 + "]" * 20_000 + "\n").encode(), True),
    "yaml_scalar_not_a_record": ("scalar.yaml", b"just a sentence\n", True),
    "yaml_wrong_types": ("types.yaml", b"document: a.txt\npatient: [1, 2]\n", True),
    # --- JSON records ---------------------------------------------------------------------------
    "json_deeply_nested": ("deep.json", b"[" * 100_000 + b"]" * 100_000, True),
    "json_wrong_types": ("types.json", b'{"document": "a.txt", "patient": {"age_years": "forty"}}', True),
    "json_nan_age": ("nan.json", b'{"document": "a.txt", "patient": {"age_years": NaN}}', True),
    "json_infinite_age": ("inf.json", b'{"document": "a.txt", "patient": {"age_years": Infinity}}', True),
    "json_overflowing_number": ("overflow.json", b'{"document": "a.txt", "patient": {"age_years": 1e400}}', True),
    "json_negative_age": ("neg.json", b'{"document": "a.txt", "patient": {"age_years": -4}}', True),
    "json_unknown_vertebra": ("x99.json", b'{"document": "a.txt", "vertebrae": ["T11", "X99"]}', True),
    "json_unknown_category": ("cat.json", b'{"document": "a.txt", "interventions": [{"category": "magic"}]}', True),
    "json_duplicate_case_ids": ("dup.json", b'[{"document": "a.txt"}, {"document": "a.txt"}]', True),
    "json_empty_list": ("empty-list.json", b"[]", True),
    "json_not_an_object": ("number.json", b"12345", True),
    "json_unknown_marker_is_a_warning": ("marker.json", b'{"document": "m.txt", "markers": [{"name": "XYZ-999", '
                                                        b'"result": "positive"}]}', False),
    "json_utf8_bom": ("bom.json", b"\xef\xbb\xbf" + json.dumps({"document": "bom.txt", "vertebrae": ["L1"]}).encode(),
                      False),
    # --- text -----------------------------------------------------------------------------------
    "text_empty": ("empty.txt", b"", True),
    "text_whitespace_only": ("blank.txt", b"  \n\t \r\n", True),
    "text_nul_bytes": ("nul.txt", b"A 45-year-old\x00woman\x00", True),
    "text_binary_under_a_text_name": ("image.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, True),
    "text_control_characters": ("controls.txt", bytes(range(1, 9)) * 500, True),
    "text_invalid_utf8_read_as_latin1": ("latin.txt", GOOD_TEXT.replace("woman", "woman from M\xe1laga")
                                         .encode("latin-1"), False),
    "text_utf16_with_bom": ("utf16.txt", GOOD_TEXT.encode("utf-16"), False),
    "text_50_megabytes": ("huge.txt", lambda: (GOOD_TEXT * (50_000_000 // len(GOOD_TEXT) + 1)).encode(), True),
    "text_5_megabyte_single_line": ("line.txt", lambda: (GOOD_TEXT.strip() + " " + "lorem ipsum " * 420_000 + "\n")
                                    .encode(), False),
    "text_regex_backtracking_levels": ("levels.txt", ("A 40-year-old man had a tumor at " + "T1-" * 40_000 + "T2.\n")
                                       .encode(), False),
    "text_regex_backtracking_markers": ("markers.txt", ("A 40-year-old man. Positive for " + "S100, " * 30_000
                                                        + "and CD34.\n").encode(), False),
    "text_regex_backtracking_spaces": ("spaces.txt", ("A 40-year-old man had " + " " * 200_000 + "a chordoma at L2.\n")
                                       .encode(), False),
    "text_hundreds_of_cases": ("many.txt", "".join(
        f"Case {i}\nA {20 + i % 50}-year-old man presented with back pain. MRI showed a chordoma of L{1 + i % 5}.\n\n"
        for i in range(1, 301)).encode(), False),
    # --- PDF ------------------------------------------------------------------------------------
    "pdf_corrupt": ("corrupt.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >>\nendobj\ntrailer << >>\n",
                    True),
    "pdf_truncated": ("truncated.pdf", lambda: _pdf_text()[:300], True),
    "pdf_without_text_layer": ("scan.pdf", _pdf_empty_page, True),
    "pdf_with_text_layer": ("report.pdf", _pdf_text, False),
    # --- phenopackets ---------------------------------------------------------------------------
    "phenopacket_wrong_types": ("pp-bad.json", b'{"id": "p1", "subject": "nobody", "metaData": {}}', True),
    "phenopacket_minimal": ("pp.json", json.dumps({"id": "p1", "subject": {"id": "s1", "sex": "FEMALE",
                            "timeAtLastEncounter": {"age": {"iso8601duration": "P43Y"}}},
                            "diseases": [{"term": {"id": "NCIT:C2947", "label": "Chordoma"}}],
                            "metaData": {"created": "2024-01-01T00:00:00Z"}}).encode(), False),
    # --- names ----------------------------------------------------------------------------------
    "name_with_spaces_and_unicode": ("case report ü (1).txt", GOOD_TEXT.encode(), False),
    "name_with_a_newline": ("bad\nname.json", b"not json", True),
    "name_starting_with_a_dash": ("-rf.txt", GOOD_TEXT.encode(), False),
}


@pytest.fixture(scope="module", autouse=True)
def _close_listener():
    yield
    LISTENER.close()


def _limit() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))


def _nquads(store: Path) -> list[str]:
    import pyoxigraph as ox

    st = ox.Store.read_only(str(store))
    lines = sorted(str(q) for q in st)
    del st
    return lines


@pytest.fixture(scope="module")
def base_store(tmp_path_factory):
    st = tmp_path_factory.mktemp("hostile") / "store"
    subprocess.run([sys.executable, "-m", "spinekg", "ingest", *map(str, CASES[:3]), "--store", str(st), "-q"],
                   check=True, capture_output=True)
    return st


@pytest.mark.parametrize("name", sorted(CASES_HOSTILE))
def test_hostile_input(name, base_store, tmp_path):
    fname, content, rejected = CASES_HOSTILE[name]
    data = content() if callable(content) else content
    work = tmp_path / "in"
    work.mkdir()
    path = work / fname
    path.write_bytes(data)
    store = tmp_path / "store"
    shutil.copytree(base_store, store)
    before = _nquads(store)
    proc = subprocess.run([sys.executable, "-m", "spinekg", "ingest", "--store", str(store), "-q", "--", fname],
                          cwd=work, capture_output=True, text=True, timeout=300, preexec_fn=_limit,
                          env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})
    err = proc.stderr
    assert "Traceback" not in err and "Traceback" not in proc.stdout, err[-2000:]
    assert not (work / PWNED).exists() and not Path(PWNED).exists()
    with pytest.raises(OSError):
        LISTENER.accept()  # nothing connected out
    if rejected:
        assert proc.returncode == 1, err
        errors = [line for line in err.splitlines() if line.startswith("error:")]
        assert len(errors) == 1, err
        assert "root:x:" not in err
        assert _nquads(store) == before, "a rejected file changed the store"
    else:
        assert proc.returncode == 0, err
        assert len(_nquads(store)) > len(before)


def test_suite_is_large_enough():
    assert len(CASES_HOSTILE) >= 40
    assert {n.split("_")[0] for n in CASES_HOSTILE} >= {"xml", "yaml", "json", "text", "pdf", "phenopacket", "name"}


def test_hundreds_of_cases_give_one_record_each(tmp_path):
    from spinekg.loaders import load_path

    p = tmp_path / "many.txt"
    _, content, _ = CASES_HOSTILE["text_hundreds_of_cases"]
    p.write_bytes(content if isinstance(content, bytes) else content())
    assert len(load_path(p).records) == 300


def test_gzip_is_not_mistaken_for_text(tmp_path):
    from spinekg.loaders import load_path

    from spinekg.errors import InputFormatError

    p = tmp_path / "report.txt"
    p.write_bytes(gzip.compress(GOOD_TEXT.encode()))
    with pytest.raises(InputFormatError):
        load_path(p)
