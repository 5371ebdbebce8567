"""Plugin modules of this folder, listed explicitly (a test fails on an unlisted module).

One module per rule of the catalog (docs/prompt-lint.md); `_*.py` are shared helpers.
"""

MODULES: tuple[str, ...] = (
    "bud001_context_window_exceeded",
    "bud002_token_budget",
    "bud003_token_growth",
    "bud004_max_tokens_missing",
    "lnt001_unused_suppression",
    "sec001_untrusted_variable_undelimited",
    "sec002_secret_in_prompt",
    "sec003_pii_in_prompt",
    "sec004_invisible_unicode",
    "sec005_injection_phrase_in_data",
    "str001_missing_system_message",
    "str002_role_order",
    "str003_empty_message",
    "str004_unknown_model",
    "sty001_trailing_whitespace",
    "sty002_duplicate_prompt",
    "sty003_conflicting_instructions",
    "sty004_inconsistent_few_shot",
    "sty005_line_endings_final_newline",
    "syn001_template_parse_error",
    "syn002_undefined_variable",
    "syn003_unused_variable",
    "syn004_unbalanced_braces",
    "syn005_mixed_placeholder_syntax",
    "syn006_engine_placeholder_quirk",
    "syn007_unknown_filter",
    "syn008_front_matter_schema",
    "ver001_changed_without_version_bump",
    "ver002_version_not_increasing",
)
