"""Issue 14: a publisher's scale. What a run keeps per file stays small (compact offsets, no
prose blocks once analysed), and the JSON report is built a file at a time, unchanged."""

from __future__ import annotations

import json
from array import array

from claimlint import engine
from claimlint.config import build_config
from claimlint.engine import Source
from claimlint.load import load_bytes
from claimlint.report import ReportOptions
from claimlint.report.json import SCHEMA_VERSION, file_dict, render_json, summary

from .conftest import ARTICLE

PARAGRAPHS = "\n\n".join(f"Zinc supports immune function in group {n}." for n in range(5))


def run(*texts: str, cache_dir: str | None = None):
    config = build_config([("test", {"verify": False, "cache_dir": cache_dir})])
    return engine.run([Source(f"a{n}.md", text.encode(), config) for n, text in enumerate(texts)])


def test_block_offsets_are_an_array_of_c_ints():
    document = load_bytes("a.md", (ARTICLE + "\n" + "<p>zinc &amp; iron</p>\n").encode(), "markdown")
    assert document.blocks
    for block in document.blocks:
        assert isinstance(block.offsets, array) and block.offsets.typecode == "i"
        assert len(block.offsets) == len(block.text) + 1


def test_a_finished_analysis_keeps_no_prose_blocks_but_still_reports():
    result = run(PARAGRAPHS, ARTICLE)
    for file in result.files:
        assert len(file.analysis.document.blocks) <= 1  # only the last one (where a fix appends)
        assert file.analysis.sentences
    assert [f.code for f in result.files[1].findings] == ["CL102", "CL103"]


def test_the_json_report_is_the_whole_document_dumped_at_once():
    result = run(PARAGRAPHS, ARTICLE, "")
    options = ReportOptions()
    whole = {"claimlint": result.version, "schema_version": SCHEMA_VERSION,
             "files": [file_dict(file, options) for file in result.files], "summary": summary(result, options)}
    assert render_json(result, options) == json.dumps(whole, ensure_ascii=False, indent=2) + "\n"


DUTCH = ("Magnesium ondersteunt de spieren en het zenuwstelsel. Het is een mineraal dat je uit je voeding "
         "haalt, en de meeste mensen krijgen er genoeg van binnen als ze gevarieerd eten.\n")


def test_workers_build_their_own_pipelines_the_parent_none(tmp_path):
    """--jobs: the parent no longer builds every language's spaCy pipeline before forking (that
    was serial: the French one alone takes seconds); each worker builds what its files need."""
    import subprocess
    import sys

    code = f"""
import sys
from claimlint import engine
from claimlint.config import build_config
from claimlint.engine import Source
config = build_config([("test", {{"verify": False, "cache_dir": {str(tmp_path)!r}}})])
texts = [{ARTICLE!r}] * 6 + [{DUTCH!r}] * 6
result = engine.run([Source(f"a{{n}}.md", t.encode(), config) for n, t in enumerate(texts)], jobs=2)
print("spacy" in sys.modules, [f.analysis.language for f in result.files], [len(f.findings) for f in result.files])
"""
    output = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split(" [", 1)
    assert output[0] == "False"
    assert output[1].startswith("'en', 'en', 'en', 'en', 'en', 'en', 'nl', 'nl', 'nl', 'nl', 'nl', 'nl']")
    serial = run(*[ARTICLE] * 6, *[DUTCH] * 6, cache_dir=str(tmp_path / "serial"))
    assert output[1].endswith(str([len(f.findings) for f in serial.files]) + "\n")


def test_work_goes_out_in_chunks_of_one_language_fewest_files_first():
    config = build_config([("test", {"verify": False})])
    dutch = "---\nlang: nl\n---\n" + DUTCH
    sources = [Source(f"{n}.md", (dutch if n % 5 == 0 else ARTICLE).encode(), config) for n in range(40)]
    chunks = engine._chunks(sources, list(range(40)), jobs=2)
    assert chunks[:2] == [[0, 5, 10, 15], [20, 25, 30, 35]]  # the Dutch ones, before the English
    assert sorted(i for chunk in chunks for i in chunk) == list(range(40))
    assert all(len(chunk) >= engine.MIN_FILES_PER_WORKER for chunk in chunks)


