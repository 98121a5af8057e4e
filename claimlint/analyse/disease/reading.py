"""Readings of one sentence (a claims.View): its condition, signs, negations and drugs; whether it
warns, suits, tells a founder's story, relays a customer, names a made-up disease name. Each is a
small question judge() asks."""

from __future__ import annotations

import functools
import re

from claimlint.analyse.disease.words import (
    PHRASE_AFTER,
    AGENT, CAUSES,
    STARS,
    CLOSING_QUOTES,
    ANSWER, ANTI_INFLAMMATORY, CAMEL_CASE, CONDITIONAL, CONTRAINDICATED, DEFICIENCY, DIAGNOSIS, DOCTOR,
    EFFECT, HIGH, LONG_NAME_PART, NAMED, NAME_PART, NAME_PARTS, NEED, NEGATED_ADVICE, OFFER, PACK,
    POSSESSIVE, QUOTED, RAISES_RISK, RISK_NOUNS, SAFE, SIGNATURE, SIGNED, SINCE, STOP_NAME,
    STRONG, TREATMENT,
)
from claimlint.analyse.lexicon import Hit, words_of
from claimlint.model import DiseaseClaim


def _asks(text: str) -> bool:
    """A question, also one quoted ('„Hilft das gegen meine Parkinson-Symptome?“', « … ? »)."""
    return text.rstrip().rstrip(CLOSING_QUOTES).rstrip().endswith("?")


def _caused(view, hit) -> bool:
    """A disease or symptom right after a verb of causing ("certains provoquent une diarrhée", "can
    cause kidney stones"): caused, not treated; not "bald patches caused by alopecia", its cause."""
    before = view.words[max(0, hit.start - 3):hit.start]
    # ... and not a disease named by its cause after a drug-claim verb ("prevention of
    # antibiotic-associated diarrhoea")
    return bool(before) and bool(CAUSES.search(" ".join(before))) and not AGENT.intersection(before) \
        and not any(h.cls == STRONG and hit.start - 3 <= h.start < hit.start for h in view.hits)


@functools.lru_cache(maxsize=16)
def _reported(language: str | None) -> re.Pattern:
    """A quotation reported by a verb of saying and a name ('..." says Ann', «…», cuenta Lucía): the
    rule packs' `speech` words of the page's language and English, then a capital."""
    terms = sorted({" ".join(term.split()) for term in _speech_terms(language)}, key=len, reverse=True)
    verbs = "|".join(r"\s+".join(re.escape(part) for part in term.split()) for term in terms if term)  # "d'après" whole
    return re.compile(rf"\s*,?\s*(?:{verbs})\s+[A-ZÀ-Þ]")


def _speech_terms(language: str | None) -> list[str]:
    from claimlint.analyse.rules import rule_pack

    return [term for code in _languages(language) for term in rule_pack(code).get("speech", [])]


def _languages(language: str | None) -> tuple[str, ...]:
    """The page's language and English (a brand quotes its customers in either; Dutch "je" is
    "you", French "je" is "I"), every language when the page's is unknown."""
    from claimlint.analyse.rules import available_languages

    return tuple(sorted({language, "en"})) if language in available_languages() else tuple(available_languages())


@functools.lru_cache(maxsize=64)
def _pack(key: str, language: str | None):
    """A rule-pack word list of the page's languages (_languages): as a lexicon, and as a set of its
    one-word entries."""
    from claimlint.analyse.rules import pack_words

    lexicon = pack_words(key, _languages(language))
    return lexicon, frozenset(w for w in lexicon.words)


def _found(key: str, view, language: str | None) -> list[Hit]:
    """Where a rule pack's word list (`story`, `relatives`, `natural`, `free_from`) matches the sentence."""
    return _pack(key, language)[0].hits(view.words)[0]


