"""`claimlint check --fix / --diff`: the disclaimer added in the article's language (Markdown, HTML,
text), an altered one put right, idempotence, every other byte kept, atomic writes, exit codes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from claimlint import engine, fix
from claimlint.config import build_config
from claimlint.engine import Source
from claimlint.fix.disclaimer import wording

from .conftest import offline_env, run_cli

CLAIMS = {
    "en": "Our magnesium capsules support restful sleep.",
    "nl": "Onze magnesiumcapsules ondersteunen een goede nachtrust.",
    "de": "Unsere Magnesiumkapseln unterstützen einen erholsamen Schlaf.",
    "fr": "Nos gélules de magnésium favorisent un sommeil réparateur.",
    "es": "Nuestras cápsulas de magnesio favorecen un sueño reparador.",
}
HTML_PAGE = """<!doctype html>
<html>
<body>
  <header><nav>Home</nav></header>
  <main>
    <article>
      <h1>Magnesium</h1>
      <p>{claim}</p>
      <footer>3 May</footer>
    </article>
  </main>
  <footer>Shop footer</footer>
</body>
</html>
"""
PAGES = {
    "markdown": ("article.md", "---\ntitle: Magnesium\n---\n\n# Magnesium\n\n{claim}\n\n- Two capsules a day.\n"),
    "html": ("article.html", HTML_PAGE),
    "text": ("article.txt", "Magnesium\n\n{claim}\nTwo capsules a day.\n"),
}


def checked(path: Path, **settings):
    config = build_config([("test", {"verify": False, **settings})])
    source = Source(str(path), path.read_bytes(), config)
    return engine.run([source]).files[0], source


def planned(path: Path, unsafe: bool = False, **settings):
    result, source = checked(path, **settings)
    return fix.plan(result, source, unsafe)


def inserted(before: bytes, after: bytes) -> bytes:
    """The one run of bytes `after` has that `before` lacks; asserts nothing else differs."""
    prefix = len(os.path.commonprefix([before, after]))
    length = len(after) - len(before)
    assert after[:prefix] + after[prefix + length:] == before, "bytes outside the fix changed"
    return after[prefix:prefix + length]


@pytest.mark.parametrize("fmt", sorted(PAGES))
@pytest.mark.parametrize("language", sorted(CLAIMS))
def test_fix_adds_the_disclaimer_in_the_article_language(tmp_path, fmt, language):
    name, page = PAGES[fmt]
    path = tmp_path / name
    path.write_text(page.format(claim=CLAIMS[language]), encoding="utf-8")
    before = path.read_bytes()
    settings = {"lang": language, "disclaimer": "required"}
    plan = planned(path, **settings)
    assert [f.code for f in plan.findings] == ["CL301"] and not plan.skipped
    fix.write(path, plan)
    added = inserted(before, path.read_bytes()).decode("utf-8")
    assert wording(language) in " ".join(added.split())
    result, _ = checked(path, **settings)
    assert not {f.code for f in result.findings} & {"CL301", "CL302"}
    assert planned(path, **settings) is None  # idempotent: a second --fix has nothing to do


def test_html_disclaimer_goes_inside_the_main_content_before_its_footer(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(HTML_PAGE.format(claim=CLAIMS["en"]))
    fix.write(path, planned(path, lang="en", disclaimer="required"))
    text = path.read_text()
    assert text.index("These statements") < text.index("<footer>3 May") < text.index("</article>")
    assert "      <p>These statements have not been evaluated" in text  # indented like its neighbours


S1 = "These statements have not been evaluated by the Food and Drug Administration."
S2 = "This product is not intended to diagnose, treat, cure, or prevent any disease."


@pytest.mark.parametrize("name, body, expected", [
    ("a.md", "Our zinc supports immunity.", f"Our zinc supports immunity.\n\n{S1} {S2}\n"),
    ("b.md", "Our zinc supports immunity.\n", f"Our zinc supports immunity.\n\n{S1} {S2}\n"),
    # only short lines: a hard-wrapped text file, so each statement gets its own line
    ("c.txt", "Our zinc supports immunity.\n\n\n", f"Our zinc supports immunity.\n\n\n{S1}\n{S2}\n"),
    ("d.txt", "Our zinc supports immunity. " * 5 + "\n", "Our zinc supports immunity. " * 5 + f"\n\n{S1} {S2}\n"),
])
def test_text_and_markdown_disclaimer_is_a_paragraph_at_the_end(tmp_path, name, body, expected):
    path = tmp_path / name
    path.write_text(body)
    fix.write(path, planned(path, lang="en", disclaimer="required"))
    assert path.read_text() == expected


def test_hard_wrapped_text_stays_hard_wrapped(tmp_path):
    path = tmp_path / "wrapped.txt"
    path.write_text("Unser Zink unterstützt das Immunsystem und hilft bei\nMüdigkeit nach langen Tagen.\n")
    fix.write(path, planned(path, lang="de", disclaimer="required"))
    lines = path.read_text().splitlines()
    assert max(len(line) for line in lines) <= 100
    assert lines[-2:] == ["Dieses Produkt ist nicht dazu bestimmt, Krankheiten zu diagnostizieren, zu behandeln,",
                          "zu heilen oder zu verhindern."]


def test_line_endings_of_the_file_are_kept(tmp_path):
    path = tmp_path / "crlf.md"
    path.write_bytes(b"# Zinc\r\n\r\nOur zinc supports the immune system.\r\n")
    fix.write(path, planned(path, lang="en", disclaimer="required"))
    data = path.read_bytes()
    assert data.count(b"\r\n") == data.count(b"\n") and data.endswith(b"disease.\r\n")


def test_non_utf8_file_stays_in_its_encoding(tmp_path):
    path = tmp_path / "latin.txt"
    text = ("Unsere Magnesiumkapseln unterstützen einen erholsamen Schlaf und die Muskelfunktion, "
            "schön verträglich für Größere und Ältere.\n")
    path.write_bytes(text.encode("cp1252"))
    before = path.read_bytes()
    fix.write(path, planned(path, lang="de", disclaimer="required"))
    added = inserted(before, path.read_bytes())
    assert wording("de") in " ".join(added.decode("cp1252").split())


@pytest.mark.parametrize("name, altered, faithful", [
    ("a.md",
     "Our capsules support sleep. Add to cart.\n\n*Disclaimer:* These statements have not been evaluated by "
     "the FDA. This product is not intended to *treat* or cure any disease.\n",
     "*Disclaimer:* These statements have not been evaluated by the FDA. This product is not intended to "
     "diagnose, treat, cure, or prevent any disease.\n"),
    ("b.html",
     "<main><p>Our capsules support sleep. Add to cart.</p><p><strong>Disclaimer:</strong> These statements "
     "have not been evaluated by the Food &amp; Drug Administration. This product is not intended to "
     "<em>treat</em> or cure any disease.</p></main>\n",
     "<p><strong>Disclaimer:</strong> These statements have not been evaluated by the Food &amp; Drug "
     "Administration. This product is not intended to diagnose, treat, cure, or prevent any disease.</p>"),
    ("c.txt",
     "Our capsules support sleep. Add to cart.\r\n\r\n† These statements have not been evaluated by the Food "
     "and Drug Administration.\r\n",
     "† These statements have not been evaluated by the Food and Drug Administration. This product is not "
     "intended to diagnose, treat, cure, or prevent any disease.\r\n"),
])
def test_fix_puts_back_the_faithful_wording(tmp_path, name, altered, faithful):
    path = tmp_path / name
    path.write_text(altered, newline="")
    plan = planned(path, lang="en")
    assert [f.code for f in plan.findings] == ["CL302"]
    fix.write(path, plan)
    text = path.read_bytes().decode()
    assert faithful in text
    assert text.split(faithful[:12])[0] == altered.split(faithful[:12])[0]  # all before it kept
    assert planned(path, lang="en") is None


def test_german_altered_disclaimer_is_put_right_in_german(tmp_path):
    path = tmp_path / "de.md"
    path.write_text("Unser Zink unterstützt das Immunsystem. In den Warenkorb.\n\n"
                    "Diese Aussagen wurden nicht von der Food and Drug Administration bewertet. Dieses Produkt "
                    "ist nicht dazu bestimmt, Krankheiten zu behandeln oder zu heilen.\n")
    fix.write(path, planned(path, lang="de"))
    assert wording("de") in path.read_text()


def test_suppressed_and_unselected_findings_are_not_fixed(tmp_path):
    path = tmp_path / "a.md"
    path.write_text("<!-- claimlint-disable CL301 -->\nOur zinc supports the immune system.\n")
    assert planned(path, lang="en", disclaimer="required") is None
    path.write_text("Our zinc supports the immune system.\n")
    assert planned(path, lang="en", disclaimer="required", ignore=["CL3"]) is None


def test_a_fix_that_would_not_hold_is_dropped(tmp_path):
    path = tmp_path / "open-fence.md"
    path.write_text("Our zinc supports the immune system.\n\n```\ncode left open\n")
    plan = planned(path, lang="en", disclaimer="required")
    assert not plan.findings and plan.skipped and plan.fixed == plan.original


def test_interrupted_write_leaves_the_file_whole(tmp_path, monkeypatch):
    path = tmp_path / "a.md"
    path.write_text("Our zinc supports the immune system.\n")
    before = path.read_bytes()
    plan = planned(path, lang="en", disclaimer="required")

    def power_cut(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", power_cut)
    with pytest.raises(fix.FixError, match="cannot write the fix"):
        fix.write(path, plan)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.md"]  # no temp file left behind


def test_file_mode_is_kept_and_a_file_changed_meanwhile_is_not_overwritten(tmp_path):
    path = tmp_path / "a.md"
    path.write_text("Our zinc supports the immune system.\n")
    path.chmod(0o640)
    plan = planned(path, lang="en", disclaimer="required")
    fix.write(path, plan)
    assert path.stat().st_mode & 0o777 == 0o640
    path.write_text("Edited by someone else.\n")
    with pytest.raises(fix.FixError, match="changed"):
        fix.write(path, plan)
    assert path.read_text() == "Edited by someone else.\n"


# --- the command line: ruff's conventions -------------------------------------------------------

@pytest.fixture
def project(tmp_path):
    (tmp_path / ".claimlint.toml").write_text('disclaimer = "required"\nlang = "en"\n')
    article = tmp_path / "a.md"
    article.write_text("Magnesium is a mineral found in nuts and seeds.\n")
    return tmp_path, article


def test_cli_diff_prints_the_fix_writes_nothing_and_exits_1(project):
    root, article = project
    before = article.read_bytes()
    done = run_cli(["check", "--diff", "a.md"], root, offline_env(root))
    assert done.returncode == 1, done.stderr
    out = done.stdout.decode()
    assert out.startswith("--- a.md\n+++ a.md\n@@") and "+These statements have not been evaluated" in out
    assert "Would fix 1 finding." in done.stderr.decode()
    assert article.read_bytes() == before


def test_cli_fix_writes_reports_fixed_and_exits_0_when_nothing_remains(project):
    root, article = project
    done = run_cli(["check", "--fix", "a.md"], root, offline_env(root))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Fixed 1 finding (0 remaining)." in done.stderr.decode()
    fixed = article.read_bytes()
    assert b"These statements have not been evaluated" in fixed
    again = run_cli(["check", "--fix", "a.md"], root, offline_env(root))
    assert again.returncode == 0 and "Fixed 0 findings (0 remaining)." in again.stderr.decode()
    assert article.read_bytes() == fixed
    diff = run_cli(["check", "--diff", "a.md"], root, offline_env(root))
    assert diff.returncode == 0 and diff.stdout == b"" and "No fixes available." in diff.stderr.decode()


def test_cli_fix_exits_1_when_findings_remain(project):
    root, article = project
    article.write_text("Studies show that magnesium improves sleep in older adults.\n")
    done = run_cli(["check", "--fix", "a.md"], root, offline_env(root))
    assert done.returncode == 1
    assert "CL102" in done.stdout.decode() and "CL301" not in done.stdout.decode()
    assert "Fixed 1 finding (1 remaining)." in done.stderr.decode()


def test_cli_fix_refuses_standard_input(project):
    root, _ = project
    done = run_cli(["check", "--fix", "-"], root, offline_env(root), stdin=b"Our zinc supports immunity.\n")
    assert done.returncode == 2 and b"--fix cannot write back to standard input" in done.stderr


@pytest.mark.parametrize("page, before", [
    # main > article: the end of the article, before the article's own footer
    ("<main><article><p>{claim}</p><blockquote><p>Q</p><footer>A quoted author</footer></blockquote>"
     "<footer>Posted in May</footer></article><aside>Related</aside></main><footer>Site</footer>",
     "<footer>Posted in May"),
    # main with two articles: the end of main
    ("<main><article><p>{claim}</p></article><article><p>More.</p></article></main><footer>Site</footer>",
     "</main>"),
    # no main, no article: before the page footer that follows the prose
    ("<body><div><p>{claim}</p></div><footer>Site</footer></body>", "<footer>Site"),
])
def test_html_placement(tmp_path, page, before):
    path = tmp_path / "p.html"
    path.write_text(page.format(claim=CLAIMS["en"]))
    fix.write(path, planned(path, lang="en", disclaimer="required"))
    text = path.read_text()
    assert f"any disease.</p>{before}" in text


def test_utf16_file_is_left_alone_with_a_reason(tmp_path):
    path = tmp_path / "wide.txt"
    path.write_bytes("Our zinc supports the immune system.\n".encode("utf-16"))
    plan = planned(path, lang="en", disclaimer="required")
    assert plan.fixed == plan.original and not plan.findings
    assert plan.skipped == ["CL301: the file's encoding cannot be edited in place"]


def test_read_only_file_is_not_fixed(tmp_path):
    path = tmp_path / "a.md"
    path.write_text("Our zinc supports the immune system.\n")
    plan = planned(path, lang="en", disclaimer="required")
    path.chmod(0o444)
    with pytest.raises(fix.FixError, match="read-only"):
        fix.write(path, plan)
    assert path.read_bytes() == plan.original


ALTERED = {  # statement 2 without its "cure" verb
    "en": "This product is not intended to diagnose, treat, or prevent any disease.",
    "nl": "Dit product is niet bedoeld om een ziekte te diagnosticeren, behandelen of voorkomen.",
    "de": "Dieses Produkt ist nicht dazu bestimmt, Krankheiten zu diagnostizieren, zu behandeln oder zu verhindern.",
    "fr": "Ce produit n'est pas destiné à diagnostiquer, traiter ou prévenir une maladie.",
    "es": "Este producto no está destinado a diagnosticar, tratar o prevenir ninguna enfermedad.",
}


@pytest.mark.parametrize("fmt", sorted(PAGES))
@pytest.mark.parametrize("language", sorted(ALTERED))
def test_fix_puts_back_the_faithful_wording_in_every_language(tmp_path, fmt, language):
    first = wording(language).split(". ")[0] + "."
    name, page = PAGES[fmt]
    claim = f"{CLAIMS[language]}</p>\n      <p>{first} {ALTERED[language]}" if fmt == "html" else \
        f"{CLAIMS[language]}\n\n{first} {ALTERED[language]}"
    path = tmp_path / name
    path.write_text(page.format(claim=claim), encoding="utf-8")
    before = path.read_text(encoding="utf-8")
    plan = planned(path, lang=language)
    assert [f.code for f in plan.findings] == ["CL302"], plan
    fix.write(path, plan)
    after = path.read_text(encoding="utf-8")
    assert after == before.replace(ALTERED[language], wording(language).split(". ", 1)[1])
    assert planned(path, lang=language) is None


FOOTER_PAGE = """<!doctype html>
<html lang="{lang}">
<body>
  <main><article>
    <h1>Magnesium</h1>
    <p>{claim} Add to cart.</p>
  </article></main>
  <footer>
    <p>{disclaimer}</p>
    <p><a href="/privacy">Privacy</a></p>
  </footer>
