"""Library search that finds what a runner types.

A query is cut into words and each word is matched against the library's own
vocabulary (`SearchTerm`): its stem exactly ("squats", "squatting" → squat),
a joined form ("step ups", "step-ups", "stepups" → stepup), a British or
American spelling, and, only when the word is not a term at all, a typo of one
term (one edit in a word of four to seven letters, two in a longer one). The
last word may be unfinished ("glute bri"). Every word must match something in
the name, another name, a muscle, the equipment, the movement pattern or the
form cues; results come best first: the exact name, another exact name, all
words in the name, in the names, among muscles, equipment and pattern, and last
those that only the cues explain. A word is corrected only to a term of the
names and tags: the cues' everyday words would make every typo mean something.

Words are normalised and stemmed once, here, with the Snowball English
stemmer, and stored on each exercise (`services.reindex`). Both databases
match those stored tokens, each with its own tools:

- PostgreSQL finds candidate terms for a typo with pg_trgm (a GIN trigram
  index on `SearchTerm.term`), and filters and ranks exercises with full-text
  search on a weighted `tsvector` of the stored tokens (`search_document`,
  GIN-indexed). The vector uses the `simple` configuration on purpose: the tokens
  are already English stems, and the `english` configuration would stem them
  a second time and drop "up" (push-ups, step-ups) and "a" (A-skip) as stop
  words.
- SQLite, the zero-setup default, reads the (small) term list whole and
  matches the space-delimited tokens with LIKE.

The same rule accepts a typo on both (edit distance, computed here), so they
give the same answers; PostgreSQL only skips a typo sharing too few trigrams
with any term to be a candidate at all.
"""

import functools
import itertools
import operator
import re
import unicodedata
from dataclasses import dataclass

import snowballstemmer
from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connection
from django.db.models import Case, IntegerField, Q, Value, When
from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

# Bounds for hostile input: the form caps the length; this caps the SQL.
MAX_WORDS = 8
MAX_WORD_LENGTH = 40
# The shortest word a typo or an unfinished last word is allowed for.
MIN_FUZZY_LENGTH = 4
MIN_PREFIX_LENGTH = 3
SUGGESTIONS = 3
# How alike (0-100) a word and a term must be for "did you mean" to offer it.
NEAR = 60

# British spellings a runner may type, as the American form both sides store.
SPELLINGS = {
    "stabiliser": "stabilizer",
    "stabilisers": "stabilizers",
    "stabilise": "stabilize",
    "stabilising": "stabilizing",
    "stabilisation": "stabilization",
    "mobilise": "mobilize",
    "mobilising": "mobilizing",
    "mobilisation": "mobilization",
    "centre": "center",
    "metre": "meter",
    "metres": "meters",
    "tyre": "tire",
    "tyres": "tires",
    "plough": "plow",
    "programme": "program",
}
# Plurals the stemmer does not fold onto their singular.
IRREGULAR = {"calves": "calf", "feet": "foot", "knees": "knee", "tibiae": "tibia"}

WORD = re.compile(r"[a-z0-9]+")
# The stored fields words are matched in, best first, and all that `index_fields` writes.
FIELDS = ("search_name", "search_aliases", "search_tags")  # the terms a typo may mean
MATCHED_FIELDS = (*FIELDS, "search_cues")
STORED_FIELDS = (*MATCHED_FIELDS, "search_keys")


@functools.cache
def stemmer():
    return snowballstemmer.stemmer("english")


def words(text: str) -> list[str]:
    """Lower-case ASCII words: accents dropped, apostrophes closed up, the rest a break."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    ascii_text = folded.encode("ascii", "ignore").decode().replace("'", "")
    return [word[:MAX_WORD_LENGTH] for word in WORD.findall(ascii_text)]


def stem(word: str) -> str:
    word = IRREGULAR.get(word, SPELLINGS.get(word, word))
    return word if word.isdigit() else stemmer().stemWord(word)


def tokens(text: str, *, joined=True) -> list[str]:
    """The stems of `text`'s words and (`joined`) of each pair of neighbours written as one."""
    parts = words(text)
    pairs = [a + b for a, b in itertools.pairwise(parts)] if joined else []
    return [stem(word) for word in parts + pairs]


def key(text: str) -> str:
    """A name or query with spaces and hyphens ignored: "step-ups" and "stepup" agree."""
    return "".join(stem(word) for word in words(text))


def spaced(values) -> str:
    """Tokens as stored: each one between spaces, so a LIKE finds whole tokens only."""
    unique = dict.fromkeys(values)
    return f" {' '.join(unique)} " if unique else ""


