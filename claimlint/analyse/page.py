"""Page-level verdict: does this page market a supplement in its own voice?

A page that presents a supplement (an ingredient or a product) as benefiting the body, in its own
voice, must carry the FDA-style disclaimer (CL301), and its disease claims are drug claims (CL303).
Pages that report, debunk or neutrally explain (news, hospitals, government) do not.

The verdict is a small logistic model over page signals (PAGE_SIGNALS: counts and shares, no
text), trained on the page labels of the labelled sets by scripts/train_claims.py; the shipped
artefact (models/page.npz) holds one weight per signal and two thresholds: `threshold` (best
held-out accuracy) decides CL301; `strict_threshold` (held-out precision 0.95), on a page whose
own text sells (SELLING), decides whether CL303 may call a sentence a drug claim. Besides the prose it reads the page's surroundings: the
HTML title, navigation and footer, the site generator's front-matter keys and link targets,
where a shop's site shows itself ("Cart", "Warenkorb", "/collections/").
"""

from __future__ import annotations

import bisect
import functools
import math
import re
from dataclasses import dataclass, field
from pathlib import Path

from claimlint.analyse.rules import pack_words
from claimlint.model import BlockKind

MODEL_PATH = Path(__file__).resolve().parent.parent / "models" / "page.npz"

PRICE = re.compile(r"(?:[$€£]\s?\d|\d(?:[.,]\d{2})?\s?(?:[$€£]|eur\b|euro\b|usd\b))", re.I)
MARKER = re.compile(r"[*†‡]")
# A dose or a pack count in a page's title or links: "Magnesium 400 mg", "1000mcg 60s", "x60 caps", "(4oz)", "1 kg".
# (A number before the rule packs' `pack_units`, "60 capsules", "120 cápsulas", is found with them.)
DOSE_OR_COUNT = re.compile(r"(?<![\w.,])(?:\d+(?:[.,]\d+)?\s?(?:mg|mcg|µg|μg|ug|iu|ui|ie|ml|g|kg|oz|fl\.?\s?oz|lbs?)|x\s?\d+|\d+\s?x|\d+s)(?!\w)", re.I)
# A * or † standing for the disclaimer after a claim ("…the body.*"), as opposed to Markdown emphasis:
# right after a word or a stop, with nothing after it but a space, a tag or the line's end.
LITERAL_MARKER = re.compile(r"(?<=[^\s*])(?:\*|†|‡)(?!\*)(?=\s|<|$)", re.M)
EMPHASIS_OPENER = re.compile(r"(?<![\w*])\*(?=[^\s*])")

PAGE_SIGNALS = (
    "claims",  # log(1 + structure/function claims found, cited or not)
    "claim_share",  # claims / prose sentences
    "display_claims",  # log(1 + claims in headings, list items and table cells)
    "substance",  # log(1 + sentences naming a substance or product word)
    "product_words",  # log(1 + capsule, softgel, formula, serving ...)
    "commerce",  # log(1 + shop words: cart, shipping, in stock)
    "prices",  # log(1 + prices)
    "voice",  # log(1 + first-person plural: we, our, wij, unser, nous, nuestro)
    "directions",  # log(1 + dosage and usage directions)
    "markers",  # log(1 + sentences, headings or list items carrying * or †: the disclaimer's footnote mark)
    "reporting",  # log(1 + sceptical or reporting words)
    "research",  # log(1 + appeals to research)
    "references",  # log(1 + reference entries)
    "disclaimer_seen",  # 1 when a disclaimer sentence (whole or not) is on the page
    "sentences",  # log(1 + prose sentences)
    "promo",  # log(1 + a brand's selling words: premium, vegan, our formula, order now)
    "trademarks",  # log(1 + ™ and ®)
    "advice",  # log(1 + advice: ask your doctor, do not exceed)
    "shop_site",  # log(1 + shop words around the article: navigation, footer, title, link targets)
    "brand_voice",  # log(1 + sentences where "we/our" meets a product, shop or selling word: "our capsules")
    "supplement_claims",  # log(1 + claims whose subject is a substance or a product)
    "pack_size",  # 1 when the page's title or links name a dose or pack size: a product page
)


