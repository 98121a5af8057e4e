"""Issue 15 §4: the analysis cache is data only. An entry anyone could write (a CI cache restored
from another branch) never runs code; one of the wrong shape is a miss; a realistic Analysis
comes back equal, with shared objects shared, and new simple fields need no serialiser change."""

from __future__ import annotations

import dataclasses
import json
import os
import pickle
import zlib
from pathlib import Path

import pytest

from claimlint import analysis_cache, model
from claimlint.analyse import analyse
from claimlint.load import load_bytes

from .conftest import ARTICLE, claimlint, offline_env

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def realistic():
    data = (ROOT / "examples" / "magnesium-sleep-en.md").read_bytes()
    data = data.replace(b"---\n", b"---\ndate: 2024-05-01\n", 1) if data.startswith(b"---\n") else data
    return analyse(load_bytes("examples/magnesium-sleep-en.md", data, "markdown"))


def test_a_realistic_analysis_round_trips(realistic):
    assert realistic.claims and realistic.references and realistic.dois and realistic.sentences
    back = analysis_cache.decode(analysis_cache.encode(realistic))
    assert back.sentences == realistic.sentences and back.claims == realistic.claims
    assert back.references == realistic.references and back.dois == realistic.dois
    assert back.disclaimer == realistic.disclaimer and back.document.blocks == realistic.document.blocks
    assert back.document.directives == realistic.document.directives
    assert back.document.source == realistic.document.source
    assert back.document.index.position(100) == realistic.document.index.position(100)
    sentences = {id(s) for s in back.sentences}
    assert all(id(claim.sentence) in sentences for claim in back.claims)  # still one object


def test_a_new_simple_field_needs_no_serialiser_change(realistic, monkeypatch):
    """A field added to Claim later (an optional string, a float, a tuple of strings)."""

    @dataclasses.dataclass
    class Claim(model.Claim):
        note: str | None = None
        probability: float = 0.0
        tags: tuple[str, ...] = ()

    monkeypatch.setattr(model, "Claim", Claim)
    analysis_cache._fields.cache_clear()
    try:
        claims = [Claim(c.sentence, c.kind, c.cues, c.score, subject="magnesium", probability=0.75,
                        tags=("a", "b")) for c in realistic.claims]
        disclaimer = dataclasses.replace(realistic.disclaimer, claims=claims[:1])
        rich = dataclasses.replace(realistic, claims=claims, disclaimer=disclaimer)
        back = analysis_cache.decode(analysis_cache.encode(rich))
        assert back.claims == claims and back.claims[0].tags == ("a", "b")
    finally:
        analysis_cache._fields.cache_clear()


class Boom:
    def __reduce__(self):
        return (os.system, ("touch pwned",))


def test_a_planted_pickle_is_never_run(tmp_path):
    (tmp_path / "good.md").write_text(ARTICLE, encoding="utf-8")
    env = offline_env(tmp_path / "cache")
    first = claimlint(["check", "good.md"], tmp_path, env=env)
    [entry] = list((tmp_path / "cache" / "analysis").rglob("*" + analysis_cache.SUFFIX))
    evil = pickle.dumps(Boom())
    entry.write_bytes(evil)
    entry.with_suffix(".pickle").write_bytes(evil)  # where the old format lived
    second = claimlint(["check", "good.md"], tmp_path, env=env)
    assert not (tmp_path / "pwned").exists()
    assert second.stdout == first.stdout and b"Traceback" not in second.stderr


def packed(document) -> bytes:
    return zlib.compress(json.dumps(document).encode())


@pytest.mark.parametrize("mutate", [
    lambda d: d.update(version=1),
    lambda d: d.update(format="other"),
    lambda d: d["analysis"].update(language=7),
    lambda d: d["analysis"].update(claims="many"),
    lambda d: d["analysis"]["sentences"][0].update(span={"$id": 10**6, "start": "0", "end": 1}),
    lambda d: d["analysis"]["sentences"][0].update(extra=1),
    lambda d: d["analysis"]["claims"][0].update(sentence={"$ref": 99999}),
    lambda d: d["analysis"]["document"].update(format=None),
    lambda d: d["analysis"]["disclaimer"].pop("present"),
], ids=["old-version", "foreign", "str-as-int", "list-as-str", "int-as-str", "unknown-field", "dangling-ref",
        "none-for-str", "missing-field"])
def test_an_entry_of_the_wrong_shape_is_a_miss(realistic, mutate):
    document = json.loads(zlib.decompress(analysis_cache.encode(realistic)))
    mutate(document)
    with pytest.raises(analysis_cache.EntryError):
        analysis_cache.decode(packed(document))


@pytest.mark.parametrize("data", [b"", b"garbage", zlib.compress(b"[" * 100000), zlib.compress(b"x" * 2**20)[:50],
                                  pickle.dumps(Boom())])
def test_unreadable_bytes_are_a_miss(data, tmp_path):
    with pytest.raises(analysis_cache.EntryError):
        analysis_cache.decode(data)
    folder = tmp_path / "ab"
    folder.mkdir()
    (folder / ("ab" + "0" * 62 + analysis_cache.SUFFIX)).write_bytes(data)
    assert analysis_cache.load(tmp_path, "ab" + "0" * 62) is None


def test_one_file_by_two_path_spellings_is_one_analysis(tmp_path, monkeypatch):
    """Issue 14: the key is the content and options, not the path spelling; each spelling is
    still reported under its own path."""
    from claimlint import engine

    (tmp_path / "good.md").write_text(ARTICLE, encoding="utf-8")
    absolute = str(tmp_path / "good.md")
    env = offline_env(tmp_path / "cache")
    analysed = []
    real = engine._analyse_one
    monkeypatch.setattr(engine, "_analyse_one", lambda source: analysed.append(source.path) or real(source))
    result = claimlint(["check", "--format", "json", "--jobs", "1", "good.md"], tmp_path, env=env)
    again = claimlint(["check", "--format", "json", "--jobs", "1", absolute], tmp_path, env=env)
    assert analysed == ["good.md"]
    assert len(list((tmp_path / "cache" / "analysis").rglob("*" + analysis_cache.SUFFIX))) == 1
    assert [f["path"] for f in json.loads(result.stdout)["files"]] == ["good.md"]
    assert [f["path"] for f in json.loads(again.stdout)["files"]] == [absolute]
    assert [f["line"] for f in json.loads(again.stdout)["files"][0]["findings"]] == \
        [f["line"] for f in json.loads(result.stdout)["files"][0]["findings"]]
