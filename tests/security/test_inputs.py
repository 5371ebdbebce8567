"""Hostile or broken input (configs, datasets, the Hub cache, CLI arguments) is exit 2, never a traceback.

The regression tests reproduce what a review found on main (issue 16.5, 16.9); the property tests
feed generated garbage through the same doors and accept only exit 0, 1 or 2.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fakes.openai_server import serve_openai
from lmgate.cli import build_parser, main
from lmgate.errors import LmgateError
from lmgate.eval.datasets import load_dataset

CONFIG = """\
version: 1
providers: {m: {type: echo}}
prompts: {qa: qa.j2}
datasets: {qa: DATASET}
suites:
  - {name: qa, prompt: qa, dataset: qa, provider: m, metrics: [exact_match], gates: {exact_match: {max_error_rate: 0}}}
"""
PROPERTY = settings(max_examples=60, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def project(root: Path, dataset: str | dict = "qa.jsonl", data: str | bytes | None = None,
            name: str = "qa.jsonl") -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "lmgate.yaml").write_text(CONFIG.replace("DATASET", json.dumps(dataset)))
    (root / "qa.j2").write_text("Q: {{ question }}\n")
    if data is not None:
        (root / name).write_bytes(data if isinstance(data, bytes) else data.encode())
    return root


def validate(root: Path) -> subprocess.CompletedProcess:
    return lmgate(root, "validate")


def lmgate(root: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    base = {"PATH": "/usr/bin:/bin", **{k: os.environ[k] for k in ("PYTHONPATH",) if k in os.environ}}
    return subprocess.run([sys.executable, "-m", "lmgate", *args], cwd=root, capture_output=True, text=True,
                          env={**base, **(env or {})}, timeout=120)


def row(**fields) -> str:
    return json.dumps({"id": "1", "question": "q", **fields}) + "\n"


# ---- regressions: each was exit 3 (a traceback), a rejection of valid data, or an acceptance of NaN ----

def test_a_deeply_nested_json_row_is_a_bad_row_not_a_traceback(tmp_path):
    deep = '{"id": "2", "question": "q", "x": ' + "[" * 100_000 + "]" * 100_000 + "}\n"
    root = project(tmp_path, data=row() + deep)
    out = validate(root)
    assert out.returncode == 2 and "Traceback" not in out.stderr
    assert "qa.jsonl:2:" in out.stderr and "nests too deeply" in out.stderr
    ds = load_dataset("qa", {"path": "qa.jsonl", "on_bad_row": "skip"}, root=root)
    assert [i.id for i in ds.items] == ["1"] and "nests too deeply" in ds.bad_rows[0][1]


def test_a_row_nested_deeper_than_the_cap_is_a_bad_row(tmp_path):
    nested = {"id": "2", "question": "q", "x": json.loads("[" * 100 + "]" * 100)}
    root = project(tmp_path, data=row() + json.dumps(nested) + "\n")
    ds = load_dataset("qa", {"path": "qa.jsonl", "on_bad_row": "skip"}, root=root)
    assert ds.bad_rows[0][1] == "field 'x' nests deeper than 64 levels"


def test_a_csv_cell_over_the_csv_modules_128_kib_limit_is_read(tmp_path):
    cell = "x" * 200_000
    root = project(tmp_path, "qa.csv", f"id,question\n1,{cell}\n2,short\n", "qa.csv")
    out = validate(root)
    assert out.returncode == 0, out.stderr
    ds = load_dataset("qa", {"path": "qa.csv"}, root=root)
    assert [len(i.inputs["question"]) for i in ds.items] == [200_000, 5]


@pytest.mark.parametrize(("name", "text"), [
    ("qa.csv", "id,question\n1,{big}\n2,fine\n"),
    ("qa.jsonl", '{{"id": "1", "question": "{big}"}}\n{{"id": "2", "question": "fine"}}\n'),
    ("qa.yaml", "- {{id: '1', question: '{big}'}}\n- {{id: '2', question: fine}}\n"),
])
def test_a_cell_over_the_cap_is_a_bad_row_and_the_reason_is_recorded(tmp_path, name, text):
    root = project(tmp_path, {"path": name, "max_cell_chars": 100}, text.format(big="y" * 101), name)
    out = validate(root)
    assert out.returncode == 2 and f"{name}:" in out.stderr and "over the cap of 100" in out.stderr
    assert "max_cell_chars" in out.stderr
    ds = load_dataset("qa", {"path": name, "on_bad_row": "skip", "max_cell_chars": 100}, root=root)
    assert [i.id for i in ds.items] == ["2"] and "over the cap of 100" in ds.bad_rows[0][1]
    assert "skipped 1 bad row(s) (line" in ds.skipped_note()


def test_line_and_paragraph_separators_inside_strings_are_accepted(tmp_path):
    # U+2028/U+2029 (and U+0085, form feeds) are valid inside JSON strings; splitlines() cut rows there.
    text = "a\u2028b\u2029c\x85d\x0ce"
    raw = json.dumps({"id": "1", "question": text}, ensure_ascii=False)  # the characters themselves, unescaped
    assert "\u2028" in raw
    root = project(tmp_path, data=raw + "\n" + json.dumps({"id": "2", "question": "x"}) + "\n")
    ds = load_dataset("qa", {"path": "qa.jsonl"}, root=root, required=frozenset({"question"}))
    assert [i.inputs["question"] for i in ds.items] == [text, "x"] and [i.line for i in ds.items] == [1, 2]
    assert validate(root).returncode == 0


def test_windows_line_endings_still_read(tmp_path):
    root = project(tmp_path, data=(row() + row(id="2")).replace("\n", "\r\n"))
    assert [i.id for i in load_dataset("qa", {"path": "qa.jsonl"}, root=root).items] == ["1", "2"]


@pytest.mark.parametrize("text", ["a: &a [*a]\n", "a: &a {b: *a}\n", "version: 1\nx: &x [1, [2, *x]]\n"])
def test_a_recursive_yaml_alias_is_exit_2_at_once(tmp_path, text):
    # Found by the property test below: the alias-bomb guard looped forever on a cycle, growing to 17 GB.
    root = project(tmp_path, data=row())
    (root / "lmgate.yaml").write_text(text)
    out = validate(root)
    assert out.returncode == 2 and "recursive alias" in out.stderr
    (root / "qa.yaml").write_text("- {id: '1', x: &a [*a]}\n")
    with pytest.raises(LmgateError, match="recursive alias"):
        load_dataset("qa", {"path": "qa.yaml"}, root=root)


def test_shared_yaml_aliases_are_still_fine(tmp_path):
    root = project(tmp_path, data=row())
    config = root / "lmgate.yaml"
    config.write_text(config.read_text().replace("{m: {type: echo}}", "{m: &p {type: echo}, n: *p}"))
    out = validate(root)
    assert out.returncode == 0, out.stderr


def test_a_control_character_in_a_config_is_exit_2(tmp_path):
    # Found by the property test below: PyYAML's reader raised before the parse was guarded.
    root = project(tmp_path, data=row())
    (root / "lmgate.yaml").write_text("version: 1\x08\n")
    out = validate(root)
    assert out.returncode == 2 and "lmgate.yaml: malformed YAML" in out.stderr and "Traceback" not in out.stderr


def test_nan_in_a_config_is_exit_2(tmp_path):
    root = project(tmp_path, data=row())
    (root / "lmgate.yaml").write_text((root / "lmgate.yaml").read_text().replace("{max_error_rate: 0}", "{min: .nan}"))
    out = validate(root)
    assert out.returncode == 2 and "lmgate.yaml:6:" in out.stderr and "nan is not a number" in out.stderr


@pytest.mark.parametrize("value", ["NaN", "Infinity", "-Infinity"])
def test_nan_in_a_json_row_is_a_bad_row(tmp_path, value):
    # json.loads accepts these, and they reached eval-items.jsonl as invalid JSON
    root = project(tmp_path, data=row() + '{"id": "2", "question": "q", "score": ' + value + "}\n")
    out = validate(root)
    assert out.returncode == 2 and "qa.jsonl:2:" in out.stderr and f"{value} is not valid JSON" in out.stderr


def test_yaml_rows_with_keys_that_are_not_strings_are_bad_rows(tmp_path):
    root = project(tmp_path, "qa.yaml", "- {id: '1', question: q, 1: x}\n- {id: '2', question: q, a: {2: y}}\n",
                   "qa.yaml")
    out = validate(root)
    assert out.returncode == 2 and "Traceback" not in out.stderr
    assert "field name 1 is not a string" in out.stderr and "field 'a' has a key that is not a string" in out.stderr


@pytest.mark.parametrize(("text", "said"), [
    ("Add {a} and {b}.\nReply as JSON: {\"sum\": {a}}\n", "'{\"sum\": {a}}': lmgate fills only {name}"),
    ("Add {a} and {b}.\nA lone } brace\n", "f-string template does not parse: Single '}' encountered"),
    ("Add {a} and {b:>10}.\n\n", "'{b:>10}': lmgate fills only {name}"),
])
def test_braces_that_break_an_fstring_are_exit_2_not_a_crash(tmp_path, text, said):
    # str.format_map raised from deep in eval (exit 3) on the first item whose prompt it filled
    (tmp_path / "p.txt").write_text(text)
    (tmp_path / "d.jsonl").write_text("".join(json.dumps({"id": f"q{i}", "a": i, "b": 3}) + "\n" for i in range(3)))
    with serve_openai() as server:
        (tmp_path / "lmgate.yaml").write_text(f"""version: 1
