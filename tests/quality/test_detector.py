"""The claim model, the page verdict and CL303 as a user meets them (synthetic text only)."""

from __future__ import annotations

import importlib.util
import json
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from claimlint.config import Config, build_config
from claimlint.engine import Source, run
from claimlint.verify.settings import VerifySettings

ROOT = Path(__file__).resolve().parents[2]
CONFIG = replace(Config(), verify=VerifySettings(enabled=False))


def findings(text: str, config: Config = CONFIG, name: str = "t.md"):
    return run([Source(name, text.encode("utf-8"), config)]).files[0].findings


def claim_codes(text: str, config: Config = CONFIG) -> list[str]:
    return [f.code for f in findings(text, config) if f.code.startswith("CL1")]


@pytest.mark.parametrize("text", ["Turmeric cures arthritis.\n", "Melatonin is safe for children.\n",
                                  "Collagen reverses skin wrinkles.\n"])
def test_blunt_claims_are_flagged(text):
    assert claim_codes(text) == ["CL101"]


@pytest.mark.parametrize("text", [
    "The Dow rose 232.23 points, or 1.1 percent.\n",
    "Electric cars usually have more power than you'll ever need.\n",
    "Our new app keeps your data safe in a cloud system.\n",
    "Studies show commuters prefer trains to buses.\n",
    "Revenue grew 12% and three in four customers renewed.\n",
])
def test_non_health_sentences_are_not_claims(text):
    assert claim_codes(text) == []


def test_messages_name_the_subject_and_what_makes_it_a_claim():
    [finding] = findings("About 50-70% of adults do not get enough magnesium.\n")
    assert finding.code == "CL103" and '"50-70%" about "magnesium"' in finding.message
    [finding] = findings("Studies show that zinc shortens the common cold.\n")
    assert finding.code == "CL102" and '"Studies show"' in finding.message


def test_a_brand_name_is_a_subject_but_its_words_are_no_cue():
    text = "Zorbamax supports you every day.\n"
    assert claim_codes(text) == []  # nothing says what Zorbamax is
    config = build_config([("test", {"vocabulary": {"products": ["Zorbamax"]}, "verify": False})])
    assert claim_codes(text, config) == ["CL101"]
    named = "Sleepwell Calm Nights ships in a glass jar.\n"
    ignoring = build_config([("test", {"vocabulary": {"ignore": ["Sleepwell Calm Nights"]}, "verify": False})])
    assert claim_codes(named, ignoring) == []


PRODUCT = ("# Joint Formula, 90 capsules\n\n$29.99 · Add to cart · Free shipping on orders over $35\n\n{claim}\n\n"
           "- Supports flexible, comfortable joints*\n- Promotes an active lifestyle*\n\n"
           "We blend our turmeric with black pepper, so you can take it every morning.\n\n"
           "Vegan, gluten-free and third-party tested.\n\n"
           "Serving size: 2 capsules. Take 2 capsules daily with food.\n")
NEWS = ("# What a new trial says about turmeric\n\nResearchers reported on Tuesday that turmeric did not relieve "
        "arthritis pain better than a placebo, according to the study.\n\nCritics said the claims made for "
        "turmeric supplements were not proven.\n")


def test_disease_claims_on_a_product_page_but_not_in_news():
    page = PRODUCT.format(claim="Our turmeric capsules relieve arthritis pain.*")
    [finding] = [f for f in findings(page) if f.code == "CL303"]
    assert '"arthritis' in finding.message and "relieve" in finding.message
    structure_function = PRODUCT.format(claim="Our turmeric capsules support joint comfort.*")
    assert not [f for f in findings(structure_function) if f.code == "CL303"]
    assert not [f for f in findings(NEWS) if f.code in ("CL301", "CL303")]


@pytest.mark.parametrize("language, claim", [
    ("nl", "Onze kurkuma geneest artrose."), ("de", "Unser Kurkuma heilt Arthritis."),
    ("fr", "Notre curcuma guérit l'arthrose."), ("es", "Nuestra cúrcuma cura la artritis."),
])
def test_disease_claims_in_every_language(language, claim):
    from claimlint.analyse.claims import views
    from claimlint.analyse.disease import judge
    from claimlint.analyse.lexicon import lexicon
    from claimlint.model import Block, BlockKind, Sentence, Span

    block = Block(BlockKind.PARAGRAPH, claim, list(range(len(claim) + 1)))
    view = views([Sentence(claim, Span(0, len(claim)), 0, 0, len(claim))], [block], lexicon(language))[0]
    assert judge(view) is not None


