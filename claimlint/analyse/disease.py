"""Disease claims (21 CFR 101.93(g)(2)): a sentence that claims an effect on a disease.

On a page that markets a supplement such a sentence makes the product an unapproved drug; no
disclaimer covers it. Judged from lexicon classes, so every finding can say which disease and
which verb it saw:

- a drug-claim verb (cure, treat, prevent, heal, fight) on a condition: always a disease claim;
- any other effect verb on a condition, unless structure/function qualifiers frame it
  ("helps maintain healthy ... already within the normal range", "occasional");
- an effect on two or more symptoms with no qualifier (a disease implied by its signs), signs read
  off body parts among them ("stiff, swollen knees": the lexicons' `sign` class);
- a product class or drug named as what the supplement is or replaces ("a natural
  antidepressant", "an alternative to statins"), outside advice and warnings; medicines in
  general ("medication") only with a verb of replacing ("the natural alternative to medication");
  a medicine the product lets you drop, whose "not" is the claim ("you may not need those pills";
  the verbs are the lexicons' `replace` class), unless negated just before or with a doctor's advice;
- a quoted publication title naming a disease, cited for what the product does, or a health
  claim whose citation marker points at a reference whose title names one (cited_disease_titles);
- a condition named in a product name ("Arthritis Formula", "Migrenol Magnesium 60 capsules",
  a made-up name in camel case: "DiabetoVital Cinnamon + Chromium");
- a customer's quoted account of a disease, first person or signed ('"Not one gout attack since
  May." – Bernard, 67'): its "not" is the claim; or someone's own disease next to the product,
  unquoted ("since I drink these shots my hay fever is under control");
- a drug class called natural ("Nature's antibiotic"), a made-up name with a part that begins
  with a disease ("DiabeStop", "Eczéma-Calm": the rule packs' `disease_name_stems`);
- a question naming a disease answered with the product ("Migraine again? Try our capsules."),
  in the same sentence or the next one of its block (question_hooks);
- a question naming two signs of a disease answered with the product ("Bleeding gums and loose
  teeth? Our Q10 gets to the root of it.");
- a product offered to people with a disease ("for children with ADHD", "atteints de", "diagnosed with");
- a product aimed at a disease even when a structure/function verb frames the sentence
  ("supports your natural defences against colds and flu": the body's response to a disease);
- an effect on a risk marker with no structure/function qualifier ("lowers cholesterol"): an
  abnormal condition (hypercholesterolaemia), unlike "maintains healthy cholesterol levels".

Not claims: a verb denied just before or after it ("our teas cure nothing"; the negations of the
page's language and English); a warning, that is a condition named with advice under a negation
or a condition, a doctor's advice with no effect claimed, or a contraindication ("do not take with
kidney disease", "if you take blood thinners for atrial fibrillation, ask your doctor", "not
recommended for people with kidney failure"); a diagnosis (people are diagnosed, no product
diagnoses); a founder's story, a donation, or a relative's illness told with no effect; a disease
named only to say the product suits it ("gluten-free, so my coeliac son can have it"); a raised
risk ("low levels increase the risk of"), which is a cause.

A farewell is a drug-claim verb ("say goodbye to", "no more", "Schluss mit", "fini les"): its
"no" denies nothing. A condition caused by something ("deficiency can cause rickets") is not
treated by it: causing is a mechanism, not an effect.

What it cannot judge: references cited without a marker, claims made by images, reported
testimonials ("..., says Ann"), and whether a condition word is used for a normal state beyond the
natural states in the qualifier class (it errs towards flagging), idioms that name a disease
without its word ("do you have sugar?"), and symptoms the lexicons lack.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from claimlint.analyse.claims import is_claim
from claimlint.analyse.lexicon import Hit, words_of
from claimlint.model import DiseaseClaim

# "if you take blood thinners for atrial fibrillation, ask your GP": a precondition, not an effect
DIAGNOSIS = re.compile(r"diagn[oó]s", re.I)  # diagnose, diagnosis, diagnóstico: people are diagnosed, no product diagnoses
# ... or a known or existing one ("bei bestehender Schilddrüsenerkrankung", "en cas de", "in case of")
CONDITIONAL = re.compile(r"\b(?:if|unless|wenn|falls|indien|si|in case of|en cas d[e']|en caso de|in geval van|im fall[e]? von|"
                         r"bestehende[rnms]?|bekannte[rnms]?|known|existing|existente?s?|existant[e]?s?)\b", re.I)
# a contraindication names a condition as a reason not to take the product, with no advice needed
CONTRAINDICATED = re.compile(r"\b(?:not recommended|contraindicated|d[ée]conseill[ée]e?s?|contre-indiqu[ée]e?s?|nicht empfohlen|"
                             r"kontraindiziert|afgeraden|ontraden|ongeschikt|ungeeignet|unsuitable|not suitable|nicht geeignet|"
                             r"niet geschikt|ne convient pas|no (?:es )?apt[oa]|no (?:es )?adecuad[oa]|raden (?:we |wij )?af|gecontra-indiceerd|no (?:se )?recomienda|no recomendad[oa]s?|"
                             r"d[ée]conseill\w*|desaconsej\w*|advise against|abraten|raten (?:wir )?ab|raad (?:ik|wij|we) \w+(?: \w+)? af|"
                             r"dangerous|gevaarlijk|gefährlich|dangereu\w*|peligros\w*|out of (?:the )?reach|buiten (?:het )?bereik|"
                             r"außer(?:halb der)? reichweite|hors de (?:la )?portée|fuera del alcance|"
                             r"contraindicad[oa]s?|cautions?|precautions?|concern|vorsicht|voorzichtig(?:heid)?|pr[ée]cautions?|prudence|precauci[oó]n|"
                             r"traces? (?:of|de)|spuren von|sporen van|trazas de|hinweis f[üu]r allergiker|allergen|"  # allergen notices
                             r"do not (?:use|take)|nicht (?:anwenden|einnehmen|verwenden)|niet (?:gebruiken|innemen)|"
                             r"ne pas (?:utiliser|prendre|consommer)|no (?:usar|tomar|consumir))\b", re.I)  # "do not use with ..."
# a quoted title or account: double quotes of any kind, or single ones that are no apostrophes
# ("people who've had arthritis, it's gentle" holds no quotation)
QUOTED = re.compile(r"[«“„\"][^«»“”„\"]{8,300}[»”“\"]|(?<!\w)[‘'][^‘’']{8,300}[’'](?!\w)")
# a quotation signed by a customer: '"…" – Mike, 63', '« … » — Bernard'
SIGNED = re.compile(r"[»”“\"’']\s*[–—-]\s*[A-ZÀ-Þ][\w.]*")
# a review's signature at the end of its sentence: "– Carmen, Sevilla ★★★★★", "- Mark T."
SIGNATURE = re.compile(r"\s[–—-]\s*[A-ZÀ-Þ][\w.]*(?:\s[A-ZÀ-Þ][\w.]*)?(?:,\s*[\w .À-ÿ]{1,30})?\s*[★☆*]*\s*$")
CAMEL_CASE = re.compile(r"[a-zà-ÿ][A-ZÀ-Þ][a-zà-ÿ]")  # a made-up product name: "DiabetoVital", "ArthriCare"; not "PhD"
PACK = re.compile(r"\b\d+\s*(?:x\s*)?[^\W\d_]")  # "120 capsules", "pack de 3" is caught by its number
STRONG = "disease_verb"
NAMED = "effect on a named disease"
CURES = "a drug-claim verb on a named disease"  # cure, treat, prevent, heal, fight
EFFECT = ("disease_verb", "effect")
# "at risk of anaemia" names who gets a disease; a verb ("lowers the risk of") acts on it, and so
# does the product offered to them ("women at risk of osteoporosis rely on our formula")
RISK_NOUNS = frozenset({"risk of", "risks of", "risico op"})


@functools.lru_cache(maxsize=64)
def _pack(key: str, language: str | None):
    """A rule-pack word list of the page's language and English (a brand quotes its customers in
    either; Dutch "je" is "you", French "je" is "I"), of every language when the language is
    unknown: as a lexicon, and as a set of its one-word entries."""
    from claimlint.analyse.rules import available_languages, pack_words

    languages = tuple(sorted({language, "en"})) if language in available_languages() else tuple(available_languages())
    lexicon = pack_words(key, languages)
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
    reported = "research" not in view.classes  # '..." says Ann', «…», cuenta Lucía; not an expert citing studies
    if any(SIGNED.match(text, b - 1) or reported and REPORTED.match(text, b) for _, b in quotes):
        return True
    return any(word in first_person and any(a <= start < b for a, b in quotes) for word, start, _ in words_of(text))


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


DOCTOR = re.compile(r"\b(?:doctors?|physicians?|GP|pharmacists?|(?:huis)?arts|apotheker|(?:haus)?ärztin|(?:haus)?arzt|"
                    r"m[ée]decins?|pharmacien(?:ne)?|m[ée]dicos?|farmac[ée]utic[oa]|"
                    r"health ?care (?:provider|professional)s?|health professionals?|zorgverleners?|medical advice|"
                    r"ärztlich\w*|medisch advies|avis médical|consejo médico|"
                    r"fachpersonal|professionnels? de (?:la )?santé|profesional(?:es)? (?:de la )?salud|"
                    r"\w+ologists?|\w+olo(?:ge|gin|og|gue|g[oa])s?|"  # ... and specialists: nephrologist, Kardiologe
                    r"consult(?:ar|er|ez|a|en|ing)?|raadpleeg\w*|overleg|rücksprache|konsultier\w*)\b", re.I)  # ... and consulting one
# say goodbye: "zeggen we vaarwel tegen", "dites adieu à" (a farewell, not a report)
FAREWELL = re.compile(r"goodbye|bye|vaarwel|adieu|adi[oó]s|tsch[üu]ss|lebewohl|au revoir|farewell", re.I)
DEFICIENCY = re.compile(r"d[eé]fici|mangel|tekort|gebrek|carenc|manque|falta|lack", re.I)
# advice that warns ("do not combine", "nicht einnehmen"), as opposed to "take" or "try"
NEGATED_ADVICE = re.compile(r"\b(?:not|never|niet|nooit|nicht|nie|ne|pas|jamais|no|nunca)\b", re.I)
NEED = re.compile(r"need|nodig|brauch|nötig|besoin|necesit", re.I)


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


# a made-up name of capitalised parts ending in a short one: "Eczéma-Calm", "Krampfader-Stopp"
# (not a German compound noun: "Arthrose-Schmerzen")
STOP_NAME = re.compile(r"(\w{4,}?)-?stopp?", re.I)
def _made_up(word: str, language: str) -> bool:
    """A capitalised word mid-sentence that begins with a disease but is no word of the lexicons
    ("Cystiflore", "Diabetrol"): the lexicons know it as no disease (German capitalises every noun,
    so not there)."""
    from claimlint.analyse.lexicon import lexicon

    lex = lexicon(language)
    return len(word) > 5 and word.startswith(_name_stems()) and "condition" not in lex.word_classes(word) \
        and word not in lex.words


NAME_PART = re.compile(r"\w-[A-ZÀ-Þ][a-zß-ÿ]{0,5}\b")
LONG_NAME_PART = re.compile(r"\w-[A-ZÀ-Þ]")  # "Diabeta-Balance": only German capitalises its compounds' nouns
NAME_PARTS = re.compile(r"[A-ZÀ-Þ]?[a-zß-ÿ]+|[A-ZÀ-Þ]+(?![a-zß-ÿ])")  # "StopCystite" -> Stop, Cystite


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


POSSESSIVE = re.compile(r"my|his|her|their|our|mijn|zijn|haar|hun|onze?|mein\w*|sein\w*|ihr\w*|unser\w*|"
                        r"mon|ma|mes|son|sa|ses|leurs?|notre|nos|mis?|sus?|nuestr\w*", re.I)
SINCE = re.compile(r"\b(?:since|sinds|sinda|seit|seitdem|depuis|desde)\b", re.I)
# the treatment a person had ("durante su tratamiento contra el cáncer"), not what the product does
TREATMENT = re.compile(r"treatment|tratamiento|traitement|behandlung|behandeling|therap|terap", re.I)


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


ANTI_INFLAMMATORY = re.compile(r"anti-?inflam|entzündungshemm|ontstekingsremm", re.I)


def _own_account(view, condition, language: str | None) -> bool:
    """Someone's own disease, told next to the product ("seit ich die Shots trinke, hab ich meine
    Hashimoto-Schübe im Griff", "grâce à ces gélules mon SOPK s'est calmé"): a first-person word
    just before the disease, with a product, substance or food named, and no advice."""
    first_person = _pack("testimony", language)[1]
    mine = any(word in first_person for word in view.words[max(0, condition.start - 2):condition.start])
    offered = view.classes & {"product", "substance", "food"} or CAMEL_CASE.search(view.sentence.text) \
        or SINCE.search(view.sentence.text)  # "Sinds ik deze darmbacteriën gebruik, ... mijn prikkelbare darm"
    asking = view.sentence.text.rstrip().endswith("?")  # "can I take it with my diabetes medication?"
    return mine and bool(offered) and "advice" not in view.classes and not asking


# a question whether the product suits someone: "Is it safe for someone with celiac disease?"
SUITS_ASKED = re.compile(r"\b(?:safe|suitable|ok|okay|sicher|geeignet|veilig|geschikt|sûre?s?|sans danger|adaptée?s?|"
                         r"segur[oa]s?|apt[oa]s?)\s+(?:for|für|voor|pour|para)\b|\b(?:can|may) i (?:take|use)\b|\bdarf ich\b|"
                         r"\bmag ik\b|\bpuis-je (?:prendre|utiliser)\b|\bpuedo (?:tomar|usar)\w*", re.I)
# a statement that the product suits someone: "suitable for diabetics", "convient aux personnes diabétiques"
SUITABLE_FOR = re.compile(r"\b(?:suitable|safe|ideal|geschikt|veilig|geeignet|sicher|convient|adapté\w*|apt[oa]s?|adecuad[oa]s?|"
                          r"indicad[oa]s? tambi[ée]n)\s+(?:for|voor|für|aux?|à|pour|para)\b", re.I)
SAFE = re.compile(r"safe|suitable|sicher|geeignet|veilig|geschikt|s[ûu]r|adapt|segur|apt", re.I)
NAMING = frozenset({"condition", "symptom", "sign", "drug", "medicine", "marker"})
# people named by their disease: Rheumatiker, migrainepatiënten, migraineurs, diabéticos, asthmatiques
PATIENT = re.compile(r"(?:iker(?:in|innen|n)?|patient(?:en|in|innen|s)?|patiënt(?:en)?|pacientes?|eurs|ics|iques|icos|icas)$", re.I)


def _spared(view, condition, language: str | None) -> DiseaseClaim | None:
    """Fewer or none of a disease, the product named ("Minder verkoudheden deze winter dankzij onze
    siroop", "ohne Bronchitis durch den Winter"): its prevention. The rule packs' `fewer` and
    `without` words, up to two words before the disease."""
    if condition is None:
        return None
    for key in ("fewer", "without"):
        word = next((h for h in _found(key, view, language) if 0 <= condition.start - h.end <= 2), None)
        if word is not None:
            return DiseaseClaim(view.sentence, condition.text, word.text, NAMED)
    return None


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


# what answers a question with the product: the brand's voice, a product word, a sales pitch, a
# substance or a made-up name ("Migraine? Try our capsules.", "... ? CholestoNatur lowers them.")
OFFER = ("voice", "product", "promo")
ANSWER = (*OFFER, "substance", "food")


def _offered(hits, text: str) -> bool:
    """An answer offering the product; not one giving advice ("..? Ask your doctor first")."""
    classes = {h.cls for h in hits}
    return not _advising(hits, text) and bool(classes & set(ANSWER) or CAMEL_CASE.search(text))


def _advising(hits, text: str) -> bool:
    """Advice that warns or refers to a doctor ("ask your doctor first", "do not combine"), not a
    direction ("take two softgels a day") or a sales pitch ("Probieren Sie")."""
    return bool(DOCTOR.search(text)) or any(h.cls == "advice" and NEGATED_ADVICE.search(h.text) for h in hits)


def question_hooks(all_views, language: str | None = None) -> dict[int, DiseaseClaim]:
    """Questions naming a disease whose next sentence, in the same block, offers the product:
    "Suffering from migraines? Try our magnesium formula." By view index."""
    found = {}
    for index, (view, following) in enumerate(zip(all_views, all_views[1:])):
        if not view.sentence.text.rstrip().endswith("?") or following.sentence.block_index != view.sentence.block_index:
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


# raising a risk is causing a disease, not treating it: "low levels can increase the risk of"
RAISES_RISK = re.compile(r"\b(?:increase[sd]?|increasing|raise[sd]?|raising|heighten[s]?|verhoog\w*|vergro\w*|erhöh\w*|steiger\w*|"
                         r"augment\w*|accro\w*|aument\w*|eleva\w*)\s+(?:\w+\s+)?(?:risks?|risico|risiko|risques?|riesgos?|"
                         r"needs?|bedarf|behoefte|besoins?|necesidad(?:es)?)\b|"  # ... or the need for a nutrient
                         # ... and so does being prone to one: "is vatbaarder voor infecties", "anfälliger für Infekte"
                         r"\b(?:(?:more |less )?(?:susceptible|prone|vulnerable)|vatba\w*|anfällig\w*|sensibles?|plus sujets?|"
                         r"propens[oa]s?|más vulnerables?)\s+(?:to|voor|für|aux?|à|a)\b", re.I)
# a risk marker said to be high is an abnormal condition: "cholesterol te hoog", "el colesterol alto"
HIGH = re.compile(r"high|higher|elevated|raised|hoog|hoge|verhoogde?|hoch|hohe[nrms]?|erhöhte?[nrms]?|"
                  r"alt[oa]s?|elevad[oa]s?|haute?s?|élevée?s?", re.I)


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
    asking = [view.sentence.text.rstrip().endswith("?") or _reports_a_question(view.sentence.text) for view in all_views]
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


# promising or claiming, refused with a negation: "we cannot promise that", "das dürfen wir nicht versprechen"
REFUSAL = re.compile(r"\b(?:promis\w*|claim\w*|guarantee\w*|versprech\w*|behaupt\w*|garantier\w*|belo\w*|"
                     r"garander\w*|promet\w*|prétend\w*|garanti\w*|afirmar|asegurar|prometer)\b", re.I)
# a question reported in a statement: "Customers often ask whether our probiotic helps with colitis."
ASKED = re.compile(r"\b(?:ask|asks|asked|wonder|wonders|vragen|vraagt|fragen|fragt|demandent|demande|preguntan|pregunta)\b"
                   r"[^.?!]{0,40}?\b(?:whether|if|of|ob|si)\b", re.I)


PRONOUNS = frozenset({"it", "this", "that", "het", "dat", "dit", "es", "das", "dies", "ce", "cela", "ça", "c'", "eso", "esto", "no"})


def _at_time(view, language: str | None) -> list[int]:
    """Word indices of words that date something (the rule packs' `timing`): "after antibiotics",
    "tijdens een antibioticakuur"."""
    words = _pack("timing", language)[1]
    return [i for i, w in enumerate(view.words) if w in words]


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


ANSWER_LABELS = frozenset({"a", "r", "antwoord", "antwort", "réponse", "respuesta"})  # "A:", "Antwort:"


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
        signed = SIGNED.match(joined, match.end() - 1) or REPORTED.match(joined, match.end())
        mine = any(word in first_person for word, _, _ in words_of(match.group()))
        if signed or mine:
            found |= {start + k for k, (a, b) in enumerate(bounds) if a < match.end() and b > match.start()}
    return found


# a quotation over several sentences; one reported by a verb and a name: '..." says Ann', «…», cuenta Lucía
QUOTED_LONG = re.compile(r"[«“„\"][^«»“”„\"]{8,1500}[»”“\"]|‘[^‘]{8,1500}?’(?!\w)|(?<!\w)'[^']{8,1500}?'(?!\w)")
REPORTED = re.compile(r"\s*,?\s*(?:says|said|writes|wrote|tells|told|zegt|schrijft|vertelt|sagt|schreibt|erzählt|dit|écrit|raconte|"
                      r"dice|cuenta|escribe)\s+[A-ZÀ-Þ]")


def judge(view, language: str | None = None, context: Context = Context()) -> DiseaseClaim | None:
    """The disease claim a sentence (a claims.View) makes, if any, on a page in `language`; its
    block's `context` (contexts()) says whether it stands inside a quotation or after a question."""
    classes = view.classes
    qualified = "qualifier" in classes or context.framed
    sentence = view.sentence
    if sentence.is_disclaimer or sentence.in_references or context.denied:
        return None
    # a sentence naming no disease, sign, drug or risk marker, and holding no name made of a disease
    # stem, claims none (most sentences: a quick way out)
    if not classes & NAMING and context.topic is None and context.account is None \
            and not ("/" in sentence.text and BP_WORD.search(sentence.text)) \
            and not _stem_pattern().search(sentence.text.lower()):
        return None
    if sentence.text.rstrip().endswith("?") and SUITS_ASKED.search(sentence.text):
        return None  # "Is it safe for someone with kidney disease?" asks whether it suits (question_hooks reads the answer)
    if classes & {"drug", "medicine", "condition"} and not classes & {"replace", "augment"} and INTERACTION.search(sentence.text):
        return None  # "St John's wort can interact with medicines for epilepsy": a caution
    farewell = {i for h in view.hits if h.cls == STRONG for i in range(h.start, h.end)}
    negations = _negations(view, farewell, language)
    # a disease treated by medicine, not by the product: "he was treated in hospital for high blood
    # pressure", "common and treatable", "ça se soigne à l'hôpital"
    medical = bool(classes & {STRONG, "effect", "marker"}) and not classes & set(OFFER) and bool(TREATED.search(sentence.text)) \
        and not CAMEL_CASE.search(sentence.text)
    # a condition word that is also a natural state ("PMS", "morning sickness") is no disease, nor is
    # a nutrient deficiency (101.93(g)(1) leaves out "diseases resulting from essential nutrient
    # deficiencies"): the lexicons list both as qualifiers
    natural = {i for h in view.hits if h.cls == "qualifier" for i in range(h.start, h.end)}
    condition = _condition(view, natural)
    cited = _cited_title(view, condition, language)
    if cited is not None and not negations:  # before the reporting voice: "According to the study '...'"
        return cited
    if _warning(view, condition, language) or _suits(view, condition, language) or _founding(view, condition, language):
        return None
    if condition is not None and SUITABLE_FOR.search(sentence.text) and not any(h.cls in EFFECT and not SAFE.match(h.text) for h in view.hits):
        return None  # "Convient aux personnes diabétiques", "Geschikt voor mensen met lactose-intolerantie"
    replaced = _replaced(view, language) or _disease_name(view, language) or _natural_drug(view, language)
    if replaced is not None:
        return replaced
    # a quotation citing studies is an expert's, not a customer's account
    testimony = (context.quoted and "research" not in classes) or _testimony(view, language) or _relayed(view, condition, language)
    if condition is not None and testimony:  # "I haven't had a gout attack since": its "not" is the claim
        return DiseaseClaim(view.sentence, condition.text, "", "a customer's account of a disease")
    marker = _first(view, ("marker",))
    if marker is not None and testimony and any(w in _pack("testimony", language)[1] for w in view.words[max(0, marker.start - 2):marker.start]):
        # « … mon cholestérol est repassé sous la barre » – Gérard: a customer's own risk marker
        return DiseaseClaim(view.sentence, marker.text, "", "a customer's account of an abnormal condition")
    if _relatives_illness(view, condition, language):
        return None
    if condition is not None and SINCE.search(sentence.text) and _found("relatives", view, language) \
            and (classes & {"product", "substance", "food"} or CAMEL_CASE.search(sentence.text)) and "advice" not in classes:
        # "Meine Frau hatte ständig Blasenentzündungen, aber seit sie UroVital nimmt, kein einziges Mal mehr"
        return DiseaseClaim(view.sentence, condition.text, "", "a customer's account of a disease")
    if condition is not None and not negations and _own_account(view, condition, language):
        return DiseaseClaim(view.sentence, condition.text, "", "a customer's account of a disease")  # "mijn hooikoorts onder controle"
    if condition is not None and not negations and _question_hook(view, condition) and not _framing(view, condition):
        return DiseaseClaim(view.sentence, condition.text, "", "a product offered for a disease")
    signs = _symptoms(view)
    if condition is None and len(signs) >= 2 and not negations and not qualified \
            and _question_hook(view, signs[1]):
        return DiseaseClaim(view.sentence, " and ".join(h.text for h in signs[:2]), "",
                            "a product offered for the signs of a disease")  # "Bleeding gums, loose teeth? Try..."
    offered = bool(classes & {*OFFER, "substance", "food", "effect", "aim"} or CAMEL_CASE.search(sentence.text))
    if condition is not None and not negations and not _advising(view.hits, sentence.text) and offered and "research" not in classes \
            and (any(_patients(h) and 0 <= condition.start - h.end <= 1 for h in view.hits) or PATIENT.search(condition.text)):
        return DiseaseClaim(view.sentence, condition.text, "", "a product offered for a disease")  # "for people with MS", "für Rheumatiker"
    spared = _spared(view, condition, language)
    if spared is not None and offered and not _advising(view.hits, sentence.text):
        return spared
    bidding = {i for h in view.hits if h.cls == STRONG and FAREWELL.search(h.text) for i in range(h.start - 3, h.start)}
    # "according to our naturopath": the brand reports itself
    bidding |= {i for h in view.hits if h.cls == "voice" for i in range(h.start - 2, h.start)}
    if any(h.cls == "reporting" and h.start not in farewell | bidding for h in view.hits) and not testimony:
        return None  # a report ("Say goodbye to" is none; a brand quoting a customer's "I" is its own claim)
    # a negation denies when it stands just before the condition or before a verb leading to it
    # ("does not cure arthritis", "not intended to diagnose, treat, cure or prevent any disease"),
    # not when it belongs to another clause ("Focus chews for kids with ADHD, no sugar")
    anchors = [condition.start] + [h.start for h in view.hits if h.cls in EFFECT and h.start < condition.start] \
        if condition is not None else []
    if condition is not None and not any(a - 6 <= n < a for a in anchors for n in negations):
        taken = set(range(condition.start, condition.end))
        strong = _first(view, (STRONG,), taken)
        # a qualifier just after the condition, or a deficiency just before it ("Eisenmangel durch Blutarmut")
        after = any(h.cls == "qualifier" and (condition.end <= h.start < condition.end + 2 or
                                              condition.start - 2 <= h.end - 1 < condition.start and DEFICIENCY.search(h.text))
                    for h in view.hits)
        if medical:
            strong = None
        if strong is not None and not _negated(strong, negations) and not after:  # not "prévient l'anémie par carence"
            return DiseaseClaim(view.sentence, condition.text, strong.text, CURES)
        causing = {i for h in view.hits if h.cls in EFFECT and CAUSING.search(h.text) for i in range(h.start, h.end)}
        verb = None if medical else _first(view, EFFECT, taken | _raising_risk(view) | causing)  # "is associated with anxiety" is no effect
        if verb is not None and verb.start >= condition.end and AFFLICTING.match(verb.text):
            verb = None  # "Arthritis affects millions": the disease does it, nothing is done to it
        # a qualifier frames the condition when it stands just before it or between verb and it
        # ("relieves occasional sleeplessness"), not when it belongs to another clause
        start = min(condition.start - 3, verb.start if verb is not None else condition.start)
        # ... or just after it, where French and Spanish put it ("l'insomnie occasionnelle")
        qualified = any(h.cls == "qualifier" and start <= h.start < condition.end + 2 and h.start != condition.start
                        for h in view.hits)
        if verb is not None and not qualified and not _negated(verb, negations):
            return DiseaseClaim(view.sentence, condition.text, verb.text, NAMED)
        if condition.text.lower().startswith("anti"):
            return DiseaseClaim(view.sentence, condition.text, "", "a product class implying a disease")
        # "against the brain fog from long COVID": aimed at a symptom of the disease named after it
        symptom = next((h for h in view.hits if h.cls == "symptom" and 0 <= condition.start - h.end <= 2), None)
        aimed = (condition.start, *([symptom.start] if symptom is not None else []))
        aim = next((h for h in view.hits if h.cls == "aim" and any(0 <= at - h.end <= 2 for at in aimed)), None)
        # "supports the body's defences against colds": a framing verb does not qualify what is aimed at
        near = any(h.cls == "qualifier" and condition.start - 2 <= h.start < condition.end + 2 and h.start != condition.start
                   for h in view.hits)
        # something offered, or a bullet ("Natürliche Hilfe bei Arthrose"), not "ferritin can be high in an infection"
        aimed_by = classes & {*OFFER, "substance", "food", *EFFECT} or CAMEL_CASE.search(sentence.text) \
            or len(view.words) <= 12 and not BACKGROUND.search(sentence.text)
        if aim is not None and aimed_by and not near and not sentence.text.rstrip().endswith("?") and not _raising_risk(view):  # not "Taking warfarin for AF?"
            return DiseaseClaim(view.sentence, condition.text, aim.text, "a product aimed at a disease")
        product = _first(view, ("product",), taken)
        if product is not None and abs(product.start - condition.end) <= 1 and not qualified:
            return DiseaseClaim(view.sentence, condition.text, product.text, "a product name implying a disease")
        named = _first(view, ("substance",), taken)  # "Migrenol Magnesium Forte, 60 capsules"
        if product is not None and named is not None and named.start - condition.end in (0, 1) and not qualified:
            return DiseaseClaim(view.sentence, condition.text, "", "a product name implying a disease")
        if product is not None and product.start == condition.start:  # one hyphenated word: arthrose-formel
            return DiseaseClaim(view.sentence, condition.text, "", "a product name implying a disease")
        if CAMEL_CASE.search(condition.text) and verb is None:  # "DiabetoVital Zimt + Chrom"
            return DiseaseClaim(view.sentence, condition.text, "", "a product name implying a disease")
        if product is not None and verb is None and PACK.search(sentence.text) and len(view.words) <= 12 \
                and "advice" not in classes:  # a product title with its pack size: "ArthriCare Max, 120 capsules"
            return DiseaseClaim(view.sentence, condition.text, "", "a product name implying a disease")
    if context.account is not None and not classes & {"advice", "voice", "research"} and not _found("story", view, language) \
            and (SINCE.search(sentence.text) or classes & {"product", "substance", "food"} or CAMEL_CASE.search(sentence.text)) \
            and (SINCE.search(sentence.text) or DURATION.search(sentence.text)
                 or classes & {"symptom", "sign", "condition", *EFFECT}):  # not a founder's "I wanted honest products"
        # "Mon fils faisait des crises d'asthme. Depuis qu'il prend la vitamine D, plus aucune crise."
        return DiseaseClaim(view.sentence, context.account.text, "", "a customer's account of a disease")
    if condition is None and context.topic is not None and not qualified \
            and (_ours(view) or "product" in classes or CAMEL_CASE.search(sentence.text)) \
            and not classes & {"research", "reporting", "advice"} and not _signs(view):
        verb = _first(view, EFFECT)
        if verb is not None and not _negated(verb, negations) and not CAUSING.search(sentence.text):
            # "Con artrosis de rodilla cada paso cuesta. Nuestro colágeno regenera el cartílago."
            return DiseaseClaim(view.sentence, context.topic.text, verb.text,
                                "a product offered for the disease named before" if context.topic.cls == "condition"
                                else "a product offered for the signs named before")
    if negations:
        return None
    drug = _first(view, ("drug",))
    asking = sentence.text.rstrip().endswith("?")  # "Do you take blood thinners?" asks, claims nothing
    # a drug that opens the sentence is its subject ("Antibiotics save lives"): said of the drug, not the product
    # ... and a drug merely named beside no product ("Bij koorts kun je paracetamol nemen", "Betroffen sind
    # Blutverdünner") is advice or a report, not the product's claim
    # the reader's own drug: "votre traitement antidiabétique", "your metformin"
    yours = drug is not None and any(w in _pack("your", language)[1] for w in view.words[max(0, drug.start - 3):drug.start])
    beside = classes & {*OFFER, "substance", "food", "replace", "augment"} or CAMEL_CASE.search(sentence.text) \
        or any(h.cls in (*EFFECT, "aim") and h.start <= 2 for h in view.hits) and not _found("reader", view, language) \
        or LIKE_A_DRUG.search(sentence.text) or yours  # "Agit comme un anxiolytique"
    # a drug's own name may also be an effect or a product word ("Entwässerungstabletten",
    # "medicamentos", "Cholesterinsenker"): those hits say nothing beside the drug
    drug_names = {(h.start, h.end) for h in view.hits if h.cls in ("drug", "medicine")}
    easing = any(h.cls in EFFECT and not CAUSING.search(h.text) and not _negated(h, negations)
                 and (h.start, h.end) not in drug_names for h in view.hits) \
        or bool(classes & {"product", "substance"} or CAMEL_CASE.search(sentence.text)) and bool(_symptoms(view))  # "CoQ10 counters the aches caused by statins"
    if drug is not None and (INTERACTION.search(sentence.text) or ABSORPTION.search(sentence.text)
                             or (CAUSING.search(sentence.text) or _raising_risk(view)) and not easing):
        drug = None  # "zinc can reduce the absorption of some antibiotics", "some diuretics can trigger cramps"
    if drug is not None:
        first_verb = _first(view, (*EFFECT, "replace", "augment"), set(range(drug.start, drug.end)))
        # no product anywhere and no symptom the drug causes before it: "Medicines such as metformin can lower it"
        offered = any(h.cls in OFFER and (h.start, h.end) not in drug_names for h in view.hits) \
            or CAMEL_CASE.search(sentence.text) or yours \
            or any(h.cls in ("symptom", "sign", "substance", "food") and h.start < drug.start for h in view.hits)
        if first_verb is not None and first_verb.start > drug.end and not offered \
                and not classes & {"replace", "augment"}:
            drug = None  # the drug does something ("Medicines such as metformin can lower it"): said of the drug
        elif not classes & {"symptom", "sign", "condition", "replace", "augment"} \
                and any(0 < drug.start - w <= 3 for w in _at_time(view, language)):
            drug = None  # "rebuild your gut flora after antibiotics": a time, not a use
    if drug is not None and beside and not classes & {"advice", "research"} and not asking and drug.start > 1:  # a warning or a study names drugs
        verb = _first(view, EFFECT, set(range(drug.start, drug.end)))
        if verb is not None and TREATMENT.match(verb.text):  # "during an antibiotic treatment": the drug's, not the product's
            verb = None
        # said to be one ("an antidepressant from nature"), to replace one, do what one does, ease its side
        # effects ("muscle aches caused by statins") or work alongside it ("naast je schildkliermedicatie")
        return DiseaseClaim(view.sentence, drug.text, verb.text if verb else "", "a drug's use or class claimed")
    medicine = _first(view, ("medicine",))
    if medicine is not None and not classes & {"advice", "research"}:
        verb = _first(view, (STRONG,), set(range(medicine.start, medicine.end)))
        if verb is not None:  # "the natural alternative to medication"; not "we deliver your medicines"
            return DiseaseClaim(view.sentence, medicine.text, verb.text, "a drug's use or class claimed")
    readings = BP_READING.findall(sentence.text)
    if len(readings) >= 2 and BP_WORD.search(sentence.text) and classes & {"product", "substance", "food"}:
        # blood pressure read before and after ("Tenía la tensión en 15/9 ... ya estoy en 12/8")
        return DiseaseClaim(view.sentence, "blood pressure " + " → ".join(readings[:2]), "",
                            "an effect on an abnormal condition (a risk marker)")
    marker = _first(view, ("marker",), {i for a, b in drug_names for i in range(a, b)})  # not the "Cholesterin" of "Cholesterinsenker"
    if marker is not None and not qualified and not medical:
        verb = _first(view, ("disease_verb", "effect"), set(range(marker.start, marker.end)))
        if verb is not None:
            return DiseaseClaim(view.sentence, marker.text, verb.text, "an effect on an abnormal condition (a risk marker)")
    found_symptoms = _symptoms(view)
    symptoms = [h.text for h in found_symptoms]
    covered = {i for h in view.hits if h.cls == "symptom" for i in range(h.start, h.end)}
    strong = _first(view, (STRONG,), covered)
    # what the product works without ("clear focus without drowsiness") is no symptom it acts on
    without = [h.end for h in _found("without", view, language)] if strong is not None else []
    acted_on = [h.text for h in found_symptoms if not any(strong.end <= w <= h.start <= w + 2 for w in without)]
    if acted_on and strong is not None and not qualified:  # "cures headaches", "say goodbye to joint pain"
        return DiseaseClaim(view.sentence, acted_on[0], strong.text, "a drug-claim verb on a symptom of disease")
    if len(symptoms) >= 2 and not qualified:
        signs = {i for h in view.hits if h.cls == "sign" for i in range(h.start, h.end)}
        verb = _first(view, (*EFFECT, "aim"), signs)  # "Bei Atemnot, pfeifender Atmung und Reizhusten."
        if verb is not None and SUFFERING.match(verb.text):
            verb = None  # "people who suffer from heaviness and bloating": who has them, not what acts on them
        if verb is not None and verb.cls == "aim" and not any(0 <= h.start - verb.end <= 8 for h in _symptoms(view)[:1]):
            verb = _first(view, EFFECT, signs)  # "for" after the signs ("exhausted for months") aims at none of them
        if CONDITIONAL.match(sentence.text) and not classes & {*OFFER, "substance", "food"} \
                and not CAMEL_CASE.search(sentence.text):
            verb = None  # "If you notice confusion or intense nausea, stop and seek shade": advice
        # signs a deficiency causes or goes with ("low magnesium can cause spasms and cramps") are a
        # mechanism, not an effect on them
        advised = _advising(view.hits, sentence.text)  # "if you have a high fever or trouble breathing, see a doctor"
        if verb is not None and not CAUSING.search(sentence.text) and not LACKING.search(sentence.text) and not advised:
            return DiseaseClaim(view.sentence, " and ".join(symptoms[:2]), verb.text,
                                "a disease implied by its signs or symptoms")
        # ... or answered with the product ("Dry cough, fever and aches: take our pack"), unless the
        # product is what causes them (side effects)
        if _ours(view) and not CAUSING.search(sentence.text) and not LACKING.search(sentence.text) and not advised:
            return DiseaseClaim(view.sentence, " and ".join(symptoms[:2]), "", "a product offered for the signs of a disease")
    return None


LIKE_A_DRUG = re.compile(r"\b(?:acts?|works?|agit|wirkt|werkt|actúa|funciona)\s+(?:\w+\s+)?(?:like|as|comme|wie|als|como)\b", re.I)
TREATED = re.compile(r"\b(?:(?:is|are|was|were|be|been|being|gets?|got)\s+(?:\w+ly\s+)?(?:treated|cured|diagnosed)|"
                     r"treatable|curable|behandelbar|heilbar|behandelbaar|geneesbaar|traitable|curable|soignable|tratable|"
                     r"wird\s+(?:\w+\s+)?behandelt|wordt\s+(?:\w+\s+)?behandeld|se soigne|est soigné\w*|se trata|es tratad\w*)\b", re.I)
# an interaction between the product and a drug: a caution, not a claim
INTERACTION = re.compile(r"\b(?:interact\w*|interfer\w*|wisselwerking\w*|wechselwirkung\w*|interaction\w*|interacci\w*|interactu\w*|"
                         # ... or a drug's effect weakened: "kann die Wirkung von Gerinnungshemmern abschwächen"
                         r"(?:wirkung|werking|efficacité|effet|eficacia|efecto|effect(?:iveness)?)\s+(?:[\w'-]+\s+){0,8}?"
                         r"(?:abschwäch\w*|verminder\w*|verringer\w*|diminu\w*|rédui\w*|reduc\w*|disminu\w*|weaken\w*|reduce\w*)|"
                         r"(?:abschwäch\w*|verminder\w*|verringer\w*|diminu\w*|rédui\w*|reduc\w*|disminu\w*|weaken\w*|reduce\w*)"
                         r"\s+(?:\w+\s+){0,2}?(?:the |l'|la |de |die |het )?(?:wirkung|werking|efficacité|effet|eficacia|efecto|effect(?:iveness)?))\b", re.I)
# a drug's absorption named: "zinc can reduce the absorption of some antibiotics" (only beside a drug:
# "better absorption" is a selling point)
ABSORPTION = re.compile(r"\b(?:absorption|opname|aufnahme|absorci[oó]n)\b", re.I)
# who is at risk, a family history, a study: background, not an offer ("All pets are at risk for joint disease")
BACKGROUND = re.compile(r"\b(?:risk|risico|risiko|risque|riesgo|history|voorgeschiedenis|vorgeschichte|antécédents|antecedentes|"
                        r"stud(?:y|ies|ie|ien)|étude|estudio)\b", re.I)
AFFLICTING = re.compile(r"affect|afflict", re.I)  # "affects" after a disease is said of the disease
SUFFERING = re.compile(r"suffer|souffr|leid|lijd|sufr|padec", re.I)
# how long the product was taken: "three months on these softgels", "binnen een maand", "nach zwei Wochen"
DURATION = re.compile(r"\b(?:\d+|a|one|two|three|four|six|een|twee|drie|vier|zes|ein\w*|zwei|drei|vier|sechs|un|une|deux|trois|"
                      r"quatre|six|una?|dos|tres|cuatro|seis)\s+(?:weeks?|months?|days?|we(?:e|)ken|week|maanden|maand|dagen|"
                      r"wochen|woche|monate?n?|tage?n?|semaines?|mois|jours?|semanas?|meses|mes|días?)\b", re.I)
BP_READING = re.compile(r"(?<![\d/.,])1?\d\d?/\d{1,3}(?![\d/])")  # 150/95, 15/9 (cmHg, as Spain and France say it)
BP_WORD = re.compile(r"blood pressure|\bbp\b|bloeddruk|blutdruck|tensi[oó]n|pres+i[oó]n|\bRR\b", re.I)
# signs of a shortfall ("without enough iron you tire sooner and get short of breath"): a deficiency's, 101.93(g)(1)
LACKING = re.compile(r"\b(?:without enough|too little|not enough|zonder genoeg|te weinig|niet genoeg|ohne genügend|zu wenig|"
                     r"nicht genug|sans assez|pas assez|trop peu|sin suficiente|demasiado poco|no suficiente)\b", re.I)
CAUSING = re.compile(r"side[- ]effects?|bijwerking|nebenwirkung|effets? secondaires?|efectos? secundarios?|"
                     r"\bcaus|verursach|veroorza|provoqu|causar|ausl[öo]s|associated with|linked to|lead to|leads to|"
                     r"geassocieerd|in verband gebracht|leiden tot|leidt tot|assoziiert|f[üu]hr(?:en|t) zu|associ[ée]e?s? [àa]|"
                     r"conduire [àa]|asociad[oa]s? (?:a|con)|se asocia|conduce a|llevar a|"
                     r"play (?:a|an) (?:\w+ )?role|rolle spielen|spielen (?:\w+ )?(?:eine )?rolle|een rol spelen|spelen (?:\w+ )?een rol|"
                     r"jou\w* un rôle|desempeñ\w* un papel|juega\w* un papel|"
                     r"risk factors?|risicofactor\w*|risikofaktor\w*|facteurs? de risque|factor(?:es)? de riesgo|"
                     r"favorec\w*|begünstig\w*|favoris\w*", re.I)


def cited_disease_titles(all_views, probabilities, references, lexicon) -> dict[int, DiseaseClaim]:
    """Health claims citing, by marker, a reference whose title names a disease (21 CFR
    101.93(g)(2)(iv)(C)): "Magnesium supports restful sleep [1]" with [1] "Magnesium in chronic
    insomnia: a trial". By view index."""
    titled = {}
    for reference in references:
        words = [w for w, _, _ in words_of(reference.title or reference.raw)]
        condition = next((h for h in lexicon.hits(words)[0] if h.cls == "condition"), None)
        if reference.label and condition is not None:
            titled[reference.label] = condition.text
    found = {}
    for index, (view, probability) in enumerate(zip(all_views, probabilities)):
        if not titled or probability is None or not view.sentence.markers or not is_claim(probability):
            continue
        named = next((titled[label] for marker in view.sentence.markers for label in marker.labels
                      if label in titled), None)
        if named is not None and view.classes & {"substance", "product", "voice"} and not _negation_at(view, None):
            found[index] = DiseaseClaim(view.sentence, named, "", "a publication naming a disease cited as evidence")
    return found
