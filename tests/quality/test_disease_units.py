"""CL303's criteria one sentence at a time (own synthetic sentences, five languages): each new
criterion with a structure/function sentence beside it that must stay unflagged."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent


def judged(text: str, language: str):
    spec = importlib.util.spec_from_file_location("eval_disease", ROOT / "benchmarks" / "eval_disease.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["eval_disease"] = module
    spec.loader.exec_module(module)
    return module.judged(text, language)


DISEASE = [
    ("en", "Say goodbye to arthritis flare-ups with our turmeric blend.", "a drug-claim verb on a named disease"),
    ("nl", "Zeg vaarwel tegen migraine dankzij ons magnesiumcomplex.", "a drug-claim verb on a named disease"),
    ("de", "Schluss mit Arthrose: unsere Kapseln helfen.", "a drug-claim verb on a named disease"),
    ("fr", "Fini les cystites grâce à notre cranberry.", "a drug-claim verb on a named disease"),
    ("es", "¡Olvídate de la artritis con nuestro colágeno!", "a drug-claim verb on a named disease"),
    ("en", "No more migraines after a month of our magnesium.", "a drug-claim verb on a named disease"),
    ("en", "Our plant sterols lower cholesterol in six weeks.", "an effect on an abnormal condition (a risk marker)"),
    ("de", "Unser Knoblauchextrakt senkt den Cholesterinspiegel.", "an effect on an abnormal condition (a risk marker)"),
    ("en", "Banishes headaches for good.", "a drug-claim verb on a symptom of disease"),
    ("en", "JointEase Arthritis Formula, 90 capsules", "a product name implying a disease"),
    ("en", 'As shown in "Curcumin for knee osteoarthritis: a trial", our capsules work.',
     "a publication naming a disease cited as evidence"),
    ("es", "Según el estudio «Magnesio y migraña en adultos», nuestra fórmula funciona.",
     "a publication naming a disease cited as evidence"),
    ("nl", "Het natuurlijke alternatief voor medicijnen tegen slapeloosheid.", None),
    ("en", "Our turmeric blend positively affects arthritis.", "effect on a named disease"),
    # round 17's general causes (own sentences)
    ("en", "★★★★★ I've had eczema since I was a child. Two months on these capsules and my skin is clear. — Ruth",
     "a customer's account of a disease"),
    ("nl", "Deze winter geen verkoudheid: met onze vlierbessiroop blijf je fit.", None),
    ("de", "Erhöhter Augeninnendruck? Unsere Heidelbeerkapseln helfen, ihn zu senken.", None),
    ("en", "Our D-mannose sachets flush out bladder infections.", None),
    # the disease named after "associated with" is the cause of what the product eases
    ("en", "Our formula reduces inflammation associated with arthritis.", None),
    ("en", "Our capsules relieve discomfort linked to IBS.", None),
    # a family's account is a customer's, "we" or "our" and all
    ("en", '"Our daughter\'s eczema cleared up within two weeks," says Maria.', "a customer's account of a disease"),
    ("en", '"We both had bronchitis every winter and not once this year," writes Tom.', None),
    ("en", '"Not one asthma attack since the spring." – Dora, 58', "a customer's account of a disease"),
    ("de", "„Seit ich die Tropfen nehme, habe ich keine Arthrose-Schmerzen mehr.“", "a customer's account of a disease"),
    ("en", "Eczema again? Try our evening primrose capsules.", "a product offered for a disease"),
    ("fr", "Vous souffrez d'arthrose ? Découvrez nos gélules au curcuma.", "a product offered for a disease"),
    ("en", "Supports your natural defences against the flu.", "a product aimed at a disease"),
    ("de", "ArthroseVital Kurkuma + Ingwer", "a product name implying a disease"),
    ("en", "Women at risk of osteoporosis rely on our calcium formula.", None),
    ("fr", "Pour les enfants atteints de psoriasis : notre baume aux oméga-3.", None),
    ("en", "Wheezing and coughing at night? Our ivy syrup helps.", None),
    ("en", "ArthriCare Turmeric Plus", "a product name implying a disease"),
]
STRUCTURE_FUNCTION = [
    # round 17's general causes (own sentences): a quoted question refused, a statement refused, a
    # caused condition, a verb acting on something other than the marker, a denial before "no"
    ("de", 'Leserfrage: „Heilt das meine Schuppenflechte?“ Unsere Antwort: Nein, das können wir nicht versprechen.'),
    ("nl", "Vraag: helpt dit tegen reuma? Antwoord: daarover mogen we geen uitspraken doen."),
    ("fr", "Les antibiotiques détruisent aussi des bactéries utiles, et certains provoquent une diarrhée."),
    ("en", "Statins work by blocking an enzyme that the liver needs in order to make cholesterol."),
    ("nl", "Onze capsules genezen geen griep; ze ondersteunen je weerstand."),
    ("en", "Our gummies contain no allergy triggers such as gluten or soy."),
    ("en", "We make no cancer claims for our gummies."),
    ("de", "«Wir empfehlen Echinacea bei den ersten Anzeichen», so Apothekerin Meier."),
    ("en", "Arthritis affects millions of people worldwide."),  # the disease does the affecting
    ("en", "Helps maintain healthy cholesterol levels already within the normal range."),
    ("en", "Eases the bloating and cramps of your monthly cycle."),
    ("en", "Relieves the hot flashes and night sweats of menopause."),
    ("fr", "Pour l'insomnie occasionnelle."),
    ("es", "Para el insomnio ocasional."),
    ("en", "Vitamin D deficiency can cause rickets in children."),
    ("en", "Our capsules are not intended to treat arthritis."),
    ("en", "This product is not intended to diagnose, treat, cure or prevent any disease."),
    ("nl", "Wij bezorgen uw medicijnen en vitamines gratis thuis."),
    ("de", "Bei gelegentlichem Völlegefühl und Blähungen nach dem Essen."),
    ("es", "Combate el cansancio del día a día."),
    ("en", '"I feel calmer and more focused at work," says Tom, 41.'),
    ("en", "Do you have asthma? Ask your doctor first."),
    ("en", "Supports your natural defences."),
    ("en", "Teenage girls are most at risk of anaemia."),  # who is at risk, no effect claimed
    ("fr", "En cas de carence, la dose peut monter à 2000 UI."),  # a nutrient deficiency is no disease (g)(1)
    ("de", "Zink bei Mangel: zwei Tabletten täglich."),
    ("fr", "On prendra le zinc à l'écart de certains antibiotiques."),  # spacing advice names a drug
    ("de", "Unsere Gründerin pflegte ihren Vater mit Parkinson; unsere Kräuter heilen nichts, sie schmecken gut."),
    ("en", "If you have kidney disease, ask your doctor before taking our magnesium."),
    ("nl", "Niet gebruiken bij bekende nierziekte; overleg met je arts."),
    ("es", "Donamos el 2 % a una asociación de párkinson desde el diagnóstico de nuestra fundadora."),
]


# Issue 11: vocabulary the lexicons lacked (colloquial disease names, characteristic symptoms, drug
# classes, first-person farewells), one or more per language; beside it everyday and s/f wording
# with the same words that must stay unflagged.
VOCABULARY = [
    ("es", "Adiós a las jaquecas con nuestro magnesio.", "a drug-claim verb on a named disease"),
    ("es", "Nuestra crema de castaño de Indias alivia las almorranas.", "a drug-claim verb on a named disease"),
    ("es", "Elimina los hongos en las uñas con aceite de árbol de té.", "a drug-claim verb on a named disease"),
    ("es", "Calma el ardor al orinar y las ganas frecuentes de orinar.", "a disease implied by its signs or symptoms"),
    ("es", "Nuestro ajo sustituye a las pastillas para la tensión.", "a medicine replaced"),
    ("es", "Desde que tomo estas cápsulas, se me quitaron las migrañas.", "a drug-claim verb on a named disease"),
    ("nl", "Weg met nagelschimmel dankzij onze tea tree olie.", "a drug-claim verb on a named disease"),
    ("nl", "Verlaagt een te hoge tensie op natuurlijke wijze.", "effect on a named disease"),
    ("nl", "Vermindert niesaanvallen en een lopende neus.", "a disease implied by its signs or symptoms"),
    ("nl", "Een natuurlijk alternatief voor bloedplaatjesremmers.", "a medicine replaced"),
    ("fr", "Fini les boutons de fièvre grâce à notre baume.", "a drug-claim verb on a named disease"),
    ("fr", "Élimine les champignons des ongles en trois semaines.", "a drug-claim verb on a named disease"),
    ("fr", "Apaise la respiration sifflante et l'oppression thoracique.", "a disease implied by its signs or symptoms"),
    ("fr", "Une alternative naturelle aux fluidifiants sanguins.", "a medicine replaced"),
    ("fr", "Depuis que je prends ces gélules, je n'ai plus de migraines.", "a drug-claim verb on a named disease"),
    ("de", "Senkt erhöhten Blutdruck auf natürliche Weise.", "a drug-claim verb on a named disease"),
    ("de", "Lindert Fieberbläschen in wenigen Tagen.", "a drug-claim verb on a named disease"),
    ("de", "Gegen Niesanfälle und eine laufende Nase.", "a disease implied by its signs or symptoms"),
    ("de", "Ein natürlicher Gerinnungshemmer aus der Natur.", "a product class implying a disease"),
    ("de", "Hilft bei Gelenkverschleiß im Knie.", "effect on a named disease"),
    ("en", "Clears nail fungus in weeks.", "a drug-claim verb on a named disease"),
    ("en", "Eases wheezing and chest tightness naturally.", "a disease implied by its signs or symptoms"),
    ("en", "Soothes burning when urinating and the frequent urge to urinate.", "a disease implied by its signs or symptoms"),
    ("en", "Works like Ozempic, without the side effects.", "a drug's use or class claimed"),
    ("en", "I no longer have migraines since I started these capsules.", "a drug-claim verb on a named disease"),
    ("en", "Manage your diabetes naturally with our cinnamon capsules.", "effect on a named disease"),
]
VOCABULARY_UNFLAGGED = [
    ("es", "Ya no tengo hambre entre comidas gracias a la fibra."),
    ("es", "Si padeces diabetes, consulta a tu médico antes de tomarlo."),
    ("es", "Alivia los sofocos y los sudores nocturnos."),  # hot flushes: a natural state (menopause)
    ("nl", "Gebruik je bloedverdunners? Overleg dan eerst met je arts."),
    ("nl", "Verlicht opvliegers en nachtzweten."),
    ("fr", "Soulage les bouffées de chaleur et les sueurs nocturnes."),
    ("fr", "Apaise la tension nerveuse passagère."),  # "tension" alone is no blood pressure
    ("fr", "Il y a de la tension dans l'air avant les examens."),
    ("fr", "En cas de prise d'anticoagulants, demandez l'avis de votre médecin."),
    ("de", "Wie viel Zucker hat eine Banane?"),  # "Zucker" alone is sugar
    ("de", "Reich an Polyphenolen aus Traubenkernen."),
    ("de", "Bei Einnahme von Gerinnungshemmern Rücksprache mit dem Arzt halten."),
    ("de", "Lindert Hitzewallungen und Nachtschweiß."),
    ("en", "Piles of fresh berries in every scoop."),
    ("en", "Aids digestion and supports healthy gut flora."),
    ("en", "If you take blood thinners, talk to your doctor first."),
    ("en", "Relieves hot flashes and night sweats."),
    ("en", "We manage every order with care."),
    ("en", "Valerian root has mild sedative properties."),  # a drug class named as a noun, not an adjective
    ("fr", "La menthe a des propriétés antispasmodiques et antifongiques."),
    ("es", "Alivia los dolores menstruales y los calambres."),  # menstrual pains: a natural state, as PMS
    ("de", "Lindert Regelschmerzen und Krämpfe."),
]


@pytest.mark.parametrize("language, text, criterion", DISEASE)
def test_disease_claims_are_flagged(language, text, criterion):
    found = judged(text, language)
    assert found is not None, text
    if criterion:
        assert found.criterion == criterion, (text, found)


@pytest.mark.parametrize("language, text", STRUCTURE_FUNCTION)
def test_structure_function_wording_is_not(language, text):
    assert judged(text, language) is None, (text, judged(text, language))


@pytest.mark.parametrize("language, text", [
    ("en", '"My migraines disappeared once I started these capsules," says Ann from Leeds.'),
    ("es", "«Mis migrañas han desaparecido desde que tomo estas cápsulas», dice Lucía."),
])
def test_a_quoted_customer_testimony_is_the_brands_claim(language, text):
    assert judged(text, language) is not None, text


def test_a_report_without_a_testimony_stays_a_report():
    assert judged("Researchers say magnesium cures migraine in mice.", "en") is None


def test_apostrophes_are_no_quotation_marks():
    found = judged("Our capsules' gentle formula suits people with arthritis and it's vegan.", "en")
    assert found is None or "publication" not in found.criterion, found


def test_a_question_about_a_disease_answered_by_the_product_in_the_next_sentence():
    from claimlint.analyse.claims import views
    from claimlint.analyse.disease import question_hooks
    from claimlint.analyse.lexicon import lexicon
    from claimlint.model import Block, BlockKind, Sentence, Span

    def hooks(first: str, second: str, same_block: bool = True):
        text = f"{first} {second}"
        block = Block(BlockKind.PARAGRAPH, text, list(range(len(text) + 1)))
        sentences = [Sentence(first, Span(0, len(first)), 0, 0, len(first)),
                     Sentence(second, Span(len(first) + 1, len(text)), 0 if same_block else 1, len(first) + 1, len(text))]
        return question_hooks(views(sentences, [block, block], lexicon("en")))

    assert list(hooks("Suffering from psoriasis?", "Our aloe capsules soothe from within.")) == [0]
    assert hooks("Suffering from psoriasis?", "Read what dermatologists advise.") == {}
    assert hooks("Suffering from psoriasis?", "Our aloe capsules soothe from within.", same_block=False) == {}


@pytest.mark.parametrize("language, text, criterion", VOCABULARY)
def test_everyday_disease_vocabulary_is_flagged(language, text, criterion):
    found = judged(text, language)
    assert found is not None and found.criterion == criterion, (text, found)


@pytest.mark.parametrize("language, text", VOCABULARY_UNFLAGGED)
def test_everyday_words_and_natural_states_are_not(language, text):
    assert judged(text, language) is None, (text, judged(text, language))


def test_first_person_words_are_read_in_the_pages_language_and_english():
    from claimlint.analyse.claims import views
    from claimlint.analyse.disease.reading import _testimony
    from claimlint.analyse.lexicon import lexicon
    from claimlint.model import Block, BlockKind, Sentence, Span

    def view(text, language):
        block = Block(BlockKind.PARAGRAPH, text, list(range(len(text) + 1)))
        return views([Sentence(text, Span(0, len(text)), 0, 0, len(text))], [block], lexicon(language))[0]

    dutch = "Lees in onze winkel 'Hoe je met eczeem leert leven' van een huidarts."  # je: you
    assert not _testimony(view(dutch, "nl"), "nl")
    assert _testimony(view("« Je n'ai plus d'eczéma depuis que je prends ces gélules », dit Anne.", "fr"), "fr")
    assert _testimony(view('On our Dutch page: "I have had no eczema since May," says Anne.', "nl"), "nl")


@pytest.mark.parametrize("language, text", [
    ("en", "Time to ditch your beta blockers? Our hawthorn blend means you may not need them."),
    ("nl", "Stoppen met je maagzuurremmers: onze kamille-thee doet hetzelfde."),
    ("de", "Blutdrucksenker absetzen? Unser Knoblauchextrakt wirkt ebenso."),
    ("fr", "Laissez tomber vos antidouleurs : notre harpagophytum prend le relais."),
    ("es", "Olvídate de los antiácidos: nuestro jengibre hace el mismo trabajo."),
])
def test_a_medicine_the_product_lets_you_drop_is_a_drug_substitute_claim(language, text):
    found = judged(text, language)
    assert found is not None and found.criterion == "a medicine replaced", (text, found)


@pytest.mark.parametrize("language, text", [
    ("en", "Do not stop taking your beta blockers without talking to your doctor."),
    ("en", "Talk to your GP before you stop taking any antidepressant."),
    ("de", "Ersetzt keine vom Arzt verordneten Blutdrucksenker."),
    ("fr", "Ne remplace pas vos antidouleurs habituels."),
])
def test_warnings_about_dropping_a_medicine_are_not(language, text):
    assert judged(text, language) is None, (text, judged(text, language))


@pytest.mark.parametrize("language, text", [
    ("en", "★★★★★ 'Creamy and filling, and my son with coeliac disease can have it because it's gluten-free!' — Priya"),
    ("de", "★★★★★ 'Mein Mann mit Zöliakie verträgt es gut, weil es glutenfrei ist.' — Heike"),
    ("es", "Apto para celíacos: sin TACC y sin lactosa."),
])
def test_a_disease_named_only_to_say_the_product_suits_it_is_not(language, text):
    assert judged(text, language) is None, (text, judged(text, language))


def test_a_suitable_product_that_acts_on_the_disease_is_still_flagged():
    assert judged("Gluten-free capsules that heal the gut damage of coeliac disease.", "en") is not None


@pytest.mark.parametrize("language, text", [
    ("fr", "Déconseillé en cas d'insuffisance cardiaque."),
    ("en", "Not recommended for people with gallstones."),
    ("de", "Bei bekannter Nierenerkrankung vorher mit dem Arzt sprechen."),
    ("es", "No se recomienda a personas con hepatitis."),
])
def test_contraindications_are_warnings(language, text):
    assert judged(text, language) is None, (text, judged(text, language))


@pytest.mark.parametrize("language, first, second", [
    ("de", "Schon wieder ein Gichtanfall?", "GichtRuh Kirsche beruhigt in Tagen."),  # a made-up name answers
    ("en", "Gout flaring up again?", "Tart cherry extract calms it within days."),  # a substance answers
])
def test_a_disease_question_answered_by_a_name_or_a_substance_is_a_hook(language, first, second):
    from claimlint.analyse.claims import views
    from claimlint.analyse.disease import question_hooks
    from claimlint.analyse.lexicon import lexicon
    from claimlint.model import Block, BlockKind, Sentence, Span

    text = f"{first} {second}"
    block = Block(BlockKind.PARAGRAPH, text, list(range(len(text) + 1)))
    sentences = [Sentence(first, Span(0, len(first)), 0, 0, len(first)),
                 Sentence(second, Span(len(first) + 1, len(text)), 0, len(first) + 1, len(text))]
    assert list(question_hooks(views(sentences, [block], lexicon(language)))) == [0]
    advice = "Ask your doctor before taking tart cherry extract."
    sentences[1] = Sentence(advice, Span(len(first) + 1, len(first) + 1 + len(advice)), 0, len(first) + 1, len(text))
    assert question_hooks(views(sentences, [block], lexicon(language))) == {}


@pytest.mark.parametrize("language, text", [
    ("en", "Soothes stiff, swollen finger joints every morning."),
    ("nl", "Voor een verstopte neus en jeukende ogen."),
    ("de", "Beruhigt juckende, schuppende Haut an den Ellbogen."),
    ("fr", "Pour les genoux raides et enflés au réveil."),
    ("es", "Calma las encías sangrantes y los dientes flojos."),
])
def test_signs_read_off_body_parts_imply_a_disease(language, text):
    found = judged(text, language)
    assert found is not None and found.criterion == "a disease implied by its signs or symptoms", (text, found)


@pytest.mark.parametrize("language, text", [
    ("en", "Soothes dry, itchy skin after a day in the sun."),  # one sign: a cosmetic claim
    ("en", "Chronically low vitamin D levels can increase the risk of osteoporosis."),  # a cause, not an effect
    ("de", "Ein Mangel an Vitamin D erhöht das Risiko für Osteoporose."),
    ("en", "The Centers for Disease Control recommends folate for women planning a pregnancy."),  # an institution
    ("en", "VitaCare Cinnamon + Chromium, 90 capsules"),  # a made-up name without a disease
])
def test_causes_institutions_and_single_signs_are_not(language, text):
    assert judged(text, language) is None, (text, judged(text, language))


@pytest.mark.parametrize("language, text", [
    ("en", "DiabeCare Cinnamon + Chromium, 90 capsules"),
    ("es", "ArtroVida Colágeno – 30 sobres"),
    ("de", "GichtFrei Kirschextrakt"),
])
def test_a_made_up_name_beginning_with_a_disease_implies_it(language, text):
    found = judged(text, language)
    assert found is not None and found.criterion == "a product name implying a disease", (text, found)


@pytest.mark.parametrize("language, text", [
    ("nl", "Cholesterol te hoog? CholVita Rode Gist helpt het omlaag."),
    ("es", "¿Colesterol alto? Nuestro ajo negro te ayuda."),
    ("de", "Zu hohe Blutzuckerwerte? Unser Zimtextrakt bringt sie zurück."),
])
def test_a_risk_marker_said_to_be_high_is_an_abnormal_condition(language, text):
    assert judged(text, language) is not None, text


@pytest.mark.parametrize("language, text", [
    ("en", "Our founder started Oakleaf after her brother was diagnosed with Crohn's disease."),
    ("de", "Pro verkaufter Dose spenden wir 50 Cent an die Rheuma-Forschung."),
    ("nl", "Toen mijn vader diabetes kreeg, begon ik te lezen over voeding."),
    ("es", "Mi abuela tuvo artrosis durante veinte años."),
])
def test_founders_donations_and_relatives_illnesses_are_not(language, text):
    assert judged(text, language) is None, (text, judged(text, language))


def test_a_relatives_disease_that_the_product_improved_is_still_a_claim():
    assert judged("My mum's arthritis has improved so much since she started our turmeric capsules.", "en") is not None


@pytest.mark.parametrize("language, text", [
    ("en", "Nature's own antiviral: our elderberry gummies, 60 per jar."),
    ("nl", "Een natuurlijke pijnstiller die je maag niet belast: wilgenbast."),  # its "niet" belongs to another clause
    ("fr", "L'anti-inflammatoire végétal par excellence : le curcuma."),
])
def test_a_drug_class_called_natural_is_a_product_class_claim(language, text):
    found = judged(text, language)
    assert found is not None and found.criterion in ("a product class implying a disease", "a drug's use or class claimed"), (text, found)


@pytest.mark.parametrize("language, text", [
    ("nl", "Sinds ik elke dag die gembershots drink, heb ik mijn reuma eindelijk onder controle."),
    ("de", "Seit ich die Kapseln nehme, habe ich meine Neurodermitis im Griff."),
    ("es", "Con estas cápsulas de ajo mi hipertensión está bajo control."),
])
def test_someones_own_disease_told_next_to_the_product_is_a_claim(language, text):
    assert judged(text, language) is not None, text


@pytest.mark.parametrize("language, text", [
    ("nl", "Dit poeder los je pas op in warm water, tegen de griep helpt het bij ons thuis altijd."),  # Dutch "pas" is "only"
    ("fr", "Votre glycémie est trop haute ? Notre cannelle la fait redescendre."),
    ("es", "Pensado para quienes viven con psoriasis: aceite de onagra."),
    ("de", "Bekommen Sie Ihre Gicht mit Kirschextrakt in den Griff."),
])
def test_idioms_and_negations_of_the_pages_language(language, text):
    assert judged(text, language) is not None, text


@pytest.mark.parametrize("language, text", [
    ("fr", "Le curcuma ne guérit pas l'arthrose."),  # French "pas" still denies
    ("en", "Vitamin C prevents scurvy, the classic deficiency disease of sailors."),
    ("de", "Ein Eisenmangel durch Blutarmut lässt sich mit Eisen gut in den Griff bekommen."),
    ("en", "Taking warfarin for atrial fibrillation? Talk to your doctor before using vitamin K2."),
])
def test_denials_deficiency_diseases_and_doctors_advice_are_not(language, text):
    assert judged(text, language) is None, (text, judged(text, language))


@pytest.mark.parametrize("language, text", [
    ("fr", "Gélules « StopEczéma » à l'onagre – boîte de 60."),
    ("de", "Neu: Gicht-Frei Kirschkapseln."),
])
def test_names_of_capitalised_parts_are_read_part_by_part(language, text):
    found = judged(text, language)
    assert found is not None and found.criterion == "a product name implying a disease", (text, found)


@pytest.mark.parametrize("language, text", [
    ("nl", "Uit het boek 'Verslaan je eigen psoriasis' – nu als capsule."),
    ("de", "Gratis zu jeder Bestellung: der Ratgeber „Schluss mit Gicht“ und unsere Kirschkapseln."),
])
def test_a_quoted_book_title_naming_a_disease_next_to_the_product_is_a_claim(language, text):
    found = judged(text, language)
    assert found is not None and "publication" in found.criterion, (text, found)


def test_a_quoted_book_title_alone_is_not():
    assert judged("Ze schreef het boek 'Leven met reuma' in 2019.", "nl") is None


@pytest.mark.parametrize("language, text", [
    # a customer's quotation over two sentences, signed after the second
    ("en", "★★★★★ “The eczema on my hands cleared up within a month. I can garden again!” — Verified buyer"),
    # a quotation reported by a verb and a name
    ("es", "«Tenía artrosis desde hacía años y con estas cápsulas de cúrcuma por fin camino sin dolor», cuenta Marta, clienta de Sevilla."),
    # a question naming a drug, answered by the product
    ("en", "On warfarin? Our vitamin K2 formula makes it work better."),
    ("fr", "Sous antidépresseurs ? Notre safran renforce l'effet de votre traitement."),
    # a risk marker in a question, lowered in the answer
    ("es", "¿Triglicéridos por las nubes? Nuestro aceite de krill te ayuda a bajarlos."),
    # a disease and "stop" in one made-up word
    ("nl", "Nieuw: Astmastop kruidendruppels voor kinderen."),
])
def test_claims_read_across_the_sentences_of_a_paragraph(language, text):
    assert judged(text, language) is not None, text


@pytest.mark.parametrize("language, text", [
    ("en", "If you have gout, talk to your rheumatologist before taking cherry extract."),  # a specialist's advice
    ("es", "¿Anemia por falta de hierro? Nuestro hierro bisglicinato repone tus depósitos."),  # a deficiency disease
    ("de", "Antibiotika retten Leben, aber sie stören auch die Darmflora."),  # a drug that is its sentence's subject
    ("nl", "Gebruik je bloedverdunners? Overleg dan eerst met je arts."),  # a question about a drug, answered by advice
    ("en", "PMS cramps and bloating? Our chasteberry eases PMS."),  # signs framed by a natural state
])
def test_advice_deficiencies_drug_subjects_and_natural_states_across_sentences_are_not(language, text):
    assert judged(text, language) is None, (text, judged(text, language))


def test_phrases_that_deny_nothing_leave_a_claim_standing():
    assert judged("Propolis wordt niet voor niets het natuurlijke antibioticum genoemd.", "nl") is not None


@pytest.mark.parametrize("language, text", [
    ("de", "Speziell für Asthmatiker entwickelt: unser Thymian-Sirup."),  # people named by their disease
    ("fr", "Pour les enfants atteints d'eczéma."),  # aimed at people with a disease
    ("nl", "Minder blaasontstekingen dankzij onze cranberrycapsules."),  # fewer of a disease
    ("de", "Mit unseren Holunder-Kapseln ohne Grippe durch den Winter."),  # none of a disease
])
def test_people_named_by_a_disease_and_fewer_or_no_disease_are_claims(language, text):
    assert judged(text, language) is not None, text


@pytest.mark.parametrize("language, text", [
    ("es", "Se recomienda precaución en personas con enfermedades hepáticas."),
    ("en", "Use with caution if you have kidney disease."),
    ("en", "As we age, collagen production slows down and joint pain can follow."),
])
def test_cautions_and_things_that_slow_by_themselves_are_not(language, text):
    assert judged(text, language) is None, (text, judged(text, language))


@pytest.mark.parametrize("language, text", [
    ("en", "Host: Jenny writes that since starting our turmeric capsules her psoriasis has calmed right down."),  # relayed
    ("fr", "Nouveau en pharmacie : Cystiforte, la canneberge concentrée."),  # a made-up name, not a lexicon word
    ("en", "Our cinnamon blend brings high blood sugar back into the normal range."),  # corrected, not maintained
    ("es", "El mismo efecto que el ibuprofeno, sin receta: nuestra cúrcuma."),  # a drug's effect, replaced
    ("en", "Our blend supports people in the early stages of Parkinson's."),
    ("es", "¿Colesterol alto? Esta fórmula te ayuda a bajarlo."),  # a question answered by an effect verb
])
def test_relayed_accounts_made_up_names_and_corrections_are_claims(language, text):
    assert judged(text, language) is not None, text


@pytest.mark.parametrize("language, text", [
    ("nl", "Van elke verkochte pot gaat een euro naar onderzoek naar de ziekte van Alzheimer."),  # a donation
    ("en", "What Causes The Pain In Arthritis?"),  # a title-case heading, no made-up name
    ("nl", "Dit houdt ontstekingen in ons lichaam in stand, zeggen onderzoekers."),  # "our body" is no brand voice
])
def test_donations_title_case_and_our_body_are_not(language, text):
    assert judged(text, language) is None, (text, judged(text, language))


def test_a_question_answered_no_is_no_claim():
    assert judged("Q: Can SereneMag cure my panic disorder? A: No, it is not intended to treat any disease.", "en") is None
    assert judged("Can SereneMag calm my panic disorder? Yes: our customers swear by it.", "en") is not None


@pytest.mark.parametrize("language, text", [
    ("en", "Can I take SoothaGut if I have Crohn's? Absolutely, many customers find it calms their flare-ups."),
    ("fr", "Est-ce que DigestoZen aide en cas de maladie de Crohn ? Oui, c'est sa vocation."),
    ("en", "Introducing Arthro-Relief, our new turmeric capsule."),  # a hyphened name outside German
    ("es", "Con equinácea, el resfriado pasa en la mitad de tiempo."),  # a disease shortened
])
def test_yes_answers_hyphened_names_and_shortened_diseases_are_claims(language, text):
    assert judged(text, language) is not None, text


@pytest.mark.parametrize("language, text", [
    ("de", "Hinweis für Allergiker: Kann Spuren von Nüssen enthalten."),
    ("nl", "Van elke verkochte pot gaat een euro naar het Reumafonds."),
    ("de", "Unsere Jodtabletten beugen Jodmangel und dem damit verbundenen Kropf vor."),
])
def test_allergen_notices_donations_and_deficiency_goitre_are_not(language, text):
    assert judged(text, language) is None, (text, judged(text, language))


@pytest.mark.parametrize("language, text", [
    ("fr", "La reine-des-prés, un diurétique naturel."),  # a drug class called natural
    ("es", "Mejor que el alprazolam para los nervios: gotas de valeriana."),  # a drug bettered
    ("de", "Damit die Gicht gar nicht erst kommt: Kirschkapseln."),  # prevention told with a "not"
    ("nl", "Te hoog urinezuurgehalte? Onze selderijzaadcapsules helpen het omlaag te brengen."),  # a risk marker said to be high
    ("en", "Dry cough, fever and aches all over? Take our Defence Pack from day one."),  # signs answered with the product
    ("de", "Mein Mann hatte Nierensteine, und seit er unseren Goldrutentee trinkt, sind sie verschwunden."),
])
def test_drug_classes_prevention_markers_signs_and_accounts_of_relatives(language, text):
    assert judged(text, language) is not None, text


@pytest.mark.parametrize("language, text", [
    ("de", "Hinweis: Bei bekannter Gallensteinerkrankung nicht anwenden."),  # a negated use
    ("en", "Post-workout powder for sore, achy muscles after a hard session."),  # soreness after exercise
    ("es", "Doña Carmen empezó sus mieles después de que su esposo falleció de un infarto; hoy la ayudan sus hijas."),
    ("es", "Personas con tuberculosis en tratamiento deben consultar antes de tomar suplementos."),
    ("fr", "Petites insomnies occasionnelles ? Tisane tilleul-verveine avant le coucher."),
    ("fr", "Une étude du Journal of Clinical Gastroenterology sur les probiotiques."),
])
def test_negated_use_exercise_soreness_deaths_consulting_and_occasional_states_are_not(language, text):
    assert judged(text, language) is None, (text, judged(text, language))


@pytest.mark.parametrize("language, text", [
    ("nl", "Als het magnesiumgehalte daalt, kunnen spiercellen overprikkeld raken en spasmen of krampen veroorzaken."),
    ("en", "Low magnesium is associated with irritability, anxiety and poor sleep."),
    ("es", "Los efectos secundarios más comunes incluyen náuseas, dolor abdominal y diarrea."),
])
def test_signs_a_deficiency_or_a_side_effect_causes_are_not(language, text):
    assert judged(text, language) is None, (text, judged(text, language))


@pytest.mark.parametrize("language, text", [
    ("nl", "Zonder genoeg ijzer ben je sneller moe, kortademig bij de trap en vergeetachtig."),  # a shortfall's signs
    ("fr", "Nous le déconseillons aux personnes souffrant de troubles de la thyroïde."),  # advised against
    ("es", "Durante un tratamiento antibiótico, sepáralos al menos dos horas."),  # spacing advice
    ("es", "Si tiene fiebre alta, dificultad para respirar o tos persistente, acuda a su médico."),  # a doctor's referral
    ("fr", "Difficultés d'endormissement, réveils nocturnes : nos conseils pour mieux dormir."),  # sleeplessness
])
def test_shortfalls_advice_against_spacing_referrals_and_sleeplessness_are_not(language, text):
    assert judged(text, language) is None, (text, judged(text, language))


@pytest.mark.parametrize("language, text", [
    ("en", "Does it help with gout? We don't promise cures. Tart cherry supports normal uric acid metabolism."),  # refused
    ("fr", "Ce sirop guérit-il la bronchite ? Non. Demandez conseil à votre pharmacien."),  # a bare "Non."
    ("en", "Managing heart failure or kidney disease? Talk to your healthcare provider before use."),  # a referral
    ("es", "¿Puedo tomarlo si soy celíaco? Sí, no lleva gluten."),  # suitability answered yes
    ("en", "Ashwagandha promotes calm and steady focus without drowsiness."),  # what it works without
    ("es", "Vitamina D para prevenir el déficit de vitamina D en invierno."),  # a deficiency, however accented
])
def test_refusals_referrals_suitability_side_effects_spared_and_deficits_are_not(language, text):
    assert judged(text, language) is None, (text, judged(text, language))


@pytest.mark.parametrize("language, text", [
    ("en", "Psoriasis can feel endless. Our krill oil capsules calm the flare-ups within weeks."),  # the disease named before
    ("de", "Mit Arthrose tut jeder Schritt weh. Unser Kollagen regeneriert den Knorpel."),
    ("es", "Mi presión estaba en 16/10 y con el ajo negro de Vitalia ya la tengo en 13/8."),  # readings before and after
    ("fr", "Découvrez AntiRhume Junior, sirop au miel et au thym."),  # a made-up name with a cold in it
])
def test_a_disease_named_before_the_products_effect_and_blood_pressure_readings_are_claims(language, text):
    assert judged(text, language) is not None, text


def test_a_disease_named_before_a_structure_function_sentence_is_not_claimed():
    assert judged("Arthritis is common after fifty. Our collagen supports healthy joints.", "en") is None
    # a relative's illness or a warning before the product's effect is no topic it acts on
    assert judged("Do not use if you have kidney disease. Our nettle tea soothes the bladder.", "en") is None


@pytest.mark.parametrize("language, text", [
    ("nl", "Wie te weinig beweegt, is vatbaarder voor verkoudheid."),  # prone to a disease: a cause
    ("nl", "Bij hoofdpijn kun je ibuprofen nemen."),  # a drug advised to the reader, no product beside it
    ("de", "Betroffen sind unter anderem Blutverdünner und einige Herzmedikamente."),  # drugs merely named
    ("en", "Gout is common, treatable and often missed."),  # a disease medicine treats
    ("fr", "L'hypertension se soigne avec un suivi médical régulier."),
    ("en", "She had felt exhausted for months before she saw a doctor."),  # "for" aims at no sign
    ("es", "Si notas mareo, sudor frío o náuseas, para y pide ayuda."),  # signs in first-aid advice
])
def test_susceptibility_drugs_merely_named_medicines_treatment_and_first_aid_are_not(language, text):
    assert judged(text, language) is None, (text, judged(text, language))


@pytest.mark.parametrize("language, text", [
    ("en", "Eases the muscle aches caused by statins."),  # a bullet: the product is its subject
    ("fr", "Agit comme un antidépresseur, sans accoutumance."),  # works like a drug
    ("de", "Zur Ergänzung Ihrer Therapie mit Cholesterinsenkern."),  # alongside the reader's drug
    ("nl", "Voor wie wakker wordt met stijve, gezwollen knieën die pas na een uur losser worden."),  # aimed before the signs
])
def test_drug_bullets_and_signs_aimed_at_are_still_claims(language, text):
    assert judged(text, language) is not None, text


@pytest.mark.parametrize("language, text", [
    ("de", "Brennen beim Wasserlassen? Unser Cranberry-Tee lindert es schnell."),  # one symptom, a drug-claim verb on it
    ("en", '"Two months on the garlic capsules and my cholesterol is back under 200!" - Tom, 58'),  # a customer's own marker
])
def test_a_symptom_answered_with_a_cure_and_a_customers_own_marker_are_claims(language, text):
    assert judged(text, language) is not None, text


def test_a_natural_state_asked_about_and_a_customers_diet_are_not():
    assert judged("Occasional bloating? Our peppermint tea soothes your tummy.", "en") is None
    assert judged('"I love the taste and my kids drink it too." - Tom, 58', "en") is None


@pytest.mark.parametrize("language, text", [
    ("de", "Frage: Heilt MagnoVit meine Migräne? Antwort: Kein Nahrungsergänzungsmittel kann eine Krankheit heilen."),
    ("fr", "Q : Ce sirop guérit-il l'asthme ? R : Aucun complément ne soigne une maladie, parlez-en à votre médecin."),
    ("en", "Q: Is it safe for someone with kidney disease? A: Our capsules contain no added potassium."),
])
def test_answers_denying_a_cure_and_suitability_questions_are_not(language, text):
    assert judged(text, language) is None, (text, judged(text, language))


def test_a_short_answer_with_a_negation_after_its_verb_is_still_a_claim():
    # "helps them not come back" prevents; it denies nothing
    assert judged("Migraine attacks every month? Our feverfew helps so they do not return.", "en") is not None


@pytest.mark.parametrize("language, text", [
    ("en", "Itchy, flaky patches and cracked skin on the hands every winter. Our DermaCalm oil soothes them in days."),  # signs named before
    ("es", "Llevo años con psoriasis y con las cápsulas de DermaVida ya casi no tengo brotes – Lucía, Málaga ★★★★★"),  # a signed review
    ("en", "Plenty of customers have swapped their statin for our red yeast rice - just keep your doctor in the loop."),
])
def test_signs_named_before_signed_reviews_and_a_switch_with_a_caution_are_claims(language, text):
    assert judged(text, language) is not None, text


@pytest.mark.parametrize("language, text", [
    ("en", "Talk to your doctor before you stop taking your statin."),  # the doctor first: a warning
    ("en", "Typical signs of low iron are tiredness, pale skin and shortness of breath. Our iron supports energy."),
    ("en", "Gentle on the stomach and easy to swallow – Made in Germany"),  # a maker is no signature with an "I"
])
def test_a_warning_before_a_switch_a_shortfalls_signs_and_a_makers_line_are_not(language, text):
    assert judged(text, language) is None, (text, judged(text, language))


@pytest.mark.parametrize("language, text", [
    ("en", "My daughter had eczema on her hands for years. Since she takes the evening primrose oil it has cleared."),
    ("de", "Ich habe seit Jahren Migräne. Seit ich das Magnesium nehme, kaum noch Attacken."),
    ("es", "Varicex Castaño de Indias – 60 cápsulas"),  # a product title opening with a made-up disease name
])
def test_an_account_over_two_sentences_and_a_titled_made_up_name_are_claims(language, text):
    assert judged(text, language) is not None, text


@pytest.mark.parametrize("language, text", [
    ("de", "Senkt das mein Schlaganfall-Risiko? Das können wir nicht versprechen."),  # a promise refused
    ("en", "People often ask whether our zinc helps with acne. It isn't intended for that; please see a dermatologist."),
    ("en", "Our sister brand makes chews for dogs with arthritis. This formula supports your joints."),  # no account
    ("es", "¿Pechos sensibles, irritabilidad y cansancio antes de la regla? Nuestro sauzgatillo te acompaña."),  # PMS
])
def test_refused_promises_reported_questions_denied_a_brands_sibling_and_pregnancy_are_not(language, text):
    assert judged(text, language) is None, (text, judged(text, language))


def test_a_founders_story_over_two_sentences_is_not_an_account_but_a_pharmacists_offer_is_a_claim():
    assert judged("I started Solhaven after my father was diagnosed with Parkinson's. I wanted honest products without fillers.",
                  "en") is None
    assert judged("En cas de bronchite chronique, je conseille notre sirop de thym à mes patients.", "fr") is not None
    # a warning with a doctor stays a warning, the brand's product named or not
    assert judged("If you have kidney disease, ask your doctor before taking our capsules.", "en") is None


@pytest.mark.parametrize("language, text", [
    ("es", "Algunos medicamentos habituales, como la metformina, también pueden reducir la vitamina B12."),  # a drug acting
    ("nl", "Veel mensen nemen probiotica om hun darmflora op te bouwen na antibiotica."),  # a time, not a use
    ("de", "Zink kann die Aufnahme mancher Antibiotika verringern."),  # an interaction
    ("en", "Keep iron supplements out of the reach of children: an overdose is dangerous."),  # a warning
    ("de", "Ein erhöhter Bedarf besteht bei chronischen Darmerkrankungen."),  # a nutrient's need raised
    ("es", "Ayuda a reducir el cansancio y la fatiga."),  # the EU's authorised wording, a natural state
    ("de", "Bei häufigen Krämpfen und Schwellungen sollten Sie ärztlichen Rat einholen."),  # a doctor's advice
])
def test_drugs_acting_timing_interactions_dangers_needs_fatigue_and_medical_advice_are_not(language, text):
    assert judged(text, language) is None, (text, judged(text, language))


@pytest.mark.parametrize("language, text", [
    ("en", "Pair it with your metformin to boost its blood-sugar-lowering effect."),  # a drug's effect augmented
    ("nl", "Ontwikkeld om de spierpijn die je van statines krijgt te verminderen."),  # a drug's side effect eased
    ("fr", "Aide naturelle en cas d'arthrose."),  # a bullet aimed at a disease
])
def test_drug_therapy_side_effects_and_aimed_bullets_stay_claims(language, text):
    assert judged(text, language) is not None, text


@pytest.mark.parametrize("language, text", [
    ("de", "Auch bestimmte Medikamente wie Entwässerungstabletten können eine Rolle spielen."),  # a cause
    ("fr", "Je vois beaucoup de personnes qui souffrent de ballonnements, de brûlures et de lourdeurs."),  # who has them
])
def test_causes_that_play_a_role_and_people_who_suffer_are_not(language, text):
    assert judged(text, language) is None, (text, judged(text, language))


@pytest.mark.parametrize("language, text", [
    ("en", "Ginkgo can interfere with blood thinners and some antidepressants."),  # an interaction
    ("nl", "Sint-janskruid kan de werking van sommige bloeddrukverlagers verminderen."),  # a drug's effect weakened
    ("fr", "Convient aux personnes diabétiques : sans sucres ajoutés."),  # suitability
    ("es", "La obesidad es un factor de riesgo de diabetes tipo 2."),  # a risk factor
])
def test_interactions_suitability_and_risk_factors_are_not(language, text):
    assert judged(text, language) is None, (text, judged(text, language))


def test_a_selling_point_about_absorption_does_not_hide_a_claim():
    assert judged("Our liposomal curcumin with better absorption relieves arthritis pain.", "en") is not None


@pytest.mark.parametrize("language, text", [
    ("en", "Every jar sold donates $1 to the Cystic Fibrosis Trust foundation."),  # a charity's name
    ("nl", "Ongeschikt voor mensen met een nierziekte."),  # unsuitable: a contraindication
    ("es", "¿Sabías que el tabaco aumenta el riesgo de cáncer de pulmón? Una dieta sana es la base."),  # a risk asked about
])
def test_charities_unsuitability_and_risks_asked_about_are_not(language, text):
    assert judged(text, language) is None, (text, judged(text, language))
