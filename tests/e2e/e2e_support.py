"""Shared pieces of the end-to-end tests: tokens, the prompt lines that move the quickstart's
scores, and template access."""

from __future__ import annotations

import json
from pathlib import Path

from harness import ConsumerRepo

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = ROOT / "workflows-templates"
BOT = "github-actions[bot]"
MARKER = "<!-- lmgate:pr-report -->"
WRITE_TOKEN, READ_TOKEN = "ghs_e2e_write", "ghs_e2e_readonly"
# The quickstart app answers with the whole context sentence unless the prompt asks for a short
# phrase, so swapping this one line moves exact_match between 0.75 and 0.0 (and f1 with it).
SHORT = "Answer with a short phrase."
LONG = "Answer in one full sentence."
# half the items (odd ids) get the full sentence, which is never their exact match
BREAK_HALF = '{% if id[-1] in "13579" %}' + LONG + "{% else %}" + SHORT + "{% endif %}"


API_KEY = "sk-e2e-do-not-leak-4f1c"
MODEL_PROVIDER = 'model: {type: openai, base_url: "${LLM_BASE_URL}", model: quickstart-ft, api_key: "${LLM_API_KEY}"}'
MODEL_SUITE = """  - name: qa-model
    prompt: qa
    dataset: qa
    provider: model
    metrics: [exact_match, f1]
    gates:
      exact_match: {min: 0.5}
"""


def with_model_suite(config: str) -> str:
    """A second suite of the same prompt and dataset on an OpenAI-compatible endpoint, its key a secret."""
    config = config.replace("providers:\n", f"providers:\n  {MODEL_PROVIDER}\n", 1)
    return config.replace("\nlint:", MODEL_SUITE + "\nlint:", 1)


def prompt_with(repo: ConsumerRepo, last_line: str) -> dict[str, str]:
    text = (repo.path / "prompts" / "qa.j2").read_text()
    return {"prompts/qa.j2": text.replace(SHORT, last_line).replace(LONG, last_line)}


def n_items(repo: ConsumerRepo) -> int:
    """The quickstart dataset's size (it may grow: nothing here hard-codes it)."""
    return sum(1 for line in (repo.path / "evals" / "qa.jsonl").read_text().splitlines() if line.strip())


def template(name: str) -> str:
    return (TEMPLATES / name).read_text()


def read_json(path: Path) -> dict:
    return json.loads(path.read_text())


def step_summaries(result) -> dict[str, str]:
    return result.summaries
