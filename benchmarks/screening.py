"""Precision and recall of harvest screening (spinekg.loaders.screening) on a labelled set of PubMed records.

    python benchmarks/screening.py [tests/data/screening/labelled.jsonl] [--errors]

Prints the confusion counts, precision and recall of "included", the accuracy of the exclusion reason among
records both sides exclude, and with --errors every disagreement.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

from spinekg.loaders.screening import screen


def main(argv: list[str]) -> int:
    path = Path(next((a for a in argv if not a.startswith("--")),
                     Path(__file__).resolve().parents[1] / "tests" / "data" / "screening" / "labelled.jsonl"))
    rows = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
    c: Counter[str] = Counter()
    reasons: Counter[str] = Counter()
    errors = []
    for r in rows:
        v = screen(r["title"], r.get("abstract") or "", r.get("publication_types") or [])
        want = r["label"] == "included"
        c["tp" if v.included and want else "fp" if v.included else "fn" if want else "tn"] += 1
        if not v.included and not want:
            reasons["same reason" if v.reason == r.get("reason") else "other reason"] += 1
        if v.included != want:
            errors.append(f"{r.get('pmid')}: labelled {r['label']} ({r.get('reason')}), screened {v} | {r['title']}")
    p = c["tp"] / max(1, c["tp"] + c["fp"])
    rec = c["tp"] / max(1, c["tp"] + c["fn"])
    print(f"records: {len(rows)} ({c['tp'] + c['fn']} included by the labels)")
    print(f"tp {c['tp']}  fp {c['fp']}  fn {c['fn']}  tn {c['tn']}")
    print(f"precision {p:.3f}  recall {rec:.3f}")
    print(f"exclusion reason agrees on {reasons['same reason']} of {sum(reasons.values())} agreed exclusions")
    if "--errors" in argv:
        print("\n".join(errors))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
