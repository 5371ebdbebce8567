"""A key echoed in pieces or in a spelling one step off the obvious ones is still masked.

The sink test covers the key whole: raw, JSON-escaped, URL-encoded, base64. A hostile model has more
spellings: the key split across two lines, Markdown-escaped (`sk\\-…`), a zero-width space between
its characters, base64 wrapped at 76 columns, URL-encoded twice, hex, numeric entities with leading
zeros, or only its tail. Each is a leak (the missing characters are few, or none), so each is masked,
at the source (the provider's answer) and in every file written after it.
"""

from __future__ import annotations

import base64
import json
import random
import string
from urllib.parse import quote

import pytest

from fakes.openai_server import Reply, serve_openai
from lmgate.cli import main
from lmgate.secrets import Redactor

KEY = "sk-sink/7f3a+9c2e5b1d4068-LEAK"
SHORT = "tok-5e6f7a8b"  # shorter than a fragment: only whole (gaps allowed) echoes are masked

VARIANTS = {
    "split across lines": KEY[:14] + "\n" + KEY[14:],
    "split with CRLF": KEY[:10] + "\r\n" + KEY[10:],
    "split by prose": f"first half {KEY[:14]} and then {KEY[14:]}",
    "markdown-escaped": KEY.replace("-", "\\-").replace("+", "\\+"),
    "zero-width spaced": "\u200b".join(KEY),
    "spaced": " ".join(KEY),
    "base64 wrapped": base64.encodebytes(("x" * 50 + KEY + "y" * 30).encode()).decode(),
    "url-encoded twice": quote(quote(KEY, safe=""), safe=""),
    "hex": KEY.encode().hex(),
    "HEX": KEY.encode().hex().upper(),
    "entities with zeros": "".join(f"&#00{ord(c)};" for c in KEY),
    "entities without ;": "".join(f"&#x{ord(c):x}" for c in KEY) + " ",
    "tail only": "the tail is 9c2e5b1d4068",
    "head only": "it starts sk-sink/7f3a+9c",
}
# what must not survive: the key's distinctive runs and encodings of them
TELLS = ["9c2e5b1d4068", "7f3a+9c2e5b", "sink/7f3a", "5b1d4068-LE", KEY.encode().hex()[10:40],
         base64.b64encode(KEY.encode()).decode()[8:24], "LzdmM2ErOWMyZTViMWQ0MDY4"]


@pytest.mark.parametrize("name", VARIANTS)
def test_the_redactor_masks_a_split_partial_or_oddly_spelled_echo(name):
    out = Redactor([KEY])(f"<<{VARIANTS[name]}>>")
    assert "***" in out, out
    for tell in TELLS:
        assert tell not in out.replace("\\", "").replace("\n", ""), (name, tell, out)


def test_a_short_secret_is_masked_with_gaps_but_its_parts_are_not():
    redact = Redactor([SHORT])
    assert redact(f"a {SHORT[:5]}\n{SHORT[5:]} b") == "a *** b"
    assert redact("tok-5e") == "tok-5e"  # 6 characters of a 12-character token say little, and are common


def test_a_secret_as_long_as_an_environment_value_may_be_is_learned_and_masked():
    # `secret_env_values` takes values up to 4096 characters; a JWT or session token can be that long
    rng = random.Random(5)
    token = "".join(rng.choice(string.ascii_letters + string.digits) for _ in range(4000))
    redact = Redactor([token])
    assert redact(f"<{token}> <{token[1000:1040]}>") == "<***> <***>"


def test_a_header_value_that_is_not_a_key_keeps_its_parts_readable():
    redact = Redactor(["application/json", "Customer Support Evaluation 2024"])
    assert redact("send application/xml to Customer Support") == "send application/xml to Customer Support"
    assert redact("application/json") == "***"


def test_an_eval_run_keeps_no_piece_of_an_echoed_key(tmp_path):
    questions = list(VARIANTS)

    def answer(messages, body):
        question = messages[-1]["content"]
        if question == "error":
            return Reply(400, {"error": {"message": f"invalid key {KEY[:14]}\n{KEY[14:]}"}},
                         {"X-Echo": KEY.encode().hex()})
        return VARIANTS.get(question, "Paris")

    (tmp_path / "p.j2").write_text("{{ q }}")
    (tmp_path / "cases.jsonl").write_text("".join(json.dumps({"id": f"c{i}", "q": q}) + "\n"
                                                  for i, q in enumerate([*questions, "error"])))
    with serve_openai(answer=answer) as srv:
        (tmp_path / "lmgate.yaml").write_text(f"""version: 1
providers:
  m: {{type: openai, base_url: "{srv.base_url}", model: m, api_key: "${{LLM_API_KEY}}", retries: 0}}
prompts: {{p: p.j2}}
datasets: {{cases: cases.jsonl}}
suites:
  - {{name: s, prompt: p, dataset: cases, provider: m, metrics: [{{contains: {{value: Paris}}}}]}}
""")
        code = main(["eval", "--config", str(tmp_path / "lmgate.yaml"), "--junit", str(tmp_path / "junit.xml")],
                     env={"LLM_API_KEY": KEY, "HOME": str(tmp_path)})
    assert code in (0, 1)
    written = [p for p in tmp_path.rglob("*") if p.is_file() and p.suffix not in (".j2", ".yaml")
               and p.name != "cases.jsonl"]
    assert any(p.name == "eval-items.jsonl" for p in written)
    for path in written:
        data = path.read_bytes().replace(b"\\", b"").replace(b"\n", b"")
        for tell in TELLS:
            assert tell.encode() not in data, f"{tell!r} leaked into {path}"
