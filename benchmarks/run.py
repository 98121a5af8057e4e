"""Speed and memory of claimlint against its floor and a peer, all measured in one run.

    python benchmarks/run.py [--articles DIR ...] [--size 300] [--memory-size 1000]

Builds a corpus from examples/ (and any --articles folders, e.g. the shared dev set), repeated to
--size files, each copy made unique so no cache can serve it, then prints:
  - claimlint --offline over the corpus at --jobs 1 and --jobs 2: wall time, peak memory;
  - the floor: spacy.blank(lang) + sentencizer over the same texts in one process;
  - proselint (`proselint check`) over the same files, the linter a content team would otherwise run;
  - one-file latency of claimlint, the floor and proselint;
  - a re-run of claimlint over unchanged files (served from the analysis cache);
  - peak memory at --memory-size articles; and the ratios.
Every figure is a median of --repeat runs, in fresh processes.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SUFFIXES = {".md", ".markdown", ".html", ".htm", ".txt"}

MEASURE = r"""
import resource, subprocess, sys, time
start = time.perf_counter()
completed = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
wall = time.perf_counter() - start
peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(f"{wall} {peak_kib} {completed.returncode}")
"""

FLOOR = r"""
import sys, spacy
paths = sys.argv[1:]
pipelines = {}
for path in paths:
    text = open(path, encoding="utf-8", errors="replace").read()
    language = "nl" if "-nl-" in path or path.endswith(".txt") else "de" if "-de-" in path else \
        "fr" if "-fr-" in path else "es" if "-es-" in path else "en"
    if language not in pipelines:
        nlp = spacy.blank(language)
        nlp.add_pipe("sentencizer")
        pipelines[language] = nlp
    doc = pipelines[language](text)
    sum(1 for _ in doc.sents)
"""


def build_corpus(sources: list[Path], size: int, target: Path) -> list[Path]:
    originals = [p for folder in sources for p in sorted(folder.rglob("*")) if p.suffix in SUFFIXES and p.is_file()]
    if not originals:
        sys.exit("no articles found to build a corpus from")
    target.mkdir(parents=True, exist_ok=True)
    files = []
    for number in range(size):
        original = originals[number % len(originals)]
        text = original.read_text(encoding="utf-8", errors="replace")
        # A unique trailing comment makes every copy new to the analysis cache.
        marker = f"\n<!-- copy {number} -->\n" if original.suffix != ".txt" else f"\ncopy {number}\n"
        path = target / f"{number:05d}-{original.name}"
        path.write_text(text + marker, encoding="utf-8")
        files.append(path)
    return files


def measure(command: list[str], repeat: int, env: dict[str, str] | None = None) -> tuple[float, float, int]:
    """(median wall seconds, max peak MiB, last exit code) of a command in fresh processes."""
    walls, peaks, code = [], [], 0
    for _ in range(repeat):
        output = subprocess.run([sys.executable, "-c", MEASURE, *command], capture_output=True, text=True,
                                env=env, check=True).stdout.split()
        walls.append(float(output[0]))
        peaks.append(int(output[1]) / 1024)
        code = int(output[2])
    return statistics.median(walls), max(peaks), code


def claimlint_command(files: list[Path], jobs: int, cache_dir: Path) -> list[str]:
    return [sys.executable, "-m", "claimlint", "check", "--offline", "--cache-dir", str(cache_dir),
            "--format", "json", "--quiet", "--jobs", str(jobs), *map(str, files)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=Path, action="append", default=[], help="more article folders")
    parser.add_argument("--size", type=int, default=300)
    parser.add_argument("--memory-size", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON too")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="claimlint-bench-"))
    try:
        sources = [ROOT / "examples", *args.articles]
        corpus = build_corpus(sources, args.size, work / "corpus")
        single = [corpus[0]]
        has_proselint = shutil.which("proselint") is not None
        figures: dict[str, tuple[float, float]] = {}

        def run(name: str, command: list[str], repeat: int = args.repeat, fresh_cache: bool = True) -> None:
            cache = work / f"cache-{name}"
            if fresh_cache:
                shutil.rmtree(cache, ignore_errors=True)
            if command and command[0] == "claimlint":
                command = claimlint_command(command[2], command[1], cache)
            if fresh_cache and "--cache-dir" in command:
                walls, peaks = [], []
                for _ in range(repeat):  # a fresh cache for every repeat: nothing may be served from it
                    shutil.rmtree(cache, ignore_errors=True)
                    wall, peak, _ = measure(command, 1)
                    walls.append(wall)
                    peaks.append(peak)
                figures[name] = (statistics.median(walls), max(peaks))
            else:
                wall, peak, _ = measure(command, repeat)
                figures[name] = (wall, peak)
            print(f"  {name:<34} {figures[name][0]:8.3f} s  {figures[name][1]:8.1f} MiB", flush=True)

        print(f"corpus: {len(corpus)} articles from {', '.join(str(s) for s in sources)}")
        run("claimlint corpus --jobs 1", ["claimlint", 1, corpus])
        run("claimlint corpus --jobs 2", ["claimlint", 2, corpus])
        run("floor corpus", [sys.executable, "-c", FLOOR, *map(str, corpus)])
        if has_proselint:
            run("proselint corpus", ["proselint", "check", *map(str, corpus)], repeat=1)
        run("claimlint one file", ["claimlint", 1, single])
        run("floor one file", [sys.executable, "-c", FLOOR, str(single[0])])
        if has_proselint:
            run("proselint one file", ["proselint", "check", str(single[0])])
        # Re-run on unchanged files: warm the analysis cache once, then measure.
        warm = claimlint_command(single, 1, work / "cache-rerun")
        subprocess.run(warm, capture_output=True)
        wall, peak, _ = measure(warm, args.repeat)
        figures["claimlint one file, re-run"] = (wall, peak)
        print(f"  {'claimlint one file, re-run':<34} {wall:8.3f} s  {peak:8.1f} MiB")
        spacy_imported = subprocess.run(
            [sys.executable, "-X", "importtime", *warm[1:]], capture_output=True, text=True
        ).stderr.count("| spacy\n")
        big = build_corpus(sources, args.memory_size, work / "memory")
        run(f"claimlint {args.memory_size} articles --jobs 2", ["claimlint", 2, big], repeat=1)

        def ratio(a: str, b: str) -> str:
            return f"{figures[a][0] / figures[b][0]:.2f}x" if a in figures and b in figures else "n/a"

        print("\nratios (targets in brackets):")
        print(f"  corpus --jobs 2 / floor            {ratio('claimlint corpus --jobs 2', 'floor corpus')}  [<= 1.5x]")
        print(f"  one file / floor one file          {ratio('claimlint one file', 'floor one file')}  [<= 1.3x]")
        print(f"  re-run / proselint one file        {ratio('claimlint one file, re-run', 'proselint one file')}  [well under 1x]")
        print(f"  corpus --jobs 1 / proselint corpus {ratio('claimlint corpus --jobs 1', 'proselint corpus')}")
        print(f"  peak memory at {args.memory_size} articles          "
              f"{figures[f'claimlint {args.memory_size} articles --jobs 2'][1]:.0f} MiB  [< 500 MB]")
        print(f"  re-run imports spaCy               {'yes' if spacy_imported else 'no'}  [no]")
        print(f"\nmachine: {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, "
              f"{platform.system()} {platform.release()}")
        if args.json:
            print(json.dumps({k: {"seconds": v[0], "peak_mib": v[1]} for k, v in figures.items()}, indent=2))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    started = time.perf_counter()
    main()
    print(f"(benchmark took {time.perf_counter() - started:.0f} s)")
