"""The persistent cache: second runs, TTLs, offline mode, sharing, corruption."""

from __future__ import annotations

import dataclasses
import multiprocessing
import sqlite3
import warnings
from pathlib import Path

import pytest
from werkzeug import Response

from claimlint.model import DoiStatus
from claimlint.verify import cache_clear, cache_info, verify
from claimlint.verify.cache import DAY, Cache, cache_path

from conftest import analysis_with
from test_done_when import HAUSENBLAS, seed_analysis, seed_crossref

NOT_A_DOI_AT_CROSSREF = "10.1371/notarealdoi"


def test_second_run_makes_zero_requests(fake, settings):
    seed_crossref(fake)
    first = verify([seed_analysis()], settings)
    assert fake.seen
    requests_of_first_run = len(fake.seen)
    second = verify([seed_analysis()], settings)
    assert len(fake.seen) == requests_of_first_run
    assert {d: v.status for d, v in first[0].dois.items()} == {d: v.status for d, v in second[0].dois.items()}
    assert second[0].references[1].suggested_doi == "10.1016/j.neuron.2009.12.026"


def test_unverified_is_never_cached(fake, settings):
    fake.always = lambda request: Response("down", status=503)
    verify([analysis_with([], prose_dois=[HAUSENBLAS])], settings)
    fake.always = None
    seed_crossref(fake)
    [verdicts] = verify([analysis_with([], prose_dois=[HAUSENBLAS])], settings)
    assert verdicts.dois[HAUSENBLAS].status is DoiStatus.VERIFIED


def test_offline_reads_only_the_cache(fake, settings):
    seed_crossref(fake)
    verify([analysis_with([], prose_dois=[HAUSENBLAS])], settings)
    before = len(fake.seen)
    offline = dataclasses.replace(settings, offline=True)
    [verdicts] = verify([seed_analysis()], offline)
    assert len(fake.seen) == before
    assert verdicts.dois[HAUSENBLAS].status is DoiStatus.VERIFIED  # cached
    others = {d: v for d, v in verdicts.dois.items() if d not in (HAUSENBLAS, "10.1016/")}
    assert {v.status for v in others.values()} == {DoiStatus.UNVERIFIED}
    assert all("offline" in v.detail for v in others.values())
    assert {v.status for v in verdicts.references.values()} == {"unverified"}


def test_ttls_by_status(tmp_path):
    path = tmp_path / "c.sqlite3"
    start = 1_800_000_000.0
    cache = Cache(path, now=start)
    cache.put_many("work", [("found", "found", {}), ("gone", "not_found", {}), ("down", "unverified", {})])
    cache.close()
    assert Cache(path, now=start + 1).get("work", "down") is None  # unverified: never stored
    after_two_days = Cache(path, now=start + 2 * DAY)
    assert after_two_days.get("work", "gone") is None
    assert after_two_days.get("work", "found").state == "found"
    assert Cache(path, now=start + 13 * 7 * DAY).get("work", "found") is None


def test_not_found_is_asked_again_after_a_day(fake, settings):
    verify([analysis_with([], prose_dois=[NOT_A_DOI_AT_CROSSREF])], settings)
    asked = len(fake.seen)
    verify([analysis_with([], prose_dois=[NOT_A_DOI_AT_CROSSREF])], settings)
    assert len(fake.seen) == asked  # within the day: cached
    cache = Cache(cache_path(settings))
    cache._connection.execute("UPDATE entries SET expires_at = 0")  # a day later
    cache.close()
    verify([analysis_with([], prose_dois=[NOT_A_DOI_AT_CROSSREF])], settings)
    assert len(fake.seen) > asked


def _write_entries(path: str, worker: int, count: int) -> int:
    cache = Cache(Path(path))
    for i in range(count):
        cache.put_many("work", [(f"10.5555/w{worker}.{i}", "found", {"worker": worker, "i": i})])
    cache.close()
    return count


def test_two_processes_share_one_cache(tmp_path):
    path = str(tmp_path / "shared" / "crossref.sqlite3")
    context = multiprocessing.get_context("spawn")
    with context.Pool(2) as pool:
        results = pool.starmap(_write_entries, [(path, 1, 150), (path, 2, 150)])
    assert results == [150, 150]
    cache = Cache(Path(path))
    assert cache.counts() == {"work": 300}
    assert cache.get("work", "10.5555/w2.149").payload == {"worker": 2, "i": 149}
    assert cache._connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


@pytest.mark.parametrize("content", [b"this is not a database at all" * 100, "sqlite-foreign"])
def test_corrupt_or_foreign_cache_is_rebuilt_with_a_warning(fake, settings, content):
    seed_crossref(fake)
    path = cache_path(settings)
    path.parent.mkdir(parents=True)
    if content == "sqlite-foreign":
        connection = sqlite3.connect(path)
        connection.execute("CREATE TABLE someone_elses (x)")
        connection.commit()
        connection.close()
    else:
        path.write_bytes(content)
    with pytest.warns(RuntimeWarning, match="moved to"):
        [verdicts] = verify([analysis_with([], prose_dois=[HAUSENBLAS])], settings)
    assert verdicts.dois[HAUSENBLAS].status is DoiStatus.VERIFIED
    assert list(path.parent.glob("crossref.sqlite3.broken-*"))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        verify([analysis_with([], prose_dois=[HAUSENBLAS])], settings)  # rebuilt: no warning now


def test_cache_info_and_clear(fake, settings):
    seed_crossref(fake)
    assert cache_info(settings)["entries"] == {}
    verify([seed_analysis()], settings)
    info = cache_info(settings)
    assert info["path"] == str(cache_path(settings))
    assert info["entries"] == {"crossref": 3, "crossref:search": 2}  # keyed by source
    assert info["size_bytes"] > 0
    assert cache_clear(settings) == 5
    assert cache_info(settings)["entries"] == {}


def _open_at_once(path: str, barrier, failures) -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        barrier.wait()
        try:
            cache = Cache(Path(path))
            cache.put_many("work", [("10.5555/x", "found", {"a": 1})])
            cache.close()
        except Exception as error:  # noqa: BLE001 - reported to the parent
            failures.put(repr(error))
    for warning in caught:
        failures.put(str(warning.message))


def test_many_processes_creating_the_cache_at_once_neither_fail_nor_move_it_aside(tmp_path):
    """Found by a stress run: a process reading the file while another set it up saw a table
    without an application id ("not a claimlint cache") and moved a good cache aside."""
    context = multiprocessing.get_context("fork")
    for round_number in range(6):
        folder = tmp_path / f"round{round_number}"
        folder.mkdir()
        barrier, failures = context.Barrier(8), context.Queue()
        workers = [context.Process(target=_open_at_once, args=(str(folder / "c.sqlite3"), barrier, failures))
                   for _ in range(8)]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join(60)
        problems = []
        while not failures.empty():
            problems.append(failures.get())
        assert not problems, problems
        assert not list(folder.glob("*broken*"))