def _negation_at(view, language: str | None) -> list[int]:
    """Word indices of the negations of the page's language and English ("does not cure", "geneest
    niet"), but for phrases that deny nothing ("niet voor niets", "not only": `not_negation`)."""
    words = _pack("negation", language)[1]
    found = [i for i, word in enumerate(view.words) if word in words]
    if found:
        idioms = {i for h in _found("not_negation", view, language) for i in range(h.start, h.end)}
        found = [i for i in found if i not in idioms]
    return found


def _negations(view, farewell: set[int], language: str | None = None) -> list[int]:
    """Word indices of negations outside a farewell ("no more joint pain" claims; "does not cure" denies)."""
    return [i for i in _negation_at(view, language) if i not in farewell]


def _testimony(view, language: str | None = None) -> bool:
    """A quoted first-person account ('"My migraines have gone since I take these capsules," says
    Ann.') or a quotation signed by a customer ('"Not one gout attack since May." – Bernard, 67')."""
    text = view.sentence.text
    if SIGNED.search(text) and re.match(r"\W*[«“„\"‘']", text):  # the whole sentence a signed quotation
        return True
    first_person = _pack("testimony", language)[1]
    if SIGNATURE.search(text) and any(w in first_person for w in view.words):
        return True  # a review signed without quotation marks: "... ¡gracias! – Carmen, Sevilla ★★★★★"
    quotes = [m.span() for m in QUOTED.finditer(text)]
    if not quotes:
        return False
    reported = "research" not in view.classes or bool(STARS.search(view.sentence.text))  # '..." says Ann', «…», cuenta Lucía; not an expert citing studies
    tokens = words_of(text)
    for a, b in quotes:
        if (SIGNED.match(text, b - 1) or reported and _reported(language).match(text, b)) \
                and not _firm_advice(view, tokens, a, b, first_person):
            return True
    return any(word in first_person and any(a <= start < b for a, b in quotes) for word, start, _ in tokens)


def _firm_advice(view, tokens, a: int, b: int, first_person) -> bool:
    """A signed quotation (characters a..b of the sentence) in which a firm advises, not someone
    telling their own story: '«Wir empfehlen Echinacea …», so Courvoisier' (a pharmacist), not
    '"Our daughter's eczema cleared up," says Maria' or '"We both had bronchitis …," writes Tom'."""
    inside = {h.cls for h in view.hits if h.start < len(tokens) and a <= tokens[h.start][1] < b}
    mine = any(word in first_person and a <= start < b for word, start, _ in tokens)
    return not mine and {"voice", "advice"} <= inside


def _cited_title(view, condition, language: str | None = None) -> DiseaseClaim | None:
    """A quoted publication title naming a disease, cited for what the product does (21 CFR
    101.93(g)(2)(iv)(C)): 'As shown in "Curcumin in Knee Osteoarthritis", our formula works.',
    "Known from the book 'Heal Your Own Eczema', now as a capsule" (the rule packs' `publication`)."""
    if condition is None:
        return None
    text = view.sentence.text
    tokens = words_of(text)
    if len(tokens) != len(view.words) or condition.start >= len(tokens):
        return None
    at = tokens[condition.start][1]
    inside = next((m for m in QUOTED.finditer(text) if m.start() < at < m.end()), None)
    if inside is None:
        return None
    outside = {h.cls for h in view.hits if not inside.start() <= tokens[h.start][1] < inside.end()}
    published = any(not inside.start() <= tokens[h.start][1] < inside.end() for h in _found("publication", view, language))
    offered = outside & {"voice", "product", "substance", "promo"} or CAMEL_CASE.search(text[inside.end():])
    if offered and (outside & {"research", "reporting", "effect", "voice"} or published):
        return DiseaseClaim(view.sentence, condition.text, "", "a publication naming a disease cited as evidence")
    return None


