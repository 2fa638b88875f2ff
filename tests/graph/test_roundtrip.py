"""Curated records -> graph -> case-json gives back every scored field."""

import json
import subprocess
import sys

import pytest
from conftest import CASES, SHARED

SCORED = ("patient", "diagnosis", "vertebrae", "markers", "genomic", "interventions", "outcome")


def _scored(rec):
    out = {"patient": {k: rec["patient"].get(k) for k in ("age_years", "sex")},
           "diagnosis": rec["diagnosis"].get("label"), "vertebrae": sorted(rec["vertebrae"]),
           "markers": [(m["name"], m["result"], m.get("value_percent")) for m in rec["markers"]],
           "genomic": [{k: v for k, v in g.items() if k in ("kind", "gene5", "gene3", "exon5", "exon3", "gene",
                                                             "variant")} for g in rec["genomic"]],
           "interventions": [(i["category"], i.get("label"), sorted(i.get("agents") or [])) for i in
                             rec["interventions"]],
           "outcome": {k: rec["outcome"].get(k) for k in ("follow_up_months", "recurrence", "metastasis", "status")}}
    for g in out["genomic"]:
        for k in ("exon5", "exon3", "gene5", "gene3", "variant"):
            g.setdefault(k, None)
    return out


def test_case_json_round_trip(store):
    exported = {r["document"]: r for r in store.case_records()}
    assert len(exported) == len(CASES)
    for path in CASES:
        gold = json.loads(path.read_text())
        got = exported[gold["document"]]
        assert _scored(got) == _scored(gold), path.name


@pytest.mark.skipif(not (SHARED / "eval" / "score.py").exists(), reason="needs ../shared/eval/score.py")
def test_score_py_gives_one(tmp_path, runner):
    from spinekg.cli import main

    st = tmp_path / "store"
    files = [str(p) for p in sorted((SHARED / "seeds").glob("*.json"))] + \
            [str(p) for p in sorted((SHARED / "corpus" / "cases").glob("*.json"))]
    res = runner.invoke(main, ["ingest", *files, "--store", str(st)])
    assert res.exit_code == 0, res.output
    out = tmp_path / "out.json"
    res = runner.invoke(main, ["export", "--store", str(st), "--format", "case-json", "-o", str(out)])
    assert res.exit_code == 0, res.output
    for gold in (SHARED / "seeds", SHARED / "corpus" / "cases"):
        r = subprocess.run([sys.executable, str(SHARED / "eval" / "score.py"), str(gold), str(out)],
                           capture_output=True, text=True, check=True)
        assert "micro_f1=1.000" in r.stdout.splitlines()[-1], r.stdout
