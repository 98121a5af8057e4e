"""One Config from defaults < config file < environment < command-line flags.

Config files: `[tool.claimlint]` in pyproject.toml, or `.claimlint.toml` (top-level keys), found
by walking up from the checked file; `--config FILE` names one explicitly.
"""

from __future__ import annotations

import math
import os
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Mapping

from claimlint.model import Severity
from claimlint.vocabulary import LexiconError, Vocabulary
from claimlint.verify.settings import VerifySettings

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

FAIL_ON = ("error", "warning", "info", "never")
LANGUAGES = ("auto", "en", "nl", "de", "fr", "es")
DISCLAIMER_POLICIES = ("auto", "required", "off")  # whether pages must carry the FDA disclaimer
TRUE_WORDS = {"1", "true", "yes", "on"}


class ConfigError(Exception):
    """Bad configuration; str(error) is the one-line message for the user."""


@dataclass(frozen=True)
class Config:
    select: tuple[str, ...] = ()  # empty = every rule
    ignore: tuple[str, ...] = ()
    fail_on: str = "error"
    language: str = "auto"
    model: str | None = None
    max_file_size: int = 5 * 1024 * 1024
    statistic_max_age: int = 15  # CL504: a statistic citing a work older than this many years
    severity: Mapping[str, Severity] = field(default_factory=dict)
    exclude: tuple[str, ...] = ()
    disclaimer: str = "auto"
    disclaimer_origin: str = ""  # the file (and override) that set `disclaimer`, for CL301's message
    verify: VerifySettings = field(default_factory=VerifySettings)
    source: str | None = None  # the config file this came from
    overrides: tuple["Override", ...] = ()
    vocabulary: Vocabulary = Vocabulary()  # the user's lexicon additions (config `vocabulary`)
    # The merged setting layers, kept so for_path can re-merge with a file's overrides in place.
    layers: tuple[tuple[str, Mapping[str, Any]], ...] = field(default=(), repr=False, compare=False)

    def for_path(self, path: Path) -> "Config":
        """This config with the overrides whose globs match `path` applied (after the config
        file's own settings, before the environment and the command line)."""
        matching = [o for o in self.overrides if o.matches(path)]
        if not matching:
            return self
        file_layers, later = self.layers[:1], self.layers[1:]
        layers = [*file_layers, *((o.origin, o.settings) for o in matching), *later]
        return replace(build_config(layers), source=self.source, overrides=self.overrides, layers=self.layers)

    def selects(self, code: str) -> bool:
        chosen = not self.select or any(code.startswith(prefix) for prefix in self.select)
        return chosen and not any(code.startswith(prefix) for prefix in self.ignore)


# What may differ per file. Run-wide settings (fail-on, verification, exclude) may not.
OVERRIDE_KEYS = {"select", "ignore", "extend_select", "extend_ignore", "severity", "lang", "language", "model",
                 "vocabulary", "disclaimer"}


@dataclass(frozen=True)
class Override:
    """`[[tool.claimlint.overrides]]`: settings for files matching `paths` (gitignore-style globs,
    relative to the directory of the config file)."""

    paths: tuple[str, ...]
    base: str
    settings: Mapping[str, Any]
    origin: str

    def matches(self, path: Path) -> bool:
        import pathspec

        try:
            relative = resolved(path).relative_to(resolved(Path(self.base))).as_posix()
        except ValueError:
            return False
        return pathspec.GitIgnoreSpec.from_lines(self.paths).match_file(relative)


def _overrides(origin: str, base: Path, value: Any) -> tuple[Override, ...]:
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        raise ConfigError(f"{origin}: overrides must be an array of tables ([[tool.claimlint.overrides]])")
    found = []
    for number, table in enumerate(value, start=1):
        where = f"{origin}: overrides[{number}]"
        settings = {key.replace("-", "_"): item for key, item in table.items()}
        paths = _strings(where, "paths", settings.pop("paths", None) or [])
        if not paths:
            raise ConfigError(f"{where}: needs paths = [\"glob\", …]")
        bad = sorted(set(settings) - OVERRIDE_KEYS)
        if bad:
            raise ConfigError(f"{where}: {bad[0]!r} cannot be set per file (allowed: {', '.join(sorted(OVERRIDE_KEYS))})")
        build_config([(where, settings)])  # validate now, not when the first matching file shows up
        found.append(Override(tuple(paths), str(base), settings, where))
    return tuple(found)


