"""Every kind of awkward input ends in findings, or exit 2 with ONE stderr line naming the file
and the problem (never a traceback), and the other files are still checked."""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

import pytest

from claimlint.files import expand

from .conftest import ARTICLE, UNCITED, assert_one_clean_error_line, claimlint, run_bytes


def good_still_reported(result) -> None:
    assert b"good.md:3:1: CL102" in result.stdout, result.stdout


@pytest.mark.parametrize("name, content, problem", [
    ("image.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary"),
    ("nul.md", ARTICLE.encode() + b"\x00tail", "NUL"),
    ("noise.md", bytes(range(1, 32)) * 40, "binary"),
], ids=["png", "nul", "control-characters"])
def test_refused_files_one_line_and_the_rest_still_checked(workdir, name, content, problem):
    (workdir / name).write_bytes(content)
    result = claimlint(["check", name, "good.md"], workdir)
    assert result.returncode == 2
    good_still_reported(result)
    assert_one_clean_error_line(result.stderr, name, problem)


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"])
def test_bom_crlf_and_cr_give_the_same_positions(newline, bom):
    text = ARTICLE.replace("\n", newline)
    for fmt in ("markdown", "text"):
        plain = run_bytes(ARTICLE.encode(), fmt)
        other = run_bytes(bom + text.encode(), fmt)
        assert other.error is None
        assert [(f.code, f.line, f.column, f.end_line, f.end_column) for f in other.findings] == \
               [(f.code, f.line, f.column, f.end_line, f.end_column) for f in plain.findings]
        assert [f.excerpt for f in other.findings] == [f.excerpt for f in plain.findings]
        assert ("UTF-8 byte order mark ignored" in other.analysis.document.notes) == bool(bom)


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1"])
def test_non_utf8_is_decoded_and_said_so_in_text_and_json(workdir, encoding):
    body = "# Café\n\nStudies show that magnesium improves sleep quality in older adults at the café.\n"
    (workdir / "legacy.md").write_bytes(body.encode(encoding))
    text = claimlint(["check", "legacy.md"], workdir)
    assert text.returncode == 1, text.stderr
    assert b"legacy.md: note: not valid UTF-8; decoded as " in text.stdout
    assert "café.".encode() in text.stdout  # the excerpt is the decoded text, not mojibake
    report = json.loads(claimlint(["check", "--format", "json", "legacy.md"], workdir).stdout)
    [entry] = report["files"]
    assert any(note.startswith("not valid UTF-8; decoded as ") for note in entry["notes"])
    assert entry["findings"][0]["excerpt"].endswith("café.")


def test_twenty_megabytes_refused_by_the_configurable_limit_without_reading_it(workdir):
    big = workdir / "big.md"
    with big.open("wb") as handle:
        handle.truncate(20 * 1024 * 1024)  # sparse: the size is real, the bytes never read
    result = claimlint(["check", "big.md", "good.md"], workdir)
    assert result.returncode == 2
    good_still_reported(result)
    line = assert_one_clean_error_line(result.stderr, "big.md", "20,971,520 bytes", "5,242,880-byte limit",
                                       "max-file-size")
    assert line
    (workdir / ".claimlint.toml").write_text("max-file-size = 100\n", encoding="utf-8")
    small = claimlint(["check", "good.md"], workdir)
    assert small.returncode == 2
    assert_one_clean_error_line(small.stderr, "good.md", "over the 100-byte limit")


def test_stdin_size_is_bounded_too(workdir):
    (workdir / ".claimlint.toml").write_text("max-file-size = 1000\n", encoding="utf-8")
    result = claimlint(["check", "-"], workdir, stdin=ARTICLE.encode() * 100)
    assert result.returncode == 2
    assert_one_clean_error_line(result.stderr, "<stdin>", "over the 1,000-byte limit")


def test_a_lower_limit_is_not_bypassed_by_the_analysis_cache(workdir):
    assert claimlint(["check", "good.md"], workdir).returncode == 1  # analysed and cached
    (workdir / ".claimlint.toml").write_text("max-file-size = 50\n", encoding="utf-8")
    result = claimlint(["check", "good.md"], workdir)
    assert result.returncode == 2
    assert_one_clean_error_line(result.stderr, "good.md", "50-byte limit")


def test_twenty_thousand_deep_html():
    depth = 20_000
    page = ("<html><body>" + "<div><span>" * depth + f"<p>{UNCITED}</p>" + "</span></div>" * depth
            + "</body></html>")
    result = run_bytes(page.encode(), "html")
    assert [f.code for f in result.findings] == ["CL102"]
    unclosed = run_bytes(("<body>" + "<section><b><i>" * depth + UNCITED).encode(), "html")
    assert [f.code for f in unclosed.findings] == ["CL102"]


