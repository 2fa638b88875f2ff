"""Assertion status of clinical mentions: spinekg's negation module against medspaCy ConText and negspacy (NegEx).

    python benchmarks/assertion.py [--set tests/data/assertion/mentions.jsonl] [--repeat 5] [--out FILE.json]

Each line of the set is a sentence from a case report, one mention in it (start/end offsets) and its gold status:
asserted, negated, excluded (a diagnosis ruled out), hedged (suspected, differential) or proposed (a treatment
recommended, planned, declined, not feasible). Three systems label every mention:

- spinekg: ``spinekg.loaders.extract.negation.status(sentence, start, end)``;
- medspaCy ConText with its default rules, the mention registered as the only entity of a blank English
  pipeline with a sentencizer: NEGATED_EXISTENCE -> negated, else POSSIBLE_EXISTENCE -> hedged, else
  HYPOTHETICAL -> proposed; HISTORICAL and FAMILY (and no modifier) -> asserted;
- negspacy's Negex with the "en_clinical" termset, same pipeline: negated or asserted.

Figures are given in four views. "5-class": the gold labels as they are, except that a gold 'excluded' counts as
'negated' for the two libraries, which cannot tell a ruled-out diagnosis from an absent finding. "4-class": negated
and excluded merged for every system (the like-for-like view). "3-class": asserted / negated-or-excluded /
hedged-or-proposed. "negation-only": the mentions whose gold is asserted, negated or excluded, scored as absent
(negated or excluded) or not, whatever else a system says (a hedged or proposed answer counts as not absent).
Macro-F1 is the mean F1 over the gold classes of the view. Mentions per second time the whole
per-mention call on one core (for the libraries: tokenising the sentence, the sentencizer, setting the entity and
the ConText/Negex component), best of --repeat passes.

medspacy and negspacy are not dependencies of spinekg (``pip install medspacy negspacy`` in a separate
environment); a system whose package is missing is reported as skipped.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
import warnings
from collections import Counter
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SET = ROOT / "tests" / "data" / "assertion" / "mentions.jsonl"
LABELS = ("asserted", "negated", "excluded", "hedged", "proposed")

Mention = dict
Labeller = Callable[[Mention], str]


def load_set(path: Path) -> list[Mention]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    for r in rows:
        if r["sentence"][r["start"]:r["end"]] != r["mention"] or r["label"] not in LABELS:
            raise ValueError(f"bad line in {path}: {r}")
    return rows


# --- the three systems -------------------------------------------------------------------------------------------

def spinekg_labeller() -> Labeller:
    from spinekg.loaders.extract.negation import status

    def label(m: Mention) -> str:
        return status(m["sentence"], m["start"], m["end"]) or "asserted"

    return label


def _spacy_labeller(component: str, config: dict | None, decide: Callable) -> Labeller:
    import spacy

    nlp = spacy.blank("en")
    sentencizer = nlp.add_pipe("sentencizer")
    comp = nlp.add_pipe(component, config=config or {})

    def label(m: Mention) -> str:
        doc = sentencizer(nlp.make_doc(m["sentence"]))
        span = doc.char_span(m["start"], m["end"], label="ENTITY", alignment_mode="expand")
        doc.ents = [span]
        return decide(comp(doc).ents[0])

    return label


def medspacy_labeller() -> Labeller:
    import medspacy  # noqa: F401  (registers the "medspacy_context" factory)

    def decide(ent) -> str:
        cats = {mod.category for mod in ent._.modifiers}
        if "NEGATED_EXISTENCE" in cats:
            return "negated"
        if "POSSIBLE_EXISTENCE" in cats:
            return "hedged"
        if "HYPOTHETICAL" in cats:
            return "proposed"
        return "asserted"  # HISTORICAL, FAMILY or no modifier: the entity is there (in the past, in a relative)

    return _spacy_labeller("medspacy_context", None, decide)


def negspacy_labeller() -> Labeller:
    from negspacy.negation import Negex  # noqa: F401  (registers the "negex" factory)
    from negspacy.termsets import termset

    return _spacy_labeller("negex", {"neg_termset": termset("en_clinical").get_patterns()},
                           lambda ent: "negated" if ent._.negex else "asserted")


SYSTEMS: dict[str, tuple[Callable[[], Labeller], bool]] = {
    # name: (factory, tells 'excluded' apart from 'negated')
    "spinekg": (spinekg_labeller, True),
    "medspacy-context": (medspacy_labeller, False),
    "negspacy-negex": (negspacy_labeller, False),
}


# --- scoring -----------------------------------------------------------------------------------------------------

_FOUR = {"excluded": "negated"}
_THREE = {"excluded": "negated", "proposed": "hedged"}
#: column names of the merged classes in the printed table
VIEW_NAMES = {"4-class": {"negated": "neg+excl"}, "3-class": {"negated": "neg+excl", "hedged": "hedg+prop"},
              "negation-only": {"asserted": "not neg", "negated": "neg+excl"}}


def view_pairs(gold: list[str], pred: list[str], view: str, tells_excluded: bool) -> tuple[list[str], list[str]]:
    if view == "5-class":
        if tells_excluded:
            return gold, pred
        return [_FOUR.get(g, g) for g in gold], pred
    if view == "negation-only":  # the libraries' home ground: absent or not, on the mentions whose gold is one of those
        keep = [i for i, g in enumerate(gold) if g in ("asserted", "negated", "excluded")]
        neg = {"negated", "excluded"}
        return (["negated" if gold[i] in neg else "asserted" for i in keep],
                ["negated" if pred[i] in neg else "asserted" for i in keep])
    table = _FOUR if view == "4-class" else _THREE
    return [table.get(g, g) for g in gold], [table.get(p, p) for p in pred]


def score(gold: list[str], pred: list[str]) -> dict:
    classes = [c for c in LABELS if c in set(gold)]
    per: dict[str, dict] = {}
    f1s = []
    for c in classes:
        tp = sum(g == p == c for g, p in zip(gold, pred, strict=True))
        npred = sum(p == c for p in pred)
        ngold = sum(g == c for g in gold)
        prec = tp / npred if npred else 0.0
        rec = tp / ngold if ngold else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        f1s.append(f1)
        per[c] = {"precision": round(prec, 3), "recall": round(rec, 3), "f1": round(f1, 3), "support": ngold}
    acc = sum(g == p for g, p in zip(gold, pred, strict=True)) / len(gold)
    return {"accuracy": round(acc, 4), "macro_f1": round(sum(f1s) / len(f1s), 4), "per_class": per}


def bootstrap_ci(gold: list[str], pred: list[str], n: int = 1000, seed: int = 7) -> tuple[float, float]:
    """95% percentile interval of the accuracy over mentions resampled with replacement."""
    rng = random.Random(seed)
    hits = [g == p for g, p in zip(gold, pred, strict=True)]
    accs = sorted(sum(rng.choices(hits, k=len(hits))) / len(hits) for _ in range(n))
    return round(accs[int(0.025 * n)], 3), round(accs[int(0.975 * n) - 1], 3)


def timed(label: Labeller, rows: list[Mention], repeat: int) -> tuple[list[str], float]:
    preds = [label(m) for m in rows]  # warm-up (pattern compilation, lazy imports) and the predictions
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        for m in rows:
            label(m)
        best = min(best, time.perf_counter() - t0)
    return preds, len(rows) / best


def confusion(gold: list[str], pred: list[str]) -> dict[str, dict[str, int]]:
    c = Counter(zip(gold, pred, strict=True))
    return {g: {p: c[(g, p)] for p in LABELS if c[(g, p)]} for g in LABELS if any(c[(g, p)] for p in LABELS)}


# --- report ------------------------------------------------------------------------------------------------------

def print_table(results: dict, views: list[str]) -> None:
    for view in views:
        print(f"\n== {view} ==")
        systems = [s for s in results["systems"] if "scores" in results["systems"][s]]
        classes = []
        for s in systems:
            for c in results["systems"][s]["scores"][view]["per_class"]:
                if c not in classes:
                    classes.append(c)
        names = VIEW_NAMES.get(view, {})
        head = f"{'system':18} {'acc':>6} {'macroF1':>8}" + "".join(f" {names.get(c, c)[:9] + ' P/R':>15}"
                                                                   for c in classes)
        print(head + f" {'mentions/s':>11}")
        for s in systems:
            sc = results["systems"][s]["scores"][view]
            cells = ""
            for c in classes:
                pc = sc["per_class"].get(c)
                cells += f" {pc['precision']:>7.2f}/{pc['recall']:<4.2f}".rjust(16) if pc else f" {'-':>15}"
            print(f"{s:18} {sc['accuracy']:>6.3f} {sc['macro_f1']:>8.3f}{cells} "
                  f"{results['systems'][s]['mentions_per_s']:>11.0f}")
        for s in systems:
            lo, hi = results["systems"][s]["scores"][view]["accuracy_95ci"]
            print(f"  {s}: accuracy 95% bootstrap interval {lo:.3f}-{hi:.3f}")
    print("\n(5-class: for the libraries a gold 'excluded' is scored as 'negated'; P/R = precision/recall)")
    for s, r in results["systems"].items():
        if "skipped" in r:
            print(f"\n{s}: skipped ({r['skipped']})")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--set", type=Path, default=DEFAULT_SET, help="the labelled mentions (JSON lines)")
    ap.add_argument("--repeat", type=int, default=5, help="timed passes per system; the best is kept (default 5)")
    ap.add_argument("--systems", default=",".join(SYSTEMS), help="comma-separated subset of " + ",".join(SYSTEMS))
    ap.add_argument("--out", type=Path, help="write the figures, confusion matrices and spinekg's errors as JSON")
    args = ap.parse_args(argv)
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    warnings.filterwarnings("ignore")  # spaCy/medspaCy start-up chatter
    rows = load_set(args.set)
    gold = [m["label"] for m in rows]
    views = ["5-class", "4-class", "3-class", "negation-only"]
    results: dict = {"set": str(args.set.relative_to(ROOT) if args.set.is_relative_to(ROOT) else args.set),
                     "mentions": len(rows), "gold": dict(Counter(gold)), "systems": {}}
    for name in args.systems.split(","):
        factory, tells_excluded = SYSTEMS[name]
        try:
            label = factory()
        except ImportError as e:
            results["systems"][name] = {"skipped": f"not installed: {e.name}"}
            continue
        preds, rate = timed(label, rows, args.repeat)
        entry: dict = {"mentions_per_s": round(rate, 1), "tells_excluded": tells_excluded, "scores": {}}
        for view in views:
            g, p = view_pairs(gold, preds, view, tells_excluded)
            entry["scores"][view] = score(g, p)
            entry["scores"][view]["accuracy_95ci"] = bootstrap_ci(g, p)
        entry["confusion_5class"] = confusion(gold, preds)
        errors = [{"sentence": m["sentence"], "mention": m["mention"], "gold": m["label"], "got": p,
                   "source": m["source"]}
                  for m, p in zip(rows, preds, strict=True)
                  if p != (m["label"] if tells_excluded else _FOUR.get(m["label"], m["label"]))]
        entry["errors"] = len(errors)
        if name == "spinekg":  # the module under development: every disagreement, for whoever fixes it
            entry["error_list"] = errors
        results["systems"][name] = entry
    print(f"{len(rows)} mentions: " + ", ".join(f"{c} {results['gold'].get(c, 0)}" for c in LABELS))
    print_table(results, views)
    if args.out:
        args.out.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"\nwrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
