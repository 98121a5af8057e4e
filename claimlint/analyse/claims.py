"""Which sentences make a health claim: a linear model over hashed features, with lexicon classes.

Deterministic code decides only what is deterministic (headings, references, disclaimers,
navigation, questions: never claims). Every other sentence is scored by a logistic model trained
on labelled real pages (scripts/train_claims.py; the shipped weights are numbers over hashed
features, no text). A sentence is a claim when the model says so AND it has a health subject
from the lexicons (a substance, food, condition, symptom or body term): a number about share
prices is not a health claim. The claim's kind (research, statistic, mechanism, effect) and the
words its message names come from the lexicon classes found in it.
"""

from __future__ import annotations

import functools
import math
import re
import zlib
from array import array
from dataclasses import dataclass
from pathlib import Path

from claimlint.analyse.lexicon import Hit, Lexicon, words_of
from claimlint.model import Block, BlockKind, Claim, Sentence

MODEL_PATH = Path(__file__).resolve().parent.parent / "models" / "claims.npz"
# breadcrumbs and menu bars ("Home > Sleep > Melatonin"): navigation, not prose
MASKED = "<name>"  # a word of a name the user listed (vocabulary products or ignore): no cue
NAV_SEPARATOR = re.compile(r"\s[·|>»/]\s")
DIGIT = re.compile(r"\d")
# a number standing on its own (not a year, not part of a name: omega-3, COVID-19, B12)
NUMBER = re.compile(r"%|(?<![\w-])(?!(?:19|20)\d\d\b)\d")


@dataclass
class View:
    """One sentence as the model sees it."""

    sentence: Sentence
    kind: BlockKind
    words: list[str]
    hits: list[Hit]
    classes: frozenset[str]
    eligible: bool


def eligible(sentence: Sentence, kind: BlockKind) -> bool:
    """Sentences that are never claims, whatever their words."""
    if kind in (BlockKind.HEADING, BlockKind.FOOTNOTE) or sentence.in_references or sentence.is_disclaimer:
        return False
    text = sentence.text.strip()
    if text.endswith("?") or len(NAV_SEPARATOR.findall(text)) >= 2:
        return False
    return any(ch.isalpha() for ch in text)


def views(sentences: list[Sentence], blocks: list[Block], lex: Lexicon) -> list[View]:
    out = []
    for sentence in sentences:
        tokens = words_of(sentence.text)
        words = [w for w, _, _ in tokens]
        text = sentence.text

        def show(a: int, b: int, tokens=tokens, text=text) -> str:
            return text[tokens[a][1] : tokens[b - 1][2]]

        hits, masked = lex.hits(words, show)
        if masked:
            words = [MASKED if i in masked else w for i, w in enumerate(words)]
        kind = blocks[sentence.block_index].kind
        out.append(View(sentence, kind, words, hits, frozenset(h.cls for h in hits), eligible(sentence, kind)))
    return out


def _bucket(value: int, edges: tuple[int, ...]) -> int:
    return sum(value >= e for e in edges)


def features(all_views: list[View], index: int, language: str) -> list[str]:
    view = all_views[index]
    words = [("0" if DIGIT.match(w) else w) for w in view.words]
    out = [f"lang:{language}", f"kind:{view.kind.value}"]
    out += [f"w:{w}" for w in words]
    out += [f"b:{a}_{b}" for a, b in zip(["^"] + words, words + ["$"])]
    for w in words:
        if len(w) >= 7:
            out.append(f"p:{w[:5]}")
        if len(w) >= 6:
            out.append(f"s:{w[-4:]}")
    classes = sorted(view.classes)
    out += [f"c:{c}" for c in classes]
    out += [f"lc:{language}:{c}" for c in classes]
    out += [f"cc:{a}+{b}" for i, a in enumerate(classes) for b in classes[i + 1 :]]
    out.append("subject" if view.classes & CONTENT else "no-subject")
    first_at: dict[str, int] = {}  # where each class first appears, and in which order
    for hit in view.hits:
        first_at.setdefault(hit.cls, hit.start)
    out += [f"at:{cls}:{_bucket(at, (1, 3, 8))}" for cls, at in first_at.items()]
    order = sorted(first_at, key=first_at.get)
    out += [f"o:{a}>{b}" for a, b in zip(order, order[1:])]
    text = view.sentence.text.strip()
    out.append(f"len{_bucket(len(words), (4, 8, 16, 30))}")
    if DIGIT.search(text):
        out.append("digit")
    if "%" in text:
        out.append("percent")
    if "*" in text or "†" in text:
        out.append("star")
    if text.endswith(":"):
        out.append("colon-end")
    if text.endswith("!"):
        out.append("exclaim")
    if words:
        out.append(f"first:{words[0]}")
    if view.sentence.links:
        out.append("link")
    for offset, name in ((-1, "prev"), (1, "next")):
        j = index + offset
        if 0 <= j < len(all_views):
            other = all_views[j]
            same_block = other.sentence.block_index == view.sentence.block_index
            out.append(f"{name}:{other.kind.value}:{'same' if same_block else 'other'}")
            out += [f"{name}:c:{c}" for c in sorted(other.classes)]
            if other.sentence.text.rstrip().endswith(":"):
                out.append(f"{name}:colon")
    return out


