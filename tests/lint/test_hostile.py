"""Hostile prompt files: each is a finding or a clear error, in bounded time, never a traceback."""

from __future__ import annotations

import time

import pytest

from .helpers import lint, validate_lint_json, write

BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(  # 9**9 nodes once expanded
    f"{c}: &{c} [{', '.join(['*' + p] * 9)}]\n" for p, c in zip("abcdefgh", "bcdefghi", strict=True))
CASES = {
    "ssti.j2": "Hi {{ ''.__class__.__mro__[1].__subclasses__() }}\n",
    "huge.txt": "x" * (5 * 1024 * 1024),
    "binary.j2": b"\x00\x01\x02PK\x03\x04" * 100,
    "latin1.md": "caf\u00e9 {name}\n".encode("latin-1"),
    "deep.prompt.yml": "messages: " + "[" * 5000 + "]" * 5000 + "\n",
    "bomb.prompt.yml": BOMB + "messages: [{role: user, content: hi}]\n",
    "broken.prompty": "---\nname: [unclosed\n---\nuser:\nhi\n",
    "bad.json": '[{"role": "user", "content": "hi"},',
    "tpl/templates.yaml": "templates:\n  x: !Template\n    jinja: '{{ a'\n    name: n\n",
}


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory):
    root = write(tmp_path_factory.mktemp("hostile"), CASES)
    (root / "tpl" / "templates.yaml").write_text(
        "templates:\n  x: !Template\n    jinja: 'ok {{a}}'\n    name: n\n  y: !Python\n    jinja: x\n")
    started = time.monotonic()
    run = lint(root, *CASES, "--format", "json", "--fail-on", "error")
    return run, time.monotonic() - started


def test_hostile_files_become_findings_quickly(hostile_run):
    run, seconds = hostile_run
    assert run.code == 1, run.err
    assert "Traceback" not in run.err and seconds < 30
    data = run.result()
    validate_lint_json(data)
    syn001 = {f["path"]: f for f in data["findings"] if f["code"] == "SYN001"}
    for name in CASES:
        assert name in syn001, f"{name}: no SYN001 in {sorted(syn001)}"
        assert syn001[name]["line"] >= 1
    assert "bytes" in syn001["huge.txt"]["message"] and "binary" in syn001["binary.j2"]["message"]
    assert "UTF-8" in syn001["latin1.md"]["message"] and syn001["latin1.md"]["line"] == 1
    assert "alias" in syn001["bomb.prompt.yml"]["message"] or "too many" in syn001["bomb.prompt.yml"]["message"]
    assert syn001["broken.prompty"]["line"] in (2, 3)  # inside the front matter, not line 1
    assert "__" in syn001["ssti.j2"]["message"] and "sandbox" in syn001["ssti.j2"]["message"]


def test_ssti_is_never_executed(tmp_path):
    marker = tmp_path / "pwned"
    payload = ("{{ cycler.__init__.__globals__.os.system('touch " + str(marker) + "') }}\n"
               "{{ ''.__class__.__mro__[1].__subclasses__() }}\n")
    write(tmp_path, {"evil.j2": payload})
    run = lint(tmp_path, "evil.j2", "--format", "json")
    assert run.code == 1 and not marker.exists()
    assert any(f["code"] == "SYN001" and f["line"] == 1 for f in run.result()["findings"])
