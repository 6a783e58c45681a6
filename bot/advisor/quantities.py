"""Quantities for the sizing sketch: message size, retention and message rate.

Each reads from an answer value ("1KB", "7d", "50k/s", "20MB/s") or from a
phrase of a workload description ("1 KB events", "keep 7 days", "50k events/s"),
and is written back in one canonical form, so ``--answer message_size=1kb`` and
a description saying "1 KB messages" give the same answer.  Decimal units:
1 KB = 1,000 bytes, 1 MB = 10^6 bytes (the guide's MB/s).  Pure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.advisor.advice import ParsedAnswer

# A figure as people write it: "50", "1,500", "2.5", and thousands grouped by a space, a narrow
# no-break space or an apostrophe ("2 000 000", "2’000’000").  Never read from inside another figure:
# the "5" of "0,5" (a decimal comma) or the "9" of "1e-9" is no figure, and such a figure is not read.
_GROUP_SEPARATORS = " \u00a0\u2009\u202f’'"
# (h57) Thousands grouped by dots, as much of Europe writes them ("2.000.000"), read as such; a figure with one
# such group ("600.000", "1.500") may be either (600 or 600,000): it is not read at all, rather than read as the
# smaller.  A decimal comma is read before a multiplier only ("1,5 million", "2,5k"), where no grouping fits.
_DOT_GROUPED = r"[1-9]\d{0,2}(?:\.\d{3}){2,}(?![\d.])"
_DOT_AMBIGUOUS = r"[1-9]\d{0,2}\.\d{3}(?![\d.])"
_DECIMAL_COMMA = r"\d{1,3},\d{1,2}(?=\s*(?:k|m|mm|mn|bn|thousand|million|billion)\b)"
NUMBER = (
    r"(?<![\d.,])(?<!\d[eE][-+])"
    rf"(?:{_DOT_GROUPED}|{_DECIMAL_COMMA}|(?!{_DOT_AMBIGUOUS})"
    rf"(?:\d{{1,3}}(?:[{_GROUP_SEPARATORS}]\d{{3}})+(?!\d)|\d+(?:,\d{{3}})*)(?:\.\d+)?)"
)
_NUM = NUMBER
_SEPARATOR_RE = re.compile(rf"[,{_GROUP_SEPARATORS}]")
_DOT_GROUPED_RE = re.compile(rf"^{_DOT_GROUPED}$")
_DECIMAL_COMMA_RE = re.compile(r"^\d{1,3},\d{1,2}$")
_SIZE_UNITS = {
    "b": 1, "byte": 1, "bytes": 1,
    "kb": 1e3, "kilobyte": 1e3, "kilobytes": 1e3, "kib": 1024,
    "mb": 1e6, "megabyte": 1e6, "megabytes": 1e6, "mib": 1024**2,
    "gb": 1e9, "gigabyte": 1e9, "gigabytes": 1e9, "gib": 1024**3,
    "tb": 1e12, "terabyte": 1e12, "terabytes": 1e12, "tib": 1024**4,
    # (h74) spoken names: "40 gigs a day", "500 megs an hour"
    "meg": 1e6, "megs": 1e6, "gig": 1e9, "gigs": 1e9,
}
_SIZE_UNIT = r"(?P<unit>[kmgt]i?b|bytes?|b|kilobytes?|megabytes?|gigabytes?|terabytes?)"
_SECONDS = {
    "s": 1, "sec": 1, "secs": 1, "second": 1, "seconds": 1,
    "min": 60, "mins": 60, "minute": 60, "minutes": 60,
    "h": 3600, "hr": 3600, "hrs": 3600, "hour": 3600, "hours": 3600,
    "d": 86400, "day": 86400, "days": 86400,
    "w": 604800, "wk": 604800, "wks": 604800, "week": 604800, "weeks": 604800,
    "mo": 2_592_000, "month": 2_592_000, "months": 2_592_000,
    "y": 31_536_000, "yr": 31_536_000, "yrs": 31_536_000, "year": 31_536_000, "years": 31_536_000,
}
_TIME_UNIT = (
    r"(?P<tunit>s|secs?|seconds?|mins?|minutes?|h|hrs?|hours?|d|days?|w|wks?|weeks?|mo|months?|y|yrs?|years?)"
)
_MULT = {"k": 1e3, "thousand": 1e3, "m": 1e6, "million": 1e6, "b": 1e9, "billion": 1e9, "t": 1e12, "trillion": 1e12}
_PER = {"s": 1, "sec": 1, "second": 1, "min": 60, "minute": 60, "h": 3600, "hr": 3600, "hour": 3600,
        "d": 86400, "day": 86400}

SIZE_VALUE = re.compile(rf"^\s*~?(?P<num>{_NUM})\s*{_SIZE_UNIT}\s*$", re.IGNORECASE)
DURATION_VALUE = re.compile(rf"^\s*(?P<num>{_NUM})\s*{_TIME_UNIT}\s*$", re.IGNORECASE)
RATE_VALUE = re.compile(
    # (h16) "a billion events a day": an amount in words before its multiplier
    rf"^\s*(?:~|about |around |roughly )?(?P<num>{_NUM}|an?(?= (?:thousand|million|billion|trillion)\b))\s*"
    r"(?:(?P<mult>k|m|b|t|thousand|million|billion|trillion)\b)?\s*"
    r"(?P<what>[kmgt]i?b|[a-z]+(?: [a-z]+)?)?\s*(?:/|per |an? |each )\s*"
    r"(?P<per>s|secs?|seconds?|mins?|minutes?|h|hrs?|hours?|d|days?)\s*$",
    re.IGNORECASE,
)


def to_number(raw: str) -> float:
    """The value of a figure matched by ``NUMBER``: "2 000 000", "1,500" and "2.000.000" without their separators,
    "1,5" (before a multiplier) with its decimal comma."""
    if _DOT_GROUPED_RE.match(raw):
        return float(raw.replace(".", ""))
    if _DECIMAL_COMMA_RE.match(raw):
        return float(raw.replace(",", "."))
    return float(_SEPARATOR_RE.sub("", raw))


_number = to_number


def _unit_key(unit: str) -> str:
    unit = unit.lower()
    return unit if unit in _SIZE_UNITS else unit.rstrip("s") if unit.rstrip("s") in _SIZE_UNITS else unit


def parse_size(value: str) -> float | None:
    """Bytes in "1KB", "1.5 MB", "512 bytes", "4KiB"; None when it is not a size."""
    m = SIZE_VALUE.match(value)
    if not m:
        return None
    return _number(m.group("num")) * _SIZE_UNITS[_unit_key(m.group("unit"))]


def parse_duration(value: str) -> float | None:
    """Seconds in "7d", "12 hours", "2 weeks", "1 year"; None when it is not a duration."""
    m = DURATION_VALUE.match(value)
    if not m:
        return None
    return _number(m.group("num")) * _SECONDS[m.group("tunit").lower()]


@dataclass(frozen=True)
class Rate:
    """A message rate (messages a second) or a byte rate (bytes a second), whichever was given."""

    msgs_per_s: float | None = None
    bytes_per_s: float | None = None


def parse_rate(value: str) -> Rate | None:
    """"50k/s", "50,000 events/sec", "2 TB/day", "20MB/s"; None when it is not one rate."""
    m = RATE_VALUE.match(value)
    if not m:
        return None
    per = m.group("per").lower()
    seconds = next((v for k, v in _PER.items() if per == k or per.rstrip("s") == k), None)
    if seconds is None:
        return None
    number = 1.0 if m.group("num").lower() in ("a", "an") else _number(m.group("num"))
    amount = number * _MULT.get((m.group("mult") or "").lower(), 1.0)
    what = _unit_key(m.group("what") or "")
    if what in _SIZE_UNITS:  # "20MB/s" reads as 20 (M) + B, "2 TB/day" as 2 + TB: bytes either way
        return Rate(bytes_per_s=amount * _SIZE_UNITS[what] / seconds)
    return Rate(msgs_per_s=amount / seconds)


def _trim(number: float) -> str:
    text = f"{number:.2f}".rstrip("0").rstrip(".")
    return text or "0"


def format_size(size: float) -> str:
    """Canonical: "512B", "1KB", "1.5MB", "2GB"."""
    for unit, scale in (("TB", 1e12), ("GB", 1e9), ("MB", 1e6), ("KB", 1e3)):
        if size >= scale:
            return f"{_trim(size / scale)}{unit}"
    return f"{_trim(size)}B"


def format_duration(seconds: float) -> str:
    """Canonical: "7d", "12h", "30min", "45s" (days up to years: "365d")."""
    for unit, scale in (("d", 86400), ("h", 3600), ("min", 60)):
        if seconds >= scale and (seconds / scale == int(seconds / scale) or unit == "d"):
            return f"{_trim(seconds / scale)}{unit}"
    return f"{_trim(seconds)}s"


# A rate too slow to show per second (two decimals) is shown per hour, then per day: "10/day", not "0/s".
_SLOW_PERIODS = (("h", 3600.0), ("day", 86400.0))


def format_rate(rate: Rate) -> str:
    """Canonical: "50k/s", "1.5M/s" (messages), "20MB/s", "512 bytes/s" (bytes); "40/h", "10/day" below
    0.01 a second.  Every form reads back as the same rate."""
    if rate.bytes_per_s is not None:
        period, seconds = _slow_period(rate.bytes_per_s)
        amount = rate.bytes_per_s * seconds
        # Below a kilobyte, "512B/s" would read back as 512 billion messages a second.
        return f"{_trim(amount)} bytes/{period}" if amount < 1e3 else f"{format_size(amount)}/{period}"
    value = rate.msgs_per_s or 0.0
    for unit, scale in (("T", 1e12), ("B", 1e9), ("M", 1e6), ("k", 1e3)):
        if value >= scale:
            return f"{_trim(value / scale)}{unit}/s"
    period, seconds = _slow_period(value)
    return f"{_trim(value * seconds)}/{period}"


def _slow_period(per_second: float) -> tuple[str, float]:
    """The period a rate is written per: the second, unless that rounds a non-zero rate to 0."""
    if per_second <= 0 or per_second >= 0.01:
        return "s", 1.0
    for period, seconds in _SLOW_PERIODS:
        if per_second * seconds >= 1:
            return period, seconds
    return _SLOW_PERIODS[-1]


# Question id -> (reader, writer) of the canonical value.
QUANTITY_QUESTIONS = {"message_size": "bytes", "retention": "seconds", "message_rate": "rate"}


def canonical(kind: str, value: str) -> str | None:
    """The canonical form of ``value`` for a quantity question of ``kind``; None when it does not read."""
    if kind == "bytes":
        size = parse_size(value)
        return format_size(size) if size is not None and size > 0 else None
    if kind == "seconds":
        seconds = parse_duration(value)
        return format_duration(seconds) if seconds is not None and seconds > 0 else None
    if kind == "rate":
        rate = parse_rate(value)
        if rate is None or not (rate.msgs_per_s or rate.bytes_per_s):
            return None
        return format_rate(rate)
    return None


# --- reading a description ----------------------------------------------------------------------

_MESSAGE_NOUNS = (
    r"msgs?|messages?|events?|records?|payloads?|documents?|docs|json(?: documents?| blobs?| objects?)?"
    r"|entries|items|rows|readings?|samples?|updates?|notifications?|log lines?|lines?|objects?|blobs?"
)
# "1 KB events", "2KB JSON messages", "messages of about 2 KB", "average message size 500 bytes"
SIZE_AFTER = re.compile(
    rf"(?<![\w.])~?(?P<num>{_NUM})\s*{_SIZE_UNIT}(?![\w/])\s*(?:[\w-]+\s+)?(?:{_MESSAGE_NOUNS})\b",
    re.IGNORECASE,
)
SIZE_BEFORE = re.compile(
    rf"\b(?:(?:average|avg|mean|typical)\s+)?(?:message|event|record|payload|msg)\s+size[s]?\s*(?:is|of|:|=|~|≈|around|about)?\s*"
    rf"(?:is\s+)?(?:about\s+|around\s+|roughly\s+|~\s*)?(?P<num>{_NUM})\s*{_SIZE_UNIT}(?![\w/])"
    rf"|\b(?:{_MESSAGE_NOUNS})\s+(?:are\s+|of\s+)?(?:about\s+|around\s+|roughly\s+|~\s*|up to\s+)?"
    rf"(?P<num2>{_NUM})\s*(?P<unit2>[kmgt]i?b|bytes?|kilobytes?|megabytes?)(?![\w/])(?:\s+each)?"
    # (h16) a size said of "each" right after a rate: "~12k/s on average, each around 2 KB", "5k/s, 1 KB each"
    # (kilobytes and bytes only: "64 GB each" is a machine's memory or disk)
    # (s39) ... or "at" a size each: "peak is 100k events/s at ~1 KB each"
    rf"|(?:(?<=/s)|(?<=sec)|(?<=ond))[^.;:!?\n]{{0,30}}?(?:,\s*|\s+of\s+|\s+at\s+)"
    rf"(?:each\s+(?:is\s+|of\s+)?(?:about\s+|around\s+|roughly\s+|~\s*|up to\s+)?"
    rf"(?P<num3>{_NUM})\s*(?P<unit3>kb|kib|bytes?|kilobytes?)(?![\w/])"
    rf"|(?:about\s+|around\s+|roughly\s+|~\s*)?(?P<num4>{_NUM})\s*(?P<unit4>kb|kib|bytes?|kilobytes?)\s+each\b)",
    re.IGNORECASE,
)
_PER_PERIOD = re.compile(
    r"\s*(?:/|per\b|an?\b|each\b|every\b)\s*(?:s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?|wk|weeks?"
    r"|mo|months?|y|yrs?|years?)\b",
    re.IGNORECASE,
)
RETENTION = re.compile(
    r"\b(?:keep(?:s|ing)?|kept|retain(?:s|ed|ing)?|stor(?:e|ed|ing)|hold(?:s|ing)?|held|persist(?:ed)?)"
    r"(?:\s+(?:them|it|everything|all|data|messages|events|records|the data|the messages|the events|history))?"
    rf"\s+(?:for\s+)?(?:at least\s+|up to\s+|about\s+|around\s+)?(?P<num>{_NUM}|a|an|one)\s+{_TIME_UNIT}\b"
    # "retention 7d", "retention of a week"; an amount in words is a word of its own ("retention and
    # replay" is no "retention an d(ay)").
    rf"|\bretention(?:\s+period)?\s*(?:of|is|:|=)?\s*(?:at least\s+|about\s+)?(?P<num2>{_NUM}|(?:a|an|one)(?=\s))\s*"
    r"(?P<tunit2>s|secs?|seconds?|mins?|minutes?|h|hrs?|hours?|d|days?|w|wks?|weeks?|mo|months?|y|yrs?|years?)\b"
    rf"|\b(?P<num3>{_NUM}|a|an|one)[- ](?P<tunit3>hours?|days?|weeks?|months?|years?)\s+"
    r"(?:of\s+)?(?:retention|history)\b",
    re.IGNORECASE,
)


def _count(raw: str) -> float:
    return 1.0 if raw.lower() in ("a", "an", "one") else _number(raw)


def read_sizing(text: str) -> list[ParsedAnswer]:
    """The message size and retention a description states ("1 KB events", "keep 7 days").

    Precision first: a size counts only next to a message noun ("64 GB of RAM"
    does not), and the first statement of each wins.
    """
    found: list[ParsedAnswer] = []
    # "146B events/day" is 146 billion events a day, not 146-byte events; "860 GB of payload a day" is a
    # day's volume: a size before a period is a rate (the parser reads the rate), never a message size.
    sizes = [(m.start(), m, "num", "unit") for m in SIZE_AFTER.finditer(text) if not _PER_PERIOD.match(text, m.end())]
    for m in SIZE_BEFORE.finditer(text):
        num = next(g for g in ("num", "num2", "num3", "num4") if m.group(g))
        sizes.append((m.start(), m, num, num.replace("num", "unit")))
    if sizes:
        _, m, num, unit = min(sizes, key=lambda item: item[0])
        size = canonical("bytes", format_size(_number(m.group(num)) * _SIZE_UNITS[_unit_key(m.group(unit))]))
        if size is not None:  # only a value the question takes: never "0B" for a sliver of a byte
            found.append(
                ParsedAnswer(question="message_size", value=size, span=(m.start(), m.end()), text=m.group(0).strip())
            )
    retention = RETENTION.search(text)
    if retention:
        num = retention.group("num") or retention.group("num2") or retention.group("num3")
        unit = retention.group("tunit") or retention.group("tunit2") or retention.group("tunit3")
        kept = canonical("seconds", format_duration(_count(num) * _SECONDS[unit.lower()]))
        if kept is not None:  # never "0s" for a few milliseconds
            found.append(
                ParsedAnswer(
                    question="retention", value=kept, span=(retention.start(), retention.end()),
                    text=retention.group(0).strip(),
                )
            )
    return found


def rate_from(parsed: list[ParsedAnswer]) -> ParsedAnswer | None:
    """The message rate behind a parsed throughput answer, when its words are one plain rate ("50k events/s")."""
    for answer in parsed:
        if answer.question != "throughput" or answer.implied_by:
            continue
        value = canonical("rate", answer.text)  # only a value the question takes: never "0/s"
        if value is not None:
            return ParsedAnswer(question="message_rate", value=value, span=answer.span, text=answer.text)
    return None


def sizing_answers(text: str, parsed: list[ParsedAnswer]) -> list[ParsedAnswer]:
    """What the parser adds for the sizing sketch: size and retention from ``text``, the rate behind ``parsed``."""
    found = read_sizing(text)
    rate = rate_from(parsed)
    if rate is not None:
        found.append(rate)
    taken = {p.question for p in parsed}
    return [f for f in found if f.question not in taken]
