"""CL5xx: what kind of evidence a citation is, read from the records the verify stage fetched
(no I/O here): a preprint, a notice instead of the work, an animal or cell study behind a claim
about people, an old source behind a statistic. Warnings: each is a question for the writer,
not an error in the citation."""

from __future__ import annotations

import bisect
import datetime
import re
from typing import Iterator

from claimlint.checks.base import CheckOptions, Problem, Rule, RuleFamily
from claimlint.model import Analysis, DoiStatus, DoiVerdict, Sentence, Severity, Span, Verdicts, WorkRecord

_REF = "\n\n## References\n\n"

# Preprint servers: by name (container, or the publisher's name as Crossref gives it) and by DOI prefix.
PREPRINT_SERVERS = re.compile(r"\b(medrxiv|biorxiv|research square|ssrn|preprints\.org|arxiv|chemrxiv|psyarxiv"
                              r"|osf preprints|authorea|scielo preprints)\b", re.I)
PREPRINT_PREFIXES = ("10.1101/", "10.21203/", "10.2139/", "10.20944/", "10.48550/", "10.31234/", "10.22541/")
# A notice's own title ("Retraction: ...", "Correction to: ...", "Erratum").
NOTICE_TITLE = re.compile(r"^\s*(retraction( notice)?|notice of retraction|retracted article|erratum|corrigendum"
                          r"|correction( to)?|expression of concern)\b", re.I)
# What an entry or sentence says when the writer knowingly cites a notice.
NOTICE_WORDS = re.compile(r"\b(retract\w*|erratum|errata|corrigend\w*|correction|corrected|withdraw\w*|expression of concern"
                          r"|intrekking|rectificatie|berichtigung|zurückgezogen|rétractation|rectificati\w+"
                          r"|retractación|corrección)\b", re.I)
# Animal and cell studies, by title words (English, as titles mostly are) and MeSH headings.
NOT_PEOPLE = re.compile(r"\b(mice|mouse|murine|rats?|rodents?|hamsters?|guinea pigs?|rabbits?|zebrafish|drosophila"
                        r"|c\. elegans|caenorhabditis|piglets?|in vitro|cell lines?|cultured (?:\w+ )?cells"
                        r"|cells? cultures?|organoids?|animal models?|ex vivo|knockout)\b", re.I)
PEOPLE = re.compile(r"\b(humans?|patients?|participants?|volunteers?|adults?|children|adolescents?|women|men"
                    r"|people|persons?|subjects|infants?|elderly|older adults|population|cohort|randomi[sz]ed"
                    r"|clinical trial|meta-analysis|systematic review)\b", re.I)
# A claim that itself says it is about animals or cells, in the article's languages.
SENTENCE_NOT_PEOPLE = re.compile(
    r"\b(mice|mouse|murine|rats?|rodents?|animals?|in vitro|cells?|cell lines?|laboratory|lab"
    r"|muizen|muis|ratten|dieren|proefdieren|cellen|mäusen?|mäuse|ratten|tieren?|tierversuch\w*|zellen"
    r"|souris|rats|animaux|cellules|ratones|ratas|animales|células)\b", re.I)
YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
# "human fibroblast cell lines" names cells, not people.
HUMAN_CELLS = re.compile(r"\bhuman(?=(?:[\s-]+[\w-]+){0,3}[\s-]+(?:cells?|cell lines?|fibroblasts?|keratinocytes?"
                         r"|organoids?|tissue cultures?)\b)", re.I)
NOT_STUDIES = frozenset({"book", "monograph", "edited-book", "reference-book", "book-set", "book-series"})

