"""What a sentence's neighbours in its block say about it (Context): a customer's quotation over
several sentences, a question answered with a no, the disease the sentence before names, someone's
own story told just before; and questions naming a disease answered with the product."""

from __future__ import annotations

from dataclasses import dataclass

from claimlint.analyse.disease.reading import (
    _firm_advice,
    _reported,
    _asks,
    _condition, _first, _found, _founding, _framing, _negated, _negation_at, _negations, _offered, _pack,
    _raising_risk, _relatives_illness, _suits, _symptoms, _warning,
)
from claimlint.analyse.disease.words import (
    ANSWER_LABELS, ASKED, CAMEL_CASE, CAUSING, CONDITIONAL, DEFICIENCY, DIAGNOSIS, DOCTOR, EFFECT,
    LACKING, NAMING, PRONOUNS, QUOTED_LONG, REFUSAL, SIGNED, SINCE, STRONG, SUITS_ASKED,
)
from claimlint.analyse.lexicon import Hit, words_of
from claimlint.model import DiseaseClaim


def question_hooks(all_views, language: str | None = None) -> dict[int, DiseaseClaim]:
    """Questions naming a disease whose next sentence, in the same block, offers the product:
    "Suffering from migraines? Try our magnesium formula." By view index."""
    found = {}
    for index, (view, following) in enumerate(zip(all_views, all_views[1:])):
        if not _asks(view.sentence.text) or following.sentence.block_index != view.sentence.block_index:
            continue
        natural = {i for h in view.hits if h.cls == "qualifier" for i in range(h.start, h.end)}
        condition = _condition(view, natural)
        signs = _symptoms(view)
        # a natural state frames the signs only next to them ("occasional bloating"), not anywhere ("fel licht")
        framed = any(h.cls == "qualifier" and any(-2 <= sign.start - h.end <= 2 or -2 <= h.start - sign.end <= 2 for sign in signs)
                     for h in view.hits)
        # a denial just before what the question names ("Not sure it's diabetes?"), not anywhere
        # ("Geen zin meer in paracetamol voor je artrose?")
        first = condition or (signs[0] if signs else None) or _first(view, ("marker", "drug"))
        named = first.start if first is not None else len(view.words)
        if _raising_risk(view):
            continue  # "Did you know obesity raises the risk of type 2 diabetes?": a cause, not an offer
        if any(named - 3 <= n < named for n in _negations(view, set(), language)) or _says_no(following, language) \
                or condition is None and ("qualifier" in view.classes and not signs or framed):
            continue
        marker, drug = _first(view, ("marker",)), _first(view, ("drug",))
        lowered = following.classes & set(EFFECT) and not following.classes & {"qualifier", "advice"}
        if marker is not None and (condition is None or condition.cls == "marker") and lowered:
            # "Blood sugar sky-high? Our moringa helps bring it down.", "Cholesterin zu hoch? ... senkt es."
            found[index] = DiseaseClaim(view.sentence, marker.text, _first(following, EFFECT).text,
                                        "an effect on an abnormal condition (a risk marker)")
        elif condition is not None and _framing(view, condition):
            continue  # "Petites insomnies occasionnelles ?"
        elif (condition is not None or len(signs) >= 2 and not framed) and lowered \
                and not any(n < 3 for n in _negation_at(following, language)):
            # "Presión alta? Hibiscus Control te ayuda a bajarla."
            named = condition.text if condition is not None else " and ".join(h.text for h in signs[:2])
            found[index] = DiseaseClaim(view.sentence, named, _first(following, EFFECT).text,
                                        "a product offered for a disease" if condition is not None
                                        else "a product offered for the signs of a disease")
        elif len(signs) == 1 and not framed and "qualifier" not in view.classes | following.classes \
                and _first(following, (STRONG,)) is not None and _offered(following.hits, following.sentence.text) \
                and not any(n < 3 for n in _negation_at(following, language)):
            # "Brûlures en urinant ? Notre tisane vous soulage.": a drug-claim verb on the symptom asked about
            found[index] = DiseaseClaim(view.sentence, signs[0].text, _first(following, (STRONG,)).text,
                                        "a drug-claim verb on a symptom of disease")
        elif not (_offered(following.hits, following.sentence.text) or _says_yes(following, language)):
            continue
        elif (CONDITIONAL.search(view.sentence.text) or SUITS_ASKED.search(view.sentence.text)) \
                and not following.classes & {*EFFECT, *NAMING}:
            continue  # whether it suits ("¿Puedo tomarlo si soy diabético? Sí, no contiene azúcar."), not what it does
        elif condition is not None:
            found[index] = DiseaseClaim(view.sentence, condition.text, "", "a product offered for a disease")
        elif drug is not None and following.classes & {*EFFECT, "replace", "augment"}:
            # "Taking metformin? Our cinnamon complex boosts its effect.", "Blood thinners? Not needed with ..."
            verb = _first(following, ("replace", "augment", *EFFECT))
            criterion = {"replace": "a medicine replaced", "augment": "a medicine's effect augmented"}.get(
                verb.cls, "a drug's use or class claimed")
            found[index] = DiseaseClaim(view.sentence, drug.text, verb.text, criterion)
        elif len(signs) >= 2 and "qualifier" not in following.classes:  # not "... ? It eases PMS."
            found[index] = DiseaseClaim(view.sentence, " and ".join(h.text for h in signs[:2]), "",
                                        "a product offered for the signs of a disease")
    return found


