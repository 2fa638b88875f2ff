"""OBO-readiness checks of `spinekg ontology check`: each fails on a bad snippet and passes on the shipped file."""

import pytest
import rdflib
from spinekg.ontology import check

PREFIXES = """
@prefix skg: <https://w3id.org/spinekg/ontology/> .
@prefix gene: <https://w3id.org/spinekg/gene/> .
@prefix marker: <https://w3id.org/spinekg/marker/> .
@prefix obo: <http://purl.obolibrary.org/obo/> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
obo:IAO_0000115 a owl:AnnotationProperty .
obo:IAO_0100001 a owl:AnnotationProperty .
"""


def snippet(ttl: str) -> rdflib.Graph:
    return rdflib.Graph().parse(data=PREFIXES + ttl, format="turtle")


GOOD = """
skg:Fever a owl:NamedIndividual ;
    rdfs:label "fever"@en ;
    skos:definition "Body temperature elevated above the normal range."@en ;
    obo:IAO_0000115 "Body temperature elevated above the normal range."@en .
"""


@pytest.fixture(scope="module")
def shipped():
    return check.load_graph()


def test_good_snippet_passes_every_obo_check():
    assert check.check_obo(snippet(GOOD)) == []


@pytest.mark.parametrize("ttl, expect", [
    ("""skg:Fever a owl:NamedIndividual ; rdfs:label "fever"@en ;
        skos:definition "Body temperature elevated above the normal range."@en .""", "0 IAO:0000115"),
    ("""skg:Fever a owl:Class ; rdfs:label "fever"@en ;
        skos:definition "Body temperature elevated above the normal range."@en ;
        obo:IAO_0000115 "Body temperature above normal."@en .""", "differs"),
    ("""skg:Fever a owl:Class ; rdfs:label "fever"@en ;
        skos:definition "Body temperature elevated above the normal range."@en ;
        obo:IAO_0000115 "Body temperature elevated above the normal range."@en, "A second one."@en .""",
     "2 IAO:0000115"),
])
def test_iao_definition_missing_or_different_fails(ttl, expect):
    problems = check.check_obo_definitions(snippet(ttl))
    assert len(problems) == 1 and expect in problems[0]


def test_iao_property_must_be_declared():
    g = rdflib.Graph().parse(data=GOOD.join(PREFIXES.split("obo:IAO_0000115 a owl:AnnotationProperty .")),
                             format="turtle")
    assert any("not declared" in p for p in check.check_obo_definitions(g))


def test_duplicate_label_fails_case_insensitively():
    g = snippet("""
gene:ALK a owl:NamedIndividual ; rdfs:label "ALK"@en .
marker:ALK a owl:NamedIndividual ; rdfs:label "alk"@en .
""")
    problems = check.check_duplicate_labels(g)
    assert len(problems) == 1 and "'alk'" in problems[0]


@pytest.mark.parametrize("label, definition", [
    ("foot drop", "Presenting symptom or sign: foot drop."),
    ("monoclonal antibody", "A therapeutic monoclonal antibody."),
    ("KIAA1549", "The human gene KIAA1549 (KIAA1549), HGNC approved symbol KIAA1549."),
    ("CD34", "The human gene CD34 (CD34 molecule), HGNC approved symbol CD34."),
])
def test_template_definition_fails(label, definition):
    g = snippet(f"""skg:X a owl:NamedIndividual ; rdfs:label "{label}"@en ;
        skos:definition "{definition}"@en ; obo:IAO_0000115 "{definition}"@en .""")
    problems = check.check_template_definitions(g)
    assert len(problems) == 1 and "only repeats the label" in problems[0]


def test_a_deprecated_term_is_exempt_from_the_definition_checks():
    g = snippet("""skg:Old a owl:Class ; rdfs:label "obsolete foot drop"@en ;
        skos:definition "Presenting symptom or sign: foot drop."@en ;
        owl:deprecated true ; obo:IAO_0100001 skg:New .
        skg:New a owl:Class ; rdfs:label "foot drop"@en ;
        skos:definition "Weakness of the muscles that dorsiflex the foot."@en ;
        obo:IAO_0000115 "Weakness of the muscles that dorsiflex the foot."@en .""")
    assert check.check_obo(g) == []


@pytest.mark.parametrize("use", [
    "skg:Child a owl:Class ; rdfs:subClassOf skg:Old .",
    "skg:member a owl:NamedIndividual, skg:Old .",
])
def test_deprecated_term_used_as_parent_fails(use):
    g = snippet("""skg:Old a owl:Class ; rdfs:label "obsolete old"@en ; owl:deprecated true ;
        obo:IAO_0100001 skg:New .
        skg:New a owl:Class .
        """ + use)
    problems = check.check_deprecated(g)
    assert len(problems) == 1 and "the deprecated term" in problems[0]


def test_deprecated_term_without_replacement_fails():
    g = snippet("""skg:Old a owl:Class ; rdfs:label "obsolete old"@en ; owl:deprecated true .""")
    assert any("IAO:0100001" in p for p in check.check_deprecated(g))


def test_shipped_ontology_passes_the_obo_checks(shipped):
    assert check.check_obo_definitions(shipped) == []
    assert check.check_duplicate_labels(shipped) == []
    assert check.check_template_definitions(shipped) == []
    assert check.check_deprecated(shipped) == []


def test_shipped_deprecations_point_to_live_terms(shipped):
    dep = check.deprecated(shipped)
    assert len(dep) >= 5
    skg = rdflib.Namespace("https://w3id.org/spinekg/ontology/")
    assert (skg.SpindleCellSarcoma, check.IAO_REPLACED_BY, skg.UndifferentiatedSpindleCellSarcoma) in shipped
    for old in dep:
        (new,) = shipped.objects(old, check.IAO_REPLACED_BY)
        assert new not in dep and (new, rdflib.RDFS.label, None) in shipped


def test_gene_display_name_is_its_symbol():
    from spinekg.ontology.lexicon import lexicon

    lex = lexicon()
    alk = "https://w3id.org/spinekg/gene/ALK"
    assert lex.label(alk) == "ALK"                       # shown and exported as the HGNC symbol
    assert lex.lookup("gene", "ALK gene") == alk          # its unique OWL label is a name too
    assert lex.lookup("marker", "ALK").endswith("/marker/ALK")
