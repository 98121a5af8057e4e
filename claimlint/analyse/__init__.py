"""Analyse stage: Document -> Analysis (language, sentences, claims, citations, references, DOIs,
disclaimer). Pure computation: no I/O beyond the rule packs and spaCy's installed data."""

from __future__ import annotations

from claimlint.analyse.claims import claim_of, is_claim, load_model, scores, views
from claimlint.analyse.disease import CURES, cited_disease_titles, contexts, judge, question_hooks
from claimlint.analyse.disclaimer import disclaimer_verdict
from claimlint.analyse.dois import find_dois
from claimlint.analyse.language import choose_language
from claimlint.analyse.lexicon import Vocabulary, lexicon
from claimlint.analyse.nlp import pipeline
from claimlint.analyse.page import load_model as page_model
from claimlint.analyse.page import own_product_named, page_verdict, read_surroundings, reported_speech, signals
from claimlint.analyse.pubmed_ids import find_pubmed_ids
from claimlint.analyse.references import looks_like_entry, parse_entry, reference_section
from claimlint.analyse.rules import all_section_names, rule_pack
from claimlint.analyse.sentences import split_sentences
from claimlint.model import Analysis, BlockKind, Claim, Document, Span


def analyse(document: Document, language_option: str = "auto", model: str | None = None,
            vocabulary: Vocabulary = Vocabulary()) -> Analysis:
    analysis, packs, found_disclaimer = structure(document, language_option, model)
    language, blocks = analysis.language, document.blocks
    all_views = views(analysis.sentences, blocks, lexicon(language, vocabulary))
    probabilities = scores(all_views, language)
    context = contexts(all_views, language)
    disease = {index: found for index, view in enumerate(all_views)
               if view.eligible or (view.kind is BlockKind.HEADING and not view.sentence.is_disclaimer)
               for found in [judge(view, language, context[index])] if found is not None}
    for index, found in cited_disease_titles(all_views, probabilities, analysis.references,
                                             lexicon(language, vocabulary)).items():
        disease.setdefault(index, found)
    for index, found in question_hooks(all_views, language).items():
        disease.setdefault(index, found)
    # an effect on a named disease is a health claim whatever the model's doubt ("Turmeric cures arthritis.")
    analysis.claims = [claim_of(v, p) for i, (v, p) in enumerate(zip(all_views, probabilities))
                       if v.eligible and p is not None and (is_claim(p) or getattr(disease.get(i), "criterion", "") == CURES)]
    own_product = None
    if vocabulary.products:  # the user's products, named outside a quotation of someone else
        quoted = reported_speech(all_views, language)
        own_product = own_product_named([v for i, v in enumerate(all_views) if i not in quoted], vocabulary.products)
    verdict = page_verdict(signals(all_views, probabilities, load_model().threshold, len(analysis.references),
                                   prose_disclaimer(analysis), read_surroundings(document, language), language),
                           own_product=own_product)
    analysis.markets_supplement, analysis.supplement_probability = verdict.markets_supplement, verdict.probability
    analysis.markets_supplement_surely = verdict.surely
    analysis.disease_claims = list(disease.values())
    # CL301 names the claims a reader sees, headings among them ("## Supports restful sleep*"),
    # though a heading is asked for no citation
    headings = [claim_of(v, p) for v, p in zip(all_views, probabilities)
                if v.kind is BlockKind.HEADING and not v.sentence.is_disclaimer and is_claim(p)]
    shown = sorted(analysis.claims + headings, key=lambda c: c.sentence.span.start)
    analysis.disclaimer = disclaimer_verdict(found_disclaimer, shown, verdict.markets_supplement,
                                             verdict.reasons, packs[0], packs)
    return analysis


def prose_disclaimer(analysis) -> bool:
    """Whether the article's own text carries the disclaimer (a page signal): one printed around it
    by the site, in every page's footer, says nothing about this page."""
    return any(sentence.is_disclaimer for sentence in analysis.sentences)


def structure(document: Document, language_option: str = "auto", model: str | None = None):
    """Everything but the judgements: language, sentences, references, DOIs, the disclaimer's
    sentences. (Training reads sentences from here, so that it sees exactly what analyse() sees.)"""
    language, language_source = choose_language(document, language_option)
    pack = rule_pack(language)
    packs = [pack] if language == "en" else [pack, rule_pack("en")]
    nlp = pipeline(language, model)
    blocks = document.blocks
    sentences, docs = split_sentences(blocks, nlp, pack.get("abbreviations", []))

    # Disclaimer sentences first: they are neither claims nor reference entries.
    from claimlint.analyse.disclaimer import find_disclaimer, site_disclaimer

    found_disclaimer = find_disclaimer(sentences, packs, blocks)
    disclaimer_blocks = {s.block_index for s in sentences if s.is_disclaimer}
    if document.site_blocks and not (len(found_disclaimer) == 1 and found_disclaimer[0].which == (1, 2)
                                     and found_disclaimer[0].intact):
        # printed around the article (a site's footer): it counts when the article has no whole one
        around = site_disclaimer(document.site_blocks, packs, nlp, pack.get("abbreviations", []))
        if around and (not found_disclaimer or len(around) == 1 and around[0].which == (1, 2) and around[0].intact):
            found_disclaimer = around

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
    pubmed_ids = find_pubmed_ids(blocks)
    _place_in_references(pubmed_ids, references)

    analysis = Analysis(
        document=document,
        language=language,
        language_source=language_source,
        sentences=sentences,
        claims=[],
        references=references,
        references_span=references_span,
        dois=dois,
        disclaimer=None,
        pubmed_ids=pubmed_ids,
    )
    return analysis, packs, found_disclaimer


def _place_in_references(dois: list, references: list) -> None:
    """Each DOI (or PMID, PMCID) mention's reference entry, by bisection (a loop over all entries per DOI was
    quadratic in a long reference list). Entries do not overlap; they are sorted by position
    here because Markdown footnotes arrive after the text that follows them."""
    import bisect

    order = sorted(range(len(references)), key=lambda number: references[number].span.start)
    starts = [references[number].span.start for number in order]
    for mention in dois:
        position = bisect.bisect_right(starts, mention.span.start) - 1
        if position >= 0 and mention.span.start < references[order[position]].span.end:
            mention.reference_index = order[position]