SIGNAL_WORDS = {
    "claims": "health claims", "claim_share": "a page made of claims", "display_claims": "claims in headings and lists",
    "substance": "supplements named throughout", "product_words": "product words (capsules, formula)",
    "commerce": "shop words", "prices": "prices", "voice": "a brand's own voice (we, our)",
    "directions": "dosage directions", "markers": "sentences marked with * or †", "reporting": "a reporting voice",
    "research": "appeals to research", "references": "a reference list", "disclaimer_seen": "a disclaimer",
    "sentences": "length", "promo": "a brand's selling words (premium, vegan, order now)",
    "trademarks": "trademarks (™, ®)", "advice": "advice",
    "shop_site": "a shop's navigation or links (cart, shop)",
    "brand_voice": "a brand speaking of its products (our formula)",
    "supplement_claims": "claims about a supplement",
    "pack_size": "a product title with its dose or pack size",
}


@dataclass
class PageVerdict:
    markets_supplement: bool
    probability: float
    surely: bool  # at the strict threshold (CL303)
    signals: dict[str, float] = field(default_factory=dict)
    reasons: list[str] = field(default_factory=list)  # the signals that pushed most towards "markets"


# Front-matter keys a site generator uses to say what a page is; other keys are the author's own.
SITE_KEYS = ("title", "layout", "type", "template", "category", "categories", "tags", "keywords")
URL_PUNCTUATION = re.compile(r"[-_/.?=&#:+]+")


def surroundings(document) -> str:
    """What the page says about itself outside the prose: the HTML around the article, the site
    generator's front-matter keys and every link target ("/collections/magnesium", "/cart")."""
    front = document.front_matter if isinstance(document.front_matter, dict) else {}
    parts = [document.chrome]
    for key in SITE_KEYS:
        value = front.get(key)
        parts.extend(str(v) for v in (value if isinstance(value, list) else [value]) if isinstance(v, (str, int, float)))
    parts.extend(target for block in document.blocks for _, _, target in block.links)
    return URL_PUNCTUATION.sub(" ", " ".join(parts))


def shop_words(text: str, languages) -> int:
    """Storefront words (the rule packs' `storefront`: cart, Warenkorb, tienda) in a page's surroundings."""
    from claimlint.analyse.lexicon import words_of

    words = [w for w, _, _ in words_of(text)]
    return len({(h.start, h.end) for h in pack_words("storefront", tuple(sorted(languages))).hits(words)[0]})


@dataclass(frozen=True)
class Surroundings:
    """What the page verdict reads from the document besides the sentences."""

    shop_words: int = 0  # storefront words around the article
    pack_size: bool = False  # its title or links name a dose or a pack size
    markers: tuple[int, ...] = ()  # source offsets of literal * and † after a claim


def read_surroundings(document, language: str) -> Surroundings:
    from claimlint.analyse.lexicon import words_of

    around = surroundings(document)
    languages = {language, "en"}
    titles = " ".join([around, *(b.text for b in document.blocks if b.kind is BlockKind.HEADING and b.level == 1)])
    pack = bool(DOSE_OR_COUNT.search(titles))
    if not pack:  # "60 capsules", "60 Veg Caps": a number before a dosage form, a word between at most
        words = [w for w, _, _ in words_of(titles)]
        pack = any(any(w.isdigit() for w in words[max(0, h.start - 2):h.start])
                   for h in pack_words("pack_units", tuple(sorted(languages))).hits(words)[0])
    return Surroundings(shop_words(around, languages), pack, _literal_markers(document.source))


def _literal_markers(source: str) -> tuple[int, ...]:
    found, line_start = [], 0
    for line in source.splitlines(keepends=True):
        if "*" in line or "†" in line or "‡" in line:
            # a * closing an emphasis opened earlier on the line is markup, not a marker
            openers = [m.start() for m in EMPHASIS_OPENER.finditer(line)]
            for marker in LITERAL_MARKER.finditer(line):
                if marker.group() != "*" or bisect.bisect_left(openers, marker.start()) % 2 == 0:
                    found.append(line_start + marker.start())
        line_start += len(line)
    return tuple(found)


def _marked(view, markers: tuple[int, ...]) -> bool:
    if MARKER.search(view.sentence.text):
        return True
    at = bisect.bisect_left(markers, view.sentence.span.end - 1)
    return at < len(markers) and markers[at] <= view.sentence.span.end + 8  # room for "</sup>", a quote




OPENING_APOSTROPHE = re.compile(r"(?<!\w)'")


