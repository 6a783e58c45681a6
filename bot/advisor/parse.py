"""Read a workload description into flowchart answers.

Keywords come from ``knowledge/data/lexicon.yaml``; numbers (rates, byte
volumes, latencies, team sizes) are placed with ``thresholds.yaml``.  Every
answer keeps the span of text it came from.  Anything that touches a question
without settling it (conflicting statements, "low latency", a rate between
the moderate and high bounds) becomes an :class:`Ambiguity`, to be asked, not
guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.advisor.advice import Ambiguity, ParsedAnswer
from bot.advisor.quantities import sizing_answers
from knowledge import Knowledge
from knowledge import load as load_knowledge
from knowledge.models import LexiconEntry

_NUM = r"\d+(?:,\d{3})*(?:\.\d+)?"
_MULT = {
    "k": 1e3, "thousand": 1e3, "m": 1e6, "mm": 1e6, "mn": 1e6, "million": 1e6, "millions": 1e6,
    "b": 1e9, "bn": 1e9, "billion": 1e9, "billions": 1e9, "t": 1e12, "tn": 1e12, "trillion": 1e12,
    "trillions": 1e12,
}
_PER_SECONDS = {
    "s": 1, "sec": 1, "secs": 1, "second": 1, "seconds": 1,
    "m": 60, "min": 60, "mins": 60, "minute": 60, "minutes": 60,
    "h": 3600, "hr": 3600, "hrs": 3600, "hour": 3600, "hours": 3600,
    "d": 86400, "day": 86400, "days": 86400,
    "month": 2_592_000, "mo": 2_592_000,
}
_NOUNS = (
    r"msgs?|messages?|events?|records?|requests?|reqs?|writes?|ops|operations|transactions|txns?"
    r"|updates?|rows?|logs?|log lines|lines|orders?|payments?|clicks?|notifications?|items?"
    r"|data ?points?|metrics?|samples?|entries|calls|jobs|tasks|trades?|quotes?|ticks?|readings?"
)
RATE_RE = re.compile(
    rf"(?<![\w.])(?P<num>{_NUM})\s*(?P<mult>k|m|mm|mn|b|bn|t|tn|thousand|million|millions|billion|trillion)?\b\s*"
    rf"(?:(?P<noun>{_NOUNS})\b\s*)?(?:/|per\b|an?\b|each\b|every\b)\s*"
    r"(?P<per>s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?|month|mo)\b",
    re.IGNORECASE,
)
RATE_SHORT_RE = re.compile(
    rf"(?<![\w.])(?P<num>{_NUM})\s*(?P<mult>k|m|mm|b|bn|thousand|million|billion|trillion)?\s*"
    r"(?P<unit>rps|tps|qps|eps|mps|msg/s|msgs/s|events/s|req/s)\b",
    re.IGNORECASE,
)
WORD_RATE_RE = re.compile(
    r"(?<!\w)(?P<mult>thousands|tens of thousands|hundreds of thousands|millions|tens of millions"
    r"|hundreds of millions|billions|trillions) of\s+"
    rf"(?:(?P<noun>{_NOUNS})\b\s*)(?:/|per\b|an?\b|each\b|every\b)\s*"
    r"(?P<per>s|secs?|seconds?|mins?|minutes?|h|hrs?|hours?|d|days?|month|mo)\b",
    re.IGNORECASE,
)
_WORD_MULT = {
    "thousands": 1e3, "tens of thousands": 1e4, "hundreds of thousands": 1e5, "millions": 1e6,
    "tens of millions": 1e7, "hundreds of millions": 1e8, "billions": 1e9, "trillions": 1e12,
}
BYTES_RE = re.compile(
    rf"(?<![\w.])(?P<num>{_NUM})\s*(?P<unit>[kmgtp]i?b|[kmgtp]bytes?|kilobytes?|megabytes?|gigabytes?"
    r"|terabytes?|petabytes?|[kmgt]bps|[kmgt]bit/s)\s*(?:(?:/|per\b|an?\b|each\b)\s*"
    r"(?P<per>s|secs?|seconds?|mins?|minutes?|h|hrs?|hours?|d|days?|month|mo)\b)?",
    re.IGNORECASE,
)
LATENCY_RE = re.compile(
    r"(?P<cmp>under|below|less than|lower than|<\s*=?|≤|sub[- ]?|within|at most|up to|max(?:imum)?"
    r"|p\d\d\s*(?:<|of|under|below)?)?"
    rf"\s*(?P<num>{_NUM})\s*(?:(?:-|–|to)\s*(?P<num2>{_NUM})\s*)?"
    r"(?P<unit>µs|μs|us|microseconds?|ms|millis|milliseconds?)(?![\w/])",
    re.IGNORECASE,
)
_THINGS = (
    r"devices|sensors|cars|vehicles|clients|users|nodes|servers|machines|meters|trucks|phones|gateways"
    r"|players|robots|drones|stores|sites|services|pods|instances|apps|producers|publishers|terminals"
)
FLEET_RE = re.compile(
    rf"(?<![\w.])(?P<num>{_NUM})\s*(?P<mult>k|m|thousand|million)?\s+(?:[\w-]+\s+){{0,2}}?(?P<thing>{_THINGS})\b",
    re.IGNORECASE,
)
EACH_RE = re.compile(
    r"\s*(?:each|apiece|per (?:device|sensor|car|vehicle|client|user|node|server|machine|meter|truck|phone"
    r"|gateway|player|robot|drone|store|site|service|pod|instance|app|producer|publisher|terminal))\b",
    re.IGNORECASE,
)
EVERY_RE = re.compile(
    rf"(?<!\w)(?:(?P<count>a|an|one|{_NUM})\s+)?(?:[\w-]+\s+)?(?:msgs?|messages?|events?|readings?|updates?"
    r"|samples?|data ?points?|heartbeats?|pings?|reports?|measurements?)\s+every\s+"
    rf"(?:(?P<n>{_NUM})\s*)?(?P<per>s|secs?|seconds?|mins?|minutes?|h|hrs?|hours?)\b",
    re.IGNORECASE,
)
_SENTENCE_BREAK = re.compile(r"[.;!?\n](?:\s|$)")
_WORD_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "a couple of": 2, "a few": 3, "solo": 1, "single": 1,
}
_COUNT = r"\d+|one|two|three|four|five|six|seven|eight|nine|ten"
TEAM_RE = re.compile(
    rf"(?:team of (?P<a>{_COUNT})(?: (?:people|engineers|developers|devs|persons))?"
    rf"|(?P<b>{_COUNT})[- ](?:person|people|man|member|engineer|developer|dev)s?(?:[- ](?:eng(?:ineering)? )?team)?"
    rf"|(?:just |only )?(?P<c>{_COUNT}) (?:engineers|developers|devs|people)(?: (?:on|in) (?:the|our|my) team)?"
    rf"|team (?:is|are) (?:just |only )?(?P<d>{_COUNT})(?: (?:people|engineers|developers|devs|persons))?)",
    re.IGNORECASE,
)
_CLAUSE_BREAK = re.compile(r"[.;:!?\n()]|,|\bbut\b|\bhowever\b|\bwhile\b|\balthough\b|\bwhereas\b", re.IGNORECASE)
_SUFFIX_NEGATION = re.compile(
    r"^\s*(?:[\w-]+\s+){0,2}?(?:is|are|was|isn't|aren't)?\s*(?:not|n't|never)\s+"
    r"(?:needed|required|necessary|important|a requirement|a concern)"
    r"|^\s*(?:is|are)\s+(?:unnecessary|optional|not needed|not required)"
    r"|^\s*(?:unnecessary|optional)",
    re.IGNORECASE,
)


@dataclass
class _Hit:
    question: str
    value: str
    start: int
    end: int
    text: str
    numeric: bool = False
    implies: dict[str, str] = field(default_factory=dict)


@dataclass
class ParseResult:
    answers: list[ParsedAnswer]
    ambiguous: list[Ambiguity]

    def as_dict(self) -> dict[str, str]:
        return {a.question: a.value for a in self.answers}


_COMPILED: dict[str, list[tuple[LexiconEntry, re.Pattern[str]]]] = {}


def _compile(kb: Knowledge) -> list[tuple[LexiconEntry, re.Pattern[str]]]:
    """The lexicon's patterns, compiled once per knowledge version."""
    if kb.version in _COMPILED:
        return _COMPILED[kb.version]
    compiled = []
    for entry in [*kb.lexicon.entries, *kb.lexicon.ambiguous]:
        alternatives = "|".join(f"(?:{p})" for p in entry.patterns)
        compiled.append((entry, re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)))
    _COMPILED[kb.version] = compiled
    return compiled


