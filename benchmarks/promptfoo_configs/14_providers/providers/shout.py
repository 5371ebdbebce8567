"""An exec: provider (promptfoo passes the prompt, options and context as the last three arguments)."""
import json
import os
import sys
import urllib.request

prompt = sys.argv[-3]
loud = "--loud" in sys.argv[1:-3]
body = json.dumps({"model": "shout", "messages": [{"role": "user", "content": prompt}]}).encode()
request = urllib.request.Request(os.environ["BENCH_SERVER"] + "/chat/completions", data=body,
                                 headers={"Content-Type": "application/json"})
answer = json.load(urllib.request.urlopen(request))["choices"][0]["message"]["content"]
print(answer.upper() if loud else answer)
