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

The package: `words` (the patterns and class groups), `reading` (questions about one sentence),
`context` (what its neighbours say), `judge` (the judgement).
"""

from claimlint.analyse.disease.context import Context, contexts, question_hooks
from claimlint.analyse.disease.judge import cited_disease_titles, judge
from claimlint.analyse.disease.words import CURES, QUOTED_LONG

__all__ = ["CURES", "QUOTED_LONG", "Context", "cited_disease_titles", "contexts", "judge", "question_hooks"]