def _clause_before(text: str, start: int) -> str:
    before = text[:start]
    breaks = list(_CLAUSE_BREAK.finditer(before))
    return before[breaks[-1].end():] if breaks else before


def _clause_after(text: str, end: int) -> str:
    after = text[end:]
    found = _CLAUSE_BREAK.search(after)
    return after[: found.start()] if found else after


def _negated(text: str, start: int, end: int, negations: list[str]) -> bool:
    words = re.findall(r"[\w']+", _clause_before(text, start).lower())[-4:]
    window = " " + " ".join(words) + " "
    if any(re.search(rf"(?<![\w']){re.escape(n)}(?![\w'])", window) for n in negations):
        return True
    return bool(_SUFFIX_NEGATION.match(_clause_after(text, end)))


def _opposite(kb: Knowledge, question_id: str, value: str) -> str | None:
    values = kb.question(question_id).values
    if len(values) == 2 and value in values:
        return values[1] if values[0] == value else values[0]
    return None


def _to_number(raw: str, mult: str | None) -> float:
    number = float(raw.replace(",", ""))
    return number * _MULT.get((mult or "").lower(), 1.0)


def _count(raw: str) -> int:
    raw = raw.lower()
    return int(raw) if raw.isdigit() else _WORD_NUMBERS.get(raw, 0)


