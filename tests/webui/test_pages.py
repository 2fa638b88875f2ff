"""Every page type renders, for every kind of entity of the fixture store; search, browse, downloads, escaping."""

import csv
import io
import json

import pytest
from spinekg.webui import create_app

from spinekg.model import CaseRecord

# one entity of each kind of the fixture store, and the kind its page must say it is
ENTITIES = {
    "case": ("/case/dev-012", "case"),
    "report": ("/report/doi-10.1016-j.ijscr.2017.08.045", "report"),
    "tumor type": ("/ontology/SolitaryFibrousTumor", "tumor type"),
    "tumor type with subtypes": ("/ontology/Chondrosarcoma", "tumor type"),
    "vertebra": ("/ontology/T11", "vertebra"),
    "region": ("/ontology/ThoracicSpine", "region"),
    "marker": ("/marker/CD34", "marker"),
    "gene": ("/gene/NTRK3", "gene"),
    "fusion": ("/fusion/NAB2--STAT6", "fusion"),
    "drug": ("/drug/doxorubicin", "drug"),
    "procedure": ("/ontology/TotalEnBlocSpondylectomy", "procedure"),
}


@pytest.fixture(scope="module")
def app(store):
    app = create_app({"TESTING": True, "QUERY_TIMEOUT": 5.0}, store=store)
    yield app
    app.extensions["spinekg_sandbox"].close()


@pytest.fixture(scope="module")
def client(app):
    return app.test_client()


def html(client, path):
    r = client.get(path, headers={"Accept": "text/html"})
    assert r.status_code == 200, (path, r.status_code, r.data[:300])
    assert r.mimetype == "text/html"
    assert r.headers["X-Content-Type-Options"] == "nosniff"
    assert "script-src 'self'" in r.headers["Content-Security-Policy"]
    return r.data.decode()


@pytest.mark.parametrize("kind", sorted(ENTITIES))
def test_entity_pages(client, kind):
    path, badge = ENTITIES[kind]
    body = html(client, path)
    assert f">{badge}<" in body, kind
    if kind != "case":
        assert "Cases that involve it" in body
        assert "<td>" in body  # at least one case involves each of these entities


@pytest.mark.parametrize("path", ["/", "/cases", "/search", "/search?q=chordoma", "/browse", "/browse?level=skg:T11",
                                  "/sparql", "/sparql?example=ihc-profile", "/query", "/query?example=ihc-profile",
                                  "/ontology"])
def test_site_pages(client, path):
    html(client, path)


def test_every_case_and_every_involved_entity_renders(client, app):
    from spinekg.webui import get_site

    with app.app_context():
        ix = get_site().index
    for c in ix.cases:
        html(client, "/case/" + c.id)
    entities = sorted({e for c in ix.cases for e in c.involved() if e.startswith("https://w3id.org/spinekg/")})
    assert len(entities) > 50
    for e in entities:
        html(client, e[len("https://w3id.org/spinekg"):])


def test_unknown_pages_are_a_404_page(client):
    for path in ("/no/such/page", "/case/none", "/gene/NOSUCHGENE", "/query?example=nope", "/sparql?example=nope"):
        r = client.get(path, headers={"Accept": "text/html"})
        assert r.status_code == 404, path
        assert b"Not found" in r.data and b"<html" in r.data
        assert r.headers["X-Content-Type-Options"] == "nosniff"


def test_home_holds_the_summary_the_spine_map_and_examples(client):
    body = html(client, "/")
    assert "19</b> cases" in body
    assert '<svg class="spine"' in body
    assert body.count("/browse?level=skg%3A") == 31  # C1..S5, the sacrum and the coccyx
    assert "T11: 5 cases" in body or "T11: 4 cases" in body
    assert "/sparql?example=fusions-by-gene" in body
    assert "Recent cases" in body


def test_spine_map_counts_match_the_level_query(client, store):
    from spinekg import queries

    body = html(client, "/")
    q = queries.get("cases-at-level")
    n = len(store.query(q.sparql, q.bindings({"level": "skg:T11", "adjacent": "false"})).rows)
    assert f"T11: {n} case" in body