providers:
  m: {{type: openai, base_url: "{server.base_url}", model: mock, api_key: "${{LLM_API_KEY}}"}}
prompts: {{p: {{path: p.txt, engine: fstring}}}}
datasets: {{d: d.jsonl}}
suites:
  - {{name: s, prompt: p, dataset: d, provider: m, metrics: [exact_match]}}
""")
        run = lmgate(tmp_path, "eval", env={"LLM_API_KEY": "sk-test"})
        assert run.returncode == 2 and "Traceback" not in run.stderr
        line = 1 if ">10" in text else 2
        assert f"p.txt:{line}" in run.stderr and said in run.stderr, run.stderr
        assert "write a literal brace as `{{` or `}}`" in run.stderr
        assert server.stats.requests == 0


def test_a_dataset_file_over_the_size_cap_is_exit_2_naming_the_option(tmp_path):
    root = project(tmp_path, {"path": "qa.jsonl", "max_bytes": 100}, row() * 10)
    out = validate(root)
    assert out.returncode == 2 and "qa.jsonl:" in out.stderr
    assert "over the cap of 100" in out.stderr and "max_bytes" in out.stderr


def test_a_prompt_file_over_the_size_cap_is_exit_2_naming_it_and_never_rendered(tmp_path):
    root = project(tmp_path, data=row())
    (root / "qa.j2").write_text("Q: {{ question }}\n" + "x" * (2 * 1024 * 1024))
    out = validate(root)
    assert out.returncode == 2 and "Traceback" not in out.stderr
    assert "qa.j2" in out.stderr and "prompt files over 2,097,152 bytes" in out.stderr, out.stderr


def test_the_default_caps_are_documented_in_the_config_reference():
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    assert "| `datasets.<name>.max_bytes` | int | `104857600` |" in readme
    assert "| `datasets.<name>.max_cell_chars` | int | `1000000` |" in readme


# ---- properties: generated garbage through every door gives exit 0, 1 or 2 ----

@contextlib.contextmanager
def inside(folder: Path) -> Iterator[None]:
    before = os.getcwd()
    os.chdir(folder)
    try:
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            yield
    finally:
        os.chdir(before)


def run_cli(folder: Path, argv: list[str]) -> int:
    with inside(folder):
        try:
            return main(argv, env={"PATH": "/usr/bin:/bin"})
        except SystemExit as exc:  # argparse: 2 for a bad argument, 0 for --help
            return exc.code if isinstance(exc.code, int) else 2


WORDS = ["version", "providers", "prompts", "datasets", "suites", "lint", "hallucination", "canary", "type",
         "echo", "openai", "name", "prompt", "dataset", "provider", "metrics", "gates", "min", "path", "items",
         "format", "on_bad_row", "skip", "limit", "vars", "qa", "qa.j2", "qa.jsonl", "exact_match", "contains",
         "value", "context", "suites", "steps", "max_cell_chars", "max_bytes", "results_dir"]
SCALARS = (st.none() | st.booleans() | st.integers(-10, 2**70) | st.floats() | st.text(max_size=12)
           | st.sampled_from([*WORDS, "${X}", "${LLM_API_KEY}", "$${X}", "{{ question }}", "{{ x.__class__ }}",
                              "../x", "/etc/passwd", "hf://datasets/a/b@main/x.jsonl", "", "\x00", "qa\u2028"]))
VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=4)
                      | st.dictionaries(st.sampled_from(WORDS) | st.text(max_size=6) | st.integers(0, 3), inner,
                                        max_size=5), max_leaves=25)
GOOD = yaml.safe_load(CONFIG.replace("DATASET", "qa.jsonl"))


def mutated(draw_path: list, value) -> dict:
    """The good config with the value at one key path replaced (or added)."""
    data = json.loads(json.dumps(GOOD))
    node = data
    for step in draw_path[:-1]:
        inside_dict = isinstance(node, dict) and step in node and isinstance(node[step], (dict, list))
        if inside_dict or (isinstance(node, list) and isinstance(step, int) and step < len(node)):
            node = node[step]
    last = draw_path[-1]
    if isinstance(node, dict):
        node[last if isinstance(last, str) else str(last)] = value
    elif isinstance(node, list) and node:
        node[int(last) % len(node) if isinstance(last, int) else 0] = value
    return data


CONFIGS = (st.builds(mutated, st.lists(st.sampled_from([*WORDS, 0, 1]), min_size=1, max_size=4), VALUES)
           | st.dictionaries(st.sampled_from(WORDS) | st.text(max_size=6), VALUES, max_size=6)
           .map(lambda d: {"version": 1, **d}))


@PROPERTY
@given(config=CONFIGS)
def test_any_config_structure_is_exit_0_or_2(config):
    with tempfile.TemporaryDirectory() as tmp:
        root = project(Path(tmp), data=row())
        (root / "lmgate.yaml").write_text(yaml.safe_dump(config, allow_unicode=True))
        assert run_cli(root, ["validate"]) in (0, 2)


@PROPERTY
@given(text=st.text(max_size=300) | st.binary(max_size=300).map(lambda b: b.decode("latin-1"))
       | st.sampled_from(["a: &a [*a]", "version: 1\nversion: 1\n", "!!python/object:os.system {}", "[" * 500,
                          "version: 1\nsuites: *x\n", "\ufeffversion: 1\n", "version: 0x1\n"]))
def test_any_config_text_is_exit_0_or_2(text):
    with tempfile.TemporaryDirectory() as tmp:
        root = project(Path(tmp), data=row())
        (root / "lmgate.yaml").write_text(text, encoding="utf-8", errors="surrogatepass")
        assert run_cli(root, ["validate"]) in (0, 2)


JSON_VALUES = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=10),
                           lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner,
                                                                                       max_size=3), max_leaves=10)
JSONL = st.lists(st.one_of(JSON_VALUES.map(json.dumps), st.text(max_size=40),
                           st.dictionaries(st.sampled_from(["id", "question", "x"]), JSON_VALUES).map(json.dumps)),
                 max_size=6).map("\n".join)
CSV = st.lists(st.lists(st.text(alphabet=st.sampled_from('ab,"\n\r \x00\u2028'), max_size=8), max_size=4),
               max_size=5).map(lambda rows: "id,question\n" + "\n".join(",".join(r) for r in rows))
DATA = {
    "jsonl": JSONL | st.binary(max_size=200).map(lambda b: b.decode("latin-1")),
    "csv": CSV | st.text(max_size=200),
    "json": JSON_VALUES.map(json.dumps) | st.text(max_size=100),
    "yaml": VALUES.map(lambda v: yaml.safe_dump(v, allow_unicode=True)) | st.text(max_size=100),
}


@pytest.mark.parametrize("fmt", sorted(DATA))
def test_any_dataset_file_is_loaded_or_refused_cleanly(fmt):
    @PROPERTY
    @given(text=DATA[fmt], skip=st.booleans())
    def check(text, skip):
        with tempfile.TemporaryDirectory() as tmp:
            name = f"qa.{fmt}"
            root = project(Path(tmp), {"path": name, "on_bad_row": "skip" if skip else "fail"}, text, name)
            with contextlib.suppress(LmgateError):  # a clean refusal is fine; any other exception fails
                load_dataset("qa", {"path": name, "on_bad_row": "skip" if skip else "fail"}, root=root,
                             required=frozenset({"question"}))
            assert run_cli(root, ["validate"]) in (0, 2)

    check()


@PROPERTY
@given(text=JSONL | st.binary(max_size=200).map(lambda b: b.decode("latin-1")))
def test_any_hub_cache_file_is_loaded_or_refused_cleanly(text):
    with tempfile.TemporaryDirectory() as tmp:
        cache = Path(tmp) / "hub" / "datasets--acme--qa"
        sha = "ab" * 20
        (cache / "refs").mkdir(parents=True)
        (cache / "refs" / "main").write_text(sha)
        (cache / "snapshots" / sha).mkdir(parents=True)
        (cache / "snapshots" / sha / "test.jsonl").write_text(text, encoding="utf-8", errors="surrogatepass")
        env = {"HF_HUB_CACHE": str(Path(tmp) / "hub"), "HF_HUB_OFFLINE": "1"}
        try:
            ds = load_dataset("qa", {"path": "hf://datasets/acme/qa@main/test.jsonl", "on_bad_row": "skip"},
                              root=Path(tmp), env=env)
            assert ds.revision == sha
        except LmgateError:
            pass


COMMANDS = ["validate", "lint", "eval", "report", "merge", "hallucination", "init", "comment"]


def flags(command: str) -> list[str]:
    """The options the command's own parser declares (so most generated lines get past argparse)."""
    parser = build_parser(command)
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction)).choices[command]
    return sorted(k for k in sub._option_string_actions if k.startswith("--") and k != "--help")


