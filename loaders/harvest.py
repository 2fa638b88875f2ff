"""Harvesting the literature: PubMed search and records through NCBI E-utilities, open-access full text as JATS from
Europe PMC (or PMC), kept with a manifest under a corpus folder, screened, deduplicated, resumable, incremental.

    corpus/
      manifest.json          the query, every run (dates, counts), every record: ids, files, hashes, licence, verdict
      pubmed/PMID.xml        one PubmedArticleSet per record, as E-utilities' efetch gave it
      fulltext/PMCID.xml     the open-access JATS, where there is one

Polite by default: at most 3 requests a second to NCBI (10 with NCBI_API_KEY), ``tool`` and ``email`` on every
E-utilities call, a timeout on every request, retries with backoff on 429 and 5xx that honour Retry-After. The
manifest is rewritten (atomically) after every record, so a harvest killed at any point resumes where it stopped
and fetches nothing twice. A paper met twice (its PMID and its DOI, or from two queries) is one record.

Why not Biopython's Entrez: its E-utilities URLs are fixed in code (no mirror, no local test server), its
retries sleep a fixed 15 s and ignore Retry-After, its settings are module globals, it has no Europe PMC, and it
would bring Biopython and NumPy (about 40 MB) for four HTTP calls that urllib makes as well.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import Element, tostring

from defusedxml.ElementTree import fromstring

from spinekg.errors import SpineKGError

EUTILS = "https://eutils.ncbi.nlm.nih.gov/entrez/eutils/"
EUROPEPMC = "https://www.ebi.ac.uk/europepmc/webservices/rest/"
USER_AGENT = "spinekg-harvest (+https://w3id.org/spinekg/)"
PAGE = 500  # PMIDs per esearch page
BATCH = 200  # records per efetch


class HarvestError(SpineKGError):
    """A harvest could not go on (a service kept failing, a corpus folder is not one)."""


# --- HTTP: rate limit, retries, timeouts --------------------------------------------------------------------------

class RateLimiter:
    """At most ``per_second`` calls a second (one every 1/per_second s, whichever thread asks)."""

    def __init__(self, per_second: float, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.interval = 1.0 / per_second
        self.clock, self.sleep = clock, sleep
        self.next = 0.0
        self.lock = threading.Lock()

    def wait(self) -> None:
        with self.lock:
            now = self.clock()
            if now < self.next:
                self.sleep(self.next - now)
                now = self.next
            self.next = now + self.interval


@dataclass
class Client:
    """GETs and POSTs with a rate limit per host, retries on 429/5xx/network errors (Retry-After honoured, else
    exponential backoff), and a timeout."""

    email: str | None = None
    tool: str = "spinekg"
    api_key: str | None = None
    eutils: str = EUTILS
    europepmc: str = EUROPEPMC
    timeout: float = 30.0
    retries: int = 5
    backoff: float = 1.0
    max_wait: float = 120.0
    sleep: Callable[[float], None] = time.sleep
    page_size: int = PAGE
    batch_size: int = BATCH
    requests: int = 0
    limiters: dict[str, RateLimiter] = field(default_factory=dict)

    def limiter(self, url: str) -> RateLimiter:
        host = urllib.parse.urlsplit(url).netloc
        if host not in self.limiters:
            rate = (10.0 if self.api_key else 3.0) if url.startswith(self.eutils) else 5.0
            self.limiters[host] = RateLimiter(rate, sleep=self.sleep)
        return self.limiters[host]

    def get(self, url: str, params: dict[str, Any] | None = None, *, post: bool = False,
            allow_404: bool = False) -> bytes | None:
        """The body of a 200; None for a 404 when allowed; HarvestError when the service keeps failing."""
        params = {k: v for k, v in (params or {}).items() if v is not None}
        if url.startswith(self.eutils):
            params.setdefault("tool", self.tool)
            if self.email:
                params.setdefault("email", self.email)
            if self.api_key:
                params.setdefault("api_key", self.api_key)
        query = urllib.parse.urlencode(params, doseq=True)
        last = ""
        for attempt in range(self.retries + 1):
            self.limiter(url).wait()
            req = urllib.request.Request(url if post else (url + ("?" + query if query else "")),
                                         data=query.encode() if post else None,
                                         headers={"User-Agent": USER_AGENT})
            self.requests += 1
            wait = self.backoff * (2 ** attempt)
            try:
                with urllib.request.urlopen(req, timeout=self.timeout) as resp:  # noqa: S310 - http(s) only
                    return bytes(resp.read())
            except urllib.error.HTTPError as e:
                if e.code == 404 and allow_404:
                    return None
                last = f"HTTP {e.code}"
                if e.code != 429 and e.code < 500:
                    raise HarvestError(f"{_show(url)} answered {e.code}") from None
                after = _retry_after(e.headers.get("Retry-After") if e.headers else None)
                if after is not None:
                    wait = after
            except (urllib.error.URLError, TimeoutError, ConnectionError, OSError) as e:
                last = str(getattr(e, "reason", e))
            if attempt < self.retries:
                self.sleep(min(wait, self.max_wait))
        raise HarvestError(f"{_show(url)} kept failing ({last}) after {self.retries + 1} tries")


def _show(url: str) -> str:
    return urllib.parse.urlsplit(url)._replace(query="").geturl()


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    if value.strip().isdigit():
        return float(value.strip())
    with contextlib.suppress(TypeError, ValueError):
        from email.utils import parsedate_to_datetime

        return max(0.0, (parsedate_to_datetime(value) - datetime.now(timezone.utc)).total_seconds())
    return None


# --- E-utilities and Europe PMC -------------------------------------------------------------------------------------

def _xml(data: bytes, what: str) -> Element:
    try:
        return fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)  # type: ignore[no-any-return]
    except Exception as e:  # noqa: BLE001 - malformed or unsafe XML from a service is one clear error
        raise HarvestError(f"{what}: malformed XML ({str(e).splitlines()[0] if str(e) else type(e).__name__})") \
            from None


def esearch(client: Client, term: str, *, mindate: str | None = None, maxdate: str | None = None,
            datetype: str = "edat", limit: int | None = None) -> tuple[int, list[str], str | None]:
    """(count, PMIDs in PubMed's order, WebEnv) of a PubMed query, paged through the history server."""
    ids: list[str] = []
    webenv = query_key = None
    count = 0
    while True:
        params: dict[str, Any] = {"db": "pubmed", "term": term, "retmode": "json", "usehistory": "y",
                                  "retstart": len(ids), "retmax": client.page_size,
                                  "datetype": datetype if mindate else None, "mindate": mindate,
                                  "maxdate": (maxdate or "3000") if mindate else None,
                                  "WebEnv": webenv, "query_key": query_key}
        body = client.get(client.eutils + "esearch.fcgi", params)
        try:
            res = json.loads(body or b"{}")["esearchresult"]
        except (ValueError, KeyError):
            raise HarvestError("esearch: an answer that is not E-utilities' JSON") from None
        if "ERROR" in res:
            raise HarvestError(f"esearch: {res['ERROR']}")
        count = int(res.get("count", 0))
        webenv, query_key = res.get("webenv", webenv), res.get("querykey", query_key)
        page = [str(x) for x in res.get("idlist", [])]
        ids.extend(page)
        if not page or len(ids) >= count or (limit is not None and len(ids) >= limit):
            break
    return count, ids[:limit] if limit is not None else ids, webenv


def efetch(client: Client, pmids: list[str]) -> dict[str, bytes]:
    """PMID -> its PubmedArticleSet (one article each), fetched in batches; a malformed batch fails alone."""
    out: dict[str, bytes] = {}
    for i in range(0, len(pmids), client.batch_size):
        batch = pmids[i:i + client.batch_size]
        body = client.get(client.eutils + "efetch.fcgi", {"db": "pubmed", "id": ",".join(batch),
                                                          "retmode": "xml"}, post=len(batch) > 50)
        root = _xml(body or b"", f"efetch of {len(batch)} PMIDs")
        for art in root.iter("PubmedArticle"):
            pmid = (art.findtext("MedlineCitation/PMID") or "").strip()
            if pmid:
                out[pmid] = (b'<?xml version="1.0" encoding="UTF-8"?>\n<PubmedArticleSet>'
                             + tostring(art, encoding="unicode").encode("utf-8") + b"</PubmedArticleSet>\n")
    return out


def pmids_for(client: Client, ids: Iterable[str]) -> list[str]:
    """PMIDs for identifiers given as PMIDs, PMCIDs or DOIs (PubMed's own search resolves the last two)."""
    out: list[str] = []
    for raw in ids:
        x = raw.strip()
        if not x:
            continue
        if x.isdigit():
            out.append(x)
            continue
        if re.fullmatch(r"(?i)pmc\d+", x):
            term = f"{x.upper()}[pmcid]"
        elif re.fullmatch(r"(?i)(?:doi:|https?://(?:dx\.)?doi\.org/)?10\.\d{4,9}/\S+", x):
            term = re.sub(r"(?i)^(?:doi:|https?://(?:dx\.)?doi\.org/)", "", x) + "[aid]"
        else:
            raise HarvestError(f"{x!r} is not a PMID, PMCID or DOI")
        _, found, _ = esearch(client, term)
        out.extend(found[:1])
    return out


def fulltext(client: Client, pmcid: str) -> tuple[bytes | None, str | None]:
    """(the open-access JATS of a PMC article, where from): Europe PMC first, then PMC; (None, None) without one."""
    body = client.get(f"{client.europepmc}{pmcid}/fullTextXML", allow_404=True)
    if body and b"<article" in body[:4096]:
        return body, "europepmc"
    body = client.get(client.eutils + "efetch.fcgi", {"db": "pmc", "id": pmcid.upper().removeprefix("PMC"),
                                                      "retmode": "xml"}, allow_404=True)
    if body and b"<body" in body and b"<article" in body:
        return body, "pmc"
    return None, None


# --- a record and its metadata -------------------------------------------------------------------------------------

def _text(el: Element | None) -> str:
    return re.sub(r"\s+", " ", "".join(el.itertext())).strip() if el is not None else ""


def describe(pubmed_xml: bytes) -> dict[str, Any]:
    """What screening and the manifest need of a PubMed record: ids, title, abstract, publication types, year."""
    art = _xml(pubmed_xml, "a PubMed record").find(".//PubmedArticle")
    if art is None:
        raise HarvestError("a PubMed record without a PubmedArticle")
    ids = {el.get("IdType"): _text(el) for el in art.iterfind(".//PubmedData/ArticleIdList/ArticleId")}
    doi = ids.get("doi") or next((_text(e) for e in art.iterfind(".//ELocationID") if e.get("EIdType") == "doi"), None)
    abstract = " ".join(_text(a) for a in art.iterfind(".//Abstract/AbstractText"))
    year = _text(art.find(".//PubDate/Year")) or _text(art.find(".//PubDate/MedlineDate"))[:4]
    return {"pmid": _text(art.find("MedlineCitation/PMID")), "pmcid": ids.get("pmc") or None,
            "doi": doi.lower() if doi else None, "title": _text(art.find(".//ArticleTitle")), "abstract": abstract,
            "publication_types": [_text(p) for p in art.iterfind(".//PublicationTypeList/PublicationType")],
            "year": int(year) if year.isdigit() else None}


def licence_of(jats: bytes) -> str | None:
    """The licence a JATS article states (its URL, else its text)."""
    with contextlib.suppress(HarvestError):
        root = _xml(jats, "JATS")
        for lic in root.iter("license"):
            href = lic.get("{http://www.w3.org/1999/xlink}href") or lic.get("href")
            return href or _text(lic)[:200] or None
    return None


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# --- the corpus and its manifest ------------------------------------------------------------------------------------

class Corpus:
    """A harvest's folder: raw files and the manifest (rewritten atomically after each change)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.path = root / "manifest.json"
        if self.path.exists():
            try:
                self.data: dict[str, Any] = json.loads(self.path.read_text(encoding="utf-8"))
            except ValueError:
                raise HarvestError(f"{self.path}: not a harvest manifest (malformed JSON)") from None
            if not isinstance(self.data, dict) or "records" not in self.data:
                raise HarvestError(f"{self.path}: not a harvest manifest")
        else:
            self.data = {"format": "spinekg-harvest/1", "query": None, "runs": [], "records": {}}
        self.by_id: dict[str, str] = {}
        for key, rec in self.data["records"].items():
            self._index(key, rec)

    def _index(self, key: str, rec: dict[str, Any]) -> None:
        for k in ("pmid", "pmcid", "doi"):
            if rec.get(k):
                self.by_id[f"{k}:{str(rec[k]).lower()}"] = key

    def find(self, **ids: str | None) -> str | None:
        """The key of the record with any of these ids (the same paper met twice is one record)."""
        for k, v in ids.items():
            if v and f"{k}:{v.lower()}" in self.by_id:
                return self.by_id[f"{k}:{v.lower()}"]
        return None

    def put(self, key: str, rec: dict[str, Any]) -> None:
        self.data["records"][key] = rec
        self._index(key, rec)
        self.save()

    def write(self, rel: str, data: bytes) -> dict[str, Any]:
        """A raw file, written whole or not at all: its path (relative), size and hash."""
        p = self.root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        tmp = p.with_name(p.name + ".part")
        tmp.write_bytes(data)
        os.replace(tmp, p)
        return {"file": rel, "bytes": len(data), "sha256": sha256(data)}

    def saved(self, rel: str) -> dict[str, Any] | None:
        """A raw file already on disk that the manifest does not yet name (a run killed between writing it and
        saving the manifest): its entry, as ``write`` gives it. Files are written whole or not at all, so one that
        is there is complete."""
        p = self.root / rel
        if not p.is_file():
            return None
        data = p.read_bytes()
        return {"file": rel, "bytes": len(data), "sha256": sha256(data)}

    def holds(self, entry: dict[str, Any] | None) -> bool:
        """Whether a file the manifest names is there, whole (its hash)."""
        if not entry:
            return False
        p = self.root / entry["file"]
        return p.is_file() and sha256(p.read_bytes()) == entry["sha256"]

    def save(self) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name("manifest.json.part")
        tmp.write_text(json.dumps(self.data, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        os.replace(tmp, self.path)

    def documents(self, *, screened: bool = True) -> list[Path]:
        """The files to ingest: each record's full text where there is one, else its PubMed record; only the
        included ones unless screening was off. One file per paper, never both."""
        out = []
        for rec in self.data["records"].values():
            if screened and rec.get("screening", {}).get("verdict", "included") != "included":
                continue
            if rec.get("status") != "done":
                continue
            entry = rec.get("fulltext") if self.holds(rec.get("fulltext")) else rec.get("pubmed")
            if self.holds(entry):
                out.append(self.root / entry["file"])
        return sorted(out)


def is_corpus(path: Path) -> bool:
    return path.is_dir() and (path / "manifest.json").is_file()


# --- the harvest ----------------------------------------------------------------------------------------------------

@dataclass
class Summary:
    query: str | None = None
    count: int = 0  # hits the search reports
    new: int = 0  # records added by this run
    known: int = 0  # hits already in the corpus (skipped, nothing fetched)
    duplicates: int = 0  # the same paper met again under another id
    fulltext: int = 0  # of the new ones, with open-access JATS
    abstract_only: int = 0
    included: int = 0
    excluded: dict[str, int] = field(default_factory=dict)
    failed: list[str] = field(default_factory=list)
    requests: int = 0

    def lines(self) -> list[str]:
        ex = sum(self.excluded.values())
        out = [f"hits: {self.count}; new records: {self.new}; already in the corpus: {self.known}; "
               f"duplicates merged: {self.duplicates}",
               f"full text (open-access JATS): {self.fulltext}; abstract only: {self.abstract_only}",
               f"screening: {self.included} included, {ex} excluded"
               + ("" if not ex else " (" + ", ".join(f"{k}: {v}" for k, v in sorted(self.excluded.items())) + ")"),
               f"requests: {self.requests}"]
        if self.failed:
            out.append(f"failed: {len(self.failed)} ({'; '.join(self.failed[:5])})")
        return out


def _now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def harvest(corpus_dir: Path, client: Client, *, query: str | None = None, ids: Iterable[str] = (),
            since: str | None = None, limit: int | None = None, screen: bool = True, update: bool = False,
            progress: Callable[[Iterable[str]], Iterator[str]] | None = None) -> Summary:
    """Search (a query, or ids), fetch what the corpus lacks, screen it, and record it all in the manifest."""
    from spinekg.loaders.screening import screen as screen_record

    corpus = Corpus(corpus_dir)
    if update:
        query = corpus.data.get("query")
        if not query:
            raise HarvestError(f"{corpus_dir}: no saved query to update (harvest it with a query first)")
        runs = [r for r in corpus.data["runs"] if r.get("finished")]
        since = since or (runs[-1]["started"][:10].replace("-", "/") if runs else None)
    started = _now()
    s = Summary(query=query)
    if query:
        # --since is a publication date; an update asks what PubMed added (its Entrez date) since the last run
        s.count, pmids, webenv = esearch(client, query, mindate=_date(since), limit=limit,
                                         datetype="edat" if update else "pdat")
    else:
        pmids, webenv = pmids_for(client, ids), None
        s.count = len(pmids)
    if query and not corpus.data.get("query"):
        corpus.data["query"] = query
    run = {"started": started, "query": query, "ids": list(ids) if not query else None, "since": since,
           "limit": limit, "hits": s.count, "webenv": webenv}
    corpus.data["runs"].append(run)
    corpus.save()
    seen: set[str] = set()
    todo = []
    for p in pmids:
        key = corpus.find(pmid=p)
        rec0 = corpus.data["records"].get(key) if key else None
        if p in seen:
            s.duplicates += 1
        elif rec0 and rec0.get("status") == "done" and corpus.holds(rec0.get("pubmed")):
            s.known += 1
        else:
            todo.append(p)
        seen.add(p)
    bar = iter(progress(todo)) if progress else None
    for i in range(0, len(todo), client.batch_size):
        batch = todo[i:i + client.batch_size]
        # 1. the PubMed records the corpus lacks, saved at once (a kill after this never fetches them again)
        need = [p for p in batch if not corpus.holds((corpus.data["records"].get(p) or {}).get("pubmed"))]
        fetched: dict[str, bytes] = {}
        for p in list(need):  # saved by a run killed before its manifest was: read, not fetched again
            if corpus.saved(f"pubmed/{p}.xml") is not None:
                fetched[p] = (corpus.root / f"pubmed/{p}.xml").read_bytes()
        if any(p not in fetched for p in need):
            need_net = [p for p in need if p not in fetched]
            try:
                fetched.update(efetch(client, need_net))
            except HarvestError as e:
                s.failed.append(str(e))
                for one in need_net:  # a malformed batch: each record alone, so one bad record fails alone
                    try:
                        fetched.update(efetch(client, [one]))
                    except HarvestError as e1:
                        s.failed.append(f"PMID {one}: {e1}")
        for pmid in need:
            xml = fetched.get(pmid)
            if xml is None:
                if not any(pmid in f for f in s.failed):
                    s.failed.append(f"PMID {pmid}: no record fetched")
                continue
            try:
                meta = describe(xml)
            except HarvestError as e:
                s.failed.append(f"PMID {pmid}: {e}")
                continue
            other = corpus.find(pmcid=meta["pmcid"], doi=meta["doi"])
            if other and other != pmid:
                s.duplicates += 1  # the same paper under another PubMed id
                continue
            rec: dict[str, Any] = {k: meta[k] for k in ("pmid", "pmcid", "doi", "title", "year",
                                                        "publication_types")}
            rec.update(fetched=_now(), status="fetched", pubmed=corpus.write(f"pubmed/{pmid}.xml", xml))
            corpus.put(pmid, rec)
        # 2. screening and full text, record by record
        for pmid in batch:
            if bar is not None:
                next(bar, None)
            rec = corpus.data["records"].get(pmid)
            if rec is None or rec.get("status") == "done" or not corpus.holds(rec.get("pubmed")):
                continue
            meta = describe((corpus.root / rec["pubmed"]["file"]).read_bytes())
            if screen:
                v = screen_record(meta["title"], meta["abstract"], meta["publication_types"])
                rec["screening"] = {"verdict": "included" if v.included else "excluded", "reason": v.reason}
            else:
                rec["screening"] = {"verdict": "included", "reason": "not screened (--no-screen)"}
            rec.setdefault("fulltext", None)
            kept = corpus.saved(f"fulltext/{meta['pmcid']}.xml") if meta["pmcid"] else None
            if kept is not None and not corpus.holds(rec["fulltext"]) and rec["screening"]["verdict"] == "included":
                # saved by a run killed before its manifest was: kept, not fetched again (its service unknown)
                rec["fulltext"] = {**kept, "source": None}
                rec["licence"] = licence_of((corpus.root / kept["file"]).read_bytes())
            if meta["pmcid"] and rec["screening"]["verdict"] == "included" and not corpus.holds(rec["fulltext"]):
                try:
                    body, where = fulltext(client, meta["pmcid"])
                except HarvestError as e:
                    body, where = None, None
                    s.failed.append(f"{meta['pmcid']}: {e}")
                if body is not None:
                    rec["fulltext"] = {**corpus.write(f"fulltext/{meta['pmcid']}.xml", body), "source": where}
                    rec["licence"] = licence_of(body)
            rec["status"] = "done"
            s.new += 1
            if corpus.holds(rec["fulltext"]):
                s.fulltext += 1
            else:
                s.abstract_only += 1
            if rec["screening"]["verdict"] == "included":
                s.included += 1
            else:
                reason = rec["screening"]["reason"]
                s.excluded[reason] = s.excluded.get(reason, 0) + 1
            corpus.put(pmid, rec)
    if bar is not None:
        for _ in bar:
            pass
    s.requests = client.requests
    run.update(finished=_now(), new=s.new, known=s.known, duplicates=s.duplicates, included=s.included,
               excluded=sum(s.excluded.values()), fulltext=s.fulltext, failed=len(s.failed))
    corpus.save()
    return s


def _date(since: str | None) -> str | None:
    """E-utilities' date form (YYYY, YYYY/MM or YYYY/MM/DD) of --since."""
    if not since:
        return None
    s = since.strip().replace("-", "/")
    if not re.fullmatch(r"\d{4}(?:/\d{1,2}(?:/\d{1,2})?)?", s):
        raise HarvestError(f"--since {since!r}: give a year or a date (2015, 2015-06, 2015-06-30)")
    return s
