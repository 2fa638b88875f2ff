"""Helpers the extractor's tests share: one record from a text, the tumour levels of a sentence."""

from __future__ import annotations

from spinekg.loaders.extract.levels import find_levels, is_tumor_level


def extract(text: str) -> dict:
    """The one case record extract_text gives for a text (as a dict)."""
    from spinekg.loaders.text import extract_text

    (r,) = extract_text(text, "case.txt")
    return r.to_dict()


def records(text: str) -> list[dict]:
    """Every case record extract_text gives for a text (as dicts), one per patient."""
    from spinekg.loaders.text import extract_text

    return [r.to_dict() for r in extract_text(text, "case.txt")]


def marker_results(record: dict) -> dict[str, str]:
    """Marker name -> result of a record."""
    return {m["name"]: m["result"] for m in record["markers"]}


def categories(record: dict) -> list[str]:
    """The categories of a record's interventions, in order."""
    return [i["category"] for i in record["interventions"]]


def tumour_levels(text: str) -> list[str]:
    """The levels a sentence gives the tumour (not those of a syrinx, an artery, a sensory level ...)."""
    return [lvl for m in find_levels(text) if is_tumor_level(text, m) for lvl in m.levels]


def fusion_pairs(record: dict) -> set[tuple[str | None, str | None]]:
    """(5' gene, 3' gene) of a record's fusions."""
    return {(g["gene5"], g["gene3"]) for g in record["genomic"] if g["kind"] == "fusion"}


def mutation_pairs(record: dict) -> set[tuple[str, str | None]]:
    """(gene, variant) of a record's mutations."""
    return {(g["gene"], g["variant"]) for g in record["genomic"] if g["kind"] == "mutation"}


def genes_of(record: dict, kind: str) -> set[str]:
    """The genes of a record's genomic findings of one kind ("amplification", "deletion", ...)."""
    return {g["gene"] for g in record["genomic"] if g["kind"] == kind}
