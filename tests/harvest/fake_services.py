"""A local stand-in for NCBI E-utilities (esearch JSON, efetch PubMed and PMC XML) and Europe PMC's full-text
service, on 127.0.0.1, answering as their documentation describes, with the failures a harvest must survive:
a 429 with Retry-After, a 500, malformed XML, a paper without open-access text, the same paper under two ids.
Every request is logged with its time and status so a test can check the rate limit and that nothing was
fetched twice. Run alone (python fake_services.py PORT) it serves until killed."""

from __future__ import annotations

import json
import sys
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from xml.sax.saxutils import escape


@dataclass
class Paper:
    pmid: str
    title: str
    abstract: str
    types: list[str] = field(default_factory=lambda: ["Case Reports", "Journal Article"])
    pmcid: str | None = None
    doi: str | None = None
    year: int = 2021
    oa: bool = False  # open-access full text at Europe PMC
    malformed: bool = False  # efetch answers broken XML whenever this PMID is asked for


CASE = ("A {age}-year-old {who} presented with back pain. MRI showed a mass of the {level} vertebral body. "
        "Biopsy confirmed {tumour}. She underwent en bloc resection and was free of disease at 24 months.")

PAPERS = [
    Paper("90000001", "Chordoma of the L2 vertebra: a case report", CASE.format(age=61, who="woman", level="L2",
          tumour="chordoma"), pmcid="PMC9000001", doi="10.9999/fake.1", oa=True),
    Paper("90000002", "Osteoblastoma of the thoracic spine in a child", CASE.format(age=11, who="girl", level="T7",
          tumour="osteoblastoma"), pmcid="PMC9000002", doi="10.9999/fake.2", oa=False),
    Paper("90000003", "Spinal chordoma: a systematic review of the literature",
          "We reviewed 120 studies of spinal chordoma published since 1990.", types=["Systematic Review", "Review"]),
    Paper("90000004", "Metastatic renal cell carcinoma to the T11 vertebra: a case report",
          "A 66-year-old man with metastatic renal cell carcinoma presented with a T11 lesion.", doi="10.9999/fake.4"),
    Paper("90000005", "Giant cell tumour of the sacrum treated with denosumab",
          CASE.format(age=34, who="woman", level="S2", tumour="giant cell tumour of bone"), pmcid="PMC9000005",
          doi="10.9999/fake.5", oa=True),
    Paper("90000006", "Ewing sarcoma of the lumbar spine", CASE.format(age=16, who="boy", level="L4",
          tumour="Ewing sarcoma"), malformed=True),
    Paper("90000007", "Spinal hemangioblastoma in von Hippel-Lindau disease: case report",
          "A 29-year-old man had an intramedullary hemangioblastoma at T4. It was resected.", pmcid="PMC9000007",
          oa=True),
    Paper("90000008", "Canine vertebral osteosarcoma", "A 7-year-old spayed female dog had an osteosarcoma of the "
          "L1 vertebra.", types=["Journal Article"]),
    Paper("90000009", "Myxopapillary ependymoma of the filum terminale",
          "A 40-year-old woman had a myxopapillary ependymoma of the filum terminale at L1-L2, resected en bloc.",
          doi="10.9999/fake.9"),
    Paper("90000010", "Schwannoma of the C2 nerve root: case report", CASE.format(age=52, who="woman", level="C2",
          tumour="schwannoma"), pmcid="PMC9000010", oa=True),
    Paper("90000011", "Paraganglioma of the cauda equina", "A 45-year-old man had a paraganglioma of the cauda "
          "equina at L3. Gross total resection was achieved.", year=2024),
    Paper("90000012", "Chondrosarcoma of the T9 vertebra: a case report", CASE.format(age=48, who="woman",
          level="T9", tumour="chondrosarcoma"), year=2025, pmcid="PMC9000012", oa=True),
]


def pubmed_xml(p: Paper) -> str:
    ids = "".join(f'<ArticleId IdType="{k}">{escape(v)}</ArticleId>'
                  for k, v in (("pubmed", p.pmid), ("pmc", p.pmcid), ("doi", p.doi)) if v)
    types = "".join(f"<PublicationType>{escape(t)}</PublicationType>" for t in p.types)
    return (f'<PubmedArticle><MedlineCitation Status="MEDLINE" Owner="NLM"><PMID Version="1">{p.pmid}</PMID>'
            f"<Article PubModel=\"Print\"><Journal><Title>Fake Journal of Spine Cases</Title><JournalIssue>"
            f"<PubDate><Year>{p.year}</Year></PubDate></JournalIssue></Journal>"
            f"<ArticleTitle>{escape(p.title)}</ArticleTitle><Abstract><AbstractText>{escape(p.abstract)}"
            f"</AbstractText></Abstract><AuthorList><Author><LastName>Doe</LastName><ForeName>Jane</ForeName>"
            f"</Author></AuthorList><PublicationTypeList>{types}</PublicationTypeList></Article></MedlineCitation>"
            f"<PubmedData><ArticleIdList>{ids}</ArticleIdList></PubmedData></PubmedArticle>")


