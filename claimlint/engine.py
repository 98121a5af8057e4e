"""Runs the stages for every file; the one place that knows their order.

load -> analyse -> verify (all files at once, batched) -> checks -> findings (severity, selection,
suppression). Reading files happens here and in files.py only.
"""

from __future__ import annotations

import gc
import hashlib
import os
import re
from dataclasses import dataclass
from typing import Callable, Iterable, Protocol

from claimlint import __version__
from claimlint.checks import suppression
from claimlint.checks.base import CheckOptions, Problem
from claimlint.checks.disclaimer import apply_policy
from claimlint.checks.registry import all_rules, families
from claimlint.checks.suppression import suppressor
from claimlint.config import Config
from claimlint import analysis_cache
from claimlint.load import LoadError, format_for, load_bytes
from claimlint.load.decode import too_large
from claimlint.model import (Analysis, Directive, Document, DoiStatus, DoiVerdict, FileResult, Finding,
                             RunResult, Severity, Verdicts)

EXCERPT_LIMIT = 300


@dataclass(frozen=True)
class Source:
    """One input: a display path, its bytes (None if unreadable) and the config that governs it."""

    path: str
    data: bytes | None
    config: Config
    read_error: str | None = None
    format: str | None = None


class Progress(Protocol):
    """What the engine reports while it works; the CLI draws it (only it knows the terminal)."""

    def files(self, done: int, total: int) -> None: ...

    def references(self, done: int, total: int) -> None: ...


def run(sources: Iterable[Source], progress: Progress | None = None, jobs: int = 1,
        notify: Callable[[str], None] | None = None) -> RunResult:
    """`notify`: where a note for the user goes while the run waits (default: stderr)."""
    sources = list(sources)
    try:
        results = _analyse_all(sources, progress, jobs)
        _verify(results, sources, progress.references if progress else None, notify)
        for result, source in zip(results, sources):
            if result.analysis is not None:
                try:
                    apply_policy(result.analysis, source.config.disclaimer, source.config.disclaimer_origin)
                    result.findings = findings_for(result.analysis, result.verdicts, source.config)
                except Exception as error:  # noqa: BLE001 - one file's failure, not the run's
                    _failed(result, error)
    finally:
        # See finished() in _analyse_all. (A caller's own frozen objects are unfrozen too.)
        gc.unfreeze()
    return RunResult(files=results, version=__version__)


def _release(analysis: Analysis) -> Analysis:
    """Drop what no later stage reads, so that a run holding every file's analysis until the
    report does not hold its prose twice: the blocks and their offset maps (verify and the checks
    read sentences, references and DOIs; the reports the source and its line index; a fix needs
    only where the last block ends). The analysis cache stores what is kept."""
    analysis.document.blocks = analysis.document.blocks[-1:]
    return analysis


def internal_error(error: BaseException) -> str:
    """One line for a failure inside claimlint on one file: the file is reported as not
    linted (exit 2), the other files are still reported."""
    text = " ".join(str(error).split())[:200]
    return f"claimlint could not lint this file (internal error {type(error).__name__}: {text})"


def _failed(result: FileResult, error: BaseException) -> None:
    result.analysis, result.findings, result.error = None, [], internal_error(error)


def default_jobs() -> int:
    return os.cpu_count() or 1


MIN_FILES_PER_WORKER = 4  # below this, starting workers costs more than it saves
CHUNKS_PER_WORKER = 8  # work handed out in this many pieces per worker: enough to even out the end


def _analyse_all(sources: list[Source], progress: Progress | None, jobs: int) -> list[FileResult]:
    """Analysis, in `jobs` worker processes when there is enough of it; results come back in
    input order, so the report is identical to a serial run.

    Files the analysis cache knows are answered first, in this process. The rest goes to the
    workers in chunks of one language each, the languages with the fewest files first: a worker
    builds the spaCy pipeline of a language when it first meets it, so a language that fits in
    one chunk is built by one worker only, while the other works (the French pipeline alone takes
    seconds; building every pipeline in the parent before forking made that wait serial)."""
    total = len(sources)
    results: list[FileResult | None] = [_cached(source) for source in sources]
    done = sum(result is not None for result in results)
    pending = [i for i, result in enumerate(results) if result is None]

    def finished(index: int, result: FileResult) -> None:
        nonlocal done
        results[index] = result
        done += 1
        # Every finished analysis is kept until the report: frozen, the cyclic garbage collector
        # stops walking them all again at each full collection (0.5 ms a file at 3,000 files).
        # run() unfreezes them at its end.
        gc.freeze()
        if progress:
            progress.files(done, total)

    jobs = max(1, min(jobs, len(pending) // MIN_FILES_PER_WORKER))
    if jobs == 1:
        for index in pending:
            finished(index, _analyse_one(sources[index]))
        return results  # type: ignore[return-value]
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed

    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else None)
    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_ignore_sigint)
    try:
        futures = {pool.submit(_analyse_chunk, [sources[index] for index in chunk]): chunk
                   for chunk in _chunks(sources, pending, jobs)}
        for future in as_completed(futures):
            for index, result in zip(futures[future], future.result()):
                finished(index, result)
    except BaseException:
        # Ctrl-C (or a failure): stop now. Waiting for the queued files (what `with` does) would
        # keep the workers analysing the whole run after the user asked it to stop.
        workers = list((getattr(pool, "_processes", None) or {}).values())
        pool.shutdown(wait=False, cancel_futures=True)
        for worker in workers:
            worker.terminate()
        raise
    pool.shutdown(wait=True)
    return results  # type: ignore[return-value]


