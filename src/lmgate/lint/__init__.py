"""prompt-lint: formats -> Prompt model -> rules -> findings (see docs/prompt-lint.md)."""

from pathlib import Path

TEMPLATES = Path(__file__).with_name("templates")
