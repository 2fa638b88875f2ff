"""How a case reads on its page: evidence with the fact's words marked, the timeline, the downloadable tables."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from markupsafe import Markup, escape
from spinekg.graph import iris
from spinekg.webui.tables import Table

CATEGORY = {"biopsy": "biopsy", "surgery": "surgery", "radiotherapy": "radiotherapy", "chemotherapy": "chemotherapy",
            "targeted_therapy": "targeted therapy", "immunotherapy": "immunotherapy", "other_drug": "drug therapy",
            "embolization": "embolization"}
SEX_WORDS = {"male": ["male", "man", "boy", "gentleman", "M"], "female": ["female", "woman", "girl", "lady", "F"]}


MAX_MARKED_WORD = 200  # longer "words" (a curated name can be 500 characters) are not marked
MAX_MARKED_TEXT = 20_000  # nor is anything in a longer evidence text
_SEP = re.compile(r"[\s\-]+")


def _word_pattern(word: str) -> re.Pattern[str] | None:
    """A whole-word pattern for a fact's word, spaces and hyphens interchangeable.

    The word is split on runs of separators and its pieces joined by one separator class, so no two
    separator groups are ever adjacent: the match is linear in the text (a word like 'x - - - y'
    once gave adjacent groups that backtracked exponentially and froze the server).
    """
    tokens = [t for t in _SEP.split(word) if t]
    if not tokens or len(word) > MAX_MARKED_WORD:
        return None
    body = r"[\s\-]+".join(re.escape(t) for t in tokens)
    return re.compile(r"(?<![\w])" + body + r"(?![\w])", re.IGNORECASE)


def highlight(text: str, words: Iterable[str | None]) -> Markup:
    """The text escaped, with every whole-word occurrence of the given words wrapped in <mark>."""
    spans: list[tuple[int, int]] = []
    marked = len(text) <= MAX_MARKED_TEXT
    for w in {w.strip() for w in words if w and w.strip()} if marked else ():
        if len(w) < 2 and not w.isdigit():
            continue
        pat = _word_pattern(w)
        if pat is None:
            continue
        for m in pat.finditer(text):
            spans.append(m.span())
    spans.sort()
    merged: list[list[int]] = []
    for a, b in spans:
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    out, pos = [], 0
    for a, b in merged:
        out.append(str(escape(text[pos:a])))
        out.append(f"<mark>{escape(text[a:b])}</mark>")
        pos = b
    out.append(str(escape(text[pos:])))
    return Markup("".join(out))


def unique_evidence(groups: Iterable[list[dict[str, Any]]]) -> list[dict[str, Any]]:
    """The evidence sentences of several facts, each sentence once, in the order of the document."""
    seen: dict[tuple[Any, Any, Any], dict[str, Any]] = {}
    for items in groups:
        for e in items:
            seen.setdefault((e.get("start"), e.get("end"), e.get("text")), e)
    return sorted(seen.values(), key=lambda e: (e.get("start") is None, e.get("start") or 0))


def _num(v: Any) -> str | None:
    if v is None:
        return None
    return str(int(v)) if float(v).is_integer() else str(v)


def fact_words(rec: dict[str, Any]) -> dict[str, Any]:
    """The words of each fact, to mark in its evidence sentences."""
    p, d, o = rec["patient"], rec["diagnosis"], rec["outcome"]
    return {
        "patient": [_num(p.get("age_years")), *SEX_WORDS.get(p.get("sex") or "", [])],
        "diagnosis": [d.get("label"), *d.get("accept", []), d.get("grade")],
        "levels": rec["vertebrae"],
        "markers": [[m.get("name"), *m.get("accept", []), m.get("result"), m.get("pattern"),
                     _num(m.get("value_percent"))] for m in rec["markers"]],
        "genomic": [[g.get("gene5"), g.get("gene3"), g.get("gene"), g.get("variant"), *g.get("accept_gene", []),
                     f"{g.get('gene5')}::{g.get('gene3')}" if g.get("gene5") else None,
                     f"{g.get('gene5')}-{g.get('gene3')}" if g.get("gene5") else None] for g in rec["genomic"]],
        "interventions": [[i.get("label"), *i.get("accept", []), *i.get("agents", []), i.get("dose"),
                           _num(i.get("dose_gy")), i.get("response"), i.get("margin"), *i.get("levels", [])]
                          for i in rec["interventions"]],
        "outcome": [_num(o.get("follow_up_months")), "months", "recurrence", "recurred", "metastasis",
                    "metastases", o.get("status")],
    }


def steps(rec: dict[str, Any]) -> list[dict[str, Any]]:
    """The timeline of a case: presentation, each intervention in the order of its sequence, follow-up."""
    p = rec["patient"]
    who = ", ".join(x for x in (f"{_num(p['age_years'])} years" if p.get("age_years") is not None else None,
                                p.get("sex")) if x)
    out = [{"kind": "presentation", "category": "presentation", "mark": "P",
            "title": "; ".join(rec.get("symptoms") or []) or (rec["diagnosis"].get("label") or "presentation"),
            "detail": " · ".join(x for x in (who, ("imaging: " + ", ".join(rec["imaging"])) if rec.get("imaging")
                                             else None) if x)}]
    for n, i in enumerate(rec["interventions"], 1):
        detail = []
        if i.get("levels"):
            detail.append(", ".join(i["levels"]))
        if i.get("agents"):
            detail.append(", ".join(i["agents"]))
        for key, fmt in (("dose", "{}"), ("dose_gy", "{} Gy"), ("fractions", "{} fractions"), ("cycles", "{} cycles"),
                         ("margin", "margin: {}"), ("response", "response: {}"), ("result", "{}")):
            if i.get(key) is not None and i.get(key) != "":
                detail.append(fmt.format(_num(i[key]) if isinstance(i[key], (int, float)) else i[key]))
        if i.get("uneventful"):
            detail.append("uneventful course")
        out.append({"kind": CATEGORY.get(i.get("category") or "", i.get("category") or "intervention"),
                    "category": i.get("category"), "mark": str(n),
                    "title": i.get("label") or ", ".join(i.get("agents") or []) or (i.get("category") or ""),
                    # when it happened, on the event's own line, before what was done
                    "when": when_text(i.get("timing")),
                    "detail": " · ".join(detail)})
    o = rec["outcome"]
    fu = o.get("follow_up_months")
    detail = [x for x in (
        {True: "local recurrence", False: "no local recurrence"}.get(o.get("recurrence")),
        {True: "metastasis", False: "no metastasis"}.get(o.get("metastasis")), o.get("status")) if x]
    if o.get("recurrence_timing"):
        detail.insert(1, "recurrence " + (when_text(o["recurrence_timing"]) or "found"))
    out.append({"kind": "follow-up", "category": "outcome", "mark": "F",
                "title": (f"{_num(fu)} month" + ("" if fu == 1 else "s")) if fu is not None else "length not stated",
                "detail": " · ".join(detail) or "outcome not stated"})
    return out


SCALE = {"frankel": "Frankel", "asia": "ASIA", "mrc": "MRC"}


def timing_text(t: dict[str, Any] | None) -> str:
    """'three months later (3 months after the previous event)'."""
    if not t:
        return ""
    if t.get("months") is None:
        return str(t.get("text") or "")
    return f"{t.get('text')} ({_num(t['months'])} months after {t.get('relative_to') or 'the previous event'})"


def when_text(t: dict[str, Any] | None) -> str:
    """A short time for a timeline step: '3 months after the previous event', else the words of the report."""
    if not t:
        return ""
    if t.get("months") is not None:
        m = _num(t["months"])
        return f"{m} month{'' if m == 1 else 's'} after {t.get('relative_to') or 'the previous event'}"
    return str(t.get("text") or "")


def neuro_text(n: dict[str, Any]) -> str:
    """'Frankel C', 'MRC 4/5', 'neurologically intact'."""
    if n.get("scale") and n.get("grade"):
        return f"{SCALE[n['scale']]} {n['grade']}" + ("/5" if n["scale"] == "mrc" else "")
    return {True: "neurologically intact", False: "neurological deficit"}.get(bool(n.get("intact")), "") \
        if n.get("intact") is not None else ""


def clinical_words(rec: dict[str, Any]) -> dict[str, Any]:
    """The words to mark in the evidence of neurological assessments and complications."""
    return {
        "neurological": [[f"{SCALE.get(n.get('scale') or '')} {n.get('grade')}", f"{n.get('grade')}/5",
                          "intact", "deficit", "deficits", (n.get("timing") or {}).get("text")]
                         for n in rec.get("neurological", [])],
        "complications": [[c.get("label"), (c.get("timing") or {}).get("text")] for c in rec.get("complications", [])],
    }


def evidence_rows(items: list[dict[str, Any]], words: list[Any], *, keep_order: bool = False) -> list[dict[str, Any]]:
    """The rows of a fact table with each evidence sentence once: rows supported by the same sentences are put
    together (in first-seen order; with keep_order, only rows already next to each other, as interventions in
    sequence) and the first of them carries the evidence for all (``span`` rows), the others none (``span`` 0).
    Each row: ``item``, ``index`` (its place in the record), ``span`` and ``words`` (to mark, of the whole group)."""
    def key(it: dict[str, Any]) -> tuple[str, ...]:
        return tuple(e.get("text", "") for e in it.get("evidence") or [])

    order: list[int] = list(range(len(items)))
    if not keep_order:
        first: dict[tuple[str, ...], int] = {}
        for i, it in enumerate(items):
            first.setdefault(key(it), i)
        order.sort(key=lambda i: (first[key(items[i])] if key(items[i]) else i, i))
    rows: list[dict[str, Any]] = []
    for i in order:
        k = key(items[i])
        prev = rows[-1] if rows else None
        if k and prev is not None and key(prev["item"]) == k:
            lead = next(r for r in reversed(rows) if r["span"])
            lead["span"] += 1
            lead["words"] = [*lead["words"], *(words[i] if i < len(words) else [])]
            rows.append({"item": items[i], "index": i, "span": 0, "words": []})
        else:
            rows.append({"item": items[i], "index": i, "span": 1, "words": list(words[i] if i < len(words) else [])})
    return rows


def _ev(items: list[dict[str, Any]]) -> str:
    return " | ".join(e.get("text", "") for e in items)


def tables(rec: dict[str, Any]) -> list[Table]:
    """The case's tables, as its page offers them for download."""
    markers = Table("markers", ["marker", "term", "result", "pattern", "percent", "evidence"], [
        [m["name"], iris.curie(m["term"]) if m.get("term") else "", m.get("result"), m.get("pattern"),
         m.get("value_percent"), _ev(m["evidence"])] for m in rec["markers"]], "Immunohistochemistry")
    genomic = Table("genomic", ["kind", "finding", "term", "method", "evidence"], [
        [g["kind"], f"{g.get('gene5') or '?'}::{g.get('gene3') or '?'}" if g["kind"] == "fusion"
         else f"{g.get('gene')} {g.get('variant') or ''}".strip() + (f" ({g['origin']})" if g.get("origin") else ""),
         iris.curie(g["term"]) if g.get("term") else "",
         g.get("method"), _ev(g["evidence"])] for g in rec["genomic"]], "Genomic findings")
    interventions = Table("interventions", ["sequence", "category", "procedure", "steps", "term", "drugs", "levels",
                                            "dose", "dose_gy", "cycles", "response", "evidence"], [
        [n, i.get("category"), i.get("label"), "; ".join(i.get("steps") or []),
         iris.curie(i["term"]) if i.get("term") else "",
         "; ".join(i.get("agents") or []), ", ".join(i.get("levels") or []), i.get("dose"), i.get("dose_gy"),
         i.get("cycles"), i.get("response"), _ev(i["evidence"])] for n, i in enumerate(rec["interventions"], 1)],
        "Interventions")
    neuro = Table("neurological", ["assessment", "scale", "grade", "intact", "assessed", "timing", "term",
                                   "evidence"], [
        [neuro_text(n), n.get("scale"), n.get("grade"), n.get("intact"), n.get("assessed"),
         timing_text(n.get("timing")), iris.curie(n["term"]) if n.get("term") else "", _ev(n["evidence"])]
        for n in rec.get("neurological", [])],
        "Neurological status")
    comps = Table("complications", ["complication", "term", "after_intervention", "timing", "evidence"], [
        [c.get("label"), iris.curie(c["term"]) if c.get("term") else "", c.get("after"), timing_text(c.get("timing")),
         _ev(c["evidence"])] for c in rec.get("complications", [])], "Complications")
    facts = Table("evidence", ["evidence", "start", "end", "facts"], [], "Evidence")
    d, p, o = rec["diagnosis"], rec["patient"], rec["outcome"]
    groups = [("patient", f"{_num(p.get('age_years')) or '?'} years, {p.get('sex') or '?'}", p["evidence"]),
              ("diagnosis", d.get("label"), d["evidence"]),
              *[("level", v["label"], v["evidence"]) for v in rec.get("details", {}).get("vertebrae", [])],
              *[("marker", f"{m['name']} {m.get('result') or ''}".strip(), m["evidence"]) for m in rec["markers"]],
              *[("genomic", r[1], g["evidence"]) for r, g in zip(genomic.rows, rec["genomic"], strict=True)],
              *[("intervention", i.get("label"), i["evidence"]) for i in rec["interventions"]],
              *[("neurological", neuro_text(n), n["evidence"]) for n in rec.get("neurological", [])],
              *[("complication", c.get("label"), c["evidence"]) for c in rec.get("complications", [])],
              ("outcome", o.get("status") or "", o["evidence"])]
    # each sentence once, with every fact it supports
    by_text: dict[tuple[Any, ...], list[str]] = {}
    for fact, value, evs in groups:
        for e in evs:
            k = (e.get("text"), e.get("start"), e.get("end"))
            supported = by_text.setdefault(k, [])
            if f"{fact}: {value}" not in supported:
                supported.append(f"{fact}: {value}")
    for (text, start, end), supported in by_text.items():
        facts.rows.append([text, start, end, "; ".join(supported)])
    return [markers, genomic, interventions, neuro, comps, facts]
