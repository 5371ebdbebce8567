"""A promptfoo python provider: call_api(prompt, options, context) -> {"output": ...}."""
import json
import os
import urllib.request


def call_api(prompt, options, context):
    body = json.dumps({"model": "relay", "messages": [{"role": "user", "content": prompt}]}).encode()
    request = urllib.request.Request(os.environ["BENCH_SERVER"] + "/chat/completions", data=body,
                                     headers={"Content-Type": "application/json"})
    answer = json.load(urllib.request.urlopen(request))["choices"][0]["message"]["content"]
    return {"output": answer + options["config"].get("suffix", "")}
