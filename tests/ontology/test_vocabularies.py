"""Issue 13: WHO CNS types of the spinal cord, staging and score vocabularies, margins apart from extent,
intent apart from procedure. Each test guards one class of defect the issue fixed."""

import re

import pytest
import rdflib
from rdflib.namespace import OWL, RDF, RDFS, SKOS
from spinekg.ontology import check
from spinekg.ontology.lexicon import lexicon

SKG = rdflib.Namespace("https://w3id.org/spinekg/ontology/")
GENE = rdflib.Namespace("https://w3id.org/spinekg/gene/")
OBO = rdflib.Namespace("http://purl.obolibrary.org/obo/")


@pytest.fixture(scope="module")
def graph():
    return check.load_graph()


def members(g, cls):
    return {s for s in g.subjects(RDF.type, cls) if (s, OWL.deprecated, rdflib.Literal(True)) not in g}


def subclasses(g, cls):
    out, todo = set(), [cls]
    while todo:
        for s in g.subjects(RDFS.subClassOf, todo.pop()):
            if s not in out:
                out.add(s)
                todo.append(s)
    return out


# --- staging and score systems ---------------------------------------------------------------------------------

SYSTEMS = {"EnnekingStage": 9, "WBBZone": 12, "WBBLayer": 5, "TomitaType": 7, "SINSCategory": 3, "ESCCGrade": 6,
           "ECOGPerformanceStatus": 6, "KarnofskyPerformanceStatus": 11, "McCormickGrade": 4}


def test_every_staging_system_has_its_values(graph):
    systems = subclasses(graph, SKG.ClinicalScaleValue)
    assert {SKG[s] for s in SYSTEMS if s != "McCormickGrade"} <= systems
    for s in systems:
        assert members(graph, s), f"{s} has no values"
    for name, n in SYSTEMS.items():
        assert len(members(graph, SKG[name])) == n, name
    assert (SKG.McCormickGrade, RDFS.subClassOf, SKG.NeurologicalGrade) in graph


@pytest.mark.parametrize("kind,text,local", [
    ("clinical_scale", "Enneking stage IIB", "EnnekingIIB"),
    ("clinical_scale", "Enneking stage 3", "Enneking3"),
    ("clinical_scale", "WBB zones 4", None),
    ("clinical_scale", "WBB zone 4", "WBBZone4"),
    ("clinical_scale", "Tomita type 4", "TomitaType4"),
    ("clinical_scale", "Tomita type IV", "TomitaType4"),
    ("clinical_scale", "SINS 7-12", "SINSPotentiallyUnstable"),
    ("clinical_scale", "ESCC grade 2", "ESCC2"),
    ("clinical_scale", "Bilsky grade 1c", "ESCC1c"),
    ("clinical_scale", "ECOG 1", "ECOG1"),
    ("clinical_scale", "KPS 80%", "KPS80"),
    ("neuro_grade", "McCormick grade II", "McCormickII"),
    ("neuro_grade", "Frankel C", "FrankelC"),
])
def test_report_forms_of_scale_values_are_names(kind, text, local):
    got = lexicon().lookup(kind, text)
    assert got == (str(SKG[local]) if local else None)


def test_scale_values_are_disjoint_from_other_vocabularies(graph):
    disjoint = [m for d in graph.subjects(RDF.type, OWL.AllDisjointClasses)
                for m in rdflib.collection.Collection(graph, graph.value(d, OWL.members))]
    assert SKG.ClinicalScaleValue in disjoint and SKG.NeurologicalGrade in disjoint


def test_no_scale_value_name_is_a_bare_vertebra_or_number():
    lex = lexicon()
    for t in lex.of_kind("clinical_scale"):
        for name in [t.label, *t.synonyms]:
            assert not re.fullmatch(r"[CTLS]\d+|\d+%?|[IV]+[AB]?", name.strip()), (t.iri, name)


# --- margins split from extent ---------------------------------------------------------------------------------

def test_margin_values_belong_to_exactly_one_system(graph):
    r, e = members(graph, SKG.ResidualTumorClass), members(graph, SKG.EnnekingMargin)
    assert {x.split("/")[-1] for x in r} == {"R0", "R1", "R2"}
    assert {x.split("/")[-1] for x in e} == {"IntralesionalMargin", "MarginalMargin", "WideMargin", "RadicalMargin"}
    assert not members(graph, SKG.MarginStatus)  # every value is typed with its system, not the umbrella
    assert not r & e


def test_no_margin_value_is_also_an_extent(graph):
    lex = lexicon()
    margins = {t.iri for t in lex.of_kind("margin")}
    extents = {t.iri for t in lex.of_kind("extent")}
    assert len(extents) == 4 and margins and not margins & extents
    for iri in extents:
        assert not (set(graph.objects(rdflib.URIRef(iri), RDF.type)) & {SKG.MarginStatus, SKG.ResidualTumorClass,
                                                                       SKG.EnnekingMargin})


def test_radical_is_a_margin_not_an_intent():
    lex = lexicon()
    assert lex.lookup("intent", "radical") is None
    assert lex.lookup("margin", "radical margin") == str(SKG.RadicalMargin)


