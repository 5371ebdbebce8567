"""promptfoo providers -> lmgate providers.

Every OpenAI-compatible chat endpoint becomes an lmgate `openai` provider that reads the
environment variables promptfoo reads (`OPENAI_API_KEY`, `OPENAI_BASE_URL`, `MISTRAL_API_BASE_URL`,
`OLLAMA_BASE_URL` …); the key itself is never copied from the config into lmgate.yaml. promptfoo's
OpenAI provider sends `temperature: 0` and `max_tokens: 1024` unless told otherwise, so the imported
provider sends them too. Anthropic and Azure OpenAI are reached through their OpenAI-compatible
endpoints (to check by hand); `echo` stays `echo`; `exec:` commands and `file://…py` providers
run through a small adapter (lmgate.importers.promptfoo_runtime) that calls them the way promptfoo
does. Anything else is named in the report with the reason.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lmgate.errors import Location
from lmgate.importers.promptfoo_config import PromptfooConfig, strip_scheme
from lmgate.importers.promptfoo_runtime import exec_adapter_command, python_provider_source, script_parts
from lmgate.importers.report import Report

# promptfoo id prefix -> (default base URL, the variable promptfoo reads it from, the key's variable)
OPENAI_COMPATIBLE = {
    "openai": ("https://api.openai.com/v1", "OPENAI_BASE_URL", "OPENAI_API_KEY"),
    "mistral": ("https://api.mistral.ai/v1", "MISTRAL_API_BASE_URL", "MISTRAL_API_KEY"),
    "groq": ("https://api.groq.com/openai/v1", None, "GROQ_API_KEY"),
    "openrouter": ("https://openrouter.ai/api/v1", None, "OPENROUTER_API_KEY"),
    "deepseek": ("https://api.deepseek.com/v1", None, "DEEPSEEK_API_KEY"),
    "xai": ("https://api.x.ai/v1", None, "XAI_API_KEY"),
    "anthropic": ("https://api.anthropic.com", "ANTHROPIC_BASE_URL", "ANTHROPIC_API_KEY"),
    "ollama": ("http://localhost:11434/v1", None, None),
}
PARAMS = ("temperature", "max_tokens", "max_completion_tokens", "top_p", "presence_penalty", "frequency_penalty",
          "stop", "seed", "response_format", "logit_bias", "n", "user", "reasoning_effort")
KNOWN_QUIET = {"apiKey", "apiKeyEnvar", "apiBaseUrl", "apiHost", "headers", "organization", "basePath",
               "omitDefaults", "apiKeyRequired", "passthrough", "deployment_id", "apiVersion"}
DEFAULT_GRADER = "openai:chat:gpt-5.6-sol"  # promptfoo 0.123's default grading model


@dataclass
class PfProvider:
    id: str
    label: str | None
    key: str                         # promptfoo's identifier (label, else id): what filters match
    name: str                        # the lmgate `providers` key
    spec: dict[str, Any]
    where: Location
    prompts: list[str] | None = None
    files: dict[str, str] = field(default_factory=dict)   # adapter files to write: relative path -> text


def read_providers(config: PromptfooConfig, report: Report, *, out_dir: Path) -> list[PfProvider]:
    """`out_dir`: the folder the generated files go to (its parent is the lmgate root)."""
    raw = config.data.get("providers")
    if raw is None:
        return []
    entries = [raw] if isinstance(raw, (str, Mapping)) else list(raw) if isinstance(raw, list) else []
    concurrency = (config.data.get("evaluateOptions") or {}).get("maxConcurrency") or 4
    taken: set[str] = set()
    out = []
    for i, entry in enumerate(entries):
        where = config.where("providers", i) if isinstance(raw, list) else config.where("providers")
        options = _options(entry)
        if options is None:
            report.unsupported("provider", f"cannot read {entry!r} (a provider is an id string or a mapping "
                               "with `id`)", where)
            continue
        pid = options["id"]
        mapped = map_provider(pid, options.get("config") or {}, config, report, where, out_dir=out_dir, index=i)
        if mapped is None:
            continue
        spec, files = mapped
        spec.setdefault("concurrency", int(concurrency))
        label = options.get("label")
        name = _unique(_slug(label or _default_name(pid)), taken)
        report.mapped(f"provider {label or pid}", f"providers.{name} (type {spec['type']}"
                      + (f", model {spec['model']}" if spec.get("model") else "") + ")", where)
        for key in sorted(set(options) - {"id", "label", "config", "prompts"}):
            report.unsupported(f"provider {label or pid} `{key}`", "not carried over (lmgate providers have no such "
                               "setting)", where)
        prompts = options.get("prompts")
        # promptfoo reports a provider given as a bare id string by its provider's own id()
        key = label or (runtime_id(pid, {}) if isinstance(entry, str) else pid)
        out.append(PfProvider(pid, label, key, name, spec, where,
                              [str(p) for p in prompts] if isinstance(prompts, list) else
                              [str(prompts)] if isinstance(prompts, str) else None, files))
    return out


def runtime_id(pid: str, conf: Mapping[str, Any]) -> str:
    """The id promptfoo reports for a provider: its OpenAI provider drops `chat:`, and names only the
    model when the config sets apiBaseUrl or apiHost."""
    match = re.fullmatch(r"openai:(?:chat:)?(.+)", pid)
    if not match:
        return pid
    return match.group(1) if conf.get("apiBaseUrl") or conf.get("apiHost") else f"openai:{match.group(1)}"


def _options(entry: Any) -> dict | None:
    if isinstance(entry, str):
        return {"id": entry}
    if isinstance(entry, Mapping):
        if isinstance(entry.get("id"), str):
            return dict(entry)
        if len(entry) == 1:  # {"openai:gpt-4o": {config: …}}
            key, value = next(iter(entry.items()))
            if isinstance(value, Mapping):
                return {"id": value.get("id") or key, **{k: v for k, v in value.items() if k != "id"}}
    return None


def map_provider(pid: str, conf: Mapping[str, Any], config: PromptfooConfig, report: Report, where: Location,
                 *, out_dir: Path, index: int) -> tuple[dict, dict[str, str]] | None:
    """The lmgate provider spec (and adapter files) for one promptfoo provider, or None (reported)."""
    construct = f"provider {pid}"
    if pid == "echo":
        report.check(construct, "lmgate's echo answers with the last message's text; promptfoo's echoes the "
                     "whole rendered prompt (the same for text prompts, not for chat prompts)", where)
        return {"type": "echo"}, {}
    if pid.startswith("exec:"):
        command = pid[len("exec:"):].strip()
        report.check(construct, "runs through lmgate's exec provider with an adapter that passes the prompt, "
                     "options and context as arguments, as promptfoo does", where)
        cwd = os.path.relpath(config.base, out_dir.parent)
        return {"type": "exec", "command": exec_adapter_command(command, cwd)}, {}
    if pid.startswith(("file://", "python:")) and re.search(r"\.py(:\w+)?$", pid):
        return _python_provider(pid, conf, config, report, where, out_dir=out_dir, index=index)
    if pid.startswith(("http:", "https:", "http", "webhook:", "websocket:")) or pid in ("http", "https"):
        report.unsupported(construct, "lmgate has no generic HTTP provider; wrap the endpoint in a python "
                           "provider (`type: python`) or give it an OpenAI-compatible route", where)
        return None
    vendor, _, rest = pid.partition(":")
    if vendor in ("azureopenai", "azure"):
        return _azure(pid, rest, conf, report, where)
    if vendor not in OPENAI_COMPATIBLE:
        report.unsupported(construct, f"no lmgate provider speaks {vendor!r}; lmgate calls OpenAI-compatible "
                           "chat endpoints, Hugging Face, python, exec and replay providers", where)
        return None
    kind, _, model = rest.partition(":")
    if kind not in ("chat", "messages", "completion", "embedding", "embeddings", "responses", "assistant"):
        kind, model = "chat", rest  # openai:gpt-4o-mini, anthropic:claude-…, ollama:llama3
    if kind in ("embedding", "embeddings", "responses", "assistant") or (kind == "completion" and vendor == "openai"):
        report.unsupported(construct, f"lmgate calls chat completions; promptfoo's {kind} API has no lmgate "
                           "provider", where)
        return None
    if not model:
        report.unsupported(construct, "names no model", where)
        return None
    default_url, url_var, key_var = OPENAI_COMPATIBLE[vendor]
    spec: dict[str, Any] = {"type": "openai", "model": model}
    spec["base_url"] = _base_url(vendor, conf, default_url, url_var)
    key = _api_key(conf, key_var, construct, report, where)
    if key:
        spec["api_key"] = key
    params = _params(conf, vendor, model, construct, report, where)
    if params:
        spec["params"] = params
    if conf.get("headers"):
        spec["headers"] = {str(k): str(v) for k, v in conf["headers"].items()}
        report.check(construct, "headers were copied as written; move any secret in them to ${ENV_VAR}", where)
    if vendor == "anthropic":
        report.check(construct, "called through Anthropic's OpenAI-compatible endpoint (api.anthropic.com/v1); "
                     "promptfoo uses the Messages API, whose defaults (max_tokens, system prompt handling) differ",
                     where)
    if vendor == "ollama":
        report.check(construct, "called through Ollama's OpenAI-compatible /v1 endpoint"
                     + (" (promptfoo's `ollama:` without `chat:` uses /api/generate, which applies no chat "
                        "template)" if kind != "chat" else ""), where)
    return spec, {}


def _base_url(vendor: str, conf: Mapping[str, Any], default_url: str, url_var: str | None) -> str:
    if conf.get("apiHost"):
        return f"https://{conf['apiHost']}/v1"
    if conf.get("apiBaseUrl"):
        base = _env_reference(str(conf["apiBaseUrl"])).rstrip("/")
        return f"{base}/v1" if vendor == "anthropic" else base
    if vendor == "ollama":
        return "${OLLAMA_BASE_URL:-http://localhost:11434}/v1"
    if vendor == "anthropic":  # promptfoo's base URL for Anthropic has no /v1; the OpenAI-compatible route does
        return "${ANTHROPIC_BASE_URL:-https://api.anthropic.com}/v1"
    return f"${{{url_var}:-{default_url}}}" if url_var else default_url


def _api_key(conf: Mapping[str, Any], key_var: str | None, construct: str, report: Report,
             where: Location) -> str | None:
    if conf.get("apiKeyEnvar"):
        return f"${{{conf['apiKeyEnvar']}}}"
    literal = conf.get("apiKey")
    if isinstance(literal, str) and literal:
        reference = _env_reference(literal)
        if reference != literal:
            return reference
        if key_var:
            report.check(construct, f"the config holds an API key; it was not copied: lmgate reads ${{{key_var}}} "
                         "(set it in the environment or a CI secret)", where)
    return f"${{{key_var}}}" if key_var else None


def _env_reference(text: str) -> str:
    """`{{ env.X }}` (promptfoo's env template) -> `${X}` (lmgate's), so no value is written."""
    return re.sub(r"\{\{\s*env\.(\w+)\s*\}\}|\{\{\s*env\[['\"]([^'\"]+)['\"]\]\s*\}\}",
                  lambda m: f"${{{m.group(1) or m.group(2)}}}", text)


def _params(conf: Mapping[str, Any], vendor: str, model: str, construct: str, report: Report,
            where: Location) -> dict[str, Any]:
    params = {k: conf[k] for k in PARAMS if k in conf}
    reasoning = vendor == "openai" and re.match(r"(.*/)?(o1|o3|o4|gpt-5)", model) is not None
    if vendor == "anthropic":
        params.setdefault("max_tokens", 1024)  # promptfoo's Anthropic provider sends 1024 unless told otherwise
    if vendor in ("openai",) and not conf.get("omitDefaults"):
        if reasoning:
            params.pop("max_tokens", None)
            params.pop("temperature", None)
        else:  # what promptfoo's OpenAI provider sends when the config says nothing
            params.setdefault("max_tokens", 1024)
            params.setdefault("temperature", 0)
    if isinstance(conf.get("passthrough"), Mapping):
        params.update(conf["passthrough"])
    for key in ("tools", "functions", "tool_choice", "function_call"):
        if key in conf:
            params[key] = conf[key]
            report.check(construct, f"`{key}` is sent to the endpoint, but lmgate scores the answer's text, "
                         "not its tool calls", where)
    for key in sorted(set(conf) - set(PARAMS) - KNOWN_QUIET - {"tools", "functions", "tool_choice", "function_call"}):
        report.unsupported(f"{construct} config.{key}", "no lmgate equivalent", where)
    return params


def _azure(pid: str, rest: str, conf: Mapping[str, Any], report: Report,
           where: Location) -> tuple[dict, dict[str, str]] | None:
    kind, _, deployment = rest.partition(":")
    if kind not in ("chat", "completion") or not deployment:
        report.unsupported(f"provider {pid}", "lmgate calls Azure OpenAI chat deployments only", where)
        return None
    if conf.get("apiBaseUrl"):
        base = _env_reference(str(conf["apiBaseUrl"])).rstrip("/")
    else:
        base = f"https://{conf.get('apiHost') or '${AZURE_API_HOST}'}"
    key = f"${{{conf.get('apiKeyEnvar') or 'AZURE_API_KEY'}}}"
    spec = {"type": "openai", "model": deployment, "base_url": f"{base}/openai/v1", "api_key": key,
            "headers": {"api-key": key}}
    params = {k: conf[k] for k in PARAMS if k in conf}
    params.setdefault("max_tokens", 1024)
    params.setdefault("temperature", 0)
    spec["params"] = params
    report.check(f"provider {pid}", "called through Azure OpenAI's v1 (OpenAI-compatible) endpoint with the "
                 "deployment as the model; the key comes from AZURE_API_KEY (promptfoo also reads "
                 "AZURE_OPENAI_API_KEY), the host from the config or AZURE_API_HOST", where)
    return spec, {}


def _python_provider(pid: str, conf: Mapping[str, Any], config: PromptfooConfig, report: Report, where: Location,
                     *, out_dir: Path, index: int) -> tuple[dict, dict[str, str]] | None:
    reference = strip_scheme(pid[len("python:"):] if pid.startswith("python:") else pid)
    path_text, _, function = reference.partition(":") if reference.count(":") == 1 else (reference, "", "")
    path = (config.base / path_text).resolve()
    if not path.is_file():
        report.unsupported(f"provider {pid}", f"the file {path_text} does not exist", where)
        return None
    config.inside(path, where)  # the generated adapter would import a file from outside the repository
    module = f"provider_{index + 1}"
    source = python_provider_source(os.path.relpath(path, out_dir), function or "call_api", dict(conf))
    report.check(f"provider {pid}", "called through an adapter that passes (prompt, options, context) as "
                 "promptfoo does; its answers are not cached", where)
    return {"type": "python", "target": f"{out_dir.name}.{module}:call"}, {f"{module}.py": source}


def grader_spec(config: PromptfooConfig, report: Report, *, out_dir: Path) -> tuple[dict, Location] | None:
    """The judge for model-graded assertions: defaultTest.options.provider, else promptfoo's default."""
    default_test = config.data.get("defaultTest")
    options = (default_test or {}).get("options") if isinstance(default_test, Mapping) else None
    raw = (options or {}).get("provider")
    where = config.where("defaultTest", "options", "provider") if raw else config.where()
    if isinstance(raw, Mapping) and "text" in raw:
        raw = raw["text"]
    entry = _options(raw) if raw else {"id": DEFAULT_GRADER}
    if entry is None:
        report.unsupported("grading provider", f"cannot read {raw!r}", where)
        return None
    mapped = map_provider(entry["id"], entry.get("config") or {}, config, report, where, out_dir=out_dir, index=99)
    if mapped is None:
        return None
    if not raw:
        report.check("grading provider", f"promptfoo grades with its default model ({DEFAULT_GRADER}); set "
                     "providers.judge to the judge you want", where)
    return mapped[0], where


