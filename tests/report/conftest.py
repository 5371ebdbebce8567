from __future__ import annotations

import pytest
from report_cases import HEAD

RUN = "https://github.com/acme/app/actions/runs/42"


@pytest.fixture
def ctx():
    from lmgate.report.render import ReportContext

    return ReportContext(repository="acme/app", head_sha=HEAD, run_url=RUN, run_id="42",
                         results_where=f"the `lmgate-results` artifact of [this run]({RUN})")
