from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

from fakes.github import FakeGitHub
from fakes.github_openapi import validator

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
QUICKSTART = ROOT / "examples" / "quickstart"


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The shared corpora beside the repository: present in CI, absent in a fresh clone.

    A stranger's clone has nothing beside it, so the checks over the corpora skip there; CI sets
    LMGATE_REQUIRE_SHARED_DATA (in .ci/run) so a missing corpus fails instead of skipping.
    """
    data = SHARED / "data"
    if not data.is_dir():
        if os.environ.get("LMGATE_REQUIRE_SHARED_DATA"):
            pytest.fail(f"{data} is missing: CI runs the checks over the shared corpora beside the repository")
        pytest.skip(f"needs the shared corpora at {data} (CI has them)")
    return data


@pytest.fixture(scope="session")
def act(tmp_path_factory):
    from harness import Act

    return Act(tmp_path_factory.mktemp("act"))


@pytest.fixture
def quickstart(tmp_path) -> Path:
    """A private copy of examples/quickstart a test may modify."""
    dest = tmp_path / "quickstart"
    shutil.copytree(QUICKSTART, dest, ignore=shutil.ignore_patterns(".lmgate", "__pycache__"))
    return dest


@pytest.fixture
def lmgate_exe() -> list[str]:
    return [sys.executable, "-m", "lmgate"]


@pytest.fixture(scope="session")
def github_openapi():
    return validator()


@pytest.fixture
def github(github_openapi):
    """A fresh fake GitHub; the test fails if any request broke GitHub's OpenAPI description."""
    fake = FakeGitHub(validator=github_openapi)
    yield fake
    fake.close()
    assert not fake.invalid, "requests GitHub would reject:\n" + "\n".join(fake.invalid)