def _signs(view) -> list[Hit]:
    """Signs of disease read off a body part: a `sign` word up to six words before one ("itchy,
    red, scaly patches on the elbows") or four after ("tanden die loszitten", "l'orteil rouge,
    gonflé et brûlant"); each sign word is one sign."""
    if "sign" not in view.classes or "body" not in view.classes:  # most sentences (a quick way out)
        return []
    body = [h for h in view.hits if h.cls == "body"]
    found = []
    for sign in (h for h in view.hits if h.cls == "sign"):
        part = next((b for b in body if b.start - 6 <= sign.start < b.start or b.end <= sign.start < b.end + 4), None)
        if part is not None:
            apart = " " if sign.end == part.start or part.end == sign.start else " … "
            words = f"{sign.text}{apart}{part.text}" if sign.start < part.start else f"{part.text}{apart}{sign.text}"
            found.append(Hit("symptom", sign.start, sign.end, words))
    return found


def _symptoms(view) -> list:
    """Distinct symptom hits, signs read off body parts among them: overlapping ones ("muscle
    cramps", "cramps") and repeats count once."""
    if not view.classes & {"symptom", "sign"}:
        return []
    covered: set[int] = set()
    found, seen = [], set()
    for hit in sorted([*(h for h in view.hits if h.cls == "symptom"), *_signs(view)], key=lambda h: (h.start - h.end, h.start)):
        if not covered & set(range(hit.start, hit.end)) and hit.text.lower() not in seen:
            found.append(hit)
            seen.add(hit.text.lower())
        covered |= set(range(hit.start, hit.end))
    return sorted(found, key=lambda h: h.start)


def _patients(hit) -> bool:
    """Words naming people with a disease: "atteints de", "diagnosed with" (no product diagnoses)."""
    return hit.cls == "population" or (hit.cls == STRONG and DIAGNOSIS.match(hit.text))


def _negated(verb, negations: list[int]) -> bool:
    """A verb denied by a negation just before it: "our teas cure nothing" has its negation after,
    "isn't designed to treat any condition" before."""
    return any(verb.start - 6 <= n < verb.start or verb.end <= n < verb.end + 2 for n in negations)


def _warning(view, condition, language: str | None = None) -> bool:
    """A warning naming a disease: "Do not take with known kidney disease", "If you take blood
    thinners for atrial fibrillation, ask your doctor" (a negated or conditional use, with advice),
    "Not recommended for people with kidney failure" (a contraindication)."""
    if condition is not None and CONTRAINDICATED.search(view.sentence.text):
        return True
    text = view.sentence.text
    if condition is None or "advice" not in view.classes and not DOCTOR.search(text):
        return False
    before = [h for h in view.hits if h.cls == "advice" and h.start < condition.start]
    negated = any(n < condition.start and any(abs(n - h.start) <= 2 for h in before) for n in _negation_at(view, language))
    # ... or a doctor's advice in a sentence that claims no effect at all ("Hinweis: Bei
    # Schilddrüsenerkrankungen Rücksprache mit dem Arzt halten")
    # a condition ("if you have", "en cas de") with advice, unless the product is said to heal
    # ("recommandées en cas d'hépatite pour accélérer la guérison")
    healing = any(h.cls == STRONG and not TREATMENT.match(h.text) and condition.end <= h.start < condition.end + 5 for h in view.hits)
    # ... but a pharmacist's or naturopath's advice to take the brand's own product for the disease is
    # an offer ("En cas de sinusite chronique, je conseille notre extrait de pépins de pamplemousse")
    offering = _ours(view) and not DOCTOR.search(text)
    return negated or bool(CONDITIONAL.search(text)) and not healing and not offering \
        or bool(DOCTOR.search(text)) and not any(h.cls in EFFECT and not TREATMENT.match(h.text) for h in view.hits)


