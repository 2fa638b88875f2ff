import json
import subprocess
import sys

import pytest
from conftest import CASES, DATA

from spinekg.cli import main


def nquads(runner, store):
    res = runner.invoke(main, ["export", "--store", str(store), "--format", "nquads"])
    assert res.exit_code == 0, res.output
    return sorted(res.stdout_bytes.decode().splitlines())


@pytest.fixture()
def ingested(tmp_path, runner):
    st = tmp_path / "store"
    res = runner.invoke(main, ["ingest", *map(str, CASES[:4]), "--store", str(st)])
    assert res.exit_code == 0, res.output
    return st


def test_help_on_every_command(runner):
    for args in ([], ["ingest"], ["query"], ["export"], ["stats"], ["ontology"], ["ontology", "check"]):
        res = runner.invoke(main, [*args, "--help"])
        assert res.exit_code == 0 and "Usage" in res.output, args


def test_python_dash_m_works():
    r = subprocess.run([sys.executable, "-m", "spinekg", "--help"], capture_output=True, text=True)
    assert r.returncode == 0 and "ingest" in r.stdout


def test_ingest_then_stats(ingested, runner):
    res = runner.invoke(main, ["stats", "--store", str(ingested), "--json"])
    assert res.exit_code == 0
    assert json.loads(res.output)["cases"] == 4


def test_query_formats(ingested, runner):
    base = ["query", "cases-by-region", "--store", str(ingested), "-p", "region=skg:ThoracicSpine"]
    table = runner.invoke(main, base)
    assert table.exit_code == 0 and "rows)" in table.output
    js = runner.invoke(main, [*base, "--format", "json"])
    data = json.loads(js.stdout)
    assert data["head"]["vars"][0] == "case" and len(data["results"]["bindings"]) >= 1
    csv_out = runner.invoke(main, [*base, "--format", "csv"])
    assert csv_out.stdout.splitlines()[0].startswith("case,")
    raw = runner.invoke(main, ["query", "SELECT (COUNT(*) AS ?n) WHERE { ?c a skg:Case }", "--store", str(ingested)])
    assert raw.exit_code == 0 and "4" in raw.output


def test_query_list(runner):
    res = runner.invoke(main, ["query", "--list"])
    assert res.exit_code == 0 and "cases-by-tumor-type" in res.output


def test_query_errors_are_one_line(ingested, runner):
    for args in (["query", "no-such-query"], ["query", "SELECT WHERE {"], ["query", "cases-by-region", "-p", "x=1"]):
        res = runner.invoke(main, [*args, "--store", str(ingested)])
        assert res.exit_code == 1
        assert res.output.strip().count("\n") == 0 and res.output.startswith("spinekg: error:")


def test_missing_store_is_an_error(tmp_path, runner):
    res = runner.invoke(main, ["stats", "--store", str(tmp_path / "nothing")])
    assert res.exit_code == 1 and "no store" in res.output


def test_export_formats(ingested, runner, tmp_path):
    import pyoxigraph as ox
    import rdflib

    for fmt, rdf in (("turtle", "turtle"), ("rdfxml", "xml")):
        out = tmp_path / f"x.{fmt}"
        res = runner.invoke(main, ["export", "--store", str(ingested), "--format", fmt, "-o", str(out)])
        assert res.exit_code == 0, res.output
        assert len(rdflib.Graph().parse(out, format=rdf)) > 100
    for fmt, rdf_format in (("nquads", ox.RdfFormat.N_QUADS), ("trig", ox.RdfFormat.TRIG),
                            ("jsonld", ox.RdfFormat.JSON_LD)):
        out = tmp_path / f"x.{fmt}"
        res = runner.invoke(main, ["export", "--store", str(ingested), "--format", fmt, "-o", str(out)])
        assert res.exit_code == 0, res.output
        quads = list(ox.parse(path=str(out), format=rdf_format))
        assert len({q.graph_name for q in quads}) > 4
    res = runner.invoke(main, ["export", "--store", str(ingested), "--format", "case-json"])
    cases = json.loads(res.stdout)
    assert len(cases) == 4 and all("document" in c for c in cases)