RULES: tuple[Rule, ...] = (
    Rule(
        code="CL501",
        name="preprint-cited",
        severity=Severity.WARNING,
        summary="A cited work is a preprint: not yet peer reviewed.",
        description=(
            "The cited DOI's record is a preprint: Crossref's type `posted-content`, a preprint "
            "server (medRxiv, bioRxiv, Research Square, SSRN, arXiv, ...) as its container or DOI "
            "prefix, or PubMed's publication type \"Preprint\". Say in the text that the result is "
            "not peer reviewed yet, or cite the published version when there is one."
        ),
        why=(
            "A preprint has not been through peer review; many change, and some are never published. "
            "Readers take a citation as support that has been checked."
        ),
        limitations=(
            "Needs the cited work's record (Crossref, PubMed). A published version of the preprint "
            "is not looked for."
        ),
        fail_example="Magnesium shortened the time it takes to fall asleep in a small trial [1]." + _REF
        + "1. Doe J, Roe R. Magnesium glycinate and sleep latency: a pilot trial. medRxiv. 2023. "
        "doi:10.1101/2023.03.01.23286001\n",
        pass_example="Magnesium shortened the time it takes to fall asleep in a small trial [1]." + _REF
        + "1. Doe J, Roe R. Magnesium glycinate and sleep latency: a pilot trial. Sleep Health. "
        "2024;10(2):101-107. doi:10.5555/sleephealth.2024.101\n",
        needs_verification=True,
    ),
    Rule(
        code="CL502",
        name="notice-cited-as-work",
        severity=Severity.WARNING,
        summary="A cited DOI is a retraction notice, correction or erratum, not the work itself.",
        description=(
            "The record of the cited DOI (or PMID) is itself a notice: Crossref lists what it updates "
            "(`update-to`), PubMed types it \"Retraction of Publication\" or \"Published Erratum\", "
            "or its title begins \"Retraction\", \"Correction to\", \"Erratum\". An entry or sentence "
            "that says it cites a retraction or correction is left alone."
        ),
        why=(
            "A notice's DOI in place of the article's usually comes from a copy-paste slip, and it "
            "sends readers to a page that does not hold the evidence (or says it was withdrawn)."
        ),
        limitations=(
            "Needs the cited work's record; a notice that neither its metadata nor its title marks "
            "as one is not seen."
        ),
        fail_example="Zinc lozenges shorten colds by about two days [1]." + _REF
        + "1. Brandt L, Weiss M. Zinc acetate lozenges and the duration of colds. Respir Rep. "
        "2016;4(1):1-8. doi:10.5555/respir.2017.c1\n",
        pass_example="Zinc lozenges shorten colds by about two days [1]." + _REF
        + "1. Brandt L, Weiss M. Zinc acetate lozenges and the duration of colds. Respir Rep. "
        "2016;4(1):1-8. doi:10.5555/respir.2016.001\n",
        needs_verification=True,
    ),
    Rule(
        code="CL503",
        name="animal-study-for-people",
        severity=Severity.WARNING,
        summary="A claim about people cites a study in animals or cells.",
        description=(
            "A health claim whose sentence does not say it is about animals or cells cites a work "
            "whose title (or MeSH headings) names mice, rats, other animals, cell lines or in vitro "
            "work, and names no people. Say what the study was done in, or cite human evidence."
        ),
        why=(
            "Results in mice or in a dish often do not hold in people; presented as a claim about "
            "people, they overstate the evidence."
        ),
        limitations=(
            "Judged from the title (PubMed summaries carry no MeSH headings): a title that does not "
            "name the species is not seen, and a study of both animals and people is left alone."
        ),
        fail_example="Magnesium improves memory in older adults [1]." + _REF
        + "1. Kim S, Park J. Dietary magnesium and spatial memory in aged mice. Neurobiol Diet. "
        "2021;7:22-30. doi:10.5555/neurodiet.2021.22\n",
        pass_example="In aged mice, extra magnesium improved spatial memory [1]." + _REF
        + "1. Kim S, Park J. Dietary magnesium and spatial memory in aged mice. Neurobiol Diet. "
        "2021;7:22-30. doi:10.5555/neurodiet.2021.22\n",
        needs_verification=True,
    ),
    Rule(
        code="CL504",
        name="old-source-for-statistic",
        severity=Severity.WARNING,
        summary="A statistic cites a work more than 15 years old (statistic-max-age).",
        description=(
            "A claim stating a number about people or health cites a work published more than "
            "`statistic-max-age` years ago (default 15; set it in the config). A sentence that dates "
            "the figure itself (\"in 2003, ...\") is left alone."
        ),
        why=(
            "Prevalences, intakes and risks change; an old figure presented in the present tense "
            "may no longer be true."
        ),
        limitations=(
            "Needs the cited work's record (its year). A recent source that reports an old figure "
            "is not seen; neither is an old one cited for a figure that has not changed."
        ),
        fail_example="About 48% of adults get too little magnesium from food [1]." + _REF
        + "1. Lane T, Osei K. Magnesium intake in a national sample of adults. Nutr Surv. "
        "2004;12(3):201-206. doi:10.5555/nutrsurv.2004.201\n",
        pass_example="About 48% of adults get too little magnesium from food [1]." + _REF
        + "1. Lane T, Osei K. Magnesium intake in a national sample of adults. Nutr Surv. "
        "2022;30(3):201-206. doi:10.5555/nutrsurv.2022.201\n",
        needs_verification=True,
    ),
)