def _replaced(view, language: str | None = None) -> DiseaseClaim | None:
    """A medicine the product replaces or lets you drop (21 CFR 101.93(g)(2)(vi)): "Ready to ditch
    your statin?", "Schlaftabletten absetzen?", "you may not need those pills". Its "not" is the
    claim; a negation just before or after the verb ("do not stop taking", "replaces no medicine") or a doctor's advice elsewhere
    ("talk to your GP before you stop taking your statin") makes it a warning."""
    drug = _first(view, ("drug", "medicine"))
    verb = _first(view, ("replace", "augment"))
    if drug is None or verb is None:
        return None
    inside = {i for h in view.hits if h.cls in ("replace", "augment") for i in range(h.start, h.end)}
    if not NEED.search(verb.text) and any(i not in inside and (verb.start - 3 <= i < verb.start or verb.end <= i < verb.end + 2)
                                          for i in _negation_at(view, language)):  # "do not stop taking", "ersetzt keine Medikamente"
        return None  # (no medicine needed is the claim itself: "je hebt geen maagzuurremmers meer nodig")
    # a doctor named before the switch makes it a warning ("talk to your GP before you stop your
    # statin"); named after it, a caution added to the claim ("made the switch - keep your doctor in the loop")
    doctor = DOCTOR.search(view.sentence.text)
    tokens = words_of(view.sentence.text)
    switch_at = tokens[verb.start][1] if len(tokens) == len(view.words) else 0
    if "research" in view.classes or doctor is not None and doctor.start() < switch_at \
            or doctor is not None and not view.classes & set(OFFER) \
            or any(h.cls == "advice" and NEGATED_ADVICE.search(h.text) and h.start < verb.start for h in view.hits):
        return None
    if verb.cls == "augment":  # 21 CFR 101.93(g)(2)(vii)
        return DiseaseClaim(view.sentence, drug.text, verb.text, "a medicine's effect augmented")
    return DiseaseClaim(view.sentence, drug.text, verb.text, "a medicine replaced")


@functools.lru_cache(maxsize=1)
def _stem_pattern() -> re.Pattern:
    """Any disease stem, "stop" (whose name may begin with a shorter piece of a stem: "Colestop")
    or an anti-inflammatory, in lower-case text: a trie of alternatives, which the regex engine
    tries a letter at a time instead of one alternative after another."""
    return re.compile(_trie((*_name_stems(), "stop", "anti-inflam", "antiinflam", "entzündungshemm", "ontstekingsremm")))


def _trie(words) -> str:
    """A regex matching any of the words, as a trie: (?:a(?:b|c)|d)."""
    if "" in words:
        rest = [w for w in words if w]
        return "" if not rest else f"(?:{_trie(rest)})?"  # a word ending here matches already
    groups: dict[str, list[str]] = {}
    for word in words:
        groups.setdefault(word[0], []).append(word[1:])
    return "(?:" + "|".join(re.escape(first) + _trie(tuple(tails)) for first, tails in sorted(groups.items())) + ")"


@functools.lru_cache(maxsize=1)
def _name_stems() -> tuple[str, ...]:
    from claimlint.analyse.rules import available_languages, rule_pack

    return tuple(sorted({s.lower() for lang in available_languages() for s in rule_pack(lang).get("disease_name_stems", [])}))