def _default_name(pid: str) -> str:
    if pid.startswith("exec:"):
        parts = script_parts(pid[len("exec:"):])
        script = next((p for p in parts if Path(p).suffix), parts[0] if parts else "exec")
        return Path(script).stem
    if pid.startswith(("file://", "python:")):
        return Path(strip_scheme(pid.split(":", 1)[1] if pid.startswith("python:") else pid).split(":")[0]).stem
    parts = pid.split(":")
    return parts[-1] if len(parts) > 1 else pid


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", text).strip("_.-")[:40] or "provider"


def _unique(name: str, taken: set[str]) -> str:
    candidate, n = name, 2
    while candidate in taken:
        candidate, n = f"{name}_{n}", n + 1
    taken.add(candidate)
    return candidate


def provider_allowed(provider: PfProvider, allowed: list[str] | None) -> bool:
    """A test's `providers` filter: the provider's label or id, or a `prefix*` / `prefix:` of them."""
    if allowed is None:
        return True
    names = [n for n in (provider.label, provider.id, _canonical(provider.id)) if n]
    for ref in map(str, allowed):
        if provider.label == ref or _canonical(ref) == _canonical(provider.id):
            return True
        for name in names:
            if name == ref or (ref.endswith("*") and name.startswith(ref[:-1])) or name.startswith(f"{ref}:"):
                return True
    return False


def _canonical(pid: str) -> str:
    return re.sub(r"^openai:chat:", "openai:", pid)