def index_fields(*, name: str, aliases: str, tags: list[str], cues: str) -> dict[str, str]:
    """The stored search fields of one exercise (see `services.reindex`)."""
    alias_list = [alias for alias in aliases.split(",") if alias.strip()]
    return {
        "search_name": spaced(tokens(name)),
        "search_aliases": spaced(token for alias in alias_list for token in tokens(alias)),
        "search_tags": spaced(token for tag in tags for token in tokens(tag, joined=False)),
        "search_cues": spaced(tokens(cues, joined=False)),
        "search_keys": "|" + "|".join([key(name), *(key(alias) for alias in alias_list)]) + "|",
    }


def dictionary_terms(fields: dict[str, str]) -> set[str]:
    """The tokens a search term list needs from one exercise: numbers need no typo help."""
    return {token for name in FIELDS for token in fields[name].split() if not token.isdigit()}


# --- Parsing a query ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Word:
    text: str
    stem: str
    last: bool
    terms: frozenset[str] = frozenset()

    def accepts(self, term: str) -> bool:
        """Whether a library term counts as this word (typos are decided by `parse`)."""
        return term == self.stem or (
            self.last and len(self.text) >= MIN_PREFIX_LENGTH and term.startswith(self.text)
        )


@dataclass(frozen=True)
class Search:
    query: str
    words: tuple[Word, ...] = ()
    key: str = ""

    def __bool__(self):
        return bool(self.words)


def allowed_typos(stem_: str) -> int:
    if len(stem_) < MIN_FUZZY_LENGTH:
        return 0
    return 1 if len(stem_) < 8 else 2


def parse(query: str) -> Search:
    """The query's words, each with the library terms it matches: one query for the terms."""
    texts = words(query)[:MAX_WORDS]
    if not texts:
        return Search(query=query)
    draft = [
        Word(text=text, stem=stem(text), last=index == len(texts) - 1)
        for index, text in enumerate(texts)
    ]
    known = ENGINES[connection.vendor].candidate_terms(draft)
    draft = join_split_words(draft, known)
    parsed = []
    for word in draft:
        terms = {word.stem}  # as typed, wherever it is (the cues' words are not terms)
        if not word.text.isdigit():
            terms |= {term for term in known if word.accepts(term)}
            if word.stem not in known:
                typos = allowed_typos(word.stem)
                terms |= {term for term in known if OSA.distance(word.stem, term) <= typos}
        parsed.append(Word(word.text, word.stem, word.last, frozenset(terms)))
    return Search(query=query, words=tuple(parsed), key="".join(w.stem for w in parsed))


def join_split_words(draft: list[Word], known: set[str]) -> list[Word]:
    """ "wood chop", "kettle bell": two words the library writes as one become that one."""
    joined = []
    for word in draft:
        previous = joined[-1] if joined else None
        if previous and not (previous.stem in known and word.stem in known):
            text = previous.text + word.text
            if stem(text) in known:
                joined[-1] = Word(text=text, stem=stem(text), last=word.last)
                continue
        joined.append(word)
    return joined


# --- Matching and ranking exercises ---------------------------------------------------------------


class Rank:
    """Best first; ties keep the library's own order."""

    EXACT_NAME, EXACT_ALIAS, NAME, NAME_OR_ALIAS, TAGS, CUES = range(6)


class SQLiteEngine:
    """Portable: the whole term list, and LIKE on the space-delimited tokens."""

    @staticmethod
    def candidate_terms(draft: list[Word]) -> set[str]:
        from exercises.models import SearchTerm

        return set(SearchTerm.objects.values_list("term", flat=True))

    @staticmethod
    def store_documents(queryset, fields) -> None:
        """Nothing to store: SQLite matches the token fields themselves."""

    @staticmethod
    def contains(terms, fields=MATCHED_FIELDS) -> Q:
        condition = Q()
        for term in sorted(terms):
            for name in fields:
                condition |= Q(**{f"{name}__contains": f" {term} "})
        return condition


