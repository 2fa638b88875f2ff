"""spinekg harvest end to end against local fake E-utilities and Europe PMC services (fake_services.py, on
127.0.0.1): search with paging, fetch, full text, screening, dedupe, a 429 with Retry-After, a 500, malformed
XML, a paper without open-access text, the rate limit, a kill mid-harvest and the resume, --update, ingest.
Nothing here touches the internet."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from fake_services import PAPERS, Services, serve
from spinekg.loaders.harvest import Client, Corpus, HarvestError, RateLimiter, harvest

from spinekg.cli import main


@pytest.fixture()
def services():
    s = Services()
    srv = serve(s)
    s.base = f"http://127.0.0.1:{srv.server_address[1]}"
    yield s
    srv.shutdown()
    srv.server_close()


def client(services, **kw) -> Client:
    return Client(email="test@example.org", eutils=services.base + "/eutils/", europepmc=services.base + "/epmc/",
                  backoff=0.2, timeout=5, **kw)


def ok_fetches(services) -> list[str]:
    """Every successful fetch of a record or a full text (by PMID or PMCID), in order (a batch answered with
    malformed XML gave nothing, so it does not count)."""
    import urllib.parse

    out = []
    for _, path, query, status in services.log:
        if status != 200:
            continue
        if path.endswith("/efetch.fcgi") and "db=pubmed" in query:
            ids = urllib.parse.parse_qs(query)["id"][0].split(",")
            if "90000006" not in ids:
                out += ids
        elif path.endswith("/fullTextXML"):
            out.append(path.rsplit("/", 2)[-2])
    return out


def test_a_query_harvest_pages_fetches_screens_and_keeps_a_manifest(services, tmp_path):
    c = client(services, page_size=5, batch_size=4)
    s = harvest(tmp_path / "corpus", c, query="spine AND case reports[pt]")
    assert s.count == len(PAPERS)
    # three esearch pages of five (after one 429), each PMID once
    pages = [q for _, p, q, st in services.log if p.endswith("/esearch.fcgi") and st == 200]
    assert len(pages) == 3 and all("usehistory=y" in q and "tool=spinekg" in q and "email=" in q for q in pages)
    m = json.loads((tmp_path / "corpus" / "manifest.json").read_text())
    assert m["query"] == "spine AND case reports[pt]" and len(m["runs"]) == 1 and m["runs"][0]["finished"]
    recs = m["records"]
    # the malformed record fails alone; every other paper is there, with its hash
    assert set(recs) == {p.pmid for p in PAPERS} - {"90000006"}
    assert any("90000006" in f for f in s.failed)
    verdicts = {k: (r["screening"]["verdict"], r["screening"]["reason"]) for k, r in recs.items()}
    assert verdicts["90000003"] == ("excluded", "review article")
    assert verdicts["90000004"] == ("excluded", "metastasis")
    assert verdicts["90000008"] == ("excluded", "animal study")
    assert verdicts["90000001"] == ("included", "included")
    # open-access full text where there is one (with its licence), abstract only elsewhere
    assert recs["90000001"]["fulltext"]["source"] == "europepmc"
    assert recs["90000001"]["licence"] == "https://creativecommons.org/licenses/by/4.0/"
    assert recs["90000002"]["fulltext"] is None  # a PMCID without open-access text
    assert s.fulltext == 5 and s.abstract_only == len(recs) - 5
    corpus = Corpus(tmp_path / "corpus")
    for r in recs.values():
        assert corpus.holds(r["pubmed"])
    docs = corpus.documents()
    assert (tmp_path / "corpus" / "fulltext" / "PMC9000001.xml") in docs
    assert (tmp_path / "corpus" / "pubmed" / "90000001.xml") not in docs  # one file per paper
    assert (tmp_path / "corpus" / "pubmed" / "90000003.xml") not in docs  # excluded
    # nothing fetched twice, and the summary says what happened
    fetched = ok_fetches(services)
    assert len(fetched) == len(set(fetched))
    assert "screening:" in "\n".join(s.lines())


def test_retry_after_and_the_rate_limit_are_honoured(services, tmp_path):
    harvest(tmp_path / "c", client(services, page_size=5, batch_size=4), query="spine")
    log = [(t, p, st) for t, p, _, st in services.log if "/eutils/" in p]
    first_429 = next(i for i, x in enumerate(log) if x[2] == 429)
    assert log[first_429 + 1][0] - log[first_429][0] >= 0.95  # Retry-After: 1
    assert any(st == 500 for _, _, st in log)  # the 500 was retried, and the harvest went on
    times = [t for t, _, _ in log]
    # NCBI's limit without an API key: never more than 3 requests in any second
    assert all(times[i + 3] - times[i] >= 0.95 for i in range(len(times) - 3)), times


def test_the_rate_limiter_spaces_calls():
    now = [0.0]
    slept = []

    def sleep(d):
        slept.append(d)
        now[0] += d

    rl = RateLimiter(10.0, clock=lambda: now[0], sleep=sleep)
    for _ in range(5):
        rl.wait()
    assert now[0] == pytest.approx(0.4) and len(slept) == 4


def test_ids_pmids_pmcids_and_dois_one_record_per_paper(services, tmp_path):
    s = harvest(tmp_path / "c", client(services), ids=["90000001", "PMC9000001", "10.9999/fake.1",
                                                       "https://doi.org/10.9999/fake.5", "90000010"])
    recs = json.loads((tmp_path / "c" / "manifest.json").read_text())["records"]
    assert set(recs) == {"90000001", "90000005", "90000010"}
    assert s.duplicates == 2 and s.new == 3
    with pytest.raises(HarvestError, match="not a PMID, PMCID or DOI"):
        harvest(tmp_path / "d", client(services), ids=["chordoma"])


def test_a_second_run_fetches_nothing_again_and_update_reruns_the_saved_query(services, tmp_path):
    from fake_services import CASE, Paper

    c = client(services, page_size=50, batch_size=50)
    harvest(tmp_path / "c", c, query="spine", since="2015")
    before = ok_fetches(services)
    again = harvest(tmp_path / "c", client(services, page_size=50, batch_size=50), query="spine", since="2015")
    assert ok_fetches(services) == before and again.new == 0 and again.known == len(PAPERS) - 1
    # a paper PubMed adds later: --update asks for what is new since the last run, and fetches only that
    services.papers["90000013"] = Paper("90000013", "Chordoma of C3", CASE.format(age=70, who="man", level="C3",
                                        tumour="chordoma"), year=2026)
    s2 = harvest(tmp_path / "c", client(services, page_size=50, batch_size=50), update=True)
    assert s2.new == 1 and ok_fetches(services)[len(before):] == ["90000013"]
    runs = json.loads((tmp_path / "c" / "manifest.json").read_text())["runs"]
    assert len(runs) == 3 and runs[2]["query"] == "spine" and runs[2]["since"].startswith("2026")
    with pytest.raises(HarvestError, match="no saved query"):
        harvest(tmp_path / "empty", c, update=True)


def test_no_screen_keeps_everything(services, tmp_path):
    s = harvest(tmp_path / "c", client(services, page_size=50, batch_size=50), query="spine", screen=False)
    assert s.included == s.new and not s.excluded
    assert len(Corpus(tmp_path / "c").documents()) == s.new


def test_a_killed_harvest_resumes_without_fetching_anything_twice(services, tmp_path):
    """The harvest runs as a user would (python -m spinekg harvest) and is killed with SIGKILL halfway."""
    corpus = tmp_path / "c"
    cmd = [sys.executable, "-m", "spinekg", "harvest", "spine", "--corpus", str(corpus), "--quiet",
           "--eutils", services.base + "/eutils/", "--europepmc", services.base + "/epmc/", "--email", "t@e.org"]
    env = {**os.environ, "NCBI_API_KEY": ""}
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:  # until two full texts are in
        if sum(1 for _, p, _, st in services.log if p.endswith("/fullTextXML") and st == 200) >= 2:
            break
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=10)
    on_disk = {p.stem for p in corpus.rglob("*.xml")}  # what the killed run had saved
    answered = list(services.log)  # what the server had answered when the kill came
    half = json.loads((corpus / "manifest.json").read_text())["records"]
    assert 0 < sum(r.get("status") == "done" for r in half.values()) < len(PAPERS) - 1
    res = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=120)
    assert res.returncode == 0, res.stderr
    recs = json.loads((corpus / "manifest.json").read_text())["records"]
    assert all(r["status"] == "done" for r in recs.values()) and len(recs) == len(PAPERS) - 1
    fetched = [x for x in ok_fetches(services) if x != "90000006"]
    again = {x for x in fetched if fetched.count(x) > 1}
    # nothing the killed run had saved is fetched again; only an answer the kill cut off before it was saved
    # (the server had sent it, the harvester had not yet written it) may be asked for twice
    assert not again & on_disk, (again, on_disk)
    last = next((e for e in reversed(answered) if e[3] == 200), None)  # the one request the kill may have cut off
    assert last is not None and all(x in last[1] + "?" + last[2] for x in again), (again, last)
    assert not list(corpus.rglob("*.part"))  # no half-written file stays


def test_harvest_and_ingest_from_the_command_line(services, tmp_path):
    from click.testing import CliRunner

    store = tmp_path / "store"
    res = CliRunner().invoke(main, ["harvest", "spine", "--corpus", str(tmp_path / "c"), "--quiet", "--ingest",
                                    "--store", str(store), "--eutils", services.base + "/eutils/",
                                    "--europepmc", services.base + "/epmc/"])
    assert res.exit_code == 0, res.output
    assert "full text (open-access JATS): 5" in res.output and "cases stored:" in res.output
    ids = json.loads(CliRunner().invoke(main, ["export", "--store", str(store), "--format", "case-json"]).stdout)
    dois = {c["source"].get("doi") for c in ids}
    assert "10.9999/fake.1" in dois  # a full-text paper, once
    assert len(ids) == len({(c["source"].get("pmid"), c["id"]) for c in ids})
    bad = CliRunner().invoke(main, ["harvest", "--corpus", str(tmp_path / "x")])
    assert bad.exit_code == 2 and "give a QUERY" in bad.output
    bad = CliRunner().invoke(main, ["harvest", "spine", "--since", "last week", "--corpus", str(tmp_path / "y"),
                                    "--eutils", services.base + "/eutils/"])
    assert bad.exit_code != 0 and "Traceback" not in bad.output and "--since" in bad.output


def test_a_service_that_keeps_failing_is_one_clear_error(tmp_path):
    c = Client(eutils="http://127.0.0.1:9/eutils/", europepmc="http://127.0.0.1:9/epmc/", retries=1, backoff=0.01,
               timeout=1)
    with pytest.raises(HarvestError, match="kept failing"):
        harvest(tmp_path / "c", c, query="spine")
    assert not Path(tmp_path / "c" / "pubmed").exists()
