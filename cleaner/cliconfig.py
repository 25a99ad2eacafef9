"""The config file: the options a team keeps fixed, in `cleaner.toml` or `--config FILE`.

Keys are the long option names (`disable`, `keep-category`, `max-bytes`, ... with `-` or
`_`); values are what the option takes, lists for repeatable options. The file only gives
defaults: an option on the command line wins. Paths (`rules`) are relative to the file's
folder, so a project's `cleaner.toml` works from anywhere. An unknown key or a wrong type is
a usage error (exit 2) naming the file and the key, so a typo never silently does nothing.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

CONFIG_NAME = "cleaner.toml"

#: key -> the kind of value it takes: "list", "bool", "str", "int", "float", "size" or "path-list".
KEYS: dict[str, str] = {
    "rules": "path-list", "disable": "list", "disable_stage": "list", "keep_category": "list",
    "no_builtin_rules": "bool", "max_bytes": "size", "timeout": "float", "on_limit": "str",
    "jobs": "int", "no_review": "bool", "quiet": "bool", "format": "str", "text_field": "str",
    "html_field": "str", "id_field": "str", "full_report": "bool", "on_bad_record": "str",
    "include": "list", "exclude": "list", "prune": "bool", "force": "bool", "no_language": "bool",
}
#: the option's parameter name in the CLI when it differs from the key
PARAM_NAMES = {"format": "input_format", "prune": "prune_stale"}


class ConfigFileError(ValueError):
    """A config file that cannot be used: one line naming the file and the key."""


def find_config(given: Path | None, cwd: Path | None = None) -> Path | None:
    """The config file in force: `--config FILE`, else `cleaner.toml` in the working folder."""
    if given is not None:
        if not given.is_file():
            raise ConfigFileError(f"{given}: no such config file")
        return given
    here = (cwd or Path.cwd()) / CONFIG_NAME
    return here if here.is_file() else None


def _check(path: Path, key: str, kind: str, value: Any) -> Any:
    def bad(expected: str) -> ConfigFileError:
        return ConfigFileError(f"{path} -> {key}: expected {expected}, got {value!r}")

    if kind in ("list", "path-list"):
        value = [value] if isinstance(value, str) else value
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise bad("a list of strings")
        return [str(path.parent / v) for v in value] if kind == "path-list" else value
    if kind == "bool":
        if not isinstance(value, bool):
            raise bad("true or false")
        return value
    if kind == "int":
        if isinstance(value, bool) or not isinstance(value, int):
            raise bad("a whole number")
        return value
    if kind == "float":
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise bad("a number")
        return float(value)
    if kind == "size":
        if isinstance(value, bool) or not isinstance(value, (int, str)):
            raise bad("a size such as 256 MB")
        return str(value)
    if not isinstance(value, str):
        raise bad("a string")
    return value


def load_defaults(path: Path) -> dict[str, Any]:
    """The file's settings as CLI parameter defaults (parameter name -> value)."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigFileError(f"{path}: cannot read: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigFileError(f"{path}: invalid TOML: {exc}") from None
    out: dict[str, Any] = {}
    for raw_key, value in data.items():
        key = raw_key.replace("-", "_")
        if key not in KEYS:
            raise ConfigFileError(f"{path} -> {raw_key}: unknown key (known: {', '.join(sorted(KEYS))})")
        out[PARAM_NAMES.get(key, key)] = _check(path, raw_key, KEYS[key], value)
    return out
