"""The page verdict's inputs beyond the prose, and CL303's stricter gate."""

from __future__ import annotations

from claimlint.analyse.page import load_model, shop_words, surroundings
from claimlint.load import load_bytes
from claimlint.model import Analysis

from .conftest import run_text

SHOP_CHROME = """<!DOCTYPE html><html lang="en"><head><title>Calm Magnesium | Example Naturals</title></head>
<body><header><nav><a href="/collections/minerals">Minerals</a> <a href="/cart">Cart</a>
<a href="/account">My account</a></nav></header>
<main><article><h1>Calm Magnesium</h1><p>Magnesium supports restful sleep.</p></article></main>
<footer><a href="/pages/shipping">Shipping and returns</a></footer></body></html>"""

PLAIN = """<!DOCTYPE html><html lang="en"><head><title>Magnesium | City Hospital</title></head>
<body><header><nav><a href="/departments">Departments</a> <a href="/visit">Visiting hours</a></nav></header>
<main><article><h1>Magnesium</h1><p>Magnesium supports restful sleep.</p></article></main>
<footer>City Hospital</footer></body></html>"""


def test_html_navigation_title_and_footer_are_kept_apart_from_the_prose():
    document = load_bytes("page.html", SHOP_CHROME.encode(), "html")
    assert "Cart" in document.chrome and "/cart" in document.chrome and "Example Naturals" in document.chrome
    assert "Shipping and returns" in document.chrome
    assert "Cart" not in " ".join(block.text for block in document.blocks)


def test_storefront_words_around_the_article_are_counted():
    shop = load_bytes("page.html", SHOP_CHROME.encode(), "html")
    hospital = load_bytes("page.html", PLAIN.encode(), "html")
    assert shop_words(surroundings(shop), {"en"}) >= 3  # cart, my account, shipping, returns, collections
    assert shop_words(surroundings(hospital), {"en"}) == 0


def test_a_dutch_shop_is_read_in_dutch_and_in_the_english_of_its_urls():
    html = SHOP_CHROME.replace("Cart", "Winkelwagen").replace("My account", "Mijn account")
    document = load_bytes("page.html", html.encode(), "html")
    assert shop_words(surroundings(document), {"nl"}) >= 2  # winkelwagen, mijn account
    assert shop_words(surroundings(document), {"nl", "en"}) > shop_words(surroundings(document), {"nl"})


def test_markdown_surroundings_are_site_keys_and_link_targets_not_the_authors_notes():
    text = ("---\ntitle: Magnesium capsules\nnotes: see our shop and cart\nsource_url: https://shop.example/cart\n---\n\n"
            "# Magnesium\n\nMagnesium supports restful sleep ([buy](https://example.com/products/magnesium)).\n")
    document = load_bytes("page.md", text.encode(), "markdown")
    around = surroundings(document)
    assert "capsules" in around and "products" in around
    assert "cart" not in around and "notes" not in around


def test_the_strict_threshold_is_at_least_the_verdict_threshold():
    model = load_model()
    assert 0 < model.threshold <= model.strict_threshold < 1


def test_cl303_needs_the_strict_verdict_but_the_policy_overrides_it():
    from claimlint.checks.disease import check
    from claimlint.model import DiseaseClaim, Sentence, Span

    sentence = Sentence("Our capsules cure arthritis.", Span(0, 28), 0, 0, 28)
    analysis = Analysis(document=None, language="en", language_source="test", sentences=[sentence], claims=[],
                        references=[], references_span=None, dois=[], disclaimer=None)
    analysis.disease_claims = [DiseaseClaim(sentence, "arthritis", "cure", "a drug-claim verb on a named disease")]
    analysis.markets_supplement = True
    assert list(check(analysis, None)) == []  # suspected, not sure: CL301 may fire, CL303 may not
    analysis.markets_supplement_surely = True
    assert [p.code for p in check(analysis, None)] == ["CL303"]


def test_policy_required_checks_disease_claims_on_any_page():
    text = "# Turmeric\n\nTurmeric cures arthritis.\n"
    assert "CL303" not in [f.code for f in run_text(text).findings]
    assert "CL303" in [f.code for f in run_text(text, disclaimer="required").findings]


def test_a_claim_citing_a_title_that_names_a_disease_is_a_disease_claim():
    text = ("# Calm Magnesium\n\nOur magnesium capsules support restful sleep [1].\n\n"
            "Magnesium is found in leafy greens [2].\n\n## References\n\n"
            "1. Smith J, Lee K. Magnesium supplementation in chronic insomnia: a randomized trial. Sleep Med. 2019;12:1-9.\n"
            "2. Brown A. Magnesium content of vegetables. J Food Comp. 2015;3:4-5.\n")
    findings = [f for f in run_text(text, disclaimer="required").findings if f.code == "CL303"]
    assert len(findings) == 1 and "insomnia" in findings[0].message and findings[0].line == 3
    plain = text.replace("chronic insomnia", "sleep quality")
    assert not [f for f in run_text(plain, disclaimer="required").findings if f.code == "CL303"]


