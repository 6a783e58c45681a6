"""Look up table rows by topic: ``search("exactly-once")`` finds the guide's EOS rows.

Every row of every table is indexed once per knowledge version by its topic,
aliases, table title and (weighted lower) its values.  Text is normalised the
same way on both sides: lower case, hyphens and slashes read as spaces
("exactly-once" = "exactly once"), plurals and common suffixes folded
("partitions" = "partition"), and a query word the index does not know is
matched to a close one ("latncy" → "latency").

Scores, highest first:

- the whole query equals a row's topic (100) or one of its aliases (90);
- a topic or alias appears in the query as a phrase (20 + 5 per word);
- word overlap: topic 3, alias 2, table title 1.5, values 0.5 per word, with
  system names ("kafka", "nats" …) counting a fraction since they appear
  everywhere.

A match needs :data:`MIN_SCORE`, so a question about something the guide does
not cover ("SOAP", "the weather") finds nothing instead of a stray value word.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from knowledge.loader import load as load_knowledge
from knowledge.models import Knowledge, Row, Table

MIN_SCORE = 2.0
EXACT_TOPIC = 100.0
EXACT_ALIAS = 90.0
PHRASE_BASE = 20.0
PHRASE_PER_WORD = 5.0
W_TOPIC, W_ALIAS, W_TITLE, W_VALUE = 3.0, 2.0, 1.5, 0.5
# Words naming a system: in nearly every row, so they say little about a topic.
W_SYSTEM_WORD = 0.3
FUZZY_CUTOFF = 0.84
FUZZY_MIN_LEN = 5
FUZZY_FACTOR = 0.8

# Function words and question words; never searched for.
def _word_list(text: str) -> list[str]:
    return text.split()


STOPWORDS = frozenset(
    _word_list(
        "a an the of for to in on at by with from into and or but vs versus via "
        "what whats which who whom whose why how when where is are was were be been being "
        "do does did done can could should would will shall may might must "
        "i me my we us our you your it its they them their this that these those there here "
        "about tell explain show give please compare comparison difference differences between "
        "any some much many more most less least than then so if as like just also only "
        "support supports supported handle handles handled work works deal deals "
        "use used using have has had get got need needs needed want wants "
        "not no yes s t re ve ll d"
    )
)
# Words of table titles that say what kind of table it is, not what it is about.
_TITLE_GENERIC_WORDS = (
    "comparison", "profiles", "characteristics", "trade", "offs", "tradeoffs", "considerations",
    "matrix", "decision", "general", "under",
)
# Everyday words for what the tables call something else.
QUERY_SYNONYMS = {
    "fast": "latency", "faster": "latency", "fastest": "latency", "speed": "latency",
    "slow": "latency", "slower": "latency", "quick": "latency", "responsive": "latency",
    "durable": "durability", "price": "cost", "expensive": "cost", "cheap": "cost",
}
_SPLIT = re.compile(r"[^0-9a-zµμ+=.<>]+")


def stem(word: str) -> str:
    """Fold plurals and a few suffixes so that related word forms meet.

    Not a linguist's stemmer: it only has to send "partitions"/"partition",
    "migrating"/"migration"/"migrate" and "sourcing"/"sources" to one form.
    """
    if len(word) <= 3 or not word.isalpha():
        return word
    # Plurals.
    if word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith("sses") or word.endswith(("xes", "ches", "shes")):
        word = word[:-2]
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    # Verb and noun endings.
    for suffix, replacement in (("ation", "at"), ("ing", ""), ("ed", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            word = word[: -len(suffix)] + replacement
            break
    if len(word) > 4 and word.endswith("e"):
        word = word[:-1]
    return word


_TITLE_GENERIC = frozenset(stem(w) for w in _TITLE_GENERIC_WORDS)
_STEMMED_STOPWORDS = frozenset(stem(w) for w in STOPWORDS)


def normalise(text: str) -> str:
    """Lower case, apostrophes dropped, punctuation and hyphens as spaces."""
    text = text.lower().replace("’", "'")
    text = re.sub(r"'s\b", "", text).replace("'", "")
    text = re.sub(r"[.](?!\d)", " ", text)  # keep "0.5", split "e.g."
    return " ".join(t for t in _SPLIT.split(text) if t)


def tokens(text: str, *, keep_stopwords: bool = False) -> list[str]:
    """Stemmed words of ``text``; stopwords dropped unless asked for."""
    words = normalise(text).split()
    return [stem(w) for w in words if keep_stopwords or w not in STOPWORDS]


@dataclass(frozen=True)
class Match:
    """A table row that matches a query, with how well."""

    table: Table
    row: Row
    score: float
    exact: bool = False  # the query named the row's topic or an alias outright
    # Query words found in the row's topic, aliases or table title (not values).
    matched: frozenset[str] = frozenset()

    @property
    def ref(self) -> str:
        return f"{self.table.id}/{self.row.id}"


@dataclass
class _Entry:
    table: Table
    row: Row
    topic_phrase: tuple[str, ...]
    alias_phrases: list[tuple[str, ...]]
    topic_words: set[str]
    alias_words: set[str]
    title_words: set[str]
    value_words: set[str]


@dataclass
class _Index:
    kb: Knowledge
    entries: list[_Entry]
    vocabulary: list[str]  # words of topics, aliases and titles, for typo matching
    indexed: set[str]  # words of topics, aliases and titles
    known: set[str]  # every indexed word, values included
    system_words: set[str]
    table_core: dict[str, set[str]] = field(default_factory=dict)  # table id -> title words that matter


_CACHE: dict[str, _Index] = {}


def _build(kb: Knowledge) -> _Index:
    entries: list[_Entry] = []
    vocabulary: set[str] = set()
    table_core: dict[str, set[str]] = {}
    for table in kb.tables:
        title_words = set(tokens(table.title))
        table_core[table.id] = {w for w in title_words if w not in _TITLE_GENERIC}
        vocabulary |= title_words
        for row in table.rows:
            topic_phrase = tuple(tokens(row.topic, keep_stopwords=True))
            alias_phrases = [tuple(tokens(a, keep_stopwords=True)) for a in row.aliases]
            topic_words = set(tokens(row.topic))
            alias_words = {w for a in row.aliases for w in tokens(a)}
            value_words = {w for v in row.values.values() for w in tokens(v)}
            vocabulary |= topic_words | alias_words
            entries.append(
                _Entry(table, row, topic_phrase, [p for p in alias_phrases if p],
                       topic_words, alias_words, title_words, value_words)
            )
    system_words: set[str] = {"apache"}
    for system in kb.systems:
        system_words |= set(tokens(system.name)) | set(tokens(system.id))
    known = vocabulary | {w for e in entries for w in e.value_words}
    return _Index(kb, entries, sorted(vocabulary), vocabulary, known, system_words, table_core)


def _index(kb: Knowledge) -> _Index:
    cached = _CACHE.get(kb.version)
    if cached is None or cached.kb is not kb:
        if len(_CACHE) >= 4:
            _CACHE.clear()
        cached = _CACHE[kb.version] = _build(kb)
    return cached


def _contains(haystack: tuple[str, ...], needle: tuple[str, ...]) -> bool:
    n = len(needle)
    return any(haystack[i : i + n] == needle for i in range(len(haystack) - n + 1))


def _correct(index: _Index, word: str) -> str | None:
    """A known word close to an unknown one ("latncy" → "latency"), if any."""
    if word in index.known or len(word) < FUZZY_MIN_LEN or not word.isalpha():
        return None
    close = difflib.get_close_matches(word, index.vocabulary, n=1, cutoff=FUZZY_CUTOFF)
    return close[0] if close else None


def _query(index: _Index, query: str) -> tuple[tuple[str, ...], list[tuple[str, float]]]:
    """The query as a phrase (typos corrected) and as weighted content words."""
    phrase: list[str] = []
    words: dict[str, float] = {}
    for word in normalise(query).split():
        word = QUERY_SYNONYMS.get(word, word)
        is_stopword = word in STOPWORDS
        word = stem(word)
        corrected = None if is_stopword else _correct(index, word)
        phrase.append(corrected or word)
        if is_stopword:
            continue
        weight = W_SYSTEM_WORD if word in index.system_words else 1.0
        if corrected:
            word, weight = corrected, weight * FUZZY_FACTOR
        words[word] = max(weight, words.get(word, 0.0))
    return tuple(phrase), list(words.items())


def _trimmed(phrase: tuple[str, ...]) -> tuple[str, ...]:
    """"what about the features" names the alias "features": question words off both ends."""
    start, end = 0, len(phrase)
    while start < end and phrase[start] in _STEMMED_STOPWORDS:
        start += 1
    while end > start and phrase[end - 1] in _STEMMED_STOPWORDS:
        end -= 1
    return phrase[start:end]


def _score(
    entry: _Entry, phrase: tuple[str, ...], words: list[tuple[str, float]], system_words: set[str]
) -> tuple[float, bool, frozenset[str]]:
    score = 0.0
    exact = False
    matched: set[str] = set()
    candidates = {phrase, _trimmed(phrase)} - {()}
    if entry.topic_phrase in candidates:
        score, exact = EXACT_TOPIC, True
    elif any(p in entry.alias_phrases for p in candidates):
        score, exact = EXACT_ALIAS, True
    else:
        contained = [p for p in (entry.topic_phrase, *entry.alias_phrases) if p and _contains(phrase, p)]
        # A phrase made of one system name ("kafka") says little on its own.
        contained = [p for p in contained if not (len(p) == 1 and p[0] in system_words)]
        if contained:
            # Scaled by how much of the query the phrase accounts for, so that "sources"
            # inside "event sourcing" counts for less than "event sourcing" itself.
            content = [w for w, _ in words if w not in system_words] or [w for w, _ in words]
            longest = max(contained, key=len)
            covered = sum(1 for w in content if w in longest) / max(len(content), 1)
            score = PHRASE_BASE * covered + PHRASE_PER_WORD * len(longest)
    for word, weight in words:
        if word in entry.topic_words:
            score += W_TOPIC * weight
        elif word in entry.alias_words:
            score += W_ALIAS * weight
        elif word in system_words:
            continue  # a system named in a title or value is no sign of the topic
        elif word in entry.title_words:
            score += W_TITLE * weight
        elif word in entry.value_words:
            score += W_VALUE * weight
            continue
        else:
            continue
        matched.add(word)
    return score, exact, frozenset(matched)


_KIND_ORDER = {"comparison": 0, "usecase": 1, "notes": 2, "takeaways": 3, "migration": 4, "strategy": 5}


def search(query: str, kb: Knowledge | None = None, limit: int = 8) -> list[Match]:
    """Rows matching ``query``, best first, at most ``limit``, none below :data:`MIN_SCORE`."""
    kb = kb or load_knowledge()
    index = _index(kb)
    phrase, words = _query(index, query)
    if not words:
        return []
    # A query of nothing but system names ("kafka?") matches only a row that names it outright.
    only_systems = all(word in index.system_words for word, _ in words)
    matches: list[Match] = []
    for entry in index.entries:
        score, exact, matched = _score(entry, phrase, words, index.system_words)
        if only_systems and not exact:
            continue
        if score >= MIN_SCORE:
            matches.append(Match(entry.table, entry.row, round(score, 2), exact, matched))
    # Ties go to the comparison tables, then the guide's order (the sort is stable).
    matches.sort(key=lambda m: (-m.score, _KIND_ORDER.get(m.table.kind, len(_KIND_ORDER))))
    return matches[:limit] if limit > 0 else matches


def content_words(query: str, kb: Knowledge | None = None) -> list[str]:
    """The query's words as searched (stemmed, typos corrected), without stopwords and system names."""
    index = _index(kb or load_knowledge())
    return [w for w, _ in _query(index, query)[1] if w not in index.system_words]


def unknown_words(query: str, kb: Knowledge | None = None) -> list[str]:
    """Content words of the query that name no topic, alias or table title (values aside)."""
    index = _index(kb or load_knowledge())
    return [w for w in content_words(query, index.kb) if w not in index.indexed]


def matching_tables(query: str, kb: Knowledge | None = None) -> list[Table]:
    """Tables the query names by title ("latency" → Latency Profiles, "event sourcing" → its trade-offs)."""
    kb = kb or load_knowledge()
    index = _index(kb)
    words = {w for w, _ in _query(index, query)[1]}
    found = []
    for table in kb.tables:
        core = index.table_core[table.id]
        if core and core <= words:
            found.append(table)
    return found


def topics(kb: Knowledge | None = None) -> list[str]:
    """What the knowledge covers, in short: table titles, then the use cases, deduplicated."""
    kb = kb or load_knowledge()
    names: list[str] = []
    for table in kb.tables:
        if table.kind != "references":
            names.append(table.title)
    for table in kb.tables:
        if table.kind == "usecase":
            names.extend(row.topic for row in table.rows)
    seen: set[str] = set()
    result = []
    for name in names:
        key = normalise(name)
        if key not in seen:
            seen.add(key)
            result.append(name)
    return result