</body>
</html>
"""


@pytest.mark.parametrize("language", sorted(CLAIMS))
def test_a_disclaimer_in_the_sites_footer_counts(tmp_path, language):
    # many sites print it once, in the footer around every article
    path = tmp_path / "page.html"
    path.write_text(FOOTER_PAGE.format(lang=language, claim=CLAIMS[language], disclaimer=wording(language)))
    result, _ = checked(path, disclaimer="required")
    assert result.analysis.disclaimer.present and not result.analysis.disclaimer.altered
    assert [f.code for f in result.findings if f.code.startswith("CL30")] == []


def test_an_altered_disclaimer_in_the_footer_is_reported_there_and_put_right_there(tmp_path):
    altered = "These statements have not been evaluated by the FDA. This product is not intended to cure any disease."
    path = tmp_path / "page.html"
    before = FOOTER_PAGE.format(lang="en", claim=CLAIMS["en"], disclaimer=altered)
    path.write_text(before)
    plan = planned(path, disclaimer="required")
    [finding] = [f for f in plan.findings if f.code.startswith("CL30")]
    assert finding.code == "CL302" and finding.line == before[:before.index(altered)].count("\n") + 1
    fix.write(path, plan)
    after = path.read_text()
    footer = after.split("<footer>")[1]
    assert "This product is not intended to diagnose, treat, cure, or prevent any disease." in footer
    assert after.split("<footer>")[0] == before.split("<footer>")[0]  # the article untouched
    assert planned(path, disclaimer="required") is None


def test_a_footer_without_the_disclaimer_changes_nothing(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(FOOTER_PAGE.format(lang="en", claim=CLAIMS["en"], disclaimer="Free shipping over $35."))
    result, _ = checked(path, disclaimer="required")
    assert [f.code for f in result.findings if f.code.startswith("CL30")] == ["CL301"]


def test_a_disclaimer_in_an_aside_inside_the_footer_counts(tmp_path):
    # "<footer><aside class=widget-area>": a common theme layout
    path = tmp_path / "page.html"
    page = FOOTER_PAGE.format(lang="en", claim=CLAIMS["en"], disclaimer="").replace(
        "<p></p>", f"<aside><p>{wording('en')}</p></aside>")
    path.write_text(page)
    result, _ = checked(path, disclaimer="required")
    assert result.analysis.disclaimer.present and [f.code for f in result.findings if f.code.startswith("CL30")] == []


def test_far_apart_site_blocks_are_not_read_as_one_disclaimer(tmp_path):
    path = tmp_path / "page.html"
    path.write_text('<html lang="en"><body><aside><p>Every batch is evaluated by our quality team.</p></aside>'
                    f'<main><p>{CLAIMS["en"]} Add to cart.</p></main><footer><p>This product is not intended to '
                    'diagnose, treat, cure, or prevent any disease.</p></footer></body></html>')
    plan = planned(path, disclaimer="required")
    fix.write(path, plan)
    after = path.read_text()
    assert "Every batch is evaluated by our quality team." in after  # the aside untouched
    assert wording("en") in after.split("<footer>")[1]


def test_a_sites_footer_disclaimer_does_not_make_a_page_marketing(tmp_path):
    # it is printed on every page of the site: it says nothing about this one
    plain = tmp_path / "plain.html"
    plain.write_text(FOOTER_PAGE.format(lang="en", claim="Vitamin D helps maintain healthy bones.",
                                        disclaimer="Privacy"))
    footed = tmp_path / "footed.html"
    footed.write_text(FOOTER_PAGE.format(lang="en", claim="Vitamin D helps maintain healthy bones.",
                                         disclaimer=wording("en")))
    a, _ = checked(plain)
    b, _ = checked(footed)
    assert a.analysis.supplement_probability == b.analysis.supplement_probability