@dataclass(frozen=True)
class Context:
    """What a sentence's neighbours in its block say about it."""

    quoted: bool = False  # inside a customer's quotation that runs over several sentences, signed or in the first person
    framed: bool = False  # a question just before it names a natural state ("PMS? Our tea eases cramps and irritability.")
    denied: bool = False  # the next sentence answers it with a no ("Can it cure my anxiety? A: No, ...")
    topic: Hit | None = None  # the disease the sentence before names ("Psoriasis is no fate. Our capsules calm flare-ups.")
    account: Hit | None = None  # someone's own disease, or a relative's, told just before ("My son had asthma attacks. Since he ...")


NO_CONTEXT = Context()


def contexts(all_views, language: str | None = None) -> list[Context]:
    """Each view's Context: quotations and questions read across the sentences of a block."""
    quoted: set[int] = set()
    start = 0
    while start < len(all_views):
        end = start
        while end + 1 < len(all_views) and all_views[end + 1].sentence.block_index == all_views[start].sentence.block_index:
            end += 1
        if end > start:
            quoted |= _quoted_sentences(all_views, start, end, language)
        start = end + 1
    def answered_no(i: int) -> bool:
        return i + 1 < len(all_views) and all_views[i + 1].sentence.block_index == all_views[i].sentence.block_index \
            and _says_no(all_views[i + 1], language)

    found = []
    asking = [_asks(view.sentence.text) or _reports_a_question(view.sentence.text) for view in all_views]
    for i, view in enumerate(all_views):
        framed = i > 0 and asking[i - 1] and "qualifier" in all_views[i - 1].classes \
            and all_views[i - 1].sentence.block_index == view.sentence.block_index
        denied = asking[i] and answered_no(i)
        before = all_views[i - 1] if i > 0 and all_views[i - 1].sentence.block_index == view.sentence.block_index else None
        topic = account = None
        if before is not None and not asking[i - 1] and before.classes & {"condition", "symptom", "sign"}:
            # read the sentence before only where this one could use it (judge): a product named or acting
            offers = bool(view.classes & {"product", "voice", "substance", "food"}) or bool(CAMEL_CASE.search(view.sentence.text))
            if offers and view.classes & set(EFFECT):
                topic = _topic(before, language)
            if (offers or SINCE.search(view.sentence.text)) and "condition" in before.classes:
                account = _account(before, language)
        # most sentences have no context: they share one (a long page makes tens of thousands)
        found.append(Context(i in quoted, framed, denied, topic, account) if i in quoted or framed or denied or topic
                     or account else NO_CONTEXT)
    return found


def _topic(view, language: str | None):
    """The disease a statement names as its topic ("Con artrosis de rodilla cada paso cuesta."): not
    denied just before it, not in a warning, a report or advice, nor framed as a natural state."""
    if view.classes & {"research", "reporting", "advice"}:
        return None
    natural = {i for h in view.hits if h.cls == "qualifier" for i in range(h.start, h.end)}
    condition = _condition(view, natural)
    if condition is None:
        # ... or the signs it lists ("Wheezing, a tight chest and running out of breath on the stairs"),
        # not those of a shortfall, a cause or a natural state
        signs = list({h.text.lower()[:5]: h for h in _symptoms(view)}.values())  # "stress ... stressé" is one
        text = view.sentence.text
        if len(signs) < 2 or "qualifier" in view.classes or CAUSING.search(text) or LACKING.search(text) \
                or DEFICIENCY.search(text) or CONDITIONAL.match(text):
            return None
        return Hit("symptom", signs[0].start, signs[1].end, f"{signs[0].text} and {signs[1].text}")
    if condition.cls != "condition" or _framing(view, condition) \
            or any(condition.start - 6 <= n < condition.start for n in _negation_at(view, language)) \
            or _warning(view, condition, language) or _relatives_illness(view, condition, language) \
            or _founding(view, condition, language) or _suits(view, condition, language):
        return None
    return condition


