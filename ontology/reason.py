"""HermiT over the ontology itself (never over case data): consistency, and what it infers.

What it infers is written to ``spinekg-inferred.ttl``: every entailed superclass of every
class, every entailed type of every named individual, and the object property values that
follow from inverse, symmetric and sub-properties (so "T12 is the caudal neighbour of T11"
holds both ways). The store loads that file beside the ontology.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import rdflib
from rdflib.namespace import OWL, RDF, RDFS
from spinekg.ontology import BASE, ONTOLOGY_IRI, ontology_path

from spinekg.errors import OntologyError

logger = logging.getLogger(__name__)


@dataclass
class Reasoned:
    consistent: bool
    unsatisfiable: list[str] = field(default_factory=list)
    inferred: rdflib.Graph = field(default_factory=rdflib.Graph)


def _ours(iri: str) -> bool:
    return iri.startswith(BASE)


def cases_consistent(case_triples: bytes, path: Path | None = None) -> bool:
    """Is the ontology consistent together with these case graphs (N-Triples)? HermiT, as for the ontology alone:
    a tumour typed a vertebra by a property's domain, a level outside a property's range, is found here."""
    if shutil.which("java") is None:
        raise OntologyError("HermiT needs Java, and no 'java' is on the PATH")
    import owlready2

    g = rdflib.Graph()
    g.parse(path or ontology_path(), format="turtle")
    g.parse(data=case_triples, format="nt")
    with tempfile.TemporaryDirectory() as tmp:
        nt = Path(tmp) / "with-cases.nt"
        g.serialize(nt, format="nt", encoding="utf-8")
        world = owlready2.World()
        onto = world.get_ontology(nt.as_uri()).load()
        try:
            with onto:
                owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
        except owlready2.OwlReadyInconsistentOntologyError:
            return False
        except owlready2.base.OwlReadyJavaError as e:  # type: ignore[attr-defined]
            raise OntologyError(f"HermiT failed: {str(e).splitlines()[-1] if str(e) else e}") from None
        finally:
            world.close()
    return True


def shipped_case_triples() -> bytes:
    """The case graphs of the reports spinekg ships (data/reports), as N-Triples (their union, no ontology)."""
    from spinekg.graph import EmbeddedStore
    from spinekg.loaders import load_path

    reports = Path(__file__).resolve().parents[1] / "data" / "reports"
    store = EmbeddedStore(None)
    store.ingest([r for p in sorted(reports.glob("*.json")) for r in load_path(p).records])
    return case_triples(store)


def case_triples(store: Any) -> bytes:
    """The union of a store's case graphs (asserted and inferred), as N-Triples."""
    import io

    import pyoxigraph as ox

    buf = io.BytesIO()
    triples = (ox.Triple(q.subject, q.predicate, q.object) for q in store.store
               if isinstance(q.graph_name, ox.NamedNode) and "/case/" in q.graph_name.value)
    ox.serialize(triples, buf, ox.RdfFormat.N_TRIPLES)
    return buf.getvalue()


def reason(path: Path | None = None) -> Reasoned:
    """Classify with HermiT (owlready2; needs Java) and collect the entailments."""
    if shutil.which("java") is None:
        raise OntologyError("HermiT needs Java, and no 'java' is on the PATH")
    import owlready2

    src = rdflib.Graph()
    src.parse(path or ontology_path(), format="turtle")
    with tempfile.TemporaryDirectory() as tmp:
        nt = Path(tmp) / "spinekg.nt"
        src.serialize(nt, format="nt", encoding="utf-8")
        world = owlready2.World()
        onto = world.get_ontology(nt.as_uri()).load()
        try:
            with onto:
                owlready2.sync_reasoner_hermit(world, infer_property_values=True, debug=0)
        except owlready2.OwlReadyInconsistentOntologyError:
            return Reasoned(consistent=False)
        except owlready2.base.OwlReadyJavaError as e:  # type: ignore[attr-defined]
            raise OntologyError(f"HermiT failed: {str(e).splitlines()[-1] if str(e) else e}") from None
        unsat = sorted(c.iri for c in world.inconsistent_classes() if _ours(c.iri))
        out = rdflib.Graph()
        out.bind("skg", BASE + "ontology/")
        nothing = {str(OWL.Thing)}
        for cls in onto.classes():
            if not _ours(cls.iri):
                continue
            for anc in cls.ancestors(include_self=False):
                iri = getattr(anc, "iri", None)
                if iri and iri not in nothing and (rdflib.URIRef(cls.iri), RDFS.subClassOf, rdflib.URIRef(iri)) \
                        not in src:
                    out.add((rdflib.URIRef(cls.iri), RDFS.subClassOf, rdflib.URIRef(iri)))
        for ind in onto.individuals():
            if not _ours(ind.iri):
                continue
            s = rdflib.URIRef(ind.iri)
            for cls in ind.is_a:
                for anc in getattr(cls, "ancestors", lambda: set())():
                    iri = getattr(anc, "iri", None)
                    if iri and iri not in nothing and (s, RDF.type, rdflib.URIRef(iri)) not in src:
                        out.add((s, RDF.type, rdflib.URIRef(iri)))
            for prop in ind.get_properties():
                if not isinstance(prop, owlready2.ObjectPropertyClass):
                    continue
                for val in prop[ind]:
                    iri = getattr(val, "iri", None)
                    if iri and (s, rdflib.URIRef(prop.iri), rdflib.URIRef(iri)) not in src:
                        out.add((s, rdflib.URIRef(prop.iri), rdflib.URIRef(iri)))
        # property values through super-properties (adjacency from cranial/caudal neighbours)
        for prop in onto.object_properties():
            # (owlready2 counts owl:ObjectProperty itself among a property's ancestors: never a predicate)
            supers = [p for p in prop.ancestors(include_self=False) if isinstance(p, owlready2.ObjectPropertyClass)
                      and _ours(p.iri)]
            for sup in supers:
                for s_ind, o_ind in prop.get_relations():
                    triple = (rdflib.URIRef(s_ind.iri), rdflib.URIRef(sup.iri), rdflib.URIRef(o_ind.iri))
                    if triple not in src:
                        out.add(triple)
        world.close()
    return Reasoned(consistent=True, unsatisfiable=unsat, inferred=out)


def write_inferred(target: Path) -> int:
    """Reason and write the inferred axioms as Turtle; returns how many there are."""
    res = reason()
    if not res.consistent:
        raise OntologyError("the ontology is inconsistent under HermiT")
    if res.unsatisfiable:
        raise OntologyError("unsatisfiable classes: " + ", ".join(res.unsatisfiable))
    g = res.inferred
    header = rdflib.URIRef(ONTOLOGY_IRI + "/inferred-axioms")
    g.add((header, RDFS.comment, rdflib.Literal(
        "Axioms HermiT infers from the spinekg ontology; regenerate with 'spinekg ontology reason'.")))
    g.bind("skg", BASE + "ontology/")
    g.bind("gene", BASE + "gene/")
    g.bind("marker", BASE + "marker/")
    g.bind("drug", BASE + "drug/")
    g.bind("fusion", BASE + "fusion/")
    g.serialize(target, format="turtle", encoding="utf-8")
    return len(g) - 1
