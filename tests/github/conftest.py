from __future__ import annotations

import pytest

from fakes.github import FakeGitHub


@pytest.fixture(scope="session")
def github_openapi():
    from fakes.github_openapi import validator

    return validator()


@pytest.fixture
def github(github_openapi):
    """A fresh fake GitHub; the test fails if any request broke GitHub's OpenAPI description."""
    fake = FakeGitHub(validator=github_openapi)
    yield fake
    fake.close()
    assert not fake.invalid, "requests GitHub would reject:\n" + "\n".join(fake.invalid)
