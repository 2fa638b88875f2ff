"""Shared fixtures: a store holding the curated fixture cases, the Flask app, a CLI runner."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from spinekg.graph import EmbeddedStore

from spinekg.model import CaseRecord

DATA = Path(__file__).parent / "data"
CASES = sorted((DATA / "cases").glob("*.json"))
SHARED = Path(__file__).resolve().parents[2] / "shared"


def fixture_records() -> list[CaseRecord]:
    return [CaseRecord.from_dict(json.loads(p.read_text(encoding="utf-8")), document=p.name) for p in CASES]


@pytest.fixture(scope="session")
def records() -> list[CaseRecord]:
    return fixture_records()


@pytest.fixture(scope="session")
def store(records: list[CaseRecord]) -> EmbeddedStore:
    """An in-memory store with every fixture case (read-only use: do not write to it)."""
    st = EmbeddedStore(None)
    st.ingest(records)
    return st


@pytest.fixture()
def fresh_store() -> EmbeddedStore:
    return EmbeddedStore(None)


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()
