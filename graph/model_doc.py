"""The case-graph model, described from the SHACL shapes and the ontology: what each node kind carries, the
predicates with their value types and counts, and a diagram. ``docs/model.md`` is written from here
(``python -m spinekg.graph.model_doc``) and the web UI's ``/model`` page shows the same; a test keeps the file
current."""

from __future__ import annotations

import functools
import html
import re
from dataclasses import dataclass, field
from pathlib import Path

import rdflib
from rdflib.namespace import RDF, RDFS, SH, SKOS
from spinekg.ontology import SKG

#: the order in which the node kinds are told
ORDER = ["Case", "Patient", "Tumor", "IHCResult", "GenomicFinding", "FusionFinding", "GeneFinding", "Intervention",
         "Outcome", "NeurologicalAssessment", "Complication", "RuledOutDiagnosis", "Evidence"]
SHAPES = "https://w3id.org/spinekg/shapes/"
XSD = "http://www.w3.org/2001/XMLSchema#"


@dataclass
class Predicate:
    path: str  # a CURIE (skg:ageYears)
    label: str
    definition: str
    value: str  # what the value is: a datatype, a class, a term of the ontology, a list of values
    count: str  # "1", "0..1", "0..n", "1..n"
    target: str | None = None  # the node kind the value is, when it is one


@dataclass
class NodeKind:
    name: str
    classes: list[str]
    definition: str
    predicates: list[Predicate] = field(default_factory=list)
    note: str = ""


def _curie(iri: str) -> str:
    for prefix, ns in (("skg:", SKG), ("rdfs:", str(RDFS)), ("rdf:", str(RDF)), ("xsd:", XSD), ("skos:", str(SKOS)),
                       ("prov:", "http://www.w3.org/ns/prov#")):
        if iri.startswith(ns):
            return prefix + iri[len(ns):]
    return iri


@functools.lru_cache(maxsize=1)
def describe_model() -> list[NodeKind]:
    from spinekg.graph.shapes import shapes_graph
    from spinekg.ontology import ontology_path

    sg = shapes_graph()
    onto = rdflib.Graph().parse(ontology_path(), format="turtle")

    def text(iri: rdflib.term.Node, pred: rdflib.URIRef) -> str:
        v = onto.value(iri, pred) if isinstance(iri, rdflib.URIRef) else None
        return str(v) if v is not None else ""

    kinds = []
    for shape in sg.subjects(RDF.type, SH.NodeShape):
        classes = sorted(str(c) for c in sg.objects(shape, SH.targetClass))
        if not classes:
            continue
        name = str(shape)[len(SHAPES):]
        main = rdflib.URIRef(classes[0]) if name not in ("GenomicFinding", "GeneFinding") else \
            rdflib.URIRef(SKG + "GenomicFinding")
        kind = NodeKind(name, [_curie(c) for c in classes], text(main, SKOS.definition),
                        note=str(sg.value(shape, RDFS.comment) or ""))
        for prop in sg.objects(shape, SH.property):
            path = sg.value(prop, SH.path)
            if path is None:
                continue
            # a predicate of another vocabulary (prov:) is described by its property shape's sh:description
            kind.predicates.append(Predicate(_curie(str(path)), text(path, RDFS.label) or _curie(str(path)),
                                             text(path, SKOS.definition) or str(sg.value(prop, SH.description) or ""),
                                             _value(sg, prop), _count(sg, prop), _target(sg, prop)))
        kind.predicates.sort(key=lambda p: (p.count.startswith("0"), p.path))
        kinds.append(kind)
    kinds.sort(key=lambda k: ORDER.index(k.name) if k.name in ORDER else len(ORDER))
    return kinds


def _count(sg: rdflib.Graph, prop: rdflib.term.Node) -> str:
    lo = int(str(sg.value(prop, SH.minCount) or 0))
    raw = sg.value(prop, SH.maxCount)
    hi = int(str(raw)) if raw is not None else None
    return f"{lo}" if hi == lo else f"{lo}..{hi if hi is not None else 'n'}"


def _value(sg: rdflib.Graph, prop: rdflib.term.Node) -> str:
    dt = sg.value(prop, SH.datatype)
    if dt is not None:
        out = _curie(str(dt))
    elif (head := sg.value(prop, SH["in"])) is not None:
        items = list(rdflib.collection.Collection(sg, head))
        out = "one of " + ", ".join(_curie(str(i)) if isinstance(i, rdflib.URIRef) else f'"{i}"' for i in items)
    elif sg.value(prop, SH["class"]) is not None:
        out = "a " + _curie(str(sg.value(prop, SH["class"])))
    elif (alts := sg.value(prop, SH["or"])) is not None:
        members = list(rdflib.collection.Collection(sg, alts))
        parts = [_curie(str(sg.value(m, SH.datatype) or sg.value(m, SH["class"]) or "")) for m in members]
        out = " or ".join(p for p in parts if p) or "see the shapes"
    elif sg.value(prop, SH.node) == rdflib.URIRef(SHAPES + "OntologyTerm"):
        out = "a term of the ontology (IRI)"
    elif sg.value(prop, SH.nodeKind) == SH.IRI:
        out = "an IRI"
    else:
        out = "a number" if any(sg.value(prop, p) is not None for p in (SH.minInclusive, SH.maxInclusive,
                                                                         SH.minExclusive)) else "a value"
    lo, hi = sg.value(prop, SH.minInclusive) or sg.value(prop, SH.minExclusive), sg.value(prop, SH.maxInclusive)
    if lo is not None or hi is not None:
        out += f" ({lo if lo is not None else ''}–{hi if hi is not None else ''})"
    return out


