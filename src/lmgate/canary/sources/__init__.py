"""Plugin modules of this folder, listed explicitly (a test fails on an unlisted module)."""

MODULES: tuple[str, ...] = ("jsonl", "prometheus", "webhook")