def reported_speech(all_views, language: str | None) -> set[int]:
    """The views inside a quotation the page attributes to someone ('"Our formula supports healthy
    joints," said the brand's chief executive'; 'Laut Hersteller: „Unsere Kapseln …“'): their "we"
    and "our" are the speaker's, not the page's (a news report quoting a brand)."""
    from claimlint.analyse.disease import QUOTED_LONG
    from claimlint.analyse.lexicon import words_of

    speech = pack_words("speech", tuple(sorted({language or "en", "en"})))
    found: set[int] = set()
    start = 0
    while start < len(all_views):
        end = start
        block = all_views[start].sentence.block_index
        while end + 1 < len(all_views) and all_views[end + 1].sentence.block_index == block:
            end += 1
        texts = [all_views[i].sentence.text for i in range(start, end + 1)]
        joined = " ".join(texts)
        if any(q in joined for q in "\"«“„‘") or OPENING_APOSTROPHE.search(joined):  # not the "'" of "it's"
            bounds, at = [], 0
            for text in texts:
                bounds.append((at, at + len(text)))
                at += len(text) + 1
            for quote in QUOTED_LONG.finditer(joined):  # a quotation over one block, as CL303 reads customers'
                after = [w for w, _, _ in words_of(joined[quote.end():quote.end() + 80])][:6]
                before = joined[max(0, quote.start() - 80):quote.start()].rstrip()
                said = speech.hits(after)[0] or (before.endswith((":", ",")) and speech.hits(
                    [w for w, _, _ in words_of(before)][-6:])[0])
                if said:
                    found |= {start + k for k, (a, b) in enumerate(bounds) if a < quote.end() and b > quote.start()}
        start = end + 1
    return found


def signals(all_views, probabilities, threshold: float, references: int, disclaimer_seen: bool,
            around: Surroundings = Surroundings(), language: str | None = None) -> dict[str, float]:
    """The page signals from the sentence views and their claim probabilities (claims.scores)."""
    prose = [v for v in all_views if v.eligible]
    quoted = reported_speech(all_views, language)
    own = [v for i, v in enumerate(all_views) if i not in quoted]  # the page's own voice
    display = {BlockKind.HEADING, BlockKind.LIST_ITEM, BlockKind.TABLE_CELL}
    claimed = [v for v, p in zip(all_views, probabilities) if p is not None and p >= threshold
               and (v.eligible or v.kind is BlockKind.HEADING)]

    def count(test) -> int:
        return sum(1 for v in all_views if test(v))

    # a page whose first heading names a supplement is about it: its claims are the supplement's
    # ("# Night Calm Magnesium, 90 capsules" + "## Supports restful sleep")
    first_heading = next((v for v in all_views if v.kind is BlockKind.HEADING), None)
    titled = first_heading is not None and bool(first_heading.classes & {"substance", "product"})

    def hits(cls: str) -> int:
        return sum(1 for v in all_views for h in v.hits if h.cls == cls)

    log = math.log1p
    return {
        "claims": log(len(claimed)),
        "claim_share": sum(1 for v in claimed if v.eligible) / max(1, len(prose)),
        "display_claims": log(sum(1 for v in claimed if v.kind in display)),
        "substance": log(count(lambda v: v.classes & {"substance", "product"})),
        "product_words": log(hits("product")),
        "commerce": log(hits("commerce")),
        "prices": log(sum(len(PRICE.findall(v.sentence.text)) for v in all_views)),
        "voice": log(sum(1 for v in own for h in v.hits if h.cls == "voice")),
        "directions": log(count(lambda v: "advice" in v.classes and bool(
            "product" in v.classes or re.search(r"\d", v.sentence.text)))),
        "markers": log(sum(1 for v in all_views if (v.eligible or v.kind in display) and _marked(v, around.markers))),
        "reporting": log(hits("reporting")),
        "research": log(count(lambda v: "research" in v.classes)),
        "references": log(references),
        "disclaimer_seen": 1.0 if disclaimer_seen else 0.0,
        "sentences": log(len(prose)),
        "promo": log(sum(1 for v in own for h in v.hits if h.cls == "promo")),
        "trademarks": log(sum(v.sentence.text.count("™") + v.sentence.text.count("®") for v in all_views)),
        "advice": log(hits("advice")),
        "shop_site": log(around.shop_words),
        "supplement_claims": log(sum(1 for v in claimed if v.classes & {"substance", "product"} or titled)),
        "brand_voice": log(sum(1 for v in own if "voice" in v.classes and v.classes & {"product", "commerce", "promo"})),
        "pack_size": 1.0 if around.pack_size else 0.0,
    }


