"""The words a prefiltered pattern is searched behind are in every one of its matches.

A pattern wrapped by ``needs(rx, words)`` is only run on a text holding one of the words; a word list that misses
what some match holds would drop that match without a sound. Every match of every wrapped pattern of the extractor,
over every test document, must hold one of its words (or its cue).
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from pathlib import Path

import pytest
import spinekg.loaders.extract as extract_package
from spinekg.loaders.extract.levels import _named_vertebrae
from spinekg.loaders.extract.prefilter import Prefiltered, needs

ROOT = Path(__file__).resolve().parents[2]
_SKIP = ("hostile", "bad")  # (inputs made to be slow or broken: the readers' own tests cover them)


def _wrapped() -> list[tuple[str, Prefiltered]]:
    modules = [importlib.import_module(f"spinekg.loaders.extract.{m.name}")
               for m in pkgutil.iter_modules(extract_package.__path__)]
    modules.append(importlib.import_module("spinekg.loaders.text"))
    out = [(f"{mod.__name__.rsplit('.', 1)[-1]}.{name}", value)
           for mod in modules for name, value in vars(mod).items() if isinstance(value, Prefiltered)]
    out += [(f"levels.named[{p.words[0]}]", p) for p, _ in _named_vertebrae()]
    return out


WRAPPED = _wrapped()


def _documents() -> list[str]:
    files = sorted(p for p in (ROOT / "tests" / "data").glob("*/*.txt") if p.parent.name not in _SKIP)
    files += sorted((ROOT / "data" / "reports").glob("*.txt"))
    return [f.read_text(encoding="utf-8") for f in files]


@pytest.fixture(scope="module")
def documents() -> list[str]:
    docs = _documents()
    assert len(docs) > 200
    return docs


def test_the_extractor_uses_prefiltered_patterns() -> None:
    assert len(WRAPPED) >= 30


@pytest.mark.parametrize("name,pattern", WRAPPED, ids=[n for n, _ in WRAPPED])
def test_every_match_holds_one_of_the_words(name: str, pattern: Prefiltered, documents: list[str]) -> None:
    # (a pattern that looks ahead may hold its word in the words it looks at: "EWSR1-FLI1 fusion")
    ahead = 40 if "(?=" in pattern.pattern else 0
    for doc in documents:
        for m in pattern.rx.finditer(doc):
            said = doc[m.start():m.end() + ahead]
            assert any(w in said.casefold() for w in pattern.words) or (
                pattern.cue is not None and pattern.cue.search(said)), f"{name}: {m.group()!r} holds none"


def test_a_wrapped_pattern_answers_as_the_pattern() -> None:
    rx = re.compile(r"\b(?:recur\w*|relaps\w*)\b", re.IGNORECASE)
    p = needs(rx, "recur", "relaps")
    for text in ("No RECURRENCE at 2 years.", "The tumour relapsed twice, then recurred.", "Stable disease.", ""):
        assert (p.search(text) and p.search(text).span()) == (rx.search(text) and rx.search(text).span())
        assert [m.span() for m in p.finditer(text)] == [m.span() for m in rx.finditer(text)]
        assert p.findall(text) == rx.findall(text)
        assert p.sub("X", text) == rx.sub("X", text)
        assert (p.match(text) is None) == (rx.match(text) is None)
    text = "relapse here; none there"
    assert p.search(text, 8) is None and rx.search(text, 8) is None  # the part searched is what is tested
    assert p.search(text, 0, 7).group() == "relapse"
    assert p.pattern == rx.pattern and p.flags == rx.flags and p.groups == rx.groups


def test_a_level_cue_lets_a_pattern_without_words_run() -> None:
    rx = re.compile(r"\b[TL]\d{1,2}\b")
    p = needs(rx, "thoracic", cue=re.compile(r"[TL]\d"))
    assert p.search("a mass at T12").group() == "T12"
    assert p.search("a mass at the hip") is None


def test_words_must_be_lower_case_and_given() -> None:
    with pytest.raises(ValueError):
        needs(re.compile("x"), "Recur")
    with pytest.raises(ValueError):
        needs(re.compile("x"))
