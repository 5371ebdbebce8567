from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from lmgate import __version__
from lmgate.cli import COMMANDS, main


def run_cli(*args: str, cwd=None, env=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "lmgate", *args], capture_output=True, text=True, cwd=cwd,
                          env=env)


def test_version():
    out = run_cli("--version")
    assert out.returncode == 0
    assert out.stdout.strip() == f"lmgate {__version__}"


def test_help_lists_every_command():
    out = run_cli("--help")
    assert out.returncode == 0
    for name in COMMANDS:
        assert name in out.stdout


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_each_command_has_help(command):
    out = run_cli(command, "--help")
    assert out.returncode == 0, out.stderr
    assert f"usage: lmgate {command}" in out.stdout


def test_help_imports_no_heavy_library():
    code = ("import sys; from lmgate.cli import main\n"
            "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
            "heavy = [m for m in ('requests', 'jinja2', 'huggingface_hub', 'yaml') if m in sys.modules]\n"
            "print('HEAVY=' + ','.join(heavy))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().splitlines()[-1] == "HEAVY="


def test_no_command_prints_help_and_exits_2(capsys):
    assert main([], env={}) == 2
    assert "usage: lmgate" in capsys.readouterr().out


def test_unexpected_error_exits_3_with_traceback_and_annotation(monkeypatch, capsys, tmp_path):
    import lmgate.commands.validate as validate

    def boom(*_):
        raise RuntimeError("kaboom")

    monkeypatch.setattr(validate, "run", boom)
    code = main(["validate"], env={"GITHUB_ACTIONS": "true"})
    captured = capsys.readouterr()
    assert code == 3
    assert "Traceback" in captured.err and "kaboom" in captured.err
    assert captured.out.count("::error") == 1


def test_console_script_after_lint_keeps_every_byte_and_the_exit_code(tmp_path):
    """`entry` ends a lint run with os._exit (no interpreter teardown): output bigger than a pipe's
    buffer must still arrive whole, and the gate's exit code must survive."""
    script = Path(sys.executable).with_name("lmgate")
    for i in range(150):  # each file has findings: the JSON is ~150 KiB, past the 64 KiB pipe buffer
        (tmp_path / f"p{i}.prompt.yml").write_text("messages:\n  - role: user\n    content: 'Hi {{name}}  '\n"
                                                   "testData:\n  - other: 1\n")
    failed = subprocess.run([str(script), "lint", str(tmp_path), "--format", "json", "--fail-on", "info"],
                            capture_output=True, text=True, cwd=tmp_path)
    assert failed.returncode == 1, failed.stderr
    body = json.loads(failed.stdout)  # complete JSON: nothing lost in the pipe
    assert len(failed.stdout) > 65536 and body["summary"]["files"] == 150
    passed = subprocess.run([str(script), "lint", str(tmp_path), "--fail-on", "never"], capture_output=True,
                            text=True, cwd=tmp_path)
    assert passed.returncode == 0 and "150 files" in passed.stdout