def _disease_name(view, language: str | None = None) -> DiseaseClaim | None:
    """A made-up product name in camel case, or of capitalised parts joined by a hyphen, with a
    part that begins with a disease ("DiabeStop", "ArthroFit Glucosamine", "StopCystite",
    "Eczéma-Calm"), 21 CFR 101.93(g)(2)(iv)(A); the stems are the rule packs'."""
    text = view.sentence.text
    stems = _stem_pattern()
    if not stems.search(text.lower()):  # most sentences hold no disease stem at all
        return None
    if _found("story", view, language):
        return None  # "donates $1 to the Cystic Fibrosis Foundation": a charity's name
    for word, start, end in words_of(text):
        if not stems.search(word):  # nor do most of their words
            continue
        stopping = STOP_NAME.fullmatch(word)  # "Colestop", "Griepstop": a disease and "stop" in one word
        if stopping and any(stopping.group(1).startswith(stem) or stem.startswith(stopping.group(1)) for stem in _name_stems()):
            return DiseaseClaim(view.sentence, text[start:end], "", "a product name implying a disease")
        titled = start == 0 and len(view.words) <= 12 and (PACK.search(text) or "product" in view.classes)  # "Varicel – 60 cápsulas"
        if (start > 0 or titled) and text[start].isupper() and language not in ("de", None) and _made_up(word, language):
            return DiseaseClaim(view.sentence, text[start:end], "", "a product name implying a disease")  # "Cystiflore", "Gastritín"
        camel = CAMEL_CASE.search(text, start, end)
        hyphened = (NAME_PART if language == "de" else LONG_NAME_PART).search(text, start, end)
        if camel or hyphened:
            # any part of a camel-case name ("StopCystite"); the first of a hyphened one ("Eczéma-Calm",
            # not the German compound "Magen-Darm-Grippe")
            parts = NAME_PARTS.findall(text[start:end])
            if any(part.lower().startswith(_name_stems()) for part in (parts if camel else parts[:1])):
                return DiseaseClaim(view.sentence, text[start:end], "", "a product name implying a disease")
    return None


def _made_up(word: str, language: str) -> bool:
    """A capitalised word mid-sentence that begins with a disease but is no word of the lexicons
    ("Cystiflore", "Diabetrol"): the lexicons know it as no disease (German capitalises every noun,
    so not there)."""
    from claimlint.analyse.lexicon import lexicon

    lex = lexicon(language)
    return len(word) > 5 and word.startswith(_name_stems()) and "condition" not in lex.word_classes(word) \
        and word not in lex.words


def _ours(view) -> bool:
    """The brand's own product named: "our gummies", "unser Sauerkirschkonzentrat"; not "our body"."""
    return any(v.cls == "voice" and any(h.cls in ("product", "substance", "food") and 0 < h.start - v.start <= 3
                                        for h in view.hits) for v in view.hits)


def _relayed(view, condition, language: str | None) -> bool:
    """A customer's account relayed by the brand in its own voice, no quotation marks ("She says since
    switching to our gummies her sinusitis hasn't come back", "Gisela schreibt, dass ihre
    Gichtanfälle aufgehört haben, seit sie unser Konzentrat trinkt")."""
    # the verb of saying, after its subject, introduces the account ("Gisela schreibt, dass ..."); one
    # after it ("…», so Courvoisier") closes a quotation, which is read as one; "Say goodbye" says nothing
    return condition is not None and _ours(view) and any(0 < h.start < condition.start for h in _found("speech", view, language)) \
        and "research" not in view.classes and not DOCTOR.search(view.sentence.text)


def _founding(view, condition, language: str | None) -> bool:
    """A founder's story or a donation naming a disease ("our founder started after her father's
    Parkinson's", "we donate to a leukaemia charity"): no claim for the product."""
    return condition is not None and bool(_found("story", view, language))


def _relatives_illness(view, condition, language: str | None) -> bool:
    """A relative's illness told with no effect claimed ("after my dad was diagnosed with COPD")."""
    if condition is None:
        return False
    relatives = [h for h in _found("relatives", view, language)
                 if " " in h.text or h.start > 0 and POSSESSIVE.fullmatch(view.words[h.start - 1])]  # "my dad", not "Oma Geer"
    if not relatives:
        return False
    if SINCE.search(view.sentence.text) and view.classes & {"product", "substance", "food"}:
        return False  # "since he drinks the tea, not a single stone" is an account of the product
    return not any(h.cls in EFFECT and not DIAGNOSIS.match(h.text) and not TREATMENT.match(h.text)
                   and not h.start <= condition.start < h.end for h in view.hits)


