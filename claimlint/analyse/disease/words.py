"""The words and patterns CL303 reads, in the five languages: regular expressions for what a
lexicon class cannot say (a reading of blood pressure, a question reported in a statement, a
quotation signed by a name) and the groups of lexicon classes the judgement works with. Word lists
that are plain words live in the rule packs (rules/<lang>.yaml), read by reading._pack."""

from __future__ import annotations

import re

DIAGNOSIS = re.compile(r"diagn[oó]s", re.I)  # diagnose, diagnosis, diagnóstico: people are diagnosed, no product diagnoses
# "if you take blood thinners for atrial fibrillation, ask your GP": a precondition, not an effect; or
# a known or existing one ("bei bestehender Schilddrüsenerkrankung", "en cas de", "in case of")
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


# a made-up name of capitalised parts ending in a short one: "Eczéma-Calm", "Krampfader-Stopp"
# (not a German compound noun: "Arthrose-Schmerzen")
STOP_NAME = re.compile(r"(\w{4,}?)-?stopp?", re.I)

NAME_PART = re.compile(r"\w-[A-ZÀ-Þ][a-zß-ÿ]{0,5}\b")

LONG_NAME_PART = re.compile(r"\w-[A-ZÀ-Þ]")  # "Diabeta-Balance": only German capitalises its compounds' nouns

NAME_PARTS = re.compile(r"[A-ZÀ-Þ]?[a-zß-ÿ]+|[A-ZÀ-Þ]+(?![a-zß-ÿ])")  # "StopCystite" -> Stop, Cystite

POSSESSIVE = re.compile(r"my|his|her|their|our|mijn|zijn|haar|hun|onze?|mein\w*|sein\w*|ihr\w*|unser\w*|"
                        r"mon|ma|mes|son|sa|ses|leurs?|notre|nos|mis?|sus?|nuestr\w*", re.I)

SINCE = re.compile(r"\b(?:since|sinds|sinda|seit|seitdem|depuis|desde)\b", re.I)


# the treatment a person had ("durante su tratamiento contra el cáncer"), not what the product does
TREATMENT = re.compile(r"treatment|tratamiento|traitement|behandlung|behandeling|therap|terap", re.I)

ANTI_INFLAMMATORY = re.compile(r"anti-?inflam|entzündungshemm|ontstekingsremm", re.I)


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


# what answers a question with the product: the brand's voice, a product word, a sales pitch, a
# substance or a made-up name ("Migraine? Try our capsules.", "... ? CholestoNatur lowers them.")
OFFER = ("voice", "product", "promo")

ANSWER = (*OFFER, "substance", "food")


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


# promising or claiming, refused with a negation: "we cannot promise that", "das dürfen wir nicht versprechen"
REFUSAL = re.compile(r"\b(?:promis\w*|claim\w*|guarantee\w*|versprech\w*|behaupt\w*|garantier\w*|belo\w*|"
                     r"garander\w*|promet\w*|prétend\w*|garanti\w*|afirmar|asegurar|prometer|"
                     # ... or making statements about it: "daar mogen we geen uitspraken over doen"
                     r"uitspra\w*|aussage\w*|allégation\w*|afirmaci\w*)\b", re.I)


# a question reported in a statement: "Customers often ask whether our probiotic helps with colitis."
ASKED = re.compile(r"\b(?:ask|asks|asked|wonder|wonders|vragen|vraagt|fragen|fragt|demandent|demande|preguntan|pregunta)\b"
                   r"[^.?!]{0,40}?\b(?:whether|if|of|ob|si)\b", re.I)

PRONOUNS = frozenset({"it", "this", "that", "het", "dat", "dit", "es", "das", "dies", "ce", "cela", "ça", "c'", "eso", "esto", "no"})

ANSWER_LABELS = frozenset({"a", "r", "antwoord", "antwort", "réponse", "respuesta"})  # "A:", "Antwort:"


# a quotation over several sentences; one reported by a verb and a name: '..." says Ann', «…», cuenta Lucía
QUOTED_LONG = re.compile(r"[«“„\"][^«»“”„\"]{8,1500}[»”“\"]|‘[^‘]{8,1500}?’(?!\w)|(?<!\w)'[^']{8,1500}?'(?!\w)")


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

CLOSING_QUOTES = "\"'»”“’‘"  # after a quoted question's "?"
AGENT = frozenset({"by", "door", "durch", "von", "par", "por"})  # "caused by": what follows is the cause
STARS = re.compile(r"[★⭐☆✩]")  # a rating: "Review ★★★★★" is a customer's, not a scientific review
# verbs whose object is what they cause ("some cause digestive trouble", "kann Nierensteine
# verursachen"); not "associated with", "linked to" or "risk factors", after which the disease
# named is the cause ("inflammation associated with arthritis")
CAUSES = re.compile(r"\bcaus|verursach|veroorza|provoqu|causar|ausl[öo]s|\blead to|\bleads to|leiden tot|leidt tot|"
                    r"f[üu]hr(?:en|t) zu|conduire [àa]|conduce a|llevar a|trigger|déclench|desencaden", re.I)
# words that may follow "no flu" and end its phrase: a time, or "more" ("keine Erkältung mehr")
PHRASE_AFTER = frozenset({"this", "all", "any", "more", "again", "deze", "dit", "meer", "diesen", "dieses", "diese", "mehr",
                          "cet", "cette", "plus", "este", "esta", "más", "nunca"})
