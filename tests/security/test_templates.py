"""Templates from pull requests are bounded: power, repetition, range and loops, joins, growing filters
and string methods, and the output size each stop with a TemplateError (exit 2 from the CLI), never a
hang or a MemoryError. The bombs run in a child process with a timeout, so a regression fails the test
instead of stalling the suite."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from template_child import render_in_child

from fakes.openai_server import serve_openai
from lmgate.templating import render

BOMBS = {
    "power": ("{{ 7 ** 999999999 }}", "bits (at most 100,000)"),
    "power in a loop": ("{% set ns = namespace(n=9 ** 9999) %}{% for i in range(40) %}{% set ns.n = ns.n * ns.n %}"
                        "{% endfor %}", "bits is above"),
    "repetition": ('{{ "x" * 10**10 }}', "the repeated value would be 10,000,000,000 long"),
    "list repetition": ("{{ ([0] * 100000) * 100000 }}", "the repeated value"),
    "range": ("{{ range(10**9) | list | length }}", "loops more than 1,000,000 times"),
    "nested range loops": ('{% for i in range(900) %}{% for j in range(900) %}{{ "x" * 10 }}{% endfor %}{% endfor %}',
                           "the rendered prompt is over 2,000,000 characters"),
    "nested empty loops": ("{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
                           "loops more than 1,000,000 times"),
    "loops over text": ('{% set s = "x" * 1000000 %}{% for a in s %}{% for b in s %}{% endfor %}{% endfor %}',
                        "loops more than 1,000,000 times"),
    "output": ('{% for i in range(1000) %}{{ "x" * 1000000 }}{% endfor %}',
               "the rendered prompt is over 2,000,000 characters"),
    "concatenation": ('{% set a = "x" * 1000000 %}{% set a = a ~ a ~ a %}{{ a }}', "the joined text"),
    "doubling": ('{% set ns = namespace(a="x" * 1000000) %}{% for i in range(30) %}{% set ns.a = ns.a + ns.a %}'
                 "{% endfor %}", "the concatenated value"),
    "center filter": ('{{ "a" | center(999999999) }}', "center width 999,999,999"),
    "indent filter": ('{{ ("a\n" * 100000) | indent(1000) }}', "the indented text"),
    "replace filter": ('{{ ("a" * 100000) | replace("a", "b" * 100) }}', "the replaced text"),
    "join filter": ('{{ range(10) | join("x" * 1000000) }}', "the joined text"),
    "batch filter": ("{{ [1] | batch(999999999, 0) | list }}", "batch size"),
    "printf width": ('{{ "%999999999d" % 1 }}', "a format width of 999999999"),
    "format filter": ('{{ "%.999999999f" | format(1.5) }}', "a format width of 999999999"),
    "str.format width": ('{{ "{:>10.999999999}".format("a") }}', "a format width of 999999999"),
    "str.ljust": ('{{ "a".ljust(999999999) }}', "str.ljust()"),
    "str.replace": ('{{ ("a" * 100000).replace("a", "b" * 100) }}', "the replaced text"),
    "str.join": ('{{ ("x" * 1000000).join(["a", "b", "c"]) }}', "the joined text"),
    "lipsum": ("{{ lipsum(100000) }}", "the lorem ipsum"),
    "recursion": ("{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}", "recurses too deeply"),
}


@pytest.fixture(scope="module")
def outcomes() -> dict[str, str]:
    return render_in_child({name: source for name, (source, _) in BOMBS.items()}, timeout=180)


@pytest.mark.parametrize("name", BOMBS)
def test_a_template_bomb_stops_with_a_template_error(outcomes, name):
    said = BOMBS[name][1]
    assert outcomes[name].startswith("TemplateError: template stopped: ") or \
        outcomes[name].startswith("SandboxViolation"), outcomes[name]
    assert said in outcomes[name], outcomes[name]


def test_lists_and_dicts_cannot_be_grown_in_place():
    from lmgate.errors import SandboxViolation

    for source in ("{% set l = [1] %}{% for i in range(40) %}{{ l.extend(l) }}{% endfor %}",
                   "{% set d = {} %}{{ d.update(a=1) }}"):
        with pytest.raises(SandboxViolation, match="unsafe"):
            render(source, {})


def test_ordinary_arithmetic_repetition_loops_and_formats_still_render():
    source = ('{{ "-" * 20 }}|{{ 2 ** 64 }}|{{ "%5.2f" % score }}|{{ "{:,}".format(people) }}|'
              "{% for row in rows %}{{ loop.index }}{{ row | center(5) }}{% endfor %}|{{ rows | join(', ') }}|"
              '{{ ("a" ~ "b") | replace("b", "c") }}|{% for i in range(3) %}{% for j in range(3) %}{{ i * j }}'
              "{% endfor %}{% endfor %}")
    out = render(source, {"score": 0.5, "people": 8_000_000_000, "rows": ["x", "y"]})
    assert out == ("--------------------|18446744073709551616| 0.50|8,000,000,000|1  x  2  y  |x, y|ac|000012024")


def project(root: Path, base_url: str, template: str) -> None:
    (root / "prompts").mkdir()
    (root / "prompts" / "bomb.j2").write_text("Answer {{ q }}.\n" + template + "\n", encoding="utf-8")
    (root / "d.jsonl").write_text('{"id": "1", "q": "why"}\n')
    (root / "lmgate.yaml").write_text(f"""version: 1
providers:
  m: {{type: openai, base_url: "{base_url}", model: mock, api_key: "${{LLM_API_KEY}}"}}
prompts: {{p: prompts/bomb.j2}}
datasets: {{d: d.jsonl}}
suites:
  - {{name: s, prompt: p, dataset: d, provider: m, metrics: [exact_match]}}
lint: {{paths: ["prompts/**"]}}
""")


@pytest.mark.parametrize("name", ["power", "nested empty loops", "repetition"])
def test_eval_validate_and_lint_stop_a_bomb_without_a_model_call(tmp_path, name):
    env = {**{k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "LMGATE_"))}, "LLM_API_KEY": "k"}
    with serve_openai() as srv:
        project(tmp_path, srv.base_url, BOMBS[name][0])
        for command in ("eval", "validate"):
            proc = subprocess.run([sys.executable, "-m", "lmgate", command], cwd=tmp_path, capture_output=True,
                                  text=True, env=env, timeout=180)
            assert proc.returncode == 2, (command, proc.stderr[-2000:])
            assert "prompts/bomb.j2:2" in proc.stderr and "template stopped" in proc.stderr
            assert "Traceback" not in proc.stderr and "MemoryError" not in proc.stderr
        assert srv.stats.requests == 0
    lint = subprocess.run([sys.executable, "-m", "lmgate", "lint"], cwd=tmp_path, capture_output=True, text=True,
                          env=env, timeout=180)
    assert lint.returncode in (0, 1) and "Traceback" not in lint.stderr