def _numeric_hits(text: str, kb: Knowledge) -> tuple[list[_Hit], list[Ambiguity]]:
    hits: list[_Hit] = []
    ambiguous: list[Ambiguity] = []
    high_msgs = kb.threshold("throughput-high-msgs").value
    moderate_msgs = kb.threshold("throughput-moderate-msgs").value
    high_bytes = kb.threshold("throughput-high-bytes").value
    moderate_bytes = kb.threshold("throughput-moderate-bytes").value
    sub_ms = kb.threshold("latency-sub-ms").value
    small_team = kb.threshold("small-team-size").value

    def throughput(
        value: float, high: float, moderate: float, m: re.Match[str], what: str, span: tuple[int, int] | None = None
    ) -> None:
        span = span or (m.start(), m.end())
        words = text[span[0]:span[1]].strip()
        if value >= high:
            hits.append(_Hit("throughput", "high", *span, words, numeric=True))
        elif value <= moderate:
            hits.append(_Hit("throughput", "moderate", *span, words, numeric=True))
        else:
            ambiguous.append(
                Ambiguity(
                    question="throughput",
                    span=span,
                    text=words,
                    note=f"{what} is neither clearly within the guide's moderate bound ({moderate:,.0f}) "
                    f"nor above its high bound ({high:,.0f}): is that high throughput for you?",
                )
            )

    def fleet_before(position: int) -> re.Match[str] | None:
        """The last "50,000 devices" in the same sentence before ``position``."""
        breaks = [b.end() for b in _SENTENCE_BREAK.finditer(text, 0, position)]
        start = breaks[-1] if breaks else 0
        found = list(FLEET_RE.finditer(text, start, position))
        return found[-1] if found else None

    rate_spans: list[tuple[int, int]] = []
    for m in RATE_RE.finditer(text):
        if not (m.group("noun") or m.group("mult")) and m.group("per").lower() in ("m", "h", "d"):
            continue  # "5 a day" without a noun is too vague to be a rate
        seconds = _PER_SECONDS[m.group("per").lower()]
        rate = _to_number(m.group("num"), m.group("mult")) / seconds
        rate_spans.append((m.start(), m.end()))
        each = EACH_RE.match(text, m.end())
        fleet = fleet_before(m.start()) if each else None
        if each and fleet:
            # "200k cars at 1 msg/s each": the rate is per producer.
            total = _to_number(fleet.group("num"), fleet.group("mult")) * rate
            throughput(total, high_msgs, moderate_msgs, m, f"{total:,.0f} messages a second in all",
                       span=(fleet.start(), each.end()))
            continue
        throughput(rate, high_msgs, moderate_msgs, m, f"{rate:,.0f} messages a second")
    for m in EVERY_RE.finditer(text):
        fleet = fleet_before(m.start())
        if fleet is None:
            continue  # one producer's period says nothing about the total
        count = m.group("count") or "1"
        per_item = 1.0 if count.lower() in ("a", "an", "one") else _to_number(count, None)
        interval = _to_number(m.group("n") or "1", None) * _PER_SECONDS[m.group("per").lower()]
        total = _to_number(fleet.group("num"), fleet.group("mult")) * per_item / interval
        rate_spans.append((fleet.start(), m.end()))
        throughput(total, high_msgs, moderate_msgs, m, f"{total:,.0f} messages a second in all",
                   span=(fleet.start(), m.end()))
    for m in WORD_RATE_RE.finditer(text):
        # "millions of events a day" spans three orders of magnitude (tens of/hundreds of: one):
        # placed only when the whole range falls on one side, otherwise asked.
        word = m.group("mult").lower()
        low = _WORD_MULT[word] / _PER_SECONDS[m.group("per").lower()]
        high = low * (10 if word.startswith(("tens", "hundreds")) else 1000)
        rate_spans.append((m.start(), m.end()))
        if low >= high_msgs or high <= moderate_msgs:
            throughput(low, high_msgs, moderate_msgs, m, "")
        else:
            throughput((moderate_msgs + high_msgs) / 2, high_msgs, moderate_msgs, m,
                       f"{low:,.0f} to {high:,.0f} messages a second")
    for m in RATE_SHORT_RE.finditer(text):
        if any(s <= m.start() < e for s, e in rate_spans):
            continue
        rate = _to_number(m.group("num"), m.group("mult"))
        throughput(rate, high_msgs, moderate_msgs, m, f"{rate:,.0f} messages a second")
    for m in BYTES_RE.finditer(text):
        unit = m.group("unit").lower()
        scale = {"k": 1e-3, "m": 1.0, "g": 1e3, "t": 1e6, "p": 1e9}[unit[0]]
        if "bps" in unit or "bit" in unit:
            scale /= 8
        period = m.group("per")
        if period is None:
            continue  # a size ("1 KB messages"), not a rate
        mb_per_s = float(m.group("num").replace(",", "")) * scale / _PER_SECONDS[period.lower()]
        throughput(mb_per_s, high_bytes, moderate_bytes, m, f"{mb_per_s:,.1f} MB/s")
    for m in LATENCY_RE.finditer(text):
        unit = m.group("unit").lower()
        factor = 0.001 if unit in ("µs", "μs", "us") or unit.startswith("micro") else 1.0
        numbers = [float(m.group("num").replace(",", ""))]
        if m.group("num2"):
            numbers.append(float(m.group("num2").replace(",", "")))
        worst_ms = max(numbers) * factor
        value = "sub-ms" if worst_ms <= sub_ms else "low-ms"
        hits.append(_Hit("latency", value, m.start(), m.end(), m.group(0).strip(), numeric=True))
    for m in TEAM_RE.finditer(text):
        size = _count(m.group("a") or m.group("b") or m.group("c") or m.group("d") or "0")
        if 0 < size <= small_team:
            hits.append(_Hit("ops", "small", m.start(), m.end(), m.group(0).strip(), numeric=True))
    return hits, ambiguous


