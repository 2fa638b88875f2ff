"""Loaders turn input files into case records. One module per input format, one table of them.

>>> list(LOADERS)
['phenopacket', 'json', 'pubmed', 'jats', 'pdf', 'yaml', 'text']
"""

from __future__ import annotations

import logging
from pathlib import Path

from spinekg.loaders import pdf, phenopacket, records, report, xml
from spinekg.loaders.base import HEAD_BYTES, Loader, LoadResult, read_bytes

from spinekg.errors import InputFormatError

#: Every input format, by name, in the order their sniffers are asked. The CLI offers these as
#: --input-format choices.
LOADERS: dict[str, Loader] = {
    "phenopacket": Loader("phenopacket", "GA4GH Phenopacket v2 JSON (import)", phenopacket.sniff_phenopacket,
                          phenopacket.load_phenopacket),
    "json": Loader("json", "curated case records in JSON", records.sniff_json, records.load_json),
    "pubmed": Loader("pubmed", "PubMed XML (title and abstract)", xml.sniff_pubmed, xml.load_pubmed),
    "jats": Loader("jats", "PMC JATS XML (case sections of the body)", xml.sniff_jats, xml.load_jats),
    "pdf": Loader("pdf", "PDF case report (text layer)", pdf.sniff_pdf, pdf.load_pdf),
    "yaml": Loader("yaml", "curated case records in YAML", records.sniff_yaml, records.load_yaml),
    "text": Loader("text", "plain-text or Markdown case report", report.sniff_text, report.load_text),
}

#: When no sniffer claims a file, its extension names the loader whose error message fits best.
BY_SUFFIX = {".json": "json", ".jsonld": "json", ".yaml": "yaml", ".yml": "yaml", ".xml": "jats", ".nxml": "jats",
             ".pdf": "pdf", ".txt": "text", ".md": "text", ".text": "text"}


def detect(path: Path, head: bytes) -> Loader:
    """The loader for a file, chosen by sniffing its head (the extension only breaks ties)."""
    for loader in LOADERS.values():
        if loader.sniff(head, path):
            return loader
    by_suffix = BY_SUFFIX.get(path.suffix.lower())
    if by_suffix:
        return LOADERS[by_suffix]  # its own parser gives the precise error
    raise InputFormatError("not a format spinekg reads (" + ", ".join(LOADERS) + ")", document=path.name)


def load_path(path: Path, input_format: str | None = None) -> LoadResult:
    """Read one file into case records."""
    data = read_bytes(path)
    loader = LOADERS[input_format] if input_format else detect(path, data[:HEAD_BYTES])
    try:
        return loader.load(path, data)
    except RecursionError:
        raise InputFormatError("nested too deeply to read", document=path.name) from None
    except MemoryError:
        raise InputFormatError("too large to read within the memory limit", document=path.name) from None
    except (ValueError, TypeError, AttributeError, KeyError, IndexError) as e:
        # a value no loader foresaw (a 5,000-digit number, a list where an object belongs): this file fails,
        # with one line, and the batch goes on
        from spinekg.errors import one_line

        raise InputFormatError(f"could not be read ({type(e).__name__}: {one_line(str(e), 200)})",
                               document=path.name) from None


def expand_paths(paths: list[Path]) -> list[Path]:
    """Files named, and the regular files inside directories named (sorted; hidden files and links skipped); of a
    harvest's corpus folder (spinekg harvest), the documents of the papers screening kept."""
    from spinekg.loaders.harvest import Corpus, is_corpus

    out: list[Path] = []
    for p in paths:
        if is_corpus(p):
            # a harvest's folder: one file per included paper (its full text, else its PubMed record)
            out.extend(Corpus(p).documents())
        elif p.is_dir():
            root = p.resolve()
            for f in sorted(p.rglob("*")):
                if f.name.startswith(".") or not f.is_file():
                    continue
                # a link in a folder is not the folder's: it could publish any file the reader can open
                if f.is_symlink() or not f.resolve().is_relative_to(root):
                    logging.getLogger(__name__).warning("%s: a link out of the folder, skipped", f)
                    continue
                out.append(f)
        else:
            out.append(p)
    return out


__all__ = ["LOADERS", "LoadResult", "Loader", "detect", "expand_paths", "load_path"]