def test_extent_and_technique_are_sibling_axes(graph):
    below_intralesional = subclasses(graph, SKG.IntralesionalResection)
    below_en_bloc = subclasses(graph, SKG.EnBlocResection)
    for named_by_extent, value in ((SKG.GrossTotalResection, SKG.GrossTotalExtent),
                                   (SKG.SubtotalResection, SKG.SubtotalExtent)):
        assert named_by_extent not in below_intralesional | below_en_bloc
        assert (named_by_extent, RDFS.subClassOf, SKG.TumorResection) in graph
        assert (named_by_extent, SKG.resectionExtent, value) in graph
    lex = lexicon()
    # the synonyms the extractor relies on are still surgery
    for text in ("gross total resection", "subtotal resection", "near-total resection", "piecemeal resection",
                 "intralesional curettage", "en bloc resection"):
        iri = lex.lookup("procedure", text)
        assert iri and lex.category(iri) == "surgery", text


# --- intent apart from the procedure -------------------------------------------------------------------------

def test_no_deprecated_term_is_in_the_lexicon(graph):
    dep = {str(s) for s in check.deprecated(graph)}
    assert {str(SKG.PalliativeRadiotherapy), str(SKG.PreoperativeArterialEmbolization)} <= dep
    lex = lexicon()
    assert not dep & set(lex.terms)
    for s in dep:
        assert (rdflib.URIRef(s), OBO.IAO_0100001, None) in graph


@pytest.mark.parametrize("text,local,category", [
    ("palliative radiotherapy", "Radiotherapy", "radiotherapy"),
    ("palliative RT", "Radiotherapy", "radiotherapy"),
    ("preoperative embolization", "Embolization", "embolization"),
    ("selective arterial embolization", "Embolization", "embolization"),
])
def test_names_of_deprecated_procedures_stay_findable(text, local, category):
    lex = lexicon()
    iri = lex.lookup("procedure", text)
    assert iri == str(SKG[local]) and lex.category(iri) == category


def test_no_procedure_class_bakes_an_intent_into_its_label():
    lex = lexicon()
    intents = {n for n in lex.names("intent")}
    for t in lex.of_kind("procedure"):
        words = t.label.lower().split()
        assert not any(" ".join(words[i:i + k]) in intents for k in (1, 2) for i in range(len(words))), t.label


# --- WHO CNS 2021 types of the spinal cord ---------------------------------------------------------------------

@pytest.mark.parametrize("text,local", [
    ("astroblastoma", "AstroblastomaMN1Altered"), ("HGNET-MN1", "AstroblastomaMN1Altered"),
    ("high-grade neuroepithelial tumour with MN1 alteration", "AstroblastomaMN1Altered"),
    ("spinal neurocytoma", "ExtraventricularNeurocytoma"),
    ("atypical spinal neurocytoma", "ExtraventricularNeurocytoma"),
    ("central neurocytoma", "CentralNeurocytoma"), ("neurocytoma", "Neurocytoma"),
    ("oligodendroglioma", "OligodendrogliomaIDHMutantCodeleted"),
    ("anaplastic oligodendroglioma", "OligodendrogliomaGrade3"),
    ("DLGNT", "DiffuseLeptomeningealGlioneuronalTumor"), ("primary meningeal melanoma", "MeningealMelanoma"),
    ("primary CNS lymphoma", "PrimaryCNSLymphoma"),
])
def test_spinal_cns_types_are_named(text, local):
    assert lexicon().lookup("tumor_type", text) == str(SKG[local])


def test_cns_behaviour_follows_the_icdo_behaviour_digit(graph):
    want = {"0": SKG.Benign, "1": SKG.Intermediate, "3": SKG.Malignant}
    for c in subclasses(graph, SKG.CNSTumor):
        beh = set(graph.objects(c, SKG.behaviour))
        for code in graph.objects(c, SKG.icdO3Morphology):
            digit = str(code).rsplit("/", 1)[-1]
            if beh:
                assert beh == {want[digit]}, (c, code, beh)


def test_defining_genes_are_hgnc_mapped(graph):
    assert (SKG.AstroblastomaMN1Altered, SKG.definingAlteration, GENE.MN1) in graph
    assert (GENE.MN1, SKOS.exactMatch, rdflib.URIRef("https://identifiers.org/hgnc:7180")) in graph
    for c in subclasses(graph, SKG.CNSTumor):
        for g in graph.objects(c, SKG.definingAlteration):
            if str(g).startswith(str(GENE)):
                assert any("hgnc" in str(x) for x in graph.objects(g, SKOS.exactMatch)), g


# --- gene definitions ------------------------------------------------------------------------------------------

def test_template_gene_definitions_do_not_grow(graph):
    """Gene definitions that only give the HGNC name are being replaced by ones from a readable source; none
    may be added, and one from a source names it (not only HGNC)."""
    template = re.compile(r"The human gene \S+ \(.*\), HGNC approved symbol \S+\.")
    n = 0
    for s, d in graph.subject_objects(SKOS.definition):
        if str(s).startswith(str(GENE)):
            if template.fullmatch(str(d)):
                n += 1
            elif str(s) in {str(GENE[g]) for g in ("EWSR1", "SMARCB1", "NF1", "VHL", "IDH1", "MYCN")}:
                src = str(graph.value(s, SKG.definitionSource))
                assert "MedlinePlus" in src or "NCBI Gene" in src or "Genetics Home Reference" in src, (s, src)
    assert n <= 0
