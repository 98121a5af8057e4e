"""Ctrl-C: SIGINT to a real `claimlint check` mid-run exits 130 promptly, one line, no traceback,
whether it waits on a slow Crossref or analyses files in worker processes."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
import time

from werkzeug import Request, Response

from .conftest import ARTICLE, offline_env


def interrupt(process: subprocess.Popen, whole_group: bool) -> tuple[int, str, float]:
    started = time.monotonic()
    if whole_group:  # what a terminal does: the whole foreground process group
        os.killpg(process.pid, signal.SIGINT)
    else:
        process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=30)
    return process.returncode, stderr.decode(), time.monotonic() - started


def assert_clean_interrupt(code: int, stderr: str, elapsed: float) -> None:
    assert code == 130, stderr
    assert "Traceback" not in stderr and "KeyboardInterrupt" not in stderr, stderr
    assert stderr.strip() == "claimlint: interrupted", stderr
    assert elapsed < 5, elapsed


def test_sigint_while_waiting_on_crossref(httpserver, tmp_path):
    arrived = threading.Event()

    def stall(request: Request) -> Response:
        arrived.set()
        time.sleep(15)
        return Response("{}", content_type="application/json")

    httpserver.expect_request(re.compile(".*")).respond_with_handler(stall)
    (tmp_path / "a.md").write_text(ARTICLE + "\nSee doi:10.1016/j.sleepx.2024.100121.\n", encoding="utf-8")
    env = offline_env(tmp_path / "cache")
    del env["CLAIMLINT_OFFLINE"]
    url = httpserver.url_for("/").rstrip("/")
    env.update(CLAIMLINT_CROSSREF_URL=url, CLAIMLINT_DOI_RESOLVER_URL=url)
    process = subprocess.Popen([sys.executable, "-m", "claimlint", "check", "a.md"], cwd=tmp_path, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    assert arrived.wait(60), "no request reached the stand-in"
    assert_clean_interrupt(*interrupt(process, whole_group=True))


def test_sigint_during_analysis_with_two_jobs(tmp_path):
    """SIGINT to the main process only (the harder case: a terminal signals the whole group,
    which test_sigint_while_waiting_on_crossref does); the workers must stop too."""
    for n in range(200):
        (tmp_path / f"a{n:03d}.md").write_text(ARTICLE.replace("48%", f"{n}%") + f"\nExtra {n}.\n" * 20,
                                               encoding="utf-8")
    cache = tmp_path / "cache"
    process = subprocess.Popen([sys.executable, "-m", "claimlint", "check", "--no-verify", "--jobs", "2", "."],
                               cwd=tmp_path, env=offline_env(cache), stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:  # interrupt once workers are analysing (entries appear)
        if len(list(cache.glob("analysis/*/*.jsonz"))) >= 5:
            break
        time.sleep(0.02)
    assert process.poll() is None, "the run ended before it could be interrupted"
    assert_clean_interrupt(*interrupt(process, whole_group=False))
    time.sleep(0.3)
    assert len(list(cache.glob("analysis/*/*.jsonz"))) < 200  # it really stopped early
    from claimlint import analysis_cache

    for entry in cache.glob("analysis/*/*.jsonz"):  # a worker stopped mid-write left no torn entry
        assert analysis_cache.load(cache / "analysis", entry.stem) is not None
