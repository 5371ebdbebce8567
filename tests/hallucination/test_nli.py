"""`nli`: the hosted path against a loopback text-classification server; the local path with a tiny
randomly initialised model built here (no download)."""

from __future__ import annotations

import json
import threading
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from lmgate.hallucination.detectors import nli
from lmgate.hallucination.detectors.base import Item

CONTEXT = "Marie Curie won the Nobel Prize in Chemistry in 1911. She was born in Warsaw. She died in 1934."


@contextmanager
def classifier_server(broken: bool = False):
    """Entailment when every word of the claim appears in the premise: a stand-in model, real HTTP."""
    seen: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

        def do_POST(self) -> None:
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            text = body["inputs"]
            seen.append(text)
            premise, claim = text.split(" [SEP] ")
            ok = all(w.strip(".").lower() in premise.lower() for w in claim.split())
            labels = [{"label": "ENTAILMENT", "score": 0.9 if ok else 0.05},
                      {"label": "NEUTRAL", "score": 0.05 if ok else 0.35},
                      {"label": "CONTRADICTION", "score": 0.05 if ok else 0.6}]
            data = b"not json" if broken else json.dumps([labels]).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", seen
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_hosted_inference_client_judges_each_claim():
    with classifier_server() as (url, seen):
        deps = nli.prepare({"endpoint": url, "timeout": 5})
        v = nli.score(Item("She was born in Warsaw. She won the Nobel Prize in Physics in 1921.", CONTEXT),
                      {"premises": 2}, deps)
        ok = nli.score(Item("She was born in Warsaw.", CONTEXT), {}, deps)
    assert v.flagged and v.score == pytest.approx(0.95)
    assert [s.text for s in v.spans] == ["She won the Nobel Prize in Physics in 1921."]
    assert len(seen) == 4 + 3 and all(" [SEP] " in t for t in seen)
    assert not ok.flagged and ok.score == pytest.approx(0.1)


def test_hosted_failures_and_missing_context_are_recorded():
    with classifier_server(broken=True) as (url, _):
        v = nli.score(Item("She was born in Warsaw.", CONTEXT), {}, nli.prepare({"endpoint": url, "timeout": 5}))
    assert v.score is None and v.reason.startswith("NLI call failed")
    assert nli.score(Item("x", None), {}, None).reason.startswith("no context")


def test_local_transformers_path_with_a_tiny_random_model(tmp_path):
    torch = pytest.importorskip("torch", reason="the local nli path is an optional extra (transformers + torch)")
    transformers = pytest.importorskip("transformers")
    words = sorted({w.strip(".").lower() for w in (CONTEXT + " she lived in paris").split()})
    (tmp_path / "vocab.txt").write_text("\n".join(["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", *words]) + "\n")
    tokenizer = transformers.BertTokenizer(str(tmp_path / "vocab.txt"))
    torch.manual_seed(0)
    config = transformers.BertConfig(vocab_size=len(words) + 5, hidden_size=16, num_hidden_layers=1,
                                     num_attention_heads=2, intermediate_size=32, num_labels=3,
                                     id2label={0: "entailment", 1: "neutral", 2: "contradiction"},
                                     label2id={"entailment": 0, "neutral": 1, "contradiction": 2})
    transformers.BertForSequenceClassification(config).save_pretrained(tmp_path)
    tokenizer.save_pretrained(tmp_path)
    deps = nli.prepare({"local_path": str(tmp_path)})
    v = nli.score(Item("She was born in Warsaw. She lived in Paris.", CONTEXT), {"threshold": 0.0}, deps)
    assert v.score is not None and 0.0 <= v.score <= 1.0 and len(v.spans) == 2
    labels = deps.nli("She was born in Warsaw.", "She lived in Paris.")
    assert set(labels) == {"entailment", "neutral", "contradiction"} and sum(labels.values()) == pytest.approx(1.0)