def test_a_title_with_a_dose_or_pack_size_is_a_product_page():
    from claimlint.analyse.page import read_surroundings

    def pack(text, fmt="markdown", language="en"):
        return read_surroundings(load_bytes("page." + ("html" if fmt == "html" else "md"), text.encode(), fmt),
                                 language).pack_size

    assert pack("# Calm Magnesium 400 mg\n\nMagnesium supports restful sleep.\n")
    assert pack("---\ntitle: Vitamin B12 1000mcg 60s\n---\n\nText.\n")
    assert pack("# Kurkuma Kapseln, 120 Stück\n\nText.\n", language="de") or pack("# Curcumin 60 capsules\n\nText.\n")
    assert pack("<html><head><title>Magnesio x60 caps</title></head><body><p>Texto.</p></body></html>", "html", "es")
    assert pack("# Pure Elderberry Syrup with Ginger (4oz)\n\nText.\n") and pack("# Whey Isolate 1 kg\n\nText.\n")
    assert not pack("# Is 5 grams of creatine enough?\n\nText.\n")  # a unit written out is a question's dose
    assert not pack("# How much vitamin D do you need?\n\nAdults need 10 micrograms a day.\n")
    assert not pack("# Magnesium\n\n## How much: 300 mg a day\n\nText.\n")  # a dose in the text is advice, not a title
    assert not pack("# Magnesium im Test: 12 Präparate geprüft\n\nText.\n", language="de")  # products counted, no pack


def test_a_literal_asterisk_after_a_claim_is_a_marker_but_markdown_emphasis_is_not():
    from claimlint.analyse.page import read_surroundings

    def markers(text):
        document = load_bytes("page.md", text.encode(), "markdown")
        return [document.source[m - 5:m + 1] for m in read_surroundings(document, "en").markers]

    assert markers("## A blood-building mineral*\n\nIron supports energy.* Iron helps.\n") == ["neral*", "ergy.*"]
    assert markers("Iron *really* helps. It is **important** for energy.\n") == []
    assert markers("*These statements have not been evaluated.\n") == []
    assert markers("<p>Supports sleep<sup>†</sup></p>") == ["sleep<sup>†"[-6:]]


def test_a_marker_counts_after_any_sentence_not_only_after_the_claims_the_model_finds():
    # "Promotes increased power output*" names no substance: the claim model scores it not, but its *
    # is the disclaimer's footnote mark all the same
    page = "# Micronized Creatine Powder\n\n- Third-party lab tested\n- Promotes increased power output*\n"
    from claimlint.analyse import structure
    from claimlint.analyse.claims import views
    from claimlint.analyse.lexicon import lexicon
    from claimlint.analyse.page import read_surroundings, signals

    document = load_bytes("page.md", page.encode(), "markdown")
    analysis = structure(document, "en")[0]
    all_views = views(analysis.sentences, document.blocks, lexicon("en"))
    values = signals(all_views, [None] * len(all_views), 0.5, 0, False, read_surroundings(document, "en"), "en")
    assert values["markers"] > 0


def test_a_product_page_whose_only_claim_is_a_heading_needs_the_disclaimer_and_names_that_claim():
    page = ("# Night Calm Magnesium, 90 capsules\n\n## Supports restful sleep and muscle relaxation*\n\n"
            "$24.99 · Add to cart\n\nServing size: 2 capsules. Take 2 capsules daily.\n")
    found = [f for f in run_text(page).findings if f.code == "CL301"]
    assert found and '"Supports restful sleep and muscle relaxation" (line 3)' in found[0].message, found
    # the same heading on a page about sleep, not about a supplement, asks for nothing
    plain = "# Sleep well\n\n## Supports restful sleep and muscle relaxation\n\nGo to bed at the same time every night.\n"
    assert not [f for f in run_text(plain).findings if f.code == "CL301"]


def test_a_brand_quoted_in_a_news_report_speaks_in_its_own_voice_not_the_pages():
    from claimlint.analyse import structure
    from claimlint.analyse.claims import views
    from claimlint.analyse.lexicon import lexicon
    from claimlint.analyse.page import reported_speech

    def quoted(text, language="en"):
        document = load_bytes("page.md", text.encode(), "markdown")
        analysis = structure(document)[0]
        all_views = views(analysis.sentences, document.blocks, lexicon(language))
        return [all_views[i].sentence.text[:12] for i in sorted(reported_speech(all_views, language))]

    report = ('The trial found no benefit. "Our formula supports healthy joints. Customers love it," said the '
              "brand's chief executive. Doctors were not surprised.\n")
    assert quoted(report) == ['"Our formula', "Customers lo"]
    assert quoted('Der Hersteller sagt: „Unsere Kapseln stärken die Abwehr.“ Belege fehlen.\n', "de") == ["Der Hersteller"[:12]]
    # a brand's own slogan in quotes, attributed to nobody, is the page's voice
    assert quoted('Our motto is simple: "We put quality first in every capsule." Order today.\n') == []


def test_cl303_needs_a_page_that_sells_in_its_own_words_not_only_a_shop_link_in_its_menu():
    from claimlint.analyse.page import load_model, page_verdict

    # a page the model is sure of whose own text shows no price, cart, brand voice, pack or marker:
    # its certainty comes from the site's navigation alone (a magazine with a shop link in its menu)
    values = {"supplement_claims": 1.5, "claims": 1.8, "claim_share": 0.4, "substance": 2.3, "shop_site": 3.0,
              "sentences": 2.6}
    verdict = page_verdict(values)
    assert verdict.markets_supplement and verdict.probability >= load_model().strict_threshold
    assert not verdict.surely
    # the same page showing a price of its own is sure
    assert page_verdict(dict(values, prices=1.1)).surely