def is_preprint(record: WorkRecord) -> bool:
    names = " ".join([*record.containers, record.container or ""])
    return (record.type == "posted-content"
            or any(p.lower() == "preprint" for p in record.publication_types)
            or bool(PREPRINT_SERVERS.search(names))
            # by prefix only when no type says otherwise: 10.1101 is also Cold Spring Harbor's journals
            or bool(record.type is None and record.doi and record.doi.startswith(PREPRINT_PREFIXES)))


def is_notice(record: WorkRecord) -> bool:
    return bool(record.notice_for) or bool(record.title and NOTICE_TITLE.match(record.title))


def is_animal_or_cell_study(record: WorkRecord) -> bool:
    mesh = {m.lower() for m in record.mesh}
    if "animals" in mesh and "humans" not in mesh:
        return True
    if record.type in NOT_STUDIES:  # a book about rats is no rat study
        return False
    title = record.title or ""
    return bool(NOT_PEOPLE.search(title)) and not PEOPLE.search(HUMAN_CELLS.sub("", title))


def _usable(verdict: DoiVerdict | None) -> WorkRecord | None:
    """The record a verdict rests on, unless it is another work than the one the entry meant."""
    if verdict is None or verdict.record is None or verdict.status is DoiStatus.MISMATCH:
        return None
    return verdict.record


def _cited(analysis: Analysis, verdicts: Verdicts) -> list[tuple[Span, int | None, str, WorkRecord]]:
    """Every identifier mention with a usable record: (span, reference index, label, record)."""
    found = []
    for mention in analysis.dois:
        record = _usable(verdicts.dois.get(mention.doi)) if mention.valid else None
        if record:
            found.append((mention.span, mention.reference_index, f"DOI {mention.doi}", record))
    for pubmed in analysis.pubmed_ids:
        record = _usable(verdicts.pubmed_ids.get(pubmed.value))
        if record:
            found.append((pubmed.span, pubmed.reference_index, f"{pubmed.label} {pubmed.value}", record))
    return sorted(found, key=lambda item: item[0].start)