def parse(text: str, *, kb: Knowledge | None = None) -> ParseResult:
    kb = kb or load_knowledge()
    compiled = _compile(kb)
    negations = kb.lexicon.negations
    ambiguous_entries = {id(e) for e in kb.lexicon.ambiguous}

    hits, ambiguous = _numeric_hits(text, kb)
    keyword_hits: list[_Hit] = []
    hints: list[tuple[LexiconEntry, re.Match[str]]] = []
    for entry, pattern in compiled:
        for m in pattern.finditer(text):
            if id(entry) in ambiguous_entries:
                hints.append((entry, m))
                continue
            value = entry.value
            if entry.negatable and _negated(text, m.start(), m.end(), negations):
                opposite = _opposite(kb, entry.question, entry.value)
                if opposite is None:
                    continue
                value = opposite
            implies = entry.implies if value == entry.value else {}
            keyword_hits.append(_Hit(entry.question, value, m.start(), m.end(), m.group(0), implies=implies))

    # A phrase inside a longer matched phrase ("platform team" in "no platform team") gives way.
    all_spans = [(h.start, h.end) for h in [*hits, *keyword_hits]]

    def contained(h: _Hit) -> bool:
        return any(s <= h.start and h.end <= e and (e - s) > (h.end - h.start) for s, e in all_spans)

    keyword_hits = [h for h in keyword_hits if not contained(h)]

    answers: dict[str, _Hit] = {}
    conflicted: dict[str, list[_Hit]] = {}
    by_question: dict[str, list[_Hit]] = {}
    for h in [*hits, *keyword_hits]:
        by_question.setdefault(h.question, []).append(h)
    for question, found in by_question.items():
        numeric = [h for h in found if h.numeric]
        pool = numeric or found
        values = {h.value for h in pool}
        if len(values) == 1:
            answers[question] = min(pool, key=lambda h: h.start)
        elif question == "latency" and numeric:
            # Several latency targets: the strictest one is what some path must meet.
            answers[question] = next(h for h in numeric if h.value == "sub-ms")
        elif question == "throughput" and numeric:
            answers[question] = next(h for h in numeric if h.value == "high")  # the peak decides
        else:
            conflicted[question] = pool

    for question, found in conflicted.items():
        first, other = found[0], next(h for h in found if h.value != found[0].value)
        ambiguous.append(
            Ambiguity(
                question=question,
                span=(first.start, other.end) if first.start < other.end else (other.start, first.end),
                text=f"{first.text} … {other.text}",
                note=f"The description says both {first.value!r} ({first.text!r}) and "
                f"{other.value!r} ({other.text!r}).",
            )
        )
    # Keyword hints settle a numeric ambiguity ("high throughput, ~200k/s"), else stay open.
    settled = set(answers)
    ambiguous = [a for a in ambiguous if a.question not in settled or a.question in conflicted]
    for a in list(ambiguous):
        if a.question == "throughput" and a.question not in conflicted:
            keyword = next((h for h in keyword_hits if h.question == "throughput"), None)
            if keyword is not None:
                answers["throughput"] = keyword
                ambiguous.remove(a)
    for entry, m in hints:
        if entry.question in answers or any(a.question == entry.question for a in ambiguous):
            continue
        ambiguous.append(
            Ambiguity(question=entry.question, span=(m.start(), m.end()), text=m.group(0), note=entry.note or "")
        )

    result = [
        ParsedAnswer(question=h.question, value=h.value, span=(h.start, h.end), text=h.text)
        for h in sorted(answers.values(), key=lambda h: h.start)
    ]
    open_questions = {a.question for a in ambiguous}
    for h in sorted(answers.values(), key=lambda h: h.start):
        for question, value in h.implies.items():
            if question in answers or question in open_questions:
                continue
            if any(p.question == question for p in result):
                continue
            result.append(
                ParsedAnswer(
                    question=question, value=value, span=(h.start, h.end), text=h.text, implied_by=h.question
                )
            )
    result.extend(sizing_answers(text, result))  # message size, retention, rate: bot/advisor/quantities.py
    return ParseResult(answers=result, ambiguous=sorted(ambiguous, key=lambda a: a.span[0]))
