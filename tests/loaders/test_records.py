from pathlib import Path

import pytest
from spinekg.loaders import detect, load_path

from spinekg.errors import InputFormatError, RecordError

DATA = Path(__file__).parents[1] / "data"


def test_gold_files_load_as_they_are():
    for p in sorted((DATA / "cases").glob("*.json")):
        res = load_path(p)
        assert len(res.records) == 1
        assert res.records[0].document.endswith(".txt")


def test_yaml_records(tmp_path):
    p = tmp_path / "two.yaml"
    p.write_text("cases:\n  - document: a.txt\n    vertebrae: [T11]\n  - document: b.txt\n    patient: {sex: male}\n")
    res = load_path(p)
    assert [r.id for r in res.records] == ["a", "b"]


def test_json_list_of_records(tmp_path):
    p = tmp_path / "list.json"
    p.write_text('[{"document": "a.txt"}, {"document": "b.txt"}]')
    assert len(load_path(p).records) == 2


def test_duplicate_ids_in_one_file(tmp_path):
    p = tmp_path / "dup.json"
    p.write_text('[{"document": "a.txt"}, {"document": "a.txt"}]')
    with pytest.raises(RecordError, match="duplicate"):
        load_path(p)


@pytest.mark.parametrize("name, error", [
    ("not-json.json", InputFormatError),
    ("unsafe-tag.yaml", InputFormatError),
    ("broken.yaml", InputFormatError),
    ("unknown-vertebra.json", RecordError),
    ("negative-age.json", RecordError),
    ("nan-age.json", RecordError),
    ("wrong-type-markers.json", RecordError),
])
def test_bad_files_raise_one_clear_error(name, error):
    with pytest.raises(error) as exc:
        load_path(DATA / "bad" / name)
    assert "\n" not in str(exc.value)


def test_yaml_alias_bomb_is_refused(tmp_path):
    p = tmp_path / "bomb.yaml"
    lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    for i in range(1, 9):
        lines.append(f"{chr(97 + i)}: &{chr(97 + i)} [*{chr(96 + i)},*{chr(96 + i)},*{chr(96 + i)}]")
    p.write_text("\n".join(lines) + "\n")
    with pytest.raises(InputFormatError, match="aliases"):
        load_path(p)


def test_empty_and_binary_files(tmp_path):
    empty = tmp_path / "empty.json"
    empty.write_text("   \n")
    with pytest.raises(InputFormatError, match="empty"):
        load_path(empty)
    binary = tmp_path / "bin.json"
    binary.write_bytes(b"{\x00\x01\x02")
    with pytest.raises(InputFormatError):
        load_path(binary)


def test_unknown_format_is_named(tmp_path):
    p = tmp_path / "notes.bin"
    p.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    with pytest.raises(InputFormatError):
        load_path(p)


def test_sniffing_uses_content(tmp_path):
    p = tmp_path / "record.txt"
    p.write_text('{"document": "a.txt"}')
    assert detect(p, p.read_bytes()).name == "json"
