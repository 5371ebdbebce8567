from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
QUICKSTART = ROOT / "examples" / "quickstart"


@pytest.fixture(scope="session")
def shared_data() -> Path:
    data = SHARED / "data"
    if not data.is_dir():
        pytest.fail(f"{data} is missing: the shared corpora must sit beside the repository")
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