def find_config_file(start: Path, known: dict[Path, Path | None] | None = None) -> Path | None:
    """`known`: the answers for folders already asked about in this run (a run over thousands
    of files in a few folders walks up the tree once per folder, not once per file)."""
    try:
        directory = start if start.is_dir() else start.parent
    except OSError:  # a name too long, …: the file itself is reported unreadable later
        directory = start.parent
    if known is not None and directory in known:
        return known[directory]
    found = _config_file_above(directory)
    if known is not None:
        known[directory] = found
    return found


def _config_file_above(directory: Path) -> Path | None:
    for folder in [directory, *directory.parents]:
        dotfile = folder / ".claimlint.toml"
        if dotfile.is_file():
            return dotfile
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and "claimlint" in _read_toml(pyproject).get("tool", {}):
            return pyproject
    return None


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: invalid TOML ({error})") from None
    except RecursionError:
        raise ConfigError(f"{path}: invalid TOML (nested too deeply)") from None
    except OSError as error:
        raise ConfigError(f"{path}: cannot read config ({error.strerror})") from None


def file_settings(path: Path) -> dict[str, Any]:
    data = _read_toml(path)
    table = data.get("tool", {}).get("claimlint", {}) if path.name == "pyproject.toml" else data
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [tool.claimlint] must be a table")
    return {key.replace("-", "_"): value for key, value in table.items()}


def environment_settings(environ: Mapping[str, str]) -> dict[str, Any]:
    names = {
        "CLAIMLINT_CROSSREF_URL": "crossref_url",
        "CLAIMLINT_DOI_RESOLVER_URL": "resolver_url",
        "CLAIMLINT_PUBMED_URL": "pubmed_url",
        "CLAIMLINT_NCBI_API_KEY": "ncbi_api_key",
        "CLAIMLINT_MAILTO": "mailto",
        "CLAIMLINT_CACHE_DIR": "cache_dir",
    }
    settings: dict[str, Any] = {key: environ[name] for name, key in names.items() if environ.get(name)}
    if environ.get("CLAIMLINT_OFFLINE"):
        settings["offline"] = _boolean("CLAIMLINT_OFFLINE", "value", environ["CLAIMLINT_OFFLINE"].strip())
    return settings


# Where verdicts come from is the user's choice (flags, environment), never a repository's: a
# committed config could point cache-dir at a committed cache, or the URLs at a server of its
# own, and make a made-up DOI "verified".
# An NCBI API key is a secret: never in a committed file either.
USER_ONLY_KEYS = ("cache_dir", "crossref_url", "resolver_url", "pubmed_url", "ncbi_api_key")
USER_ONLY_FLAGS = {"cache_dir": ("--cache-dir", "CLAIMLINT_CACHE_DIR"),
                   "crossref_url": ("--crossref-url", "CLAIMLINT_CROSSREF_URL"),
                   "pubmed_url": ("--pubmed-url", "CLAIMLINT_PUBMED_URL"),
                   "ncbi_api_key": ("CLAIMLINT_NCBI_API_KEY", None),
                   "resolver_url": ("CLAIMLINT_DOI_RESOLVER_URL", None)}
MAX_FILE_SIZE_LIMIT = 100 * 1024 * 1024  # articles are KBs; reading more would only exhaust memory
MAX_RETRIES_LIMIT = 10

VERIFY_KEYS = {"crossref_url", "resolver_url", "pubmed_url", "ncbi_api_key", "mailto", "cache_dir", "offline", "timeout",
               "network_budget", "max_retries", "search_references"}
KNOWN_KEYS = VERIFY_KEYS | {"select", "ignore", "fail_on", "lang", "language", "model", "max_file_size",
                            "severity", "exclude", "verify", "extend_select", "extend_ignore", "vocabulary",
                            "disclaimer", "statistic_max_age"}


def build_config(layers: list[tuple[str, Mapping[str, Any]]]) -> Config:
    """Merge setting layers, lowest precedence first; each layer is (where it came from, settings)."""
    config = Config()
    verify: dict[str, Any] = {}
    for origin, settings in layers:
        unknown = sorted(set(settings) - KNOWN_KEYS)
        if unknown:
            raise ConfigError(f"{origin}: unknown setting {unknown[0]!r}")
        for key, value in settings.items():
            if value is None:
                continue
            if key in VERIFY_KEYS:
                verify[key] = _verify_value(origin, key, value)
            elif key == "verify":
                verify["enabled"] = _boolean(origin, key, value)
            else:
                config = _apply(config, origin, key, value)
    try:
        return replace(config, verify=VerifySettings(**verify))
    except TypeError as error:  # pragma: no cover - guarded by VERIFY_KEYS
        raise ConfigError(str(error)) from None


