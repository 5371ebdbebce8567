"""`lmgate merge DIR... --out DIR`: one eval result from the shards of a matrix job."""

from __future__ import annotations

import argparse
import json
from collections.abc import Mapping
from pathlib import Path

from lmgate.errors import InputError
from lmgate.eval.junit import write_junit
from lmgate.eval.merge import ITEMS_FILE, load_shard, merge_shards
from lmgate.github.runtime import Console
from lmgate.report.terminal import render_eval
from lmgate.results import write_result, write_text_atomic


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("dirs", nargs="+", metavar="DIR", help="result folders of `lmgate eval --shard I/N`")
    parser.add_argument("--out", required=True, metavar="DIR", help="where to write the merged eval.json")
    parser.add_argument("--junit", metavar="FILE", help="also write JUnit XML (one testcase per gate)")


def run(args: argparse.Namespace, env: Mapping[str, str], console: Console) -> int:
    out = Path(args.out)
    if any(Path(d).resolve() == out.resolve() for d in args.dirs):
        raise InputError(f"--out {out} is one of the shard folders", key="out",
                         fix="write the merged result to a new folder, e.g. --out merged")
    shards = [load_shard(Path(d)) for d in args.dirs]
    merged = merge_shards(shards)
    records = sorted((r for s in shards for r in s.records),
                     key=lambda r: (str(r.get("suite")), str(r["id"]), r.get("side") != "head", r.get("sample") or 0))
    # items first: a crash between the two writes leaves no eval.json claiming items that are not there
    write_text_atomic(out / ITEMS_FILE, "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records))
    # the shards' commit and run id carry over (`run_id` is in the body): the merge is their run's result
    body = {k: v for k, v in merged.items()
            if k not in ("schema", "tool", "created_at", "git", "config_hash", "verdict")}
    git = merged.get("git") or {}
    path = write_result(out, "eval", body, verdict=merged["verdict"], config_hash=merged.get("config_hash"),
                        base_sha=git.get("base_sha"), head_sha=git.get("head_sha"))
    if args.junit:
        write_junit(Path(args.junit), merged)
    console.echo_untrusted(render_eval(merged).rstrip("\n"))
    console.set_output("verdict", merged["verdict"])
    console.set_output("results-dir", str(out))
    console.out.write(f"merged {len(shards)} shards into {path}\n")
    return 1 if merged["verdict"] == "fail" else 0