def test_deeply_nested_markdown_is_refused_or_checked_never_crashes():
    for text in ("> " * 20_000 + UNCITED, "- " * 5_000 + UNCITED, "*" * 20_000 + UNCITED,
                 "[" * 1_000 + UNCITED + "]" * 1_000):
        result = run_bytes(text.encode(), "markdown")
        assert result.error is None or "nested" in result.error


def test_twenty_thousand_brackets_load_in_linear_time():
    from claimlint.load import load_bytes

    started = time.monotonic()
    document = load_bytes("a.md", ("[" * 20_000 + UNCITED + "]" * 20_000).encode(), "markdown")
    assert time.monotonic() - started < 5  # was minutes: each '[' scanned to its ']'
    assert document.blocks[0].text.startswith("[[[")


def test_unclosed_code_fence_and_tags():
    fence = run_bytes(f"Intro.\n\n```python\n{UNCITED}".encode(), "markdown")
    assert fence.error is None and fence.findings == []  # an unclosed fence runs to the end: code
    tags = run_bytes(f"<p>{UNCITED[:-1]} <b>bold <i>italic <a href='x'>link <span>".encode(), "html")
    assert [f.code for f in tags.findings] == ["CL102"]
    comment = run_bytes(f"{UNCITED}\n<!-- never closed\n\nMore text.\n".encode(), "markdown")
    assert [f.code for f in comment.findings] == ["CL102"]


def test_invalid_yaml_front_matter_is_a_note_not_a_crash(workdir):
    (workdir / "yaml.md").write_text(f"---\ntitle: [unclosed\nlang: : :\n---\n\n{UNCITED}", encoding="utf-8")
    result = claimlint(["check", "yaml.md"], workdir)
    assert result.returncode == 1 and b"Traceback" not in result.stderr
    assert b"yaml.md:6:1: CL102" in result.stdout
    assert b"yaml.md: note: front matter is not valid YAML (front matter line 2); ignored" in result.stdout
    for front in ("---\n- a list\n---\n", "---\n!!python/object:os.system ls\n---\n", "---\n&a [*a]\n---\n"):
        assert run_bytes((front + "\n" + UNCITED).encode(), "markdown").findings


def test_thousands_of_dois_in_one_file_offline(workdir):
    entries = "\n".join(f"{n}. Smith J. Title number {n}. J Foo. 2020;1:{n}. doi:10.5555/test.{n}"
                        for n in range(1, 3001))
    (workdir / "refs.md").write_text(f"# Refs\n\nStudies show magnesium helps [1].\n\n## References\n\n{entries}\n",
                                     encoding="utf-8")
    result = claimlint(["check", "--format", "json", "refs.md"], workdir, timeout=60)
    assert result.returncode == 0, result.stderr
    [entry] = json.loads(result.stdout)["files"]
    assert len(entry["dois"]) == 3000
    assert {d["status"] for d in entry["dois"]} == {"unverified"}  # offline: never "not found"


def test_directory_symlink_loops_end(workdir):
    site = workdir / "site"
    (site / "a" / "b").mkdir(parents=True)
    (site / "a" / "page.md").write_text(ARTICLE, encoding="utf-8")
    os.symlink("../..", site / "a" / "b" / "up")  # b/up -> site
    os.symlink(".", site / "a" / "self")
    os.symlink("loop2", site / "loop1")
    os.symlink("loop1", site / "loop2")
    found = sorted(p.relative_to(site).as_posix() for p in expand([site]))
    assert found == ["a/page.md"]
    result = claimlint(["check", "site"], workdir, timeout=60)
    assert result.returncode == 1 and result.stderr == b""


def test_unreadable_files(workdir):
    """A dangling symlink, a file symlink loop and a FIFO (reading it would hang forever) stop
    anyone, root included; mode 000 only stops others (see the next two tests)."""
    os.symlink("missing.md", workdir / "dangling.md")
    os.symlink("loop-b.md", workdir / "loop-a.md")
    os.symlink("loop-a.md", workdir / "loop-b.md")
    os.mkfifo(workdir / "pipe.md")
    names = ["dangling.md", "loop-a.md", "pipe.md"]
    if os.geteuid() != 0:
        (workdir / "secret.md").write_text(ARTICLE, encoding="utf-8")
        (workdir / "secret.md").chmod(0)
        names.append("secret.md")
    result = claimlint(["check", *names, "good.md"], workdir, timeout=60)
    assert result.returncode == 2
    good_still_reported(result)
    lines = result.stderr.decode().strip().splitlines()
    assert "Traceback" not in result.stderr.decode()
    assert len(lines) == len(names), lines
    for name, line in zip(names, lines):
        assert name in line and ("cannot read" in line or "not a regular file" in line), line