def _target(sg: rdflib.Graph, prop: rdflib.term.Node) -> str | None:
    cls = sg.value(prop, SH["class"])
    if cls is not None:
        return str(cls)[len(SKG):]
    members = sg.value(prop, SH["or"])
    if members is not None:
        for m in rdflib.collection.Collection(sg, members):
            c = sg.value(m, SH["class"])
            if c is not None:
                return "GenomicFinding" if "Finding" in str(c) else str(c)[len(SKG):]
    return None


def markdown() -> str:
    """docs/model.md: the node kinds, a diagram (Mermaid) and the predicate cheat sheet."""
    kinds = describe_model()
    lines = ["# The spinekg case graph", "",
             "Generated from the SHACL shapes (`ontology/shapes.ttl`, served at `/shapes`) and the ontology by",
             "`python -m spinekg.graph.model_doc`; a test keeps this file current. Every case graph is checked",
             "against the shapes when it is ingested. The same page is served at `/model`.", "",
             "Each case is one named graph (`<https://w3id.org/spinekg/case/ID>`) with an inferred graph beside it",
             "(`…/ID/inferred`: the tumour's ancestor classes, its spinal regions, the genes of its fusions).", "",
             "## Diagram", "", "```mermaid", "flowchart LR"]
    for k in kinds:
        for p in k.predicates:
            if p.target and p.target != k.name:
                lines.append(f"  {k.name} -- {p.path} --> {p.target}")
    lines += ["```", "", "## Predicates by node kind", ""]
    for k in kinds:
        lines += [f"### {k.name}", "", f"Classes: {', '.join(f'`{c}`' for c in k.classes)}." +
                  (f" {k.definition}" if k.definition else ""), ""]
        if k.note:
            lines += [k.note, ""]
        if k.predicates:
            lines += ["| predicate | value | count | meaning |", "|---|---|---|---|"]
            for p in k.predicates:
                meaning = (p.definition or p.label).replace("|", "\\|")
                lines.append(f"| `{p.path}` | {p.value.replace('|', chr(92) + '|')} | {p.count} | {meaning} |")
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def svg() -> str:
    """The diagram for the web page: node kinds as boxes in rows, object links as labelled arrows."""
    kinds = {k.name: k for k in describe_model()}
    rows = [["Case"], ["Patient", "Tumor", "Intervention", "Outcome", "NeurologicalAssessment", "Complication",
                       "RuledOutDiagnosis"], ["IHCResult", "GenomicFinding", "Evidence"]]
    w, h, gap_x, gap_y = 150, 34, 18, 110
    width = max(len(r) for r in rows) * (w + gap_x) + gap_x
    pos: dict[str, tuple[float, float]] = {}
    for y, row in enumerate(rows):
        offset = (width - len(row) * (w + gap_x) + gap_x) / 2
        for x, name in enumerate(row):
            if name in kinds:
                pos[name] = (offset + x * (w + gap_x), 20 + y * gap_y)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.0f} {20 + len(rows) * gap_y}" '
             f'class="model-diagram" role="img" aria-label="The node kinds of a case graph and their links">',
             '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" markerHeight="6" '
             'orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z"/></marker></defs>']
    for name, k in kinds.items():
        if name not in pos:
            continue
        x0, y0 = pos[name]
        for p in k.predicates:
            t = p.target
            if t and t in pos and t != name:
                x1, y1 = pos[t]
                parts.append(f'<line x1="{x0 + w / 2:.0f}" y1="{y0 + h:.0f}" x2="{x1 + w / 2:.0f}" y2="{y1:.0f}" '
                             f'class="edge" marker-end="url(#arrow)"><title>{html.escape(p.path)}</title></line>')
    for name, (px, py) in pos.items():
        parts.append(f'<a href="#{name}"><rect x="{px:.0f}" y="{py:.0f}" width="{w}" height="{h}" rx="6" class="node"/>'
                     f'<text x="{px + w / 2:.0f}" y="{py + h / 2 + 4:.0f}" text-anchor="middle">'
                     f'{html.escape(_spaced(name))}</text></a>')
    parts.append("</svg>")
    return "\n".join(parts)


def _spaced(name: str) -> str:
    return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", name)


def docs_path() -> Path:
    return Path(__file__).resolve().parents[1] / "docs" / "model.md"


if __name__ == "__main__":  # pragma: no cover - the writer of docs/model.md
    docs_path().write_text(markdown(), encoding="utf-8")
    print(f"wrote {docs_path()}")
