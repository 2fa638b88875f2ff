"""Node writers for the course of a case: interventions (with agents, doses, levels), relative times,
neurological assessments, complications and the outcome."""

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

from spinekg.model import Timing

CATEGORY_CLASS = {
    "biopsy": "Biopsy", "surgery": "Surgery", "radiotherapy": "Radiotherapy", "chemotherapy": "Chemotherapy",
    "targeted_therapy": "TargetedTherapy", "immunotherapy": "Immunotherapy", "other_drug": "OtherDrugTherapy",
    "embolization": "Embolization",
}


class CourseWriter(CaseWriter):
    def interventions(self) -> None:
        for i, iv in enumerate(self.rec.interventions, 1):
            node = N(iris.part_iri(self.rec.id, "intervention", i))
            self.add(self.case, P("hasIntervention"), node)
            cls = self.known(iv.term, "procedure", "drug", "regimen") or self.term("procedure", iv.label, *iv.accept)
            known = self.lex.terms.get(cls) if cls else None
            if known is not None and known.kind in ("drug", "regimen"):
                cls = None  # a drug or regimen is the intervention's agent (skg:agent), not its class
            if cls and self.lex.category(cls) not in (None, iv.category):
                cls = None  # a label that names a procedure of another category: trust the category
            cls = cls or skg(CATEGORY_CLASS[iv.category])
            self.add(node, RDF_TYPE, N(cls))
            for anc in self.ancestors(cls):
                self.infer(node, RDF_TYPE, N(anc))
            self.add(node, P("category"), ox.Literal(iv.category))
            self.add(node, P("sequence"), integer(i))
            self.lit(node, RDFS_LABEL, iv.label)
            for a in iv.accept:
                self.lit(node, SKOS_ALT, a)
            for j, agent in enumerate(iv.agents):
                term = iv.agent_terms[j] if j < len(iv.agent_terms) else None
                iri = self.known(term, "drug", "regimen") or self.term("drug", agent)
                if not iri:
                    iri = iris.drug_iri(agent)
                    self.entity(N(iri), RDF_TYPE, P("Drug"))
                    self.entity(N(iri), RDFS_LABEL, ox.Literal(agent))
                    self.warn(f"drug {agent!r} is not in the ontology")
                self.add(node, P("agent"), N(iri))
                self.add(node, P("agentName"), ox.Literal(agent))
            for lvl in iv.levels:
                self.add(node, P("atLevel"), P(level_local(lvl)))
            for step in iv.steps:
                self.add(node, P("stepText"), ox.Literal(step))
            if iv.dose_gy is not None:
                self.add(node, P("doseGy"), num(iv.dose_gy))
            if iv.fractions is not None:
                self.add(node, P("fractions"), integer(iv.fractions))
            if iv.cycles is not None:
                self.add(node, P("cycles"), integer(iv.cycles))
            self.lit(node, P("doseText"), iv.dose)
            for key, kind, val in (("intent", "intent", iv.intent), ("response", "response", iv.response),
                                   ("margin", "margin", iv.margin)):
                if val:
                    t = self.term(kind, val)
                    if t:
                        self.add(node, P(key), N(t))
                    self.lit(node, P(key + "Text"), val)
            self.lit(node, P("resultText"), iv.result)
            self.timing(node, iv.timing)
            if iv.uneventful is not None:
                self.add(node, P("uneventfulCourse"), boolean(iv.uneventful))
            self.fact(node, iv.evidence)

    def timing(self, node: ox.NamedNode, t: Timing | None, props: tuple[str, str, str] = (
            "timing", "timingMonths", "timingRelativeTo")) -> None:
        if t is None:
            return
        self.lit(node, P(props[0]), t.text)
        if t.months is not None:
            self.add(node, P(props[1]), num(t.months))
        self.lit(node, P(props[2]), t.relative_to)

    def neurological(self) -> None:
        for i, n in enumerate(self.rec.neurological, 1):
            node = N(iris.part_iri(self.rec.id, "neuro", i))
            self.add(self.case, P("hasNeurologicalAssessment"), node)
            self.add(node, RDF_TYPE, P("NeurologicalAssessment"))
            self.add(node, P("sequence"), integer(i))
            label = " ".join(x for x in (n.scale and n.scale.upper() if n.scale != "frankel" else "Frankel",
                                         n.grade, {True: "neurologically intact", False: "neurological deficit",
                                                   None: None}[n.intact]) if x)
            self.lit(node, RDFS_LABEL, label)
            self.lit(node, P("assessmentScale"), n.scale)
            self.lit(node, P("gradeText"), n.grade)
            grade = (n.term and iris.expand(n.term)) or (_grade_iri(n.scale, n.grade) if n.scale and n.grade else None)
            if grade and grade in self.lex.terms:
                self.add(node, P("neurologicalStatus"), N(grade))
            elif grade:
                self.warn(f"neurological grade {n.scale} {n.grade} is not in the ontology")
            if n.scale == "mrc" and n.grade:
                self.add(node, P("muscleStrengthGrade"), integer(int(n.grade[0])))  # "4+" is kept in gradeText
            if n.intact is not None:
                self.add(node, P("neurologicallyIntact"), boolean(n.intact))
            self.lit(node, P("assessedAt"), n.assessed)
            self.timing(node, n.timing)
            self.fact(node, n.evidence)

    def complications(self) -> None:
        for i, c in enumerate(self.rec.complications, 1):
            node = N(iris.part_iri(self.rec.id, "complication", i))
            self.add(self.case, P("hasComplication"), node)
            cls = (c.term and iris.expand(c.term)) or self.term("complication", c.label) or skg("Complication")
            if cls not in self.lex.terms:
                self.warn(f"complication term {c.term!r} is not in the ontology")
                cls = skg("Complication")
            self.add(node, RDF_TYPE, N(cls))
            for anc in self.ancestors(cls):
                self.infer(node, RDF_TYPE, N(anc))
            self.add(node, P("sequence"), integer(i))
            self.lit(node, RDFS_LABEL, c.label)
            self.lit(node, P("complicationText"), c.label)
            if c.after is not None:
                self.add(node, P("followedIntervention"), N(iris.part_iri(self.rec.id, "intervention", c.after)))
            self.timing(node, c.timing)
            self.fact(node, c.evidence)

    def outcome(self) -> None:
        o = self.rec.outcome
        node = N(iris.part_iri(self.rec.id, "outcome"))
        self.add(self.case, P("hasOutcome"), node)
        self.add(node, RDF_TYPE, P("Outcome"))
        self.lit(node, RDFS_LABEL, f"outcome of case {self.rec.id}")
        if o.follow_up_months is not None:
            self.add(node, P("followUpMonths"), num(o.follow_up_months))
        if o.recurrence is not None:
            self.add(node, P("localRecurrence"), boolean(o.recurrence))
        if o.metastasis is not None:
            self.add(node, P("metastasis"), boolean(o.metastasis))
        if o.status:
            st = self.term("status", o.status)
            if st:
                self.add(node, P("status"), N(st))
            self.lit(node, P("statusText"), o.status)
        self.timing(node, o.recurrence_timing, ("recurrenceTiming", "recurrenceMonths", "recurrenceRelativeTo"))
        self.fact(node, o.evidence)


def _grade_iri(scale: str, grade: str) -> str:
    """The ontology individual of a grade: skg:FrankelC, skg:ASIA_C, skg:MRC3 ("4+" -> skg:MRC4)."""
    return skg({"frankel": f"Frankel{grade}", "asia": f"ASIA_{grade}", "mrc": f"MRC{grade[:1]}"}[scale])