HEAVY = ("spacy", "numpy", "markdown_it", "yaml", "claimlint.analyse", "claimlint.verify.engine",
         "claimlint.verify.cache", "claimlint.verify.records", "claimlint.verify.client", "habanero", "requests",
         "httpx", "sqlite3", "click.shell_completion", "click._termui_impl", "click.testing")


def test_a_cached_offline_rerun_imports_no_analysis_verification_or_heavy_click(tmp_path):
    """The warm path: an unchanged page without references, offline, fully cached."""
    import subprocess
    import sys

    (tmp_path / "a.md").write_text(ARTICLE, encoding="utf-8")
    command = ["check", "--offline", "--cache-dir", str(tmp_path / "cache"), "--format", "json", str(tmp_path / "a.md")]
    subprocess.run([sys.executable, "-m", "claimlint", *command], capture_output=True, check=False)
    code = f"""
import sys
from claimlint import cli
sys.argv = ["claimlint", *{command!r}]
try:
    cli.main()
except SystemExit as exit:
    print("exit", exit.code, file=sys.stderr)
print(" ".join(sorted(sys.modules)), file=sys.stderr)
"""
    warm = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    modules = set(warm.stderr.split())
    assert "exit 1" in warm.stderr and '"code": "CL102"' in warm.stdout
    assert not [name for name in modules if name in HEAVY or name.startswith(tuple(h + "." for h in HEAVY))]


def test_cached_offsets_are_one_string_and_bad_ones_a_miss():
    import zlib

    import pytest

    from claimlint import analysis_cache
    from claimlint.analyse import analyse

    analysis = analyse(load_bytes("a.md", ARTICLE.encode(), "markdown"))
    entry = json.loads(zlib.decompress(analysis_cache.encode(analysis)))
    stored = entry["analysis"]["document"]["blocks"][0]["offsets"]
    assert isinstance(stored, str)  # not a JSON number (and a Python int on the way) per character
    assert analysis_cache.decode(analysis_cache.encode(analysis)).document.blocks == analysis.document.blocks
    for bad in (5, "not base64!", "AAA=", [1, 2]):
        entry["analysis"]["document"]["blocks"][0]["offsets"] = bad
        with pytest.raises(analysis_cache.EntryError):
            analysis_cache.decode(zlib.compress(json.dumps(entry).encode()))


def test_the_json_report_goes_out_a_file_at_a_time_and_quiet_builds_none(tmp_path, monkeypatch):
    from claimlint import report
    from claimlint.report.json import json_chunks

    from .conftest import claimlint

    result = run(PARAGRAPHS, ARTICLE, cache_dir=str(tmp_path / "c0"))
    chunks = list(json_chunks(result, ReportOptions()))
    assert len(chunks) == 2 + len(result.files) and "".join(chunks) == render_json(result, ReportOptions())
    (tmp_path / "a.md").write_text(ARTICLE, encoding="utf-8")

    def no_report(*arguments):
        raise AssertionError("a report was built")

    monkeypatch.setattr(report, "render", no_report)
    monkeypatch.setattr(report, "render_chunks", no_report)
    quiet = claimlint(["check", "--quiet", "--format", "json", "a.md"], tmp_path)
    assert quiet.returncode == 1 and quiet.stdout == b""


def test_finished_analyses_are_frozen_for_the_garbage_collector_until_the_run_ends(tmp_path):
    """Every analysis is held until the report; the cyclic collector walking them all again at
    each full collection cost 1.4 s of a 3,000-file run. They are frozen as they finish and
    unfrozen when run() returns."""
    import gc

    config = build_config([("test", {"verify": False, "cache_dir": str(tmp_path)})])
    frozen_while_running = []

    class Progress:
        def files(self, done: int, total: int) -> None:
            frozen_while_running.append(gc.get_freeze_count())

        def references(self, done: int, total: int) -> None:
            pass

    assert gc.get_freeze_count() == 0
    engine.run([Source(f"a{n}.md", f"{PARAGRAPHS}\n\nCopy {n}.".encode(), config) for n in range(3)], Progress())
    assert len(frozen_while_running) == 3 and all(count > 0 for count in frozen_while_running)
    assert gc.get_freeze_count() == 0
