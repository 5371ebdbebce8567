"""Plugin modules of this folder, listed explicitly (a test fails on an unlisted module)."""

MODULES: tuple[str, ...] = ("git_file", "hf_pointer", "litellm", "webhook")