class PostgreSQLEngine:
    """Trigram candidates for typos, full-text search for matching and ranking."""

    WEIGHTS = {"search_name": "A", "search_aliases": "B", "search_tags": "C", "search_cues": "D"}

    @staticmethod
    def candidate_terms(draft: list[Word]) -> set[str]:
        from exercises.models import SearchTerm

        pairs = [stem(a.text + b.text) for a, b in itertools.pairwise(draft)]
        condition = Q(term__in=[word.stem for word in draft] + pairs)
        for word in draft:
            if len(word.stem) >= MIN_FUZZY_LENGTH:
                condition |= Q(term__trigram_similar=word.stem)
            if word.last and len(word.text) >= MIN_PREFIX_LENGTH:
                condition |= Q(term__startswith=word.text)
        return set(SearchTerm.objects.filter(condition).values_list("term", flat=True))

    @staticmethod
    def store_documents(queryset, fields) -> None:
        queryset.update(search_document=document_vector(fields))

    @staticmethod
    def contains(terms, fields=MATCHED_FIELDS) -> Q:
        weights = "".join(PostgreSQLEngine.WEIGHTS[name] for name in fields)
        raw = " | ".join(f"{term}:{weights}" for term in sorted(terms))
        return Q(search_document=SearchQuery(raw, search_type="raw", config="simple"))


def document_vector(fields=MATCHED_FIELDS):
    """The weighted tsvector PostgreSQL stores in `search_document` and matches."""
    weights = PostgreSQLEngine.WEIGHTS
    vectors = [SearchVector(name, weight=weights[name], config="simple") for name in fields]
    return functools.reduce(operator.add, vectors)


ENGINES = {"sqlite": SQLiteEngine, "postgresql": PostgreSQLEngine}


def apply(queryset, search: Search):
    """Exercises matching every word, best first; none when a word matches nothing."""
    if not search:
        return queryset
    engine = ENGINES[connection.vendor]
    in_name, in_alias, in_tags = Q(), Q(), Q()
    for word in search.words:
        queryset = queryset.filter(engine.contains(word.terms))
        in_name &= engine.contains(word.terms, ("search_name",))
        in_alias &= engine.contains(word.terms, ("search_name", "search_aliases"))
        in_tags &= engine.contains(word.terms, FIELDS)
    rank = Case(
        When(search_keys__startswith=f"|{search.key}|", then=Value(Rank.EXACT_NAME)),
        When(search_keys__contains=f"|{search.key}|", then=Value(Rank.EXACT_ALIAS)),
        When(in_name, then=Value(Rank.NAME)),
        When(in_alias, then=Value(Rank.NAME_OR_ALIAS)),
        When(in_tags, then=Value(Rank.TAGS)),
        default=Value(Rank.CUES),
        output_field=IntegerField(),
    )
    return queryset.annotate(search_rank=rank).order_by(
        "search_rank", *queryset.model._meta.ordering
    )


# --- Explaining and suggesting ------------------------------------------------------------------


def explain(exercises, search: Search) -> None:
    """Give each exercise `search_notes`: where the words not in its name matched."""
    for exercise in exercises:
        exercise.search_notes = matched_outside_name(exercise, search)


def matched_outside_name(exercise, search: Search) -> list[str]:
    """ "other name: RDL", "glutes: muscle": for a reader wondering why it was found.

    Reads what `for_list(searched=True)` fetched: no query of its own.
    """
    found = []
    name_tokens = set(exercise.search_name.split())
    for word in search.words:
        if word.terms & name_tokens:
            continue
        alias = next((a for a in exercise.alias_list if word.terms & set(tokens(a))), None)
        if alias:
            found.append(f"other name: {alias}")
            continue
        sources = [("equipment", item.name) for item in exercise.equipment.all()]
        sources += [("pattern", exercise.pattern.name)]
        where = next((kind for kind, text in sources if word.terms & set(tokens(text))), None)
        if where is None:
            where = "muscle" if word.terms & set(exercise.search_tags.split()) else "form cues"
        found.append(f"{word.text}: {where}")
    return list(dict.fromkeys(found))


def suggestions(search: Search, queryset) -> list:
    """Exercises for a query that found nothing: each word read as its nearest library term.

    Together if they match together ("goblit sqaut" → goblet squat), else word by
    word; a word with no term near it at all is left out. The term list does not
    grow with the library, so neither does the cost.
    """
    from exercises.models import SearchTerm

    terms = list(SearchTerm.objects.values_list("term", flat=True))
    nearest = []
    for word in search.words:
        match = process.extractOne(word.stem, terms, scorer=fuzz.ratio, score_cutoff=NEAR)
        if match:
            nearest.append(Word(word.text, match[0], word.last, frozenset([match[0]])))
    attempts = [nearest] + [[word] for word in nearest] if len(nearest) > 1 else [nearest]
    found = {}
    for words_ in attempts:
        if words_ and len(found) < SUGGESTIONS:
            relaxed = Search(query=search.query, words=tuple(words_), key="")
            for exercise in apply(queryset, relaxed)[:SUGGESTIONS]:
                found.setdefault(exercise.pk, exercise)
    return list(found.values())[:SUGGESTIONS]
