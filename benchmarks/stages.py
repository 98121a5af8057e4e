"""Where an article's analysis time goes, stage by stage, in one process (CPU time).

    python benchmarks/stages.py FILE_OR_DIR... [--rounds 2]

Loads and analyses every file (after a first round that builds the pipelines and lexicons, so
only per-file work is timed), then prints the CPU time per file (or per MB, for one file) of
loading, the analysis and its stages, the cache entry and the checks. The stages are timed by
wrapping the functions claimlint.analyse calls; nested ones are indented.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import claimlint.analyse as analyse_module
import claimlint.analyse.disclaimer as disclaimer_module
import claimlint.analyse.sentences as sentences_module
from claimlint import analysis_cache
from claimlint.analyse import analyse
from claimlint.config import build_config
from claimlint.engine import _release, findings_for
from claimlint.load import load_bytes
from claimlint.model import Verdicts

SUFFIXES = {".md", ".markdown", ".html", ".htm", ".txt"}
STAGES = [
    (analyse_module, "split_sentences", "split_sentences (spaCy included)"),
    (sentences_module, "clean_block", "  citation markers (clean_block)"),
    (sentences_module, "_sentence_bounds", "  sentence bounds"),
    (disclaimer_module, "find_disclaimer", "find_disclaimer"),
    (analyse_module, "views", "views (lexicon look-ups)"),
    (analyse_module, "scores", "scores (features, model)"),
    (analyse_module, "find_dois", "find_dois"),
    (analyse_module, "find_pubmed_ids", "find_pubmed_ids"),
    (analyse_module, "judge", "disease claims (judge)"),
    (analyse_module, "signals", "page signals"),
    (analyse_module, "choose_language", "choose_language"),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", type=Path, nargs="+")
    parser.add_argument("--rounds", type=int, default=2, help="timed rounds after the warm-up (default: %(default)s)")
    args = parser.parse_args()
    files = [p for path in args.paths for p in (sorted(path.rglob("*")) if path.is_dir() else [path])
             if p.suffix in SUFFIXES and p.is_file()]
    datas = [(str(p), p.read_bytes()) for p in files]
    totals: dict[str, float] = {}

    def timed(name: str, function):
        def wrapper(*arguments, **keywords):
            started = time.process_time()
            try:
                return function(*arguments, **keywords)
            finally:
                totals[name] = totals.get(name, 0.0) + time.process_time() - started
        return wrapper

    for module, function, name in STAGES:
        setattr(module, function, timed(name, getattr(module, function)))
    config = build_config([("stages", {"verify": False})])
    load, analyse_timed = timed("load", load_bytes), timed("analyse", analyse)
    encode, findings = timed("cache entry (encode)", analysis_cache.encode), timed("checks", findings_for)
    for round_number in range(args.rounds + 1):
        if round_number == 1:
            totals.clear()  # the first round built pipelines and lexicons: not per-file work
        for path, data in datas:
            analysis = _release(analyse_timed(load(path, data)))  # what the engine keeps and caches
            encode(analysis)
            findings(analysis, Verdicts(), config)
    megabytes = sum(len(data) for _, data in datas) / 1024 / 1024
    per, unit = (megabytes, "s/MB") if len(datas) == 1 else (len(datas) / 1000, "ms/file")
    print(f"{len(datas)} files, {megabytes:.2f} MB; CPU time per {'MB' if len(datas) == 1 else 'file'}, "
          f"mean of {args.rounds} rounds")
    order = ["load", "analyse", *[name for _, _, name in STAGES], "cache entry (encode)", "checks"]
    for name in order:
        if name in totals:
            indent = "  " if name not in ("load", "analyse", "cache entry (encode)", "checks") else ""
            print(f"  {indent}{name:<40} {totals[name] / args.rounds / per:8.3f} {unit}")


if __name__ == "__main__":
    main()
