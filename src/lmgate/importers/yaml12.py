"""YAML read the way promptfoo reads it: js-yaml's YAML 1.2 core schema, not PyYAML's YAML 1.1.

promptfoo loads every config, test file and YAML prompt with js-yaml (core schema plus merge keys
and timestamps). Its users rely on the difference without knowing it: `Yes`, `on`, `n` stay
strings (YAML 1.1 makes them booleans), `0777` is the decimal 777 (not octal 511), `1_000` and
`1:30` are strings (not 1000 and 90), `0b101` is a string. JavaScript has one number type, so a
float with an integral value (`1.0`) behaves as the integer 1 wherever it is printed; such values
are loaded as `int` here so that Python prints them as JavaScript does. Mapping keys become
strings, as in a JavaScript object. Positions, duplicate keys and alias bombs are handled by
`lmgate.yamlfile.load_yaml`.
"""

from __future__ import annotations

import math
import re
from typing import Any, ClassVar

import yaml

from lmgate.yamlfile import YamlDocument, load_yaml

_INT = re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$")
_FLOAT = re.compile(r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
                    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$")
_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
MAX_SAFE_INTEGER = 2 ** 53
MAX_DECIMAL_DIGITS = 20  # a sign and 19 digits: past 2**53 already, yet far below int()'s digit limit


class Yaml12Loader(yaml.SafeLoader):
    """SafeLoader with the YAML 1.2 core schema's implicit types (what js-yaml resolves)."""

    yaml_implicit_resolvers: ClassVar[dict] = {}


for _first, _resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items():
    # keep merge (`<<`) and timestamps from the 1.1 set; bool/int/float/null/value are redefined
    Yaml12Loader.yaml_implicit_resolvers[_first] = [
        (tag, regexp) for tag, regexp in _resolvers
        if tag in ("tag:yaml.org,2002:merge", "tag:yaml.org,2002:timestamp")]
for _tag, _regexp, _firsts in (
        ("tag:yaml.org,2002:bool", _BOOL, list("tTfF")),
        ("tag:yaml.org,2002:int", _INT, list("-+0123456789")),
        ("tag:yaml.org,2002:float", _FLOAT, list("-+.0123456789")),
        ("tag:yaml.org,2002:null", _NULL, ["~", "n", "N", ""])):
    Yaml12Loader.add_implicit_resolver(_tag, _regexp, _firsts)


def js_number(value: float) -> int | float:
    """A float as JavaScript holds it: integral values below 2**53 are the same number as an int."""
    if math.isfinite(value) and value == int(value) and abs(value) < MAX_SAFE_INTEGER:
        return int(value)
    return value


def _construct_int(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> int | float:
    text = loader.construct_scalar(node)
    if text.startswith("0o"):
        value = int(text[2:], 8)
    elif text.startswith("0x"):
        value = int(text[2:], 16)
    elif len(text) > MAX_DECIMAL_DIGITS:
        # beyond any integer JavaScript holds exactly; float() reads any length (int() stops at 4,300
        # digits) and gives inf past 1.8e308, as JavaScript's Number does
        return float(text)
    else:
        value = int(text, 10)  # a leading zero is still decimal in YAML 1.2 (`0777` is 777)
    if abs(value) < MAX_SAFE_INTEGER:
        return value
    try:
        return float(value)
    except OverflowError:  # a hex or octal literal past the largest double: Infinity in JavaScript
        return math.inf


def _construct_float(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> int | float:
    text = loader.construct_scalar(node)
    lowered = text.lower()
    if lowered.endswith(".inf"):
        return -math.inf if text.startswith("-") else math.inf
    if lowered == ".nan":
        return math.nan
    return js_number(float(text))


def _construct_bool(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> bool:
    return loader.construct_scalar(node).lower() == "true"


def _construct_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode) -> dict:
    # a JavaScript object: keys are strings (`1: a` has the key "1", `true: x` the key "true")
    mapping: dict = {}
    yield mapping
    mapping.update({js_key(k): v for k, v in loader.construct_mapping(node).items()})


def js_key(key: Any) -> str:
    if isinstance(key, str):
        return key
    if key is None:
        return "null"
    if isinstance(key, bool):
        return "true" if key else "false"
    return str(key)


Yaml12Loader.add_constructor("tag:yaml.org,2002:int", _construct_int)
Yaml12Loader.add_constructor("tag:yaml.org,2002:float", _construct_float)
Yaml12Loader.add_constructor("tag:yaml.org,2002:bool", _construct_bool)
Yaml12Loader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)


def load_yaml12(text: str | bytes, file: str) -> YamlDocument:
    """Parse like js-yaml; errors are InputErrors with file:line (exit 2)."""
    return load_yaml(text, file, loader=Yaml12Loader)