def _natural_drug(view, language: str | None) -> DiseaseClaim | None:
    """A drug class called natural: "Nature's antibiotic", "a plant-based antidepressant",
    "l'anti-inflammatoire naturel" (21 CFR 101.93(g)(2)(v)); not when denied just before it."""
    drugs = [h for h in view.hits if h.cls == "drug" or (h.cls in ("effect", "body") and ANTI_INFLAMMATORY.match(h.text))]
    if not drugs or view.classes & {"advice", "research"}:
        return None
    natural = _found("natural", view, language)
    negations = _negation_at(view, language)
    for drug in drugs:
        near = [n for n in natural if drug.start - 3 <= n.start < drug.start or drug.end <= n.start < drug.end + 3]
        if near and not any(min(drug.start, near[0].start) - 3 <= i < drug.start for i in negations):
            return DiseaseClaim(view.sentence, drug.text, near[0].text, "a product class implying a disease")
    return None


def _own_account(view, condition, language: str | None) -> bool:
    """Someone's own disease, told next to the product ("seit ich die Shots trinke, hab ich meine
    Hashimoto-Schübe im Griff", "grâce à ces gélules mon SOPK s'est calmé"): a first-person word
    just before the disease, with a product, substance or food named, and no advice."""
    first_person = _pack("testimony", language)[1]
    mine = any(word in first_person for word in view.words[max(0, condition.start - 2):condition.start])
    offered = view.classes & {"product", "substance", "food"} or CAMEL_CASE.search(view.sentence.text) \
        or SINCE.search(view.sentence.text)  # "Sinds ik deze darmbacteriën gebruik, ... mijn prikkelbare darm"
    asking = _asks(view.sentence.text)  # "can I take it with my diabetes medication?"
    return mine and bool(offered) and "advice" not in view.classes and not asking


def _spared(view, condition, language: str | None) -> DiseaseClaim | None:
    """Fewer or none of a disease, the product named ("Minder verkoudheden deze winter dankzij onze
    siroop", "ohne Bronchitis durch den Winter", "Dit najaar geen griep"): its prevention. The rule
    packs' `fewer`, `without` and `none` words, up to two words before the disease."""
    if condition is None:
        return None
    for key in ("fewer", "without", "none"):
        word = next((h for h in _found(key, view, language) if 0 <= condition.start - h.end <= 2), None)
        # "no flu this autumn with our ..." promises none, right before the disease; "our capsules cure
        # no flu", "können keine Krankheiten heilen", "geen behandeling voor artrose" deny
        if word is not None and key == "none" and (condition.start != word.end or not _ends_a_phrase(view, condition) or any(
                h.cls in EFFECT and (h.start < word.start or 0 <= h.start - condition.end <= 3) for h in view.hits)):
            word = None  # ... nor "no allergy triggers", "no cancer claims": the disease names something else
        if word is not None:
            return DiseaseClaim(view.sentence, condition.text, word.text, NAMED)
    return None


def _ends_a_phrase(view, hit) -> bool:
    """Whether the phrase ends with the hit: a stop or the sentence's end after it ("Dit najaar geen
    griep: met onze ..."), or a word of time or of "more" ("keine Erkältung mehr", "no flu this
    winter"), not a noun it qualifies ("no allergy triggers")."""
    if hit.end >= len(view.words):
        return True
    tokens = words_of(view.sentence.text)
    if hit.end - 1 < len(tokens) and hit.end < len(tokens):
        between = view.sentence.text[tokens[hit.end - 1][2]:tokens[hit.end][1]]
        if between.strip() and between.strip()[0] in ":;,.!–—-(":
            return True
    return view.words[hit.end] in PHRASE_AFTER


def _suits(view, condition, language: str | None) -> bool:
    """A disease named only to say the product suits it ("my coeliac daughter can have it too,
    it's gluten-free"): a free-from word of the rule packs, and no verb acting on anything."""
    acting = [h for h in view.hits if h.cls in EFFECT and not SAFE.match(h.text)]  # "safe for coeliacs" acts on nothing
    if condition is None or acting or CAMEL_CASE.search(condition.text):  # "ArthroStop · sans lactose"
        return False
    return bool(_found("free_from", view, language))