def api(client, q, **kw):
    r = client.get("/api/search", query_string={"q": q, **kw})
    assert r.status_code == 200 and r.mimetype == "application/json"
    hits = json.loads(r.data)
    for h in hits:
        assert {"iri", "label", "type", "matched"} <= set(h)
    return hits


def test_search_api_finds_a_fusion_from_either_partner(client):
    for gene in ("NAB2", "STAT6"):
        hits = api(client, gene)
        fusion = [h for h in hits if h["iri"].endswith("/fusion/NAB2--STAT6")]
        assert fusion and fusion[0]["type"] == "fusion" and fusion[0]["matched"] == gene


def test_search_api_abbreviations_synonyms_and_external_ids(client):
    tes = api(client, "TES")[0]
    assert tes["label"] == "total en bloc spondylectomy" and tes["matched"] == "TES"
    assert api(client, "NCIT:C2947")[0]["iri"].endswith("/ontology/Chordoma")
    hgnc = api(client, "HGNC:8033")[0]
    assert hgnc["iri"].endswith("/gene/NTRK3") and hgnc["matched"] == "HGNC:8033"
    syn = api(client, "haemangiopericytoma")[0]
    assert syn["iri"].endswith("/SolitaryFibrousTumor") and syn["matched"].lower() == "haemangiopericytoma"
    ntrk = api(client, "NTRK")
    assert {"gene", "fusion"} <= {h["type"] for h in ntrk}
    assert api(client, "") == [] and api(client, "   ") == [] and api(client, '"*(') == []
    assert len(api(client, "a", limit=3)) <= 3


def test_search_page_shows_which_synonym_matched(client):
    body = html(client, "/search?q=TES")
    assert "total en bloc spondylectomy" in body and "<mark>TES</mark>" in body
    body = html(client, "/search?q=%3Cscript%3E")
    assert "<script>" not in body.split("</header>", 1)[1]


def test_search_index_is_built_once_per_app(app, client):
    from spinekg.webui import get_site

    client.get("/api/search?q=x")
    with app.app_context():
        first = get_site()
    client.get("/api/search?q=y")
    with app.app_context():
        assert get_site() is first
        assert len(first.search) > 1000


def test_browse_facets_narrow_the_cases(client):
    body = html(client, "/browse")
    assert "19 cases" in body
    for title in ("Tumor type", "Region", "Marker", "Fusion", "Treatment", "Outcome"):
        assert f"<h3>{title}</h3>" in body
    body = html(client, "/browse?type=skg:SolitaryFibrousTumor")
    assert "4 cases" in body and "dev-001" in body and "dev-012" not in body
    body = html(client, "/browse?type=skg:SolitaryFibrousTumor&level=skg:C2")
    assert "1 case<" in body
    body = html(client, "/browse?fusion=fusion:NAB2--STAT6&marker=marker:CD34%3Dpositive")
    assert "dev-001" in body
    assert "0 cases" in html(client, "/browse?type=skg:Chordoma&type=skg:Chondrosarcoma")


def read_csv(r):
    assert r.status_code == 200 and r.mimetype == "text/csv"
    assert "attachment" in r.headers["Content-Disposition"]
    return list(csv.reader(io.StringIO(r.data.decode())))


def test_tables_download_as_csv_and_tsv(client):
    rows = read_csv(client.get("/browse?type=skg:SolitaryFibrousTumor&download=cases"))
    assert rows[0] == ["case", "iri", "tumor type", "diagnosis", "age", "sex", "levels", "year", "follow-up (months)",
                       "outcome", "report"] and len(rows) == 5
    assert all(r[1] == "https://w3id.org/spinekg/case/" + r[0] for r in rows[1:])
    rows = read_csv(client.get("/cases?download=cases"))
    assert len(rows) == 20
    rows = read_csv(client.get("/ontology/SolitaryFibrousTumor?download=ihc"))
    assert rows[0] == ["marker", "positive", "negative", "equivocal", "tested"]
    assert ["CD34", "4", "0", "0", "4"] in rows
    rows = read_csv(client.get("/case/dev-001?download=markers"))
    assert {r[0] for r in rows[1:]} == {"STAT6", "CD34", "cytokeratin"}
    rows = read_csv(client.get("/search?q=NTRK&download=results"))
    assert any(r[1] == "fusion" for r in rows[1:])
    r = client.get("/gene/NTRK3?download=cases&format=tsv")
    assert r.mimetype == "text/tab-separated-values" and r.data.decode().startswith("case\tiri\ttumor type\tdiagnosis")
    assert client.get("/gene/NTRK3?download=nope").status_code == 404
    # a query's results download from the endpoint (under its caps), the query page sends the browser there
    r = client.get("/query?example=ihc-profile&type=skg:SolitaryFibrousTumor&download=results")
    assert r.status_code == 302 and r.headers["Location"].startswith("/sparql?")
    r = client.get(r.headers["Location"])
    assert r.status_code == 200 and r.mimetype == "text/csv"
    rows = list(csv.reader(io.StringIO(r.data.decode())))
    assert rows[0][:2] == ["marker", "markerLabel"] and len(rows) > 2


