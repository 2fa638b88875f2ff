"""Stable IRIs: the same entity gets the same IRI in every case and on every ingest.

>>> case_iri("dev-001")
'https://w3id.org/spinekg/case/dev-001'
>>> fusion_iri("SPECC1L", "NTRK3")
'https://w3id.org/spinekg/fusion/SPECC1L--NTRK3'
>>> report_iri(doi="10.1016/J.IJSCR.2017.08.045")
'https://w3id.org/spinekg/report/doi-10.1016-j.ijscr.2017.08.045'
"""

from __future__ import annotations

import functools
import re
from urllib.parse import quote

from spinekg.ontology import BASE, PREFIXES, SKG

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_SAFE = re.compile(r"[A-Za-z0-9._](?:[A-Za-z0-9._-]{0,148}[A-Za-z0-9._])?")

ENTITIES_GRAPH = BASE + "graph/entities"
META_GRAPH = BASE + "graph/meta"
ONTOLOGY_GRAPH = BASE + "ontology"
ONTOLOGY_INFERRED_GRAPH = BASE + "ontology/inferred-axioms"


@functools.lru_cache(maxsize=8192)
def slug(text: str) -> str:
    """A readable, IRI-safe local name."""
    if _SAFE.fullmatch(text) and not text.startswith("."):
        return text  # already one (most are: case ids, sequence numbers, gene symbols)
    s = _UNSAFE.sub("-", text.strip()).strip("-")
    s = s.lstrip(".") or ("dot" * min(len(s), 3) if s else "")  # no "." or ".." segment (RFC 3986 removes them)
    return quote(s[:150], safe="-._") or "x"


def case_iri(case_id: str) -> str:
    return f"{BASE}case/{slug(case_id)}"


def case_graph(case_id: str) -> str:
    """Each case lives in its own named graph, named by the case IRI."""
    return case_iri(case_id)


def inferred_graph(case_id: str) -> str:
    """What inference adds about a case, apart from what was asserted."""
    return case_iri(case_id) + "/inferred"


def part_iri(case_id: str, *parts: object) -> str:
    return case_iri(case_id) + "/" + "/".join(slug(str(p)) for p in parts)


def report_iri(*, doi: str | None = None, pmid: str | None = None, pmcid: str | None = None,
               document: str | None = None) -> str:
    if doi:
        return f"{BASE}report/doi-{slug(doi.lower())}"
    if pmid:
        return f"{BASE}report/pmid-{slug(pmid)}"
    if pmcid:
        return f"{BASE}report/{slug(pmcid.upper())}"
    return f"{BASE}report/doc-{slug((document or 'unknown').rsplit('.', 1)[0])}"


def gene_iri(symbol: str) -> str:
    return PREFIXES["gene"] + slug(symbol)


def marker_iri(name: str) -> str:
    return PREFIXES["marker"] + slug(name)


def drug_iri(name: str) -> str:
    return PREFIXES["drug"] + slug(name.lower().replace(" ", "-"))


def fusion_iri(gene5: str | None, gene3: str | None) -> str:
    return PREFIXES["fusion"] + f"{slug(gene5) if gene5 else 'unknown'}--{slug(gene3) if gene3 else 'unknown'}"


def skg(local: str) -> str:
    return SKG + local


def curie(iri: str) -> str:
    """The shortest CURIE for an IRI under a known prefix, else the IRI itself."""
    best = ""
    for p, ns in PREFIXES.items():
        if iri.startswith(ns) and len(ns) > len(PREFIXES.get(best, "")):
            best = p
    return f"{best}:{iri[len(PREFIXES[best]):]}" if best else iri


def expand(curie_or_iri: str) -> str:
    """An IRI from a CURIE with a known prefix (IRIs pass through)."""
    if ":" in curie_or_iri:
        p, local = curie_or_iri.split(":", 1)
        if p in PREFIXES and not local.startswith("//"):
            return PREFIXES[p] + local
    return curie_or_iri