def test_permission_denied_in_process(workdir, monkeypatch):
    """Works as root too: the open() claimlint's reader calls fails as the kernel would."""
    from click.testing import CliRunner

    from claimlint import files
    from claimlint.cli import cli

    (workdir / "secret.md").write_text(ARTICLE, encoding="utf-8")

    def denying_open(path, *args, **kwargs):
        if Path(path).name == "secret.md":
            raise PermissionError(13, "Permission denied", str(path))
        return open(path, *args, **kwargs)

    monkeypatch.setattr(files, "open", denying_open, raising=False)
    monkeypatch.chdir(workdir)
    result = CliRunner().invoke(cli, ["check", "--no-verify", "--cache-dir", str(workdir / "c"), "secret.md",
                                      "good.md"])
    assert result.exit_code == 2
    assert "good.md:3:1: CL102" in result.stdout
    assert result.stderr.strip() == "claimlint: secret.md: cannot read file (Permission denied)"


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_permission_denied_for_real(workdir):
    """A real mode-000 file; as root, the child drops to 'nobody' so the mode really denies."""
    import shutil
    import subprocess
    import tempfile

    shared = Path(tempfile.mkdtemp(prefix="claimlint-perm-"))
    try:
        shared.chmod(0o777)
        (shared / "good.md").write_text(ARTICLE, encoding="utf-8")
        (shared / "good.md").chmod(0o644)
        (shared / "secret.md").write_text(ARTICLE, encoding="utf-8")
        (shared / "secret.md").chmod(0)
        env = {"PATH": os.environ.get("PATH", ""), "HOME": str(shared), "CLAIMLINT_OFFLINE": "1",
               "CLAIMLINT_CACHE_DIR": str(shared / "cache"), "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
        drop = (lambda: os.setuid(65534)) if os.geteuid() == 0 else None
        try:
            probe = subprocess.run([sys.executable, "-c", "import claimlint"], cwd=shared, env=env,
                                   preexec_fn=drop, capture_output=True, timeout=60)
        except OSError as error:
            pytest.skip(f"'nobody' cannot run this Python ({error}); test_permission_denied_in_process covers it")
        if probe.returncode:
            pytest.skip("'nobody' cannot import claimlint here; test_permission_denied_in_process covers it")
        result = subprocess.run([sys.executable, "-m", "claimlint", "check", "secret.md", "good.md"], cwd=shared,
                                env=env, preexec_fn=drop, capture_output=True, timeout=120)
        assert result.returncode == 2, result.stderr
        good_still_reported(result)
        assert_one_clean_error_line(result.stderr, "secret.md", "cannot read file (Permission denied)")
    finally:
        shutil.rmtree(shared, ignore_errors=True)


def test_paths_with_spaces_and_non_ascii_names(workdir):
    folder = workdir / "my articles" / "ünïcode 🙂"
    folder.mkdir(parents=True)
    (folder / "café au lait.md").write_text(ARTICLE, encoding="utf-8")
    (folder / "日本語.html").write_text(f"<p>{UNCITED}</p>", encoding="utf-8")
    result = claimlint(["check", "--format", "json", "my articles"], workdir, timeout=60)
    assert result.returncode == 1, result.stderr
    paths = sorted(Path(f["path"]).name for f in json.loads(result.stdout)["files"])
    assert paths == ["café au lait.md", "日本語.html"]
    text = claimlint(["check", str(folder / "café au lait.md")], workdir)
    assert "café au lait.md:3:1: CL102".encode() in text.stdout


def test_stdin(workdir):
    result = claimlint(["check", "-"], workdir, stdin=ARTICLE.encode())
    assert result.returncode == 1 and b"<stdin>:3:1: CL102" in result.stdout
    binary = claimlint(["check", "-", "good.md"], workdir, stdin=b"\x00\x01\x02")
    assert binary.returncode == 2
    good_still_reported(binary)
    assert_one_clean_error_line(binary.stderr, "<stdin>", "binary")
    empty = claimlint(["check", "--stdin-filename", "page.html", "-"], workdir, stdin=b"")
    assert empty.returncode == 0 and empty.stderr == b""  # nothing to report, like an empty file
    html = claimlint(["check", "--stdin-filename", "page.html", "-"], workdir, stdin=f"<p>{UNCITED}</p>".encode())
    assert html.returncode == 1 and b"page.html:1:4: CL102" in html.stdout
