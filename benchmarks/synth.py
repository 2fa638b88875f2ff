"""Synthetic case records and report texts for benchmarks: realistic, any N, deterministic by seed.

    python benchmarks/synth.py --cases 1000 --seed 7 --out cases.jsonl [--texts DIR]

Distributions (documented so the figures can be judged):

- Tumor types of the spine and their shares: Zhou et al., "Epidemiological characteristics of
  primary spinal osseous tumors in Eastern China", World J Surg Oncol 2017;15:73
  (doi:10.1186/s12957-017-1136-1), 1,209 cases: hemangioma 28.1 %, giant cell tumor of bone
  15.7 %, chordoma 9.8 %, plasma cell myeloma 8.5 %, osteoblastoma 4.4 %; the four primary
  malignant bone sarcomas in the proportions of the SEER series of Mukherjee et al. (827 cases:
  chondrosarcoma 282, chordoma 215, Ewing sarcoma 172, osteosarcoma 158; PMC3676564). Intradural
  and soft-tissue entities that fill the case-report literature (schwannoma, meningioma,
  ependymoma, solitary fibrous tumor, ...) share the remainder, weighted by hand.
- Region: thoracic 38.1 %, cervical 27.4 %, lumbar 18.4 %, sacral the rest (Zhou et al.);
  1-3 contiguous levels.
- Age: benign mean 34.7 (SD 19.8), malignant 47.4 (SD 16.5) years; men 1.1-2:1 (Zhou et al.).
- Presenting symptoms: pain 54 %, radiculopathy 13 %, cord compression 9 %, mass 6 %, pathological
  fracture 5 % (Zhou et al.), written as the ontology's symptoms (back pain, radicular pain,
  myelopathy, palpable mass, lower limb weakness).
- Follow-up and recurrence: mean 72 months (1-279), local recurrence about one third after surgery
  in chordoma (Meng et al., Neuro-Oncology 2015;17:725, PMC4482860); other types use the same shape
  scaled by behaviour.
- Markers, fusions and drugs: each entity's typical profile (WHO 5th ed. defining alterations and
  stains), with a 10 % chance of an off-profile result, as case reports show.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from spinekg.levels import LEVELS

# entity: (weight, behaviour, typical markers (+/-), fusion (5', 3') or None, surgery, adjuvant)
ENTITIES: dict[str, tuple[float, str, list[tuple[str, str]], tuple[str, str] | None, str, str | None]] = {
    "vertebral hemangioma": (28.1, "benign", [("CD34", "positive"), ("CD31", "positive")], None,
                             "vertebroplasty", None),
    "giant cell tumor of bone": (15.7, "intermediate", [("H3.3 G34W", "positive"), ("Ki-67", "positive")], None,
                                 "total en bloc spondylectomy", "denosumab"),
    "chordoma": (9.8, "malignant", [("brachyury", "positive"), ("S100", "positive"), ("cytokeratin", "positive"),
                                    ("EMA", "positive")], None, "total en bloc spondylectomy", "proton beam therapy"),
    "plasma cell myeloma": (8.5, "malignant", [("CD138", "positive"), ("CD20", "negative")], None,
                            "decompressive laminectomy", "bortezomib"),
    "osteoblastoma": (4.4, "intermediate", [("SATB2", "positive")], None, "curettage", None),
    "chondrosarcoma": (4.2, "malignant", [("S100", "positive"), ("brachyury", "negative")], None,
                       "en bloc resection", None),
    "Ewing sarcoma": (2.6, "malignant", [("CD99", "positive"), ("NKX2.2", "positive")], ("EWSR1", "FLI1"),
                      "en bloc resection", "VDC/IE"),
    "osteosarcoma": (2.4, "malignant", [("SATB2", "positive"), ("MDM2", "negative")], None, "en bloc resection",
                     "MAP"),
    "aneurysmal bone cyst": (3.0, "benign", [], None, "curettage", "arterial embolization"),
    "schwannoma": (6.0, "benign", [("S100", "positive"), ("SOX10", "positive"), ("EMA", "negative")], None,
                   "laminectomy", None),
    "meningioma": (3.0, "benign", [("EMA", "positive"), ("progesterone receptor", "positive")], None,
                   "laminectomy", None),
    "myxopapillary ependymoma": (2.0, "intermediate", [("GFAP", "positive")], None, "gross total resection",
                                 "radiotherapy"),
    "solitary fibrous tumor": (2.0, "intermediate", [("STAT6", "positive"), ("CD34", "positive")],
                               ("NAB2", "STAT6"), "gross total resection", None),
    "synovial sarcoma": (1.0, "malignant", [("TLE1", "positive"), ("EMA", "positive")], ("SS18", "SSX1"),
                         "en bloc resection", "doxorubicin"),
    "mesenchymal chondrosarcoma": (0.6, "malignant", [("CD99", "positive"), ("S100", "negative")],
                                   ("HEY1", "NCOA2"), "en bloc resection", "radiotherapy"),
    "epithelioid hemangioendothelioma": (0.6, "malignant", [("CD31", "positive"), ("ERG", "positive")],
                                         ("WWTR1", "CAMTA1"), "total en bloc spondylectomy", None),
    "NTRK-rearranged spindle cell neoplasm": (0.3, "intermediate", [("pan-TRK", "positive"), ("S100", "positive")],
                                              ("ETV6", "NTRK3"), "total en bloc spondylectomy", "larotrectinib"),
    "Langerhans cell histiocytosis": (2.0, "intermediate", [("CD1a", "positive"), ("langerin", "positive")], None,
                                      "curettage", "vinblastine"),
    "diffuse large B-cell lymphoma": (2.0, "malignant", [("CD20", "positive"), ("CD3", "negative")], None,
                                      "decompressive laminectomy", "R-CHOP"),
}
REGIONS = (("C", 7, 27.4), ("T", 12, 38.1), ("L", 5, 18.4), ("S", 5, 16.1))
SYMPTOMS = (("back pain", 54.4), ("radicular pain", 12.9), ("myelopathy", 9.2), ("palpable mass", 5.7),
            ("lower limb weakness", 4.7))
REGIMENS = {"VDC/IE": ["vincristine", "doxorubicin", "cyclophosphamide", "ifosfamide", "etoposide"],
            "MAP": ["methotrexate", "doxorubicin", "cisplatin"],
            "R-CHOP": ["rituximab", "cyclophosphamide", "doxorubicin", "vincristine", "prednisone"]}
DRUG_CATEGORY = {"denosumab": "targeted_therapy", "bortezomib": "targeted_therapy", "larotrectinib":
                 "targeted_therapy", "doxorubicin": "chemotherapy", "vinblastine": "chemotherapy"}


def _levels(rng: random.Random) -> list[str]:
    prefix, n, _ = rng.choices(REGIONS, weights=[r[2] for r in REGIONS])[0]
    first = rng.randint(1, n)
    span = rng.choices((1, 2, 3), weights=(60, 30, 10))[0]
    start = LEVELS.index(f"{prefix}{first}")
    return list(LEVELS[start:start + span]) if start + span <= LEVELS.index("S5") + 1 else [f"{prefix}{first}"]


def record(i: int, rng: random.Random) -> dict[str, Any]:
    """One synthetic curated case record (the dict face of spinekg.model.CaseRecord)."""
    names = list(ENTITIES)
    name = rng.choices(names, weights=[ENTITIES[n][0] for n in names])[0]
    _, behaviour, markers, fusion, surgery, adjuvant = ENTITIES[name]
    malignant = behaviour == "malignant"
    age = max(1, min(90, round(rng.gauss(47.4, 16.5) if malignant else rng.gauss(34.7, 19.8))))
    levels = _levels(rng)
    ihc = [{"name": m, "result": r if rng.random() > 0.1 else ("negative" if r == "positive" else "positive")}
           for m, r in markers]
    if rng.random() < 0.6:
        ihc.append({"name": "Ki-67", "result": "positive", "value_percent": rng.choice((2, 5, 10, 20, 30, 40))})
    interventions: list[dict[str, Any]] = [{"category": "biopsy", "label": rng.choice(
        ("CT-guided biopsy", "open biopsy", "needle biopsy"))}]
    interventions.append({"category": "surgery", "label": surgery, "levels": levels})
    if adjuvant in REGIMENS:
        interventions.append({"category": "chemotherapy", "label": adjuvant, "agents": REGIMENS[adjuvant],
                              "cycles": rng.choice((4, 6, 14))})
    elif adjuvant in DRUG_CATEGORY:
        interventions.append({"category": DRUG_CATEGORY[adjuvant], "label": adjuvant, "agents": [adjuvant]})
    elif adjuvant in ("radiotherapy", "proton beam therapy"):
        interventions.append({"category": "radiotherapy", "label": adjuvant,
                              "dose_gy": rng.choice((45.0, 50.4, 54.0, 70.0)), "fractions": rng.choice((25, 28, 30))})
    elif adjuvant == "arterial embolization":
        interventions.insert(1, {"category": "embolization", "label": "arterial embolization"})
    follow = max(1, min(279, round(rng.expovariate(1 / 72))))
    recurred = rng.random() < (0.33 if malignant else 0.12)
    status = ("died of disease" if malignant and recurred and rng.random() < 0.4 else
              "alive with disease" if recurred else "no evidence of disease")
    return {
        "document": f"synthetic-{i:06d}.txt", "id": f"synthetic-{i:06d}",
        "source": {"title": f"Synthetic case {i}: {name} of the spine", "year": rng.randint(1990, 2026)},
        "patient": {"age_years": age, "sex": "male" if rng.random() < 0.6 else "female"},
        "diagnosis": {"label": name, "primary": True},
        "vertebrae": levels, "markers": ihc,
        "genomic": [{"kind": "fusion", "gene5": fusion[0], "gene3": fusion[1]}] if fusion and rng.random() < 0.7
        else [],
        "interventions": interventions,
        "imaging": rng.sample(["MRI", "CT", "X-ray", "PET-CT"], k=2),
        "symptoms": [rng.choices([s for s, _ in SYMPTOMS], weights=[w for _, w in SYMPTOMS])[0]],
        "outcome": {"follow_up_months": follow, "recurrence": recurred, "metastasis": malignant and recurred and
                    rng.random() < 0.5, "status": status},
    }


def records(n: int, seed: int = 1) -> Iterator[dict[str, Any]]:
    rng = random.Random(seed)
    for i in range(n):
        yield record(i, rng)


def report_text(rec: dict[str, Any]) -> str:
    """A short case report in prose for the record (for text-extraction throughput)."""
    p, d, lv = rec["patient"], rec["diagnosis"], rec["vertebrae"]
    where = lv[0] if len(lv) == 1 else f"{lv[0]}-{lv[-1]}"
    pos = [m["name"] for m in rec["markers"] if m["result"] == "positive" and "value_percent" not in m]
    neg = [m["name"] for m in rec["markers"] if m["result"] == "negative"]
    ki = next((m for m in rec["markers"] if "value_percent" in m), None)
    person = "man" if p["sex"] == "male" else "woman"
    parts = [f"A {p['age_years']}-year-old {person} presented with {rec['symptoms'][0]}.",
             f"{' and '.join(rec['imaging'])} showed a lesion involving {where}."]
    iv = rec["interventions"]
    parts.append(f"A {iv[0]['label']} was performed.")
    if pos:
        parts.append(f"Immunohistochemistry was positive for {', '.join(pos)}"
                     + (f" and negative for {', '.join(neg)}." if neg else "."))
    if ki:
        parts.append(f"The Ki-67 index was {ki['value_percent']}%.")
    for g in rec["genomic"]:
        parts.append(f"Sequencing identified a {g['gene5']}-{g['gene3']} fusion.")
    parts.append(f"The diagnosis was {d['label']}.")
    for x in iv[1:]:
        if x["category"] == "surgery":
            parts.append(f"The patient underwent {x['label']} of {where}.")
        elif x["category"] == "radiotherapy":
            parts.append(f"Adjuvant {x['label']} ({x['dose_gy']} Gy in {x['fractions']} fractions) followed.")
        elif x.get("agents"):
            parts.append(f"{x['label'].capitalize()} was given" + (f" for {x['cycles']} cycles." if x.get("cycles")
                                                                  else "."))
        else:
            parts.append(f"Preoperative {x['label']} was performed.")
    o = rec["outcome"]
    parts.append(f"At {o['follow_up_months']} months of follow-up "
                 + ("local recurrence was detected." if o["recurrence"] else "there was no local recurrence."))
    return " ".join(parts) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cases", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", type=Path, help="JSON-lines file of case records (default stdout)")
    ap.add_argument("--texts", type=Path, help="also write one report text per case into this folder")
    args = ap.parse_args(argv)
    out = args.out.open("w", encoding="utf-8") if args.out else sys.stdout
    if args.texts:
        args.texts.mkdir(parents=True, exist_ok=True)
    for rec in records(args.cases, args.seed):
        out.write(json.dumps(rec) + "\n")
        if args.texts:
            (args.texts / rec["document"]).write_text(report_text(rec), encoding="utf-8")
    if args.out:
        out.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