# Paths stay inside the scratch folder: `lint /` would read the whole machine, `init --dir ..` write beside it.
VALUES_CLI = (st.sampled_from(["0", "-1", "1", "1/2", "2/1", "1/0", "0/0", "x", "qa", "lmgate.yaml", "qa.jsonl",
                               "qa.j2", "out", "out/j.xml", "nan", "1e999", "text", "json", "sarif", "grounding", ".",
                               "", "\x00", "--help"])
              | st.text(max_size=8).filter(lambda t: not t.startswith(("/", "~")) and ".." not in t))


@st.composite
def command_lines(draw) -> list[str]:
    command = draw(st.sampled_from(COMMANDS))
    pairs = draw(st.lists(st.tuples(st.sampled_from(flags(command)), VALUES_CLI), max_size=4))
    extra = draw(st.lists(VALUES_CLI, max_size=2))
    return [command, *[x for pair in pairs for x in pair], *extra]


@PROPERTY
@given(argv=command_lines())
def test_any_command_line_is_exit_0_1_or_2(argv):
    with tempfile.TemporaryDirectory() as tmp:
        root = project(Path(tmp), data=row(expected="Q: q"))
        assert run_cli(root, argv) in (0, 1, 2)


def test_stray_placeholder_check_is_linear_in_the_prompt():
    # A prompt comes from the pull request. The LaTeX look-ahead after `$q` once ran a regex over the
    # rest of the text (a 300 KB line of '=' took minutes), and each finding counted its line from the
    # top (100,000 findings: quadratic). Both now finish at once, with the right lines.
    from lmgate.prompts.engines import problems, stray_placeholders

    assert [p.line for p in stray_placeholders("$q " + "=" * 300_000, "plain", {"q"})] == [1]
    found = stray_placeholders("intro\n" + "$q x\n" * 100_000, "plain", {"q"})
    assert len(found) == 100_000 and (found[0].line, found[-1].line) == (2, 100_001)
    assert stray_placeholders("a $x^2$ or $x + 1$ and $q\n", "plain", {"q", "x"})[0].line == 1
    # the same counting where a placeholder of another syntax is left as written
    left = problems("intro\n" + "${q}\n" * 100_000, "plain", declared=False)
    assert len(left) == 100_000 and (left[0].line, left[-1].line) == (2, 100_001)
