"""Vertebral levels: the canonical labels of case records, their order and region.

>>> canonical_level("th11")
'T11'
>>> expand_range("T12", "L2")
['T12', 'L1', 'L2']
>>> level_runs(["T9", "T7", "T8", "L1", "L2", "L3", "L4", "L5", "S1"])
'T7-T9, L1-S1'
"""

from __future__ import annotations

import re

REGIONS: dict[str, tuple[str, int]] = {
    # prefix: (region name, number of levels)
    "C": ("cervical", 7),
    "T": ("thoracic", 12),
    "L": ("lumbar", 5),
    "S": ("sacral", 5),
}

#: Every vertebral level from cranial to caudal; "coccyx" closes the column.
LEVELS: tuple[str, ...] = tuple(
    f"{p}{i}" for p, (_, n) in REGIONS.items() for i in range(1, n + 1)
) + ("coccyx",)

#: Wholes a record may name instead of single levels.
WHOLES: tuple[str, ...] = ("sacrum", "coccyx")

INDEX: dict[str, int] = {lvl: i for i, lvl in enumerate(LEVELS)}

_ALIASES = {"TH": "T", "D": "T"}
_LEVEL_RE = re.compile(r"^(C|TH|T|D|L|S)\s*-?\s*(\d{1,2})$", re.IGNORECASE)


def canonical_level(text: str) -> str | None:
    """The canonical label of a level ('T11', 'sacrum', 'coccyx'), or None if it is not one."""
    t = text.strip()
    low = t.lower()
    if low in WHOLES:
        return low
    m = _LEVEL_RE.match(t)
    if not m:
        return None
    prefix = _ALIASES.get(m.group(1).upper(), m.group(1).upper())
    label = f"{prefix}{int(m.group(2))}"
    return label if label in INDEX else None


def expand_range(first: str, last: str) -> list[str]:
    """All levels from first to last inclusive, in cranial-to-caudal order (either order given)."""
    a, b = INDEX[first], INDEX[last]
    if a > b:
        a, b = b, a
    return list(LEVELS[a : b + 1])


def region_of(level: str) -> str | None:
    """'cervical', 'thoracic', 'lumbar', 'sacral' or 'coccygeal'."""
    if level == "coccyx":
        return "coccygeal"
    if level == "sacrum":
        return "sacral"
    reg = REGIONS.get(level[:1])
    return reg[0] if reg else None


def sort_levels(levels: list[str] | tuple[str, ...]) -> list[str]:
    """Levels sorted cranial to caudal; 'sacrum' sorts with S1."""
    return sorted(set(levels), key=lambda v: INDEX.get(v, INDEX["S1"]) if v != "sacrum" else INDEX["S1"] - 0.5)


def level_runs(levels: list[str] | tuple[str, ...]) -> str:
    """Levels as runs of adjacent ones, cranial to caudal: 'T7-T9, L1-S1' (never 'T7-S1', which would claim the
    levels between); a single level stays itself, and the sacrum and coccyx as wholes keep their names."""
    ordered = sort_levels(levels)
    runs: list[list[str]] = []
    for lv in ordered:
        if runs and lv in INDEX and runs[-1][-1] in INDEX and INDEX[lv] == INDEX[runs[-1][-1]] + 1 \
                and lv != "coccyx":
            runs[-1].append(lv)
        else:
            runs.append([lv])
    return ", ".join(r[0] if len(r) == 1 else f"{r[0]}-{r[-1]}" for r in runs)
