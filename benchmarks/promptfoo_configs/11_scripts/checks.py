import json


def has_label(output, context):
    try:
        data = json.loads(output)
    except ValueError:
        return {"pass": False, "score": 0, "reason": "not JSON"}
    return {"pass": "label" in data, "score": 1 if "label" in data else 0, "reason": "label present"}


def get_assert(output, context):
    return len(output) / 100
