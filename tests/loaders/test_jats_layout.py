"""PMC JATS articles laid out as the text extractor reads any article: headings, nested case subsections,
a series' "Case 1"/"Case 2" sections, figure legends and tables out of the prose, the discussion's patients
and its literature table telling nothing about ours."""

from __future__ import annotations

import pytest
from spinekg.loaders import load_path
from spinekg.ontology import ontology_path

pytestmark = pytest.mark.skipif(not ontology_path().exists(), reason="the ontology is not there yet")

JATS = """<?xml version="1.0" encoding="UTF-8"?>
<article article-type="case-report" dtd-version="1.2"><front><article-meta>
<article-id pub-id-type="doi">10.9999/x.1</article-id>
<title-group><article-title>Two chordomas</article-title></title-group>
<abstract><sec><title>Background</title><p>Chordoma is rare; a 70-year-old man at C4 was described before.</p></sec>
<sec><title>Case presentation</title><p>We report two patients with chordoma.</p></sec></abstract>
</article-meta></front><body>
<sec><label>1</label><title>Introduction</title><p>Smith et al. treated a 34-year-old man with an L2 chordoma
with imatinib.</p></sec>
<sec><label>2</label><title>Case presentations</title>
 <sec><label>2.1</label><title>Case 1</title>
  <sec><title>History</title><p>A 61-year-old man presented with coccygeal pain. MRI showed an S3-S5 mass
  <fig id="f1"><label>Figure 1</label><caption><p>MRI before chemotherapy with doxorubicin.</p></caption></fig>
  and he underwent en bloc sacrectomy.</p></sec>
  <sec><title>Pathology</title><p>The tumour was positive for brachyury.</p></sec></sec>
 <sec><label>2.2</label><title>Case 2</title><p>A 45-year-old woman had a C2 chordoma treated with proton therapy
 to 74 Gy.</p></sec></sec>
<sec><label>3</label><title>Discussion</title><p>Recurrence is common.</p>
 <table-wrap><label>Table 1</label><caption><p>Published cases</p></caption><table>
 <tr><th>Author</th><th>Age/sex</th><th>Level</th><th>Treatment</th></tr>
 <tr><td>Lee</td><td>30/M</td><td>L3</td><td>denosumab</td></tr></table></table-wrap></sec>
</body></article>
"""


def test_a_jats_series_is_read_like_any_article(tmp_path):
    p = tmp_path / "two.xml"
    p.write_text(JATS)
    one, two = (r.to_dict() for r in load_path(p).records)
    assert (one["patient"]["age_years"], one["vertebrae"], two["patient"]["age_years"], two["vertebrae"]) == (
        61, ["S3", "S4", "S5"], 45, ["C2"])
    assert [i["category"] for i in one["interventions"]] == ["surgery"]  # not the legend's chemotherapy
    assert [i["category"] for i in two["interventions"]] == ["radiotherapy"]
    assert [m["name"] for m in one["markers"]] == ["brachyury"] and two["markers"] == []
    assert one["source"]["doi"] == "10.9999/x.1"
    for r in (one, two):
        assert not any("Lee" in e["text"] or "Smith" in e["text"] for i in r["interventions"] for e in i["evidence"])


TABLED = """<?xml version="1.0" encoding="UTF-8"?>
<article article-type="case-report" dtd-version="1.2"><front><article-meta>
<title-group><article-title>A cutaneous Langerhans cell sarcoma</article-title></title-group>
</article-meta></front><body>
<sec><title>Case</title><p>A 71-year-old woman had a plaque on the knee.</p></sec>
<sec><title>Immunohistochemistry</title><table-wrap><table>
<tr><th>Antibody</th><th>Result</th></tr><tr><td>CD1a</td><td>positive</td></tr>
<tr><td>CD68</td><td>focally positive</td></tr><tr><td>S100</td><td>negative</td></tr></table></table-wrap></sec>
</body></article>
"""


def test_a_jats_results_table_is_read_as_the_text_reads_one(tmp_path):
    p = tmp_path / "tabled.xml"
    p.write_text(TABLED)
    (r,) = (x.to_dict() for x in load_path(p).records)
    assert {m["name"]: m["result"] for m in r["markers"]} == {"CD1a": "positive", "CD68": "positive",
                                                              "S100": "negative"}


def test_a_malformed_identifier_is_left_out_not_the_article(tmp_path):
    p = tmp_path / "two-dois.xml"
    p.write_text(TABLED.replace("<title-group>", '<article-id pub-id-type="doi">10.3389/x.1 | 10.3892/y.2</article-id>'
                                                 "<title-group>"))
    res = load_path(p)
    (r,) = (x.to_dict() for x in res.records)
    assert r["source"]["doi"] is None and r["markers"]
    assert any("not a DOI" in w for w in res.warnings)
