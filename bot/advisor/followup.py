"""Follow-up questions typed during a conversation, answered from the guide's rows.

``is_followup("what about exactly-once?")`` tells a question from an answer
("yes", "sub-ms", "back"); ``answer_followup(text)`` finds the rows that
answer it.  Besides plain topic look-up (:mod:`knowledge.search`) a few kinds
of question get their own treatment:

- "why not Kafka?": the rows of the comparison tables where that system rates
  weak (0 or 1), with the system's summary;
- "how hard is Kafka to run?": the operations tables for that system and the
  day-2 comparison;
- "migrating from Kafka": the migration table(s) for that direction and the
  general strategy;
- "tell me about JetStream": the system's summary and its overview rows.

A question the knowledge does not cover gets ``covered=False``, no rows, and
the list of topics it does cover.  Pure: no Slack, no I/O beyond loading the
packaged knowledge.
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel

from bot.advisor.advice import RowCitation
from bot.advisor.engine import cite, system_value
from knowledge import Knowledge, Row, Table
from knowledge import load as load_knowledge
from knowledge.search import (
    content_words,
    matching_tables,
    normalise,
    search,
    stem,
    tokens,
    topics,
    unknown_words,
)

# A plain look-up must score at least this (one topic word, an alias phrase …)
# to count as covered; a lone alias word ("sources" in "open source") does not.
MIN_FOLLOWUP_SCORE = 3.0
# Rows scoring under this share of the best one are left out.
RELATIVE_CUTOFF = 0.25
MAX_ROWS = 12
WEAK_RATING = 1
SUMMARY_TOPICS = 6

Kind = Literal["topic", "why-not", "operations", "migration", "system", "not-covered"]


class FollowupAnswer(BaseModel):
    """The answer to a follow-up question, as cited table rows."""

    question: str
    topic: str | None
    covered: bool
    rows: list[RowCitation]
    summary: str
    covered_topics: list[str] = []  # filled when the question is not covered
    kind: Kind = "topic"


# ---------------------------------------------------------------------------
# Telling questions from answers

_CONTROL = frozenset(
    {
        "yes", "y", "yep", "yeah", "no", "n", "nope", "back", "undo", "restart", "start over",
        "not sure", "unsure", "dunno", "don't know", "dont know", "skip", "help", "quit", "exit", "q",
    }
)
_QUESTION_START = re.compile(
    r"^(?:what|what's|whats|how|why|which|who|where|when|compare|comparing|is|are|does|do|did|can|could"
    r"|should|would|will|tell me|explain|describe|show me|difference|differences)\b",
    re.IGNORECASE,
)
# "does not matter", "is fine": statements that begin like questions.
_NOT_A_QUESTION = re.compile(
    r"^(?:(?:does|do|is|are|did|can|could|should|would|will)\s*(?:not|n't)\b|doesn't|don't|isn't|aren't"
    r"|is (?:fine|ok|okay|good|enough)\b)",
    re.IGNORECASE,
)


def is_followup(text: str) -> bool:
    """True for a question about the knowledge; False for an answer, a command or nothing."""
    stripped = text.strip()
    bare = stripped.lower().strip(" ?!.")
    if not bare or bare in _CONTROL or bare.isdigit():
        return False
    if _NOT_A_QUESTION.match(bare):
        return False
    return stripped.endswith("?") or bool(_QUESTION_START.match(bare))


# ---------------------------------------------------------------------------
# Stripping the question down to its topic

_LEADING = [
    re.compile(p, re.IGNORECASE)
    for p in (
        r"^(?:and|so|but|ok|okay|hmm+|also|hey|well)\b[,\s]*",
        r"^(?:can|could|would) you\s+(?:please\s+)?",
        r"^please\s+",
        r"^(?:what|how)\s+about\s+",
        r"^tell\s+me\s+(?:more\s+)?(?:about\s+)?",
        r"^(?:explain|describe|show(?:\s+me)?|compare|comparing)\s+",
        r"^(?:what(?:'s|’s| is| are| does)?|whats)\s+(?:the\s+)?(?:deal\s+with\s+|story\s+(?:on|with)\s+"
        r"|difference\s+(?:in|between)\s+|situation\s+with\s+)?",
        r"^is\s+there\s+(?:any(?:thing)?\s+)?(?:on|about)?\s*",
    )
]
_HOW_DOES = re.compile(
    r"^how\s+(?:does|do|is|are|would|will|can)\s+(?P<subj>.+?)\s+"
    r"(?:handle|deal\s+with|do|support|manage|work\s+with|compare\s+(?:on|for|in)|fare\s+(?:on|with))\s+(?P<obj>.+)$",
    re.IGNORECASE,
)
_DOES_IT = re.compile(
    r"^(?:does|do|can|is|are|will|would)\s+(?P<subj>it|they|this|that|[\w-]+(?:\s+(?:core|jetstream))?)\s+"
    r"(?:support|have|offer|provide|do|handle|allow|give(?:\s+us)?|come\s+with)\s+(?P<obj>.+)$",
    re.IGNORECASE,
)
# "is Kafka good for CDC?", "which is better for IoT?", "would JetStream be a good fit for event sourcing?":
# the verdict words ask for one, they are not the topic.
_GOOD_FOR = re.compile(
    r"^(?:(?:is|are|would|will|isn'?t|aren'?t)\s+(?P<subj>.+?)(?:\s+be)?"
    r"|(?:which|what)(?:\s+(?:one|system|option|of\s+them))?(?:'s|’s|\s+is|\s+are|\s+would\s+be|\s+works)?)\s+"
    r"(?:(?:a|an|the)\s+)?(?:(?:really|very|any|more|most|good|great|better|best|right|ideal|suitable|suited|fit"
    r"|ok|okay|fine|bad|worse|worst|enough)\s+)+(?:(?:choice|option|fit|pick|match)\s+)?(?:for|at|with)\s+(?P<obj>.+)$",
    re.IGNORECASE,
)
_PRONOUNS = frozenset({"it", "they", "this", "that"})
_TRAILING = re.compile(r"(?:\s+(?:in the guide|at all|then|please|here|there))?\s*[?!.]*\s*$", re.IGNORECASE)


def strip_question(text: str) -> str:
    """The topic part of a question: "what about exactly-once?" → "exactly-once"."""
    rest = _TRAILING.sub("", text.strip())
    match = _HOW_DOES.match(rest) or _DOES_IT.match(rest) or _GOOD_FOR.match(rest)
    if match:
        subject = (match.group("subj") or "").strip()
        rest = match.group("obj") if subject.lower() in _PRONOUNS | {""} else f"{subject} {match.group('obj')}"
    changed = True
    while changed:
        changed = False
        for pattern in _LEADING:
            new = pattern.sub("", rest, count=1)
            if new != rest:
                rest, changed = new, True
    return _TRAILING.sub("", rest).strip(" ,;:")


# ---------------------------------------------------------------------------
# Systems named in a question


def mentioned_systems(text: str, kb: Knowledge) -> list[str]:
    """System ids a text names: "Kafka" → kafka, "NATS" → both NATS systems, "JetStream" → nats-jetstream."""
    words = normalise(text).split()
    found: list[str] = []
    used: set[int] = set()
    # Whole names and ids first ("nats core", "nats jetstream", "apache kafka").
    phrases: list[tuple[list[str], str]] = []
    for system in kb.systems:
        for name in {normalise(system.name), normalise(system.id.replace("-", " "))}:
            phrases.append((name.split(), system.id))
            parts = name.split()
            if len(parts) == 2:
                phrases.append((parts[::-1], system.id))  # "core nats"
    phrases.sort(key=lambda p: -len(p[0]))
    for phrase, system_id in phrases:
        n = len(phrase)
        for i in range(len(words) - n + 1):
            if words[i : i + n] == phrase and not used & set(range(i, i + n)):
                used |= set(range(i, i + n))
                if system_id not in found:
                    found.append(system_id)
    # Then single words: a word in the names of plain systems ("nats" → both NATS systems),
    # else in a composite's name ("hybrid").
    for i, word in enumerate(words):
        if i in used or word in _WEAK_NAME_WORDS:
            continue
        plain = [s.id for s in kb.systems if not s.composed_of and word in normalise(s.name).split()]
        composite = [s.id for s in kb.systems if s.composed_of and word in normalise(s.name).split()]
        for system_id in plain or composite:
            if system_id not in found:
                found.append(system_id)
    return found


# Name words that are ordinary English on their own ("core features", "an apache project").
_WEAK_NAME_WORDS = frozenset({"core", "apache"})


def _system_words(kb: Knowledge) -> set[str]:
    words: set[str] = set()
    for system in kb.systems:
        words |= set(tokens(system.name)) | set(tokens(system.id))
    return words


# ---------------------------------------------------------------------------
# Kinds of question

_WHY_NOT = re.compile(
    r"^(?:so\s+|but\s+|and\s+)?(?:why\s+(?:not|wouldn'?t|shouldn'?t|isn'?t|aren'?t|don'?t|no)\b"
    r"|what'?s\s+wrong\s+with\b|(?:what\s+are\s+(?:the\s+)?)?(?:downsides?|weaknesses|cons|drawbacks)\s+(?:of|to|with)\b)",
    re.IGNORECASE,
)
_MIGRATION = re.compile(
    r"\b(?:migrat\w*|mov(?:e|es|ing)\s+(?:off|away|from|to)|switch(?:es|ing)?\s+(?:from|off|away|to)"
    r"|coming\s+from|replac(?:e|es|ing))\b",
    re.IGNORECASE,
)
def _word_list(text: str) -> list[str]:
    return text.split()


_OPS_WORDS = frozenset(
    stem(w)
    for w in _word_list(
        "run running runs operate operating operations operation operational ops maintain maintaining "
        "maintenance manage managing administer administration hard harder difficult complex complexity "
        "effort easy easier burden overhead day 2 day-2 work workload heavy"
    )
)
_MIGRATION_WORDS = frozenset(
    stem(w)
    for w in _word_list(
        "migrate migrating migration migrations move moving switch switching replace replacing "
        "come coming off away onto change changes changing differ different expect consider "
        "considerations step steps plan planning strategy"
    )
)


def _content(text: str, kb: Knowledge, extra: frozenset[str] = frozenset()) -> list[str]:
    """Content words of the text that are neither system names nor the given intent words."""
    systems = _system_words(kb)
    return [w for w in tokens(text) if w not in systems and w not in extra]


def answer_followup(text: str, kb: Knowledge | None = None) -> FollowupAnswer:
    """Answer a follow-up question from the knowledge, citing the rows it draws on."""
    kb = kb or load_knowledge()
    question = text.strip()
    query = strip_question(question)
    systems = mentioned_systems(query, kb)

    if _WHY_NOT.match(question) and systems:
        return _why_not(question, systems, kb)
    if _MIGRATION.search(question) and not _plain_topic(query, kb, _MIGRATION_WORDS):
        answer = _migration(question, kb)
        if answer is not None:
            return answer
    words = set(tokens(query))
    if words & _OPS_WORDS and not _plain_topic(query, kb, _OPS_WORDS):
        answer = _operations(question, systems, kb)
        if answer is not None:
            return answer
    if systems and not _content(query, kb):
        answer = _about_systems(question, systems, kb)
        if answer is not None:
            return answer
    return _lookup(question, query, systems, kb)


def _plain_topic(query: str, kb: Knowledge, intent_words: frozenset[str]) -> bool:
    """Whether, beyond the intent words and system names, the query names a topic of its own."""
    rest = _content(query, kb, intent_words)
    if not rest:
        return False
    matches = search(" ".join(rest), kb, limit=1)
    return bool(matches) and matches[0].score >= MIN_FOLLOWUP_SCORE


# ---------------------------------------------------------------------------
# Plain topic look-up


def _lookup(question: str, query: str, systems: list[str], kb: Knowledge) -> FollowupAnswer:
    matches = search(query, kb, limit=MAX_ROWS) if query else []
    if not matches or matches[0].score < MIN_FOLLOWUP_SCORE or not _on_topic(query, matches[0].matched, kb):
        return _not_covered(question, query, kb)
    best = matches[0].score
    kept = [m for m in matches if m.score >= max(MIN_FOLLOWUP_SCORE, best * RELATIVE_CUTOFF)]
    # Group by table, the groups ordered by their best match; a table the question
    # names by its title ("compare latency" → Latency Profiles) comes whole.
    group_score: dict[str, float] = {}
    picked: dict[str, set[str]] = {}
    for m in kept:
        group_score.setdefault(m.table.id, m.score)
        picked.setdefault(m.table.id, set()).add(m.row.id)
    for table in matching_tables(query, kb):
        group_score.setdefault(table.id, best)
        picked.setdefault(table.id, set()).update(r.id for r in table.rows)
    order = sorted(group_score, key=lambda t: -group_score[t])
    pairs: list[tuple[Table, Row]] = []
    for table_id in order:
        table = kb.table(table_id)
        pairs.extend((table, row) for row in table.rows if row.id in picked[table_id])
    headline_table, headline_row = kb.table(kept[0].table.id), kept[0].row
    summary = _topic_summary(pairs, headline_table, headline_row, systems, kb)
    return FollowupAnswer(
        question=question,
        topic=headline_row.topic,
        covered=True,
        rows=[cite(t, r) for t, r in pairs],
        summary=summary,
    )


def _on_topic(query: str, matched: frozenset[str], kb: Knowledge) -> bool:
    """Whether the best row answers the question rather than sharing one word with it.

    "is it open source?" shares "source" with the connector row ("sources"),
    but "open" appears nowhere in the guide: half a question matched, the other
    half unknown, is not covered.
    """
    words = content_words(query, kb)
    if not words:
        return True  # only system names: the row was an exact match
    share = sum(1 for w in words if w in matched) / len(words)
    if unknown_words(query, kb):
        return share > 0.5
    return share >= 0.5


def _row_text(kb: Knowledge, table: Table, row: Row, systems: list[str]) -> str:
    """One row in a line: the named systems' values, else every column."""
    if systems:
        parts = []
        for system_id in systems:
            value = system_value(kb, table, row, system_id)
            if value is not None:
                parts.append(f"{kb.system(system_id).name}: {value}")
        if parts:
            return "; ".join(parts)
    if len(table.columns) == 1:
        return row.values[table.columns[0].id]
    return "; ".join(f"{c.label}: {row.values[c.id]}" for c in table.columns)


