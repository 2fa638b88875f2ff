"""Server-side SVG pictures: the spine map, a case's levels and timeline, follow-up by treatment.

Every piece of text that reaches the SVG is escaped here; the functions return ``Markup``.
"""

from __future__ import annotations

import math
import zlib
from collections.abc import Callable, Sequence
from typing import Any

from markupsafe import Markup, escape

CATEGORY_COLOURS = {"presentation": "#4a5d73", "biopsy": "#8e6bbf", "surgery": "#1f6fb2",
                    "radiotherapy": "#e07b24", "chemotherapy": "#c0392b", "targeted_therapy": "#138d75",
                    "immunotherapy": "#27ae60", "other_drug": "#7f8c8d", "embolization": "#b8860b",
                    "outcome": "#2c3e50"}
_WIDTHS = {"C": (40, 50), "T": (52, 64), "L": (68, 76), "S": (66, 30)}


def _shade(count: int, most: int) -> str:
    if count <= 0 or most <= 0:
        return "#edf1f5"
    f = math.sqrt(count / most)
    lo, hi = (0xcf, 0xe2, 0xf3), (0x17, 0x4a, 0x7c)
    return "#" + "".join(f"{round(a + (b - a) * f):02x}" for a, b in zip(lo, hi, strict=True))


def _body_width(label: str, index_in_region: int, n_region: int) -> float:
    if label == "sacrum":
        return 80
    if label == "Co":
        return 22
    a, b = _WIDTHS.get(label[0], (50, 50))
    return a + (b - a) * (index_in_region / max(1, n_region - 1))


def spine(levels: Sequence[dict[str, Any]], href: Callable[[dict[str, Any]], str | None], *,
          highlight: set[str] | None = None, compact: bool = False, title: str = "The vertebral column") -> Markup:
    """The column C1..coccyx, one rounded body per level, shaded by its count (or highlighted levels)."""
    row = 7.5 if compact else 17
    gap = 1.5 if compact else 3
    cx = 44 if compact else 100
    scale = 0.55 if compact else 1.15
    width = 96 if compact else 200
    most = max([lv.get("count", 0) for lv in levels] or [0])
    by_region: dict[str, list[str]] = {}
    for lv in levels:
        if lv["label"] not in ("sacrum", "Co"):
            by_region.setdefault(lv["label"][0], []).append(lv["label"])
    parts: list[str] = []
    y = 4.0
    # the sacrum is one bone: drawn once, as an outline around S1-S5 (its own count and link), not as a level
    sacrum = next((lv for lv in levels if lv["label"] == "sacrum"), None)
    sac_at, sac_top = 0, 0.0
    for lv in levels:
        lab = lv["label"]
        if lab == "sacrum":
            continue
        if lab == "S1" and sacrum is not None:
            sac_at, sac_top = len(parts), y
        region = by_region.get(lab[0], [lab])
        w = _body_width(lab, region.index(lab) if lab in region else 0, len(region)) * scale
        h = row
        on = highlight is not None and lv["iri"] in highlight
        fill = ("#d9534f" if on else "#edf1f5") if highlight is not None else _shade(lv.get("count", 0), most)
        n = lv.get("count", 0)
        tip = f"{lab}: {n} case{'s' if n != 1 else ''}" if highlight is None else lab
        shape = (f'<rect x="{cx - w / 2:.1f}" y="{y:.1f}" width="{w:.1f}" height="{h:.1f}" rx="{3 if compact else 5}"'
                 f' fill="{fill}" stroke="#8da2b8" stroke-width="0.8"/>')
        text = ""
        if not compact or on:
            text += (f'<text x="{cx - w / 2 - 6:.1f}" y="{y + h / 2 + 4:.1f}" text-anchor="end"'
                     f' class="lvl">{escape(lab)}</text>')
        if not compact and n:
            text += f'<text x="{cx + w / 2 + 6:.1f}" y="{y + h / 2 + 4:.1f}" class="cnt">{n}</text>'
        link = href(lv)
        inner = f"<title>{escape(tip)}</title>{shape}{text}"
        parts.append(f'<a href="{escape(link)}">{inner}</a>' if link else f"<g>{inner}</g>")
        y += h + gap
        if lab == "S5" and sacrum is not None:
            parts.insert(sac_at, _sacrum_outline(sacrum, href, sac_top, y - gap, cx, scale, compact, highlight, most))
    cls = "spine compact" if compact else "spine"
    cls = "spine compact" if compact else "spine"
    return Markup(f'<svg class="{cls}" viewBox="0 0 {width} {y + 4:.0f}" width="{width}" height="{y + 4:.0f}"'
                  f' role="img" aria-label="{escape(title)}"><title>{escape(title)}</title>{"".join(parts)}</svg>')


