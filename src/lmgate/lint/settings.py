"""The `lint` section of lmgate.yaml."""

from __future__ import annotations

from lmgate.spec import Opt

_CODES = Opt("list", None, items=Opt("str"))

LINT = Opt("section", {}, help="prompt-lint settings", fields={
    "paths": Opt("list", ("prompts/**",), "globs of prompt files to lint", items=Opt("str")),
    "exclude": Opt("list", None, "globs to skip", items=Opt("str")),
    "select": Opt("list", None, "rule codes, prefixes or names to enable (default: all stable rules)",
                  items=Opt("str")),
    "extend_select": Opt("list", None, "rules to add to the selection", items=Opt("str")),
    "ignore": Opt("list", None, "rule codes, prefixes or names to disable", items=Opt("str")),
    "per_file_ignores": Opt("map", None, "glob -> codes to ignore there", values=_CODES),
    "fail_on": Opt("str", "error", "lowest severity that fails the gate",
                   choices=("error", "warning", "info", "never")),
    "rules": Opt("map", None, "per-rule options and severity, by code or name", values=Opt("map")),
    "formats": Opt("map", None, "glob -> format, overriding detection", values=Opt("str")),
    "custom": Opt("list", None, "rules as data: banned/required phrases or regexes",
                  items=Opt("map", values=Opt("any"))),
})

# The keys this stage adds to lmgate.yaml; `lmgate.config.STAGES` lists the stages that declare some.
SECTIONS = {"lint": LINT}