def _topic_summary(
    pairs: list[tuple[Table, Row]], table: Table, row: Row, systems: list[str], kb: Knowledge
) -> str:
    where = table.title if row.source in (table.title, "") else f"{table.title} ({row.source})"
    text = f"From the guide's {where}: {row.topic} — {_sentence(_row_text(kb, table, row, systems))}"
    others = list(dict.fromkeys(t.title for t, _ in pairs if t.id != table.id))
    same = sum(1 for t, _ in pairs if t.id == table.id) - 1
    extras = []
    if same > 0:
        extras.append(f"{same} more row{'s' if same > 1 else ''} of {table.title}")
    extras.extend(others)
    if extras:
        text += f" See also {_join(extras)}."
    return text


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else text + "."


def _join(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _listing(items: list[str]) -> str:
    """The first few items, then how many more."""
    if len(items) <= SUMMARY_TOPICS:
        return _join(items)
    return ", ".join(items[:SUMMARY_TOPICS]) + f" and {len(items) - SUMMARY_TOPICS} more"


# ---------------------------------------------------------------------------
# "Why not Kafka?"


def _why_not(question: str, systems: list[str], kb: Knowledge) -> FollowupAnswer:
    weak: list[tuple[int, int, Table, Row]] = []
    position = 0
    for table in kb.tables:
        if table.kind != "comparison":
            continue
        for row in table.rows:
            position += 1
            ratings = [kb.rating(row, s) for s in systems]
            if any(r is None for r in ratings):
                continue
            worst = max(r for r in ratings if r is not None)  # weak for every system named
            if worst <= WEAK_RATING:
                weak.append((worst, position, table, row))
    weak.sort(key=lambda w: (w[0], w[1]))
    names = _join([kb.system(s).name for s in systems])
    lines = [f"{kb.system(s).name}: {kb.system(s).summary}" for s in systems]
    if weak:
        weakest = "; ".join(
            f"{row.topic} ({_row_text(kb, table, row, systems)})" for _, _, table, row in weak[:SUMMARY_TOPICS]
        )
        lines.append(
            f"Where the guide's comparison tables rate {names} weak ({len(weak)} rows, weakest first): "
            f"{weakest}."
        )
    else:
        lines.append(f"The guide's comparison tables rate {names} weak nowhere.")
    return FollowupAnswer(
        question=question,
        topic=f"Why not {names}",
        covered=True,
        rows=[cite(table, row) for _, _, table, row in weak],
        summary=" ".join(lines),
        kind="why-not",
    )


# ---------------------------------------------------------------------------
# "How hard is Kafka to run?"


def _operations(question: str, systems: list[str], kb: Knowledge) -> FollowupAnswer | None:
    wanted: set[str] = set()
    for system_id in systems:
        system = kb.system(system_id)
        wanted |= set(system.composed_of) if system.composed_of else {system_id}
    tables: list[Table] = []
    for table in kb.tables:
        title_words = set(tokens(table.title))
        if not title_words & {stem("operations")}:
            continue
        named = mentioned_systems(table.title, kb)
        if not named or not wanted or set(named) & wanted:
            tables.append(table)
    if not tables:
        return None
    # The general comparison (day 2) after the system's own notes.
    tables.sort(key=lambda t: not mentioned_systems(t.title, kb))
    pairs = [(t, r) for t in tables for r in t.rows]
    names = _join([kb.system(s).name for s in systems]) if systems else "each system"
    focus = [s for s in systems if not kb.system(s).composed_of] or systems
    day2 = [(t, r) for t, r in pairs if not mentioned_systems(t.title, kb)]
    summary = f"What running {names} takes, from the guide's {_join([t.title for t in tables])}: "
    summary += _listing([r.topic for _, r in pairs]) + "."
    expertise = next((p for p in day2 if "expertise" in p[1].id or "team" in p[1].id), None)
    if expertise and focus:
        summary += f" {expertise[1].topic}: {_sentence(_row_text(kb, expertise[0], expertise[1], focus))}"
    return FollowupAnswer(
        question=question,
        topic=f"Operating {names}",
        covered=True,
        rows=[cite(t, r) for t, r in pairs],
        summary=summary,
        kind="operations",
    )


# ---------------------------------------------------------------------------
# "Migrating from Kafka"

_FROM = re.compile(r"\b(?:from|off|away\s+from|replac(?:e|es|ing))\s+(?P<what>.+?)(?=\s+(?:to|onto|into|with|for)\b|$)")
_TO = re.compile(r"\b(?:to|onto|into)\s+(?P<what>.+?)(?=\s+(?:from|off)\b|$)")


def _direction(text: str, kb: Knowledge) -> tuple[set[str], set[str]]:
    norm = normalise(text)
    sources: set[str] = set()
    targets: set[str] = set()
    for match in _FROM.finditer(norm):
        sources |= set(mentioned_systems(match.group("what"), kb))
    for match in _TO.finditer(norm):
        targets |= set(mentioned_systems(match.group("what"), kb))
    return sources, targets


def _migration(question: str, kb: Knowledge) -> FollowupAnswer | None:
    want_from, want_to = _direction(question, kb)
    if not want_from and not want_to:
        named = set(mentioned_systems(question, kb))
        want_from = named  # "migrating Kafka" reads as moving off it
    chosen: list[Table] = []
    for table in kb.tables:
        if table.kind != "migration":
            continue
        table_from, table_to = _direction(table.title, kb)
        if (not want_from and not want_to) or table_from & want_from or table_to & want_to:
            chosen.append(table)
    if not chosen and (want_from or want_to):
        return None
    chosen += [t for t in kb.tables if t.kind == "strategy"]
    if not chosen:
        return None
    pairs = [(t, r) for t in chosen for r in t.rows]
    if want_from:
        topic = "Migrating from " + _join([kb.system(s).name for s in sorted(want_from)])
    elif want_to:
        topic = "Migrating to " + _join([kb.system(s).name for s in sorted(want_to)])
    else:
        topic = "Migration"
    summary = f"From the guide's {_join([t.title for t in chosen])}: "
    summary += _listing([r.topic for _, r in pairs]) + "."
    return FollowupAnswer(
        question=question,
        topic=topic,
        covered=True,
        rows=[cite(t, r) for t, r in pairs],
        summary=summary,
        kind="migration",
    )


# ---------------------------------------------------------------------------
# "Tell me about JetStream"


def _about_systems(question: str, systems: list[str], kb: Knowledge) -> FollowupAnswer | None:
    pairs: list[tuple[Table, Row]] = []
    for system_id in systems:
        source = kb.system(system_id).source
        for table in kb.tables:
            if source.startswith(table.section) and table.kind != "references":
                pairs.extend((table, r) for r in table.rows if (table, r) not in pairs)
    summary = " ".join(f"{kb.system(s).name}: {kb.system(s).summary}" for s in systems)
    if pairs:
        summary += f" More in the guide's {_join(list(dict.fromkeys(t.title for t, _ in pairs)))}."
    names = _join([kb.system(s).name for s in systems])
    return FollowupAnswer(
        question=question,
        topic=names,
        covered=True,
        rows=[cite(t, r) for t, r in pairs],
        summary=summary,
        kind="system",
    )


# ---------------------------------------------------------------------------
# Not covered


def _not_covered(question: str, query: str, kb: Knowledge) -> FollowupAnswer:
    covered = topics(kb)
    what = f"“{query}”" if query else "that"
    return FollowupAnswer(
        question=question,
        topic=query or None,
        covered=False,
        rows=[],
        summary=f"The guide this app draws on says nothing about {what}.",
        covered_topics=covered,
        kind="not-covered",
    )