def _sacrum_outline(lv: dict[str, Any], href: Callable[[dict[str, Any]], str | None], top: float, bottom: float,
                    cx: float, scale: float, compact: bool, highlight: set[str] | None, most: int) -> str:
    """The sacrum as one bone around its five segments: shaded by its own count (cases given as 'the sacrum'),
    red when the case names the sacrum as a whole; its label and count to the right."""
    w = 68 * scale + (4 if compact else 8)
    on = highlight is not None and lv["iri"] in highlight
    n = lv.get("count", 0)
    fill = ("#f4c7c5" if on else "none") if highlight is not None else (_shade(n, most) if n else "none")
    tip = f"sacrum (S1-S5): {n} case{'s' if n != 1 else ''} given as the sacrum" if highlight is None \
        else "sacrum (S1-S5)"
    shape = (f'<rect x="{cx - w / 2:.1f}" y="{top - 2:.1f}" width="{w:.1f}" height="{bottom - top + 4:.1f}"'
             f' rx="{6 if compact else 10}" fill="{fill}" stroke="#8da2b8" stroke-width="0.8" stroke-dasharray="3 2"/>')
    text = ""
    if not compact or on:
        label = "sacrum" + (f" {n}" if not compact and n else "")
        text = (f'<text x="{cx + w / 2 + 4:.1f}" y="{(top + bottom) / 2 + 4:.1f}" class="lvl">{escape(label)}</text>')
    link = href(lv)
    inner = f"<title>{escape(tip)}</title>{shape}{text}"
    return f'<a href="{escape(link)}">{inner}</a>' if link else f"<g>{inner}</g>"


def timeline(steps: Sequence[dict[str, Any]]) -> Markup:
    """A vertical timeline: one dot per step (presentation, interventions in order, follow-up)."""
    row, width = 50, 680
    parts = []
    if len(steps) > 1:
        parts.append(f'<line x1="18" y1="{row / 2}" x2="18" y2="{row * (len(steps) - 0.5)}" class="spineline"/>')
    for i, s in enumerate(steps):
        y = row * i + row / 2
        colour = CATEGORY_COLOURS.get(s.get("category", ""), "#4a5d73")
        parts.append(f'<circle cx="18" cy="{y}" r="9" fill="{colour}"/>')
        parts.append(f'<text x="18" y="{y + 4}" text-anchor="middle" class="num">{escape(s.get("mark", ""))}</text>')
        kind = escape(str(s.get("kind", "")).upper())
        title = escape(_clip(str(s.get("title", "")), 70))
        when = f' <tspan class="when">({escape(_clip(str(s["when"]), 48))})</tspan>' if s.get("when") else ""
        parts.append(f'<text x="38" y="{y - 3}" class="step"><tspan class="kind" fill="{colour}">{kind}</tspan>'
                     f'{when} {title}</text>')
        if s.get("detail"):
            parts.append(f'<text x="38" y="{y + 14}" class="detail">{escape(_clip(str(s["detail"]), 100))}</text>')
    h = row * len(steps)
    return Markup(f'<svg class="timeline" viewBox="0 0 {width} {h}" width="100%" role="img"'
                  f' aria-label="Timeline of the case"><title>Timeline of the case</title>{"".join(parts)}</svg>')