def _apply(config: Config, origin: str, key: str, value: Any) -> Config:
    if key in ("select", "ignore", "exclude", "extend_select", "extend_ignore"):
        codes = _codes(origin, key, value) if key != "exclude" else tuple(_strings(origin, key, value))
        if key == "extend_select":
            return replace(config, select=config.select + codes)
        if key == "extend_ignore":
            return replace(config, ignore=config.ignore + codes)
        return replace(config, **{key: codes})
    if key == "fail_on":
        value = str(value).lower()
        if value not in FAIL_ON:
            raise ConfigError(f"{origin}: fail-on must be one of {', '.join(FAIL_ON)}, not {value!r}")
        return replace(config, fail_on=value)
    if key in ("lang", "language"):
        value = str(value).lower()
        if value not in LANGUAGES:
            raise ConfigError(f"{origin}: lang must be one of {', '.join(LANGUAGES)}, not {value!r}")
        return replace(config, language=value)
    if key == "model":
        return replace(config, model=str(value) or None)
    if key == "vocabulary":  # a later layer (a per-file override) adds to the earlier ones
        try:
            return replace(config, vocabulary=config.vocabulary.merged(Vocabulary.from_config(value)))
        except LexiconError as error:
            raise ConfigError(f"{origin}: {error}") from None
    if key == "disclaimer":
        policy = disclaimer_policy(value)
        if policy is None:
            raise ConfigError(f"{origin}: disclaimer must be one of {', '.join(DISCLAIMER_POLICIES)}, not {value!r}")
        return replace(config, disclaimer=policy, disclaimer_origin=origin)
    if key == "max_file_size":
        if isinstance(value, bool) or not isinstance(value, int) or not 0 < value <= MAX_FILE_SIZE_LIMIT:
            raise ConfigError(f"{origin}: max-file-size must be a whole number of bytes from 1 to "
                              f"{MAX_FILE_SIZE_LIMIT:,}, not {_shown(value)}")
        return replace(config, max_file_size=value)
    if key == "statistic_max_age":
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 200:
            raise ConfigError(f"{origin}: statistic-max-age must be a whole number of years from 1 to 200, "
                              f"not {_shown(value)}")
        return replace(config, statistic_max_age=value)
    if key == "severity":
        if not isinstance(value, Mapping):
            raise ConfigError(f"{origin}: severity must be a table of CODE = \"error|warning|info\"")
        merged = dict(config.severity)
        from claimlint.checks.registry import all_rules

        for code, level in value.items():
            prefix = rule_selector(origin, "severity", str(code))
            try:
                chosen = Severity(str(level).lower())
            except ValueError:
                raise ConfigError(f"{origin}: severity of {code} must be error, warning or info") from None
            merged.update({known: chosen for known in all_rules() if known.startswith(prefix)})
        return replace(config, severity=merged)
    raise ConfigError(f"{origin}: unknown setting {key!r}")  # pragma: no cover


def disclaimer_policy(value: Any) -> str | None:
    """"auto", "required" or "off" (false, as YAML reads a bare `off`, is "off"); None if invalid."""
    if value is False:
        return "off"
    value = str(value).strip().lower() if isinstance(value, str) else None
    return value if value in DISCLAIMER_POLICIES else None


def _strings(origin: str, key: str, value: Any) -> list[str]:
    if isinstance(value, str):
        value = value.split(",")
    if not isinstance(value, (list, tuple)):
        raise ConfigError(f"{origin}: {key} must be a list")
    return [str(v).strip() for v in value if str(v).strip()]


def _codes(origin: str, key: str, value: Any) -> tuple[str, ...]:
    """Rule selectors: codes, prefixes (CL1, CL10) or rule names (uncited-statistic), ALL. One
    that matches no rule is an error: a typo must not silently switch the gate off."""
    return tuple(rule_selector(origin, key, item) for item in _strings(origin, key, value))


def rule_selector(origin: str, key: str, selector: str) -> str:
    """The code prefix a selector stands for, or ConfigError naming what is known."""
    from claimlint.checks.registry import all_rules

    rules = all_rules()
    code = selector.strip().upper()
    if code == "ALL":
        return "CL"
    if any(known.startswith(code) for known in rules) and code.startswith("CL"):
        return code
    by_name = {rule.name: known for known, rule in rules.items()}
    if selector.strip().lower() in by_name:
        return by_name[selector.strip().lower()]
    prefixes = ", ".join(sorted({known[:3] for known in rules}))
    raise ConfigError(f"{origin}: {key}: {selector!r} matches no rule (known prefixes: {prefixes}; "
                      "or a code like CL101, a name like uncited-statistic, ALL; see: claimlint rules)")


