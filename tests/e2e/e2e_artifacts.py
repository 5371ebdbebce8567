"""GitHub's artifact service, emulated for act runs.

Under act, actions/upload-artifact and actions/download-artifact are offline stubs, and each job's
workspace and runner temp folder vanish when the job ends. So before a run the test rewrites every
artifact step of a template into a plain copy to and from one host folder ($E2E_ARTIFACTS), keeping
its `name`/`pattern` and `path` semantics (download by name: the files land in `path`; by pattern:
one sub-folder per artifact). The templates themselves stay exactly what runs on GitHub; the test
then reads the artifacts from that folder, and hands the same folder to the next run.
"""

from __future__ import annotations

import yaml

UPLOAD = ('mkdir -p "$E2E_ARTIFACTS/$NAME"\n'
          'cp -R "$SRC/." "$E2E_ARTIFACTS/$NAME/"\n')
DOWNLOAD_NAME = ('mkdir -p "$DEST"\n'
                 'cp -R "$E2E_ARTIFACTS/$NAME/." "$DEST/"\n')
DOWNLOAD_PATTERN = ('mkdir -p "$DEST"\n'
                    'for dir in "$E2E_ARTIFACTS"/$PATTERN; do cp -R "$dir" "$DEST/"; done\n')


def _copy_step(step: dict) -> dict:
    uses, given = step["uses"], step.get("with") or {}
    keep = {k: v for k, v in step.items() if k not in ("uses", "with")}
    if uses.startswith("actions/upload-artifact@"):
        env = {"NAME": given["name"], "SRC": given["path"]}
        script = UPLOAD
    elif "pattern" in given:
        env = {"PATTERN": given["pattern"], "DEST": given.get("path", ".")}
        script = DOWNLOAD_PATTERN
    else:
        env = {"NAME": given["name"], "DEST": given.get("path", ".")}
        script = DOWNLOAD_NAME
    return {**keep, "shell": "bash", "env": {**(step.get("env") or {}), **env}, "run": "set -eu\n" + script}


def with_artifact_store(workflow: str) -> str:
    doc = yaml.safe_load(workflow)
    if True in doc:  # YAML 1.1 reads the key `on` as the boolean true
        doc = {("on" if k is True else k): v for k, v in doc.items()}
    for job in (doc.get("jobs") or {}).values():
        job["steps"] = [_copy_step(s) if str(s.get("uses", "")).startswith(
            ("actions/upload-artifact@", "actions/download-artifact@")) else s for s in job.get("steps", [])]
    return yaml.safe_dump(doc, sort_keys=False)