def _question_hook(view, condition) -> bool:
    """A question naming a disease answered with the product in the same sentence: "Migraine
    again? Try our feverfew capsules." (question_hooks finds the answer in the next sentence)."""
    text = view.sentence.text
    mark = text.find("?")
    tokens = words_of(text)
    if mark < 0 or len(tokens) != len(view.words) or condition.start >= len(tokens) or tokens[condition.start][1] > mark:
        return False
    answer = [h for h in view.hits if tokens[h.start][1] > mark]
    return _offered(answer, text[mark:])


def _offered(hits, text: str) -> bool:
    """An answer offering the product; not one giving advice ("..? Ask your doctor first")."""
    classes = {h.cls for h in hits}
    return not _advising(hits, text) and bool(classes & set(ANSWER) or CAMEL_CASE.search(text))


def _advising(hits, text: str) -> bool:
    """Advice that warns or refers to a doctor ("ask your doctor first", "do not combine"), not a
    direction ("take two softgels a day") or a sales pitch ("Probieren Sie")."""
    return bool(DOCTOR.search(text)) or any(h.cls == "advice" and NEGATED_ADVICE.search(h.text) for h in hits)


def _framing(view, hit) -> bool:
    """A natural-state qualifier just before or after a hit ("insomnies occasionnelles")."""
    return any(q.cls == "qualifier" and (-2 <= q.start - hit.end <= 1 or -2 <= hit.start - q.end <= 1)
               and not (q.start, q.end) == (hit.start, hit.end) for q in view.hits)


def _raising_risk(view) -> set[int]:
    """Word indices of a raised risk ("can increase the risk of high blood pressure"): a cause."""
    text = view.sentence.text
    spans = [m.span() for m in RAISES_RISK.finditer(text)]
    return {i for i, (_, start, _) in enumerate(words_of(text)) if any(a <= start < b for a, b in spans)} if spans else set()


def _condition(view, natural: set[int]):
    """The first disease named, or a risk marker said to be high (two words before it, five after:
    "zu hohe Cholesterinwerte", "ton cholestérol est trop haut"). A disease in an institution's
    name ("Centers for Disease Control", "Deutsche Krebshilfe": the lexicons' regulatory class) is
    none."""
    names = {i for h in view.hits if h.cls == "regulatory" for i in range(h.start, h.end)}
    # a disease of a deficiency, the deficiency named just after or before it ("anemia por falta de
    # hierro", "Jodmangel und dem damit verbundenen Kropf"): 101.93(g)(1)
    deficient = [h for h in view.hits if h.cls in ("qualifier", "quantity", "condition") and DEFICIENCY.search(h.text)]
    for hit in view.hits:
        if hit.cls == "condition" and (DEFICIENCY.search(hit.text) or  # "prevenir el déficit de vitamina D", "Flüssigkeitsmangel"
                                       any(hit.end <= d.start < hit.end + 4 or hit.start - 5 < d.end <= hit.start for d in deficient)):
            names |= set(range(hit.start, hit.end))
    condition = _first(view, ("condition",), natural | names)
    if condition is not None:
        return condition
    return next((h for h in view.hits if h.cls == "marker" and any(
        HIGH.fullmatch(w) for w in view.words[max(0, h.start - 2):h.end + 5])), None)


def _first(view, classes, avoid: set[int] = frozenset()):
    for hit in view.hits:
        if hit.cls in classes and not set(range(hit.start, hit.end)) & avoid \
                and not (hit.cls == STRONG and DIAGNOSIS.match(hit.text)) \
                and not (hit.cls == "effect" and hit.text.lower() in RISK_NOUNS and not view.classes & set(OFFER)):
            return hit
    return None


def _at_time(view, language: str | None) -> list[int]:
    """Word indices of words that date something (the rule packs' `timing`): "after antibiotics",
    "tijdens een antibioticakuur"."""
    words = _pack("timing", language)[1]
    return [i for i, w in enumerate(view.words) if w in words]
