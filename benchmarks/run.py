"""Speed and memory of claimlint against its floor, all measured in one run.

    python benchmarks/run.py [--articles DIR ...] [--sizes 300,1000,3000] [--repeat 3] [--json]

The floor is what no linter built on spaCy can beat: `spacy.blank(lang)` + sentencizer over the
same texts in one process. Every figure comes from fresh processes; every claimlint run gets a
fresh cache directory (nothing may be served from an earlier run) except the re-runs, which are
meant to be. claimlint and the floor run in turn, and figures are medians of --repeat runs of
CPU time (user + system, the whole process tree): the machine may be shared, and CPU time is
what other processes disturb least. Wall time is given where it is the point (--jobs).

Measured:
  - a corpus of N files (the examples and any --articles folders, repeated, each copy made unique)
    for every N in --sizes, claimlint --offline --jobs 1 and the floor: a fitted fixed cost and
    per-file slope, and peak memory with its slope per file;
  - --jobs 1 against --jobs 2 on the middle size (wall time);
  - a re-run over the unchanged middle-size corpus, and of one article (analysis cache);
  - one article, cold, against the floor;
  - one large file (--large-mb, made of the same articles), against the floor: s/MB and memory.
Prints a Markdown table (what benchmarks/README.md shows) and the targets of issue 14.
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

# Runs a command; prints its wall time, its process tree's CPU time and peak memory (KiB).
MEASURE = r"""
import resource, subprocess, sys, time
start = time.perf_counter()
completed = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
wall = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss, completed.returncode)
"""

FLOOR = r"""
import re, sys, spacy
pipelines = {}
for path in sys.argv[1:]:
    text = open(path, encoding="utf-8", errors="replace").read()
    found = re.search(r"-(en|nl|de|fr|es)[-.]", path.rsplit("/", 1)[-1])  # 07-nl-name.md, name-nl.txt
    language = found.group(1) if found else "en"
    if language not in pipelines:
        nlp = spacy.blank(language)
        nlp.add_pipe("sentencizer")
        nlp.max_length = 10**9  # the large file
        pipelines[language] = nlp
    doc = pipelines[language](text)
    sum(1 for _ in doc.sents)
