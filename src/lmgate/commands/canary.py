"""`lmgate canary start|tick|approve|status|promote|rollback|simulate`: a rollout as resumable ticks.

`approve` and `promote` pass approval steps, so they first verify the person (`canary.approval`).
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Mapping

import requests

from lmgate.canary import approval, operations
from lmgate.canary.deps import build_controller, github_client
from lmgate.canary.simulate import Scenario
from lmgate.canary.simulate import simulate as run_simulation
from lmgate.commands.common import add_config_argument, load
from lmgate.errors import InputError
from lmgate.github.event import read_event
from lmgate.github.runtime import Console
from lmgate.report.render import ReportContext, render_report
from lmgate.results import header, write_result

MAX_RUNS = 100_000  # about 3 minutes of simulation
ACTIONS = ("start", "tick", "approve", "status", "promote", "rollback", "simulate")


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("action", choices=ACTIONS, help="what to do")
    add_config_argument(parser)
    parser.add_argument("--dry-run", action="store_true", help="decide and print, but write nothing")
    parser.add_argument("--candidate", help="start: the immutable revision (SHA) to roll out")
    parser.add_argument("--stable", help="start: the version serving now (default: from config or backend)")
    parser.add_argument("--reason", help="promote/rollback: why, for the record")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument("--runs", type=int, default=1000, help="simulate: rollouts")
    parser.add_argument("--harm", type=float, default=1.0, help="simulate: canary error rate ÷ stable's")
    parser.add_argument("--seed", type=int, default=0, help="simulate: random seed")
    parser.add_argument("--policy", default="e-process", choices=("e-process", "naive", "kayenta"))


def run(args: argparse.Namespace, env: Mapping[str, str], console: Console) -> int:
    if args.action == "simulate":
        return simulate(args, console)
    config = load(args, env, console)
    event = read_event(env)  # before the tick: a bad GITHUB_EVENT_PATH must stop us before traffic moves
    session = requests.Session()
    ctrl = build_controller(config, env, dry_run=args.dry_run, clock=time.time, session=session)
    console.mask(ctrl.s.secrets)
    if args.action == "start":
        if not args.candidate:
            raise InputError("start needs the revision to roll out", fix="pass --candidate <sha>")
        outcome = operations.start(ctrl, args.candidate, args.stable)
    elif args.action == "tick":
        outcome = ctrl.tick()
    elif args.action == "approve":  # a tick that may pass the approval step it stands at
        outcome = ctrl.tick(verified_person(config, env, session))
    elif args.action == "status":
        outcome = operations.status(ctrl)
    elif args.action == "promote":
        outcome = operations.manual(ctrl, args.action, args.reason, verified_person(config, env, session))
    else:
        outcome = operations.manual(ctrl, args.action, args.reason)
    body = result_body(outcome, args.dry_run)
    verdict = {"promoted": "pass", "rolled_back": "fail", "held": "warn"}.get(outcome.state.state, "pass")
    if not args.dry_run:
        write_result(config.results_dir, "canary", body, verdict=verdict, config_hash=config.config_hash,
                     secrets=ctrl.s.secrets, head_sha=outcome.state.rollout["candidate"], event=event)
    for name, value in (("state", outcome.state.state), ("weight", f"{outcome.state.weight:g}"),
                        ("decision", outcome.decision.get("action", ""))):
        console.set_output(name, value)
    if args.format == "json":
        console.out.write(json.dumps(body, ensure_ascii=False) + "\n")
    else:
        console.out.write(describe(body, outcome.notes))
    if console.in_actions and args.action != "status":
        data = {**header("canary", verdict, config_hash=config.config_hash,
                         head_sha=outcome.state.rollout["candidate"]), **body}
        console.add_summary(render_report({"canary": data},
                                          ReportContext(repository=event.repository, run_url=event.run_url),
                                          kind="summary").markdown)
    return 1 if outcome.state.state == "rolled_back" and outcome.decision.get("action") == "rollback" else 0


def verified_person(config, env: Mapping[str, str], session: requests.Session) -> approval.Approval:
    return approval.verify(env, github_client(env, session), config.canary["approval_environment"])


def result_body(outcome, dry_run: bool) -> dict:
    st = outcome.state
    rollout = {k: st.rollout.get(k) for k in ("id", "candidate", "stable")}
    return {"rollout": {**rollout, "started_at": operations.iso(st.rollout.get("started_at"))}, "state": st.state,
            "weight": st.weight, "decision": {"action": outcome.decision.get("action", "hold"),
                                              "reason": outcome.decision.get("reason", ""),
                                              "awaiting_approval": bool(outcome.decision.get("awaiting_approval"))},
            "metrics": outcome.metrics,
            "timeline": [{**t, "at": operations.iso(t["at"])} for t in st.timeline], "dry_run": dry_run,
            # a decision on record whose traffic split write has not landed: `state` is not yet in effect
            "pending_write": {"action": st.pending["action"], "weight": st.pending["weight"],
                              "decided_at": operations.iso(st.pending.get("at"))} if st.pending else None,
            "notes": list(outcome.notes)}


def describe(body: dict, notes: list[str]) -> str:
    r, d = body["rollout"], body["decision"]
    pending = body.get("pending_write")
    in_effect = (f" (decided, not yet in effect: the traffic split write to {pending['weight']:g}% is pending)"
                 if pending else "")
    lines = [f"canary {r['candidate']} vs {r['stable']}: {body['state']} at {body['weight']:g}%{in_effect}",
             f"decision: {d['action']} — {d['reason']}"]
    lines += [f"  {m['name']}: canary {m['canary']['bad']}/{m['canary']['total']}, stable "
              f"{m['stable']['bad']}/{m['stable']['total']}, evidence {m['evidence']:.2f} of {m['threshold']:g}"
              for m in body["metrics"]]
    lines += [f"note: {n}" for n in notes]
    return "\n".join(lines) + "\n"


def simulate(args: argparse.Namespace, console: Console) -> int:
    scenario = Scenario(harm=args.harm)
    most = 1.0 / scenario.base_rate  # beyond it the canary's error rate would exceed 100 %
    if not 1 <= args.runs <= MAX_RUNS or not 0 < args.harm <= most:
        raise InputError(f"--runs must be 1 to {MAX_RUNS:,} and --harm above 0 and at most {most:g}",
                         fix="e.g. --runs 1000 --harm 1.5")
    result = run_simulation(args.runs, scenario, args.seed, args.policy)
    if args.format == "json":
        console.out.write(json.dumps(result) + "\n")
    else:
        console.out.write("\n".join(f"{k}: {v}" for k, v in result.items()) + "\n")
    return 0
