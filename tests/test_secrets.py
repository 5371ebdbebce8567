"""A fake secret in the config's environment never appears in anything lmgate prints or writes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

SECRET = "sk-lmgate-FAKE-0123456789abcdef"


def all_text_under(root: Path) -> str:
    return "\n".join(p.read_text(errors="replace") for p in root.rglob("*") if p.is_file())


def run_commands(repo: Path, commands: list[list[str]], env: dict[str, str]) -> str:
    seen = []
    for cmd in commands:
        out = subprocess.run([sys.executable, "-m", "lmgate", *cmd], cwd=repo, capture_output=True, text=True,
                             env=env)
        seen += [out.stdout, out.stderr]
    return "\n".join(seen)


def test_fake_secret_never_leaks(quickstart, tmp_path):
    config = quickstart / "lmgate.yaml"
    config.write_text(config.read_text().replace(
        "providers:\n",
        "providers:\n  remote: {type: openai, base_url: 'http://127.0.0.1:9/v1', model: m,"
        " api_key: '${LLM_API_KEY}'}\n"))
    gh = tmp_path / "gh"
    gh.mkdir()
    env = {**os.environ, "LLM_API_KEY": SECRET, "GITHUB_ACTIONS": "true", "GITHUB_OUTPUT": str(gh / "output"),
           "GITHUB_STEP_SUMMARY": str(gh / "summary.md")}
    printed = run_commands(quickstart, [["validate"]], env)
    # In Actions the mask command is the one place the value may appear, and it must come first.
    masked = [line for line in printed.splitlines() if SECRET in line]
    assert masked == [f"::add-mask::{SECRET}"]
    assert printed.index(f"::add-mask::{SECRET}") < printed.index("is valid")
    env.pop("GITHUB_ACTIONS")
    printed = run_commands(quickstart, [["validate"]], env)
    assert SECRET not in printed
    assert SECRET not in all_text_under(quickstart) + all_text_under(gh)


def test_the_redactor_knows_every_form_a_secret_takes_in_what_lmgate_writes():
    import base64
    import html
    import json
    import re
    from urllib.parse import quote, quote_plus

    from lmgate.secrets import Redactor

    key = "sk-Ab/c+d e\"f'g<é>0123456789"
    redact = Redactor([key])
    forms = {
        "raw": key, "json": json.dumps(key), "json ascii=False": json.dumps(key, ensure_ascii=False),
        "json \\/": json.dumps(key).replace("/", "\\/"), "all \\u": "".join(f"\\u{ord(c):04X}" for c in key),
        "json twice": json.dumps(json.dumps(key)), "html": html.escape(key), "xml &#": f"&#{ord('s')};" + key[1:],
        "quote": quote(key, safe=""), "quote_plus": quote_plus(key),
        "url lower": re.sub("%..", lambda m: m[0].lower(), quote(key, safe="")),  # `%2f`, not the key lower-cased
        "base64": base64.b64encode(key.encode()).decode(),
        "urlsafe b64": base64.urlsafe_b64encode(key.encode()).decode(),
        "embedded b64 +1": base64.b64encode(b"u:" + key.encode() + b"!").decode(),
        "embedded b64 +2": base64.b64encode(b"us:" + key.encode()).decode()[4:],
    }
    for name, form in forms.items():
        out = redact(f"<<{form}>>")
        assert "***" in out and "0123456789" not in out and "MDEyMzQ1Njc4O" not in out, (name, out)


def test_the_redactor_unwraps_auth_headers_and_skips_placeholders():
    import base64

    from lmgate.secrets import Redactor

    basic = "Basic " + base64.b64encode(b"robot:hunter2-password").decode()
    redact = Redactor(["Bearer tok-9f8e7d6c5b", basic, "EMPTY", "none"])
    assert redact("got tok-9f8e7d6c5b and hunter2-password") == "got *** and ***"
    assert redact("EMPTY none") == "EMPTY none"  # shorter than MIN_SECRET_LEN: never masked
    assert redact("lone \ud800 tok-9f8e7d6c5b") == "lone ? ***"  # RE2 reads UTF-8: a lone surrogate is replaced
