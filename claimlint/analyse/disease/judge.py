"""The judgement: the disease claim a sentence makes, if any (judge), and health claims citing a
reference whose title names a disease (cited_disease_titles)."""

from __future__ import annotations

from claimlint.analyse.claims import is_claim
from claimlint.analyse.disease.context import Context
from claimlint.analyse.disease.reading import (
    _caused,
    _asks,
    _advising, _at_time, _cited_title, _condition, _disease_name, _first, _found, _founding, _framing,
    _natural_drug, _negated, _negation_at, _negations, _ours, _own_account, _pack, _patients,
    _question_hook, _raising_risk, _relatives_illness, _relayed, _replaced, _signs, _spared,
    _stem_pattern, _suits, _symptoms, _testimony, _warning,
)
from claimlint.analyse.disease.words import (
    STARS,
    ABSORPTION, AFFLICTING, BACKGROUND, BP_READING, BP_WORD, CAMEL_CASE, CAUSING, CONDITIONAL, CURES,
    DEFICIENCY, DURATION, EFFECT, FAREWELL, INTERACTION, LACKING, LIKE_A_DRUG, NAMED, NAMING, OFFER, PACK,
    PATIENT, SAFE, SINCE, STRONG, SUFFERING, SUITABLE_FOR, SUITS_ASKED, TREATED, TREATMENT,
)
from claimlint.analyse.lexicon import words_of
from claimlint.model import DiseaseClaim


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
    if _asks(sentence.text) and SUITS_ASKED.search(sentence.text):
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
    studied = "research" in classes and not STARS.search(sentence.text)
    testimony = (context.quoted and not studied) or _testimony(view, language) or _relayed(view, condition, language)
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
        caused = _caused(view, condition)
        if medical or caused:
            strong = None
        if strong is not None and not _negated(strong, negations) and not after:  # not "prévient l'anémie par carence"
            return DiseaseClaim(view.sentence, condition.text, strong.text, CURES)
        causing = {i for h in view.hits if h.cls in EFFECT and CAUSING.search(h.text) for i in range(h.start, h.end)}
        verb = None if medical else _first(view, EFFECT, taken | _raising_risk(view) | causing)  # "is associated with anxiety" is no effect
        if verb is not None and verb.start >= condition.end and AFFLICTING.match(verb.text):
            verb = None  # "Arthritis affects millions": the disease does it, nothing is done to it
        if caused:
            verb = None
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
        if aim is not None and aimed_by and not near and not _asks(sentence.text) and not _raising_risk(view):  # not "Taking warfarin for AF?"
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
    asking = _asks(sentence.text)  # "Do you take blood thinners?" asks, claims nothing
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
        if verb is not None and marker.start - verb.end > 5:
            verb = None  # "They block an enzyme your liver uses to make cholesterol": the verb acts on something else
        if verb is not None:
            return DiseaseClaim(view.sentence, marker.text, verb.text, "an effect on an abnormal condition (a risk marker)")
    found_symptoms = _symptoms(view)
    symptoms = [h.text for h in found_symptoms]
    covered = {i for h in view.hits if h.cls == "symptom" for i in range(h.start, h.end)}
    strong = _first(view, (STRONG,), covered)
    # what the product works without ("clear focus without drowsiness") is no symptom it acts on
    without = [h.end for h in _found("without", view, language)] if strong is not None else []
    acted_on = [h.text for h in found_symptoms if not any(strong.end <= w <= h.start <= w + 2 for w in without)
                and not _caused(view, h)]
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
