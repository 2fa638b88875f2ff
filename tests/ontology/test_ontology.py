import shutil

import pytest
import rdflib
from spinekg.ontology import check, vocab
from spinekg.ontology.lexicon import lexicon


@pytest.fixture(scope="module")
def graph():
    return check.load_graph()


def test_every_term_has_one_label_one_definition_and_a_source(graph):
    assert check.check_annotations(graph) == []


def test_no_name_is_given_to_two_terms(graph):
    assert check.check_names(graph) == []


def test_every_external_id_was_verified(graph):
    problems, n = check.check_mappings(graph)
    assert problems == []
    assert n > 200


def test_structure_header_and_spine(graph):
    assert check.check_structure(graph) == []


def test_traps_from_the_reference_notes(graph):
    obo = "http://purl.obolibrary.org/obo/"
    skos = rdflib.SKOS
    skg = rdflib.Namespace("https://w3id.org/spinekg/ontology/")
    assert (skg.T8, skos.exactMatch, rdflib.URIRef(obo + "UBERON_0011050")) in graph
    assert not list(graph.subjects(None, rdflib.URIRef(obo + "UBERON_0004637")))


def test_tumor_hierarchy_is_real():
    lex = lexicon()
    tumors = lex.of_kind("tumor_type")
    assert len(tumors) >= 60
    mcs = lex.lookup("tumor_type", "mesenchymal chondrosarcoma")
    assert mcs and lex.terms[mcs].parents
    depth = 0
    todo = [(mcs, 0)]
    while todo:
        iri, d = todo.pop()
        depth = max(depth, d)
        todo.extend((p, d + 1) for p in lex.terms[iri].parents if p in lex.terms)
    assert depth >= 3  # mesenchymal chondrosarcoma > chondrosarcoma > chondrogenic > bone tumor ...


def test_vocab_names_exist_in_the_ontology(graph):
    subjects = {str(s) for s in graph.subjects()}
    for name in vocab.SKG.__annotations__:
        assert str(vocab.SKG[name]) in subjects, name


def test_vocab_is_closed():
    with pytest.raises(AttributeError):
        _ = vocab.SKG.NoSuchTerm


def test_sssom_file_is_current():
    import io

    from spinekg.ontology import data_path
    from spinekg.ontology.sssom import write_sssom

    buf = io.StringIO()
    n = write_sssom(buf)
    assert n > 200
    assert data_path("spinekg.sssom.tsv").read_text(encoding="utf-8") == buf.getvalue(), \
        "run 'spinekg ontology sssom -o ontology/spinekg.sssom.tsv'"


def test_sssom_rows_are_well_formed():
    from spinekg.ontology.sssom import mappings

    for row in mappings():
        assert ":" in row["subject_id"] and ":" in row["object_id"]
        assert row["predicate_id"].startswith("skos:")
        assert row["object_label"], row


@pytest.mark.skipif(shutil.which("java") is None, reason="HermiT needs Java")
def test_hermit_consistent_and_inferred_axioms_current():
    assert check.check_inferred_current() == []