def test_every_download_link_of_a_page_works(client):
    import re

    for path in ("/", "/case/dev-001", "/ontology/SolitaryFibrousTumor", "/browse", "/gene/NTRK3"):
        body = html(client, path)
        links = set(re.findall(r'href="([^"]*download=[^"]*)"', body))
        assert links, path
        for link in links:
            r = client.get(link.replace("&amp;", "&"))
            assert r.status_code == 200 and r.mimetype in ("text/csv", "text/tab-separated-values"), link


def test_tumor_type_page_aggregates_its_cases(client):
    body = html(client, "/ontology/SolitaryFibrousTumor")
    for part in ("Immunohistochemical profile", "Follow-up and recurrence by treatment", '<svg class="plot"',
                 "Levels", "Fusions", "Treatments", "NAB2::STAT6"):
        assert part in body, part
    body = html(client, "/ontology/Chondrosarcoma")
    assert "subtypes included" in body and "mesenchymal chondrosarcoma" in body


def test_entity_pages_link_external_ids_to_their_homes(client):
    body = html(client, "/ontology/Chordoma")
    assert 'href="https://evsexplore.semantics.cancer.gov/evsexplore/concept/ncit/C2947"' in body
    body = html(client, "/gene/NTRK3")
    assert 'href="https://www.genenames.org/data/gene-symbol-report/#!/hgnc_id/HGNC:8033"' in body
    body = html(client, "/ontology/T11")
    assert 'href="http://purl.obolibrary.org/obo/UBERON_0004635"' in body
    assert "Parents" in html(client, "/ontology/TotalEnBlocSpondylectomy")
    assert "Children" in html(client, "/ontology/Chondrosarcoma")
    body = html(client, "/report/doi-10.1016-j.ijscr.2017.08.045")
    assert 'href="https://doi.org/10.1016/j.ijscr.2017.08.045"' in body
    assert any('go.drugbank.com/drugs/DB' in html(client, p) for p in ("/drug/doxorubicin", "/drug/entrectinib"))


def test_case_page_has_levels_timeline_and_outcome(client):
    body = html(client, "/case/dev-012")
    assert '<svg class="spine compact"' in body and '<svg class="timeline"' in body
    assert "PRESENTATION" in body and "FOLLOW-UP" in body
    assert "Genomic findings" in body and "Outcome" in body


