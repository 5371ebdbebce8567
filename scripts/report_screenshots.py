"""Screenshot the golden PR comments as a reviewer sees them, for the README (docs/img/).

Renders tests/report/golden/<case>.comment.md with a CommonMark + GFM-tables renderer
(markdown-it-py) and GitHub-like CSS, then takes a PNG with headless Chromium (Debian `chromium`).
Mermaid blocks are drawn with mermaid.min.js when `npm pack mermaid@11` has been unpacked into
~/.cache/lmgate-tests/mermaid (as GitHub draws them natively); otherwise they stay source blocks.
Usage: python scripts/report_screenshots.py [case | path/to/comment.md ...]
(a path is named after its folder: out/quickstart/comment.md -> docs/img/pr-comment-quickstart.png)
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from markdown_it import MarkdownIt

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "report" / "golden"
OUT = ROOT / "docs" / "img"
MERMAID = Path.home() / ".cache" / "lmgate-tests" / "mermaid" / "package" / "dist" / "mermaid.min.js"
CASES = ("green", "eval_regression", "hallucination_fail", "lint_errors")
CSS = """
body { font: 14px/1.5 -apple-system, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif, "Noto Color Emoji";
       color: #1f2328; background: #fff; margin: 0; padding: 16px; }
.comment { border: 1px solid #d1d9e0; border-radius: 6px; max-width: 880px; }
.head { background: #f6f8fa; border-bottom: 1px solid #d1d9e0; padding: 8px 16px; color: #59636e; }
.head b { color: #1f2328; }
.body { padding: 8px 16px; }
h3 { font-size: 1.25em; margin: 20px 0 8px; padding-bottom: .3em; border-bottom: 1px solid #d1d9e0; }
h4 { font-size: 1em; margin: 16px 0 8px; }
table { border-collapse: collapse; margin: 8px 0 16px; display: block; overflow: auto; }
th, td { border: 1px solid #d1d9e0; padding: 4px 10px; }
th { background: #f6f8fa; font-weight: 600; }
tr:nth-child(2n) td { background: #f6f8fa; }
code, pre { font: 12px ui-monospace, SFMono-Regular, Menlo, monospace; background: #f6f8fa; border-radius: 6px; }
pre { padding: 12px; overflow: auto; }
code { padding: .2em .4em; }
pre code { padding: 0; }
details { margin: 8px 0; } summary { cursor: pointer; }
a { color: #0969da; text-decoration: none; }
sub { color: #59636e; }
hr { border: 0; border-top: 1px solid #d1d9e0; margin: 16px 0; }
blockquote { margin: 0; padding: 0 1em; color: #59636e; border-left: .25em solid #d1d9e0; }
"""


def page(markdown: str) -> str:
    body = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"]).render(markdown)
    body = body.replace("<details>", "<details open>")  # show what a reviewer sees after one click
    script = ""
    if MERMAID.is_file():
        body = re.sub(r'<pre><code class="language-mermaid">(.*?)</code></pre>', r'<pre class="mermaid">\1</pre>',
                      body, flags=re.S)
        script = (f"<script src='{MERMAID.as_uri()}'></script>"
                  "<script>mermaid.initialize({startOnLoad: true, theme: 'default'});</script>")
    return (f"<!doctype html><meta charset=utf-8><style>{CSS}</style><div class=comment>"
            f"<div class=head><b>github-actions</b> <span>bot</span> commented</div>"
            f"<div class=body>{body}</div></div>{script}")


def screenshot(case: str, browser: str) -> Path:
    # A case is a golden file's name, or the path of any rendered comment (e.g. out/comment.md of `make demo`).
    source = Path(case) if case.endswith(".md") else GOLDEN / f"{case}.comment.md"
    name = source.parent.name if case.endswith(".md") else case
    html = page(source.read_text(encoding="utf-8"))
    target = OUT / f"pr-comment-{name.replace('_', '-')}.png"
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "page.html"
        src.write_text(html, encoding="utf-8")
        height = (1400 + 36 * html.count("<tr>") + 30 * html.count("<li>") + 44 * html.count("<p>")
                  + 56 * html.count("<h") + 17 * sum(b.count("\n") for b in html.split("<pre>")[1:])
                  + 420 * html.count('class="mermaid"'))
        subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--hide-scrollbars", "--virtual-time-budget=5000", "--allow-file-access-from-files",
                        f"--user-data-dir={tmp}/profile", f"--window-size=920,{height}",
                        f"--screenshot={target}", src.as_uri()], check=True, capture_output=True, timeout=120)
    return target


def main(cases: list[str]) -> int:
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if not browser:
        sys.stderr.write("install Chromium first: apt-get install -y chromium fonts-noto-color-emoji\n")
        return 2
    OUT.mkdir(parents=True, exist_ok=True)
    for case in cases or CASES:
        print(screenshot(case, browser).relative_to(ROOT))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
