"""Configuration: [tool.claimlint] in pyproject.toml and .claimlint.toml found upward from the
checked file, --config, environment variables, flags over everything, bad values refused."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimlint.cli import cli
from claimlint.config import ConfigError, find_config_file, load_config

ARTICLE = "Studies show that magnesium improves sleep in older adults.\nAbout 48% of adults fall short.\n"


@pytest.fixture
def project(tmp_path: Path, monkeypatch) -> Path:
    for name in ("CLAIMLINT_CROSSREF_URL", "CLAIMLINT_DOI_RESOLVER_URL", "CLAIMLINT_MAILTO", "CLAIMLINT_PUBMED_URL",
                 "CLAIMLINT_NCBI_API_KEY",
                 "CLAIMLINT_CACHE_DIR", "CLAIMLINT_OFFLINE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)
    deep = tmp_path / "site" / "content" / "posts"
    deep.mkdir(parents=True)
    (deep / "a.md").write_text(ARTICLE, encoding="utf-8")
    return tmp_path


def check_codes(*args: str) -> tuple[int, list[str], str]:
    result = CliRunner().invoke(cli, ["check", "--no-verify", "--format", "json", *args], catch_exceptions=False)
    if result.exit_code == 2:
        return 2, [], result.stderr
    data = json.loads(result.stdout)
    return result.exit_code, [f["code"] for file in data["files"] for f in file["findings"]], result.stderr


ARTICLE_PATH = "site/content/posts/a.md"


def test_no_config_reports_everything(project):
    assert check_codes(ARTICLE_PATH)[:2] == (1, ["CL102", "CL103"])


def test_dotfile_found_upward(project):
    (project / "site" / ".claimlint.toml").write_text('ignore = ["CL103"]\n', encoding="utf-8")
    assert find_config_file(project / ARTICLE_PATH) == project / "site" / ".claimlint.toml"
    assert check_codes(ARTICLE_PATH)[:2] == (1, ["CL102"])


def test_pyproject_tool_table_found_upward(project):
    (project / "site" / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.claimlint]\nselect = ["CL103"]\nfail-on = "never"\n', encoding="utf-8")
    assert check_codes(ARTICLE_PATH)[:2] == (0, ["CL103"])


def test_pyproject_without_tool_table_is_passed_over(project):
    (project / "site" / "content" / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    (project / "site" / ".claimlint.toml").write_text('ignore = ["CL102"]\n', encoding="utf-8")
    assert find_config_file(project / ARTICLE_PATH) == project / "site" / ".claimlint.toml"
    assert check_codes(ARTICLE_PATH)[:2] == (1, ["CL103"])


def test_the_config_file_is_looked_for_once_per_folder_and_each_folder_keeps_its_own(project, monkeypatch):
    import claimlint.config as config_module

    (project / "site" / ".claimlint.toml").write_text('ignore = ["CL102"]\n', encoding="utf-8")
    (project / "other").mkdir()
    (project / "other" / ".claimlint.toml").write_text('ignore = ["CL103"]\n', encoding="utf-8")
    names = [f"{letter}.md" for letter in "bcdefg"]
    for name in names:
        (project / "site" / "content" / "posts" / name).write_text(ARTICLE, encoding="utf-8")
        (project / "other" / name).write_text(ARTICLE, encoding="utf-8")
    walks = []
    walk = config_module._config_file_above
    monkeypatch.setattr(config_module, "_config_file_above", lambda folder: walks.append(folder) or walk(folder))
    result = CliRunner().invoke(cli, ["check", "--no-verify", "--format", "json", "site", "other"], catch_exceptions=False)
    by_file = {file["path"]: [f["code"] for f in file["findings"]] for file in json.loads(result.stdout)["files"]}
    assert by_file == {**{f"site/content/posts/{n}": ["CL103"] for n in ["a.md", *names]},
                       **{f"other/{n}": ["CL102"] for n in names}}
    # per folder: the run's look-up and the config's own load, whatever the number of files in it
    assert walks.count(project / "other") == 2 and walks.count(project / "site" / "content" / "posts") <= 2


def test_nearest_config_wins(project):
    (project / ".claimlint.toml").write_text('ignore = ["CL102"]\n', encoding="utf-8")
    (project / "site" / "content" / ".claimlint.toml").write_text('ignore = ["CL103"]\n', encoding="utf-8")
    assert check_codes(ARTICLE_PATH)[:2] == (1, ["CL102"])


def test_explicit_config_file(project):
    (project / "site" / ".claimlint.toml").write_text('ignore = ["CL103"]\n', encoding="utf-8")
    (project / "strict.toml").write_text('select = ["CL103"]\n', encoding="utf-8")
    assert check_codes("--config", "strict.toml", ARTICLE_PATH)[:2] == (1, ["CL103"])
    code, _, stderr = check_codes("--config", "nope.toml", ARTICLE_PATH)
    assert code == 2 and "nope.toml" in stderr and "not found" in stderr


def test_flags_override_config(project):
    (project / ".claimlint.toml").write_text('fail-on = "never"\nignore = ["CL103"]\n', encoding="utf-8")
    assert check_codes(ARTICLE_PATH)[:2] == (0, ["CL102"])
    assert check_codes("--fail-on", "error", ARTICLE_PATH)[:2] == (1, ["CL102"])
    assert check_codes("--ignore", "CL102", ARTICLE_PATH)[:2] == (0, ["CL103"])


def test_severity_override_in_config(project):
    (project / ".claimlint.toml").write_text('[severity]\nCL102 = "info"\nCL103 = "warning"\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", "--no-verify", "--format", "json", ARTICLE_PATH])
    severities = {f["code"]: f["severity"] for f in json.loads(result.stdout)["files"][0]["findings"]}
    assert severities == {"CL102": "info", "CL103": "warning"}
    assert result.exit_code == 0


def test_environment_is_read(project):
    environ = {"CLAIMLINT_OFFLINE": "1", "CLAIMLINT_CROSSREF_URL": "http://127.0.0.1:1/api",
               "CLAIMLINT_DOI_RESOLVER_URL": "http://127.0.0.1:1/doi", "CLAIMLINT_MAILTO": "a@example.org",
               "CLAIMLINT_CACHE_DIR": str(project / "cache"), "CLAIMLINT_PUBMED_URL": "http://127.0.0.1:1/eutils",
               "CLAIMLINT_NCBI_API_KEY": "k3y"}
    verify = load_config(project / ARTICLE_PATH, None, {}, environ).verify
    assert verify.pubmed_url == "http://127.0.0.1:1/eutils" and verify.ncbi_api_key == "k3y"
    assert load_config(project / ARTICLE_PATH, None, {"pubmed_url": "http://127.0.0.1:2"}, environ).verify.pubmed_url \
        == "http://127.0.0.1:2"  # --pubmed-url beats the environment
    assert verify.offline is True
    assert verify.crossref_url == "http://127.0.0.1:1/api"
    assert verify.resolver_url == "http://127.0.0.1:1/doi"
    assert verify.mailto == "a@example.org"
    assert verify.cache_dir == str(project / "cache")
    assert load_config(project / ARTICLE_PATH, None, {}, {"CLAIMLINT_OFFLINE": "0"}).verify.offline is False


def test_environment_beats_config_file_and_flags_beat_environment(project):
    (project / ".claimlint.toml").write_text('mailto = "file@example.org"\noffline = false\n', encoding="utf-8")
    environ = {"CLAIMLINT_MAILTO": "env@example.org", "CLAIMLINT_OFFLINE": "yes"}
    config = load_config(project / ARTICLE_PATH, None, {}, environ)
    assert (config.verify.mailto, config.verify.offline) == ("env@example.org", True)
    config = load_config(project / ARTICLE_PATH, None, {"mailto": "flag@example.org"}, environ)
    assert config.verify.mailto == "flag@example.org"


@pytest.mark.parametrize("content, words", [
    ('fail-on = "sometimes"\n', ["fail-on", "sometimes"]),
    ('lang = "xx"\n', ["lang", "xx"]),
    ('select = ["E501"]\n', ["select", "E501"]),
    ('colour = true\n', ["unknown setting", "colour"]),
    ('max-file-size = -1\n', ["max-file-size"]),
    ('[severity]\nCL102 = "fatal"\n', ["severity", "CL102"]),
    ('timeout = "soon"\n', ["timeout"]),
    ('select = [unclosed\n', ["invalid TOML"]),
])
def test_bad_values_exit_2_with_a_clear_message(project, content, words):
    (project / ".claimlint.toml").write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError) as error:
        load_config(project / ARTICLE_PATH, None, {}, {})
    assert ".claimlint.toml" in str(error.value)
    for word in words:
        assert word in str(error.value)
    code, _, stderr = check_codes(ARTICLE_PATH)
    assert code == 2
    [line] = stderr.strip().splitlines()
    assert line.startswith("claimlint: error:") and words[0] in line


def test_bad_environment_value_is_refused(project):
    with pytest.raises(ConfigError):
        load_config(project / ARTICLE_PATH, None, {}, {"CLAIMLINT_OFFLINE": "maybe"})


@pytest.mark.parametrize("content, words", [
    ("timeout = nan\n", ["timeout", "nan"]),
    ("network-budget = inf\n", ["network-budget", "inf"]),
    ('timeout = "inf"\n', ["timeout"]),
    ("timeout = true\n", ["timeout", "true"]),
    ("max-retries = true\n", ["max-retries"]),
    ("max-retries = 1000000\n", ["max-retries"]),
    ("max-file-size = true\n", ["max-file-size"]),
    ("max-file-size = 9223372036854775807\n", ["max-file-size"]),
    ("max-file-size = 5e6\n", ["max-file-size"]),
    ("deep = " + "[" * 5000 + "]" * 5000 + "\n", ["invalid TOML", "nested too deeply"]),
    ('cache-dir = "committed-cache"\n', ["cache-dir", "--cache-dir", "CLAIMLINT_CACHE_DIR"]),
    ('crossref-url = "http://127.0.0.1:1"\n', ["crossref-url", "--crossref-url"]),
    ('resolver-url = "http://127.0.0.1:1"\n', ["resolver-url", "CLAIMLINT_DOI_RESOLVER_URL"]),
    ('pubmed-url = "http://127.0.0.1:1"\n', ["pubmed-url", "--pubmed-url", "CLAIMLINT_PUBMED_URL"]),
    ('ncbi-api-key = "committed"\n', ["ncbi-api-key", "CLAIMLINT_NCBI_API_KEY"]),
], ids=["nan", "inf", "inf-string", "bool-seconds", "bool-retries", "huge-retries", "bool-size", "2^63-1",
        "float-size", "5000-deep-array", "cache-dir", "crossref-url", "resolver-url", "pubmed-url", "ncbi-api-key"])
def test_hostile_values_are_a_clear_usage_error(project, content, words):
    (project / ".claimlint.toml").write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError) as error:
        load_config(project / ARTICLE_PATH, None, {}, {})
    for word in words:
        assert word in str(error.value), error.value
    code, _, stderr = check_codes(ARTICLE_PATH)
    assert code == 2
    [line] = stderr.strip().splitlines()
    assert line.startswith("claimlint: error:") and ".claimlint.toml" in line


def test_cache_location_comes_from_the_user_not_the_repository(project):
    flags = load_config(project / ARTICLE_PATH, None, {"cache_dir": str(project / "mine")}, {})
    assert flags.verify.cache_dir == str(project / "mine")
    environ = load_config(project / ARTICLE_PATH, None, {}, {"CLAIMLINT_CACHE_DIR": str(project / "env")})
    assert environ.verify.cache_dir == str(project / "env")


def test_show_settings_makes_a_nested_config_that_silences_rules_visible(project):
    (project / ".claimlint.toml").write_text('mailto = "team@example.org"\n', encoding="utf-8")
    (project / "site" / "content" / ".claimlint.toml").write_text(
        'ignore = ["CL1"]\n\n[[overrides]]\npaths = ["posts/**"]\nseverity = { CL209 = "info" }\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", "--show-settings", ARTICLE_PATH], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert ARTICLE_PATH in out and "site/content/.claimlint.toml" in out
    assert "ignore: CL1" in out and "overrides[1]" in out and "CL209=info" in out
    assert "cache-dir:" in out and "crossref-url: https://api.crossref.org" in out
    assert "pubmed-url: https://eutils.ncbi.nlm.nih.gov/entrez/eutils" in out and "ncbi-api-key: none" in out
    assert "statistic-max-age: 15 years" in out


def test_the_example_snippet_is_a_working_config(tmp_path):
    snippet = Path(__file__).resolve().parents[2] / "examples" / "pyproject-snippet.toml"
    (tmp_path / "pyproject.toml").write_text(snippet.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "content" / "products").mkdir(parents=True)
    zinc, news = tmp_path / "content" / "products" / "zinc.md", tmp_path / "content" / "news" / "a.md"
    product = load_config(zinc, None, {}).for_path(zinc)
    assert product.disclaimer == "required" and "Deep Sleep Calm" in product.vocabulary.products
    assert load_config(news, None, {}).for_path(news).disclaimer == "off"
