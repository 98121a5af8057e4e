"""Inline suppression comments, and the article's language (declared or detected)."""

from __future__ import annotations

import pytest

from .conftest import SEED, codes, run_text


def visible(text: str, fmt: str = "markdown") -> list[tuple[str, int]]:
    result = run_text(text, fmt)
    return [(f.code, f.line) for f in result.findings if not f.suppressed and f.code.startswith("CL1")]


CLAIMS = [
    "Studies show that magnesium improves sleep in older adults.",  # CL102
    "About 48% of adults fall short of magnesium.",  # CL103
]


def test_without_directives_everything_is_reported():
    assert visible("\n\n".join(CLAIMS) + "\n") == [("CL102", 1), ("CL103", 3)]


def test_disable_next_line_with_code():
    text = f"<!-- claimlint-disable-next-line CL103 -->\n{CLAIMS[1]}\n\n{CLAIMS[0]}\n"
    assert visible(text) == [("CL102", 4)]


def test_disable_next_line_other_code_does_not_suppress():
    text = f"<!-- claimlint-disable-next-line CL102 -->\n{CLAIMS[1]}\n"
    assert visible(text) == [("CL103", 2)]


def test_disable_next_line_covers_only_the_next_line():
    text = f"<!-- claimlint-disable-next-line -->\n{CLAIMS[1]}\n\n{CLAIMS[1]}\n"
    assert visible(text) == [("CL103", 4)]


@pytest.mark.parametrize("codes_text", ["", "CL1", "CL10", "CL102, CL103", "cl102 cl103"])
def test_disable_enable_block(codes_text):
    text = (f"{CLAIMS[0]}\n\n<!-- claimlint-disable {codes_text} -->\n\n{CLAIMS[0]}\n\n{CLAIMS[1]}\n\n"
            f"<!-- claimlint-enable {codes_text} -->\n\n{CLAIMS[1]}\n")
    assert visible(text) == [("CL102", 1), ("CL103", 11)]


def test_disable_only_the_named_codes():
    text = f"<!-- claimlint-disable CL103 -->\n\n{CLAIMS[0]}\n\n{CLAIMS[1]}\n"
    assert visible(text) == [("CL102", 3)]


def test_enable_of_one_code_keeps_others_disabled():
    text = (f"<!-- claimlint-disable -->\n\n{CLAIMS[0]}\n\n<!-- claimlint-enable CL102 -->\n\n"
            f"{CLAIMS[0]}\n\n{CLAIMS[1]}\n")
    assert ("CL102", 7) in visible(text)
    assert ("CL103", 9) not in visible(text)


def test_directives_in_html_and_text():
    html = f"<html><body><!-- claimlint-disable-next-line CL102 -->\n<p>{CLAIMS[0]}</p>\n<p>{CLAIMS[1]}</p></body></html>\n"
    assert visible(html, "html") == [("CL103", 3)]
    text = f"Intro line that is long enough to be prose.\n\n<!-- claimlint-disable-next-line -->\n{CLAIMS[0]}\n"
    assert visible(text, "text") == []


def test_directive_inside_code_is_ignored():
    text = f"```\n<!-- claimlint-disable -->\n```\n\n{CLAIMS[0]}\n"
    assert visible(text) == [("CL102", 5)]


def test_suppressed_findings_are_kept_but_marked():
    result = run_text(f"<!-- claimlint-disable-next-line CL103 -->\n{CLAIMS[1]}\n")
    assert [(f.code, f.suppressed) for f in result.findings if f.code == "CL103"] == [("CL103", True)]


# Language ---------------------------------------------------------------------------------------

NL = "Onderzoek wijst uit dat magnesium de slaap verbetert bij oudere volwassenen. Dit is een tweede zin."
EN = "Studies show that magnesium improves sleep in older adults. This is a second sentence."


@pytest.mark.parametrize("fmt, text, expected", [
    ("markdown", f"---\nlang: nl\n---\n\n{EN}\n", ("nl", "front_matter")),
    ("markdown", f"---\nlanguage: en-US\n---\n\n{NL}\n", ("en", "front_matter")),
    ("html", f"<html lang='nl-BE'><body><p>{EN}</p></body></html>", ("nl", "html")),
    ("html", f"<html lang=\"EN\"><body><p>{NL}</p></body></html>", ("en", "html")),
    ("markdown", f"{NL}\n", ("nl", "detected")),
    ("text", f"{EN}\n", ("en", "detected")),
    ("html", f"<html><body><p>{NL}</p></body></html>", ("nl", "detected")),
    ("text", "Der Körper braucht Magnesium für die Muskeln und für den Schlaf jeden Tag.\n", ("de", "detected")),
    ("text", "El magnesio ayuda a los músculos y al sueño de las personas mayores cada día.\n", ("es", "detected")),
    ("text", "Le magnésium aide les muscles et le sommeil des personnes âgées chaque jour.\n", ("fr", "detected")),
])
def test_language(fmt, text, expected):
    analysis = run_text(text, fmt).analysis
    assert (analysis.language, analysis.language_source) == expected


def test_lang_option_overrides_declaration():
    analysis = run_text(f"---\nlang: nl\n---\n\n{EN}\n", lang="en").analysis
    assert (analysis.language, analysis.language_source) == ("en", "option")


def test_unsupported_declared_language_falls_back_to_detection():
    analysis = run_text(f"<html lang='pt'><body><p>{NL}</p></body></html>", "html").analysis
    assert (analysis.language, analysis.language_source) == ("nl", "detected")


def test_dutch_claims_need_the_dutch_pack():
    result = run_text(f"{NL}\n", "markdown")
    assert "CL102" in codes(result)


def test_seed_is_dutch():
    result = run_text(SEED.read_text(encoding="utf-8"), "text", path="magnesiumtekort-nl.txt")
    assert (result.analysis.language, result.analysis.language_source) == ("nl", "detected")