class _Citing:
    """Who cites what in one article, indexed once (every lookup below is a dict or a bisection:
    an article with thousands of identifiers and sentences stays linear)."""

    def __init__(self, analysis: Analysis, cited: list[tuple[Span, int | None, str, WorkRecord]]) -> None:
        labels = {r.label: i for i, r in enumerate(analysis.references) if r.label}
        if not labels:  # an unnumbered list is cited by position, as CL209 reads it
            labels = {str(i + 1): i for i in range(len(analysis.references))}
        self._labels = labels
        self._cited = cited  # sorted by position
        self._starts = [span.start for span, _, _, _ in cited]
        self._by_entry: dict[int, list[int]] = {}
        for number, (_, reference, _, _) in enumerate(cited):
            if reference is not None:
                self._by_entry.setdefault(reference, []).append(number)
        self._sentences = sorted((s for s in analysis.sentences), key=lambda s: s.span.start)
        self._sentence_starts = [s.span.start for s in self._sentences]
        self.sentences_citing: dict[int, list[Sentence]] = {}
        for sentence in self._sentences:
            if not sentence.in_references:
                for index in self.entries_of(sentence):
                    self.sentences_citing.setdefault(index, []).append(sentence)

    def entries_of(self, sentence: Sentence) -> set[int]:
        return {self._labels[label.lower()] for marker in sentence.markers if marker.kind in ("numeric", "footnote")
                for label in marker.labels if label.lower() in self._labels}

    def sentence_at(self, offset: int) -> Sentence | None:
        at = bisect.bisect_right(self._sentence_starts, offset) - 1
        if at >= 0 and offset < self._sentences[at].span.end:
            return self._sentences[at]
        return None

    def records_behind(self, sentence: Sentence) -> list[tuple[str, WorkRecord]]:
        """The records a sentence cites: identifiers inside it, and those in the entries it marks."""
        low = bisect.bisect_left(self._starts, sentence.span.start)
        high = bisect.bisect_left(self._starts, sentence.span.end)
        numbers = set(range(low, high))
        for index in self.entries_of(sentence):
            numbers.update(self._by_entry.get(index, ()))
        out: dict[str, WorkRecord] = {}
        for number in sorted(numbers):
            _, _, label, record = self._cited[number]
            out.setdefault(label, record)
        return list(out.items())


def check(analysis: Analysis, verdicts: Verdicts, options: CheckOptions = CheckOptions()) -> Iterator[Problem]:
    if not verdicts.ran:
        return
    cited = _cited(analysis, verdicts)
    citing = _Citing(analysis, cited)
    for span, reference, label, record in cited:
        extra = {"identifier": label, "title": record.title, "year": record.year, "source": record.source}
        if is_preprint(record):
            server = record.container or "a preprint server"
            yield Problem("CL501", f"{label} is a preprint ({server}), not peer reviewed: "
                                   f"{_describe(record)}", span, extra)
        entry = analysis.references[reference].raw if reference is not None and 0 <= reference < len(
            analysis.references) else ""
        around = citing.sentence_at(span.start)
        citing_texts = [s.text for s in citing.sentences_citing.get(reference, [])] if reference is not None else []
        context = [entry, *citing_texts, *([around.text] if around else [])]
        if is_notice(record) and not any(NOTICE_WORDS.search(text) for text in context):
            what = (record.notice_for[0].get("type") or "notice").replace("_", " ") if record.notice_for else "notice"
            yield Problem("CL502", f"{label} is a {what} notice, not the work itself: {_describe(record)}; "
                                   "cite the article's own DOI", span, extra)
    this_year = options.year or datetime.date.today().year
    for claim in analysis.claims:
        sentence = claim.sentence
        behind = citing.records_behind(sentence)
        if not SENTENCE_NOT_PEOPLE.search(sentence.text):
            for label, record in behind:
                if is_animal_or_cell_study(record) and not NOTICE_WORDS.search(sentence.text):
                    yield Problem("CL503", f"a claim about people cites an animal or cell study: {label} "
                                           f"{_describe(record)}", sentence.span,
                                  {"identifier": label, "title": record.title})
                    break
        if claim.kind == "statistic":
            dated = [int(y) for y in YEAR.findall(sentence.text)]
            for label, record in behind:
                age = this_year - record.year if record.year else 0
                if age > options.statistic_max_age and not any(y <= record.year + 1 for y in dated):
                    yield Problem("CL504", f"a statistic cites a work from {record.year} ({age} years old; "
                                           f"statistic-max-age is {options.statistic_max_age}): {label}",
                                  sentence.span, {"identifier": label, "year": record.year})
                    break


def _describe(record) -> str:
    # read on use: a cached offline re-run of pages without identifiers imports no part of verify
    from claimlint.verify.records import describe

    return describe(record)


FAMILY = RuleFamily(rules=RULES, check=check, check_with=check)