class LinearModel:
    """Logistic regression over hashed features (the shipped artefact holds numbers only)."""

    def __init__(self, weights, bias: float, threshold: float, bits: int):
        self.weights = weights
        self.bias = float(bias)
        self.threshold = float(threshold)
        self.mask = (1 << bits) - 1
        self.indexer = SentenceIndexer(self.mask)

    @classmethod
    def load(cls, path: Path) -> "LinearModel":
        import numpy

        with numpy.load(path) as data:
            return cls(data["weights"].astype("float32"), float(data["bias"]), float(data["threshold"]),
                       int(data["bits"]))

    def probability(self, feats: list[str]) -> float:
        # one gather in numpy; the floats summed in the same order as one by one (same bits)
        z = self.bias + sum(self.weights[feature_indices(feats, self.mask)].tolist())
        return _logistic(z)

    def probabilities(self, packed: list[bytes]) -> list[float]:
        """probability() of many sentences, each given as its weight indices (SentenceIndexer.packed:
        in any order, repeats allowed), with one numpy call of each kind for all of them."""
        import numpy

        if not packed:
            return []
        counts = [len(indices) // INDEX_SIZE for indices in packed]
        keys = numpy.frombuffer(b"".join(packed), dtype=numpy.intc).astype(numpy.int64)
        keys |= numpy.repeat(numpy.arange(len(packed), dtype=numpy.int64) << 32, counts)  # sentence number on top
        keys.sort()  # by sentence, then by index; each index once below: what feature_indices gives
        first = numpy.empty(len(keys), dtype=bool)  # (numpy.unique does the same, 4x slower on a page)
        first[0] = True
        numpy.not_equal(keys[1:], keys[:-1], out=first[1:])
        keys = keys[first]
        values = self.weights[keys & 0xFFFFFFFF].tolist()
        bounds = numpy.searchsorted(keys >> 32, numpy.arange(len(packed) + 1)).tolist()
        # each sentence's floats summed in index order, as probability() sums them: the same bits
        return [_logistic(self.bias + sum(values[a:b])) for a, b in zip(bounds, bounds[1:])]


def _logistic(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def feature_indices(feats: list[str], mask: int) -> list[int]:
    """The weight indices of a sentence's features (binary: a feature counts once). Training uses it too."""
    remembered = _INDICES.setdefault(mask, {})
    if len(remembered) > MAX_REMEMBERED_FEATURES:
        remembered.clear()
    indices = set(map(remembered.get, feats))  # most features recur in every article: looked up in C
    if None in indices:
        indices.discard(None)
        for feature in feats:
            if feature not in remembered:
                remembered[feature] = hash_feature(feature) & mask
                indices.add(remembered[feature])
    return sorted(indices)


_INDICES: dict[int, dict[str, int]] = {}  # mask -> feature -> hash_feature(feature) & mask
MAX_REMEMBERED_FEATURES = 500_000


INDEX_SIZE = array("i").itemsize  # numpy.intc: the same C int
# about 230 bytes a piece (a pair of words: its key, its indices, the words it keeps; 439
# different articles make 70,000): at most what MAX_REMEMBERED_FEATURES feature texts took
MAX_REMEMBERED_PIECES = 250_000


class SentenceIndexer:
    """The weight indices of features(all_views, index, language), without writing out every
    feature: what a pair of words, a set of classes, the classes' places or a neighbour adds is
    remembered (most recur in every article), packed as C ints. The same set of indices as
    feature_indices gives, so the model sums the same floats."""

    def __init__(self, mask: int):
        self.mask = mask
        self.named: dict[str, bytes] = {}  # feature -> its index
        self.pairs: dict[tuple[str, str | None], bytes] = {}  # (word, next word) -> b:, and w:, p:, s: of the next
        self.by_classes: dict[tuple[str, frozenset[str]], bytes] = {}  # c:, lc:, cc:, subject
        self.neighbours: dict[tuple, bytes] = {}  # prev:/next: kind, block, classes, colon
        self.by_place: dict[tuple, bytes] = {}  # ((class, first word), ...) -> at:, o:
        self.by_kind: dict[tuple[str, BlockKind], bytes] = {}  # lang:, kind:

    def index(self, feature: str) -> bytes:
        found = self.named.get(feature)
        if found is None:
            found = self.named[feature] = self._packed([feature])
        return found

    def _packed(self, feats: list[str]) -> bytes:
        return array("i", [hash_feature(feature) & self.mask for feature in feats]).tobytes()

    @staticmethod
    def _read(word: str) -> str:
        return "0" if DIGIT.match(word) else word  # as features() reads it

    def _pair(self, pair: tuple[str, str | None]) -> bytes:
        """b: of a word and the next, and w:, p:, s: of the next (None: the end, read "$")."""
        first, second = pair
        if second is None:
            found = [f"b:{self._read(first)}_$"]
        else:
            read = self._read(second)
            found = [f"b:{self._read(first)}_{read}", f"w:{read}"]
            if len(read) >= 7:
                found.append(f"p:{read[:5]}")
            if len(read) >= 6:
                found.append(f"s:{read[-4:]}")
        self.pairs[pair] = self._packed(found)
        return self.pairs[pair]

    def _kind(self, language: str, kind: BlockKind) -> bytes:
        self.by_kind[language, kind] = self._packed([f"lang:{language}", f"kind:{kind.value}"])
        return self.by_kind[language, kind]

    def _classes(self, language: str, classes: frozenset[str]) -> bytes:
        ordered = sorted(classes)
        found = [f"c:{c}" for c in ordered] + [f"lc:{language}:{c}" for c in ordered]
        found += [f"cc:{a}+{b}" for i, a in enumerate(ordered) for b in ordered[i + 1:]]
        found.append("subject" if classes & CONTENT else "no-subject")
        self.by_classes[language, classes] = self._packed(found)
        return self.by_classes[language, classes]

    def _places(self, placed: tuple[tuple[str, int], ...]) -> bytes:
        first_at = dict(placed)
        found = [f"at:{cls}:{_bucket(at, (1, 3, 8))}" for cls, at in first_at.items()]
        order = sorted(first_at, key=first_at.get)
        found += [f"o:{a}>{b}" for a, b in zip(order, order[1:])]
        self.by_place[placed] = self._packed(found)
        return self.by_place[placed]

    def _neighbour(self, key: tuple) -> bytes:
        name, kind, same_block, classes, colon = key
        found = [f"{name}:{kind.value}:{'same' if same_block else 'other'}"]
        found += [f"{name}:c:{c}" for c in sorted(classes)]
        if colon:
            found.append(f"{name}:colon")
        self.neighbours[key] = self._packed(found)
        return self.neighbours[key]

    def packed(self, all_views: list[View], index: int, language: str) -> bytes:
        """The indices as C ints, in no order, some more than once (LinearModel.probabilities
        sorts them and counts each once)."""
        if len(self.named) + len(self.pairs) + len(self.by_place) + len(self.neighbours) > MAX_REMEMBERED_PIECES:
            self.__init__(self.mask)  # a bound on memory: start over
        view = all_views[index]
        index_of = self.index
        words = view.words
        pairs = list(zip(["^", *words], [*words, None]))
        found = list(map(self.pairs.get, pairs))
        if None in found:
            found = [known or self._pair(pair) for pair, known in zip(pairs, found)]
        found.append(self.by_kind.get((language, view.kind)) or self._kind(language, view.kind))
        found.append(self.by_classes.get((language, view.classes)) or self._classes(language, view.classes))
        first_at: dict[str, int] = {}  # where each class first appears, and in which order
        for hit in view.hits:
            first_at.setdefault(hit.cls, hit.start)
        placed = tuple(first_at.items())
        at_places = self.by_place.get(placed)
        found.append(self._places(placed) if at_places is None else at_places)  # (b"" without hits)
        text = view.sentence.text.strip()
        found.append(index_of(f"len{_bucket(len(words), (4, 8, 16, 30))}"))
        if DIGIT.search(text):
            found.append(index_of("digit"))
        if "%" in text:
            found.append(index_of("percent"))
        if "*" in text or "†" in text:
            found.append(index_of("star"))
        if text.endswith(":"):
            found.append(index_of("colon-end"))
        if text.endswith("!"):
            found.append(index_of("exclaim"))
        if words:
            found.append(index_of(f"first:{self._read(words[0])}"))
        if view.sentence.links:
            found.append(index_of("link"))
        for offset, name in ((-1, "prev"), (1, "next")):
            j = index + offset
            if 0 <= j < len(all_views):
                other = all_views[j]
                key = (name, other.kind, other.sentence.block_index == view.sentence.block_index, other.classes,
                       other.sentence.text.rstrip().endswith(":"))
                found.append(self.neighbours.get(key) or self._neighbour(key))
        return b"".join(found)


def hash_feature(feature: str) -> int:
    """Stable across processes and platforms (Python's hash() is salted)."""
    return zlib.crc32(feature.encode("utf-8"))


def load_model(path: str = str(MODEL_PATH)) -> LinearModel:
    # one model per path however it is asked for: cached as load_model(), load_model(path) was read twice
    return _loaded_model(path)


@functools.lru_cache(maxsize=4)
def _loaded_model(path: str) -> LinearModel:
    return LinearModel.load(Path(path))


def kind_of(view: View) -> str:
    classes = view.classes
    if "research" in classes:
        return "research"
    if NUMBER.search(view.sentence.text):  # a claim with a number in it (not a year) is a statistic
        return "statistic"
    if "mechanism" in classes and "body" in classes and "disease_verb" not in classes:
        mechanism = {i for h in view.hits if h.cls == "mechanism" for i in range(h.start, h.end)}
        effect = {i for h in view.hits if h.cls == "effect" for i in range(h.start, h.end)} - mechanism
        # "plays a role in ... by regulating": the sentence says how the body works, and says it first
        if not effect or min(mechanism) < min(effect):
            return "mechanism"
    return "effect"


SUBJECT_ORDER = ("substance", "food", "condition", "symptom", "body", "drug")
REASON_ORDER = {
    "research": ("research",),
    "statistic": ("quantity", "population"),
    "mechanism": ("mechanism",),
    "effect": ("disease_verb", "effect", "hedge", "mechanism"),
}


def reasons(view: View, kind: str) -> tuple[str, str]:
    """The health subject and the effect, number or research appeal the message names."""
    def first(classes: tuple[str, ...], exclude: set[int] = frozenset()) -> Hit | None:
        for cls in classes:
            for hit in view.hits:
                if hit.cls == cls and hit.start not in exclude:
                    return hit
        return None

    subject = first(SUBJECT_ORDER)
    used = set(range(subject.start, subject.end)) if subject else set()
    reason = first(REASON_ORDER[kind], used)
    if kind == "statistic":
        number = re.search(r"(?<![\w-])\d[\d.,]*(?:\s*[-–]\s*\d[\d.,]*)?\s*(?:%|percent|per cent|procent|prozent|pour cent|por ciento)?",
                           view.sentence.text, re.I)
        return (subject.text if subject else ""), (number.group().strip() if number else (reason.text if reason else ""))
    return (subject.text if subject else ""), (reason.text if reason else "")


CONTENT = frozenset(SUBJECT_ORDER)


def has_subject(all_views: list[View], index: int) -> bool:
    """A health subject from the lexicons. An appeal to research or a number about a group of
    people counts only next to one ("Trials prove it." after a sentence about zinc): "studies
    show commuters prefer trains" and "57% of users" are not health claims."""
    view = all_views[index]
    if view.classes & CONTENT:
        return True
    numbered = "population" in view.classes and bool(DIGIT.search(view.sentence.text) or "%" in view.sentence.text)
    if not ("research" in view.classes or numbered):
        return False
    return any(all_views[j].classes & CONTENT for j in (index - 2, index - 1, index + 1)
               if 0 <= j < len(all_views))


def scores(all_views: list[View], language: str, model_path: str | None = None) -> list[float | None]:
    """The model's claim probability for every sentence with a health subject (None: no subject).
    Headings are scored too: the page verdict counts claims made in them."""
    model = load_model(model_path or str(MODEL_PATH))
    scored = [index for index, view in enumerate(all_views)
              if has_subject(all_views, index) and any(ch.isalpha() for ch in view.sentence.text)]
    out: list[float | None] = [None] * len(all_views)
    packed = [model.indexer.packed(all_views, index, language) for index in scored]
    for index, probability in zip(scored, model.probabilities(packed)):
        out[index] = probability
    return _lead_ins_carry_their_lists(all_views, out, model.threshold)


# what makes a list item a statement of its own rather than a bare noun ("- Tiredness")
STATING = frozenset({"effect", "disease_verb", "mechanism", "hedge", "research", "quantity"})


def _lead_ins_carry_their_lists(all_views: list[View], probabilities: list[float | None],
                                threshold: float) -> list[float | None]:
    """ "Signs of low B12 include:" + "- Tiredness" + "- Pins and needles": the lead-in makes the
    claim, not the bare items (the labelling convention of the gold sets). A lead-in about a health
    subject whose list is mostly bare symptoms or conditions is a claim; an item the model already
    takes for a claim ("- Für mehr Power im Alltag") stays one."""
    out = list(probabilities)
    for index, view in enumerate(all_views):
        if view.kind is not BlockKind.PARAGRAPH or not view.eligible or not view.sentence.text.rstrip().endswith(":"):
            continue  # (a paragraph: a list of "- magnesium:" items read on would be quadratic)
        items = []
        for later in all_views[index + 1:]:
            if later.kind is not BlockKind.LIST_ITEM:
                break
            items.append(later)
        signs = [item for item, p in zip(items, out[index + 1:]) if (p is None or p < threshold)
                 and len(item.words) <= 8 and not item.classes & STATING and item.classes & {"symptom", "condition"}]
        if items and len(signs) * 2 >= len(items) and view.classes & CONTENT:
            out[index] = max(out[index] or 0.0, threshold)
        # ... and its bare items are no claims of their own, though the model may take one for a
        # claim ("- sneezing, often several times in a row", "- itchy, red, watering eyes")
        # (under a lead-in that is no claim only bare signs are: "Key benefits of our formula:" +
        # "- Healthy muscle relaxation" keeps its claims)
        lead_in = out[index] is not None and out[index] >= threshold
        bare = [i for i, item in enumerate(items, index + 1) if len(item.words) <= 10
                and not item.classes & (STATING - {"hedge"}) and (lead_in or item.classes & {"symptom", "condition"})]
        if items and len(bare) * 2 >= len(items):
            for i in bare:
                if out[i] is not None and out[i] >= threshold:
                    out[i] = BELOW_THRESHOLD * threshold
    return out


BELOW_THRESHOLD = 0.99  # a bare list item's score, just under the threshold: no claim, still a health sentence


def is_claim(probability: float | None, model_path: str | None = None) -> bool:
    return probability is not None and probability >= load_model(model_path or str(MODEL_PATH)).threshold


def claim_of(view: View, probability: float) -> Claim:
    kind = kind_of(view)
    subject, reason = reasons(view, kind)
    return Claim(sentence=view.sentence, kind=kind, cues=[c for c in (subject, reason) if c], score=probability,
                 subject=subject, reason=reason)
