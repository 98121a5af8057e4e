"""The supplement disclaimer: the policy users set (config, overrides, front matter), equivalent
forms that are not "altered", what CL302 says differs, and the claims CL301 names."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimlint.checks.disclaimer import PRODUCT_PAGE
from claimlint.config import ConfigError, build_config
from .conftest import offline_env, run_cli, run_text

S1 = "These statements have not been evaluated by the Food and Drug Administration."
S2 = "This product is not intended to diagnose, treat, cure, or prevent any disease."
# A product page the page verdict recognises as marketing (a price, claims marked *, directions).

SHOP = PRODUCT_PAGE + "\n"
NEUTRAL = "Magnesium is a mineral found in nuts and seeds.\n"


def disclaimer_findings(text: str, fmt: str = "markdown", **settings) -> list:
    return [f for f in run_text(text, fmt, **settings).findings if f.code in ("CL301", "CL302")]


# --- item 2: the policy --------------------------------------------------------------------------

def test_front_matter_required_gives_cl301_without_any_claim():
    text = "---\nclaimlint:\n  disclaimer: required\n---\n\n" + NEUTRAL
    [finding] = disclaimer_findings(text)
    assert finding.code == "CL301"
    assert "front matter" in finding.message


def test_front_matter_off_silences_cl301_and_cl302():
    assert [f.code for f in disclaimer_findings(SHOP)] == ["CL301"]
    assert disclaimer_findings("---\nclaimlint: {disclaimer: off}\n---\n\n" + SHOP) == []
    altered = SHOP + S1 + " This product is not intended to treat or cure any disease.\n"
    assert disclaimer_findings("---\nclaimlint: {disclaimer: \"off\"}\n---\n\n" + altered) == []


def test_config_policy_required_and_off():
    assert [f.code for f in disclaimer_findings(NEUTRAL, disclaimer="required")] == ["CL301"]
    assert disclaimer_findings(SHOP, disclaimer="off") == []
    assert disclaimer_findings(NEUTRAL + "\n" + S1 + " " + S2 + "\n", disclaimer="required") == []


def test_front_matter_wins_over_config():
    text = "---\nclaimlint: {disclaimer: off}\n---\n\n" + NEUTRAL
    assert disclaimer_findings(text, disclaimer="required") == []


def test_bad_policy_values():
    with pytest.raises(ConfigError, match="disclaimer must be one of auto, required, off"):
        build_config([("pyproject.toml", {"disclaimer": "always"})])
    result = run_text("---\nclaimlint: {disclaimer: sometimes}\n---\n\n" + NEUTRAL)
    assert any("claimlint.disclaimer" in note for note in result.analysis.document.notes)


def test_per_file_override_requires_the_disclaimer_on_product_pages(tmp_path):
    (tmp_path / "pyproject.toml").write_text(
        '[tool.claimlint]\ndisclaimer = "off"\n\n'
        '[[tool.claimlint.overrides]]\npaths = ["products/**"]\ndisclaimer = "required"\n')
    (tmp_path / "products").mkdir()
    (tmp_path / "products" / "zinc.md").write_text(NEUTRAL)
    (tmp_path / "news.md").write_text(SHOP)
    done = run_cli(["check", "--format", "json", "products/zinc.md", "news.md"], tmp_path, offline_env(tmp_path))
    report = json.loads(done.stdout)
    codes = {f["path"]: [x["code"] for x in f["findings"] if x["code"].startswith("CL3")] for f in report["files"]}
    assert codes == {"products/zinc.md": ["CL301"], "news.md": []}, done.stderr


# --- item 4: equivalent forms are intact ----------------------------------------------------------

@pytest.mark.parametrize("disclaimer", [
    S1.replace(" and ", " & ") + " " + S2,
    S1.replace(" and ", " &amp; ") + " " + S2,
    S1.replace("Food and Drug Administration.", "F.D.A.") + " " + S2,
    S1.replace("Food and Drug Administration", "FDA") + " " + S2,
    "“" + S1 + "” “" + S2 + "”",
    S1.replace("by the ", "by the\n") + "\n" + S2.replace("treat, ", "treat,\n"),
    "*" + S1 + " " + S2,
    "† " + S1 + " " + S2,
    "Disclaimer: " + S1 + " " + S2,
    "**Disclaimer:** " + S1 + " " + S2,
])
def test_equivalent_forms_are_not_altered_markdown(disclaimer):
    assert disclaimer_findings(SHOP + disclaimer + "\n") == []


def test_html_entity_ampersand_is_not_altered():
    html = ("<html><body><main><p>Our magnesium capsules support restful sleep.</p>"
            "<p>Serving size: 2 capsules. Add to cart.</p>"
            f"<p>{S1.replace(' and ', ' &amp; ')}<br>{S2}</p></main></body></html>")
    assert disclaimer_findings(html, "html") == []


def test_line_break_inside_a_one_line_per_paragraph_text_file():
    text = ("Our magnesium capsules support restful sleep and help relax muscles. Add to cart. "
            "Serving size: 2 capsules, taken with water in the evening after a light meal.\n\n"
            + S1.replace("by the ", "by the\n") + " " + S2 + "\n")
    assert disclaimer_findings(text, "text") == []


# --- item 4: CL302 says what differs ---------------------------------------------------------------

@pytest.mark.parametrize("disclaimer, says", [
    (S1 + " This product is not intended to diagnose, treat, or cure any disease.",
     "'prevent' is missing from its second sentence"),
    (S1 + " This product is not intended to treat, diagnose, cure, or prevent any disease.",
     "the verbs of its second sentence are reordered (the regulation's order: diagnose, treat, cure, prevent)"),
    ("These statements have not been evaluated. " + S2,
     '"by the Food and Drug Administration" is missing from its first sentence'),
    (S1, f'its second sentence is missing ("{S2}")'),
    (S2, f'its first sentence is missing ("{S1}")'),
])
def test_cl302_says_what_differs(disclaimer, says):
    [finding] = disclaimer_findings(SHOP + disclaimer + "\n")
    assert finding.code == "CL302"
    assert says in finding.message


def test_cl302_in_another_language_names_the_verb_as_written():
    text = ("---\nlang: de\n---\n\nUnser Magnesium unterstützt einen erholsamen Schlaf. In den Warenkorb.\n\n"
            "Diese Aussagen wurden nicht von der Food and Drug Administration bewertet. Dieses Produkt ist "
            "nicht dazu bestimmt, Krankheiten zu diagnostizieren, zu behandeln oder zu verhindern.\n")
    [finding] = disclaimer_findings(text)
    assert "'heilen' is missing" in finding.message


# --- item 5: CL301 names the page's claims ----------------------------------------------------------

def test_cl301_lists_up_to_three_claims_with_their_lines_not_shop_cues():
    # the policy makes the page one that needs it: this test is about the message, not the verdict
    text = ("---\nclaimlint: {disclaimer: required}\n---\n# Daily Stack, 60 capsules\n\n$19.99 · Add to cart. Free shipping.\n\n"
            "Our magnesium capsules support restful sleep.*\n\n"
            "Our zinc supports the immune system.*\n\n"
            "Our vitamin D helps maintain strong bones.*\n\n"
            "Our iron reduces tiredness and fatigue.*\n\n"
            "Serving size: 2 capsules. Take 2 capsules daily with food.\n")
    [finding] = disclaimer_findings(text)
    assert finding.code == "CL301"
    assert '"Our magnesium capsules support restful sleep." (line 8)' in finding.message
    assert '"Our zinc supports the immune system." (line 10)' in finding.message
    assert "(line 12)" in finding.message and "(line 14)" not in finding.message
    assert "and 1 more" in finding.message
    assert "add to cart" not in finding.message.lower() and "shipping" not in finding.message.lower()


def test_two_unrelated_sentences_are_not_read_together_as_an_altered_disclaimer():
    text = (SHOP + "Our product is not intended for children.\n"
            "Ask a doctor to diagnose, treat or cure any disease.\n")
    assert [f.code for f in disclaimer_findings(text, "text")] == ["CL301"]


def test_cl301_quotes_the_disclaimer_in_the_page_language():
    text = "---\nlang: nl\nclaimlint: {disclaimer: required}\n---\n\nMagnesium is een mineraal.\n"
    [finding] = disclaimer_findings(text)
    assert '("Deze verklaringen zijn niet beoordeeld door de Food and Drug Administration. …")' in finding.message


REWORDED = {
    "en": ("*These statements have not been evaluated by any government agency. "
           "This product is not intended to diagnose or cure any disease."),
    "nl": ("*Deze beweringen zijn niet beoordeeld door een overheidsinstantie. "
           "Dit supplement is niet bedoeld om ziektes vast te stellen of te genezen."),
}


@pytest.mark.parametrize("language", sorted(REWORDED))
def test_a_reworded_disclaimer_without_the_agency_is_altered_not_missing(language):
    text = (f"---\nlang: {language}\nclaimlint: {{disclaimer: required}}\n---\n\n# Magnesium\n\n"
            f"Magnesium supports restful sleep.*\n\n{REWORDED[language]}\n")
    findings = disclaimer_findings(text)
    assert [f.code for f in findings] == ["CL302"], findings
    assert "first sentence is worded differently" in findings[0].message


# --- speed: the key-term shortcut never changes a verdict ----------------------------------------

_PIECES = ["These statements have not been", "evaluated", "évaluated", "Evaluated", "evalu-ated", "by the",
           "FDA", "F.D.A.", "U.S. Food & Drug Administration", "&amp;", "This product is not", "intended",
           "INTENDED", "meant", "designed", "to diagnose, treat, cure, or prevent any disease", "niet bedoeld",
           "beoordeeld", "geprüft", "évalué", "destinado", "ﬁ", "İ", "*", "†", "Disclaimer:", ".", "’"]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_PIECES), max_size=12), st.sampled_from([" ", "", "\n", " - "]))
def test_the_key_term_shortcut_never_hides_a_statement(pieces, glue):
    """find_disclaimer() skips a sentence in which no statement's first key term can be; any
    text whose full comparison finds a statement must pass that test."""
    from claimlint.analyse import disclaimer
    from claimlint.analyse.rules import rule_pack

    text = glue.join(pieces)
    for language in ("en", "de", "fr", "nl", "es"):
        packs = [rule_pack(language)] + ([rule_pack("en")] if language != "en" else [])
        if disclaimer._match(text, packs) is not None:
            assert disclaimer._may_be_statement(text, disclaimer._shortcut(packs)), (language, text)


# --- your own products (config vocabulary.products) settle the verdict ----------------------------

BLOG = ("# Why magnesium matters at night\n\n"
        "Magnesium supports muscle relaxation and restful sleep. Many adults get less than they need from food.\n\n"
        "A warm bath and a dark room help too. {name} combines magnesium glycinate with L-theanine.\n")
PRODUCTS = {"products": ["Deep Sleep Calm"]}


def test_a_blog_post_naming_your_product_needs_the_disclaimer():
    # it reads like an explainer: without the user's word that the product is theirs, no CL301
    assert disclaimer_findings(BLOG.format(name="Deep Sleep Calm")) == []
    result = run_text(BLOG.format(name="Deep Sleep Calm"), vocabulary=PRODUCTS)
    assert [f.code for f in result.findings if f.code.startswith("CL30")] == ["CL301"]
    assert result.analysis.disclaimer.reasons[0] == "your product Deep Sleep Calm (vocabulary.products)"
    assert result.analysis.supplement_probability == 1.0


def test_your_product_named_only_by_someone_quoted_or_on_a_page_without_claims_settles_nothing():
    other = run_text(BLOG.format(name="Night Formula"), vocabulary=PRODUCTS)  # not yours
    assert not other.analysis.markets_supplement
    quoted = BLOG.format(name='"We stock Deep Sleep Calm for our customers," said the pharmacist.')
    assert not run_text(quoted, vocabulary=PRODUCTS).analysis.markets_supplement
    no_claim = "# Shipping\n\nDeep Sleep Calm ships within two days. Returns are free.\n"
    assert not run_text(no_claim, vocabulary=PRODUCTS).analysis.markets_supplement


def test_the_json_report_says_why_the_disclaimer_is_required(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.claimlint.vocabulary]\nproducts = ["Deep Sleep Calm"]\n')
    (tmp_path / "post.md").write_text(BLOG.format(name="Deep Sleep Calm"))
    (tmp_path / "news.md").write_text(NEUTRAL)
    done = run_cli(["check", "--format", "json", "post.md", "news.md"], tmp_path, offline_env(tmp_path))
    post, news = json.loads(done.stdout)["files"]
    assert post["disclaimer"]["required"] and post["disclaimer"]["markets_supplement"]
    assert post["disclaimer"]["policy"] == "auto" and post["disclaimer"]["probability"] == 1.0
    assert post["disclaimer"]["reasons"][0].startswith("your product Deep Sleep Calm")
    assert not news["disclaimer"]["required"] and not news["disclaimer"]["markets_supplement"]
    assert 0.0 <= news["disclaimer"]["probability"] < 0.5


def test_disease_claims_are_checked_on_a_page_naming_your_product():
    page = BLOG.format(name="Deep Sleep Calm") + "\nDeep Sleep Calm cures insomnia for good.\n"
    assert "CL303" not in [f.code for f in run_text(page).findings]  # an explainer, to the model
    assert "CL303" in [f.code for f in run_text(page, vocabulary=PRODUCTS).findings]


def test_your_product_is_matched_as_you_write_it():
    calm = {"products": ["Calm"]}
    page = "# Sleep\n\nMany people keep calm before bed. Magnesium supports restful sleep.\n"
    assert not run_text(page, vocabulary=calm).analysis.markets_supplement
    named = "# Sleep\n\nMagnesium supports restful sleep. Calm combines magnesium with theanine.\n"
    assert run_text(named, vocabulary=calm).analysis.markets_supplement
    # a name in both lists is a product
    both = {"products": ["Calm"], "ignore": ["Calm"]}
    assert run_text(named, vocabulary=both).analysis.markets_supplement