def _boolean(origin: str, key: str, value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lower() in TRUE_WORDS | {"0", "false", "no", "off"}:
        return value.lower() in TRUE_WORDS
    raise ConfigError(f"{origin}: {key} must be true or false")


def _verify_value(origin: str, key: str, value: Any) -> Any:
    if key in ("offline", "search_references"):
        return _boolean(origin, key, value)
    if key in ("timeout", "network_budget"):
        name = key.replace("_", "-")
        try:
            number = float(value) if not isinstance(value, bool) else math.nan
        except (TypeError, ValueError, OverflowError):
            number = math.nan
        if not math.isfinite(number):  # nan, inf, true/false, words
            raise ConfigError(f"{origin}: {name} must be a number of seconds, not {_shown(value)}")
        if number <= 0:
            raise ConfigError(f"{origin}: {name} must be positive")
        return number
    if key == "max_retries":
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_RETRIES_LIMIT:
            raise ConfigError(f"{origin}: max-retries must be a whole number from 0 to {MAX_RETRIES_LIMIT}, "
                              f"not {_shown(value)}")
        return value
    return str(value)


def _shown(value: Any) -> str:
    text = repr(value).lower() if isinstance(value, (bool, float)) else repr(value)
    return text if len(text) <= 40 else text[:39] + "…"


def resolved(path: Path) -> Path:
    """path.resolve(), except that a symlink loop (RuntimeError in Python < 3.13, OSError after)
    gives the absolute path instead of a crash: the file itself is reported unreadable later."""
    try:
        return path.resolve()
    except (RuntimeError, OSError):
        return Path(os.path.abspath(path))


def load_config(
    target: Path, explicit: Path | None, cli: Mapping[str, Any], environ: Mapping[str, str] = os.environ
) -> Config:
    path = explicit or find_config_file(resolved(target))
    if explicit and not explicit.is_file():
        raise ConfigError(f"{explicit}: config file not found")
    settings = file_settings(path) if path else {}
    for key in USER_ONLY_KEYS:
        if key in settings:
            flag, variable = USER_ONLY_FLAGS[key]
            how = " or ".join(w for w in (flag, variable) if w)
            raise ConfigError(f"{path}: {key.replace('_', '-')} cannot be set in a config file (a repository must "
                              f"not choose where DOI and PMID verdicts come from, nor hold a key); use {how}")
    overrides = _overrides(str(path), path.parent, settings.pop("overrides")) if "overrides" in settings else ()
    layers = ((str(path) if path else "defaults", settings), ("environment", environment_settings(environ)),
              ("command line", cli))
    config = build_config(list(layers))
    return replace(config, source=str(path) if path else None, overrides=overrides, layers=layers)


def describe(config: Config, path: str) -> str:
    """`--show-settings`: the settings in force for one file and where they come from, so a
    nested config or an override that silences rules is visible."""
    matched = [o.origin for o in config.overrides if o.matches(Path(path))] if path not in ("-", "<stdin>") else []
    verify = config.verify
    severity = ", ".join(f"{code}={level.value}" for code, level in sorted(config.severity.items())) or "defaults"
    lines = [
        f"{path}",
        f"  config file: {config.source or 'none (defaults)'}",
        f"  overrides applied: {', '.join(matched) or 'none'}",
        f"  select: {', '.join(config.select) or 'all rules'}",
        f"  ignore: {', '.join(config.ignore) or 'nothing'}",
        f"  severity: {severity}",
        f"  fail-on: {config.fail_on}",
        f"  lang: {config.language}",
        f"  model: {config.model or 'none'}",
        f"  max-file-size: {config.max_file_size}",
        f"  statistic-max-age: {config.statistic_max_age} years",
        f"  exclude: {', '.join(config.exclude) or 'nothing'}",
        f"  verify: {'on' if verify.enabled else 'off'}{' (offline: cache only)' if verify.offline else ''}",
        f"  crossref-url: {verify.crossref_url}",
        f"  doi-resolver-url: {verify.resolver_url}",
        f"  pubmed-url: {verify.pubmed_url}",
        f"  ncbi-api-key: {'set' if verify.ncbi_api_key else 'none'}",
        f"  mailto: {verify.mailto or 'none'}",
        f"  cache-dir: {verify.cache_dir or 'the user cache directory'}",
        f"  timeout: {verify.timeout:g} s, network-budget: {verify.network_budget:g} s, "
        f"max-retries: {verify.max_retries}",
    ]
    return "\n".join(lines)
