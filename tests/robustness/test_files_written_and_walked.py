"""Issue 15 §6 and issue 12's file modes: what claimlint writes (never through a symlink, never
over an input, created like any other file) and what it walks (not out of the starting directory
through a directory symlink, no special files)."""

from __future__ import annotations

import json
import os
import socket
import stat
from pathlib import Path

import pytest

from claimlint.files import expand

from .conftest import ARTICLE, claimlint


@pytest.fixture
def umask_022():
    previous = os.umask(0o022)
    yield
    os.umask(previous)


@pytest.mark.parametrize("option", ["--output", "--write-baseline"])
def test_reports_are_created_like_any_file(workdir, umask_022, option):
    result = claimlint(["check", "--format", "json", option, "written.json", "good.md"], workdir)
    assert result.returncode in (0, 1), result.stderr
    assert stat.S_IMODE((workdir / "written.json").stat().st_mode) == 0o644


def test_reports_respect_a_stricter_umask(workdir):
    previous = os.umask(0o077)
    try:
        claimlint(["check", "-o", "private.txt", "good.md"], workdir)
    finally:
        os.umask(previous)
    assert stat.S_IMODE((workdir / "private.txt").stat().st_mode) == 0o600


@pytest.mark.parametrize("option", ["--output", "--write-baseline"])
def test_an_output_path_that_is_a_symlink_is_refused(workdir, option):
    victim = workdir / "victim.txt"
    victim.write_text("keep me\n", encoding="utf-8")
    os.symlink("victim.txt", workdir / "claimlint.sarif")
    result = claimlint(["check", "--format", "sarif", option, "claimlint.sarif", "good.md"], workdir)
    assert result.returncode == 2
    assert b"symlink" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert victim.read_text(encoding="utf-8") == "keep me\n"
    assert os.path.islink(workdir / "claimlint.sarif")


@pytest.mark.parametrize("output", ["good.md", "./good.md", "sub/../good.md"])
def test_an_output_path_that_is_an_input_is_refused(workdir, output):
    (workdir / "sub").mkdir()
    before = (workdir / "good.md").read_bytes()
    result = claimlint(["check", "-o", output, "good.md"], workdir)
    assert result.returncode == 2 and b"one of the checked files" in result.stderr
    assert (workdir / "good.md").read_bytes() == before
    in_directory = claimlint(["check", "-o", "content/a.md", "content"], _content(workdir))
    assert in_directory.returncode == 2 and b"one of the checked files" in in_directory.stderr


def _content(workdir: Path) -> Path:
    (workdir / "content").mkdir(exist_ok=True)
    (workdir / "content" / "a.md").write_text(ARTICLE, encoding="utf-8")
    return workdir


def test_directory_symlinks_leaving_the_start_are_not_followed(workdir, tmp_path_factory):
    outside = tmp_path_factory.mktemp("outside")
    (outside / "elsewhere.md").write_text(ARTICLE, encoding="utf-8")
    site = workdir / "site"
    (site / "inner").mkdir(parents=True)
    (site / "inner" / "page.md").write_text(ARTICLE, encoding="utf-8")
    os.symlink(outside, site / "out")          # leaves the tree: not followed
    os.symlink("/", site / "root")             # the whole filesystem: not walked
    os.symlink("inner", site / "alias")        # stays inside: followed (once: inner is alias)
    found = sorted(p.relative_to(site).as_posix() for p in expand([site]))
    assert found in (["alias/page.md"], ["inner/page.md"])
    # Named explicitly, a link is fine: the user chose it.
    assert [p.name for p in expand([site / "out"])] == ["elsewhere.md"]


def test_special_files_are_skipped_when_recursing(workdir):
    site = workdir / "site"
    site.mkdir()
    (site / "page.md").write_text(ARTICLE, encoding="utf-8")
    os.mkfifo(site / "pipe.md")
    os.symlink("/dev/zero", site / "zero.md")
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(site / "sock.md"))
        found = sorted(p.name for p in expand([site]))
    finally:
        server.close()
    assert found == ["page.md"]
    result = claimlint(["check", "--format", "json", "site"], workdir)
    assert result.returncode == 1 and result.stderr == b""
    assert [Path(f["path"]).name for f in json.loads(result.stdout)["files"]] == ["page.md"]