@dataclass
class PageModel:
    weights: list[float]
    bias: float
    mean: list[float]
    scale: list[float]
    threshold: float
    strict_threshold: float

    def contributions(self, values: dict[str, float]) -> dict[str, float]:
        # a value far outside what training saw (a price list of 40 flats) weighs no more than 3 sd
        return {name: w * max(-3.0, min(3.0, (values.get(name, 0.0) - m) / (s or 1.0)))
                for name, w, m, s in zip(PAGE_SIGNALS, self.weights, self.mean, self.scale)}

    def probability(self, values: dict[str, float]) -> float:
        z = self.bias + sum(self.contributions(values).values())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@functools.lru_cache(maxsize=4)
def load_model(path: str = str(MODEL_PATH)) -> PageModel:
    import numpy

    with numpy.load(path) as data:
        names = tuple(str(n) for n in data["signals"])
        if names != PAGE_SIGNALS:
            raise ValueError(f"{path}: trained on other page signals; retrain (scripts/train_claims.py)")
        return PageModel([float(x) for x in data["weights"]], float(data["bias"]),
                         [float(x) for x in data["mean"]], [float(x) for x in data["scale"]],
                         float(data["threshold"]), float(data["strict_threshold"]))


def presents_a_supplement(values: dict[str, float]) -> bool:
    """Whether the page says anything the verdict could weigh: a page without a health claim about
    a supplement (a shop's FAQ, an exercise explainer), or with one stray one in thirty sentences
    (a fashion shop's care tips), presents none as benefiting the body; one displayed in a heading
    or a list does."""
    found = values.get("supplement_claims", 0.0)
    # a claim in a heading, list item or table cell is displayed, not stray
    return found >= math.log1p(2) or (found > 0 and (values.get("claim_share", 0.0) >= 0.1 or values.get("display_claims", 0.0) > 0))


def own_product_named(all_views, products: tuple[str, ...]) -> str | None:
    """The first of the user's products (config `vocabulary.products`) the page names, outside a
    quotation it attributes to someone: a page naming its brand's own product speaks in the brand's
    voice, however much it reads like an explainer."""
    from claimlint.analyse.claims import MASKED

    # written as the user writes it: "Calm" is a product, "keep calm" is not
    names = {" ".join(name.split()): name for name in products if name.strip()}
    if not names:
        return None
    for view in all_views:
        for hit in view.hits:  # the lexicon reads a user's name as one hit, its words masked
            if view.words[hit.start] == MASKED and " ".join(hit.text.split()) in names:
                return names[" ".join(hit.text.split())]
    return None


def page_verdict(values: dict[str, float], model_path: str | None = None, own_product: str | None = None) -> PageVerdict:
    """`own_product`: one of the user's products that the page names (own_product_named); with a
    health claim anywhere on the page it settles the verdict, because the user said the product is
    theirs: what the model can only guess from the page, the brand knows."""
    model = load_model(model_path or str(MODEL_PATH))
    probability = model.probability(values) if presents_a_supplement(values) else 0.0
    pushing = sorted(((c, n) for n, c in model.contributions(values).items()
                      if c > 0.1 and values.get(n) and n != "sentences"),
                     reverse=True)  # signals present on the page that pushed towards "markets"
    reasons = [SIGNAL_WORDS[n] for _, n in pushing[:3]]
    if own_product and values.get("claims", 0.0) > 0:
        return PageVerdict(True, 1.0, True, values,
                           [f"your product {own_product} (vocabulary.products)", *reasons[:2]])
    return PageVerdict(probability >= model.threshold, probability,
                       probability >= model.strict_threshold and sells_in_its_own_words(values),
                       values, reasons)


# what the page itself says when it sells, not its site's navigation: CL303 calls a sentence a drug
# claim only on a page that shows one of these (a magazine with a shop link in its menu shows none)
SELLING = ("brand_voice", "prices", "commerce", "pack_size", "markers", "promo", "trademarks", "disclaimer_seen",
           "display_claims")


def sells_in_its_own_words(values: dict[str, float]) -> bool:
    return any(values.get(name, 0.0) > 0 for name in SELLING)