"""


def originals(sources: list[Path]) -> list[Path]:
    found = [p for folder in sources for p in sorted(folder.rglob("*")) if p.suffix in SUFFIXES and p.is_file()]
    if not found:
        sys.exit("no articles found to build a corpus from")
    return found


def build_corpus(sources: list[Path], size: int, target: Path) -> list[Path]:
    articles = originals(sources)
    target.mkdir(parents=True, exist_ok=True)
    files = []
    for number in range(size):
        original = articles[number % len(articles)]
        text = original.read_text(encoding="utf-8", errors="replace")
        # A unique trailing comment makes every copy new to the analysis cache.
        marker = f"\n<!-- copy {number} -->\n" if original.suffix != ".txt" else f"\ncopy {number}\n"
        path = target / f"{number:05d}-{original.name}"
        path.write_text(text + marker, encoding="utf-8")
        files.append(path)
    return files


def build_large(sources: list[Path], megabytes: float, target: Path) -> Path:
    """One English Markdown article of about `megabytes`: the bodies of the English Markdown
    articles (front matter cut), one after another, each copy numbered."""
    bodies = []
    for path in originals(sources):
        if path.suffix == ".md" and "-en-" in f"-{path.name}":
            text = path.read_text(encoding="utf-8", errors="replace")
            if text.startswith("---\n") and "\n---\n" in text[4:]:
                text = text[text.index("\n---\n", 4) + 5 :]
            bodies.append(text)
    if not bodies:
        sys.exit("no English Markdown article to build the large file from")
    parts, size, number = [], 0, 0
    while size < megabytes * 1024 * 1024:
        part = f"\n\n## Part {number}\n\n{bodies[number % len(bodies)]}"
        parts.append(part)
        size += len(part.encode())
        number += 1
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text("".join(parts), encoding="utf-8")
    return target


def measure(command: list[str]) -> tuple[float, float, float]:
    """(wall seconds, CPU seconds, peak MiB) of one run of a command in fresh processes."""
    output = subprocess.run([sys.executable, "-c", MEASURE, *command], capture_output=True, text=True,
                            check=True).stdout.split()
    return float(output[0]), float(output[1]), int(output[2]) / 1024


def claimlint(files: list[Path], cache: Path, jobs: int = 1) -> list[str]:
    # not --quiet (which builds no report): the JSON report is written, to /dev/null
    return [sys.executable, "-m", "claimlint", "check", "--offline", "--cache-dir", str(cache),
            "--format", "json", "--jobs", str(jobs), *map(str, files)]


def floor(files: list[Path]) -> list[str]:
    return [sys.executable, "-c", FLOOR, *map(str, files)]


def fit(points: list[tuple[float, float]]) -> tuple[float, float]:
    """Least-squares (intercept, slope) of y over x."""
    xs, ys = [x for x, _ in points], [y for _, y in points]
    mean_x, mean_y = statistics.fmean(xs), statistics.fmean(ys)
    slope = sum((x - mean_x) * (y - mean_y) for x, y in points) / sum((x - mean_x) ** 2 for x in xs)
    return mean_y - slope * mean_x, slope


class Bench:
    def __init__(self, work: Path, repeat: int) -> None:
        self.work, self.repeat, self.runs = work, repeat, 0
        self.figures: dict[str, dict[str, float]] = {}

    def fresh_cache(self) -> Path:
        self.runs += 1
        cache = self.work / f"cache-{self.runs}"
        shutil.rmtree(cache, ignore_errors=True)
        return cache

    def pair(self, name: str, ours, theirs) -> None:
        """claimlint (a function of a fresh cache dir -> command) and the floor's command, in turn."""
        samples: dict[str, list[tuple[float, float, float]]] = {name: [], f"floor {name}": []}
        for _ in range(self.repeat):
            samples[name].append(measure(ours(self.fresh_cache())))
            if theirs is not None:
                samples[f"floor {name}"].append(measure(theirs))
        for key, values in samples.items():
            if values:
                self.record(key, values)

    def record(self, key: str, values: list[tuple[float, float, float]]) -> None:
        wall, cpu, peak = (statistics.median(v[i] for v in values) for i in range(3))
        self.figures[key] = {"wall": wall, "cpu": cpu, "peak_mib": peak}
        print(f"  {key:<44} wall {wall:7.2f} s  cpu {cpu:7.2f} s  peak {peak:7.1f} MiB", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=Path, action="append", default=[], help="more article folders")
    parser.add_argument("--sizes", default="300,1000,3000", help="corpus sizes to fit over (default: %(default)s)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--large-mb", type=float, default=2.0, help="size of the large file (default: %(default)s)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON too")
    args = parser.parse_args()
    sizes = sorted({int(size) for size in args.sizes.split(",")})
    if len(sizes) < 2:
        sys.exit("--sizes needs at least two sizes to fit a slope")

    work = Path(tempfile.mkdtemp(prefix="claimlint-bench-"))
    try:
        sources = [ROOT / "examples", *args.articles]
        bench = Bench(work, args.repeat)
        corpora = {size: build_corpus(sources, size, work / f"corpus-{size}") for size in sizes}
        middle = sizes[len(sizes) // 2] if len(sizes) > 2 else sizes[-1]
        print(f"corpora: {', '.join(map(str, sizes))} files from {', '.join(str(s) for s in sources)}")
        for size in sizes:
            files = corpora[size]
            bench.pair(f"{size} files", lambda cache, files=files: claimlint(files, cache), floor(files))
        files = corpora[middle]
        jobs_runs: dict[str, list[tuple[float, float, float]]] = {"--jobs 1": [], "--jobs 2": []}
        for _ in range(args.repeat):  # in turn, so that both see the same machine
            for jobs in (1, 2):
                jobs_runs[f"--jobs {jobs}"].append(measure(claimlint(files, bench.fresh_cache(), jobs=jobs)))
        for name, values in jobs_runs.items():
            bench.record(f"{middle} files {name}", values)
        rerun_cache = bench.fresh_cache()
        subprocess.run(claimlint(files, rerun_cache), capture_output=True)
        bench.record(f"{middle} files re-run", [measure(claimlint(files, rerun_cache)) for _ in range(args.repeat)])
        single = [corpora[sizes[0]][0]]
        bench.pair("one article", lambda cache: claimlint(single, cache), floor(single))
        one_cache = bench.fresh_cache()
        subprocess.run(claimlint(single, one_cache), capture_output=True)
        bench.record("one article re-run", [measure(claimlint(single, one_cache)) for _ in range(args.repeat)])
        large = build_large(sources, args.large_mb, work / "large" / "large-en.md")
        megabytes = (large.stat().st_size - single[0].stat().st_size) / 1024 / 1024  # beyond one article
        bench.pair("large file", lambda cache: claimlint([large], cache), floor([large]))
        report(bench.figures, sizes, middle, megabytes, args.repeat)
        if args.json:
            print(json.dumps(bench.figures, indent=2))
    finally:
        shutil.rmtree(work, ignore_errors=True)


def report(figures: dict[str, dict[str, float]], sizes: list[int], middle: int, megabytes: float,
           repeat: int) -> None:
    def get(key: str, what: str = "cpu") -> float:
        return figures[key][what]

    ours = fit([(size, get(f"{size} files")) for size in sizes])
    theirs = fit([(size, get(f"floor {size} files")) for size in sizes])
    our_memory = fit([(size, get(f"{size} files", "peak_mib")) for size in sizes])
    their_memory = fit([(size, get(f"floor {size} files", "peak_mib")) for size in sizes])
    last = sizes[-1]
    jobs = get(f"{middle} files --jobs 2", "wall") / get(f"{middle} files --jobs 1", "wall")
    large_ratio = get("large file", "peak_mib") / get("floor large file", "peak_mib")
    # per MB beyond the one-article run: what a larger file adds, without the fixed cost
    seconds_per_mb = (get("large file") - get("one article")) / megabytes
    floor_per_mb = (get("floor large file") - get("floor one article")) / megabytes
    rows = [
        ("fixed cost (fitted)", f"{ours[0]:.2f} s", f"{theirs[0]:.2f} s", f"{ours[0] / theirs[0]:.2f}x"),
        ("per file (fitted slope)", f"{ours[1] * 1000:.1f} ms", f"{theirs[1] * 1000:.1f} ms",
         f"{ours[1] / theirs[1]:.2f}x"),
        *[(f"{size} files, CPU", f"{get(f'{size} files'):.2f} s", f"{get(f'floor {size} files'):.2f} s",
           f"{get(f'{size} files') / get(f'floor {size} files'):.2f}x") for size in sizes],
        *[(f"{size} files, peak memory", f"{get(f'{size} files', 'peak_mib'):.0f} MiB",
           f"{get(f'floor {size} files', 'peak_mib'):.0f} MiB",
           f"{get(f'{size} files', 'peak_mib') / get(f'floor {size} files', 'peak_mib'):.2f}x") for size in sizes],
        ("memory per file (fitted slope)", f"{our_memory[1] * 1024:.1f} KiB", f"{their_memory[1] * 1024:.1f} KiB",
         ""),
        (f"{middle} files, wall, `--jobs 1` (run in turn with `--jobs 2`)",
         f"{get(f'{middle} files --jobs 1', 'wall'):.2f} s", "", ""),
        (f"{middle} files, wall, `--jobs 2`", f"{get(f'{middle} files --jobs 2', 'wall'):.2f} s", "",
         f"{jobs:.2f}x of `--jobs 1`"),
        (f"{middle} files again, unchanged (analysis cache), CPU", f"{get(f'{middle} files re-run'):.2f} s", "", ""),
        ("one article, CPU", f"{get('one article'):.2f} s", f"{get('floor one article'):.2f} s",
         f"{get('one article') / get('floor one article'):.2f}x"),
        ("one article again, unchanged, CPU", f"{get('one article re-run'):.2f} s", "", ""),
        (f"one large file ({megabytes:.1f} MB more than the article), CPU; s/MB beyond the article's run",
         f"{get('large file'):.2f} s ({seconds_per_mb:.2f} s/MB)", f"{get('floor large file'):.2f} s ({floor_per_mb:.2f} s/MB)",
         f"{get('large file') / get('floor large file'):.2f}x ({seconds_per_mb / floor_per_mb:.2f}x per MB)"),
        ("one large file, peak memory", f"{get('large file', 'peak_mib'):.0f} MiB",
         f"{get('floor large file', 'peak_mib'):.0f} MiB", f"{large_ratio:.2f}x"),
    ]
    print(f"\nMedians of {repeat} runs; CPU = user + system time of the process tree.\n")
    print("| what | claimlint | floor | ratio |\n|---|---|---|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    memory_ratio = get(f"{last} files", "peak_mib") / get(f"floor {last} files", "peak_mib")
    targets = [
        ("per-file slope ≤ 2x the floor's", f"{ours[1] / theirs[1]:.2f}x", ours[1] <= 2 * theirs[1]),
        (f"peak memory at {last} files ≤ 1.2x the floor's", f"{memory_ratio:.2f}x", memory_ratio <= 1.2),
        ("large file ≤ 3 s/MB", f"{seconds_per_mb:.2f} s/MB", seconds_per_mb <= 3),
        ("large file memory ≤ 2x the floor's", f"{large_ratio:.2f}x", large_ratio <= 2),
        (f"`--jobs 2` ≤ 0.65x the wall time of `--jobs 1` ({middle} files)", f"{jobs:.2f}x", jobs <= 0.65),
    ]
    print("\n| target (issue 14) | measured | met? |\n|---|---|---|")
    for name, value, met in targets:
        print(f"| {name} | {value} | {'yes' if met else '**no**'} |")
    print(f"\nmachine: {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, "
          f"{platform.system()} {platform.release()}; load average before the run: {LOAD}, after: {load()}")


def load() -> str:
    return " ".join(f"{value:.1f}" for value in os.getloadavg()) if hasattr(os, "getloadavg") else "n/a"


LOAD = load()

if __name__ == "__main__":
    started = time.perf_counter()
    main()
    print(f"(benchmark took {time.perf_counter() - started:.0f} s)")
