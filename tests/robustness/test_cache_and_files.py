"""Caches shared by concurrent runs, broken cache files, inputs never modified, writes atomic,
and the HTML report escaping Crossref metadata."""

from __future__ import annotations

import hashlib
import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from claimlint import analysis_cache
from claimlint.atomic import write_atomically

from .conftest import ARTICLE, UNCITED, claimlint, offline_env


def test_concurrent_runs_share_both_caches(tmp_path):
    """Four claimlint processes at once over the same files and one cache dir: no 'database is
    locked', no lost or torn analysis entries, identical reports."""
    for n in range(12):
        (tmp_path / f"a{n}.md").write_text(ARTICLE.replace("48%", f"{n + 10}%"), encoding="utf-8")
    cache = tmp_path / "cache"
    env = offline_env(cache)
    command = [sys.executable, "-m", "claimlint", "check", "--format", "json", "--jobs", "1", "."]
    runs = [subprocess.Popen(command, cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            for _ in range(4)]
    outputs = [run.communicate(timeout=120) for run in runs]
    for run, (stdout, stderr) in zip(runs, outputs):
        assert run.returncode == 1, stderr
        assert b"locked" not in stderr and b"Traceback" not in stderr and stderr == b"", stderr
    assert len({stdout for stdout, _ in outputs}) == 1
    entries = list((cache / "analysis").rglob("*.jsonz"))
    assert len(entries) == 12
    assert not list((cache / "analysis").rglob("*.tmp"))
    for entry_file in entries:
        assert analysis_cache.load(cache / "analysis", entry_file.stem) is not None
    connection = sqlite3.connect(cache / "crossref.sqlite3")
    assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def _crossref_writer(path: str, worker: int) -> None:
    from claimlint.verify.cache import Cache

    cache = Cache(Path(path))
    for i in range(60):
        cache.put_many("work", [(f"10.5555/p{worker}.{i}", "found", {"i": i})])
    assert not [note for note in cache.notes if "failed" in note], cache.notes
    cache.close()


def test_four_processes_write_the_crossref_cache_without_losing_entries(tmp_path):
    import multiprocessing

    path = str(tmp_path / "crossref.sqlite3")
    context = multiprocessing.get_context("fork")
    workers = [context.Process(target=_crossref_writer, args=(path, w)) for w in range(4)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
        assert worker.exitcode == 0
    from claimlint.verify.cache import Cache

    assert Cache(Path(path)).counts() == {"work": 240}


def test_truncated_crossref_cache_is_moved_aside_and_rebuilt(tmp_path):
    from claimlint.verify.cache import Cache

    path = tmp_path / "crossref.sqlite3"
    cache = Cache(path)
    cache.put_many("work", [(f"10.5555/t{i}", "found", {"pad": "x" * 500}) for i in range(200)])
    cache.close()
    for suffix in ("-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 3])  # a crash or a full disk mid-copy
    with pytest.warns(RuntimeWarning, match="moved to"):
        rebuilt = Cache(path)
    rebuilt.put_many("work", [("10.5555/new", "found", {})])
    assert rebuilt.counts() == {"work": 1}
    assert list(tmp_path.glob("crossref.sqlite3.broken-*"))


def test_truncated_cache_through_the_cli_warns_in_one_line(tmp_path):
    # with a DOI to look up: a run with nothing to look up never opens the Crossref cache (issue 14)
    (tmp_path / "good.md").write_text(ARTICLE + "\nSee doi:10.1234/example.5678.\n", encoding="utf-8")
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / "crossref.sqlite3").write_bytes(b"SQLite format 3\x00" + b"\x00" * 50)
    result = claimlint(["check", "good.md"], tmp_path, env=offline_env(cache), real=True)
    assert result.returncode == 1
    stderr = result.stderr.decode()
    assert "Traceback" not in stderr
    [line] = stderr.strip().splitlines()
    assert line.startswith("claimlint: warning: claimlint cache ") and "moved to" in line, stderr


def test_corrupt_analysis_entry_is_replaced(tmp_path):
    (tmp_path / "good.md").write_text(ARTICLE, encoding="utf-8")
    env = offline_env(tmp_path / "cache")
    first = claimlint(["check", "good.md"], tmp_path, env=env)
    [entry] = list((tmp_path / "cache" / "analysis").rglob("*.jsonz"))
    entry.write_bytes(entry.read_bytes()[:40])
    second = claimlint(["check", "good.md"], tmp_path, env=env)
    assert second.stdout == first.stdout and b"Traceback" not in second.stderr
    assert analysis_cache.load(entry.parent.parent, entry.stem) is not None  # rewritten whole


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_inputs_are_never_modified(tmp_path):
    files = {
        "a.md": ("---\nlang: en\n---\n" + ARTICLE).encode(),
        "b.html": f"<p>{UNCITED}</p>".encode(),
        "c.txt": ("\ufeff" + ARTICLE.replace("\n", "\r\n")).encode(),
        "d.md": "# Café\n\nStudies show that magnesium helps the café.\n".encode("cp1252"),
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    before = {name: (sha(tmp_path / name), os.stat(tmp_path / name).st_mtime_ns) for name in files}
    env = offline_env(tmp_path / "cache")
    runs = [["--format", fmt, "--output", f"out.{fmt}"] for fmt in
            ("text", "json", "sarif", "junit", "github", "gitlab", "markdown", "html", "concise", "json-lines")]
    runs += [["--write-baseline", "base.json"], ["--baseline", "base.json"], ["--statistics", "--show-suppressed"],
             ["--jobs", "2"]]
    for extra in runs:
        result = claimlint(["check", *extra, *files], tmp_path, env=env)
        assert result.returncode in (0, 1), (extra, result.stderr)
    after = {name: (sha(tmp_path / name), os.stat(tmp_path / name).st_mtime_ns) for name in files}
    assert after == before
    stdin = claimlint(["check", "--stdin-filename", "a.md", "-"], tmp_path, env=env, stdin=files["a.md"])
    assert stdin.returncode == 1 and sha(tmp_path / "a.md") == before["a.md"][0]


def test_interrupted_write_leaves_the_old_file(tmp_path, monkeypatch):
    target = tmp_path / "report.json"
    target.write_text("old report\n", encoding="utf-8")

    real_fdopen = os.fdopen

    class Failing:
        def __init__(self, handle):
            self.handle = handle

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.handle.close()

        def write(self, data):
            self.handle.write(data[: len(data) // 2])
            raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fdopen", lambda fd, mode: Failing(real_fdopen(fd, mode)))
    with pytest.raises(OSError):
        write_atomically(target, "new report " * 1000)
    assert target.read_text(encoding="utf-8") == "old report\n"
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]  # no temp file left behind


@pytest.mark.parametrize("option", ["--output", "--write-baseline"])
def test_cli_write_failure_keeps_the_old_file_and_says_so(tmp_path, monkeypatch, option):
    from click.testing import CliRunner

    from claimlint import atomic
    from claimlint.cli import cli

    (tmp_path / "good.md").write_text(ARTICLE, encoding="utf-8")
    target = tmp_path / "kept.json"
    target.write_text("previous\n", encoding="utf-8")

    def replace_fails(source, destination):  # the rename is the last step: a crash just before it
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(atomic.os, "replace", replace_fails)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["check", "--no-verify", "--cache-dir", str(tmp_path / "c"), option,
                                      "kept.json", "good.md"])
    assert result.exit_code == 2
    assert "kept.json" in result.stderr and "Input/output error" in result.stderr
    assert target.read_text(encoding="utf-8") == "previous\n"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".kept")) == []


def test_html_report_escapes_article_and_crossref_metadata():
    from claimlint.model import (Analysis, Disclaimer, DoiMention, DoiStatus, DoiVerdict, Document, FileResult,
                                 Finding, RunResult, Severity, Span, Verdicts, WorkRecord)
    from claimlint.report import ReportOptions, render

    evil = '<img src=x onerror=alert(1)>"\'&'
    source = f"Line with {evil} and doi:10.1000/x{evil}\n"
    document = Document(f"dir/{evil}.md", source, "markdown", blocks=[], notes=[f"note {evil}"])
    mention = DoiMention(f"10.1000/x{evil}", f"10.1000/x{evil}", Span(30, 40), valid=True)
    analysis = Analysis(document, evil, "option", [], [], [], None, [mention], Disclaimer(False, False))
    record = WorkRecord(doi=mention.doi, title=f"Title {evil}", authors=[f"Author {evil}"], year=2020,
                        container=f"Journal {evil}", type=evil)
    verdicts = Verdicts(dois={mention.doi: DoiVerdict(mention.doi, DoiStatus.MISMATCH, record, detail=f"d {evil}")},
                        ran=True)
    finding = Finding("CL203", Severity.ERROR, f"message {evil}", document.path, 1, 11, 1, 20, evil,
                      extra={"title": evil})
    page = render(RunResult([FileResult(document.path, analysis, verdicts, [finding]),
                             FileResult(f"{evil}.md", None, Verdicts(), [], error=f"error {evil}")], "0"),
                  "html", ReportOptions())
    assert "<img" not in page and "onerror=alert(1)>" not in page.replace("&gt;", "")
    assert not re.search(r"<(?!/?(?:html|head|meta|title|style|body|header|main|nav|section|h[1-6]|p|ul|ol|li|a|"
                         r"div|span|mark|table|thead|tbody|tr|th|td|code|cite|small|br|details|summary|strong|em|"
                         r"footer|aside|label|input|button|svg|path|!DOCTYPE)\b)", page, re.I)
    for text in ("Title", "Author", "Journal", "d ", "error", "dir/"):
        assert f"{text} &lt;img" in page or f"{text}&lt;img" in page, text
