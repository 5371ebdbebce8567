"""prompt-lint: prompt files (read by lmgate.prompts) -> rules -> findings (rules: docs/rules.md)."""

from pathlib import Path

TEMPLATES = Path(__file__).with_name("templates")
