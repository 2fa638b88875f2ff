"""Vertebral levels: notation, ranges, and which levels place the tumour."""

from __future__ import annotations

import pytest
from spinekg.loaders.extract.levels import find_levels, is_tumor_level, tumor_levels


def levels(text):
    return [lvl for m in find_levels(text) for lvl in m.levels]


@pytest.mark.parametrize(("text", "expected"), [
    ("a lesion of T11", ["T11"]),
    ("Th11 and D12", ["T11", "T12"]),
    ("the eleventh thoracic vertebra", ["T11"]),
    ("the 3rd lumbar vertebral body", ["L3"]),
    ("T10-T12", ["T10", "T11", "T12"]),
    ("T10–T12", ["T10", "T11", "T12"]),
    ("from T12 to L2", ["T12", "L1", "L2"]),
    ("C2/3", ["C2", "C3"]),
    ("C3-5", ["C3", "C4", "C5"]),
    ("between T9 and T11", ["T9", "T10", "T11"]),
    ("the L4 vertebral body", ["L4"]),
    ("at the level of T3", ["T3"]),
    ("the sacrum", ["sacrum"]),
    ("T2-weighted images and T1 and T2 weighted sequences", []),
    ("hypointense on T1 and hyperintense on T2", []),
    ("D2-40 and S100 and T3N0M0", []),
])
def test_notation(text, expected):
    assert levels(text) == expected


@pytest.mark.parametrize(("text", "tumour"), [
    ("sensation was reduced below the T8 dermatome", False),
    ("the C5 nerve root", False),
    ("reaching the L2/3 disc", False),
    ("short-segment fixation from L2 to L4", False),
    ("a junctional kyphosis at C3/4", False),
    ("a lytic lesion of L3", True),
])
def test_tumour_or_not(text, tumour):
    mentions = find_levels(text)
    assert mentions and all(is_tumor_level(text, m) is tumour for m in mentions)


def _item(text, procs=(), tumours=()):
    spans = [(text.index(p), text.index(p) + len(p)) for p in procs]
    tspans = [(text.index(t), text.index(t) + len(t)) for t in tumours]
    return (text, {"text": text}, spans, tspans)


def test_surgical_levels_are_not_tumour_levels():
    items = [_item("MRI showed a lesion destroying the eleventh thoracic vertebra."),
             _item("A total en bloc spondylectomy of T10-T12 was performed.", procs=["total en bloc spondylectomy"]),
             _item("The tumour had spread to the body of T12.")]
    assert sorted(tumor_levels(items)) == ["T11", "T12"]


def test_operation_levels_stand_in_when_nothing_else_places_the_tumour():
    items = [_item("The mass was removed through a T5/6 laminectomy.", procs=["laminectomy"])]
    assert sorted(tumor_levels(items)) == ["T5", "T6"]


def test_sacrum_only_without_a_sacral_level():
    assert sorted(tumor_levels([_item("a mass of the sacrum at the S2 level")])) == ["S2"]
    assert sorted(tumor_levels([_item("a mass of the sacrum")])) == ["sacrum"]
