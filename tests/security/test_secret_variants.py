"""A key echoed in pieces or in a spelling one step off the obvious ones is still masked.

The sink test covers the key whole: raw, JSON-escaped, URL-encoded, base64. A hostile model has more
spellings: the key split across two lines, Markdown-escaped (`sk\\-…`), a zero-width space between
its characters, base64 wrapped at 76 columns, URL-encoded twice, hex, numeric entities with leading
zeros, or only its tail; and those a prompt asks for to get past a filter: upper-cased, reversed,
rot13, base32, base64 of `Bearer <key>`, and each of them split or cut. Each is a leak (the missing
characters are few, or none, and the transformation is undone in one line), so each is masked, at
the source (the provider's answer) and in every file written after it.
"""

from __future__ import annotations

import base64
import codecs
import io
import random
import string
import textwrap
from urllib.parse import quote

import pytest
from keyed_eval import run_keyed_eval

from fakes.openai_server import Reply
from lmgate.github.runtime import Console
from lmgate.secrets import Redactor

KEY = "sk-sink/7f3a+9c2e5b1d4068-LEAK"
SHORT = "tok-5e6f7a8b"  # shorter than a fragment: only whole (gaps allowed) echoes are masked
ROT13 = codecs.encode(KEY, "rot13")
B32 = base64.b32encode(KEY.encode()).decode()

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
    # spellings a prompt asks for to get the key past a filter, each undone in one line of code
    "upper-cased": KEY.upper(),
    "case swapped": KEY.swapcase(),
    "reversed": KEY[::-1],
    "rot13": ROT13,
    "base32": B32,
    "base32 lower-cased": B32.lower(),
    "base32 of Bearer <key>": base64.b32encode(f"Bearer {KEY}".encode()).decode(),
    "base32 wrapped": "\n".join(textwrap.wrap(base64.b32encode(f"x{KEY}yz".encode()).decode(), 76)),
    "base64 of Bearer <key>": base64.b64encode(f"Bearer {KEY}".encode()).decode(),
    "url-safe base64 of key=<key>": base64.urlsafe_b64encode(f"key={KEY}".encode()).decode(),
    # ... and split, spaced or cut like the plain key
    "upper-cased, split": KEY.upper()[:14] + "\n" + KEY.upper()[14:],
    "reversed, spaced": " ".join(KEY[::-1]),
    "rot13, split by prose": f"first {ROT13[:13]} then {ROT13[13:]}",
    "upper-cased tail": "the tail is " + KEY.upper()[12:],
    "reversed head": "it ends " + KEY[::-1][:14],
}
# what must not survive, in any case: the key's distinctive runs, and spellings of them
TELLS = ["9c2e5b1d4068", "7f3a+9c2e5b", "sink/7f3a", "5b1d4068-LE", KEY.encode().hex()[10:40],
         base64.b64encode(KEY.encode()).decode()[8:24], "LzdmM2ErOWMyZTViMWQ0MDY4",
         KEY[::-1][5:17], ROT13[7:19], B32[8:24]]


@pytest.mark.parametrize("name", VARIANTS)
def test_the_redactor_masks_a_split_partial_or_oddly_spelled_echo(name):
    out = Redactor([KEY])(f"<<{VARIANTS[name]}>>")
    assert "***" in out, out
    for tell in TELLS:
        assert tell.lower() not in out.replace("\\", "").replace("\n", "").lower(), (name, tell, out)


def test_a_mixed_case_key_is_masked_lower_cased_in_part():
    key = "sk-Live-4fA9qZ7rT2xB8mK1wQ"  # no 12 characters in a row keep their case when lower-cased
    out = Redactor([key])(f"the end of it: {key.lower()[9:]}")
    assert out == "the end of it: ***", out


def test_a_word_or_a_short_key_is_not_masked_in_other_spellings():
    # `PASSWORD` for `password`, or `AB12CD` for a 6-character `ab12cd`, turns up in ordinary text:
    # only a key-like secret of 8 or more characters is matched upper-cased, reversed or rot13
    redact = Redactor(["password", "Secret", "ab12cd", "application/json"])
    innocent = "PASSWORD drowssap cnffjbeq secret AB12CD dc21ba no12pq APPLICATION/JSON nosj/noitacilppa"
    assert redact(innocent) == innocent
    assert redact("password Secret ab12cd application/json") == "*** *** *** ***"


def test_a_secret_as_long_as_an_environment_value_may_be_is_learned_and_masked():
    # `secret_env_values` takes values up to 4096 characters; a JWT or session token can be that long
    rng = random.Random(5)
    token = "".join(rng.choice(string.ascii_letters + string.digits) for _ in range(4000))
    redact = Redactor([token])
    echoes = [token, token.upper(), token[::-1], codecs.encode(token, "rot13"), token[1000:1040]]
    assert redact(" ".join(f"<{echo}>" for echo in echoes)) == " ".join(["<***>"] * len(echoes))


def test_actions_is_told_to_mask_the_other_spellings_too():
    out = io.StringIO()
    Console({"GITHUB_ACTIONS": "true"}, out=out, err=io.StringIO()).mask([KEY])
    masked = {line.removeprefix("::add-mask::") for line in out.getvalue().splitlines()}
    assert {KEY, KEY.upper(), KEY[::-1], ROT13, B32} <= masked, masked


def test_a_short_secret_is_masked_with_gaps_but_its_parts_are_not():
    redact = Redactor([SHORT])
    assert redact(f"a {SHORT[:5]}\n{SHORT[5:]} b") == "a *** b"
    assert redact(f"a {SHORT.upper()[:5]}\n{SHORT.upper()[5:]} b {SHORT[::-1]} c") == "a *** b *** c"
    assert redact("tok-5e") == "tok-5e"  # 6 characters of a 12-character token say little, and are common


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

    code = run_keyed_eval(tmp_path, [*questions, "error"], answer, key=KEY, contains="Paris",
                          args=["--junit", str(tmp_path / "junit.xml")], env={"HOME": str(tmp_path)})
    assert code in (0, 1)
    written = [p for p in tmp_path.rglob("*") if p.is_file() and p.suffix not in (".j2", ".yaml")
               and p.name != "cases.jsonl"]
    assert any(p.name == "eval-items.jsonl" for p in written)
    for path in written:
        data = path.read_bytes().replace(b"\\", b"").replace(b"\n", b"").lower()
        for tell in TELLS:
            assert tell.lower().encode() not in data, f"{tell!r} leaked into {path}"