def jats_xml(p: Paper) -> str:
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<article xmlns:xlink="http://www.w3.org/1999/xlink" '
            'article-type="case-report" dtd-version="1.3"><front><article-meta>'
            f'<article-id pub-id-type="pmid">{p.pmid}</article-id><article-id pub-id-type="pmc">{p.pmcid}'
            f"</article-id>" + (f'<article-id pub-id-type="doi">{escape(p.doi)}</article-id>' if p.doi else "")
            + f"<title-group><article-title>{escape(p.title)}</article-title></title-group>"
            '<permissions><license xlink:href="https://creativecommons.org/licenses/by/4.0/">'
            "<license-p>CC BY 4.0</license-p></license></permissions>"
            f"<abstract><p>{escape(p.abstract)}</p></abstract></article-meta></front><body>"
            f'<sec sec-type="cases"><title>Case presentation</title><p>{escape(p.abstract)}</p></sec>'
            "</body></article>\n")


class Services:
    """The fake services' state: the papers, the failures still to give, and the request log."""

    def __init__(self, papers: list[Paper] = PAPERS) -> None:
        self.papers = {p.pmid: p for p in papers}
        self.log: list[tuple[float, str, str, int]] = []  # (time, path, query, status)
        self.fail_429 = {"esearch": 1}  # answer 429 (Retry-After: 1) to this many esearch calls first
        self.fail_500 = {"efetch": 1}  # answer 500 to this many efetch calls first
        self.lock = threading.Lock()

    def search(self, term: str) -> list[str]:
        t = term.strip()
        if t.endswith("[aid]"):
            return [p.pmid for p in self.papers.values() if p.doi and p.doi.lower() == t[:-5].lower()]
        if t.endswith("[pmcid]"):
            return [p.pmid for p in self.papers.values() if p.pmcid == t[:-7].upper()]
        return sorted(self.papers)  # every paper answers the query, in PubMed's (here: PMID) order

    def answer(self, path: str, q: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
        with self.lock:
            if path.endswith("/esearch.fcgi") and self.fail_429["esearch"]:
                self.fail_429["esearch"] -= 1
                return 429, {"Retry-After": "1"}, b'{"error":"API rate limit exceeded"}'
            if path.endswith("/efetch.fcgi") and self.fail_500["efetch"]:
                self.fail_500["efetch"] -= 1
                return 500, {}, b"<html>internal error</html>"
        if path.endswith("/esearch.fcgi"):
            ids = self.search(q.get("term", ""))
            if q.get("mindate"):
                lo = int(q["mindate"][:4])
                ids = [i for i in ids if self.papers[i].year >= lo]
            start, size = int(q.get("retstart", 0)), int(q.get("retmax", 20))
            body = {"header": {"type": "esearch", "version": "0.3"},
                    "esearchresult": {"count": str(len(ids)), "retmax": str(len(ids[start:start + size])),
                                      "retstart": str(start), "idlist": ids[start:start + size],
                                      "querykey": "1", "webenv": "MCID_fake"}}
            return 200, {"Content-Type": "application/json"}, json.dumps(body).encode()
        if path.endswith("/efetch.fcgi") and q.get("db") == "pubmed":
            ids = [i for i in q.get("id", "").split(",") if i]
            if any(self.papers.get(i) and self.papers[i].malformed for i in ids):
                return 200, {"Content-Type": "text/xml"}, b"<PubmedArticleSet><PubmedArticle><MedlineCit"
            arts = "".join(pubmed_xml(self.papers[i]) for i in ids if i in self.papers)
            return 200, {"Content-Type": "text/xml"}, (
                '<?xml version="1.0" ?>\n<!DOCTYPE PubmedArticleSet PUBLIC "-//NLM//DTD PubMedArticle, 1st January '
                '2024//EN" "https://dtd.nlm.nih.gov/ncbi/pubmed/out/pubmed_240101.dtd">\n'
                f"<PubmedArticleSet>{arts}</PubmedArticleSet>\n").encode()
        if path.endswith("/efetch.fcgi") and q.get("db") == "pmc":
            return 200, {"Content-Type": "text/xml"}, (
                b'<pmc-articleset><error>The following PMCID is not available: ' + q.get("id", "").encode()
                + b"</error></pmc-articleset>")
        if path.endswith("/fullTextXML"):
            pmcid = path.rsplit("/", 2)[-2]
            p = next((x for x in self.papers.values() if x.pmcid == pmcid), None)
            if p is None or not p.oa:
                return 404, {}, b""
            return 200, {"Content-Type": "application/xml"}, jats_xml(p).encode()
        return 404, {}, b"no such service"


class _Handler(BaseHTTPRequestHandler):
    services: Services

    def _serve(self, query: str) -> None:
        path = urllib.parse.urlsplit(self.path).path
        q = {k: v[-1] for k, v in urllib.parse.parse_qs(query).items()}
        status, headers, body = self.services.answer(path, q)
        with self.services.lock:
            self.services.log.append((time.monotonic(), path, query, status))
        self.send_response(status)
        for k, v in headers.items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802 - the http.server API
        self._serve(urllib.parse.urlsplit(self.path).query)

    def do_POST(self) -> None:  # noqa: N802
        n = int(self.headers.get("Content-Length") or 0)
        self._serve(self.rfile.read(n).decode())

    def log_message(self, *args: object) -> None:
        pass


def serve(services: Services, port: int = 0) -> ThreadingHTTPServer:
    handler = type("Handler", (_Handler,), {"services": services})
    srv = ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    return srv


if __name__ == "__main__":
    s = serve(Services(), int(sys.argv[1]) if len(sys.argv) > 1 else 0)
    print(s.server_address[1], flush=True)
    threading.Event().wait()
