"""json.dumps(value, ensure_ascii=False, indent=2), the same text, about three times as fast.

With an indent the standard library encodes in pure Python, a generator per list and mapping;
the JSON, SARIF and GitLab reports spend most of their time there on a large run. This writes the
same text with one recursive function into one list, strings escaped by the standard library's
own C encoder. Only JSON's types (str, int, float, bool, None, list, tuple, dict) are accepted,
as by json.dumps without `default`. (orjson's OPT_INDENT_2 is faster still, but writes floats and
escapes characters its own way: the reports' bytes would change, for one more compiled dependency.)"""

from __future__ import annotations

from json.encoder import encode_basestring
from typing import Any

INDENT = "  "


def dumps(value: Any) -> str:
    parts: list[str] = []
    _write(value, parts, "\n")
    return "".join(parts)


def _scalar(value: Any) -> str | None:
    """As json's encoder writes it (str first, then the constants, int, float); None: not a scalar."""
    if isinstance(value, str):
        return encode_basestring(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, float):
        if value != value:
            return "NaN"
        if value in (float("inf"), float("-inf")):
            return "Infinity" if value > 0 else "-Infinity"
        return float.__repr__(value)
    return None


def _key(key: Any) -> str:
    if isinstance(key, str):
        return encode_basestring(key)
    text = _scalar(key)
    if text is None or isinstance(key, (list, tuple, dict)):
        raise TypeError(f"keys must be str, int, float, bool or None, not {type(key).__name__}")
    return text if text.startswith('"') else encode_basestring(text)


def _write(value: Any, parts: list[str], newline: str) -> None:
    text = _scalar(value)
    if text is not None:
        parts.append(text)
    elif isinstance(value, (list, tuple)):
        if not value:
            parts.append("[]")
            return
        inner = newline + INDENT
        separator = "[" + inner
        for item in value:
            parts.append(separator)
            _write(item, parts, inner)
            separator = "," + inner
        parts.append(newline + "]")
    elif isinstance(value, dict):
        if not value:
            parts.append("{}")
            return
        inner = newline + INDENT
        separator = "{" + inner
        for key, item in value.items():
            parts.append(separator + _key(key) + ": ")
            _write(item, parts, inner)
            separator = "," + inner
        parts.append(newline + "}")
    else:
        raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")