def _clip(s: str, n: int) -> str:
    return s if len(s) <= n else s[: n - 1] + "…"


def _nice_max(v: float) -> tuple[float, float]:
    """An axis maximum and tick step (months) for a largest value."""
    for step in (3, 6, 12, 24, 60, 120):
        if v / step <= 8:
            return step * max(1, math.ceil(v / step)), step
    return 120 * math.ceil(v / 120), 120


def follow_up_plot(groups: Sequence[dict[str, Any]], max_points: int = 150) -> Markup:
    """Follow-up (months, x) per treatment (rows), each case a dot: recurrence red, none green, unknown grey."""
    left, right, row, top = 210, 700, 34, 24
    pts = [p[0] for g in groups for p in g["points"]]
    xmax, step = _nice_max(max(pts) if pts else 12)
    plot_w = right - left

    def x(v: float) -> float:
        return left + plot_w * min(v, xmax) / xmax

    h = top + row * len(groups) + 34
    parts = [f'<rect x="{left}" y="{top - 6}" width="{plot_w}" height="{row * len(groups) + 6}" class="plotbg"/>']
    t = 0.0
    while t <= xmax + 1e-9:
        parts.append(f'<line x1="{x(t):.1f}" y1="{top - 6}" x2="{x(t):.1f}" y2="{top + row * len(groups)}"'
                     f' class="grid"/><text x="{x(t):.1f}" y="{top + row * len(groups) + 14}" text-anchor="middle"'
                     f' class="tick">{t:g}</text>')
        t += step
    parts.append(f'<text x="{left + plot_w / 2}" y="{h - 4}" text-anchor="middle" class="axis">'
                 f'follow-up (months)</text>')
    for i, g in enumerate(groups):
        y0 = top + row * i
        parts.append(f'<text x="{left - 8}" y="{y0 + row / 2 - 1}" text-anchor="end" class="glabel">'
                     f'{escape(_clip(g["label"], 30))}</text>')
        rate = f'{g["recurred"]}/{g["known"]} recurred' if g["known"] else "recurrence not stated"
        if len(g["points"]) > max_points:
            rate += f' · {max_points} of {len(g["points"])} shown'

        parts.append(f'<text x="{left - 8}" y="{y0 + row / 2 + 11}" text-anchor="end" class="gnote">'
                     f'n={g["n"]} · {escape(rate)}</text>')
        points = g["points"]
        if len(points) > max_points:  # an even sample, so that a large type's page stays small
            points = points[:: math.ceil(len(points) / max_points)]
        for fu, rec, cid in points:
            jitter = (zlib.crc32(f"{cid}{i}".encode()) % 1000) / 1000 - 0.5
            cy = y0 + row / 2 - 3 + jitter * (row - 14)
            cls = "rec" if rec is True else "norec" if rec is False else "unk"
            what = "recurrence" if rec is True else "no recurrence" if rec is False else "recurrence not stated"
            parts.append(f'<a href="/case/{escape(cid)}"><circle cx="{x(fu):.1f}" cy="{cy:.1f}" r="4.5"'
                         f' class="{cls}"><title>{escape(cid)}: {fu:g} month{"" if fu == 1 else "s"}, {what}</title>'
                         f'</circle></a>')
    legend = (f'<g class="legend" transform="translate({left},10)"><circle cx="0" cy="0" r="4.5" class="rec"/>'
              '<text x="8" y="4">recurrence</text><circle cx="90" cy="0" r="4.5" class="norec"/>'
              '<text x="98" y="4">no recurrence</text><circle cx="200" cy="0" r="4.5" class="unk"/>'
              '<text x="208" y="4">not stated</text></g>')
    return Markup(f'<svg class="plot" viewBox="0 0 {right + 20} {h}" width="100%" role="img"'
                  f' aria-label="Follow-up and recurrence by treatment"><title>Follow-up and recurrence by treatment'
                  f'</title>{legend}{"".join(parts)}</svg>')
