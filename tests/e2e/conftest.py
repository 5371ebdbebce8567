"""Fixtures for the end-to-end runs: a fake GitHub on loopback and a quickstart consumer repository."""

from __future__ import annotations

import importlib.util

import pytest
from e2e_support import BOT, READ_TOKEN, SHORT, WRITE_TOKEN, with_model_suite

from fakes.github import READ_ONLY, FakeGitHub
from fakes.openai_server import Faults, serve_openai
from harness import ConsumerRepo


@pytest.fixture
def github(tmp_path):
    """The fake GitHub: a write token and a fork's read-only one, both built-in GITHUB_TOKENs."""
    from fakes.github_openapi import validator

    fake = FakeGitHub(validator=validator())
    fake.add_token(WRITE_TOKEN, BOT, app=True)
    fake.add_token(READ_TOKEN, BOT, READ_ONLY, app=True)
    yield fake
    fake.close()
    assert not fake.invalid, "requests GitHub would reject:\n" + "\n".join(fake.invalid)


@pytest.fixture
def consumer(quickstart, tmp_path):
    """Make a consumer repository from the quickstart whose qa prompt's last line is `first`."""
    def make(first: str, *, model: bool = False) -> ConsumerRepo:
        files = {str(p.relative_to(quickstart)): p.read_text() for p in quickstart.rglob("*") if p.is_file()}
        assert SHORT in files["prompts/qa.j2"], "the scenarios swap this line of the quickstart's qa prompt"
        files["prompts/qa.j2"] = files["prompts/qa.j2"].replace(SHORT, first)
        if model:
            files["lmgate.yaml"] = with_model_suite(files["lmgate.yaml"])
        return ConsumerRepo.create(tmp_path / "repo", files)
    return make



@pytest.fixture
def model_server(quickstart):
    """An OpenAI-compatible model on loopback that answers like the quickstart app (so the prompt
    still decides the answers), with a few 429s to make the eval retry."""
    spec = importlib.util.spec_from_file_location("quickstart_app", quickstart / "app.py")
    app = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(app)

    def answer(messages: list, body: dict) -> str:
        return app.answer("\n".join(str(m.get("content", "")) for m in messages))

    with serve_openai(answer=answer, faults=Faults(rate_429=0.1, seed=3)) as server:
        yield server