def _account(view, language: str | None):
    """The disease of someone telling their own story, or a relative's ("Ich leide seit Jahren unter
    Reizdarm.", "My husband's gout used to flare every few weeks."), not a founder's story."""
    natural = {i for h in view.hits if h.cls == "qualifier" for i in range(h.start, h.end)}
    condition = _condition(view, natural)
    if condition is None or condition.cls != "condition" or _found("story", view, language) \
            or view.classes & {"voice", "advice", "research", "reporting"} or DOCTOR.search(view.sentence.text) \
            or any(condition.start - 6 <= n < condition.start for n in _negation_at(view, language)):
        return None  # not "Our sister brand makes chews for dogs with arthritis", "I cannot advise on diabetes"
    mine = any(w in _pack("testimony", language)[1] for w in view.words)
    return condition if mine or _found("relatives", view, language) else None


def _reports_a_question(text: str) -> bool:
    lower = text.lower()  # a plain look first: few sentences hold a verb of asking
    return any(w in lower for w in ("ask", "vraag", "vrag", "frag", "demand", "pregunt", "wonder")) and bool(ASKED.search(text))


def _says_no(view, language: str | None) -> bool:
    """An answer that begins with a no ("A: No – it is not intended to treat any disease"), a short
    one that refuses ("Heilversprechen machen wir nicht."), or one that sends the reader to a doctor
    ("Pregnant or managing kidney disease? Talk to your healthcare provider first.")."""
    negation = _pack("negation", language)[1]
    words = [w for w in view.words[:4] if w not in ANSWER_LABELS]
    if words and words[0] in negation or len(words) >= 2 and words[0] in PRONOUNS and any(w in negation for w in words[1:3]):
        return True  # "No, ...", "It isn't intended for that", "Das ist nicht ...", "Ce n'est pas ..."
    # ... or that denies a cure ("Supplements cannot cure any disease", "ne soigne aucune maladie")
    negations = _negation_at(view, language)
    strong = _first(view, (STRONG,))
    if strong is not None and _negated(strong, negations) or any(
            h.cls == "condition" and any(h.start - 2 <= n < h.start for n in negations) for h in view.hits):
        return True
    if negations and REFUSAL.search(view.sentence.text):
        return True  # "Das dürfen und wollen wir nicht versprechen."
    labelled = 1 if view.words and view.words[0] in ANSWER_LABELS else 0
    first_effect = min((h.start for h in view.hits if h.cls in EFFECT), default=len(view.words))
    if len(view.words) - labelled <= 6 and negations and negations[0] < first_effect \
            and not view.classes & {"product", "promo", "substance", "food"} and not CAMEL_CASE.search(view.sentence.text):
        return True  # (not "Never again, with MigraStop!")
    acting = any(h.cls in (*EFFECT, "replace", "augment") and not DIAGNOSIS.match(h.text) for h in view.hits)
    return bool(DOCTOR.search(view.sentence.text)) and not acting


def _says_yes(view, language: str | None) -> bool:
    """An answer that begins with a yes ("Absolutely - many customers find it calms their flare-ups")."""
    words = [w for w in view.words[:4] if w not in ANSWER_LABELS]
    return any(h.start == view.words.index(words[0]) for h in _found("yes", view, language)) if words else False


def _quoted_sentences(all_views, start: int, end: int, language: str | None) -> set[int]:
    """The sentences of one block (views start..end) inside a customer's quotation that spans
    them: '★★★★★ "My psoriasis faded. I wear T-shirts again!" — Ann'."""
    texts = [all_views[i].sentence.text for i in range(start, end + 1)]
    joined = " ".join(texts)
    bounds, at = [], 0
    for text in texts:
        bounds.append((at, at + len(text)))
        at += len(text) + 1
    first_person = _pack("testimony", language)[1]
    found = set()
    for match in QUOTED_LONG.finditer(joined):
        signed = SIGNED.match(joined, match.end() - 1) or _reported(language).match(joined, match.end())
        mine = any(word in first_person for word, _, _ in words_of(match.group()))
        # ... unless a firm advises in it: a pharmacist's "Wir empfehlen …"
        firm = any(_firm_advice(all_views[i], words_of(all_views[i].sentence.text), match.start() - bounds[i - start][0],
                                match.end() - bounds[i - start][0], first_person)
                   for i in range(start, end + 1) if bounds[i - start][0] < match.end() and bounds[i - start][1] > match.start())
        if (signed and not firm) or mine:
            found |= {start + k for k, (a, b) in enumerate(bounds) if a < match.end() and b > match.start()}
    return found