def _chunks(sources: list[Source], pending: list[int], jobs: int) -> list[list[int]]:
    """The pending files' indices in chunks of one language (a cheap guess from the bytes),
    languages with the fewest files first."""
    from claimlint.analyse.language import quick_language

    by_language: dict[str, list[int]] = {}
    for index in pending:
        source = sources[index]
        by_language.setdefault(quick_language(source.data or b"", source.config.language), []).append(index)
    size = max(MIN_FILES_PER_WORKER, -(-len(pending) // (jobs * CHUNKS_PER_WORKER)))
    return [indices[start : start + size]
            for _, indices in sorted(by_language.items(), key=lambda item: (len(item[1]), item[0]))
            for start in range(0, len(indices), size)]


def _analyse_chunk(chunk: list[Source]) -> list[FileResult]:
    return [_analyse_one(source) for source in chunk]


def _ignore_sigint() -> None:
    """In workers: Ctrl-C reaches the whole process group; only the main process answers it
    (exit 130, one line), so workers print no KeyboardInterrupt tracebacks of their own."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _cached(source: Source) -> FileResult | None:
    """The file's result when it needs no analysis: unreadable, too large, or in the cache."""
    if source.data is None:
        return FileResult(source.path, None, Verdicts(), [], error=source.read_error or "cannot read file")
    config = source.config
    if config.max_file_size and len(source.data) > config.max_file_size:  # before the cache: a
        return FileResult(source.path, None, Verdicts(), [],  # lower limit is never bypassed
                          error=too_large(len(source.data), config.max_file_size))
    analysis = analysis_cache.load(*_cache_slot(source))
    if analysis is None:
        return None
    analysis.document.path = source.path  # the key has no path: the entry may be another spelling's
    return FileResult(source.path, _release(analysis), Verdicts(), [])


def _cache_slot(source: Source):
    config = source.config
    fmt = source.format or format_for(source.path)
    key = analysis_cache.analysis_key(source.data or b"", fmt, config.language, config.model,
                                      repr(config.vocabulary))
    return analysis_cache.cache_root(config.verify.cache_dir), key


def _analyse_one(source: Source) -> FileResult:
    """Load and analyse a file that _cached() could not answer, and cache the analysis."""
    config = source.config
    try:
        document = load_bytes(source.path, source.data or b"", source.format or format_for(source.path),
                              config.max_file_size)
        from claimlint.analyse import analyse

        analysis = analyse(document, config.language, config.model, config.vocabulary)
    except LoadError as error:
        return FileResult(source.path, None, Verdicts(), [], error=str(error))
    except (Exception, RecursionError) as error:  # noqa: BLE001 - one file's failure, not the run's
        return FileResult(source.path, None, Verdicts(), [], error=internal_error(error))
    analysis = _release(analysis)
    analysis_cache.store(*_cache_slot(source), analysis)  # as kept: the blocks were half of an entry
    return FileResult(source.path, analysis, Verdicts(), [])


def _verify(results: list[FileResult], sources: list[Source],
            progress: Callable[[int, int], None] | None, notify: Callable[[str], None] | None = None) -> None:
    analysed = [(r, s) for r, s in zip(results, sources) if r.analysis is not None]
    if not analysed:
        return
    settings = analysed[0][1].config.verify
    if not settings.enabled:
        return
    if not any(r.analysis.dois or (settings.search_references and r.analysis.references) for r, _ in analysed):
        # Nothing to look up: verify() would answer an empty Verdicts(ran=True) for every file.
        # Answered here, a cached re-run of pages without references never imports it.
        for result, _ in analysed:
            result.verdicts = Verdicts(ran=True)
        return
    try:
        from claimlint.verify import verify
    except ImportError:
        return
    reported = [_reported(r.analysis, s.config) for r, s in analysed]
    try:
        extra = {"notify": notify} if notify else {}
        verdicts = verify([r.analysis for r, _ in analysed], settings, progress, reported=reported, **extra)
    except Exception as error:  # noqa: BLE001 - a DOI that could not be checked is unverified
        why = internal_error(error).replace("could not lint this file", "could not check the DOIs")
        verdicts = [Verdicts(dois={m.doi: DoiVerdict(m.doi, DoiStatus.UNVERIFIED, detail=why)
                                   for m in r.analysis.dois if m.valid},
                             pubmed_ids={m.value: DoiVerdict(m.value, DoiStatus.UNVERIFIED, detail=why, scheme=m.scheme)
                                         for m in r.analysis.pubmed_ids}, ran=True) for r, _ in analysed]
    for (result, _), verdict in zip(analysed, verdicts):
        result.verdicts = verdict


def _reported(analysis: Analysis, config: Config) -> tuple[set[str], set[int]]:
    """The identifiers (DOIs, PMIDs, PMCIDs) and reference entries whose verification findings this
    run reports in full: selected
    and suppressed for none of the codes. verify() looks them up before the others, so a block
    of junk under `claimlint-disable CL202 CL207` cannot use up the network budget first."""
    rules = all_rules()
    doi_codes = [c for c, r in rules.items() if r.needs_verification and c != "CL208" and config.selects(c)]
    directives = analysis.document.directives
    index = analysis.document.index

    def shown(codes: list[str], offset: int) -> bool:
        line = index.position(offset)[0]
        return bool(codes) and not any(is_suppressed(code, line, directives) for code in codes)

    dois = {m.doi for m in analysis.dois if shown(doi_codes, m.span.start)}
    dois |= {m.value for m in analysis.pubmed_ids if shown(doi_codes, m.span.start)}
    search = ["CL208"] if config.selects("CL208") else []
    references = {i for i, r in enumerate(analysis.references) if shown(search, r.span.start)}
    return dois, references


def findings_for(analysis: Analysis, verdicts: Verdicts, config: Config) -> list[Finding]:
    rules = all_rules()
    document = analysis.document
    findings: list[Finding] = []
    options = CheckOptions(statistic_max_age=config.statistic_max_age)
    for family in families():
        for problem in family.problems(analysis, verdicts, options):
            if not config.selects(problem.code):
                continue
            rule = rules[problem.code]
            severity = config.severity.get(problem.code, rule.severity)
            findings.append(_finding(document, problem, severity))
    findings.extend(_unused_suppressions(document, findings, verdicts, config))
    findings.sort(key=lambda f: (f.line, f.column, f.code))
    _fingerprint(findings)
    _suppress(findings, document.directives)
    return findings


def _finding(document: Document, problem: Problem, severity: Severity) -> Finding:
    index = document.index
    line, column = index.position(problem.span.start)
    end_line, end_column = index.position(max(problem.span.end, problem.span.start))
    excerpt = document.source[problem.span.start : problem.span.end][:EXCERPT_LIMIT]
    return Finding(
        code=problem.code,
        severity=severity,
        message=problem.message,
        path=document.path,
        line=line,
        column=column,
        end_line=end_line,
        end_column=end_column,
        excerpt=excerpt,
        extra=dict(problem.extra),
    )


def _fingerprint(findings: list[Finding]) -> None:
    """Content-based, so findings keep their identity when lines move (baselines, SARIF)."""
    seen: dict[str, int] = {}
    for finding in findings:
        text = re.sub(r"\s+", " ", finding.excerpt).strip().lower()
        key = f"{finding.code}\x00{text}"
        occurrence = seen.get(key, 0)
        seen[key] = occurrence + 1
        finding.fingerprint = hashlib.sha1(f"{key}\x00{occurrence}".encode()).hexdigest()[:16]


def _suppress(findings: list[Finding], directives: list[Directive]) -> None:
    for finding in findings:
        finding.suppressed = is_suppressed(finding.code, finding.line, directives)


def is_suppressed(code: str, line: int, directives: list[Directive]) -> bool:
    return suppressor(code, line, directives) is not None


def _unused_suppressions(document: Document, findings: list[Finding], verdicts: Verdicts,
                         config: Config) -> list[Finding]:
    """CL401 findings; only directives whose every possible code is selected (and could have fired)."""
    if not document.directives or not config.selects(suppression.CODE):
        return []
    rules = all_rules()
    unverifiable = tuple(code for code, rule in rules.items() if rule.needs_verification and not verdicts.ran)

    def judged(directive: Directive) -> bool:
        codes = directive.codes or ("CL",)
        if not all(config.selects(code) for code in codes):
            return False
        # A prefix like CL2 may cover a Crossref rule that could not fire without verification.
        return not any(known.startswith(code) for code in codes for known in unverifiable)

    severity = config.severity.get(suppression.CODE, rules[suppression.CODE].severity)
    return [_finding(document, problem, severity)
            for problem in suppression.unused_suppressions(document.directives, findings, judged)]


def exit_code(result: RunResult, fail_on: str) -> int:
    if any(f.error for f in result.files):
        return 2
    if fail_on == "never":
        return 0
    threshold = Severity(fail_on).rank
    failing = any(
        finding.severity.rank >= threshold
        for file in result.files
        for finding in file.findings
        if not finding.suppressed
    )
    return 1 if failing else 0
