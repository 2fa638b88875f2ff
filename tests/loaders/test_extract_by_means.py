"""An operation told by a verb and its means ("removed by complete surgical excision") is the operation the means
names, once; removed "through a laminectomy" is still the removal. Texts written for these tests."""

from __future__ import annotations

from extracting import extract


def _ops(text: str) -> list[str]:
    return [i["label"] for i in extract(f"Case report\nA 60-year-old man had a mass of the back. {text}\n")[
        "interventions"] if i["category"] == "surgery"]


def test_removed_by_an_excision_is_that_excision():
    assert _ops("The tumour was removed by complete surgical excision.") == ["complete surgical excision"]


def test_removed_through_an_access_is_the_removal():
    assert len(_ops("The tumour was partially removed through a laminectomy.")) == 1