def test_query_page_runs_a_query_and_offers_downloads(client):
    body = html(client, "/query?query=SELECT+%3Fc+WHERE+%7B+%3Fc+a+skg%3ACase+%7D")
    assert "19 rows" in body and "/case/dev-001" in body
    assert "/sparql?query=" in body and "format=csv" in body and "format=tsv" in body and "format=json" in body
    r = client.get("/query?query=SELEKT", headers={"Accept": "text/html"})
    assert r.status_code == 400 and b"The query failed" in r.data
    r = client.get("/query", query_string={"query": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"})
    assert r.status_code == 403
    assert "Answer: <b>yes</b>" in html(client, "/query?query=ASK+%7B+%3Fs+%3Fp+%3Fo+%7D")
    body = html(client, "/query?query=CONSTRUCT+%7B+%3Fc+a+skg%3ACase+%7D+WHERE+%7B+%3Fc+a+skg%3ACase+%7D")
    assert "19 triples" in body


def test_sparql_page_lists_the_library_with_permanent_links(client):
    from spinekg import queries

    body = html(client, "/sparql")
    for name in queries.library():
        assert f'href="/sparql?example={name}"' in body
    body = html(client, "/sparql?example=ihc-profile&type=skg:Chordoma")
    assert "VALUES ?type { &lt;https://w3id.org/spinekg/ontology/Chordoma&gt; }" in body
    assert '<textarea name="query"' in body


@pytest.fixture(scope="module")
def evil_client():
    evil = "<script>alert(1)</script>"
    rec = CaseRecord.from_dict({
        "document": "x.txt", "id": "x", "source": {"title": evil, "doi": "10.1234/<b>x</b>"},
        "diagnosis": {"label": evil, "evidence": [{"text": f"Biopsy showed {evil} chordoma."}]},
        "patient": {"age_years": 41, "sex": "male",
                    "evidence": [{"text": "A 41-year-old man <img src=x onerror=alert(1)>"}]},
        "vertebrae": ["T7"], "markers": [{"name": "S100", "result": "positive",
                                          "evidence": [{"text": "Cells were positive for S100 & <i>EMA</i>."}]}],
        "interventions": [{"category": "surgery", "label": evil}],
        "symptoms": [evil], "outcome": {"follow_up_months": 3}})
    from spinekg.graph import EmbeddedStore

    st = EmbeddedStore(None)
    st.ingest([rec])
    return create_app({"TESTING": True, "SANDBOX": False}, store=st).test_client()


def test_report_text_is_escaped_everywhere(evil_client):
    for path in ("/", "/case/x", "/cases", "/browse", "/search?q=script", "/report/doi-10.1234-b-x-b",
                 "/ontology/T7", "/ontology/Neoplasm"):
        r = evil_client.get(path, headers={"Accept": "text/html"})
        assert r.status_code == 200, path
        body = r.data.decode()
        assert "<script>alert" not in body and "<img src=x" not in body and "<i>EMA" not in body, path
    # the JSON API gives the text as data, never as a page
    r = evil_client.get("/api/search?q=script")
    assert r.mimetype == "application/json" and r.headers["X-Content-Type-Options"] == "nosniff"


def test_evidence_words_are_marked_after_escaping(evil_client):
    body = evil_client.get("/case/x").data.decode()
    assert "<mark>positive</mark> for <mark>S100</mark> &amp; &lt;i&gt;EMA&lt;/i&gt;." in body
    assert "A <mark>41</mark>-year-old <mark>man</mark> &lt;img" in body


def test_highlight_unit():
    from spinekg.webui.present import highlight

    assert str(highlight("a <b> T11 and t11x", ["T11", "<b>"])) == "a <mark>&lt;b&gt;</mark> <mark>T11</mark> and t11x"
    assert str(highlight("en bloc spondylectomy", ["en bloc", "en bloc spondylectomy"])) == \
        "<mark>en bloc spondylectomy</mark>"
    assert str(highlight("nothing", [None, "", "x"])) == "nothing"


def test_every_library_query_runs_on_the_results_page(client):
    from spinekg import queries

    for name, q in queries.library().items():
        r = client.get(f"/query?example={name}", headers={"Accept": "text/html"})
        # a federated query is refused (403) unless its endpoint is on the SERVICE allow-list
        assert r.status_code == (403 if "SERVICE" in q.sparql else 200), (name, r.status_code)
        assert q.title.encode() in r.data or r.status_code == 403


def test_case_page_shows_neurological_status_complications_and_timing():
    rec = CaseRecord.from_dict({
        "document": "clin.txt", "id": "clin", "diagnosis": {"label": "chordoma"}, "vertebrae": ["L2"],
        "interventions": [{"category": "surgery", "label": "en bloc resection", "uneventful": True},
                          {"category": "radiotherapy", "label": "radiotherapy",
                           "timing": {"text": "Three months later", "months": 3, "relative_to": "previous event"}}],
        "neurological": [{"scale": "frankel", "grade": "C", "assessed": "presentation",
                          "evidence": [{"text": "On admission she was Frankel C.", "start": 0, "end": 31}]},
                         {"scale": "mrc", "grade": "4", "assessed": "follow-up"}],
        "complications": [{"label": "radiation myelopathy", "after": 2,
                           "timing": {"text": "a year later", "months": 12, "relative_to": "previous event"},
                           "evidence": [{"text": "A year later radiation myelopathy developed.", "start": 40,
                                         "end": 84}]}],
        "outcome": {"recurrence": False}})
    from spinekg.graph import EmbeddedStore

    st = EmbeddedStore(None)
    st.ingest([rec])
    client = create_app({"TESTING": True, "SANDBOX": False}, store=st).test_client()
    body = client.get("/case/clin", headers={"Accept": "text/html"}).data.decode()
    assert "Neurological status" in body and 'href="/ontology/FrankelC">Frankel C</a>' in body
    assert "MRC 4/5" in body and "presentation" in body and "follow-up" in body
    assert "On admission she was <mark>Frankel C</mark>." in body
    assert 'href="/ontology/RadiationMyelopathy">radiation myelopathy</a>' in body and "#2 radiotherapy" in body
    assert "a year later (12 months after previous event)" in body
    # on the timeline, on the line of the event it belongs to (before what was done), not after its details
    assert 'RADIOTHERAPY</tspan> <tspan class="when">(3 months after previous event)</tspan> radiotherapy' in body
    assert "Uneventful course after en bloc resection" in body
    csv_text = client.get("/case/clin?download=complications").data.decode()
    assert "radiation myelopathy" in csv_text and "RadiationMyelopathy" in csv_text


def test_health_says_what_is_served_and_when_the_background_work_is_done(app, client, store):
    first = client.get("/health")
    assert first.status_code == 200 and first.headers["Cache-Control"] == "no-store"
    body = first.get_json()
    assert body["status"] == "ok" and body["cases"] == len(store.case_ids())
    assert body["store_version"] == store.version()
    assert app.extensions["spinekg_site"].wait(60)
    assert client.get("/health").get_json()["complete"] is True


def test_cases_come_a_page_at_a_time_and_download_whole(store, monkeypatch):
    from spinekg.webui import pages

    monkeypatch.setattr(pages, "PAGE_SIZE", 7)
    app = create_app({"TESTING": True, "SANDBOX": False}, store=store)
    c = app.test_client()
    ids = sorted(store.case_ids())
    first, last = c.get("/cases").data.decode(), c.get("/cases?page=3").data.decode()
    assert f"/case/{ids[0]}\"" in first and f"/case/{ids[7]}\"" not in first
    assert "page 1 of 3" in first and "next →" in first and "← previous" not in first
    assert f"/case/{ids[-1]}\"" in last and "page 3 of 3" in last and "next →" not in last
    assert f"({len(ids)})" in first
    assert c.get("/cases?page=x").status_code == 200
    assert len(read_csv(c.get("/cases?page=2&download=cases"))) == len(ids) + 1


def test_a_sentence_naming_several_levels_is_shown_once():
    import re

    from spinekg.graph import EmbeddedStore
    from spinekg.loaders.text import extract_text
    from spinekg.webui import create_app

    st = EmbeddedStore(None)
    st.ingest(extract_text("A 66-year-old man had a lymphoma involving T7, T8, T9, L1, L2, L3 and S1.", "once.txt"))
    page = create_app({"TESTING": True, "SANDBOX": False}, store=st).test_client().get("/case/once").data.decode()
    quotes = [re.sub(r"<[^>]+>", "", q) for q in re.findall(r'<blockquote class="evidence">(.*?)</blockquote>', page,
                                                             re.S)]
    assert sum(q.startswith("A 66-year-old man") for q in quotes) == 1


def test_cases_table_sorts_by_every_column(client):
    """/cases sorts by a column (?sort=age, ?sort=-age), unknown values last either way; headers link to it."""
    def col(path, name):
        rows = read_csv(client.get(path + ("&" if "?" in path else "?") + "download=cases"))
        i = rows[0].index(name)
        return [r[i] for r in rows[1:]]
    ages = col("/cases?sort=age", "age")
    known = [float(a) for a in ages if a]
    assert known == sorted(known) and ages[: len(known)] == [a for a in ages if a]
    desc = [float(a) for a in col("/cases?sort=-age", "age") if a]
    assert desc == sorted(desc, reverse=True)
    years = [int(y) for y in col("/cases?sort=year", "year") if y]
    assert years == sorted(years)
    from spinekg.levels import INDEX
    firsts = [lv.split(",")[0].split("-")[0] for lv in col("/cases?sort=levels", "levels") if lv]
    assert [INDEX.get(f, INDEX["S1"]) for f in firsts] == sorted(INDEX.get(f, INDEX["S1"]) for f in firsts)
    body = client.get("/cases?sort=age").data.decode()
    assert 'href="/cases?sort=-age"' in body and 'aria-sort="ascending"' in body
    assert client.get("/cases?sort=nonsense").status_code == 400


def test_browse_facets_for_age_sex_follow_up_and_source(client):
    body = client.get("/browse").data.decode()
    for title in (">Age<", ">Sex<", ">Follow-up<", ">Facts<"):
        assert title in body, title
    women = read_csv(client.get("/browse?sex=female&download=cases"))
    assert len(women) > 1 and all(r[5] == "female" for r in women[1:])
    kids = read_csv(client.get("/browse?age=child&download=cases"))
    assert all(float(r[4]) < 18 for r in kids[1:])
    fu = read_csv(client.get("/browse?followup=with-follow-up&download=cases"))
    assert len(fu) > 1 and all(r[8] for r in fu[1:])


def test_tumour_type_facet_is_a_hierarchy(client):
    """Families first; choosing one shows the subtypes just below it, not every generic class at once."""
    import re
    facet = lambda body: re.search(r"Tumor type</h3>(.*?)</section>", body, re.S).group(1)  # noqa: E731
    top = facet(client.get("/browse").data.decode())
    assert "bone tumor" in top and ">chondrosarcoma<" not in top.replace(" <span", "<span")
    below = facet(client.get("/browse?type=skg:BoneTumor").data.decode())
    assert "chondrogenic tumor" in below


def test_case_page_shows_each_evidence_sentence_once(tmp_path):
    """Markers from one sentence share one evidence cell; the evidence download lists each sentence once, with
    every fact it supports; compartments show their labels, not local names."""
    sent = "CD34 and STAT6 were positive, S100 was negative."
    ev = [{"text": sent, "start": 0, "end": len(sent)}]
    rec = CaseRecord.from_dict({
        "document": "ev.txt", "id": "ev", "diagnosis": {"label": "solitary fibrous tumour"}, "vertebrae": ["T3"],
        "compartment": "intradural extramedullary",
        "markers": [{"name": "CD34", "result": "positive", "evidence": ev},
                    {"name": "STAT6", "result": "positive", "evidence": ev},
                    {"name": "S100", "result": "negative", "evidence": ev}]})
    from spinekg.graph import EmbeddedStore

    st = EmbeddedStore(None)
    st.ingest([rec])
    client = create_app({"TESTING": True, "SANDBOX": False}, store=st).test_client()
    body = client.get("/case/ev", headers={"Accept": "text/html"}).data.decode()
    assert body.count("CD34</mark> and <mark>STAT6") == 1 and 'rowspan="3"' in body
    assert ">IntraduralExtramedullary<" not in body and ">intradural extramedullary</a>" in body
    rows = read_csv(client.get("/case/ev?download=evidence"))
    assert rows[0] == ["evidence", "start", "end", "facts"] and len(rows) == 2
    assert rows[1][3].count("marker:") == 3


@pytest.mark.parametrize("q, label, kind", [("Frankel C", "Frankel C", "neurological grade"),
                                            ("ASIA D", "ASIA D", "neurological grade"),
                                            ("MRC 4", "MRC grade 4", "neurological grade"),
                                            ("wound infection", "wound infection", "complication"),
                                            ("complete response", "complete response", "treatment response"),
                                            ("died of disease", "died of disease", "outcome status")])
def test_search_finds_neurological_grades_complications_and_outcomes(client, q, label, kind):
    hits = client.get("/api/search", query_string={"q": q}).get_json()
    assert hits and hits[0]["label"] == label and hits[0]["type"] == kind
