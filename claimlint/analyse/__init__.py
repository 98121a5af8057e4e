"""Analyse stage: Document -> Analysis (language, sentences, claims, citations, references, DOIs,
disclaimer). Pure computation: no I/O beyond the rule packs and spaCy's installed data."""

from __future__ import annotations

from claimlint.analyse.claims import backstop, classify, cue_matcher, groups_in, sentence_groups
from claimlint.analyse.disclaimer import disclaimer_verdict, page_url
from claimlint.analyse.dois import find_dois
from claimlint.analyse.language import choose_language
from claimlint.analyse.nlp import pipeline
from claimlint.analyse.references import looks_like_entry, parse_entry, reference_section
from claimlint.analyse.rules import all_section_names, rule_pack
from claimlint.analyse.sentences import split_sentences
from claimlint.model import Analysis, BlockKind, Claim, Document, Span


def analyse(document: Document, language_option: str = "auto", model: str | None = None) -> Analysis:
    language, language_source = choose_language(document, language_option)
    pack = rule_pack(language)
    packs = [pack] if language == "en" else [pack, rule_pack("en")]
    nlp = pipeline(language, model)
    blocks = document.blocks
    sentences, docs = split_sentences(blocks, nlp, pack.get("abbreviations", []))

    # Disclaimer sentences first: they are neither claims nor reference entries.
    from claimlint.analyse.disclaimer import find_disclaimer

    found_disclaimer = find_disclaimer(sentences, packs)
    disclaimer_blocks = {s.block_index for s in sentences if s.is_disclaimer}

    section = reference_section(blocks, all_section_names())
    entry_blocks = []
    for index, block in enumerate(blocks):
        if index in disclaimer_blocks or block.kind is BlockKind.HEADING:
            continue
        in_section = section is not None and section[0] <= index < section[1]
        if in_section or block.kind is BlockKind.FOOTNOTE or looks_like_entry(block.text):
            entry_blocks.append(index)
    references = [
        parse_entry(blocks[i].text, Span(blocks[i].offsets[0], blocks[i].offsets[-1]), blocks[i].label)
        for i in entry_blocks
    ]
    entry_set = set(entry_blocks)
    for sentence in sentences:
        if sentence.block_index in entry_set:
            sentence.in_references = True
    references_span = None
    if references:
        references_span = Span(references[0].span.start, references[-1].span.end)

    dois = find_dois(blocks)
    _place_in_references(dois, references)

    cues = cue_matcher(language, nlp)
    claims: list[Claim] = []
    model_claims: list[Claim] = []
    hits_by_block = {}
    for sentence in sentences:
        block_index = sentence.block_index
        if block_index not in hits_by_block:
            hits_by_block[block_index] = groups_in(docs[block_index], cues)
        kind = blocks[block_index].kind
        if sentence.in_references or sentence.is_disclaimer or kind is BlockKind.HEADING:
            continue
        groups = sentence_groups(sentence, docs[block_index], hits_by_block[block_index], cues)
        claim = classify(sentence, kind, groups, pack)
        if claim is not None:
            claims.append(claim)
        else:
            extra = backstop(sentence, kind, groups, pack, docs[block_index], language)
            if extra is not None:
                model_claims.append(extra)

    full_text = "\n".join(block.text for block in blocks)
    # the disclaimer verdict rests on the rules' claims only; the model's are added after it
    disclaimer = disclaimer_verdict(found_disclaimer, claims, full_text, document.source, pack, packs,
                                    page_url(document.front_matter))
    if model_claims:
        order = {id(s): i for i, s in enumerate(sentences)}
        claims = sorted(claims + model_claims, key=lambda c: order[id(c.sentence)])
    return Analysis(
        document=document,
        language=language,
        language_source=language_source,
        sentences=sentences,
        claims=claims,
        references=references,
        references_span=references_span,
        dois=dois,
        disclaimer=disclaimer,
    )


def _place_in_references(dois: list, references: list) -> None:
    """Each DOI mention's reference entry, by bisection (a loop over all entries per DOI was
    quadratic in a long reference list). Entries do not overlap; they are sorted by position
    here because Markdown footnotes arrive after the text that follows them."""
    import bisect

    order = sorted(range(len(references)), key=lambda number: references[number].span.start)
    starts = [references[number].span.start for number in order]
    for mention in dois:
        position = bisect.bisect_right(starts, mention.span.start) - 1
        if position >= 0 and mention.span.start < references[order[position]].span.end:
            mention.reference_index = order[position]


def warm(languages: set[str], model: str | None = None) -> None:
    """Build the pipelines and compiled rule packs of these languages now (before forking)."""
    for language in sorted(languages | {"en"}):  # English is always consulted (disclaimers)
        cue_matcher(language, pipeline(language, model))
    all_section_names()