def _module(path: Path, name: str):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("name, precision, recall", [
    # blind sets, each run once before the fixes it prompted (first runs: sentences P 0.969 R 0.610,
    # round2 P 0.944 R 0.540, round3 P 0.958 R 0.730, round4 P 0.982 R 0.747, round5 P 0.792 R 0.672,
    # round6 P 0.926 R 0.704, round7 P 0.932 R 0.768 read as one sentence, P 0.939 R 0.736 split as
    # the pipeline splits it, round8 P 0.979 R 0.752, round9 P 0.981 R 0.848, round10 P 0.932 R 0.656,
    # round11 P 0.943 R 0.800, round12 P 0.945 R 0.824, round13 P 0.953 R 0.808, round14 P 0.981 R 0.816,
    # round15 P 0.929 R 0.832, round16 P 0.973 R 0.864, round17 P 0.953 R 0.808;
    # see benchmarks/README.md);
    # the floors sit a little below today's figures and stop regressions
    ("sentences.json", 0.98, 0.95), ("round2.json", 0.98, 0.94), ("round3.json", 0.98, 0.91),
    ("round4.json", 0.98, 0.93), ("round5.json", 0.98, 0.92), ("round6.json", 0.98, 0.87),
    ("round7.json", 0.97, 0.91), ("round8.json", 0.98, 0.89), ("round9.json", 0.98, 0.91),
    ("round10.json", 0.98, 0.86), ("round11.json", 0.98, 0.86), ("round12.json", 0.98, 0.82),
    ("round13.json", 0.98, 0.86), ("round14.json", 0.98, 0.80), ("round15.json", 0.98, 0.82),
    ("round16.json", 0.98, 0.85), ("round17.json", 0.98, 0.84)])
def test_disease_set_floors(name, precision, recall):
    scorer = _module(ROOT / "benchmarks" / "eval_disease.py", "eval_disease")
    items = json.loads((ROOT / "tests" / "quality" / "disease" / name).read_text(encoding="utf-8"))
    tp = fp = fn = 0
    for item in items:
        found, expected = scorer.judged(item["text"], item["lang"]) is not None, item["label"] == "disease"
        tp, fp, fn = tp + (found and expected), fp + (found and not expected), fn + (expected and not found)
    assert tp / (tp + fp) >= precision and tp / (tp + fn) >= recall, (tp, fp, fn)


def test_training_is_deterministic_and_needs_no_shared_data(tmp_path):
    trainer = _module(ROOT / "scripts" / "train_claims.py", "train_claims")
    pages = trainer.training_pages(real_sets=[], extra_sets=[ROOT / "tests" / "quality" / "round5",
                                                             ROOT / "tests" / "quality" / "round4"])
    first, again = trainer.train(pages), trainer.train(pages)
    assert first == again
    from claimlint.analyse.claims import LinearModel

    (tmp_path / "claims.npz").write_bytes(first[0])
    model = LinearModel.load(tmp_path / "claims.npz")
    assert 0.2 <= model.threshold <= 0.8 and model.weights.any()


PRODUCT_CLAIMS = {
    "en": "Our turmeric capsules cure arthritis.",
    "nl": "Onze kurkumacapsules genezen artrose.",
    "de": "Unsere Kurkuma-Kapseln heilen Arthritis.",
    "fr": "Nos gélules de curcuma guérissent l'arthrose.",
    "es": "Nuestras cápsulas de cúrcuma curan la artritis.",
}
WRAPPERS = {
    "md": "---\nlang: {lang}\n---\n\n# Kurkuma\n\n{claim}\n",
    "html": "<html lang=\"{lang}\"><body><main><h1>Kurkuma</h1><p>{claim}</p></main></body></html>\n",
    "txt": "Kurkuma\n\n{claim}\n",
}


@pytest.mark.parametrize("fmt", sorted(WRAPPERS))
@pytest.mark.parametrize("language", sorted(PRODUCT_CLAIMS))
def test_cl303_in_every_format_and_language_on_declared_product_pages(fmt, language):
    """`disclaimer = "required"` declares the pages product pages: CL303 applies whatever the verdict."""
    text = WRAPPERS[fmt].format(lang=language, claim=PRODUCT_CLAIMS[language])
    config = build_config([("test", {"disclaimer": "required", "lang": language, "verify": False})])
    codes = [f.code for f in run([Source(f"p.{fmt}", text.encode("utf-8"), config)]).files[0].findings]
    assert "CL303" in codes, codes
    off = build_config([("test", {"disclaimer": "off", "lang": language, "verify": False})])
    assert "CL303" not in [f.code for f in run([Source(f"p.{fmt}", text.encode("utf-8"), off)]).files[0].findings]
