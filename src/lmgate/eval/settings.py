"""The `providers`, `prompts`, `datasets` and `suites` sections of lmgate.yaml."""

from __future__ import annotations

from lmgate.eval.providers import MODULES as PROVIDER_MODULES
from lmgate.eval.providers.base import COMMON
from lmgate.prompts.engines import NAMES as ENGINES
from lmgate.registry import load_modules
from lmgate.spec import REQUIRED, Opt

_ANY_MAP = Opt("map", values=Opt("any"))
_TEXT_OR_ANY = Opt("any", one_of=(Opt("str"), Opt("any")))
_VAR = Opt("any", one_of=(Opt("str"), Opt("map", values=_TEXT_OR_ANY), Opt("any")))

# Each provider module declares its own options (`CONF`); the section takes `type`, the options every
# provider shares (`COMMON`) and those of the type it names.
PROVIDER_TYPES = {module.NAME: module.CONF for module in load_modules("lmgate.eval.providers", PROVIDER_MODULES)}
PROVIDER = Opt("section", help="a model endpoint or the app's own function", fields={
    "type": Opt("str", REQUIRED, "the provider type; its module declares the options it takes",
                choices=tuple(PROVIDER_TYPES)),
    **COMMON,
}, kinds=PROVIDER_TYPES)

PROMPT = Opt("str", help="path of a prompt file, relative to lmgate.yaml", one_of=(
    Opt("str", help="path of a prompt file"),
    Opt("section", fields={
        "path": Opt("str", REQUIRED, "path of a prompt file"),
        "format": Opt("str", None, "force the prompt format instead of detecting it"),
        "select": Opt("str", None, "which prompt of a file that holds several (a .txt split at `---` lines, "
                      "a PromptSource file): its name, as `lmgate validate` lists them"),
        "engine": Opt("str", None, "the placeholder syntax that fills the prompt, overriding the file "
                      "(a .txt/.md is Jinja when it holds {{ }} or {% %}, sent as written otherwise)",
                      choices=ENGINES),
    }),
))

DATASET = Opt("str", help="a file path or hf://datasets/<org>/<name>@<rev>/<file>", one_of=(
    Opt("str", help="a file path or hf://datasets/<org>/<name>@<rev>/<file>"),
    Opt("section", fields={
        "path": Opt("str", None, "a file path or hf:// URI"),
        "items": Opt("list", None, "inline items instead of a file", items=_ANY_MAP),
        "format": Opt("str", None, "jsonl, csv, json or yaml (detected from the name otherwise)",
                      choices=("jsonl", "csv", "json", "yaml")),
        "on_bad_row": Opt("str", "fail", "what a malformed row does", choices=("fail", "skip")),
        "id_field": Opt("str", "id", "the field holding each item's stable id"),
        "limit": Opt("int", None, "evaluate only the first N items", minimum=1),
        "max_bytes": Opt("int", 100 * 2**20, "a larger dataset file is refused (bytes)", minimum=1),
        "download_timeout": Opt("number", 300, "seconds an hf:// file may take to download, all of it; a slower "
                                "download is stopped", minimum=1),
        "max_cell_chars": Opt("int", 1_000_000, "a row with a longer value is a bad row (characters)",
                              minimum=1),
    }),
))

METRIC = Opt("str", help="a metric name, or {name: {options}}", one_of=(
    Opt("str", help="a metric name"),
    Opt("map", values=_ANY_MAP, help="{metric_name: {option: value}}"),
))

GATE = Opt("section", fields={
    "min": Opt("number", None, "the head's mean must be at least this (a metric where higher is better)"),
    "max": Opt("number", None, "the head's mean must be at most this (a metric where lower is better: tokens, "
               "cost, perplexity)"),
    "max_drop": Opt("number", None, "fail when the drop vs base is significant and larger than this",
                    minimum=0),
    "max_error_rate": Opt("number", None, "fail when more than this share of items errored",
                          minimum=0, maximum=1),
})

SUITE = Opt("section", fields={
    "name": Opt("str", REQUIRED, "the suite's name", pattern=r"[A-Za-z0-9_.-]+"),
    "prompt": Opt("str", REQUIRED, "a key of `prompts`"),
    "dataset": Opt("str", REQUIRED, "a key of `datasets`"),
    "provider": Opt("str", REQUIRED, "a key of `providers`"),
    "metrics": Opt("list", REQUIRED, "metrics scored on every item; an entry's `metric` names its module when "
                   "the entry's name is a display name, `per_item` takes options from an item field (items without "
                   "them are not scored), `engine: nunjucks` renders option templates as promptfoo does",
                   items=METRIC),
    "gates": Opt("map", None, "per-metric gates", values=GATE),
    "repeats": Opt("int", 1, "samples per item (scores are averaged per item)", minimum=1, maximum=100),
    "max_error_rate": Opt("number", None, "fail the suite when more than this share of calls failed (default 0: "
                          "any failed call fails it, unless a gate's own max_error_rate allows more)",
                          minimum=0, maximum=1),
    "vars": Opt("map", None, "extra template variables for every item; ${ENV_VAR} in text (also one mapping "
                "deep: `env: {TEAM: ${TEAM}}`) is read from the environment", values=_VAR),
})

# The keys this stage adds to lmgate.yaml; `lmgate.config.STAGES` lists the stages that declare some.
SECTIONS = {
    "providers": Opt("map", None, "named model endpoints", values=PROVIDER),
    "prompts": Opt("map", None, "named prompt files", values=PROMPT),
    "datasets": Opt("map", None, "named eval datasets", values=DATASET),
    "suites": Opt("list", None, "evaluations: a prompt × a dataset × a provider", items=SUITE),
}