@pytest.mark.parametrize("bad", sorted(p.name for p in (DATA / "bad").iterdir()))
def test_bad_input_leaves_store_unchanged(bad, ingested, runner):
    before = nquads(runner, ingested)
    res = runner.invoke(main, ["ingest", str(DATA / "bad" / bad), "--store", str(ingested)])
    assert res.exit_code == 1
    errors = [line for line in res.output.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and bad in errors[0]
    assert "Traceback" not in res.output
    assert nquads(runner, ingested) == before


def test_good_files_still_ingested_beside_bad_ones(tmp_path, runner):
    st = tmp_path / "s"
    res = runner.invoke(main, ["ingest", str(DATA / "bad" / "unknown-vertebra.json"), str(CASES[0]),
                               "--store", str(st)])
    assert res.exit_code == 1
    assert "cases stored: 1" in res.output
    assert "X99" in res.output


def test_ingest_directory(tmp_path, runner):
    res = runner.invoke(main, ["ingest", str(DATA / "cases"), "--store", str(tmp_path / "s")])
    assert res.exit_code == 0, res.output
    assert f"cases stored: {len(CASES)}" in res.output


def test_extract_prints_case_records(tmp_path, runner):
    report = tmp_path / "case.txt"
    report.write_text("A 61-year-old man presented with neck pain. MRI showed a tumor of the C4 vertebral body. "
                      "Biopsy confirmed a chordoma.\n")
    res = runner.invoke(main, ["extract", str(report), str(DATA / "inputs" / "jats-sample.xml")])
    assert res.exit_code == 0, res.output
    records = json.loads(res.stdout)
    assert [r["document"] for r in records] == ["case.txt", "jats-sample.xml"]
    first = records[0]
    assert first["vertebrae"] == ["C4"] and first["patient"]["age_years"] == 61
    ev = first["patient"]["evidence"][0]
    assert report.read_text()[ev["start"]:ev["end"]] == ev["text"]
    yml = runner.invoke(main, ["extract", str(report), "--format", "yaml"])
    assert yml.exit_code == 0 and "document: case.txt" in yml.stdout


def test_extract_goes_on_after_a_bad_file(tmp_path, runner):
    good = tmp_path / "good.txt"
    good.write_text("A 30-year-old woman had a schwannoma at L2.\n")
    bad = tmp_path / "bad.xml"
    bad.write_text("<article><body>")
    res = runner.invoke(main, ["extract", str(bad), str(good)])
    assert res.exit_code == 1
    assert "bad.xml" in res.stderr and "Traceback" not in res.output
    assert [r["document"] for r in json.loads(res.stdout)] == ["good.txt"]


def test_ingest_text_report_then_query(tmp_path, runner):
    report = tmp_path / "case.txt"
    report.write_text("A 61-year-old man presented with neck pain. MRI showed a tumor of the C4 vertebral body. "
                      "Biopsy confirmed a chordoma.\n")
    st = tmp_path / "s"
    res = runner.invoke(main, ["ingest", str(report), "--store", str(st)])
    assert res.exit_code == 0, res.output
    q = runner.invoke(main, ["query", "evidence", "-p", "case=case:case", "--store", str(st), "--format", "csv"])
    assert q.exit_code == 0 and "61-year-old" in q.stdout


def test_phenopacket_export_validates(ingested, runner):
    from google.protobuf.json_format import Parse
    from phenopackets import Phenopacket

    res = runner.invoke(main, ["export", "--store", str(ingested), "--format", "phenopacket"])
    assert res.exit_code == 0, res.output
    lines = res.stdout.strip().splitlines()
    assert len(lines) == 4
    for line in lines:
        pp = Parse(line, Phenopacket())  # strict: unknown fields or wrong types fail
        assert pp.id and pp.meta_data.phenopacket_schema_version == "2.0"
    packets = {json.loads(x)["id"]: json.loads(x) for x in lines}
    seed = packets["004_1432f32da3d2dc29"]
    assert seed["subject"]["sex"] == "FEMALE"
    assert seed["subject"]["timeAtLastEncounter"]["age"]["iso8601duration"] == "P25Y"
    genes = [g["variantInterpretation"]["variationDescriptor"]["geneContext"]["symbol"]
             for g in seed["interpretations"][0]["diagnosis"]["genomicInterpretations"]]
    assert genes == ["NTRK3"]
    drugs = {a["treatment"]["agent"]["label"] for a in seed["medicalActions"] if "treatment" in a}
    assert {"entrectinib", "doxorubicin", "ifosfamide"} <= drugs


def test_void_in_exports(ingested, runner):
    res = runner.invoke(main, ["export", "--store", str(ingested), "--format", "nquads"])
    assert "<https://w3id.org/spinekg/graph/void>" in res.stdout
    assert "http://rdfs.org/ns/void#triples" in res.stdout
    res = runner.invoke(main, ["export", "--store", str(ingested), "--format", "void"])
    assert res.exit_code == 0 and "void:uriSpace" in res.stdout


def test_ingest_rebuild_replaces_the_store(ingested, runner):
    res = runner.invoke(main, ["ingest", "--rebuild", str(CASES[5]), str(CASES[6]), "--store", str(ingested)])
    assert res.exit_code == 0, res.output
    st = runner.invoke(main, ["stats", "--store", str(ingested), "--json"])
    assert json.loads(st.output)["cases"] == 2
    q = runner.invoke(main, ["query", "external-ids", "-p", "entity=skg:Chordoma", "--store", str(ingested)])
    assert "NCIT_C2947" in q.output or "NCIT:C2947" in q.output  # the ontology came along


def test_export_one_whole_case(ingested, runner, tmp_path):
    import pyoxigraph as ox

    case_id = json.loads(runner.invoke(main, ["export", "--store", str(ingested), "--format", "case-json"])
                         .stdout)[0]["id"]
    out = tmp_path / "case.trig"
    res = runner.invoke(main, ["export", "--store", str(ingested), "--format", "trig", "--case", case_id,
                               "-o", str(out)])
    assert res.exit_code == 0, res.output
    quads = list(ox.parse(path=str(out), format=ox.RdfFormat.TRIG))
    graphs = {q.graph_name.value for q in quads if isinstance(q.graph_name, ox.NamedNode)}
    base = "https://w3id.org/spinekg/case/" + case_id
    assert {base, base + "/inferred"} <= graphs
    assert graphs - {base, base + "/inferred"}, "the labels of the terms it uses come with it"
    # every term the case's graph uses as a type has its label in the export
    label = "http://www.w3.org/2000/01/rdf-schema#label"
    labelled = {q.subject.value for q in quads if q.predicate.value == label}
    types = {q.object.value for q in quads if q.predicate.value.endswith("#type")
             and q.object.value.startswith("https://w3id.org/spinekg/ontology/")}
    assert types and types <= labelled, types - labelled
    res = runner.invoke(main, ["export", "--store", str(ingested), "--format", "case-json", "--case", case_id])
    assert json.loads(res.stdout)["id"] == case_id
    res = runner.invoke(main, ["export", "--store", str(ingested), "--case", "no-such-case"])
    assert res.exit_code != 0 and "no case 'no-such-case'" in res.output and "Traceback" not in res.output


def test_phenopacket_export_holds_the_case_and_says_what_it_left_out(ingested, runner, tmp_path):
    from google.protobuf.json_format import Parse
    from phenopackets import Phenopacket

    res = runner.invoke(main, ["export", "--store", str(ingested), "--format", "phenopacket"])
    assert res.exit_code == 0, res.output
    packets = [json.loads(x) for x in res.stdout.strip().splitlines()]
    cases = {c["id"]: c for c in json.loads(runner.invoke(main, ["export", "--store", str(ingested), "--format",
                                                                 "case-json"]).stdout)}
    for pp in packets:
        Parse(json.dumps(pp), Phenopacket())
        case = cases[pp["id"]]
        if case["interventions"]:
            assert pp.get("medicalActions"), pp["id"]  # every treated case has its actions, MAXO or not
        if case["markers"]:
            assert len(pp.get("measurements") or []) == len(case["markers"]), pp["id"]
        if (case.get("outcome") or {}).get("status"):
            assert pp["subject"]["vitalStatus"]["status"] in ("ALIVE", "DECEASED")
    # the diagnosis carries its ICD-O-3 morphology (from the ontology) on the tumour specimen
    sft = next(pp for pp in packets if pp["id"] == "dev-001")
    assert sft["biosamples"][0]["histologicalDiagnosis"]["id"].startswith("ICDO3:8815/")
    assert any(r["namespacePrefix"] == "ICDO3" for r in sft["metaData"]["resources"])
    assert sum(1 for pp in packets if pp.get("biosamples")) >= len(packets) // 2
    # what a packet cannot hold is said, one line per case, on stderr
    assert all(line.split(": ", 1)[0] in cases for line in res.stderr.strip().splitlines() if line)


def test_a_phenopacket_read_back_exports_the_same_packet(ingested, runner, tmp_path):
    res = runner.invoke(main, ["export", "--store", str(ingested), "--format", "phenopacket"])
    first = [json.loads(x) for x in res.stdout.strip().splitlines()]
    folder = tmp_path / "packets"
    folder.mkdir()
    for pp in first:
        (folder / f"{pp['id']}.json").write_text(json.dumps(pp), encoding="utf-8")
    st = tmp_path / "again"
    res = runner.invoke(main, ["ingest", str(folder), "--store", str(st)])
    assert res.exit_code == 0, res.output
    res = runner.invoke(main, ["export", "--store", str(st), "--format", "phenopacket"])
    second = {json.loads(x)["id"]: json.loads(x) for x in res.stdout.strip().splitlines()}
    for pp in first:
        again = second[pp["id"]]
        for p in (pp, again):
            p["metaData"].pop("created")
        assert again == pp, pp["id"]


def test_serve_logs_one_line_per_request():
    import io

    from spinekg.cli import request_log

    def app(environ, start_response):
        start_response("404 NOT FOUND", [("Content-Type", "text/plain")])
        return [b"no"]

    out = io.StringIO()
    logged = request_log(app, out)
    body = logged({"REQUEST_METHOD": "GET", "PATH_INFO": "/case/x\x1b[31m", "QUERY_STRING": "a=1"},
                  lambda status, headers: None)
    assert body == [b"no"]
    line = out.getvalue()
    assert line.startswith("GET /case/x?[31m?a=1 404 ") and line.endswith(" ms\n"), line  # no escape reaches a terminal


def test_a_text_and_its_curated_record_are_one_case(runner, tmp_path):
    import shutil

    folder = tmp_path / "in"
    folder.mkdir()
    src = DATA.parents[1] / "data" / "reports"
    for suffix in (".txt", ".json"):
        shutil.copy(src / f"dev-001-c2-c3-solitary-fibrous-tumor{suffix}", folder)
    st = tmp_path / "s"
    res = runner.invoke(main, ["ingest", str(folder), "--store", str(st)])
    assert res.exit_code == 0, res.output
    assert "the same case as" in res.output
    ids = [c["id"] for c in json.loads(runner.invoke(main, ["export", "--store", str(st), "--format",
                                                             "case-json"]).stdout)]
    assert ids == ["dev-001"]


def test_ingest_warns_of_a_document_that_yields_no_fact(runner, tmp_path):
    doc = tmp_path / "minutes.txt"
    doc.write_text("Minutes of the departmental meeting. The coffee machine will be replaced next week.\n",
                   encoding="utf-8")
    res = runner.invoke(main, ["ingest", str(doc), "--store", str(tmp_path / "s")])
    assert res.exit_code == 0, res.output
    assert "minutes.txt: case 'minutes' holds no fact" in res.output


def test_stats_counts_cases_by_facet_and_json_ends_with_a_newline(ingested, runner):
    res = runner.invoke(main, ["stats", "--store", str(ingested), "--json"])
    assert res.exit_code == 0 and res.stdout.endswith("\n")
    by = json.loads(res.stdout)["cases_by"]
    assert by["Tumor type"] and by["Level"] and sum(by["Level"].values()) >= 4
    res = runner.invoke(main, ["stats", "--store", str(ingested)])
    assert "cases by tumor type" in res.stdout and "cases by level" in res.stdout
    res = runner.invoke(main, ["query", "cases-by-tumor-type", "--store", str(ingested), "--format", "json"])
    assert res.exit_code == 0 and res.stdout.endswith("\n")
