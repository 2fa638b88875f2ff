"""Node writers for the tumor: its type (and inferred superclasses), levels and regions, ruled-out
diagnoses, immunohistochemistry results and genomic findings (genes and fusions)."""

from __future__ import annotations

import pyoxigraph as ox
from spinekg.graph import iris
from spinekg.graph.build_writer import (
    RDF_TYPE,
    RDFS_LABEL,
    SKOS_ALT,
    CaseWriter,
    N,
    P,
    boolean,
    integer,
    level_local,
    num,
)
from spinekg.graph.iris import skg
from spinekg.ontology import hgnc

SKOS_EXACT = ox.NamedNode("http://www.w3.org/2004/02/skos/core#exactMatch")

RESULT_IRI = {"positive": skg("Positive"), "negative": skg("Negative"), "equivocal": skg("Equivocal")}
GENOMIC_CLASS = {"fusion": "FusionFinding", "mutation": "MutationFinding",
                 "amplification": "AmplificationFinding", "deletion": "DeletionFinding"}


class TumorWriter(CaseWriter):
    def tumor(self) -> ox.NamedNode:
        rec, d = self.rec, self.rec.diagnosis
        node = N(iris.part_iri(rec.id, "tumor"))
        self.add(self.case, P("hasTumor"), node)
        self.add(node, RDF_TYPE, P("Tumor"))
        cls = d.term and iris.expand(d.term)
        if cls and cls not in self.lex.terms:
            self.warn(f"diagnosis term {d.term!r} is not in the ontology")
            cls = None
        cls = cls or self.term("tumor_type", d.label, *d.accept)
        if cls:
            self.add(node, RDF_TYPE, N(cls))
            for anc in self.ancestors(cls):
                self.infer(node, RDF_TYPE, N(anc))
        elif d.label:
            self.warn(f"diagnosis {d.label!r} is not a tumor type of the ontology")
        self.lit(node, RDFS_LABEL, d.label or "tumor")
        self.lit(node, P("diagnosisLabel"), d.label)
        for a in d.accept:
            self.lit(node, SKOS_ALT, a)
        self.lit(node, P("grade"), d.grade)
        if d.primary is not None:
            self.add(node, P("isPrimary"), boolean(d.primary))
        for lvl in rec.vertebrae:
            v = P(level_local(lvl))
            self.add(node, P("locatedIn"), v)
        for det in rec.level_details:
            if det.label in rec.vertebrae and det.evidence:
                self.evidence(node, det.evidence, (P("locatedIn"), P(level_local(det.label))))
        regions = {self.lex_region(lvl) for lvl in rec.vertebrae} - {None}
        for reg in sorted(regions):  # type: ignore[type-var]
            # a tumour's region (skg:inRegion is a vertebra's: its domain would make the tumour a vertebra)
            self.infer(node, P("inSpinalRegion"), N(reg))  # type: ignore[arg-type]
        if rec.compartment:
            comp = self.term("compartment", rec.compartment)
            if comp:
                self.add(node, P("inCompartment"), N(comp))
            else:
                self.warn(f"unknown compartment {rec.compartment!r}")
        if rec.size_cm is not None:
            self.add(node, P("sizeCm"), num(rec.size_cm))
        if rec.necrosis_percent is not None:
            self.add(node, P("necrosisPercent"), num(rec.necrosis_percent))
        for name in rec.ruled_out:
            ro = self.term("tumor_type", name)
            rnode = N(iris.part_iri(rec.id, "ruled-out", slug_norm(name)))
            self.add(self.case, P("hasRuledOutDiagnosis"), rnode)
            self.add(rnode, RDF_TYPE, P("RuledOutDiagnosis"))
            self.lit(rnode, RDFS_LABEL, name)
            if ro:
                self.add(rnode, P("ruledOut"), N(ro))
        self.fact(node, d.evidence)
        return node

    def lex_region(self, lvl: str) -> str | None:
        from spinekg.levels import region_of

        reg = region_of(lvl)
        return skg(f"{reg.capitalize()}Spine") if reg else None

    def markers(self, tumor: ox.NamedNode) -> None:
        for i, m in enumerate(self.rec.markers, 1):
            node = N(iris.part_iri(self.rec.id, "ihc", i))
            self.add(tumor, P("hasIHCResult"), node)
            self.add(node, RDF_TYPE, P("IHCResult"))
            self.add(node, P("sequence"), integer(i))
            iri = self.known(m.term, "marker", "gene") or self.term("marker", m.name, *m.accept)
            if not iri:
                iri = iris.marker_iri(m.name)
                self.entity(N(iri), RDF_TYPE, P("IHCMarker"))
                self.entity(N(iri), RDFS_LABEL, ox.Literal(m.name))
                self.warn(f"marker {m.name!r} is not in the ontology")
            self.add(node, P("marker"), N(iri))
            self.lit(node, RDFS_LABEL, m.name)
            for a in m.accept:
                self.lit(node, SKOS_ALT, a)
            if m.result:
                self.add(node, P("result"), N(RESULT_IRI[m.result]))
            if m.value_percent is not None:
                self.add(node, P("percent"), num(m.value_percent))
            if m.pattern:
                pat = self.term("pattern", m.pattern)
                if pat:
                    self.add(node, P("stainingPattern"), N(pat))
                self.lit(node, P("resultText"), m.pattern)
            self.fact(node, m.evidence)

    def gene(self, symbol: str) -> ox.NamedNode:
        iri = self.term("gene", symbol)
        if iri:
            return N(iri)
        node = N(iris.gene_iri(symbol))
        self.entity(node, RDF_TYPE, P("Gene"))
        self.entity(node, RDFS_LABEL, ox.Literal(symbol))
        known = hgnc.symbols().get(symbol)
        if known and known[0] == symbol:
            # a gene the ontology does not model is still HGNC's approved symbol: linked to its HGNC entry
            self.entity(node, SKOS_EXACT, N(f"https://identifiers.org/{known[1].lower()}"))
        else:
            self.warn(f"gene {symbol!r} is not in the ontology nor an approved HGNC symbol")
        return node

    def genomic(self, tumor: ox.NamedNode) -> None:
        for i, g in enumerate(self.rec.genomic, 1):
            node = N(iris.part_iri(self.rec.id, "genomic", i))
            self.add(tumor, P("hasGenomicFinding"), node)
            self.add(node, RDF_TYPE, P(GENOMIC_CLASS[g.kind]))
            self.add(node, P("sequence"), integer(i))
            if g.kind == "fusion":
                g3 = self.gene(g.gene3) if g.gene3 else None
                g5 = self.gene(g.gene5) if g.gene5 else None
                fiv = self.lex.lookup("fusion", f"{g.gene5}::{g.gene3}") if g.gene5 and g.gene3 else None
                fus = N(fiv or iris.fusion_iri(g.gene5, g.gene3))
                if not fiv:
                    self.entity(fus, RDF_TYPE, P("GeneFusion"))
                    self.entity(fus, RDFS_LABEL, ox.Literal(f"{g.gene5 or '?'}::{g.gene3 or '?'}"))
                    if g3 is not None:
                        self.entity(fus, P("threePrimePartner"), g3)
                    if g5 is not None:
                        self.entity(fus, P("fivePrimePartner"), g5)
                self.add(node, P("fusion"), fus)
                # inferred: the finding involves each partner gene, so a fusion is found from either partner
                for partner in (g5, g3):
                    if partner is not None:
                        self.infer(node, P("gene"), partner)
                self.lit(node, P("gene3"), g.gene3)
                self.lit(node, P("gene5"), g.gene5)
                if g.exon5 is not None:
                    self.add(node, P("exon5"), integer(g.exon5))
                if g.exon3 is not None:
                    self.add(node, P("exon3"), integer(g.exon3))
                self.lit(node, RDFS_LABEL, f"{g.gene5 or '?'}::{g.gene3 or '?'} fusion")
            else:
                assert g.gene is not None
                self.add(node, P("gene"), self.gene(g.gene))
                self.add(node, P("geneSymbol"), ox.Literal(g.gene))
                self.lit(node, P("variant"), g.variant)
                for a in g.accept_gene:
                    self.lit(node, P("acceptedGeneSymbol"), a)
                self.lit(node, RDFS_LABEL, f"{g.gene} {g.variant or g.kind}")
            self.lit(node, P("alleleOrigin"), g.origin)
            if g.method:
                meth = self.term("method", g.method)
                if meth:
                    self.add(node, P("detectedBy"), N(meth))
                self.lit(node, P("methodText"), g.method)
            self.fact(node, g.evidence)


def slug_norm(text: str) -> str:
    from spinekg.ontology.lexicon import norm

    return norm(text).replace(" ", "-") or "x"
