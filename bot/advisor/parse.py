"""Read a workload description into flowchart answers.

Vocabulary comes from ``knowledge/data/lexicon.yaml`` (concepts, the cue words of
negation, workload markers); numbers (rates, byte volumes, latencies, team
sizes, fleets) are placed with ``thresholds.yaml``.  The grammar is here:

- **Clauses.**  The text is cut once into clauses (punctuation, "but",
  "while" …); every other look-up is a bounded window inside a clause, so the
  parse is linear in the text's length.
- **Polarity.**  One mechanism decides whether a concept's phrase is stated,
  denied or declared harmless: negators reach forward to the concept they
  govern (stopping at a scope break or at another concept unless joined by
  "or"), "X is not needed" / "X is fine" / "don't care about X" constructions
  are read around the phrase.  The concept says what each polarity answers.
- **Modifiers.**  Words next to a phrase that change its reading ("a *small*
  platform team", "edge *PoPs*").
- **Workloads.**  A description that introduces another workload ("Separately,
  …") is read per workload as well.

Precision first: anything that touches a question without settling it
(conflicting statements, "low latency", a rate between the bounds) becomes an
:class:`Ambiguity`, asked, never guessed.  Text longer than the lexicon's
``max_chars`` is cut, with a note in ``ambiguous``.
"""

from __future__ import annotations

import bisect
import contextlib
import hashlib
import itertools
import json
import os
import re
import sys
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import NamedTuple

from bot.advisor.advice import SHARED_QUESTIONS, Ambiguity, ParsedAnswer
from bot.advisor.quantities import NUMBER, Rate, format_rate, parse_rate, parse_size, sizing_answers, to_number
from bot.advisor.regex_cache import cache_dir as _cache_dir
from bot.advisor.regex_cache import compile as _regex
from bot.advisor.regex_cache import prune as _prune_regex_cache
from knowledge import Knowledge
from knowledge import load as load_knowledge
from knowledge.models import Lexicon, LexiconEntry, Modifier, Silence

# ---------------------------------------------------------------------------
# Work accounting: every regular-expression scan goes through _scan/_search,
# which add the number of characters the scan may examine.  A test compares
# these counts across text sizes to show the parse stays linear.


class _Work:
    chars = 0

    def reset(self) -> None:
        self.chars = 0


WORK = _Work()


def _scan(pattern: re.Pattern[str], text: str, pos: int = 0, endpos: int | None = None) -> list[re.Match[str]]:
    endpos = len(text) if endpos is None else endpos
    WORK.chars += max(0, endpos - pos)
    return list(pattern.finditer(text, pos, endpos))


def _search(pattern: re.Pattern[str], text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
    endpos = len(text) if endpos is None else endpos
    WORK.chars += max(0, endpos - pos)
    return pattern.search(text, pos, endpos)


def _match(pattern: re.Pattern[str], text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
    endpos = len(text) if endpos is None else endpos
    WORK.chars += max(0, endpos - pos)
    return pattern.match(text, pos, endpos)


# ---------------------------------------------------------------------------
# Numbers

_NUM = NUMBER  # "1,500", "2.5", "2 000 000"; never the "5" of "0,5" (see quantities.NUMBER)
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
    # (s39) a period in milliseconds ("a signal every 100 ms"): read only where a pattern names it
    "ms": 0.001, "millisecond": 0.001, "milliseconds": 0.001,
}
_NOUNS = (
    r"msgs?|messages?|events?|records?|requests?|reqs?|writes?|ops|operations|transactions|txns?"
    r"|updates?|rows?|logs?|log lines|lines|orders?|payments?|clicks?|notifications?|items?"
    r"|data ?points?|metrics?|samples?|entries|calls|jobs|tasks|trades?|quotes?|ticks?|readings?"
    r"|spans|traces|documents|docs|packets|frames|measurements?|signals?|bids?|them|those|these|changes"
    r"|inserts?|appends?|upserts?|puts|pageviews?|page ?views|impressions?|uploads?|publishes|pushes|deliveries"
    r"|invocations?|beacons?|pings?|heartbeats?|webhooks?|emails?|alerts?|commands?|reports?|posts?|tweets?"
    # (h74) business events counted: "a few purchases a minute", "300 bookings an hour", "2k swipes a second"
    r"|purchases?|bookings?|sign-?ups?|checkouts?|transfers?|swipes?|shipments?|reservations?"
    r"|(?:request|req)/(?:responses?|replies|reply)"
)
# Counted in millions or billions a second, a bare "points" is a metrics pipeline's data points
# ("millions of points a second"); a small count of points ("500 points a day") may be a game's
# or a loyalty scheme's, so only the rates in words below take it.
_BIG_NOUNS = rf"{_NOUNS}|points"
RATE_RE = _regex(
    rf"(?<![\w.^])(?P<num>{_NUM})\s*(?P<mult>k|m|mm|mn|b|bn|t|tn|thousand|million|millions|billion|trillion)?\b\+?\s*"
    # (h42) "times": "each sensor reports 20 times a second" (read only as one producer's rate, see below)
    # (h57) two kinds counted together: "1M quotes+trades a second", "5k orders and refunds a minute"
    rf"(?:(?:[a-z][\w-]*\s+)?(?:(?:{_NOUNS})\s*(?:\+|&|\band\b|\bor\b)\s*)?(?P<noun>{_NOUNS}|times)\b\s*)?"
    r"(?:(?:/|per\b|an?\b|each\b|every\b)\s*"
    r"(?P<per>s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?|month|mo)\b"
    # "5 million messages daily" (only after a noun: "50k daily active users" counts people)
    r"|(?<=[a-z])\s+(?P<ly>daily|hourly|nightly)\b(?!\s+(?:active|unique|users|visitors)\b))",
    re.IGNORECASE,
)
RATE_SHORT_RE = _regex(
    rf"(?<![\w.^])(?P<num>{_NUM})\s*(?P<mult>k|m|mm|b|bn|t|tn|thousand|million|billion|trillion)?\s*"
    r"(?P<unit>rps|tps|qps|eps|mps|msg/s|msgs/s|events/s|req/s|k?hz)\b",
    re.IGNORECASE,
)
# A count sent within a span: "about 1M notifications out within 30s", "5k webhooks in under a minute".
COUNT_IN_SPAN_RE = _regex(
    rf"(?<![\w.^])(?P<num>{_NUM})\s*(?P<mult>k|m|mm|b|bn|thousand|million|billion)?\b\+?\s*"
    rf"(?:[a-z][\w-]*\s+)?(?P<noun>{_NOUNS})\b\s*(?:(?:out|sent|delivered|through|processed|published|pushed)\s+)?"
    rf"(?:within|in under|under|in less than|in)\s+(?:~\s*|about\s+|around\s+)?(?P<n>{_NUM}|a|an|one)\s*"
    r"(?P<per>s|secs?|seconds?|mins?|minutes?|h|hrs?|hours?)\b",
    re.IGNORECASE,
)
# The unit or the period before the figure: "QPS ~ 40k", "RPS: 2000", "TPS of 800", "daily volume is 4 billion
# messages", "hourly traffic around 300k events".  A byte amount after it ("daily volume is 2 TB") is no count.
_FIGURE_AFTER = (
    rf"\s*(?:[:=~≈]|of|is|are|around|about|at|near|roughly|approx\w*|peaks? (?:at|of|around))?\s*(?:~|≈)?\s*"
    rf"(?P<num>{_NUM})\s*(?P<mult>k|m|mm|b|bn|thousand|million|billion)?\b(?!\.\d)"
    r"(?!\s*(?:[%/×]|x\b|ms\b|s\b|[kmgtp]i?b\b|bytes|[kmgtp]bps))"
)
UNIT_FIRST_RE = _regex(rf"(?<![\w/])(?P<unit>rps|qps|tps|eps|mps)\b{_FIGURE_AFTER}", re.IGNORECASE)
PERIOD_VOLUME_RE = _regex(
    r"\b(?P<ly>daily|hourly|nightly)\s+(?:message |event |data |request )?"
    r"(?:volume|throughput|traffic|load|count|total)"
    rf"{_FIGURE_AFTER}",
    re.IGNORECASE,
)
# A count a second named by its unit ("rps", "msg/s"): requests, messages or events a second.
_SHORT_UNIT = r"(?P<short>rps|tps|qps|eps|mps|msgs?/s(?:ec)?|events/s(?:ec)?|req/s(?:ec)?)(?![\w/])"
# "a million messages a second", "half a million events/s", "a couple million writes per second"
_AMOUNTS = {"a": 1.0, "an": 1.0, "one": 1.0, "half a": 0.5, "a couple of": 2.0, "a couple": 2.0, "a few": 3.0,
            "several": 5.0, "two": 2.0, "three": 3.0, "four": 4.0, "five": 5.0, "ten": 10.0, "twenty": 20.0,
            "thirty": 30.0, "forty": 40.0, "fifty": 50.0, "sixty": 60.0, "seventy": 70.0, "eighty": 80.0,
            "ninety": 90.0, "eleven": 11.0, "twelve": 12.0, "fifteen": 15.0, "six": 6.0, "seven": 7.0,
            "eight": 8.0, "nine": 9.0}
AMOUNT_RATE_RE = _regex(
    r"(?<!\w)(?P<amount>half a|a couple of|a couple|a few|several|an?|one|two|three|four|five|six|seven|eight|nine"
    r"|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)\s+"
    # (h42) "five hundred events a second", "twelve thousand notifications a day"
    r"(?P<mult>hundred thousand|thousand|million|billion|trillion|hundred)\+?\s+"
    rf"(?:(?:(?:[a-z][\w-]*\s+)?(?P<noun>{_BIG_NOUNS})\b\s*)?(?:/|per\b|an?\b|each\b|every\b)\s*"
    r"(?P<per>s|secs?|seconds?|mins?|minutes?|h|hrs?|hours?|d|days?|month|mo)\b"
    # (h57) a count a second by its unit: "half a million rps", "two thousand tps"
    rf"|{_SHORT_UNIT})",
    re.IGNORECASE,
)
# Small amounts in words: "a handful of requests per hour", "a couple hundred jobs/min", "one ping a second".
# A tiny one ("one", "a few") is one producer's rate unless a fleet multiplies it; the rest are totals.
_SMALL_AMOUNTS = {
    "a handful of": 10.0, "a few thousand": 5000.0, "several thousand": 9000.0, "a couple of thousand": 2000.0,
    "a couple thousand": 2000.0, "a couple of hundred": 200.0, "a couple hundred": 200.0, "a few hundred": 500.0,
    "several hundred": 900.0, "a few dozen": 60.0, "a couple of dozen": 24.0, "a couple dozen": 24.0,
    "dozens of": 99.0, "a couple of": 2.0, "a couple": 2.0, "a few": 5.0, "a": 1.0, "an": 1.0, "one": 1.0,
    "two": 2.0, "three": 3.0, "four": 4.0, "five": 5.0, "six": 6.0, "ten": 10.0,
    # (h74) "maybe a dozen a minute", "single-digit messages per second", "double-digit events a second": each at its
    # largest reading
    "a dozen": 12.0, "single-digit": 9.0, "single digit": 9.0, "double-digit": 99.0, "double digit": 99.0,
}
_TINY_AMOUNTS = {"a couple of", "a couple", "a few", "a", "an", "one", "two", "three", "four", "five", "six", "ten"}
SMALL_RATE_RE = _regex(
    r"(?<![\w.,])(?P<amount>a handful of|a few thousand|several thousand|a couple(?: of)? thousand"
    r"|a couple(?: of)? hundred|a few hundred|several hundred|a few dozen"
    r"|a couple(?: of)? dozen|dozens of|a dozen|single[- ]digit|double[- ]digit"
    r"|a couple(?: of)?|a few|an?|one|two|three|four|five|six|ten)\s+"
    # (h42) the noun may be left to the sentence: "a few hundred a minute, tops" (see the loop for which)
    r"(?:(?:[a-z][\w-]*\s+)?(?P<noun>[a-z][\w-]*)\s*)?"
    r"(?:(?:/|per\b|an?\b)\s*(?P<per>s|secs?|seconds?|mins?|minutes?|h|hrs?|hours?|d|days?)\b"
    # (h57) a count a second by its unit: "a few hundred rps", "a couple thousand msg/s"
    rf"|{_SHORT_UNIT})",
    re.IGNORECASE,
)
_TINY_NOUN = _regex(rf"(?:{_NOUNS}|webhooks?|pings?|heartbeats?|emails?|alerts?|commands?|reports?)", re.IGNORECASE)
_SMALL_ANCHORS = {
    "a", "an", "one", "two", "three", "four", "five", "six", "ten", "several", "dozens", "single", "double",
}
_AMOUNT_MULT = {"hundred thousand": 1e5, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
                "hundred": 1e2}
_AMOUNT_ANCHORS = {"a", "an", "one", "half", "several", "two", "three", "four", "five", "ten", "twenty", "thirty",
                   "six", "seven", "eight", "nine", "eleven", "twelve", "fifteen",
                   "forty", "fifty", "sixty", "seventy", "eighty", "ninety"}
WORD_RATE_RE = _regex(
    r"(?<!\w)(?P<mult>thousands|tens of thousands|hundreds of thousands|millions|tens of millions"
    # (h42) "tens of orders a minute", "hundreds of events per second"
    r"|hundreds of millions|tens of billions|hundreds of billions|billions|trillions|tens|hundreds)"
    rf"(?: of\s+(?:(?:[a-z][\w-]*\s+)?(?P<noun>{_BIG_NOUNS})\b\s*)"
    # (h42) without its noun, a second's count only: "millions per second", "hundreds a second" ("millions a
    # year" is as often money or people)
    # (h78) ... or a minute's, an hour's or a day's count ending its clause: "it's thousands per day, not more"
    r"|\s*(?=(?:/|per\b|an?\b|every\b)\s*(?:s|secs?|seconds?|mins?|minutes?|hours?|hrs?|days?)\b))"
    r"(?:/|per\b|an?\b|each\b|every\b)\s*"
    r"(?P<per>s|secs?|seconds?|mins?|minutes?|h|hrs?|hours?|d|days?|month|mo)\b",
    re.IGNORECASE,
)
# (h78) A count without its noun per minute, hour or day is read only where it ends its clause or is bounded
# right after ("thousands per day, not more", "hundreds an hour at most"): "thousands a day sign up" counts people.
_NOUNLESS_END_RE = _regex(
    r"\s*(?:$|[,.;:!?)\n—–-]|(?:at (?:most|peak|the most|best)|tops|max(?:imum)?|peak|on average|or so|or less|ish)\b)",
    re.IGNORECASE,
)
_WORD_MULT = {
    "thousands": 1e3, "tens of thousands": 1e4, "hundreds of thousands": 1e5, "millions": 1e6,
    "tens of millions": 1e7, "hundreds of millions": 1e8, "billions": 1e9, "trillions": 1e12, "tens": 10.0,
    # (s39) "hundreds of billions of records a day": a day's count past a million a second
    "tens of billions": 1e10, "hundreds of billions": 1e11,
    "hundreds": 100.0,
}
_WORD_AMOUNTS = {"a few hundred": 300.0, "several hundred": 500.0, "hundreds of": 100.0, "a few": 3.0,
                 "several": 5.0, "tens of": 10.0, "a couple of": 2.0, "a couple": 2.0}
# (h78) ... and where each ends: "tens of GB" is 10 to 99 GB, "a few" up to 9
_WORD_AMOUNTS_TOP = {"a few hundred": 900.0, "several hundred": 900.0, "hundreds of": 999.0, "a few": 9.0,
                     "several": 9.0, "tens of": 99.0, "a couple of": 3.0, "a couple": 3.0}
BYTES_RE = _regex(
    rf"(?<![\w.^])(?:(?P<num>{_NUM})|(?P<words>a few hundred|several hundred|hundreds of|a few|several|tens of"
    r"|a couple(?: of)?))\s*(?P<unit>[kmgt]bps|[kmgt]bits?/s|[kmgtp]i?b|[kmgtp]bytes?|kilobytes?|megabytes?|gigabytes?"
    # (h74) "40 gigs a day", "500 megs an hour": the spoken names of gigabytes and megabytes
    r"|terabytes?|petabytes?|gigs|megs)(?![a-z])\s*(?:(?:of\s+[\w-]+\s+(?:[\w-]+\s+)?)?(?:/|per\b|an?\b|each\b)\s*"
    r"(?P<per>s|secs?|seconds?|mins?|minutes?|h|hrs?|hours?|d|days?|month|mo)\b)?",
    re.IGNORECASE,
)
# What a bit rate right before it is the speed of: hardware, not traffic.
_LINK_AFTER = _regex(
    r"\s*(?:[\w-]+\s+)?(?:nics?|links?|uplinks?|network(?:ing)?|ethernet|ports?|interfaces?|cards?|lines?"
    r"|backbone|pipes?|connections?|circuits?|switch(?:es)?|adapters?|fibre|fiber)\b",
    re.IGNORECASE,
)
# A peak written without its unit right after a rate ("90k rps sustained, bursts to 250k", "40 MB/s, peaking
# at 180"): the same unit and period as the rate before it.  "bursts of 50k" (a burst's size) and a figure
# followed by a noun of its own ("peaks of 250k users") are no peak rate.
PEAK_AFTER_RE = _regex(
    r"[^.;!?\n]{0,40}?\b(?:(?:burst(?:s|ing)?|spik(?:e|es|ing)|climb(?:s|ing)?|ris(?:e|es|ing)|jump(?:s|ing)?)"
    r"(?: up)? (?:to|at)|peak(?:s|ing)?(?: (?:at|of|to|around|near))?|up to)\s+"
    rf"(?:~\s*|about\s+|around\s+|roughly\s+|nearly\s+|over\s+)?(?P<num>{_NUM})\s*"
    r"(?P<mult>k|m|mm|b|bn|thousand|million|billion)?\b(?!\.\d)"
    r"(?=\s*(?:$|[,;:!?)\n]|\.(?:\s|$)|(?:during|at|in|on|when|around|or|and|for|while|with|from|under|if|once)\b))",
    re.IGNORECASE,
)
# Amounts in words, each at its worst (largest) reading: "single-digit milliseconds" is up to 9 ms,
# "tens of microseconds" up to 99 µs, "half a millisecond" 0.5 ms.
_LATENCY_WORDS = {
    "low single digit": 3.0, "single digit": 9.0, "double digit": 99.0, "half a": 0.5, "half an": 0.5,
    "a couple of": 2.0, "a couple": 2.0, "a few": 5.0, "a few hundred": 500.0, "tens of": 99.0,
    "hundreds of": 999.0,
    # (h74) "two-digit millis", "three-digit ms", "a couple hundred ms", "several hundred ms"
    "two digit": 99.0, "triple digit": 999.0, "three digit": 999.0, "a couple of hundred": 300.0,
    "a couple hundred": 300.0, "several hundred": 900.0,
}
# A figure in words: "within two milliseconds", "ten microseconds".
_WORD_FIGURES = {
    "two": 2.0, "three": 3.0, "four": 4.0, "five": 5.0, "six": 6.0, "seven": 7.0, "eight": 8.0, "nine": 9.0,
    "ten": 10.0, "twenty": 20.0, "fifty": 50.0, "a hundred": 100.0,
}
_LATENCY_WORD_NUMBERS = "|".join(_WORD_FIGURES)
LATENCY_RE = _regex(
    rf"(?<![\w.^])(?:(?P<words>low single[- ]digit|single[- ]digit|double[- ]digit|two[- ]digit|triple[- ]digit"
    rf"|three[- ]digit|half an?|a couple(?: of)? hundred|several hundred|a couple(?: of)?"
    rf"|a few hundred|a few|tens of|hundreds of)|(?P<num>{_NUM}|a|one|{_LATENCY_WORD_NUMBERS}))"
    # (h74) a figure given roughly: "100-ish ms", "50ish ms"
    rf"(?:\s*-?\s*ish)?"
    rf"\s*(?:(?:-|–|to)\s*(?P<num2>{_NUM})\s*)?"
    r"(?P<unit>µs|μs|us|usecs?|microseconds?|micros|ms|msecs?|millis|milliseconds?)(?![\w/])",
    re.IGNORECASE,
)
# "micros" is also short for microservices: a figure in it is a time only after a comparison ("under 300
# micros") or in a sentence about delivery time.
_MICROS_CONTEXT_RE = _regex(
    r"\b(?:latenc\w*|p\d\d\w*|round[- ]?trips?|rtt|end[- ]to[- ]end|e2e|tick[- ]to[- ]\w+|delays?|jitter)\b",
    re.IGNORECASE,
)
# A figure in milliseconds is a latency target only near words about delivery time; elsewhere
# (a GC pause, a timeout, a rebalance) it is asked, not read as the team's latency need.
LATENCY_CONTEXT_RE = _regex(
    r"\b(?:latenc\w*|p\d\d\w*|delays?|lag|respon\w+|repl\w+|answer\w*|round[- ]?trips?|rtt|end[- ]to[- ]end|e2e"
    r"|deliver\w*|arriv\w*|acks?|acknowledg\w*|budget|sla|slo|fast|quick\w*|real[- ]?time|hops?|tick[- ]to[- ]trade"
    r"|propagat\w*|publish\w*|subscriber\w*|consumer\w*|messag\w*|events?|fine|ok|okay|acceptable|enough|tolerable"
    r"|targets?|goals?|requir\w*|needs?|must"
    # (h57) what the reader gets: "the ui should receive updates in under 200ms"
    r"|receiv\w*"
    # (h74) a wish for the figure ("ideally", "what we're after") and the messages reaching their reader ("ticks
    # have to hit the browsers in under 100 ms", "max 250 ms from the click to the service getting the event")
    r"|want\w*|ideal\w*|aim\w*|(?:we|i)['’]?re after|we are after|hit(?:s|ting)?|reach\w*|land\w*|visible"
    r"|appear\w*|show(?:s|ing)? up|from (?:the |a |an )?[\w-]+(?: [\w-]+){0,2} to"
    # (s39) a time counted from the event at the source: "the operator sees a change ~150-350 ms after the sensor
    # fires", "on screen 40 ms after the trade is published"
    r"|after (?:the |a |an |each |every |its |their )?(?:[\w-]+ ){0,2}?(?:fires?|fired|emits?|emitted|sends?|sent"
    r"|publish(?:es|ed)?|changes?|changed|happens?|happened|occurs?|occurred|trips?|tripped"
    r"|(?:is|are|gets?) (?:sent|written|published|made|changed|pressed|clicked|emitted|fired|recorded)))\b",
    re.IGNORECASE,
)
# A duration that is not a delivery time: a period ("every 1 ms"), a processing time ("takes 0.5 ms to
# process"), a timeout, pause or window.  Right before or right after the figure.
NOT_LATENCY_BEFORE_RE = _regex(
    r"\b(?:every|each|per|intervals?(?: of)?|periods?(?: of)?|sampl\w*(?: at)?|poll\w*|flush\w*|linger\w*"
    r"|time-?outs?(?: of)?|pauses?(?: of)?|gc|windows?(?: of)?|ticks?(?: of)?|heartbeats?|back-?off|ttl|batch\w*"
    r"|takes?|took|taking|spends?|spent|cpu|duration|compute|computing|[\w-]+(?:\.[\w-]+)*\.ms"
    # (h16) a pause before trying again: "retries after 200ms", "sleep 50 ms", "debounced by 300ms"
    r"|retr(?:y|ies|ied|ying)(?: after| in)?|sleeps?(?: for)?|debounc\w*(?: by)?|cool-?downs?(?: of)?|costs?|costing"
    # (h16) a machine's cycle: "the plc scan cycle is 10ms"
    r"|cycles?|scan(?: times?)?)"
    # "gc pauses are around 200 ms", "request.timeout.ms is 30000 ms", "linger.ms set to 5": the same, stated
    r"(?:\.ms)?\s+(?:(?:is|are|was|were|of|at|=|:|set to|is set to)\s+)?(?:(?:about|around|roughly|up to|~)\s*)?$",
    re.IGNORECASE,
)
NOT_LATENCY_AFTER_RE = _regex(
    r"\s*(?:intervals?|periods?|windows?|time-?outs?|pauses?|ticks?|batch\w*|heartbeats?|gc\b|of cpu|cpu|(?:of )?jitter"
    r"|(?:of )?(?:back-?offs?|retr(?:y|ies)|sleeps?|debounce|cool-?downs?|grace)\b"
    # (h16) the network's round trip, measured: "devices have 200ms rtt over lte" (a bound, "under 5 ms rtt", is
    # still a target: this reads only a figure without a comparison)
    r"|(?:of )?(?:network )?(?:rtts?|ping(?: times?)?)\b"
    # (h16) a cost per item is a processing time: "a few microseconds per message"
    r"|(?:of cpu |of processing |of compute )?per (?:message|msg|event|record|call|op|operation|item|row|frame|tick"
    r"|cycle|loop|iteration)\b|(?:scan )?cycles?\b"
    r"|to (?:process|compute|run|handle|parse|serialize|deserialize|execute))",
    re.IGNORECASE,
)
# The time work on one message takes, whatever the comparison: "the consumer processes each event in 2 ms",
# "handles every request within 5 ms" (corpus convention: a processing time is not the delivery latency).
_PROCESSING_BEFORE_RE = _regex(
    # (h74) the verb only: "reach the fraud scorer within 150 ms" names where the events go, not a processing time
    r"\b(?:process|handl|pars|serializ|deserializ|transform|comput|enrich|validat|scor)(?!\w*(?:er|or)s?\b)\w* "
    r"(?:each |every |a |one |the "
    r"|per |all |an )?(?:[\w-]+ )?(?:in|within|under|below|in under|in less than|at)\s+(?:~\s*|about |around )?$",
    re.IGNORECASE,
)
# (h78) A figure said to be more than can be borne ("we can't afford even a few ms of extra latency", "2 ms
# would already be too slow"): the need is below it, by how much is not said, so it is asked, not taken as a budget.
_TOO_MUCH_BEFORE_RE = _regex(
    r"\b(?:can['’]?t|cannot|can not|could not|couldn['’]?t|won['’]?t|will not)"
    r" (?:afford|tolerate|accept|live with|handle|stomach|spare)(?: (?:even|another|an extra|extra|the|any|a single))*"
    r"\s*$",
    re.IGNORECASE,
)
_TOO_MUCH_AFTER_RE = _regex(
    r"\s*(?:of (?:extra |added |additional )?(?:latency|delay|lag) )?(?:is|are|would be|will be|['’]s|would already be"
    r"|is already) (?:already |way |far |much |simply )?(?:too (?:much|slow|long|high|many)|unacceptable|not acceptable"
    r"|a deal[- ]?breaker|deal[- ]breaking)\b",
    re.IGNORECASE,
)
# (h82) A figure said as a wish, not a requirement: "ideally under 1 ms", "a stretch goal of 500 µs", "under 1 ms
# would be nice (but 5 ms is fine)", "sub-ms if possible" (the guide's answer is "Sub-millisecond required").
_WISH_BEFORE_RE = _regex(
    r"\b(?:ideally|preferably|optimally|in an ideal world|if (?:at all )?possible|stretch(?:[- ](?:goal|target))?"
    r"|nice[- ]to[- ]have|bonus(?: points)?|at best|dream(?:[- ](?:goal|scenario))?|aspirational(?:ly)?"
    r"|we(?:['’]d| would) (?:love|prefer)"
    r"|(?:would|could) be (?:nice|great|ideal|awesome|cool|lovely) to (?:get|have|hit|reach))"
    r"(?:[^\w.;!?]+[\w'’-]+){0,4}?[^\w.;!?]*$",
    re.IGNORECASE,
)
_WISH_AFTER_RE = _regex(
    r"[^\w,;.:!?()]*(?:(?:p\d\d\w*|e2e|end[- ]to[- ]end|latency|delivery|or (?:so|less|better)|or under)"
    r"[^\w,;.:!?()]+){0,3}?"
    r"(?:would be (?:nice|great|ideal|awesome|cool|lovely|a bonus|a plus|amazing|a nice bonus|even better|better)"
    r"|(?:is|['’]s) (?:a |the )?(?:nice[- ]to[- ]have|stretch(?: goal| target)?|bonus|plus|dream|wish)"
    r"|(?:if|where|when) (?:at all )?possible|ideally|as a stretch(?: goal)?|at best|(?:is|as) (?:a |the )?goal)\b",
    re.IGNORECASE,
)
# A past state named outright: "the old pipeline", "used to", "before the migration".
_PAST_STATE = (
    r"(?:the|our|their) (?:old|legacy|previous|former)|used to|previously|formerly"
    r"|before (?:the |our )?(?:migration|move|switch|rewrite|cutover)"
)
# A figure that describes what is measured today or the network between places, not what the system
# must meet ("latency between the two data centres is 40ms", "the api p99 is 300ms today"), unless the
# sentence also states a requirement.
# Words that say a figure is what is seen now, and a figure named as today's ("the current p99 is 0.8ms",
# "our existing latency is ~2 ms"): shared by _MEASURED_RE and _MEASURED_BOUND_RE.
_NOW_SEEN = r"today|currently|right now|at the moment|these days|measured|observed|we see|we're seeing|we are seeing"
_TODAYS_FIGURE = r"(?:current|existing|present) (?:p\d\d\w*|latenc\w*|numbers?|figures?|performance"
_MEASURED_RE = _regex(
    rf"\b(?:{_NOW_SEEN}"
    r"|(?:the )?(?:old|current|existing|legacy|present) (?:system|setup|broker|stack|api|service|platform)"
    rf"|{_TODAYS_FIGURE}|e2e|end[- ]to[- ]end)"
    r"|between (?:the |our )?(?:\w+ )?(?:data ?cent(?:er|re)s|regions|sites|dcs|zones|continents|clouds|offices)"
    r"|network latency|ping times?"
    # what a trial showed or someone else says of a system, and a figure named as today's pain: "kafka gave
    # us 20ms p99 in the poc", "confluent says p99 of 5ms", "p99 of 800ms, that's the main complaint"
    r"|in (?:the|our|a|my) (?:poc|pocs|tests?|trials?|benchmarks?|load tests?|experiments?|spike|prototype)"
    # (h16) a figure seen in a test environment: "p99 is 40ms at 1000 rps in staging"
    r"|(?:in|on) (?:the |our )?(?:staging|pre-?prod\w*|test env\w*|qa env\w*|dev env\w*|sandbox)"
    r"|gave us|gives us|showed|shows|says|claims?|quotes?|complain\w*|complaints?"
    r"|(?:the|our|main|biggest) (?:problem|pain|issue)"
    # a past state: what the figure was before, in a test or an incident ("the old pipeline had 900ms lag",
    # "before the migration our p99 was 12ms", "our previous vendor guaranteed 5 ms", "when we tested pulsar")
    r"|was|were|had|previous|former|last (?:year|month|week|quarter|time)|before (?:the |our )?upgrade"
    r"|during (?:the |an |that )?(?:incident|outage)"
    rf"|in (?:19|20)\d\d|tested|testing|{_PAST_STATE})\b",
    re.IGNORECASE,
)
# ... of which a past state named outright ("the legacy system delivered within 10 ms", "our previous vendor
# guaranteed under 5 ms") makes even a bound what was, not what is needed, unless the sentence states a
# requirement.
_PAST_STATE_RE = _regex(rf"\b(?:{_PAST_STATE})\b", re.IGNORECASE)
_REQUIRED_RE = _regex(
    # (s31) not a surplus: "that is more than we need", "more than they require" says the figure is not needed
    r"\b(?<!more than we )(?<!more than they )(?<!more than you )(?<!more than anyone )"
    r"(?:need\w*|must|should|has to|have to|target\w*|budget|sla|slo|requir\w*|want\w*|goal|expect\w*|aim)\b",
    re.IGNORECASE,
)
# (s31) A measurement that holds even for a bound: a figure seen today, in a trial or on a network ping ("p99
# is under a millisecond right now", "ping to the broker is under a millisecond", "in the poc we got sub-ms").
# "under 1 ms" is otherwise a target, so only these markers make a bound a measurement, and only when the
# figure's own clause states no requirement.
_MEASURED_BOUND_RE = _regex(
    rf"\b(?:{_NOW_SEEN}"
    r"|we (?:get|got|saw)|pings?|ping times?|rtts?|round[- ]trips?"
    rf"|{_TODAYS_FIGURE})"
    r"|in (?:the|our|a|my) (?:poc|pocs|tests?|trials?|benchmarks?|load tests?|experiments?|prototype))\b",
    re.IGNORECASE,
)
# Where a requirement may be said of a measured figure: its own clause ("we measured 0.4ms in a poc, but our
# latency needs are modest" states no requirement of 0.4ms).  Colons and dashes stay inside ("target: 0.5ms").
_LATENCY_CLAUSE_BREAK_RE = _regex(
    r";|,|\(|\)|\bbut\b|\bthough\b|\balthough\b|\bwhereas\b|\bwhile\b|\bhowever\b", re.IGNORECASE
)


def _latency_clause(text: str, start: int, end: int, near: tuple[int, int]) -> tuple[int, int]:
    """A latency figure's own clause within ``near`` (its sentence's neighbourhood), cut at a clause break."""
    pre, post = near
    breaks = _scan(_LATENCY_CLAUSE_BREAK_RE, text, pre, start)
    if breaks:
        pre = breaks[-1].end()
    cut = _search(_LATENCY_CLAUSE_BREAK_RE, text, end, post)
    return pre, cut.start() if cut is not None else post


def _within(items: list[str], *, end: str = r"\b") -> re.Pattern[str]:
    """Words of the lexicon looked for inside a phrase, from a word's start (one that never matches when
    there are none)."""
    return _regex(rf"\b(?:{_alternatives(items)}){end}", re.IGNORECASE)


def _field_value(words: list[str], trailing: str, also_ends: str = "") -> re.Pattern[str] | None:
    """A form field's whole value, one of ``words`` ("durability: none", "persistence: no idea"), with one of the
    ``trailing`` words after it at most, then the value's end (or ``also_ends``); None when there are no words."""
    if not words:
        return None
    return _regex(
        rf"(?:{_alternatives(words)})(?:\s+(?:{trailing}))?\s*(?:$|[,.;:!?()\[\]|\n]{also_ends})", re.IGNORECASE
    )


def _alternatives(items: Iterable[str]) -> str:
    """Regular expressions of the lexicon as one alternation, in their order (one that never matches when
    there are none)."""
    return "|".join(f"(?:{p})" for p in items) or "(?!)"


# A latency figure whose subject is something other than the messaging path: "p99 of the HTTP API is 120ms",
# "our p99 page load is 800ms", "the db lookup is 3 ms" (corpus convention: a budget that belongs to something
# else leaves latency unknown).  Asked, unless a messaging word stands between that subject and the figure.
def _latency_of_other_pattern(lex: Lexicon) -> re.Pattern[str]:
    """The subjects of such a figure: the lexicon's ``latency_of_other``, whole words tried in order."""
    return _regex(rf"\b(?:{_alternatives(lex.latency_of_other)})\b", re.IGNORECASE)


@dataclass(frozen=True)
class _RateOfOtherPatterns:
    """The lexicon's ``rate_of_other``: what a throughput figure may be said of instead of the workload."""

    things: re.Pattern[str]
    parties: re.Pattern[str]
    after: re.Pattern[str]
    estate: re.Pattern[str]
    taken: re.Pattern[str]
    narrowed: re.Pattern[str]


def _rate_of_other_patterns(lex: Lexicon) -> _RateOfOtherPatterns:
    """Each list of ``rate_of_other`` as one pattern of whole words or phrases, tried in order."""
    r = lex.rate_of_other

    def words(items: list[str]) -> re.Pattern[str]:
        return _regex(rf"(?<![\w-])(?:{_alternatives(items)})(?![\w-])", re.IGNORECASE)

    return _RateOfOtherPatterns(
        words(r.things), words(r.parties), words(r.after), words(r.estate), words(r.taken), words(r.narrowed)
    )


_MESSAGING_RE = _regex(
    r"\b(?:bus|brokers?|messag\w*|msgs?|events?|queues?|topics?|streams?|nats|kafka|jetstream|publish\w*|deliver\w*"
    r"|pub/?sub|subscri\w*|consum\w*|fan[- ]?out|websockets?)\b",
    re.IGNORECASE,
)

# A request that waits for its answer over the messaging ("calls the scorer and waits for a score",
# "rpc between two go services"): the latency of that exchange is the delivery latency asked about.
_REQUEST_PATH_RE = _regex(
    r"\b(?:rpc|request[- /]?(?:reply|response)|req[-/]rep|scatter[- ]gather|wait(?:s|ing)? (?:for|on)|holds? until)\b",
    re.IGNORECASE,
)

_DESTINATION_BEFORE_RE = _regex(
    # (h16) "between": "msgs between services must arrive in < 5 ms" (where the messages go, not what answers);
    # "from" only after what is sent: "quotes from the venue must reach …" (not "the response from the api")
    r"(?:\b(?:to|reach\w*|into|hit(?:s|ting)?|between)"
    r"|\b(?:msgs?|messages?|events?|data|quotes?|ticks?|prices?|readings?|updates?|signals?|telemetry|orders?"
    r"|notifications?|alerts?) from)\s+(?:the |our |all |every |each |any )?(?:[\w-]+\s+)?$",
    re.IGNORECASE,
)


# (h74) What that subject receives, right after it: "the matching engine needs the quotes in …", "the strategy gets
# every tick within …" (the latency of the messages it is sent, not its own).
_RECEIVES_AFTER_RE = _regex(
    r"['’]?s?\s+(?:(?:must|should|has to|have to|needs? to|wants? to) )?(?:needs?|gets?|get|receives?|receive|sees?|see"
    r"|wants?|has|have) (?:the|its|their|all|every|each|any|new|fresh|incoming|live) (?:[\w-]+ )?",
    re.IGNORECASE,
)


def _latency_of_other(
    text: str, start: int, end: int, sentence: tuple[int, int], kb: Knowledge
) -> re.Match[str] | None:
    """The subject other than the messaging path that a latency between ``start`` and ``end`` is said of
    ("the auth service responds in 5 ms"), or None when the nearest subject is the messaging itself ("the
    nats server's p99") or a messaging word stands between it and the figure ("the api publishes events
    that must arrive within 10 ms")."""
    last = None
    for m in _scan(_compile(kb).latency_of_other, text, start, end):
        # "orders to the matching engine in under 100 µs": where the messages go, not what answers
        if _search(_DESTINATION_BEFORE_RE, text, max(start, m.start() - 30), m.start()) is None:
            last = m
    if last is None or _search(_MESSAGING_RE, text, max(start, last.start() - 12), end) is not None:
        return None
    if _match(_RECEIVES_AFTER_RE, text, last.end(), end) is not None:
        return None  # (h74) "the matching engine needs the quotes in under 500 µs": where the messages go
    if _search(_REQUEST_PATH_RE, text, *sentence) is not None:
        return None  # "rpc between two services, p50 around 100 µs": the request and its reply are the messages

    return last


_SPACE_RE = _regex(r"\s+")
# (s31) A latency whose subject follows it as the noun it qualifies: "sub-100ms page loads", "0.3 ms redis reads",
# "5ms p99 db writes" (a word at most between, and no messaging word).
_OTHER_AFTER_GAP_RE = _regex(
    r"\s+(?:(?!(?:between|to|for|from|across|among|in|on|at|of|with|into|via|per|and|or)\b)[\w-]+\s+)?", re.IGNORECASE
)


def _latency_of_other_after(text: str, end: int, sentence: tuple[int, int], kb: Knowledge) -> re.Match[str] | None:
    """The subject other than the messaging path named right after a latency ending at ``end``, or None."""
    for gap in (_match(_SPACE_RE, text, end, sentence[1]), _match(_OTHER_AFTER_GAP_RE, text, end, sentence[1])):
        if gap is None or _search(_MESSAGING_RE, text, end, gap.end()) is not None:
            continue
        found = _match(_compile(kb).latency_of_other, text, gap.end(), min(sentence[1], gap.end() + 40))
        # "sub-ms service to service messaging": the subject goes on to name the messages
        if (
            found is not None
            and _search(_MESSAGING_RE, text, found.end(), min(sentence[1], found.end() + 30)) is None
            and _search(_REQUEST_PATH_RE, text, *sentence) is None
        ):
            return found
    return None


# A rate that is a capacity (what something was sized for or can take), not the workload's own rate.
# "nowhere near a million msgs/s", "not even close to 100k/s", "far from 1M/s": a figure denied says
# only that the rate is below it, which may still be high: the figure is not read.
_DENIED_FIGURE_BEFORE_RE = _regex(
    r"(?<![\w'’])(?:nowhere near|not (?:even )?(?:close to|near|anywhere near)|far (?:from|below|short of)"
    r"|not|never|no(?:t|where) remotely near)\s+(?:(?:about|around|roughly|over|even|~)\s*)?$",
    re.IGNORECASE,
)
_CAPACITY_BEFORE_RE = _regex(
    r"\b(?:sized for|provisioned for|capacity (?:of|for)|can (?:handle|take|do|push|sustain)|could (?:handle|take|do)"
    r"|benchmark\w*(?: at)?|tested (?:at|to|with|up to)|rated (?:for|at)|scales? to|tops out at|maxes out at"
    # what a test or someone's claim reached: "the load test pushed 2M msgs/s", "the blog claims 10M"
    r"|(?:load|stress|perf|performance)[- ]?test\w*(?: [\w-]+){0,2}|benchmark\w*(?: [\w-]+){1,3}|claim\w*"
    r"|advertis\w*(?: at)?|quot\w*(?: at)?|on paper)\s+"
    r"(?:(?:about|around|roughly|up to|over|~)\s*)?$",
    re.IGNORECASE,
)
# ... or one said to be reached on a single machine or in a test: "~7M msgs/s in memory on an m1
# laptop", "2M/s on one node in our benchmark" (a system's capacity, not the workload's rate).
_CAPACITY_AFTER_RE = _regex(
    r"[^.;!?\n]{0,50}?\b(?:on (?:a|an|my|our|one|the|a single|one single) (?:[\w-]+ ){0,2}?"
    r"(?:laptop|macbook|desktop|workstation|dev box|node|vm|machine|box|core|server|instance)\b(?! (?:each|per|apiece))"
    r"|in (?:a |the |our |my )?(?:benchmarks?|load tests?|stress tests?|perf tests?|lab)\b"
    # (h16) ... or in a test environment: "1000 rps in staging"
    r"|(?:in|on) (?:the |our )?(?:staging|pre-?prod\w*|test env\w*|qa env\w*|dev env\w*|sandbox)\b)",
    re.IGNORECASE,
)
# What a question about a latency figure tells the person, whatever made the figure doubtful.
_LATENCY_CHOICES = "Only NATS Core stays under a millisecond; JetStream and Kafka deliver in low milliseconds."
# Comparisons that make any figure a target ("within 150 ms", "< 50ms", "p99 of 20 ms").
_TARGET_CMP = _regex(r"(?:within|<|≤|p\d|sub|at most|less than)", re.IGNORECASE)
# A comparison that bounds the figure ("under 5 ms"), unlike one that states it ("p99 of 5 ms").
_BOUND_CMP = _regex(r"under|below|less|lower|<|≤|sub|within|at most|up to|max", re.IGNORECASE)
# What may stand right before a latency figure: "well under", "p99 <", "sub-".
LATENCY_CMP_RE = _regex(
    r"(?P<cmp>(?:(?:well|way|comfortably) )?(?:under|below|less than|lower than|<\s*=?|≤|sub[- ]?|within|at most"
    r"|up to|max(?:imum)?)|p\d\d(?:\.\d+)?\s*(?:<|of|under|below|at|=|:)?)"
    # (h74) a bound given roughly: "within ~150 ms", "under about 20ms"
    r"(?:\s*(?:~|≈|about|around|roughly)(?=\s*\d))?\s*$",
    re.IGNORECASE,
)
# A figure that is an amount of money ("~$100/month", "€400/mo", "USD 250 a month", "costs 3k EUR a month"):
# a price per period is no message rate.
_MONEY_BEFORE_RE = _regex(
    r"(?:[$€£¥₹]|\b(?:usd|eur|gbp|aud|cad|chf|jpy|inr|us\$|a\$|c\$)\s?)\s?(?:~\s?|≈\s?)?$", re.IGNORECASE
)
_MONEY_AFTER_RE = _regex(
    r"\s?(?:usd|eur|gbp|aud|cad|chf|jpy|inr|dollars?|euros?|pounds?|bucks|quid)\b|\s?[$€£¥₹]", re.IGNORECASE
)


# (h42) What an amount in words is, when it is money: "we lose millions per second of downtime", "it costs a few
# hundred a minute".
_MONEY_WORDS_BEFORE_RE = _regex(
    r"(?:[$€£¥₹]|\b(?:los[et]|losing|costs?|costing|spend\w*|spent|earn\w*|revenue|pay(?!loads?\b)\w*|paid|burn\w*|bill\w*"
    r"|charg\w*|worth|sales|dollars?|euros?|pounds?|bucks"
    # (h57) "the business makes 2M a month", "gmv is 40M a day"
    r"|mak(?:e|es|ing)|made|turnover|gmv|profits?|income)\b)[^.;!?\n]*$",
    re.IGNORECASE,
)


def _is_money(text: str, m: re.Match[str]) -> bool:
    """Whether the figure of ``m`` (its ``num`` and ``mult`` groups) is an amount of money."""
    if _MONEY_BEFORE_RE.search(text, max(0, m.start("num") - 6), m.start("num")) is not None:
        return True
    after = m.end("mult") if m.group("mult") else m.end("num")
    return _MONEY_AFTER_RE.match(text, after) is not None
_FLEET_WORDS = {
    "a few thousand": 3e3, "several thousand": 5e3, "thousands of": 1e3, "tens of thousands of": 1e4,
    "hundreds of thousands of": 1e5, "a few hundred": 300.0, "several hundred": 500.0, "hundreds of": 100.0,
    "millions of": 1e6, "a few million": 3e6, "several million": 5e6,
}
# Who sends at a rate stated without "each": a producer named generically ("a car emits 50 events/s", "one
# sensor reports 200 samples a second") or devices in the plural without a count ("the sensors send 20
# readings a second", "our turbines report 200 samples per second each").  Such a rate is one producer's,
# multiplied by the fleet counted elsewhere, else asked.  A software component ("the gateway forwards 200k
# msgs/s", "our services publish 30k/s") is left alone: its rate is as often the total.
_SEND_VERB = (
    r"(?:sends?|sending|emits?|emitting|produces?|producing|publish(?:es|ing)?|reports?|reporting"
    r"|generates?|generating|push(?:es|ing)?|streams?|streaming|uploads?|uploading|transmits?|transmitting"
    r"|posts?|posting|beacons?|beaconing|samples?|sampling)"
)
_TIME_NOUN = r"(?:second|sec|minute|min|hour|day|week|month|year|time|now|so often|once)"


def _plural(word: str) -> str:
    """The regular English plural of a producer's name (device -> devices, box -> boxes, entry -> entries)."""
    if word.endswith(("s", "x", "ch", "sh")):
        return word + "es"
    if word.endswith("y") and len(word) > 1 and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    return word + "s"


def _nouns(words: Iterable[str]) -> str:
    """An alternation of nouns, a space in one matching a space or a hyphen ("set-top box"), longest first
    (in one order whatever the process: compiled patterns are kept between processes by their source)."""
    spelled = {re.escape(w.lower()).replace(r"\ ", "[- ]").replace(r"\-", "[- ]") for w in words}
    return "|".join(sorted(spelled, key=lambda w: (-len(w), w)))


@dataclass(frozen=True)
class _ProducerPatterns:
    """The number reader's patterns about who sends, built from the lexicon's ``producers``."""

    fleet: re.Pattern[str]  # "50,000 devices", "a few thousand machines", "1M connected"
    each: re.Pattern[str]  # right after a rate: "each", "per truck", "per doc"
    each_before: re.Pattern[str]  # right before a rate: "each machine sampling at", "each of 3,000 meters"
    subject: re.Pattern[str]  # a generic producer before its rate: "a car emits", "the sensors send"
    who: re.Pattern[str]  # a count per period that is no message rate: "a few hundred users a day"
    fleet_noun: re.Pattern[str]


def _producer_patterns(lex: Lexicon) -> _ProducerPatterns:
    p = lex.producers
    singular = [*p.devices, *p.people, *p.software]
    things = _nouns([*map(_plural, singular), *p.counted])
    thing = _nouns(singular)
    device = _nouns([*p.devices, *p.people])
    devices = _nouns(map(_plural, p.devices))
    fleet = _regex(
        rf"(?<![\w.])(?:(?P<num>{_NUM})\s*(?P<mult>k|m|thousand|million)?|(?P<words>a few thousand|several thousand"
        r"|tens of thousands of|hundreds of thousands of|thousands of|a few hundred|several hundred|hundreds of"
        r"|millions of|a few million|several million)"
        # (h57) a count in words: "thirty thousand meters", "two million phones", "a thousand kiosks"
        r"|(?P<wnum>half an?|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty"
        r"|thirty|forty|fifty|sixty|seventy|eighty|ninety)\s+(?P<wmult>hundred thousand|thousand|million|hundred))"
        rf"\s+(?:(?:[\w-]+\s+){{0,2}}?(?P<thing>{things})\b|(?P<state>active|connected|online|concurrent|of them)\b)",
        re.IGNORECASE,
    )
    each = _regex(
        rf"\s*(?:each(?!\s+(?:way|direction|side)\b)|apiece"
        rf"|(?:(?:per|from each|on each|for each|a|an) |/\s*)(?P<thing>{thing})"
        # "60 updates/s per doc", "2k/s per tenant": per anything that is no unit of time is one producer's
        # (or one key's) rate, whatever it is called.
        r"|per (?!(?:s|secs?|seconds?|mins?|minutes?|h|hrs?|hours?|d|days?|weeks?|months?|years?|se|cent|the|a|an"
        r"|our|their|its|each|every|peak|average|avg)\b)(?P<other>[a-z][\w-]*))\b",
        re.IGNORECASE,
    )
    # "each machine sampling at up to 1 kHz", "50,000 sensors, each sending …": the per-producer marker
    # before the rate.
    each_before = _regex(
        rf"(?:(?:\beach|\bevery|\bper) (?P<thing>{thing})\b"
        # "each of ~3,000 machines publishes a reading at 1 kHz": the count is the fleet, found beside it
        r"|\beach of (?:the |our |those |these |its |their )?(?:~\s*|about |around |roughly )?"
        rf"(?:{_NUM}\s*(?:k|thousand)?\s+)?(?:[\w-]+\s+)?(?:{things})\b"
        # "each one sends", and any producer by any name that sends: "every forklift reports its position"
        rf"|\b(?:each|every(?: single)?) (?:one |of them |(?!{_TIME_NOUN}\b)[a-z][\w-]* )?{_SEND_VERB}\b)"
        r"[^.;!?\n]{0,40}$",
        re.IGNORECASE,
    )
    subject = _regex(
        rf"(?:\b(?:a|an|one|any|a single|every(?: single)?|each)\s+(?:[\w-]+\s+)?(?P<one>{device})"
        rf"|(?<![\d,.~]\s)(?<![\d,.~kKmM])\b(?:(?:the|our|their|all|all the|all our|these|those|its|my)\s+)?"
        rf"(?:[a-z][\w-]*\s+)?(?P<many>{devices}))\b"
        # the verb and what stands between it and the figure, in the same clause
        r"(?:\s+(?:each|all|also|still|typically|usually|normally|only|just))?\s+[a-z][\w-]*(?:\s+[^\s,.;:!?()]+){0,4}?\s*$",
        re.IGNORECASE,
    )
    who = _regex(
        rf"(?:{things}|people|persons|customers|visitors|viewers|employees|engineers|developers|teams|tenants"
        # money, time and sizes counted per period are no messages ("a few thousand dollars a day")
        r"|dollars|euros|pounds|usd|eur|bucks|cents|hours|minutes|seconds|days|[kmgtp]i?b|bytes|deploys|deployments"
        r"|releases|builds|commits|meetings|pages)",
        re.IGNORECASE,
    )
    return _ProducerPatterns(fleet, each, each_before, subject, who, _regex(rf"(?:{things})", re.IGNORECASE))


# A fleet counted in each of some group ("100 players per match", "40 sensors in each store"): its size is
# not the number of producers.
_PER_GROUP_RE = _regex(
    r"\s*(?:per|in each|for each|on each|at each|in every|on every)\s+(?!(?:s|secs?|seconds?|mins?|minutes?|h|hrs?"
    r"|hours?|d|days?|weeks?|months?|years?)\b)[a-z][\w-]*",
    re.IGNORECASE,
)
# "1M DAU x ~10 notifications a day", "50k devices × 2 msgs/s": a fleet times one producer's rate.
TIMES_GAP_RE = _regex(r"\s*(?:[x×*]|times)\s*~?\s*", re.IGNORECASE)
EVERY_RE = _regex(
    rf"(?<!\w)(?:(?P<count>a|an|one|{_NUM})\s+)?(?:(?P<word>[\w-]+)\s+)?(?:msgs?|messages?|events?|readings?|updates?"
    r"|samples?|data ?points?|heartbeats?|pings?|reports?|measurements?"
    # (h57) what a tracked thing reports: "each reporting a position every 30 seconds", "a gps fix every 5 s"
    r"|positions?|locations?|status(?:es)?|(?:gps )?fix(?:es)?|telemetry|check-?ins?"
    # (s39) what a device or a client sends, by other names: "each firing a signal every 100 ms", "a beacon every 5 s"
    r"|signals?|beacons?|frames?|packets?|snapshots?|pulses?|payloads?"
    # the sending itself: "3,000 trucks pinging every 10s", "each node reports in every 30 seconds"
    r"|(?<!\w)(?P<verb>(?:ping|report|publish|emit|post|upload|beacon|transmit|sync|check)(?:s|es|ed|ing)?"
    r"(?: in| back| home| out)?"
    # (s39) a device that wakes to send: "each one wakes up every six hours and sends its reading"
    r"|wak(?:e|es|ing) up(?=\s+every\s[^.;!?\n]{0,30}?(?:\band|\bto|,)\s+(?:then\s+)?"
    r"(?:sends?|reports?|uploads?|transmits?|publish(?:es)?|posts?|phones? home)\b)))"
    # (h57) "sends sales updates roughly every 5 seconds"
    r"(?:\s+(?:roughly|about|around|approximately|~))?"
    # (h42) "pings once a second", "reports twice a minute": a period said by how often in it
    r"\s+(?:every|(?:once|(?P<twice>twice)) (?:a|an|per|every))\s+"
    # (s39) the period's count in words ("every six hours") and in milliseconds ("every 100 ms")
    rf"(?:(?P<n>{_NUM}|two|three|four|five|six|eight|ten|twelve|fifteen|twenty|thirty|sixty)\s*)?"
    r"(?P<per>s|secs?|seconds?|mins?|minutes?|h|hrs?|hours?|ms|milliseconds?)\b",
    re.IGNORECASE,
)
# (s39) a period's count in words beyond _WORD_FIGURES ("every six hours", "every twelve hours")
_PERIOD_WORDS = {"six": 6.0, "twelve": 12.0, "fifteen": 15.0, "thirty": 30.0, "sixty": 60.0}
_WORD_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "a couple of": 2, "a few": 3, "solo": 1, "single": 1,
}
_COUNT = r"\d+|one|two|three|four|five|six|seven|eight|nine|ten"
TEAM_RE = _regex(
    rf"(?:team of (?P<a>{_COUNT})(?: (?:people|engineers|developers|devs|persons))?"
    rf"|(?P<b>{_COUNT})[- ](?:person|people|man|member|engineer|developer|dev)s?(?:[- ](?:eng(?:ineering)? )?team)?"
    rf"|(?P<c>{_COUNT}) (?:(?:backend|back-end|frontend|front-end|full[- ]?stack|software|platform|infra|devops|ops) )?"
    r"(?:engineers|engs|developers|devs|people|folks|maintainers|sres)"
    r"(?: (?:on|in) (?:the|our|my) team)?"
    # (s30) "our infra team is literally one guy", "the ops team is basically 2 sres"
    r"|team (?:is|are) (?:(?:just|only|literally|basically|really|like|currently|effectively|essentially"
    rf"|realistically) )*(?P<d>{_COUNT})"
    r"(?: (?:people|engineers|developers|devs|persons|person|guys?|gals?|sres|folks|humans))?"
    rf"|(?P<e>{_COUNT}) of us\b)"
    # "one person per squad" counts a ratio, not the team (whole words: "5 engineer|s per shift" is no team)
    r"(?![\w-])(?!\s+(?:per|for each|for every|in each|in every|on each|on every|at each|at every)\b)",
    re.IGNORECASE,
)

# A team size says how many run the system only when the people counted are the ones who would run it.
# Not: people whose role is to use the data ("a team of 4 analysts", "the mobile team (5 people)"), another
# party's people ("the customer's team is 4", "2 engineers from the vendor"), a count per place or spread
# over the company ("5 engineers in each region", "across the org"), or people counted by what they use or
# know rather than run ("3 frontend devs consume the feed", "two of us know kafka").  The teams, roles and
# parties are the lexicon's ``team_others``; what may stand around them is here.
@dataclass(frozen=True)
class _TeamOthersPatterns:
    """The team-size reader's patterns about people who would not run the system, built from the lexicon's
    ``team_others``."""

    kind_before: re.Pattern[str]  # "the analytics team (", "our ML squad:"
    kind_after: re.Pattern[str]  # (h72) "… design team", after "a 3-person"
    party_before: re.Pattern[str]  # "the customer's", "our vendor's on-call has"
    not_running_after: re.Pattern[str]  # "analysts", "from the vendor", "could run it", "know kafka"
    builds: re.Pattern[str]  # (s31) "the team that will build this", "write the app"
    run_elsewhere: re.Pattern[str]  # (s31) "ops is handled by a separate infra group"


def _team_others_patterns(lex: Lexicon) -> _TeamOthersPatterns:
    t = lex.team_others
    kind_before = _regex(
        rf"\b(?:{_alternatives(t.teams)})(?:['’]s?)?(?:[- ](?:team|squad|group|org|folks|people)s?"
        r"\s*(?:\(\s*|,\s*|:\s*|-\s*|—\s*)?|\s*\(\s*"
        # (h82) ... or as the subject the team is said of: "marketing is a small team", "the analysts are a tiny
        # team", "our data science group is a team of 4"
        r"|(?:[- ](?:team|squad|group|org|folks|people|department|dept)s?)?\s+(?:is|are|['’]s|['’]re)\s+"
        r"(?:just |only |basically |literally |really |still |also )?(?:a |an )?(?:[\w-]+\s+)?)$",
        re.IGNORECASE,
    )
    # (h72) the kind named after a count that qualifies it: "our 3-person design team", "a 2-person qa squad"
    kind_after = _regex(
        rf"\s*(?:{_alternatives(t.teams)})[- ](?:team|squad|group|org|folks|crew|department|dept)s?\b",
        re.IGNORECASE,
    )
    party_before = _regex(
        rf"\b(?:{_alternatives(t.parties_before)}|another|other|their)['’]?s?"
        # "team size on the customer side: 2 engineers": a label's colon may end the words between
        # (h16) a comma between the words: "our clients' teams are tiny, usually 2 devs"
        r"(?:,? [\w-]+){0,4}:?\s*$",
        re.IGNORECASE,
    )
    roles = rf"(?:data )?(?:{_alternatives(t.roles)})\b"
    not_running_after = _regex(
        r"\s*\)?\s*(?:"
        # the role of the people counted: "a team of 4 analysts", "kafka experience among the analysts"
        rf"(?:(?:of|among) (?:the |our |a few |some )?(?:[\w-]+ )?)?{roles}"
        # (s30) the count counts another party, not people: "the ops team of one customer", "a team of two vendors"
        rf"|(?:{_alternatives(t.parties_after)})(?:['’]s?)?\b"
        # what someone could do or once did, not who runs it: "a single developer could run it", "one dev wrote
        # the consumer", "can set it up in an afternoon"
        r"|(?:could|might|would|should)\b|(?:wrote|built|designed|prototyped|started)\b"
        # (h16) people who reviewed, attended or joined something, or who work on another part of the product:
        # "3 people reviewed the adr", "4 engineers attended the workshop", "two engineers maintain the mobile app"
        r"|(?:reviewed|attended|approved|signed off|joined|visited|voted|interviewed|presented)\b"
        r"|(?:work(?:s|ing)? on|maintain(?:s|ing)?|own(?:s|ing)?|build(?:s|ing)?|look(?:s|ing)? after)"
        r" (?:the |our |a )?"
        r"(?:mobile|ios|android|web|front[- ]?end|ui|ux|website|site|marketing|design|apps?|landing|games?)\b"
        r"|can (?:easily |quickly )?(?:set|spin|stand) (?:it |this |them |one )?up\b|can (?:install|deploy)\b"
        # another party's or spread over places: "from the vendor", "at the customer", "in each region"
        r"|(?:[\w-]+ )?(?:from|at|of|on loan from|in|with|on) (?:the |a |our |their |each |every |another |other )?"
        rf"(?:{_alternatives(t.parties_after)}|another|other|each|every)\b"
        # an organisation counted that is another party: "a 2-person startup is our biggest customer"
        rf"|(?:[\w-]+ )?(?:is|are|was|were) (?:one of |among )?(?:our|their|the|a|an) (?:[\w-]+ ){{0,2}}?"
        rf"(?:{_alternatives(t.parties_after)})\b"
        r"|across (?:the |our |all |several |many |different )?(?:org|orgs|organi[sz]ations?|company|companies"
        r"|teams|squads|regions|offices|business units)\b"
        # people counted by the effort a piece of work took: "two engineers six weeks", "2 devs in a week",
        # "two engineers spent a quarter tuning kafka"
        r"|(?:[\w-]+ ){0,2}?(?:in |for |over |about |roughly |~)*(?:\d+|an?|one|two|three|four|five|six|seven"
        r"|eight|nine|ten|a few|several|a couple of) (?:days?|weeks?|months?|quarters?|sprints?|years?)\b"
        r"(?! (?:ago|old)\b)"
        # counted by what they use or know: "consume the feed", "know kafka", "write producers"
        r"|(?:(?:who|that|which) )?(?:mostly |only |just |also |occasionally |all |each |will |would )?"
        r"(?:consumes?|consuming|reads?|reading|quer(?:y|ies|ying)|look(?:s|ing)? at|subscribes?|publish(?:es)?"
        r"|produces?|writes?|build(?:s|ing)? (?:reports?|dashboards?|models?|features?|forecasts?)|trains?"
        r"|analy[sz]es?|views?"
        r"|watch(?:es)?|knows?|(?:have|has) (?:used|touched|worked with)|touch(?:es)?|are familiar|dabble)\b)",
        re.IGNORECASE,
    )
    builds = _regex(rf"\b(?:{_alternatives(t.builders)})", re.IGNORECASE)
    run_elsewhere = _regex(rf"\b(?:{_alternatives(t.run_elsewhere)})", re.IGNORECASE)
    return _TeamOthersPatterns(kind_before, kind_after, party_before, not_running_after, builds, run_elsewhere)


# Why a team size is asked rather than read, and what the answer decides.
_TEAM_OF_OTHERS_DOUBT = (
    "Those people use the data or belong to someone else: who runs the messaging system, and how many are they?"
)
_SMALL_TEAM_STAKES = "A team of five or fewer cannot staff production Kafka."

_RANGE_AFTER_RE = _regex(rf"\s*(?:-|–|to)\s*(?P<n>{_COUNT})\b", re.IGNORECASE)
_RANGE_BEFORE_RE = _regex(rf"\b(?P<n>{_COUNT})\s*(?:-|–|to)\s*$", re.IGNORECASE)


def _team_number(m: re.Match[str]) -> str:
    """The name of the group of TEAM_RE that holds the count."""
    return next(g for g in "abcde" if m.group(g) is not None)


# People counted by a piece of work done, or as the team once was: "it took 2 engineers", "hired 3 devs",
# what something needs ("kafka needs a team of three"),
# "built by 2 devs", "founded by 3 people", "in 2019 we were 4 engineers", "back then we were 3", or yet to be
# hired ("headcount plan: hire 3 SREs").
_TEAM_EFFORT_BEFORE_RE = _regex(
    r"\b(?:took|take|takes|spent|spend|needed|required|hire|hired|hiring|recruit|recruited|founded by|built by"
    # (s31) what a product is said to need, generically: "kafka needs a team of three just to keep it running"
    r"|needs|requires|demands|calls for"
    r"|written by|designed by|started by|paged|(?:in|since|until|by) (?:19|20)\d\d|back then|at first"
    r"|originally|initially|when we started|used to be"
    # (h16) a workplace or a time of the writer's past: "previously one engineer ran it", "i worked at a startup
    # where one engineer ran rabbitmq", "at my last job two devs ran kafka"
    r"|previously|formerly|(?:worked|interned|consulted) (?:at|for) (?:an? |my |our |some )?(?:[\w-]+ )?"
    r"(?:startup|company|bank|shop|employer|agency|scale-?up|enterprise|place)"
    r"|(?:at|in) (?:my|our|a) (?:last|previous|prior|old|former) (?:job|company|employer|gig|role|workplace|startup)"
    # an on-call rotation counts who carries a pager (often for something else), not who runs the broker
    r"|rotation (?:is|of|has|with|covers)|rotation:"
    # a team in someone's story: "the blog post describes how a three-person team …", "a talk where 2 devs …"
    # a team of an earlier time: "the old ops team was 2 people"
    r"|old|former|previous|prior"
    r"|talks?|case stud(?:y|ies)|blog posts?|posts?|articles?|webinars?|podcasts?|keynotes?|papers?"
    r"|write-?ups?)\b(?:\s+[\w'’,-]+){0,3}\s*$",
    re.IGNORECASE,
)


# (h16) A team named by a relative clause of use before its count: "the team that consumes the events is 4
# people", "the folks who read the dashboards are 3 devs" (the people who run it are not those who use it).
_TEAM_USES_BEFORE_RE = _regex(
    r"\b(?:team|squad|group|folks|people|devs|developers|engineers|users)s? (?:that|who|which) "
    r"(?:will |would |is going to |are going to |is to |are to )?(?:mostly |only |just |also |all )?"
    r"(?:consum\w*|reads?|reading|uses?|using|quer\w*|subscrib\w*|watch\w*|looks? at|analy[sz]\w*"
    r"|receiv\w*|builds? (?:the )?(?:apps?|ui|front[- ]?ends?|dashboards?|reports?|models?))\b"
    r"(?:\s+[\w'’-]+){0,6}?\s+(?:is|are|has|have|numbers?|counts?)\s+(?:just |only |about |around |roughly |~\s*)?$",
    re.IGNORECASE,
)


# (h16) A count in each group ("each pod has 2 devs and a pm") or of a body that decides rather than runs ("the
# steering committee is 4 people").
_TEAM_GROUP_BEFORE_RE = _regex(
    r"\b(?:(?:each|every|per) (?:[\w-]+ ){0,2}?(?:has|have|is|are|with|of|gets?)"
    r"|(?:committee|board|leadership|management|exec\w*|council|panel|steering group)s? (?:is|are|has|have|of|with))"
    r"\s+(?:just |only |about |around |roughly |~\s*)?$",
    re.IGNORECASE,
)


# (h72) The team's own noun after a count that qualifies it ("2-person data team", "3-person team"), with one word
# of kind at most before it.
_TEAM_NOUN_AFTER_RE = _regex(r"(?:[- ](?:[\w-]+[- ])?)?(?:team|squad|group|crew)s?\b", re.IGNORECASE)


def _team_of_others(text: str, start: int, end: int, sentence: tuple[int, int], kb: Knowledge) -> bool:
    """Whether the team between ``start`` and ``end`` counts people who would not run the messaging system."""
    others = _compile(kb).team_others
    # "our customers' ops teams are usually 1-2 people": the words before a range are read before its low end
    low_end = _search(_RANGE_BEFORE_RE, text, max(sentence[0], start - 8), start)
    if low_end is not None:
        start = low_end.start()
    if _search(_TEAM_USES_BEFORE_RE, text, max(sentence[0], start - 80), start) is not None:
        return True
    if _search(_TEAM_GROUP_BEFORE_RE, text, max(sentence[0], start - 40), start) is not None:
        return True
    if _search(_TEAM_EFFORT_BEFORE_RE, text, max(sentence[0], start - 40), start) is not None:
        return True
    if _search(others.kind_before, text, max(sentence[0], start - 40), start) is not None:
        return True
    # "the QA team of 3", "our data science team of five": the count's own "team" is named by its kind
    if text[start:start + 4].lower() == "team" and _search(
        others.kind_before, text, max(sentence[0], start - 40), start + 4
    ) is not None:
        return True
    if _search(others.party_before, text, max(sentence[0], start - 40), start) is not None:
        return True
    if _match(others.kind_after, text, end, min(sentence[1], end + 40)) is not None:
        return True
    # (s31) the people who build the application, when another group is said to run the infrastructure: "the
    # team that will build this is 4 devs, ops is handled by a separate infra group"
    if _search(others.builds, text, max(sentence[0], start - 60), min(sentence[1], end + 60)) is not None and (
        _search(others.run_elsewhere, text, sentence[0], min(len(text), sentence[1] + 200)) is not None
    ):
        return True
    # (h72) "the 2-person data team only builds dashboards": what the team does is read after its own noun too
    named = _match(_TEAM_NOUN_AFTER_RE, text, end, min(sentence[1], end + 40))
    if named is not None and _match(others.not_running_after, text, named.end(), min(sentence[1], named.end() + 60)):
        return True
    return _match(others.not_running_after, text, end, min(sentence[1], end + 60)) is not None


# ---------------------------------------------------------------------------
# Clauses

_SENTENCE_BREAK = _regex(r"[.;!?\n](?:\s|$)|\n")
# (h74) a decimal point ("0.5 seconds", "1.5k/s") is no full stop
_CLAUSE_BREAK = _regex(
    r"(?<!\d)\.|\.(?!\d)|[;!?\n()\[\]]|,|—|–|\s-\s|\bbut\b|\bhowever\b|\bwhile\b|\balthough\b|\bwhereas\b",
    re.IGNORECASE,
)
_WORD = _regex(r"[\w'’]+")
# What follows a preposition is its object, not what is said of the phrase: "we replay the stream after
# a bug" is no "replay is a bug", "consumers re-read the log after a major issue" no "is a major issue".
_PREPOSITIONS = (
    "after", "before", "for", "from", "of", "with", "by", "in", "on", "during", "despite", "following", "since",
    "until", "like",
)
# ... also with an article between: "we reprocess after a bug" is no "reprocessing is a bug" either.
_NOT_AFTER_PREPOSITION = "".join(
    rf"(?<!\b{p}\s{d})" for p in _PREPOSITIONS for d in ("", "a ", "an ", "the ", "any ", "some ")
)

# The reach of polarity and modifier windows, in characters: bounded, so each look-up costs O(1).
_PRE_WINDOW = 120
_POST_WINDOW = 90
_POSSESSIVE = _regex(r"^['’]s?\s+$")
_COORDINATED = _regex(r"^\W*(?:or|nor|and/or|/|,)?\W*(?:or|nor)?\W*$", re.IGNORECASE)


class _Bounds:
    """Break positions found once; the clause or sentence around any position by bisection."""

    def __init__(self, text: str, pattern: re.Pattern[str], skip: frozenset[int] = frozenset()) -> None:
        matches = [m for m in _scan(pattern, text) if m.start() not in skip]
        self.starts = [0, *(m.end() for m in matches)]
        self.ends = [*(m.start() for m in matches), len(text)]

    def around(self, position: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.starts, position) - 1
        return self.starts[i], self.ends[i] if i < len(self.ends) else self.starts[i]


# ---------------------------------------------------------------------------
# Results


@dataclass
class _Hit:
    question: str
    value: str
    start: int
    end: int
    text: str
    numeric: bool = False
    implies: dict[str, str] = field(default_factory=dict)
    leaning: bool = False  # a vague phrase's lean: settles only a figure between the bounds
    # A lean-only phrase (the lexicon's `leans` with `value: ""`: "clickstream", "millions of users") is
    # evidence from the domain, not the team's own word for the figure: it settles nothing, not even that.
    weak: bool = False
    # (h19) a throughput figure's scope: "estate" (said of the estate as a whole or a broader feed:
    # "company-wide", "the firehose"), "narrowed" (the workload's share: "of which", "this service"), or ""
    scope: str = ""


@dataclass
class WorkloadReading:
    """One workload of a description that holds several."""

    span: tuple[int, int]
    text: str
    answers: list[ParsedAnswer]
    ambiguous: list[Ambiguity]

    def as_dict(self) -> dict[str, str]:
        return {a.question: a.value for a in self.answers}


@dataclass
class ParseResult:
    answers: list[ParsedAnswer]
    ambiguous: list[Ambiguity]
    workloads: list[WorkloadReading] = field(default_factory=list)
    # Weak evidence for questions the text leaves unanswered (the lexicon's ``leans``): not
    # answers, never asked about differently; the text-only ranking leans on them.
    leans: list[ParsedAnswer] = field(default_factory=list)

    def as_dict(self) -> dict[str, str]:
        return {a.question: a.value for a in self.answers}


# ---------------------------------------------------------------------------
# Compiling the lexicon

_SIMPLE_WORD = _regex(r"^[a-z]+$")


def _inflect(word: str, irregular: dict[str, list[str]]) -> str:
    """``buffer`` -> buffer, buffers, buffered, buffering (and the data's irregular forms)."""
    extra = irregular.get(word, [])
    if word.endswith("e"):
        forms = rf"{word[:-1]}(?:e|es|ed|ing)"
    elif len(word) > 2 and word.endswith("y") and word[-2] not in "aeiou":
        forms = rf"{word[:-1]}(?:y|ies|ied|ying)"
    elif word.endswith(("s", "x", "z", "ch", "sh")):
        forms = rf"{word}(?:es|ed|ing)?"
    elif len(word) >= 3 and word[-1] not in "aeiouwxy" and word[-2] in "aeiou" and word[-3] not in "aeiou":
        last = word[-1]
        forms = rf"{word}(?:s|{last}?ed|{last}?ing)?"  # drop -> dropped, dropping
    else:
        forms = rf"{word}(?:s|ed|ing)?"
    return "(?:" + "|".join([forms, *map(re.escape, extra)]) + ")"


_INFLECTABLE = _regex(r"(?<![\w\\)\]])([a-z]+)\+")
_INFLECTABLE_GROUP = _regex(r"\(\?:([a-z][a-z |?+\[\]-]*)\)\+")
_GAP = _regex(r"\s*…\s*")
# How often something happens: transparent between a phrase and its predicate.
_FREQUENCY = (
    r"(?:(?:every )?now and (?:then|again)|here (?:and|or) there|once in a while|from time to time|every so often"
    r"|occasionally|sometimes|rarely|at times)"
)
_FREQUENCY_AFTER = _regex(rf"\W*{_FREQUENCY}(?![\w'’])", re.IGNORECASE)
_FREQUENCY_ANY = _regex(rf"(?<![\w'’]){_FREQUENCY}(?![\w'’])", re.IGNORECASE)


_GROUP_HEAD = _regex(r"((?:[a-z]+-\?)?)([a-z]+)\+?")


def _inflect_group(alternatives: str, irregular: dict[str, list[str]]) -> str:
    """``(?:wait|block for|re-?send|pick+ up)+``: each alternative's first word inflected (after an
    optional "re-?"-like prefix); an alternative whose first word is a pattern ("analy[sz]e") stays."""
    forms = []
    for alternative in alternatives.split("|"):
        head, _, rest = alternative.partition(" ")
        found = _GROUP_HEAD.fullmatch(head)
        inflected = found.group(1) + _inflect(found.group(2), irregular) if found else head
        forms.append(inflected + (f" {rest}" if rest else ""))
    return "(?:" + "|".join(forms) + ")"
_WORD_HYPHEN = _regex(r"(?<=[a-z])-(?=[a-z(])")
# The gap between two words of a phrase: spaces or hyphens, and a line break only inside a paragraph.
# A phrase never runs from one list item, heading, table row or paragraph into the next: in
# "- voice streaming\n- pipeline triggers" no "streaming pipeline" is written.
_BETWEEN_WORDS = r"(?:[^\S\n]|-|\n(?![^\S\n]*(?:[-*•+>#|]|\d+[.)]|\n)))+"
# The same gap for the lexicon's entries, which are matched against the text with every space-like
# character and each line break inside a paragraph read as a plain space (``_within_paragraphs``): a gap
# is then spaces or hyphens only.  It stands between every two words of every phrase, so the entries'
# patterns are half the size with it, and as much faster to compile (the first long text a process
# reads compiles most of them).
_ENTRY_GAP = r"[ -]+"
_SOFT_BREAK = _regex(r"[^\S\n]|\n(?![^\S\n]*(?:[-*•+>#|]|\d+[.)]|\n))")


def _within_paragraphs(text: str) -> str:
    """``text`` with each space-like character (tab, no-break space …) and each line break inside a
    paragraph (not before a list item, a heading, a table row or a blank line) as a plain space: one
    character for one, so every match's span points into ``text``."""
    return _SOFT_BREAK.sub(" ", text)


def _broken_at(text: str, positions: Iterable[int]) -> str:
    """``text`` with a line break in place of the character at each of ``positions`` (one for one)."""
    typed = list(text)
    for at in positions:
        typed[at] = "\n"
    return "".join(typed)


def _phrases_of(text: str, question_breaks: Iterable[int]) -> str:
    """What the lexicon's entries read (see ``_ENTRY_GAP``): the text within its paragraphs, but for the break
    before each question set apart from the statement before it (``_question_tails_apart``), which a phrase must
    not read past ("… instead of being dropped⏎thoughts?" is no "dropped thoughts")."""
    return _broken_at(_within_paragraphs(text), question_breaks)


# (s34) A word a phrase's "…" may not skip: a negative quantifier in the phrase's middle denies it ("we save
# nothing to disk" is no "save … to disk"; "keep none of them for later").  A limit is no denial: "keep no
# more than 7 days" still keeps.
_NOT_IN_GAP = (
    r"(?!(?:nothing|none|nobody|never|zero|no(?![ -](?:more|less|longer|later|fewer|sooner)\b)"
    r"|not(?![ -](?:only|just|more|less|longer|later)\b))(?![\w'’-]))"
)


def term_regex(term: str, irregular: dict[str, list[str]] | None = None, *, gap: str = _BETWEEN_WORDS) -> str:
    """A lexicon term as a regular expression: ``word+`` inflects, ``…`` skips up to three words,
    a space or hyphen between words matches either (never a break into the next list item or
    paragraph); anything else is taken as regex."""
    irregular = irregular or {}
    pattern = _INFLECTABLE_GROUP.sub(lambda m: _inflect_group(m.group(1), irregular), term)
    pattern = _INFLECTABLE.sub(lambda m: _inflect(m.group(1), irregular), pattern)
    pattern = _GAP.sub("\x00", pattern)
    out: list[str] = []
    in_class = False
    for i, char in enumerate(pattern):
        if char == "[" and (i == 0 or pattern[i - 1] != "\\"):
            in_class = True
        elif char == "]" and in_class and pattern[i - 1] != "\\":
            in_class = False
        if in_class:
            out.append(char)  # a character class is regex: "[a-z]" keeps its range
        elif char == " ":
            # a quantified space ("data ?sheets?", "\\d+ ?ms") quantifies the whole gap: an optional gap,
            # not a lazy one that still needs a space
            quantified = pattern[i + 1:i + 2] in ("?", "*", "+", "{")
            out.append(f"(?:{gap})" if quantified else gap)
        elif char == "-" and _WORD_HYPHEN.match(pattern, i):
            out.append(r"[\s-]?")
        else:
            out.append(char)
    return "".join(out).replace("\x00", rf"{gap}(?:{_NOT_IN_GAP}[^\s.;!?]+{gap}){{0,3}}?")


_CLASS_REF = _regex(r"\{([a-z][a-z_]*)\}")


def expand_classes(term: str, classes: dict[str, list[str]]) -> str:
    """``{comeback}`` in a term becomes the lexicon's word class of that name, as one group of
    alternatives (themselves terms: ``word+`` inflects); ``{0,3}`` and other quantifiers stay."""

    def one(m: re.Match[str]) -> str:
        name = m.group(1)
        if name not in classes:
            raise KeyError(f"lexicon: unknown word class {{{name}}} in {term!r}")
        return "(?:" + "|".join(expand_classes(w, classes) for w in classes[name]) + ")"

    return _CLASS_REF.sub(one, term)


def _words_regex(words: list[str], irregular: dict[str, list[str]]) -> str:
    return "|".join(f"(?:{term_regex(w, irregular)})" for w in words)



# ---------------------------------------------------------------------------
# Anchors: the words an entry's phrase must start with.  Each entry's regular
# expression runs only in windows around the words that can start it (found in
# a word index built once), so a long text costs one pass plus small windows.

_ANCHOR_WORD = _regex(r"[a-z0-9µμ]+")
_LEADING = _regex(r"[a-z0-9µμ]+")


# Everything up to the next "(", ")" or "|" outside escapes and character classes, then that
# character (possessive, so a text without one fails at once).
_STRUCTURAL = _regex(r"(?:[^\\\[()|]++|\\.|\[\^?\]?(?:\\.|[^\]\\])*+\])*+([()|])", re.DOTALL)
_CLASS_BODY = _regex(r"\^?\]?(?:\\.|[^\]\\])*\]?", re.DOTALL)


class _Skeleton:
    """Where each group of a regular expression closes and where the top-level ``|`` of each group
    (and of the whole) are, found in one pass."""

    def __init__(self, regex: str) -> None:
        self.regex = regex
        self.close: dict[int, int] = {}  # a group's "(" -> just after its ")"
        self.bars: dict[int, list[int]] = {}  # a group's "(" (-1: the whole) -> its top-level "|"
        open_at = [-1]
        for m in _STRUCTURAL.finditer(regex):
            i, char = m.start(1), m.group(1)
            if char == "(":
                open_at.append(i)
            elif char == ")":
                if len(open_at) > 1:
                    self.close[open_at.pop()] = i + 1
            else:
                self.bars.setdefault(open_at[-1], []).append(i)
        for unclosed in open_at[1:]:
            self.close[unclosed] = len(regex)


def _anchors(regex: str) -> set[str] | None:
    """Lower-case word prefixes one of which starts every match of ``regex`` ("\\d" for a digit),
    or None when they cannot be told."""
    return _alternation_anchors(_Skeleton(regex), 0, len(regex), -1)


def _alternation_anchors(sk: _Skeleton, lo: int, hi: int, owner: int) -> set[str] | None:
    """The anchors of ``sk.regex[lo:hi]``, the body of the group opening at ``owner`` (-1: the whole)."""
    found: set[str] = set()
    begin = lo
    for bar in [*sk.bars.get(owner, ()), hi]:
        branch_anchors = _branch_anchors(sk, begin, bar)
        if branch_anchors is None:
            return None
        found |= branch_anchors
        begin = bar + 1
    return found


_LOOKAROUND = ("(?<!", "(?<=", "(?!", "(?=")


def _past_zero_width(sk: _Skeleton, lo: int, hi: int) -> int:
    """Where ``sk.regex[lo:hi]`` starts to match text: past look-arounds, ``\b`` and groups of nothing
    else ("(?:(?<=a )|(?<=an ))")."""
    regex = sk.regex
    while lo < hi:
        if regex.startswith(_LOOKAROUND, lo, hi):
            lo = min(sk.close[lo], hi)
        elif regex.startswith("\\b", lo, hi):
            lo += 2
        elif regex.startswith("(?:", lo, hi) and _only_zero_width(sk, lo):
            lo = min(sk.close[lo], hi)
        else:
            break
    return lo


def _only_zero_width(sk: _Skeleton, opening: int) -> bool:
    """Whether the group opening at ``opening`` (unquantified) matches no text in any branch."""
    end = sk.close[opening]
    if end < len(sk.regex) and sk.regex[end] in "?*+{":
        return False
    begin = opening + 3
    for bar in [*sk.bars.get(opening, ()), end - 1]:
        if _past_zero_width(sk, begin, bar) != bar:
            return False
        begin = bar + 1
    return True


def _branch_anchors(sk: _Skeleton, lo: int, hi: int) -> set[str] | None:
    """The anchors of the branch ``sk.regex[lo:hi]`` (no top-level ``|`` in it)."""
    regex = sk.regex
    lo = _past_zero_width(sk, lo, hi)
    if regex.startswith("\\d", lo, hi):
        return {"\\d"}
    if regex.startswith("(?:", lo, hi):
        end = min(sk.close[lo], hi)
        inner = _alternation_anchors(sk, lo + 3, end - 1, lo)
        after = regex[end] if end < hi else ""
        if after in ("*", "{"):
            return None
        if after == "?":
            # An optional group: the match starts with it or with what follows it.
            rest_at = end + 1
            while rest_at < hi and regex[rest_at] == "?":
                rest_at += 1
            rest = _branch_anchors(sk, rest_at, hi)
            return None if inner is None or rest is None else inner | rest
        return inner
    leading = _LEADING.match(regex, lo, hi)
    if leading is None:
        return None
    word = leading.group(0)
    if regex[leading.end():min(leading.end() + 1, hi)] in ("?", "*", "{"):
        word = word[:-1]
    return {word} if word else None


# Required strings: beside the words a phrase starts with, the literal text its pattern cannot
# match without.  "(?:keep|retain)s? (?:every|all) messages?" needs "keep" or "retain", then "every"
# or "all", then "message": a text lacking one of them cannot match, so its alternative is not
# compiled for that text (compiling is most of what a short description costs, see ``_live``).
# Computed per alternative on first use and kept for the process.

_CLASS_ESCAPES = frozenset("sSwWdDbBAZntrfv0123456789")
_QUANTIFIER = _regex(r"[?*+]|\{\d*(?:,\d*)?\}")
_PLAIN = _regex(r"[^\\\[\](){}?*+|.^$]+")
_MIN_REQUIRED = 3  # shorter strings occur in almost any text
_REQUIRED: dict[str, list[frozenset[str]]] = {}


def _class_end(regex: str, start: int) -> int:
    """The index just after the character class opening at ``start``."""
    return _CLASS_BODY.match(regex, start + 1).end()  # type: ignore[union-attr]  # always matches


def _required(regex: str) -> list[frozenset[str]]:
    """Sets of lower-case strings such that every match of ``regex`` (matched ignoring case) contains one
    string of each set (an empty list when nothing can be told).  Kept by the regex as given, so the
    same alternative, text after text, is one dictionary look-up."""
    found = _REQUIRED.get(regex)
    if found is None:
        found = _REQUIRED[regex] = _alternation_required(_Skeleton(regex), 0, len(regex), -1)
    return found


# The lexicon's analysis kept across processes.  ``msgchoice advise`` is a fresh process each time, and
# turning terms into patterns and finding each alternative's first words and required strings is
# pure Python that gives the same result for the same lexicon and the same code: it is written once to
# a JSON file named after both (``MSGCHOICE_CACHE_DIR``, else ``$XDG_CACHE_HOME/msgchoice`` or
# ``~/.cache/msgchoice``; ``MSGCHOICE_CACHE_DIR=off`` turns it off) and read by every later process.
# Another lexicon or another version of this module is another file.
# A missing, unreadable or unwritable file only costs the time it would have saved.

_CODE_DIGEST = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16]
_CACHE_FILES_KEPT = 4


def _strings(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def _analysed_shape(item: tuple[object, ...]) -> bool:
    """(regex, anchors or None, [required strings, ...]) as written by ``_Analysis.save``."""
    return (
        len(item) == 3
        and isinstance(item[0], str)
        and (item[1] is None or _strings(item[1]))
        and isinstance(item[2], list)
        and all(_strings(strings) for strings in item[2])
    )


@dataclass
class _Analysis:
    """Per lexicon entry (by its place in the lexicon), each alternative's regex (from its term), first
    words (None: cannot be told) and required strings."""

    entries: dict[str, list[tuple[str, list[str] | None, list[list[str]]]]] = field(default_factory=dict)

    @staticmethod
    def path(kb: Knowledge) -> Path | None:
        folder = _cache_dir()
        if folder is None:
            return None
        digest = hashlib.sha256(kb.lexicon.model_dump_json().encode())  # the lexicon itself, not a version label
        digest.update(f"|{_CODE_DIGEST}|{sys.version_info[:2]}".encode())
        key = digest.hexdigest()[:20]
        return folder / f"lexicon-{key}.json"

    @classmethod
    def load(cls, path: Path | None) -> _Analysis | None:
        if path is None:
            return None
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            entries = {key: [tuple(item) for item in items] for key, items in data["entries"].items()}
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None
        if not all(_analysed_shape(item) for items in entries.values() for item in items):
            return None
        return cls(entries=entries)

    def save(self, path: Path | None) -> None:
        if path is None:
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as out:
                    json.dump({"entries": self.entries}, out)
                os.replace(temporary, path)  # readers see the old file or the whole new one
            except BaseException:
                os.unlink(temporary)
                raise
            # Earlier lexicons' files (an upgrade, a team's edited lexicon): the newest few are kept.
            older = sorted(path.parent.glob("lexicon-*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
            for stale in older[_CACHE_FILES_KEPT:]:
                stale.unlink(missing_ok=True)
            _prune_regex_cache()  # the patterns of earlier lexicons, when they have piled up
        except OSError:
            pass


def _alternation_required(sk: _Skeleton, lo: int, hi: int, owner: int) -> list[frozenset[str]]:
    """The required strings of ``sk.regex[lo:hi]``, the body of the group opening at ``owner``
    (-1: the whole).  Of an alternation, one set: of each branch, its set whose shortest string is
    longest (nothing when a branch requires nothing)."""
    bars = sk.bars.get(owner)
    if not bars:
        return _branch_required(sk, lo, hi)
    either: set[str] = set()
    begin = lo
    for bar in [*bars, hi]:
        sets = _branch_required(sk, begin, bar)
        if not sets:
            return []
        either |= max(sets, key=lambda strings: min(map(len, strings)))
        begin = bar + 1
    return [frozenset(either)]


def _branch_required(sk: _Skeleton, lo: int, hi: int) -> list[frozenset[str]]:
    """The required strings of the branch ``sk.regex[lo:hi]`` (no top-level ``|`` in it)."""
    regex = sk.regex
    sets: list[frozenset[str]] = []
    run: list[str] = []

    def close() -> None:
        if len(run) >= _MIN_REQUIRED:
            sets.append(frozenset(["".join(run).lower()]))
        run.clear()

    i = lo
    while i < hi:
        plain = _PLAIN.match(regex, i, hi)
        if plain is not None and not _QUANTIFIER.match(regex, plain.end(), hi):
            run.extend(plain.group(0))  # a run of plain characters, none quantified
            i = plain.end()
            continue
        if plain is not None and plain.end() - i > 1:
            run.extend(regex[i:plain.end() - 1])  # all but the last, which a quantifier follows
            i = plain.end() - 1
        char = regex[i]
        kind, group = "literal", (0, 0, 0)
        if char == "\\":
            char = regex[i + 1:i + 2]
            kind = "other" if char in _CLASS_ESCAPES else "literal"
            i += 2
        elif char == "[":
            kind, i = "other", min(_class_end(regex, i), hi)
        elif char == "(":
            opening, i = i, min(sk.close[i], hi)
            if regex.startswith(("(?=", "(?!", "(?<=", "(?<!"), opening):
                kind = "zero-width"
            elif regex.startswith("(?:", opening):
                kind, group = "group", (opening + 3, i - 1, opening)
            elif regex.startswith("(?P<", opening):
                kind, group = "group", (regex.index(">", opening) + 1, i - 1, opening)
            elif regex.startswith("(?", opening):
                kind = "other"  # inline flags and the like: nothing is told
            else:
                kind, group = "group", (opening + 1, i - 1, opening)
        else:
            kind = "other" if char in ".^$" else "literal"
            i += 1
        quantifier = _QUANTIFIER.match(regex, i, hi)
        quant = quantifier.group(0) if quantifier else ""
        if quantifier:
            i = quantifier.end()
            if regex[i:min(i + 1, hi)] in ("?", "+"):
                i += 1  # lazy or possessive
        optional = quant in ("?", "*") or quant.startswith(("{0", "{,"))
        if kind == "zero-width":
            continue  # matches no text: what is around it stays one run
        if kind == "literal" and not optional:
            run.append(char)
            if quant:
                close()
            continue
        close()
        if kind == "group" and not optional:
            sets.extend(_alternation_required(sk, *group))
    close()
    return sets


class _WordIndex:
    """Where each word of the text starts, by its first letters, built in one pass."""

    def __init__(self, text: str) -> None:
        self.length = len(text)
        lower = text.lower()
        if len(lower) != len(text):  # a few characters lower-case to two: keep positions aligned
            lower = "".join(ch if len(ch.lower()) != 1 else ch.lower() for ch in text)
        self.lower = lower
        self.by_prefix: dict[str, dict[str, list[int]]] = {}
        self.word_at: dict[int, str] = {}
        self.digits: list[int] = []
        for m in _scan(_ANCHOR_WORD, lower):
            word = m.group(0)
            if word[0].isdigit():
                self.digits.append(m.start())
            self.by_prefix.setdefault(word[:2], {}).setdefault(word, []).append(m.start())
            self.word_at[m.start()] = word
        self._cache: dict[frozenset[str], list[int]] = {}
        self._contained: dict[str, bool] = {}
        # Per lexicon entry, its alternatives that can match this text and where they can start
        # (see ``_live``).
        self.live: dict[int, tuple[frozenset[int], set[str], tuple[int, ...]]] = {}
        # Per entry and word (and whether an unanchored alternative matches there), the pattern of the
        # alternatives that can start where that word does (see ``_starting_at``).
        self.starting: dict[tuple[int, str, bool], tuple[re.Pattern[str], ...]] = {}

    def positions(self, anchors: set[str], span: tuple[int, int]) -> list[int]:
        """Sorted starts, inside ``span``, of the words that begin with one of ``anchors``."""
        key = frozenset(anchors)
        found = self._cache.get(key)
        if found is None:
            collected: list[int] = []
            for anchor in anchors:
                if anchor == "\\d":
                    collected.extend(self.digits)
                    continue
                buckets = (
                    [self.by_prefix.get(anchor[:2], {})]
                    if len(anchor) > 1
                    else [b for prefix, b in self.by_prefix.items() if prefix[0] == anchor]
                )
                for bucket in buckets:
                    WORK.chars += len(bucket)
                    for word, starts in bucket.items():
                        if word.startswith(anchor):
                            collected.extend(starts)
            found = self._cache[key] = sorted(set(collected))
        return found[bisect.bisect_left(found, span[0]):bisect.bisect_left(found, span[1])]

    def holds(self, required: list[frozenset[str]]) -> bool:
        """Whether the text contains one string of each of ``required`` (see ``_required``)."""
        return all(any(self._contains(string) for string in strings) for strings in required)

    def _contains(self, string: str) -> bool:
        found = self._contained.get(string)
        if found is None:
            found = self._contained[string] = string in self.lower
        return found


def _phrase_regex(joined: str) -> str:
    # never from inside a word, nor from a contraction's tail ("they're consumed" holds no "re-consume");
    # a quote mark after a space still opens a phrase ("we need 'replay'")
    return rf"(?<![\w-])(?<![^\W\d_]['’])(?:{joined})(?![\w])"


# Patterns made of some of an entry's alternatives, by entry and alternatives (bounded: a server reads
# many texts).  An entry's whole pattern is an alternation of up to a few hundred phrases (about 1 MB of
# regular expression for the lexicon), and ``re`` tries its alternatives one by one wherever it is
# tried: the parser compiles and tries, at each place, only the alternatives that can start there.
_LIVE: dict[tuple[int, tuple[int, ...]], re.Pattern[str]] = {}
_LIVE_MAX = 4096


def _live(entry: LexiconEntry, c: _Compiled, index: _WordIndex) -> tuple[frozenset[int], set[str], tuple[int, ...]]:
    """The entry's alternatives whose first words and required strings occur in the text (the others
    cannot match it), the first words of those, and those of them no first word tells.  Read off the
    whole text once, so one reading serves all of its spans."""
    known = index.live.get(id(entry))
    if known is None:
        each = c.alternatives[id(entry)]
        whole = (0, index.length)
        live = [
            i
            for i, (alternative, found) in enumerate(each)
            if (found is None or index.positions(found, whole)) and index.holds(_required(alternative))
        ]
        live_anchors: set[str] = set()
        for i in live:
            live_anchors |= each[i][1] or set()
        unanchored = tuple(i for i in live if each[i][1] is None)
        known = index.live[id(entry)] = (frozenset(live), live_anchors, unanchored)
    return known


def _entry_matches(
    entry: LexiconEntry, c: _Compiled, text: str, span: tuple[int, int], index: _WordIndex
) -> list[re.Match[str]]:
    """What the entry's whole pattern finds in ``span`` (as ``finditer`` would), trying at each place
    only the alternatives that can start there, in the entry's order: those with a first word that
    begins the word there, and, where they match, those no first word tells (found by a pattern of only
    them).  An alternative left out cannot match at that place, so the first
    alternative that matches is the one the whole pattern would take."""
    live, live_anchors, unanchored = _live(entry, c, index)
    if not live:
        return []
    each = c.alternatives[id(entry)]
    positions = index.positions(live_anchors, span)
    sought: set[int] = set()
    if unanchored:
        sought = set(_match_starts(_pattern_of(entry, each, unanchored), text, span))
        positions = sorted({*positions, *sought})
    matches: list[re.Match[str]] = []
    last_end = -1
    word_at, starting, key = index.word_at, index.starting, id(entry)
    for position in positions:
        if position < last_end:
            continue
        WORK.chars += min(_ATTEMPT_REACH, span[1] - position)
        word, seeking = word_at.get(position, ""), position in sought
        candidates = starting.get((key, word, seeking))
        if candidates is None:
            candidates = _starting_at(entry, c, live, unanchored, index, word, seeking)
        for pattern in candidates:
            m = pattern.match(text, position, span[1])
            if m is not None:
                if m.end() > m.start():
                    matches.append(m)
                    last_end = m.end()
                break
    return matches


def _starting_at(
    entry: LexiconEntry,
    c: _Compiled,
    live: frozenset[int],
    unanchored: tuple[int, ...],
    index: _WordIndex,
    word: str,
    sought: bool,
) -> tuple[re.Pattern[str], ...]:
    """The patterns, one per alternative and in the entry's order, of the entry's live alternatives
    that can start where ``word`` does (the same for every place it starts), and the unanchored ones if
    ``sought`` (one of them matches there).  One pattern per alternative: an alternative is
    compiled once whatever words it starts with, where a pattern per word would compile the
    alternatives that start with a word class (up to hundreds of first words) once for each.  Kept in
    ``index.starting``, which the caller reads first."""
    by_anchor = c.by_anchor[id(entry)]
    chosen: set[int] = set(unanchored) if sought else set()
    for end in range(1, len(word) + 1):
        chosen.update(by_anchor.get(word[:end], ()))
    if word[:1].isdigit():
        chosen.update(by_anchor.get("\\d", ()))
    each = c.alternatives[id(entry)]
    found = index.starting[(id(entry), word, sought)] = tuple(
        _pattern_of(entry, each, (i,)) for i in sorted(chosen & live)
    )
    return found


def _pattern_of(
    entry: LexiconEntry, each: list[tuple[str, set[str] | None]], chosen: tuple[int, ...]
) -> re.Pattern[str]:
    """A pattern of the entry's ``chosen`` alternatives, in their order (kept, bounded, in ``_LIVE``)."""
    key = (id(entry), chosen)
    pattern = _LIVE.get(key)
    if pattern is None:
        if len(_LIVE) >= _LIVE_MAX:
            # the oldest out (another thread may have emptied or changed the dict meanwhile)
            with contextlib.suppress(StopIteration, RuntimeError):
                _LIVE.pop(next(iter(_LIVE)), None)
        joined = "|".join(f"(?:{each[i][0]})" for i in chosen)
        pattern = _LIVE[key] = _regex(_phrase_regex(joined), re.IGNORECASE | re.MULTILINE)
    return pattern


# An anchored attempt examines at most this many characters (the longest phrase a pattern reads).
_ATTEMPT_REACH = 200


def _anchored_matches(
    pattern: re.Pattern[str],
    anchors: set[str] | None,
    text: str,
    span: tuple[int, int],
    index: _WordIndex,
) -> list[re.Match[str]]:
    """What ``pattern.finditer`` finds in ``span``, trying only where one of ``anchors`` starts a word
    (the lexicon's entries have their own way, ``_entry_matches``)."""
    if anchors is None:
        return _scan(pattern, text, *span)
    positions = index.positions(anchors, span)
    matches: list[re.Match[str]] = []
    last_end = -1
    for position in positions:
        if position < last_end:
            continue
        WORK.chars += min(_ATTEMPT_REACH, span[1] - position)
        m = pattern.match(text, position, span[1])
        if m is not None and m.end() > m.start():
            matches.append(m)
            last_end = m.end()
    return matches


def _match_starts(pattern: re.Pattern[str], text: str, span: tuple[int, int]) -> list[int]:
    """Every place in ``span`` where ``pattern`` matches, overlapping matches included."""
    starts = []
    position = span[0]
    while position < span[1]:
        m = _search(pattern, text, position, span[1])
        if m is None:
            break
        starts.append(m.start())
        position = m.start() + 1
    return starts


class _LazyPattern:
    """A regular expression compiled on first use: a description only pays for the entries
    whose words it contains (``msgchoice advise`` starts a fresh process each time)."""

    def __init__(self, source: str) -> None:
        self.source = source
        self._compiled: re.Pattern[str] | None = None

    @property
    def compiled(self) -> bool:
        return self._compiled is not None

    @property
    def pattern(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = _regex(self.source, re.IGNORECASE | re.MULTILINE)
        return self._compiled


class _CompiledSilence(NamedTuple):
    """A lexicon ``silences`` item with its words compiled (see ``_silent_leans``)."""

    silence: Silence
    words: re.Pattern[str] | None
    function_words: frozenset[str]


@dataclass
class _Compiled:
    entries: list[tuple[LexiconEntry, _LazyPattern, set[str] | None]]
    # Per entry, its alternatives in order with the anchors of each (see ``_live``), and the alternatives
    # each first word starts, in order (see ``_starting_at``).
    alternatives: dict[int, list[tuple[str, set[str] | None]]]
    by_anchor: dict[int, dict[str, tuple[int, ...]]]
    modifiers: dict[int, list[tuple[Modifier, _LazyPattern]]]
    negator: re.Pattern[str]
    tolerator_before: re.Pattern[str]
    post: list[tuple[str, re.Pattern[str]]]
    scope_break: re.Pattern[str]
    past: re.Pattern[str] | None
    hypothetical: re.Pattern[str] | None
    weighing: re.Pattern[str] | None  # the hypothetical markers without the intentions (for departures)
    plan: re.Pattern[str] | None
    plan_after: re.Pattern[str] | None
    others: re.Pattern[str] | None
    # A sentence's keeping placed in an operational database (the lexicon's ``record_stores``).
    kept_in_store: re.Pattern[str] | None
    past_after: re.Pattern[str] | None
    undecided_before: re.Pattern[str] | None
    undecided_after: re.Pattern[str] | None
    extent_before: re.Pattern[str] | None
    extent_after: re.Pattern[str] | None
    interrogative: re.Pattern[str] | None
    # A question opened later in the clause by a coordinator ("…, so what should we use?").
    question_after: re.Pattern[str] | None
    # The space before a question of its own typed straight after a statement (the lexicon's
    # ``question_openers``: "we run kafka we're 3 people what should we use?").
    question_tail: re.Pattern[str] | None
    # a sentence that opens as a question of its own (see _question_tails_apart)
    question_opening: re.Pattern[str] | None
    field_denial: re.Pattern[str] | None
    field_undecided: re.Pattern[str] | None
    field: re.Pattern[str] | None
    # (h66) A messaging system by name as a whole field's value ("existing broker: confluent cloud", "current:
    # msk"), its family (the lexicon's kafka_names, nats_names, other_names) in a named group.
    field_system: re.Pattern[str] | None
    section_lead: re.Pattern[str] | None
    heading_kind: re.Pattern[str] | None
    system_heading: re.Pattern[str] | None
    system_cell: re.Pattern[str] | None
    workload_marker: re.Pattern[str] | None
    paired_marker: re.Pattern[str] | None
    step_label: re.Pattern[str] | None
    aside: re.Pattern[str] | None
    # (h69) Words opening a sentence on a further traffic (the lexicon's ``workload_openers``), as a cut
    # (``opener``) and as the words before the sentence's subject (``opener_lead``).
    opener: re.Pattern[str] | None
    opener_lead: re.Pattern[str] | None
    # (h69) "we" and a verb acting on the traffic named after it (the lexicon's ``acting_verbs``).
    acting_lead: re.Pattern[str] | None
    announcement: re.Pattern[str] | None
    # A named system given its share of the work ("kafka for events"), its family in a named group.
    role: re.Pattern[str] | None
    destination: re.Pattern[str] | None
    any_system_name: re.Pattern[str] | None
    product_trait: re.Pattern[str] | None
    # The systems by name (the lexicon's kafka_names and nats_names): a sentence naming one may be
    # about the product ("Kafka gives you replay"), not the workload.
    system_name: re.Pattern[str] | None
    # Kafka or NATS by name, possessive included ("kafka's p99", "redpanda's marketing"): what a latency
    # is said of when it is no need (see `_latency_of_product`).
    product_name: re.Pattern[str] | None
    # A clause that speaks of the concept just named by a pronoun ("…, but we don't need it").
    referring: re.Pattern[str] | None
    # A denial that describes today's system, not the need (lexicon polarity state_*).
    state_questions: set[str]
    state_marker: re.Pattern[str] | None
    state_before: re.Pattern[str] | None
    complaint_after: re.Pattern[str] | None
    # (h81) "… we need the old behaviour back": what was said of today's keeping is wanted (state_wanted).
    state_wanted: re.Pattern[str] | None
    # "…, only their s3 keys": a claim check after a denial of keeping (references_instead).
    references_instead: re.Pattern[str] | None
    # (s40) "is everything on it just gone? we'd need it not to be": a loss asked about, answered by a need for the
    # opposite (loss_questions, wanting_otherwise).
    loss_question: re.Pattern[str] | None
    wanting_otherwise: re.Pattern[str] | None
    # "… kept in prometheus", "… is handled by cassandra": a store's own keeping (kept_elsewhere).
    kept_elsewhere: re.Pattern[str] | None
    # "… windowed reports in looker": a computation over stored data (computed_elsewhere).
    computed_elsewhere: re.Pattern[str] | None
    # (h81) "s3 holds the raw uploads durably": another store as the clause's subject (kept_by_subject), and the
    # words that say the clause speaks of the messaging after all (messaging_words).
    kept_by_subject: re.Pattern[str] | None
    messaging_words: re.Pattern[str] | None
    # How people type, read as the lexicon is written (``_PLAIN`` and the lexicon's shorthand).
    plain: re.Pattern[str]
    shorthand: list[str]  # what each shorthand entry reads as, by its number (group "short<n>" of ``plain``)
    # Words of lasting inside a phrase ("not stored forever"): its denial bounds the keeping (extent_within).
    extent_within: re.Pattern[str] | None
    # Words inside a current-system phrase (lexicon polarity *_within): the system is there already, the
    # team moves off it, it is the team's own, it is the team's own as it is now.
    owned: re.Pattern[str]
    leaving: re.Pattern[str]
    ours: re.Pattern[str]
    ours_now: re.Pattern[str]
    # "X is not enough / possible / supported": a denied "to be" that still wants X (lacking_after).
    lacking: re.Pattern[str] | None
    product_subject: re.Pattern[str] | None
    product_subject_wide: re.Pattern[str] | None
    product_frame: re.Pattern[str] | None
    per_workload: set[str]
    silence_contradicts: set[str]  # (h74) per-workload questions a silent workload keeps off the description's answers
    # Questions the whole description never touches, each with the words that would touch it (the
    # lexicon's ``silences``).
    silences: list[_CompiledSilence]
    # (s34) (question, lean) -> the words that keep such a lean read from words from counting (the
    # lexicon's ``lean_guards``).
    lean_guards: dict[tuple[str, str], re.Pattern[str]]
    kept_by_nature: set[str]
    ephemeral_by_nature: set[str]
    whole_subject: re.Pattern[str] | None
    # (h49) each side of the guide's hybrid: (question, value) pairs; a sentence opening on a measure of
    # the traffic; the words before a sentence's own subject
    hybrid_sides: dict[str, set[tuple[str, str]]]
    not_own_subject: re.Pattern[str] | None
    subject_determiners: frozenset[str]
    again_path: re.Pattern[str] | None
    # "that" right after a word that takes a whole clause (the lexicon's complement_takers)
    complement_that: re.Pattern[str] | None
    yielding: dict[str, list[str]]  # ordered: each value gives way to a later one
    max_chars: int
    producers: _ProducerPatterns
    latency_of_other: re.Pattern[str]
    team_others: _TeamOthersPatterns
    rate_of_other: _RateOfOtherPatterns
    # (h76) an aside set off by two commas between a negator and what it denies ("we don't, for this feed at
    # least, need persistence"): neither a clause break nor words in the negator's reach (polarity asides)
    parenthetical: re.Pattern[str] | None = None


def lexicon_problems(kb: Knowledge) -> list[str]:
    """Every lexicon phrase and modifier compiled as the parser builds it (terms expanded, inflected),
    which the parser otherwise does lazily, at the first description holding their words: one message
    per pattern that does not compile (``msgchoice knowledge check`` reports them)."""
    problems: list[str] = []
    # Built whole by ``_compile`` (which a bad one would stop): each section alone first, to name it.
    builders: list[tuple[str, Callable[[Lexicon], object]]] = [
        ("latency_of_other", _latency_of_other_pattern),
        ("rate_of_other", _rate_of_other_patterns),
        ("team_others", _team_others_patterns),
    ]
    for name, build in builders:
        try:
            build(kb.lexicon)
        except re.error as exc:
            problems.append(f"lexicon.yaml: {name}: the words do not compile as the parser builds them ({exc})")
    if problems:
        return problems
    c = _compile(kb)
    for entry, lazy, _ in c.entries:
        patterns = [("term or pattern", lazy), *(("modifier", m) for _, m in c.modifiers.get(id(entry), []))]
        for what, pattern in patterns:
            try:
                pattern.pattern  # noqa: B018 - compiled for its error
            except re.error as exc:
                name = entry.id or entry.question
                problems.append(
                    f"lexicon.yaml: entry {name!r}: a {what} does not compile as the parser builds it ({exc})"
                )
    return problems


_COMPILED: dict[str, _Compiled] = {}

# A clause that refers back opens after a comma, a dash or a conjunction (with a hedge such as
# "honestly" before it) and ends its clause: "we don't need it to be fast" speaks of something else.
_REFERRING_OPEN = (
    r"(?:,|—|–|\s-\s|:|(?<![\w'’])(?:but|though|although|yet|and|so|however)(?![\w'’]))\W*"
    r"(?:(?:honestly|frankly|tbh|realistically|really|to be honest|in practice|but)\W+)*"
)
_REFERRING_CLOSE = (
    r"(?=\s*(?:$|[,.;:!?)\n]|(?:right now|yet|today|any ?more|at all|for (?:now|this|that|us)|here|really"
    r"|honestly|either|tbh)(?![\w'’])))"
)

_JOIN = r"\s*(?:/|,|&|\+|\band\b|\bor\b|\bvs\.?|\bversus\b)\s*"


def _system_cell(names: list[str]) -> re.Pattern[str] | None:
    """Messaging systems and nothing else: "Apache Kafka", "Kafka / Redpanda", "NATS (JetStream)"."""
    if not names:
        return None
    one = _alternatives(names)
    return _regex(rf"(?:{one})(?:{_JOIN}(?:{one}))*(?:\s*\([^()]*\))?", re.IGNORECASE)


def _system_heading(names: list[str]) -> re.Pattern[str] | None:
    """A heading or lead-in about candidate systems: their names ("Apache Kafka", "Option B — NATS"),
    or a short name for a kind of broker with its systems ("Log/Stream (Kafka, JetStream Streams)")."""
    if not names:
        return None
    one = _alternatives(names)
    listed = rf"(?:{one})(?:{_JOIN}(?:{one}))*"
    return _regex(
        rf"(?:option\s+[\w-]+\s*[:—–.-]\s*)?{listed}(?:\s*\([^()]*\))?"
        rf"|[\w/&+ -]{{1,30}}?\s*\({listed}\)",
        re.IGNORECASE,
    )


# Where a workload marker may stand: at a sentence's or an item's start, or after a comma (or, h59, a
# dash) and a conjunction ("…, and separately compliance wants …": the conjunction joins two clauses
# about two workloads).
_MARKER_START = (
    r"(?:^|(?<=[.;:!?\n])|(?<=[.;:!?]\s)|(?<=\n\s)|(?<=\(\d\)\s)|(?<=\d\)\s)"
    r"|(?<=,\sand\s)|(?<=,\sbut\s)|(?<=,\swhile\s)|(?<=,\swhereas\s)|(?<=[—–]\sand\s)|(?<=\s-\sand\s))\s*"
)

# A list item's bullet, cut with the marker that follows it ("- cold path: …").
_BULLET = r"(?:[-*•+][ \t]+)?"
# (s41) A numbered or lettered list item's label before a sentence's first word ("2) can the connector …?",
# "(b) do we …?", "3. is …?"): a question typed as a list item opens on its interrogative all the same.
_ITEM_LABEL = r"(?:\(?(?:[1-9]|[a-h])[.)][ \t]+\W*)?"

# (h72) Helpers of a predicate between its subject and the phrase ("doesn't need to", "does not have to be"): a
# before-modifier's subject reaches over them (see `_compile`).  Not the modals of a requirement ("the relay must
# never hang on to events" states what is wanted of the messages, as the entries read it).
_PREDICATE_HELPERS = (
    r"(?:\s+(?:do|does|did|don['’]?t|doesn['’]?t|didn['’]?t|not|never|need|needs|needn['’]?t|have|has|had"
    r"|really|even|ever|actually|to))*"
)


def _compile(kb: Knowledge) -> _Compiled:
    """The lexicon, compiled once per knowledge version."""
    if kb.version in _COMPILED:
        return _COMPILED[kb.version]
    lex = kb.lexicon
    pol = lex.polarity
    irregular = pol.irregular
    entries = []
    alternatives_of: dict[int, list[tuple[str, set[str] | None]]] = {}
    by_anchor: dict[int, dict[str, tuple[int, ...]]] = {}
    modifiers: dict[int, list[tuple[Modifier, _LazyPattern]]] = {}
    cache_path = _Analysis.path(kb)
    cached = _Analysis.load(cache_path)
    analysis = cached or _Analysis()
    for number, entry in enumerate([*lex.entries, *lex.ambiguous]):
        analysed = analysis.entries.get(str(number))
        if analysed is None:
            terms = (term_regex(expand_classes(t, lex.word_classes), irregular, gap=_ENTRY_GAP) for t in entry.terms)
            analysed = analysis.entries[str(number)] = []
            # (h74) a word class in a pattern is expanded as in a term ("{datastore_subject}"), not matched as typed
            patterns = (expand_classes(p, lex.word_classes) for p in entry.patterns)
            for alternative in [*patterns, *terms]:
                found = _anchors(alternative.lower())
                strings = [sorted(r) for r in _required(alternative)]
                analysed.append((alternative, None if found is None else sorted(found), strings))
        else:
            for alternative, _, kept in analysed:
                _REQUIRED.setdefault(alternative, [frozenset(one_of) for one_of in kept])
        each = [(alternative, None if found is None else set(found)) for alternative, found, _ in analysed]
        joined = "|".join(f"(?:{alternative})" for alternative, _ in each)
        anchors: set[str] | None = set()
        for _, found in each:
            anchors = None if found is None or anchors is None else anchors | found
        entries.append((entry, _LazyPattern(_phrase_regex(joined)), anchors))
        alternatives_of[id(entry)] = each
        groups: dict[str, list[int]] = {}
        for i, (_, found) in enumerate(each):
            for anchor in found or ():
                groups.setdefault(anchor, []).append(i)
        by_anchor[id(entry)] = {anchor: tuple(ids) for anchor, ids in groups.items()}
        mods = []
        for mod in entry.modifiers:
            mod_regex = _words_regex([expand_classes(w, lex.word_classes) for w in mod.words], irregular)
            if mod.where == "before":
                # (h72) the subject a modifier names may stand before a chain of auxiliaries and a negation
                # ("the cache doesn't need to survive restarts", "session state does not have to be kept"):
                # the predicate's helpers are no words of their own, so the subject still governs the phrase
                regex = rf"(?<![\w-])(?:{mod_regex}){_PREDICATE_HELPERS}(?:\W+[\w'’-]+){{0,1}}\W*$"
            else:
                regex = rf"\W*(?:(?:that|which|who|will|can|to|also|all|we)\s+)?(?:{mod_regex})(?!\w)"
            mods.append((mod, _LazyPattern(regex)))
        modifiers[id(entry)] = mods

    def whole_words(items: list[str]) -> re.Pattern[str] | None:
        """Any of ``items`` as whole words anywhere (None when the list is empty)."""
        return _regex(rf"(?<![\w'’])(?:{_alternatives(items)})(?![\w'’])", re.IGNORECASE) if items else None

    def following(items: list[str]) -> re.Pattern[str] | None:
        """Any of ``items`` within two words after a phrase (None when the list is empty)."""
        if not items:
            return None
        return _regex(rf"\W*(?:[\w'’-]+\W+){{0,2}}?(?:{_alternatives(items)})(?![\w'’])", re.IGNORECASE)

    # Up to three words between a phrase and what is said of it, and a frequency that qualifies the
    # phrase, before or after them ("dropping a sample every now and then is fine", "a lost message
    # here and there is fine").
    gap = rf"(?:{_FREQUENCY}\W+)?(?:[\w'’-]+\W+){{0,3}}?(?:{_FREQUENCY}\W+)?{_NOT_AFTER_PREPOSITION}"
    post = [
        ("needless", _regex(rf"\W*{gap}(?P<pred>{_alternatives(pol.needless_after)})(?!\w)", re.IGNORECASE)),
        ("concern", _regex(rf"\W*{gap}(?P<pred>{_alternatives(pol.concern_after)})(?!\w)", re.IGNORECASE)),
        ("indifferent", _regex(rf"\W*{gap}(?P<pred>{_alternatives(pol.indifferent_after)})(?!\w)", re.IGNORECASE)),
        ("tolerated", _regex(rf"\W*{gap}(?P<pred>{_alternatives(pol.accepting_after)})(?!\w)", re.IGNORECASE)),
    ]
    markers = [p for m in lex.workload_markers for p in m.patterns]
    paired = [p for m in lex.paired_workload_markers for p in m.patterns]
    # Kafka and NATS by name (the lexicon's kafka_names and nats_names), for the patterns that tell a
    # product's description from the workload's need.
    system_names = [
        term_regex(name, irregular)
        for name in [*lex.word_classes.get("kafka_names", []), *lex.word_classes.get("nats_names", [])]
    ]
    compiled = _Compiled(
        entries=entries,
        alternatives=alternatives_of,
        by_anchor=by_anchor,
        modifiers=modifiers,
        negator=_regex(rf"(?<![\w'’])(?:{_alternatives(pol.negators)})(?![\w'’])", re.IGNORECASE),
        tolerator_before=_regex(
            rf"(?<![\w'’])(?:(?P<indifferent>{_alternatives(pol.indifferent_before)})"
            rf"|(?P<needless>{_alternatives(pol.needless_before)})"
            rf"|(?P<concern>{_alternatives(pol.concern_before)})|{_alternatives(pol.accepting_before)})(?![\w'’])",
            re.IGNORECASE,
        ),
        post=post,
        scope_break=_regex(rf"(?<![\w'’])(?:{_alternatives(pol.scope_breaks)})(?![\w'’])", re.IGNORECASE),
        past=whole_words(pol.past_markers),
        hypothetical=whole_words(pol.hypothetical_markers + pol.intent_markers),
        weighing=whole_words(pol.hypothetical_markers),
        plan=whole_words(pol.plan_markers),
        plan_after=following(pol.plan_markers),
        others=whole_words(pol.others_markers),
        kept_in_store=(
            _regex(
                r"(?<![\w'’-])(?:in|into|inside|to|via|through)\s+(?:"
                + "|".join(lex.word_classes["record_stores"])
                + r")(?![\w'’-])",
                re.IGNORECASE,
            )
            if lex.word_classes.get("record_stores")
            else None
        ),
        past_after=following(pol.past_after),
        undecided_before=whole_words(pol.undecided_before),
        undecided_after=following(pol.undecided_after),
        extent_before=(
            _regex(rf"(?<![\w'’-])(?:{_alternatives(pol.extent_before)})(?:\W+[\w'’-]+){{0,1}}\W*$", re.IGNORECASE)
            if pol.extent_before
            else None
        ),
        extent_after=following(pol.extent_after),
        interrogative=(
            _regex(rf"\W*{_ITEM_LABEL}(?:{_alternatives(pol.interrogatives)})(?![\w'’])", re.IGNORECASE)
            if pol.interrogatives
            else None
        ),
        question_after=(
            _regex(
                rf"[^?]*?(?:\s(?:so|and|then|but|or)|[—–])\s+(?:{_alternatives(pol.interrogatives)})(?![\w'’])",
                re.IGNORECASE,
            )
            if pol.interrogatives
            else None
        ),
        question_opening=(
            _regex(
                rf"\W*{_ITEM_LABEL}(?:{_alternatives([w for w in pol.interrogatives if w not in _SUBJECTLESS_VERBS])}"
                rf"|{_alternatives(pol.question_openers)})(?![\w'’])",
                re.IGNORECASE,
            )
            if pol.question_openers
            else None
        ),
        question_tail=(
            _regex(
                # after a space, or on a line of its own (the break is then the one kept: see _question_tails_apart)
                rf"(?<=\S)(?: |[^\S\n]*(?P<line>\n)[^\S\n]*)"
                rf"(?=(?P<opener>{_alternatives(pol.question_openers)})(?![\w'’])[^.;!?\n]{{0,300}}\?)",
                re.IGNORECASE,
            )
            if pol.question_openers
            else None
        ),
        field_denial=_field_value(
            pol.field_denials,
            "needed|required|necessary|wanted",
            # "persistence: no just live data": what it is instead follows the denial without a comma
            r"|(?=\s(?:just|only|simply|merely|purely|plain|thanks)\b)",
        ),
        field_undecided=_field_value(pol.field_undecided, "yet|so far|for now|right now|at the moment"),
        section_lead=(
            _regex(
                r"[ \t]*(?:#{1,6}[ \t]*)?(?:[-*•+][ \t]+)?(?:\*\*|__)?"
                rf"(?:(?P<needless>{_alternatives(pol.section_needless)})|(?P<undecided>{_alternatives(pol.section_undecided)})"
                rf"|(?P<described>{_alternatives(pol.section_described)})"
                rf"|(?P<decided>{_alternatives(pol.section_decided)}))"
                r"(?:\*\*|__)?[ \t]*(?::|(?=[ \t]*(?:$|\n)))[ \t]*(?:\*\*|__)?",
                re.IGNORECASE,
            )
            if pol.section_needless or pol.section_undecided or pol.section_described or pol.section_decided
            else None
        ),
        heading_kind=_regex(
            rf"(?:(?P<needless>{_alternatives(pol.section_needless)})"
            rf"|(?P<undecided>{_alternatives(pol.section_undecided)})"
            rf"|(?P<described>{_alternatives([*pol.section_described, *pol.heading_described])})"
            rf"|(?P<decided>{_alternatives(pol.section_decided)}))",
            re.IGNORECASE,
        ),
        field_system=_regex(
            rf"(?:(?:our|the|an?|one|self-hosted|self-managed|managed|hosted|on-?prem|apache|aws|amazon|plain)\s+)*"
            rf"(?:{_system_families(lex, irregular)})(?:\s+(?:clusters?|brokers?|setup|deployment))?",
            re.IGNORECASE,
        ),
        system_heading=_system_heading(pol.section_systems),
        system_cell=_system_cell(pol.section_systems),
        field=(
            _regex(
                # A field opens a line, a list item, a table cell or a sentence: "- **Throughput**: high".
                r"(?:^|(?<=\n)|(?<=\|)|(?<=[.;!?]\s))[ \t]*(?:[-*•+]\s+|\d+[.)]\s+)?(?:\*\*|__)?"
                rf"(?P<name>{'|'.join(f'(?P<f_{q}>{_alternatives(names)})' for q, names in lex.fields.items())})"
                r"(?:\*\*|__)?\s*(?:[?:=|]|\s[-—–]\s|[—–])\s*"
                r"(?P<value>[^\n|;,.()]{1,40}?)\s*(?=$|\n|\||;|,|\(|\.(?:\s|$))",
                re.IGNORECASE,
            )
            if lex.fields
            else None
        ),
        workload_marker=(
            _regex(
                rf"{_MARKER_START}(?P<marker>{_BULLET}(?:{_alternatives(markers)}))(?!\w)"
                # a word marker followed by words that refer back to the workload described ("Additionally,
                # those events …", "Separately stored snapshots"): no further workload
                + r"(?!(?<=[a-z])(?:\s+(?!(?:need|speed|feed|seed)\b)[a-z]+ed\b"
                + (rf"|[\s,]*(?:{_alternatives(lex.workload_continuations)})" if lex.workload_continuations else "")
                + "))",
                re.IGNORECASE,
            )
            if markers
            else None
        ),
        aside=(
            # the phrase set aside runs to its comma (a parenthesis inside it is part of it)
            _regex(
                rf"{_MARKER_START}(?:{_alternatives(lex.workload_asides)})\s+(?:[^,.;:!?\n()]|\([^()]{{0,80}}\)){{3,120}}?,\s*(?P<marker>)",
                re.IGNORECASE,
            )
            if lex.workload_asides
            else None
        ),
        opener=(
            _regex(
                # an opener's words end at a word's end; one that only looks ahead ("(?=… is different)") at its start
                rf"{_MARKER_START}(?P<marker>{_BULLET}(?:{_alternatives(lex.workload_openers)}))"
                r"(?:(?<![\w'’])|(?![\w'’]))",
                re.IGNORECASE,
            )
            if lex.workload_openers
            else None
        ),
        opener_lead=(
            _regex(
                r"[\s\-*•+]*(?:(?:and|but|so|also)\s+)?"
                rf"(?:{_alternatives(lex.workload_openers)})(?:(?<![\w'’])|(?![\w'’]))[\s,:—–-]*",
                re.IGNORECASE,
            )
            if lex.workload_openers
            else None
        ),
        acting_lead=(
            _regex(
                r"[\s\-*•+]*(?:(?:and|but|so|also|plus)\s+)?(?:we|i)\s+"
                r"(?:(?:also|currently|now|then|just|mostly|mainly|basically|already)\s+)?"
                rf"(?:{_alternatives(lex.acting_verbs)})(?![\w'’-])\s*",
                re.IGNORECASE,
            )
            if lex.acting_verbs
            else None
        ),
        paired_marker=(
            _regex(
                rf"{_MARKER_START}(?P<marker>{_BULLET}(?:{_alternatives(paired)}))",
                re.IGNORECASE,
            )
            if paired
            else None
        ),
        step_label=(
            _regex(rf"(?:{_alternatives(lex.step_labels)})", re.IGNORECASE) if lex.step_labels else None
        ),
        announcement=(
            _regex(rf"(?<!\w)(?:{_alternatives(lex.workload_announcements)})(?!\w)", re.IGNORECASE)
            if lex.workload_announcements
            else None
        ),
        role=_role_pattern(lex, irregular),
        destination=_destination_pattern(lex, irregular),
        product_trait=whole_words(lex.product_traits),
        system_name=whole_words(system_names),
        # Kafka, NATS or another messaging system by name (other_names: "rabbitmq", "sqs", "pulsar")
        any_system_name=whole_words(
            [*system_names, *(term_regex(name, irregular) for name in lex.word_classes.get("other_names", []))]
        ),
        product_name=(
            _regex(rf"(?<![\w'’])(?:{_alternatives(system_names)})(?:['’]s?)?(?![\w'’])", re.IGNORECASE)
            if system_names
            else None
        ),
        referring=(
            _regex(
                rf"{_REFERRING_OPEN}(?:(?P<needless>{_alternatives(pol.referring_needless)})"
                rf"|(?P<undecided>{_alternatives(pol.referring_undecided)})){_REFERRING_CLOSE}",
                re.IGNORECASE,
            )
            if pol.referring_needless or pol.referring_undecided
            else None
        ),
        state_questions=set(pol.state_questions),
        state_marker=whole_words(pol.state_markers),
        state_before=(
            _regex(rf"(?<![\w'’])(?:{_alternatives(pol.state_before)})(?:\s+[\w'’-]+){{0,2}}?\s*$", re.IGNORECASE)
            if pol.state_before
            else None
        ),
        complaint_after=whole_words(pol.complaint_after),
        state_wanted=whole_words(pol.state_wanted),
        # the lexicon's shorthand first: a checklist's mark as a form's value is read, not dropped as an emoji
        plain=_regex(
            "".join(f"(?P<short{n}>(?i:{entry.pattern}))|" for n, entry in enumerate(lex.shorthand)) + _PLAIN.pattern
        ),
        shorthand=[entry.reads for entry in lex.shorthand],
        extent_within=whole_words(pol.extent_within),
        owned=_within(pol.owned_within),
        leaving=_within(pol.leaving_within),
        ours=_within(pol.ours_within),
        ours_now=_within(pol.ours_now_within, end=""),  # each alternative says how it ends ("our" not "our own")
        loss_question=(
            _regex(
                rf"(?<![\w'’])(?:{_alternatives(expand_classes(p, lex.word_classes) for p in pol.loss_questions)})",
                re.IGNORECASE,
            )
            if pol.loss_questions
            else None
        ),
        wanting_otherwise=(
            _regex(
                rf"\s*(?:(?:and|but|so|well|honestly|ideally),?\s+)?(?:{_alternatives(pol.wanting_otherwise)})",
                re.IGNORECASE,
            )
            if pol.wanting_otherwise
            else None
        ),
        references_instead=(
            _regex(
                rf"[^.!?\n]{{0,100}}?(?<![\w'’])(?:only|just|merely|solely)\s+(?:[\w'’-]+\s+){{0,4}}?"
                rf"(?:{_alternatives(pol.references_instead)})(?![\w'’])",
                re.IGNORECASE,
            )
            if pol.references_instead
            else None
        ),
        kept_elsewhere=(
            _regex(
                rf"(?<![\w'’])(?:{_alternatives(expand_classes(p, lex.word_classes) for p in pol.kept_elsewhere)})",
                re.IGNORECASE,
            )
            if pol.kept_elsewhere
            else None
        ),
        computed_elsewhere=(
            _regex(
                rf"(?<![\w'’])(?:{_alternatives(expand_classes(p, lex.word_classes) for p in pol.computed_elsewhere)})",
                re.IGNORECASE,
            )
            if pol.computed_elsewhere
            else None
        ),
        kept_by_subject=(
            _regex(
                rf"{_SUBJECT_OPENING}"
                rf"(?P<store>{_alternatives(expand_classes(p, lex.word_classes) for p in pol.kept_by_subject)})"
                rf"{_SUBJECT_PREDICATE}",
                re.IGNORECASE,
            )
            if pol.kept_by_subject
            else None
        ),
        messaging_words=whole_words(pol.messaging_words),
        lacking=(
            _regex(rf"\s+(?:{_alternatives(pol.lacking_after)})(?![\w'’])", re.IGNORECASE)
            if pol.lacking_after
            else None
        ),
        product_frame=_product_frame(
            [
                term_regex(name, irregular)
                for group in ("kafka_names", "nats_names", "other_names", "framing_systems")
                for name in lex.word_classes.get(group, [])
            ]
        ),
        product_subject=_product_subject(system_names, pol.product_predicates),
        # For the questions a system's description is most often mistaken for (the lexicon's
        # state_questions: persistence), any messaging system by name describes a product when it is the
        # subject ("Pulsar offers tiered storage", "RabbitMQ keeps messages until they are acked" as much
        # as "Kafka retains messages"), and so does what it can or would do ("JetStream would give us
        # replay", "Redis Streams can persist messages").
        product_subject_wide=_product_subject(
            [
                *system_names,
                *(
                    term_regex(name, irregular)
                    for group in ("other_names", "framing_systems", "transport_names")
                    for name in lex.word_classes.get(group, [])
                ),
            ],
            pol.product_predicates,
            parts=pol.product_parts,
        ),
        complement_that=(
            _regex(rf"(?<![\w'’])(?:{_alternatives(pol.complement_takers)})\s+that\s+$", re.IGNORECASE)
            if pol.complement_takers
            else None
        ),
        per_workload=set(lex.per_workload_questions),
        silence_contradicts=set(lex.silence_contradicts),
        silences=[
            _CompiledSilence(
                silence,
                _regex(rf"\b(?:{_alternatives(silence.unless_words)})", re.IGNORECASE)
                if silence.unless_words
                else None,
                frozenset(w.lower() for w in silence.function_words),
            )
            for silence in lex.silences
        ],
        lean_guards={
            (guard.question, guard.leans): _regex(rf"\b(?:{_alternatives(guard.unless_words)})", re.IGNORECASE)
            for guard in lex.lean_guards
        },
        kept_by_nature=set(lex.kept_by_nature),
        ephemeral_by_nature=set(lex.ephemeral_by_nature),
        whole_subject=(
            # at the sentence's start, after a list item's bullet or label ("- pings: they …")
            _regex(
                r"[\s\-*•+]*(?:\(?[a-h1-9]\)\s*)?(?:[\w /-]{1,30}:\s*)?"
                rf"(?:{_alternatives(lex.whole_subjects)})(?![\w'’-])",
                re.IGNORECASE,
            )
            if lex.whole_subjects
            else None
        ),
        hybrid_sides={
            side: {(q, v) for q, values in needs.items() for v in values} for side, needs in lex.hybrid_sides.items()
        },
        not_own_subject=(
            _regex(
                r"[\s\-*•+]*(?:\(?[a-h1-9]\)\s*)?(?:(?:the|our|their|its|and|but|while|whereas|plus|also)\s+)*"
                rf"(?:{_alternatives(lex.not_own_subjects)})(?![\w'’-])",
                re.IGNORECASE,
            )
            if lex.not_own_subjects
            else None
        ),
        subject_determiners=frozenset(w.lower() for w in lex.subject_determiners),
        again_path=(
            _regex(
                rf"[\s\-*•+]*(?:(?:and|but|plus|while|whereas)\s+)?(?:{_alternatives(lex.again_paths)})(?![\w'’-])",
                re.IGNORECASE,
            )
            if lex.again_paths
            else None
        ),
        yielding={q: list(values) for q, values in lex.yielding.items()},
        max_chars=lex.max_chars,
        producers=_producer_patterns(lex),
        latency_of_other=_latency_of_other_pattern(lex),
        team_others=_team_others_patterns(lex),
        rate_of_other=_rate_of_other_patterns(lex),
        parenthetical=_regex(rf",\s*(?:{_alternatives(pol.asides)})\s*,", re.IGNORECASE) if pol.asides else None,
    )
    if cached is None:
        analysis.save(cache_path)
    _COMPILED[kb.version] = compiled
    return compiled


def _system_families(lex: Lexicon, irregular: dict[str, list[str]]) -> str:
    """The systems named by the lexicon's kafka_names, nats_names and other_names, each family in a
    named group of its own (kafka, nats, other)."""
    names = {family: lex.word_classes.get(f"{family}_names", []) for family in ("kafka", "nats", "other")}
    return "|".join(
        f"(?P<{family}>{'|'.join(f'(?:{term_regex(n, irregular)})' for n in terms)})"
        for family, terms in names.items()
        if terms
    )


def _role_pattern(lex: Lexicon, irregular: dict[str, list[str]]) -> re.Pattern[str] | None:
    """A system named by the lexicon's kafka_names, nats_names or other_names (the family in a group
    of that name), then up to four words or a parenthesis, then one of its ``workload_roles``."""
    if not lex.workload_roles:
        return None
    families = _system_families(lex, irregular)
    roles = _alternatives(lex.workload_roles)
    return _regex(
        rf"(?<![\w'’/-])(?:{families})(?![\w'’])(?:\s+(?:[\w/'’-]+|\([^)]{{0,40}}\))){{0,4}}?\s+(?:{roles})(?![\w'’])",
        re.IGNORECASE,
    )


def _destination_pattern(lex: Lexicon, irregular: dict[str, list[str]]) -> re.Pattern[str] | None:
    """One of the lexicon's ``workload_destinations``, up to five words, a preposition, then a system
    named by kafka_names, nats_names or other_names (the family in a group of that name): "purchases go
    to kafka", "keep the cdc stream from postgres in kafka"."""
    if not lex.workload_destinations:
        return None
    families = _system_families(lex, irregular)
    return _regex(
        rf"(?<![\w'’])(?:{_alternatives(lex.workload_destinations)})(?:\s+[\w'’/-]+){{0,5}}?"
        rf"\s+(?:to|over|on|onto|into|in|inside|through|via|by)\s+(?:(?:the|our|an?|their)\s+)?(?:{families})(?![\w'’])",
        re.IGNORECASE,
    )


def _opposite(kb: Knowledge, question_id: str, value: str) -> str | None:
    values = kb.question(question_id).values
    if len(values) == 2 and value in values:
        return values[1] if values[0] == value else values[0]
    return None


# ---------------------------------------------------------------------------
# Polarity


@dataclass
class _Raw:
    entry: LexiconEntry
    start: int
    end: int
    text: str


# A concept set off as a form's field or a question: "latency? don't care", "durability: none",
# "stream processing - no", "edge = n/a", "| persistence | no |".  What follows is the concept's value.
_TOPIC_QUESTION = _regex(r"\s*(?:[?:=]|\|\s*(?=\S)|\s[-—–]\s|[—–])\s*")
_SEPARATOR_BREAKS = _regex(r"[?|—–-]")
_OBJECT_GAP = _regex(r"\s+(?:[\w'’-]+\s+)?$")
_WORDS_RE = _regex(r"[\w'’-]+")
_WHICH_TAIL = _regex(
    # "…, which is fine"; "… are lost and that's acceptable" without the comma
    # "… won't see it and honestly nobody cares": the same comment said with "nobody" as its subject
    r"(?:,\s*|\s*(?=and\b))(?:(?P<which>which|that|and (?:then |so |honestly |frankly )?(?:that|this|it)"
    r"|and (?:then |so |honestly |frankly |really )?(?=(?:nobody|no one) (?:really )?(?:cares|minds|notices)\b))\b"
    r"|(?=(?:(?:that|it|this)['’]s |(?:that|it|this) is )?(?:totally |perfectly |completely |absolutely )?"
    r"(?:not|no|fine|ok|okay|harmless|meh|nbd|tough luck|oh well)\b)"
    # (h70) "…, we're fine with that", "… and they're ok with it": a party's acceptance of the clause before,
    # the clause ending with it ("we're fine with kafka" speaks of kafka); the party is read past, the
    # predicate follows
    r"|(?:and (?:then |so |honestly |frankly )?)?(?:honestly |frankly |tbh )?(?:we|they|i)(?:['’]re|['’]m| are| am) "
    r"(?=(?:totally |perfectly |completely |quite |pretty |more than )?(?:fine|ok|okay|alright) with "
    r"(?:that|it|this|them)\s*(?:[.;!?,)]|$))"
    # (h41) "…, we don't care", "…, nobody cares": the comment said by a party, the clause ending with it
    # (", we don't care about latency" speaks of latency, not of the clause before)
    r"|(?=(?:honestly |frankly |really |tbh )?(?:we|i|nobody|no one|so who|who) (?:(?:really|honestly|frankly|truly) )?"
    r"(?:(?:do not|don['’]t|dont) (?:really )?)?(?:care|cares)"
    r"(?:\s+(?:much|at all|either|really|tbh))?\s*(?:[.;!?,)]|$))"
    # (h64) "…, by design", "…, on purpose": the comment said without a verb, the clause ending with it
    r"|(?=(?:by design|on purpose|intentionally|deliberately|as designed|as intended)\s*(?:[.;!?)]|$)))",
    re.IGNORECASE,
)
_AND_THAT = _regex(
    r"and (?:then |so |honestly |frankly |really )?(?:(?:that|this|it)(?:['’]s|\s+is|\s+would be|\s+will be)"
    r"|(?:nobody|no one) (?:really )?(?:cares|minds|notices)"
    # (h70) "… and we're fine with that"
    r"|(?:we|they|i)(?:['’]re|['’]m| are| am) (?:totally |perfectly |completely |quite |pretty |more than )?"
    r"(?:fine|ok|okay|alright) with (?:that|it|this|them)(?=\s*(?:[.;!?,)]|$)))\b",
    re.IGNORECASE,
)
# ", that's fine", ", it's no big deal", ", not the end of the world": a comment on the clause before,
# with no subject of its own but "that"/"it"/"this".
_COMMENT_SUBJECT = _regex(r"\s*(?:(?:that|it|this)['’]s|(?:that|it|this) is)\s*$", re.IGNORECASE)
_RELATIVE_BEFORE = _regex(r"(?<![\w'’])(?:that|which|who|whom)\s+$", re.IGNORECASE)
# A negator that is the subject itself: "nobody", "nothing"; as a whole negator, and where a word starts.
_SUBJECT_NEGATORS = r"(?:nobody|no one|nothing|none)"
_SUBJECT_NEGATOR = _regex(rf"{_SUBJECT_NEGATORS}$", re.IGNORECASE)
_SUBJECT_NEGATOR_AT = _regex(rf"{_SUBJECT_NEGATORS}(?![\w'’])", re.IGNORECASE)
# "not a single one", "not one": a subject negator as "none" is.
_NOT_A_SINGLE = _regex(r"not\s+(?:even\s+)?(?:a\s+single|one)(?:\s+[\w-]+)?(?![\w'’])", re.IGNORECASE)
# A relative clause without its pronoun, a subject negator right after a determined noun ("an update nobody
# receives is simply lost", "the pings no one reads get dropped"): read as "that nobody …" when the main
# clause's verb follows the relative one (see _MAIN_PREDICATE_AFTER).
_CONTACT_RELATIVE_BEFORE = _regex(
    r"(?:(?<![\w'’])(?:a|an|the|any|every|each|those|these|some|our|their|its)\s+(?:[\w-]+\s+){1,2}"
    # or a bare plural opening the clause: "events nobody consumes are retained for a week"
    r"|^\s*(?:[\w-]+\s+)?(?!(?:this|thus|does|has|was|is|needs|wants|always|perhaps|plus|unless|yes|us)\b)[a-z][\w-]*[^\Ws]s\s+)$",
    re.IGNORECASE,
)
# Words that are no verb of their own between a subject negator and the concept's predicate: "make sure
# that nothing gets dropped", "that nothing will ever be lost" deny the concept itself.
_AUXILIARIES = _regex(
    r"(?:\s*(?:is|are|was|were|be|been|being|gets?|got|gotten|getting|will|would|can|could|may|might|must"
    r"|should|shall|ever|has|have|had|does|do|did|ends? up|ended up|really|actually|accidentally|silently"
    r"|just|to|of (?:them|it|these|those|our [\w-]+|the [\w-]+))(?![\w'’]))*\s*",
    re.IGNORECASE,
)
# "without persistence we'd lose orders", "without replay, debugging would be painful": a clause that
# goes on with what would happen is a condition ("if there were no …"), not a denial of the need.
_WITHOUT = _regex(r"without", re.IGNORECASE)
_COUNTERFACTUAL = _regex(r"(?:(?<![\w'’])(?:would|could|might|will)|['’](?:d|ll))(?![\w'’])", re.IGNORECASE)
_COUNTERFACTUAL_REACH = 80
# A tolerance that names what it accepts, then the phrase done without: "tolerate the downstream being
# unavailable for hours without losing data" (at least two words accepted before the "without", which
# stands right before the phrase, a word at most between).
_WITHOUT_AFTER_TOLERANCE = _regex(
    r"\s+[\w'’-]+\W+(?:[\w'’-]+\W+)+?(?:without|w/o|with (?:no|zero))\s+(?:[\w'’-]+\s+)?$", re.IGNORECASE
)
# A negator right before a phrase, a word at most between ("no data loss is acceptable").
_OWN_NEGATOR = _regex(r"(?<![\w'’])(?:no|zero|not any|not a single|nothing|none)(?:\s+[\w-]+)?\s*$", re.IGNORECASE)
# A relative pronoun right before a negator, an auxiliary at most between ("that can't", "which are not"),
# and after the negator the relative clause's own verb followed by the main clause's ("… be delivered are").
# A free relative ("whatever isn't consumed live can evaporate") is one too.
_RELATIVE_AUX_BEFORE = _regex(
    r"(?<![\w'’])(?:that|which|who|whatever|whichever(?:\s+[\w-]+)?"
    # (h64) a free relative with a subject of its own: "anything the consumer can't take is discarded",
    # "whatever a slow tab doesn't read gets dropped", "everything we can't deliver right away is dropped"
    r"|(?:anything|everything|whatever|something)\s+(?:we|they|it|you|(?:the|a|an|our|its|their|each|every|any)"
    r"(?:\s+[\w-]+){1,2}))\s+(?:(?:is|are|was|were|can|could|will|would|do|does|did|has|have|had"
    r"|should|must|may|might)\s+)?$",
    re.IGNORECASE,
)
# The relative clause's own verb: "(be) delivered", "acked", "(get) sent in time".
_RELATIVE_VERB = (
    r"\s+(?:(?:be|been|get|got|yet|ever|even)\s+)*"
    r"(?!(?:is|are|was|were|be|been|get|gets|got|ever|even|yet|really|actually)\b)[\w'’-]+"
    # (h64) a verb with its particle: "(be) picked up in time", "keep up with", "(get) sent out"
    r"(?:\s+(?:up|out|off|through|back|over|away|down)(?:\s+with)?)?"
    r"(?:\s+(?:in time|yet|right away|at once|on time|quickly|immediately|live|in real time|at all"
    # (h70) and when: "clients that aren't connected at that moment miss it"
    r"|at (?:that|the|this) (?:moment|time|instant|point)|right then|right now|at the moment"
    r"|by (?:anyone|anybody|anything|then|now)))?"
)
# ... then the main clause's verb, a modal included ("… consumed live can evaporate").
_MAIN_PREDICATE_AFTER = _regex(
    _RELATIVE_VERB + r"\s*,?\s+(?:is|are|was|were|gets?|got|will be|would be|just|simply"
    r"|(?:can|could|may|might|will|would|should|must|needs? to|ha(?:s|ve) to)(?:\s+(?:be|get|just|simply|still))?)"
    r"(?:\s+(?:just|simply|then|silently|quietly|still|also|always|usually|normally|eventually|anyway))?\s*$",
    re.IGNORECASE,
)
_RELATIVE_VERB_ONLY = _regex(_RELATIVE_VERB + r"\s*$", re.IGNORECASE)
# (h70) a modal too: "clients that aren't connected must get it when they reconnect"
_FINITE_AUX = _regex(
    r"(?:is|are|was|were|gets?|got|must|should|will|would|can|could|may|might|needs? to|ha(?:s|ve) to)\b", re.IGNORECASE
)
# A colon or a dash (not a hyphen) that opens a statement of its own.
_STATEMENT_OPENS = _regex(r":(?!\S)|\s[—–-]\s|—|–")
# A subordinate clause opened after a negator's own words (at least one word between): "nothing is retried if",
# "we never ack until".  "never once", "not if" (no word between) stay in the negator's reach.
_SUBORDINATE_OPENS = _regex(
    r"[\s,]+[\w'’-]+(?:[\s,]+[\w'’-]+)*?[\s,]+(?:if|when|whenever|unless|until|once|before|after)(?![\w'’])",
    re.IGNORECASE,
)
# "none of" inside a phrase, after its verb: the object is denied ("keep none of them").
_NONE_OF_INSIDE = _regex(r"(?<=\w)\s+none\s+of\b", re.IGNORECASE)
# How many words a negator reaches forward ("none of these notifications has to survive").
_NEGATOR_REACH = 5
# A subject negator's own prepositional phrase, which names what is denied rather than standing
# between the negator and its verb: "nothing *in this pipeline* needs to be replayed", "none *of the
# messages on this bus* has to be stored".  It does not count towards the reach.
_SUBJECT_PP = _regex(
    r"\s+(?:(?:in|on|of|from|inside|within|across|through|over|at)\s+(?:(?:the|this|that|these|those|our|its|their|a|an|any|each|every)\s+)?"
    r"(?:[\w-]+\s+){0,2}?[\w-]+)+(?=\s+(?:is|are|was|were|will|would|can|could|must|should|needs?|has|have|gets?|ever|really|actually|shall|may|might)\b)",
    re.IGNORECASE,
)


# A condition right after a predicate of needlessness ("useless if …", "pointless unless …", "worthless
# without …"); a time ("useless once the next one arrives") is no condition.
_CONDITION_AFTER = _regex(
    r"\s*,?\s*(?:if|unless|without|except|as long as|so long as|provided|in case)(?![\w'’])", re.IGNORECASE
)


# (h68) a copula, the only verb of a past marker that opens a phrase without telling the phrase's past
_PAST_COPULA = _regex(r"(?:was|were|is|are|had been|has been|have been)", re.IGNORECASE)


def _aside_commas(text: str, c: _Compiled) -> frozenset[int]:
    """The commas that set off an aside ("we don't, for this feed at least, need it"): no clause breaks."""
    if c.parenthetical is None:
        return frozenset()
    return frozenset(i for m in _scan(c.parenthetical, text) for i in (m.start(), m.end() - 1))


def _without_asides(pre: str, c: _Compiled) -> str:
    """``pre`` with each aside as one space, so a negator or a doubt reaches past it ("we don't, honestly, know"
    reads "we don't know"); as long as ``pre``, padded at its start, so what follows the last aside keeps its
    offsets."""
    if c.parenthetical is None or "," not in pre:
        return pre
    joined = c.parenthetical.sub(lambda m: "" if m.string[m.end():m.end() + 1].isspace() else " ", pre)
    if len(joined) == len(pre):
        return pre  # no aside: the very string (callers tell the two apart)
    return " " * (len(pre) - len(joined)) + joined


def _polarity(
    text: str,
    raw: _Raw,
    pre_start: int,
    clause_end: int,
    c: _Compiled,
    next_start: int,
    clause_start: int | None = None,
) -> str:
    """"affirmed", "negated", "needless", "tolerated", "indifferent", "past", "open" (a condition,
    asked) or "unclear" (the subject of a denied "to be" the lexicon cannot read: asked unless a
    modifier reads it) for one phrase, from bounded windows of its clause."""
    # A past marker may itself be another concept's phrase ("we dropped debezium"): read from the clause.
    past_start = pre_start if clause_start is None else min(pre_start, clause_start)
    if c.past is not None and _search(c.past, text, max(past_start, raw.start - 60), raw.start):
        return "past"
    # (h68) ... or one whose verb opens the phrase itself: "the old queue kept everything for a month" ("kept
    # everything for a month" is the phrase, "the old queue kept" tells the past).  A copula there opens what
    # came after it ("the old queues were superseded by jetstream" names what runs now).
    if c.past is not None and any(
        m.start() < raw.start < m.end() <= raw.end and _PAST_COPULA.fullmatch(text, raw.start, m.end()) is None
        for m in _scan(c.past, text, max(past_start, raw.start - 60), raw.end)
    ):
        return "past"
    if c.past_after is not None and _match(c.past_after, text, raw.end, min(clause_end, raw.end + 60)):
        return "past"
    post_start = raw.end
    topic = _match(_TOPIC_QUESTION, text, raw.end, min(len(text), raw.end + 6))
    if topic is not None and topic.end() > raw.end:
        post_start = topic.end()
        if _search(_SEPARATOR_BREAKS, topic.group(0)):
            # "latency? don't care", "durability - none": the value follows a question mark or a dash,
            # both of which end a clause.
            clause_end = len(text)
        if c.field_denial is not None and _match(c.field_denial, text, post_start, min(len(text), post_start + 40)):
            return "negated"  # "durability: none", "stream processing - no"
        if c.field_undecided is not None and _match(
            c.field_undecided, text, post_start, min(len(text), post_start + 40)
        ):
            return "open"  # "persistence: no idea", "durability: tbd"
        value_start = _match(c.tolerator_before, text, post_start, min(len(text), post_start + 40))
        if value_start is not None and value_start.start() == post_start and not value_start.group("concern"):
            if value_start.group("needless"):
                return "needless"
            return "indifferent" if value_start.group("indifferent") else "tolerated"  # "latency: don't care"
    post_end = min(clause_end, post_start + _POST_WINDOW, max(next_start, post_start))
    # "durable storage and latency is fine": the predicate after a scope break is another concept's.
    # "now and then" is a frequency, not a scope break: the search starts after it.
    frequency = _match(_FREQUENCY_AFTER, text, post_start, post_end)
    scope = _search(c.scope_break, text, frequency.end() if frequency else post_start, post_end)
    # ... nor is the "and" of one a few words on ("a lost update here and there is fine").
    while scope is not None:
        inside = _search(_FREQUENCY_ANY, text, max(post_start, scope.start() - 16), min(post_end, scope.end() + 16))
        if inside is None or not inside.start() <= scope.start() < inside.end():
            break
        scope = _search(c.scope_break, text, inside.end(), post_end)
    if scope is not None:
        post_end = scope.start()
    turned = False  # a predicate of needlessness, denied
    for kind, pattern in c.post:
        found = _match(pattern, text, post_start, post_end)
        if found is None:
            continue
        # "is not fine": a negator between the phrase and the predicate turns it around.
        between = text[post_start:found.start("pred")]
        flipped = _search(c.negator, between) is not None and kind in ("tolerated", "indifferent")
        if kind in ("tolerated", "indifferent"):
            # "no loss is acceptable", "no data loss allowed": the phrase's own negator turns it around
            own = _search(_OWN_NEGATOR, text, max(pre_start, raw.start - 16), raw.start)
            return "negated" if flipped or (own is not None and _search(c.negator, own.group(0))) else kind
        if kind == "needless":
            # "X is not optional", "zero loss is non-negotiable": a negator before a predicate of
            # needlessness turns it around; X is read as stated, in the grammar before it.
            if _search(c.negator, between) is not None:
                turned = True
                break
            # "the audit trail is useless if it has gaps", "replay is pointless unless it is complete": the
            # predicate holds only under a condition, which says what X must be, not that X is not needed.
            if _match(_CONDITION_AFTER, text, found.end(), min(len(text), found.end() + 24)) is not None:
                return "open"
            # "X is not needed / not important": X is not a requirement, which for a wish such as low
            # latency is not the same as "no X" (wanting none of it): entries say so with `indifferent`.
            return "needless"
        # concern ("X would be a disaster") denies X; denied ("X is not a major problem"), it accepts X
        return "tolerated" if _search(c.negator, between) is not None else "concerned"
    # "the update is dropped, which is fine" / ", which is unacceptable": a comment on the whole clause
    # speaks of its last concept.
    # "… are lost and that's acceptable": the same comment joined by "and that", where the clause goes on
    tail_at = clause_end
    if scope is not None and next_start >= scope.start() and _match(_AND_THAT, text, scope.start()) is not None:
        tail_at = scope.start()
    if next_start >= tail_at:
        # (h70) wide enough for a party's whole comment: ", and we're totally fine with that"
        tail = _match(_WHICH_TAIL, text, tail_at, min(len(text), tail_at + 48))
        if tail is not None:
            for kind, pattern in c.post:
                if kind not in ("tolerated", "indifferent", "concern"):
                    continue
                found = _match(pattern, text, tail.end(), min(len(text), tail.end() + _POST_WINDOW))
                if found is not None and not tail.group("which") and _WORDS_RE.search(
                    text, tail.end(), found.start("pred")
                ) and not _match(_COMMENT_SUBJECT, text, tail.end(), found.start("pred")):
                    found = None  # ", the next one is fine" speaks of the next one
                if found is not None:
                    # "no persistence, which is unacceptable", "nothing is kept, which is fine": the comment
                    # speaks of the phrase's own denial, so the absence is the complaint, or what is accepted
                    denied = _denied_before(text, raw, pre_start, c)
                    if kind == "concern":
                        # ", which is unacceptable": the clause's risk is not allowed
                        return "complained" if denied else "concerned"
                    # ", which is not fine" turns it around, as "is not fine" does.
                    flipped = _search(c.negator, text[tail.end():found.start("pred")]) is not None
                    if denied:
                        return "complained" if flipped else "negated"
                    if flipped:
                        return "negated"
                    # (h70) "we keep messages for 7 days, and we're fine with that": a comment that accepts a
                    # clause whose concept is no risk (it has no reading as accepted) accepts what the clause
                    # states, which still stands
                    if kind == "tolerated" and raw.entry.tolerated is None:
                        return "affirmed"
                    return kind
    # "replay is not part of the picture": a denied "to be" the lexicon cannot read (unless a negator
    # before the phrase already speaks of it).
    unclear = "unclear" if not turned and _denied_copula(text, raw, clause_end, next_start, c) else "affirmed"
    pre = _without_asides(text[pre_start:raw.start], c)
    breaks = _scan(c.scope_break, pre)
    if breaks and _coordinated_object(text, raw, pre, breaks, c):
        breaks.pop()  # "without kafka and debezium": the "and" joins two objects of one negator
    if breaks:
        pre = pre[breaks[-1].end():]
    tolerators = _scan(c.tolerator_before, pre)
    if tolerators:
        last = tolerators[-1]
        rest = pre[: last.start()]
        denied = _search(c.negator, rest[-40:]) is not None
        if last.group("concern"):
            # "worried about losing orders": the risk must not happen; "nobody is afraid of …" accepts it
            return "tolerated" if denied else "concerned"
        # "can't afford to lose", "not ok to drop": a denied tolerance is a concern.
        if denied:
            return "negated"
        # "must tolerate the downstream being down for hours without losing data": what is accepted is
        # the outage named first; the phrase itself is what has to be done without.
        if _search(_WITHOUT_AFTER_TOLERANCE, pre, last.end()) is not None:
            return "negated"
        if last.group("needless"):
            return "needless"  # "they don't need the missed messages", "we don't need the connectors"
        # (h76) "it's fine if they aren't kept", "we're fine without persistence", "who cares if it isn't
        # retained": what is accepted is the phrase denied.  Going without a need is that need's denial; going
        # without a risk ("ok if none is lost") says nothing of it, so it is asked.
        inner = _search(c.negator, pre, last.end())
        if inner is not None and not _relative_negator(pre, inner, raw, c):
            return "unclear" if raw.entry.tolerated is not None else "negated"
        return "indifferent" if last.group("indifferent") else "tolerated"
    negator: re.Match[str] | None = None
    for found in _scan(c.negator, pre):
        negator = found
    if negator is None:
        # (s35) "we keep none of them", "we store none of it": the phrase's own object is denied
        return "negated" if _search(_NONE_OF_INSIDE, raw.text) is not None else unclear
    if _relative_negator(pre, negator, raw, c):
        return unclear
    # A negator reaches a few words: "we can't use Kafka for durable storage" does not deny durability.
    gap_words = len(_WORDS_RE.findall(pre[negator.end():]))
    # "not a single one of these has to survive a restart": "not" with "a single one" is a subject negator
    # as "none" is, its words and its own prepositional phrase not counted
    single = _match(_NOT_A_SINGLE, pre, negator.start())
    subject_end = single.end() if single is not None else negator.end()
    if gap_words > _NEGATOR_REACH and (
        single is not None or _match(_SUBJECT_NEGATOR, pre, negator.start(), negator.end()) is not None
    ):
        own_pp = _match(_SUBJECT_PP, pre, subject_end)
        gap_words = len(_WORDS_RE.findall(pre[own_pp.end() if own_pp is not None else subject_end:]))
    if gap_words > _NEGATOR_REACH:
        return unclear
    # "That can't happen anymore: every webhook must be retried": a colon or a dash after the negator's
    # own words opens what is said next; the negator stays behind it.
    if _search(_STATEMENT_OPENS, pre, negator.end()) is not None and gap_words > 1:
        return unclear
    # "nothing is retried if apns drops it", "nothing is acked until it is persisted": a negator with a verb of
    # its own, then a subordinate clause that holds the phrase; the negator denies its own verb, not the clause.
    if _match(_SUBORDINATE_OPENS, pre, negator.end()) is not None:
        return unclear
    # "a command never reaches the aircraft", "the ack doesn't make it to the broker": a denied arrival
    # is something lost on its way; it says nothing against the place it was bound for.  (Reaching a
    # store is being written: "messages never reach disk" still denies keeping them.)
    if raw.entry.question != "persistence" and _DENIED_ARRIVAL.fullmatch(pre, negator.end()) is not None:
        return unclear
    if _WITHOUT.fullmatch(negator.group(0)):
        # "without persistence the whole thing falls apart", "Without replay, a bad deploy means lost
        # orders": a "without" that opens its sentence, right before the phrase, sets a condition for the
        # clause that follows ("without having to maintain any glue" is a manner, no condition).
        # (where it stands in the text as typed: an aside read past moves it in ``pre``)
        opening = raw.start - len(pre) + negator.start()  # the last character before it, spaces skipped
        typed = [m for m in _scan(c.negator, text, raw.start - len(pre), raw.start) if _WITHOUT.fullmatch(m.group(0))]
        if typed:
            opening = typed[-1].start()
        while opening > 0 and text[opening - 1].isspace():
            opening -= 1
        if (opening == 0 or text[opening - 1] in ".;:!?\n([") and gap_words <= 1:
            after = _search(_SENTENCE_BREAK, text, raw.end)
            if len(_WORDS_RE.findall(text, raw.end, after.start() if after else len(text))) >= 2:
                return "open"
        sentence_end = _search(_SENTENCE_BREAK, text, raw.end, min(len(text), raw.end + _COUNTERFACTUAL_REACH))
        reach = sentence_end.start() if sentence_end else min(len(text), raw.end + _COUNTERFACTUAL_REACH)
        if _search(_COUNTERFACTUAL, text, raw.end, reach) is not None:
            return "open"
    return "negated"


def _relative_negator(pre: str, negator: re.Match[str], raw: _Raw, c: _Compiled) -> bool:
    """Whether the negator in ``pre`` (the phrase's clause up to it) denies the verb of a relative clause
    before the phrase rather than the phrase itself."""
    # "messages that nobody reads can vanish": a negator that is the subject of a relative clause
    # denies that clause's own verb, not the concept after it.
    # "make sure that nothing gets dropped" is no relative clause: only auxiliaries stand between.
    if (
        _search(_RELATIVE_BEFORE, pre, 0, negator.start()) is not None
        and (c.complement_that is None or _search(c.complement_that, pre, 0, negator.start()) is None)
        and _match(_SUBJECT_NEGATOR, pre, negator.start(), negator.end()) is not None
        and len(_WORDS_RE.findall(pre[negator.end():])) >= 1
        and _AUXILIARIES.fullmatch(pre, negator.end()) is None
    ):
        return True
    subject = _match(_SUBJECT_NEGATOR_AT, pre, negator.start())
    if (
        subject is not None
        and _search(_CONTACT_RELATIVE_BEFORE, pre, 0, negator.start()) is not None
        and _match(_MAIN_PREDICATE_AFTER, pre, subject.end()) is not None
    ):
        return True
    # "updates that can't be delivered are dropped", "events that aren't acked are redelivered": a
    # negator in a relative clause denies that clause's own verb; the main clause's verb ("are dropped")
    # after it is stated.
    return (
        _search(_RELATIVE_AUX_BEFORE, pre, 0, negator.start()) is not None
        and (c.complement_that is None or _search(c.complement_that, pre, 0, negator.start()) is None)
        and _match(_SUBJECT_NEGATOR, pre, negator.start(), negator.end()) is None
        and (
            _match(_MAIN_PREDICATE_AFTER, pre, negator.end()) is not None
            # the main verb may open the phrase itself: "messages that are not consumed get lost"
            or (
                _match(_FINITE_AUX, raw.text) is not None
                and _match(_RELATIVE_VERB_ONLY, pre, negator.end()) is not None
            )
        )
    )


# The verb of a denied arrival, between the negator and the phrase ("never reaches the", "doesn't
# always make it to the").
_DENIED_ARRIVAL = _regex(
    r"\s+(?:(?:ever|always|actually|reliably|quite|fully|even|be able to|manages? to|managed to)\s+)*"
    r"(?:reach(?:es|ed|ing)?|arriv(?:e|es|ed|ing)|(?:make|makes|made|making) it"
    r"|(?:get|gets|got|getting|come|comes|came) through|land(?:s|ed|ing)?|(?:turn|turns|turned|show|shows|showed) up)"
    r"(?:\s+(?:at|to|on|in|into|onto))?\s+(?:(?:the|a|an|its|their|our|every|each|any)\s+)?(?:[\w'’-]+\s+){0,2}?",
    re.IGNORECASE,
)


def _denied_before(text: str, raw: _Raw, pre_start: int, c: _Compiled) -> bool:
    """Whether a negator in the phrase's own clause, a few words before it, denies it ("no persistence",
    "messages never get lost"): what a comment on the whole clause then says is said of the denial."""
    pre = text[pre_start:raw.start]
    breaks = _scan(c.scope_break, pre)
    if breaks:
        pre = pre[breaks[-1].end():]
    negators = _scan(c.negator, pre)
    # (h64) "anything that can't be delivered is discarded, and that's fine": the relative clause's own
    # denial is no denial of the phrase, so the comment accepts the discarding
    return (
        bool(negators)
        and len(_WORDS_RE.findall(pre[negators[-1].end():])) <= _NEGATOR_REACH
        and not _relative_negator(pre, negators[-1], raw, c)
    )


# "replay is not part of the picture", "durability isn't free", "persistence is not the bottleneck": the
# phrase as the subject of a denied "to be" whose predicate the lexicon does not know.  What is denied of
# it may be the need ("not what we're after"), a product's trait ("not supported by redis") or something
# else, so the phrase is asked rather than read as stated.  "X is not just …" adds to X, and a relative
# or a conjunction between ("replay that is not …") starts another clause.
_DENIED_COPULA = _regex(
    r"(?:\s+(?!(?:that|which|who|when|where|if|because|and|but|or|so|we|they|it)\b)[\w'’-]+){0,2}?"
    r"\s+(?:(?:is|are|was|were)\s+(?:not|never)|isn['’]?t|aren['’]?t|wasn['’]?t|weren['’]?t"
    r"|(?:will not|won['’]?t|would not|wouldn['’]?t)\s+be"
    # (s34) the same in the perfect, and a topic that never came up: "durability has never been a topic",
    # "replay hasn't come up", "replay never came up in the review"
    r"|(?:has|have|had)\s+never\s+(?:been|come)|(?:hasn['’]?t|haven['’]?t|hadn['’]?t)\s+(?:been|come)"
    r"|never\s+(?:came|comes|come)\s+up)"
    r"(?![\w'’])(?!\s+(?:only|just|merely|simply|solely)\b)",
    re.IGNORECASE,
)


def _denied_copula(text: str, raw: _Raw, clause_end: int, next_start: int, c: _Compiled) -> bool:
    """Whether the phrase is the subject of a denied "to be" before the next concept in its clause, and
    what is denied of it is no lack of something wanted ("durability isn't enough")."""
    end = min(clause_end, raw.end + 40, max(next_start, raw.end))
    found = _match(_DENIED_COPULA, text, raw.end, end)
    if found is None:
        return False
    return c.lacking is None or _match(c.lacking, text, found.end(), min(len(text), found.end() + 60)) is None


_COORDINATOR = _regex(r"(?:and|or)", re.IGNORECASE)
# Two modifiers of one noun, joined: "a durable, replayable pipeline", "durable and replayable".
_ADJECTIVES_JOINED = _regex(r"\s*(?:,|/|&|and|or)\s*(?:(?:and|or)\s+)?", re.IGNORECASE)
_DETERMINERS = _regex(r"\s*(?:(?:a|an|the|any|our|their|its|some|other|extra|separate)\s+)?", re.IGNORECASE)
# A verb right after a phrase makes it the subject of a clause of its own ("no replay, and latency
# must stay low"), not a second object of the negator before it.
_PREDICATE_AFTER = _regex(
    r"\s*(?:['’]s\b|(?:is|are|was|were|must|should|has|have|had|needs?|will|would|can|could|may|might|"
    r"does|do|did|gets?|stays?|matters?|keeps?)\b)",
    re.IGNORECASE,
)


def _coordinated_object(
    text: str, raw: _Raw, pre: str, breaks: list[re.Match[str]], c: _Compiled
) -> bool:
    """Whether the last scope break before a phrase is an "and"/"or" that joins it to a short object
    of a negator ("without adding Kafka and Debezium", "no JVM or Connect cluster"), so that the
    negator still reaches it."""
    last = breaks[-1]
    if _COORDINATOR.fullmatch(last.group(0)) is None:
        return False
    if _DETERMINERS.fullmatch(pre[last.end():]) is None:
        return False  # "no budget and need durable storage": a verb starts a predicate of its own
    if _match(_PREDICATE_AFTER, text, raw.end, min(len(text), raw.end + 12)) is not None:
        return False
    start = breaks[-2].end() if len(breaks) > 1 else 0
    segment = pre[start:last.start()]
    negators = _scan(c.negator, segment)
    if not negators or any(mark in segment[negators[-1].end():] for mark in ",;:"):
        return False
    last_negator = negators[-1]
    if _match(_SUBJECT_NEGATOR, segment, last_negator.start(), last_negator.end()) is not None and _WORDS_RE.search(
        segment, last_negator.end()
    ):
        # "nothing ever comes back and the caller just hangs": a negator that is a subject has a verb of its
        # own after it, so the "and" opens another clause, not another object
        return False
    return len(_WORDS_RE.findall(segment[last_negator.end():])) <= 3


_CONDITIONAL = _regex(r"(?:if|in case|once|when|should|unless|had)\b", re.IGNORECASE)
# The subject that opens the main clause after a condition; a counterfactual one ("if we ever moved trading
# here we'd need microsecond latency", "had we chosen nats we would have had sub-ms") stays in the condition.
_MAIN_SUBJECT = _regex(
    r"\b(?:we|they|you|i|it)\b(?!['’]d\b|\s+(?:would|could|might)\b)", re.IGNORECASE
)
_YES_ANSWER = _regex(
    r"\s*(?:yes|yep|yeah|yup|definitely|absolutely|of course|a must|must|needed|required|critical|essential)\b",
    re.IGNORECASE,
)
_QUESTION_NOTE = "The description asks this rather than stating it: which is it?"
_UNDECIDED_NOTE = "The description leaves this open (a condition on the need, a wish, or someone else's): which is it?"


def _asked_after(text: str, start: int, end: int, clause: tuple[int, int], c: _Compiled) -> bool:
    """Whether the question that ends a phrase's clause is asked only after it: a statement, then a
    coordinator and a question of its own ("events must survive restarts and we're 3 people, so what
    should we use?").  A clause that opens as a question ("do we need replay and what would it cost?")
    asks all of it."""
    if c.question_after is None or c.interrogative is None:
        return False
    if _match(c.interrogative, text, clause[0], start) is not None:
        return False
    return _match(c.question_after, text, end, clause[1]) is not None


def _undecided(
    text: str,
    start: int,
    end: int,
    clause: tuple[int, int],
    sentence: tuple[int, int] | None,
    c: _Compiled,
    polarity: str = "affirmed",
    after: bool = True,
) -> str | None:
    """Why a phrase at ``start:end`` states no requirement, or None when it does.

    A phrase is asked about, never settled, when it sits in a question ("do we need replay?"), after
    an open condition or doubt in its clause ("if we ever need replay", "maybe flink later", "not sure
    whether …", "another team does …"), or before a wish ("sub-ms would be nice")."""
    if clause[1] < len(text) and text[clause[1]] == "?" and not _asked_after(text, start, end, clause, c):
        # "latency? don't care": a topic named and answered, not asked.
        words = len(_WORDS_RE.findall(text[clause[0]:start])) + len(_WORDS_RE.findall(text[end:clause[1]]))
        if words > 1:
            return _QUESTION_NOTE
        # A topic's answer that was not read ("durability? nope") leaves it open; "yes" states it.
        if polarity == "affirmed" and _match(_YES_ANSWER, text, clause[1] + 1, min(len(text), clause[1] + 30)) is None:
            return _QUESTION_NOTE
    if (
        sentence is not None
        and c.interrogative is not None
        and sentence[1] < len(text)
        and text[sentence[1]] == "?"
        and _match(c.interrogative, text, sentence[0], start) is not None
    ):
        return _QUESTION_NOTE
    if c.undecided_before is not None:
        pre_start = max(clause[0], start - _PRE_WINDOW)
        breaks = _scan(c.scope_break, text, pre_start, start)
        if breaks:
            pre_start = breaks[-1].end()
        # read a little past the phrase's start so that "maybe 5k/s" (an estimate) can be told apart (h74: and
        # "maybe a dozen a minute", whose period is further on)
        window = text[pre_start:min(len(text), start + 40)]
        # (h76) an aside between the doubt's words is read past: "we don't, honestly, know if replay matters" (read
        # in the text itself otherwise, where a look-behind sees the words before the window)
        read_past = _without_asides(window, c)
        if read_past is window:
            found = _search(c.undecided_before, text, pre_start, pre_start + len(window))
            found_end = found.end() - pre_start if found is not None else 0
        else:
            found = _search(c.undecided_before, read_past)
            found_end = found.end() if found is not None else 0
        if found is not None and pre_start + found_end > start:
            found = None
        # "if we need more history we just raise retention": a condition ends where a main clause
        # opens with its own subject; a doubt ("maybe later we want …") reaches on.
        if found is not None and not (
            _match(_CONDITIONAL, found.group(0)) and _search(_MAIN_SUBJECT, text, pre_start + found_end, start)
        ):
            return _UNDECIDED_NOTE
    if after and c.undecided_after is not None and _match(c.undecided_after, text, end, min(clause[1], end + 40)):
        return _UNDECIDED_NOTE
    return None


def _parenthesised(text: str, position: int) -> bool:
    """Whether ``position`` is inside parentheses opened on its own line, within ``_PRE_WINDOW``
    characters before it (bounded, as every look-up is, so the parse stays linear)."""
    start = max(0, position - _PRE_WINDOW)
    line = text[max(start, text.rfind("\n", start, position) + 1):position]
    return line.count("(") > line.count(")")


# A length qualifies keeping messages: only a denial of persistence can be one of its length.
_EXTENT_QUESTION = "persistence"
# An exception after "nothing is kept" in the same sentence ("no persistence except for orders", "fire and
# forget for everything but billing", "we don't need durability for the live view, only for the history
# page", "we don't need replay for most topics"): some messages must be kept after all, so which ones is asked.
_EXCEPTION_AFTER = _regex(
    r"\W*(?:[^.;!?\n]{0,60}?)(?:\b(?:except(?:ing)?|apart from|aside from|other than|save for|but for|with the "
    r"exception of|everything but|all but|besides|for most|most of)\b|[,;]\s*(?:but\s+)?(?:only|just)\s+(?:for|the)\b"
    # "no history, just the current position": the present value is what ephemeral traffic carries, no
    # exception of messages kept
    r"(?!\s+(?:current|latest|last|newest|most recent|live|present|now|right now)\b))",
    re.IGNORECASE,
)
_EXCEPTION_NOTE = "The description denies this for some messages but makes an exception: which messages must be kept?"
_EXCEPTION_QUESTIONS = {"persistence"}
# A denial of keeping, then the reference that travels instead ("…, only their s3 keys"): a claim check.
_CLAIM_CHECK_NOTE = (
    "The description keeps the data itself elsewhere and sends only references to it: must those "
    "messages be kept until they are consumed?"
)
# The same sentence that goes on to complain of the loss ("today it's fire and forget and we lose orders on
# every deploy", "currently nothing is persisted, so we drop events"): the way things are now is the
# problem, not the requirement, so it is asked; "…, and we lose a few, which is fine" still accepts it.
_COMPLAINT_AFTER = _regex(
    r"[^.;!?\n]{0,60}?(?:"
    r"(?:\band|\bso|,|which means|which is why)\s+(?:then\s+)?(?:we|they|it|users|customers)\s+"
    r"(?:still\s+|sometimes\s+|occasionally\s+|regularly\s+|keep\s+|end up\s+|have\s+)?"
    r"(?:lose|lost|losing|miss|missed|missing)"
    # the loss as what it caused: "at-most-once delivery caused lost invoices", "led to missing orders"
    r"|\b(?:caused|causes|led to|leads to|resulted in|results in|gave us|gives us|cost us|costs us)\s+"
    r"(?:us\s+)?(?:[\w-]+\s+){0,2}?(?:lost|losing|loss|losses|missing|missed|dropped|gaps)"
    r")\b",
    re.IGNORECASE,
)
_COMPLAINT_ACCEPTED = _regex(
    r"[^.;!?\n]*?\b(?:fine|ok|okay|acceptable|harmless|no big deal|nbd|don['’]?t care|doesn['’]?t matter"
    r"|(?:nobody|no one) (?:cares|notices|minds)|don['’]?t mind)\b",
    re.IGNORECASE,
)
_COMPLAINT_NOTE = "The description says messages are not kept today and complains of losing them: must they be kept?"


_EXTENT_NOTE = (
    "This denies how long messages are kept, not that they are kept: a shorter retention still "
    "needs a store that keeps them."
)


# A length inside the phrase itself: "retain raw events for 14 days", "keep a week of history".
_PERIOD_IN_PHRASE = _regex(
    r"(?<![\w'’])(?:\d+|~\d+|a|an|one|two|three|four|five|six|seven|ten|thirty|ninety|a few|several|many)"
    r"\s?(?:h|hrs?|hours?|days?|weeks?|months?|years?)(?![\w'’])",
    re.IGNORECASE,
)


def _extent(text: str, raw: _Raw, clause: tuple[int, int], c: _Compiled) -> bool:
    """Whether a length qualifies the phrase: "long-term retention", "history beyond a week", "kept for
    30 days" (denied: kept for less, not kept at all)."""
    if _search(_PERIOD_IN_PHRASE, raw.text) is not None:
        return True
    # ... or a word of lasting of the phrase's own ("they aren't stored forever"): denied, it bounds the keeping
    if c.extent_within is not None and _search(c.extent_within, raw.text) is not None:
        return True
    if c.extent_before is not None and _search(c.extent_before, text, max(clause[0], raw.start - 40), raw.start):
        return True
    if c.extent_after is None:
        return False
    return _match(c.extent_after, text, raw.end, min(clause[1], raw.end + 60)) is not None


def _modifier(text: str, raw: _Raw, clause: tuple[int, int], c: _Compiled) -> Modifier | None:
    for mod, lazy in c.modifiers.get(id(raw.entry), []):
        pattern = lazy.pattern
        if mod.where == "before":
            window = (max(clause[0], raw.start - mod.reach), raw.start)
        else:
            window = (raw.end, min(clause[1], raw.end + mod.reach))
        found = _search(pattern, text, *window) if mod.where == "before" else _match(pattern, text, *window)
        if found:
            return mod
    return None


# ---------------------------------------------------------------------------
# Reading one span of text


# Typography that word processors, blogs and Slack's smart quotes put in ("we don’t need replay", “fire
# and forget”, a no-break space in "10\u00a0ms", "at\u2011least\u2011once"): read as the plain characters the
# lexicon is written in, one for one.
_TYPOGRAPHIC = str.maketrans(
    {
        **dict.fromkeys("\u2018\u2019\u201a\u201b\u02bc\u2032", "'"),
        **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033", '"'),
        **dict.fromkeys("\u00a0\u2002\u2003\u2007\u2009\u200a\u202f", " "),
        **dict.fromkeys("\u2010\u2011\u2012\u2212", "-"),
    }
)


# A list item's or a quote's mark at a line's start, with its spaces: "- ", "  * ", "• ", "> ", "2) ", "3. ".
_LINE_BULLET = _regex(r"(^|\n)([ \t]*(?:[-*•+>]|\d{1,2}[.)])[ \t]+)(?=\S)")


# A link's address says nothing about the workload ("https://github.com/acme/debezium-demo" names no CDC
# need); the words a link shows (Slack's "<url|label>", Markdown's "[label](url)") are kept.
_URL = _regex(r"(?:\bhttps?://|\bwww\.)[^\s<>|()\[\]]+", re.IGNORECASE)


@dataclass(frozen=True)
class _Scale:
    """The guide's bounds for one kind of rate, and how a figure of it is written."""

    high: float
    moderate: float
    describe: Callable[[float], str]


@dataclass(frozen=True)
class _Section:
    start: int
    end: int
    kind: str  # "needless" | "undecided" | "described" | "decided" | "code"
    lead: str


_HEADING_LINE = _regex(r"[ \t]*#{1,6}[ \t]+\S")
_LEAD_LINE = _regex(r"[ \t]*(?:\*\*|__)?[^\n:]{1,60}?(?:\*\*|__)?[ \t]*:[ \t]*(?:\*\*|__)?[ \t]*$")
_LIST_ITEM = _regex(r"[ \t]*(?:[-*•+]|\d+[.)])[ \t]+")
_HEADING_PARTS = _regex(r"[ \t]*(?P<marks>#{1,6})[ \t]+(?P<title>[^\n]*?)[ \t]*(?:<!--[^\n]*?-->)?[ \t#]*$")
_FENCE = _regex(r"[ \t]*(?:```|~~~)")
_TABLE_ROW = _regex(r"[ \t]*\|")
# A heading's or lead-in's words without emphasis, numbering, emoji, a closing colon or comment.
_TITLE_EDGES = _regex(r"^[^\w(]+|(?:<!--.*?-->|[^\w)])+$")
_TITLE_NUMBER = _regex(r"^(?:\d+(?:\.\d+)*[.)]?|[a-z][.)])\s+", re.IGNORECASE)


def _title(text: str) -> str:
    text = _TITLE_EDGES.sub("", text.replace("**", "").replace("__", "").replace("`", "").strip())
    return _TITLE_NUMBER.sub("", text).strip()


def _heading_kind(title: str, c: _Compiled) -> str | None:
    found = c.heading_kind.fullmatch(title) if c.heading_kind is not None else None
    if found is not None:
        return next(k for k in ("needless", "undecided", "described", "decided") if found.group(k))
    if c.system_heading is not None and c.system_heading.fullmatch(title):
        return "described"
    return None


def _comparison_table(rows: list[str], c: _Compiled) -> bool:
    """A table whose columns or rows are candidate systems compares them ("| Requirement | NATS |
    Kafka |", "| **Amazon MSK** | managed | …"): its cells describe the systems, not the workload."""
    if c.system_cell is None or not rows:
        return False
    cells = [[_title(cell) for cell in row.strip().strip("|").split("|")] for row in rows]
    named_columns = sum(1 for cell in cells[0][1:] if c.system_cell.fullmatch(cell))
    named_rows = sum(1 for row in cells[1:] if row and c.system_cell.fullmatch(row[0]))
    return named_columns >= 2 or named_rows >= 2


def _sections(text: str, c: _Compiled) -> _Sections:
    """The parts of a design doc or decision record that do not state the workload's needs, in one
    pass over its lines:

    - under a needless or undecided lead-in ("## Non-goals", "Out of scope: …", "Nice to have:"): a
      lead-in with words after it on its line governs that line; one on a line of its own (or a
      heading) governs the lines below it, up to the next heading or lead-in line, or a paragraph
      after a blank line that is no list;
    - under a heading about candidate systems or what the choice brings ("## Considered Options",
      "### Option B — Kafka", "### Apache Kafka", "### Positive Consequences", "## Benchmarks"):
      "described", up to the next heading of its level or above; the same words as a lead-in line
      ("**Cons:**", "Kafka:") govern as the lead-ins above do; a table whose columns or rows are
      systems is "described" too;
    - "decided": the title line and a "## Decision" section, where the system named is the one
      chosen, not the one that runs today;
    - "code": a fenced code block or configuration snippet.
    """
    found: list[_Section] = []
    headings: list[tuple[int, str, str]] = []  # open heading sections: (level, kind, name)
    lead_open: tuple[str, str] | None = None  # a lead-in on a line of its own, governing the lines below
    blank = False
    in_code = False
    current: tuple[str, str] | None = None
    current_start = 0

    lines: list[tuple[int, int, tuple[str, str] | None]] = []
    position = 0
    for line in text.split("\n"):
        start, end = position, position + len(line)
        position = end + 1
        if _match(_FENCE, text, start, end) is not None:
            in_code = not in_code
            lines.append((start, end, ("code", "a code block")))
            continue
        if in_code:
            lines.append((start, end, ("code", "a code block")))
            continue
        heading = _match(_HEADING_PARTS, text, start, end)
        if heading is not None:
            level = len(heading.group("marks"))
            title = _title(heading.group("title"))
            while headings and headings[-1][0] >= level:
                headings.pop()
            lead_open, blank = None, False
            kind = _heading_kind(title, c)
            if kind in ("needless", "undecided"):
                lead_open = (kind, title)
            elif level == 1 and kind in (None, "decided"):
                lines.append((start, end, ("decided", title)))  # the record's title names the choice
                continue
            elif kind is not None:
                headings.append((level, kind, title))
        else:
            lead = _match(c.section_lead, text, start, end) if c.section_lead is not None else None
            kind = None
            if lead is not None:
                kind = next(k for k in ("needless", "undecided", "described", "decided") if lead.group(k))
                name = lead.group(kind).strip()
            elif _match(_LEAD_LINE, text, start, end) is not None and _heading_kind(_title(line), c) == "described":
                kind, name = "described", _title(line)  # "Kafka:", "**Log/Stream** (Kafka, JetStream):"
            if kind is not None:
                if lead is not None and text[lead.end():end].strip():
                    lines.append((start, end, (kind, name)))  # "Out of scope: replay, connectors"
                    lead_open = None
                    continue
                lead_open, blank = (kind, name), False
            elif lead_open is not None:
                body = line
                new_paragraph = blank and body.strip() and not _LIST_ITEM.match(body)
                if _LEAD_LINE.match(body) or new_paragraph:
                    lead_open = None
                else:
                    blank = not body.strip()
        governing = lead_open or (headings[-1][1:] if headings else None)
        lines.append((start, end, governing))

    # A table whose columns or rows are systems: its lines are "described", whatever governs them.
    row = 0
    while row < len(lines):
        last = row
        while (last < len(lines) and (lines[last][2] or ("",))[0] != "code"
               and _match(_TABLE_ROW, text, lines[last][0], lines[last][1]) is not None):
            last += 1
        if last > row and _comparison_table([text[a:b] for a, b, _ in lines[row:last]], c):
            lines[row:last] = [(a, b, ("described", "a table comparing systems")) for a, b, _ in lines[row:last]]
        row = max(last, row + 1)

    for start, _end, governing in lines:
        if governing != current:
            if current is not None:
                found.append(_Section(current_start, start, *current))
            current, current_start = governing, start
    if current is not None:
        found.append(_Section(current_start, len(text), *current))
    return _Sections(found)


class _Sections(list[_Section]):
    """The sections of a text, in order, with the one a position falls in."""

    def __init__(self, sections: list[_Section]) -> None:
        super().__init__(sections)
        self.starts = [s.start for s in sections]

    def at(self, position: int) -> _Section | None:
        i = bisect.bisect_right(self.starts, position) - 1
        return self[i] if i >= 0 and self[i].start <= position < self[i].end else None


_SECTION_NOTES = {
    "described": "Said under “{lead}”, of an option weighed or of what a choice brings, not of this workload: "
    "does it hold here?",
    "code": "Inside a code block or configuration snippet, not said of the workload: does it hold here?",
}


def _section_note(section: _Section) -> str:
    template = _SECTION_NOTES.get(
        section.kind, "Listed under “{lead}”: a wish or an open point, not a requirement. Is it needed?"
    )
    return template.format(lead=section.lead)


def _keyword_hits(
    text: str,
    span: tuple[int, int],
    clauses: _Bounds,
    index: _WordIndex,
    kb: Knowledge,
    c: _Compiled,
    sentences: _Bounds | None = None,
    sections: _Sections | None = None,
    *,
    phrases: str,
) -> tuple[list[_Hit], list[Ambiguity]]:
    """The lexicon's entries read in ``span``; ``phrases`` is the text as the entries' patterns read it (see
    ``_phrases_of``), made once per description by the caller."""
    raws: list[_Raw] = []
    for entry, _, anchors in c.entries:
        if anchors is not None and not index.positions(anchors, span):
            continue
        for m in _entry_matches(entry, c, phrases, span, index):
            raws.append(_Raw(entry, m.start(), m.end(), text[m.start():m.end()]))
    # Lean-only phrases (the lexicon's `leans` with `value: ""`) are weak evidence: they never
    # shadow a stated phrase nor take part in its grammar, so what the text settles is the same
    # with or without them.  They are read in a second pass, beside the stated phrases.
    leaning = [r for r in raws if _lean_only(r.entry)]
    kept = _longest([r for r in raws if not _lean_only(r.entry)])
    hits, hints = _read_raws(text, kept, clauses, kb, c, sentences, sections=sections)
    hits.extend(_answered_loss_questions(text, span, sentences, c))
    if leaning:
        both = sorted([*kept, *_longest(leaning)], key=lambda r: (r.start, -(r.end - r.start)))
        lean_hits, _ = _read_raws(
            text, both, clauses, kb, c, sentences, only={id(r) for r in leaning}, sections=sections
        )
        hits.extend(lean_hits)
    return hits, hints


def _answered_loss_questions(
    text: str, span: tuple[int, int], sentences: _Bounds | None, c: _Compiled
) -> list[_Hit]:
    """(s40) A question whether messages are lost ("if one box dies, is everything on it just gone?") followed at once
    by a reply that needs the opposite ("we'd need it not to be", "that can't happen"): the reply's pronoun stands
    for the loss asked about, so messages must be kept.  Only the sentence right after the question replies."""
    if sentences is None or c.loss_question is None or c.wanting_otherwise is None:
        return []
    hits: list[_Hit] = []
    for i, end in enumerate(sentences.ends):
        if not span[0] <= end < span[1] or text[end] != "?" or i + 1 >= len(sentences.starts):
            continue
        j = i + 1  # the next sentence with words in it ("?\r\n" makes an empty one between its two breaks)
        while j + 1 < len(sentences.starts) and not text[sentences.starts[j]:sentences.ends[j]].strip():
            j += 1
        reply = _match(c.wanting_otherwise, text, sentences.starts[j], min(span[1], sentences.ends[j]))
        if reply is None:
            continue
        losses = _scan(c.loss_question, text, max(span[0], sentences.starts[i]), end)
        if not losses:
            continue
        loss = losses[-1]  # the loss nearest the question mark
        hits.append(_Hit("persistence", "yes", loss.start(), reply.end(), text[loss.start():reply.end()]))
    return hits


def _referred(
    text: str, r: _Raw, kept: list[_Raw], position: int, sentences: _Bounds | None, c: _Compiled
) -> str | None:
    """"needless" or "open" when a later clause of the sentence speaks of this phrase by a pronoun
    ("replay would be nice, but honestly we don't need it"); None otherwise."""
    if c.referring is None:
        return None
    end = sentences.around(r.start)[1] if sentences is not None else len(text)
    found = _search(c.referring, text, r.end, min(end, r.end + _PRE_WINDOW))
    if found is None:
        return None
    # The pronoun speaks of the nearest thing named: another concept or a system in between may be it.
    if c.system_name is not None and _search(c.system_name, text, r.end, found.start()) is not None:
        return None
    for other in kept[position + 1:]:
        if other.start >= found.start():
            break
        if other.start >= r.end and other.entry.question != r.entry.question and not _lean_only(other.entry):
            return None
    return "needless" if found.group("needless") else "open"


# A need denied: "… and we don't need it", "… nor do we want it".
_DENIED_NEED = _regex(
    r"(?:n['’]?t|(?<![\w'’])(?:not|never|nor(?:\s+(?:do|does|did)\s+(?:we|they|i))?))\s+(?:really\s+|even\s+|actually\s+)?"
    r"(?:need|needs|needed|require|requires|want|wants)(?![\w'’])",
    re.IGNORECASE,
)
_NEED_WORDS = _regex(
    r"(?<![\w'’])(?:need|needs|needed|require|requires|required|must|should|has to|have to|want|wants|wanted"
    r"|necessary|a requirement|requirements?|use for|reason to|point in)(?![\w'’])",
    re.IGNORECASE,
)


def _product_frame(names: list[str]) -> re.Pattern[str] | None:
    """A sentence opened by a system as its frame: "With redis pub/sub, …", "In core NATS, …", "Redis
    pub/sub: …".  What follows tells how that system behaves, not what the workload needs."""
    if not names:
        return None
    system = _alternatives(names)
    return _regex(
        rf"\s*(?:[-*•]\s+)?(?:(?:with|in|on|under|using)\s+(?:(?:apache|core|plain|vanilla|stock|bare|the)\s+)?"
        rf"(?:{system})(?:\s+(?:core|alone|today|as it is|as-is|by itself))?\s*,"
        rf"|(?:(?:apache|core|plain|vanilla)\s+)?(?:{system})(?:\s+(?:core|today))?\s*:)",
        re.IGNORECASE,
    )


def _product_subject(
    names: list[str], predicates: list[str], *, parts: list[str] | None = None
) -> re.Pattern[str] | None:
    """A system's name (or a pronoun), at the start of a clause, then one of ``predicates``: what the
    product is or does; given ``parts`` (the wide reading), also a part of it ("redis streams") and what
    it can or would do."""
    if not names or not predicates:
        return None
    system = _alternatives(names)
    verbs = _alternatives(predicates)
    wide = parts is not None
    part = rf"(?:\s+(?:{_alternatives(parts)}))?" if parts else ""
    modal = r"(?:(?:would|could|can|will|might|may)\s+)?" if wide else ""
    # (s40) the wide reading also takes a second predicate of the same named subject, after its first one and "and"
    # or "but" ("grpc costs almost nothing but has no queueing"): the subject is left out, not changed
    shared = (
        rf"|(?<=[\w'’])(?:\s+[^\s.,;:!?]+){{1,6}}?\s+(?:and|but)\s+(?:also |still |it )?(?:{verbs})(?![\w'’])"
        if wide
        else ""
    )
    return _regex(
        rf"(?:^|(?<=[.!?]\s)|(?<=\n)|[,;:(—–]\s*|(?<![\w'’])(?:because|since|as|and|but|while|whereas|though|so|that)\s+)"
        rf"(?:(?:unlike|like) (?:(?:apache|core|plain|vanilla) )?(?:{system}),?\s*)?"
        rf"(?:(?P<system>(?:(?:apache|core|plain|vanilla) )?(?:{system}){part})"
        rf"|(?P<pronoun>it|which|that|this|they))"
        rf"(?:(?:['’]s)?\s+{modal}"
        rf"(?:also |still |simply |just |by default |natively |already |out of the box )?"
        # the verb, or nothing when the phrase is the verb itself ("Kafka persists everything")
        rf"(?:(?:{verbs})(?![\w'’])|(?=\s*$)){shared})",
        re.IGNORECASE,
    )


_BACK_REFERENCE = _regex(r"\s*(?:that|this|it|which)(?![\w'’])", re.IGNORECASE)


def _state_reading(
    text: str, r: _Raw, clause: tuple[int, int], sentences: _Bounds | None, c: _Compiled
) -> str | None:
    """"complained" or "open" when a denial tells how a system is today ("there's no replay right now",
    "redis has no persistence"), not what the workload needs; None when it states the need."""
    # "we don't need replay today" denies the need; "we don't have durability today and we need it" lacks it
    # (s34: after the phrase only a need denied denies it: "… and we don't need it")
    if _search(_NEED_WORDS, text, clause[0], r.start) is not None or _search(
        _DENIED_NEED, text, r.end, clause[1]
    ) is not None:
        return None
    start, end = sentences.around(r.start) if sentences is not None else clause
    reach = end
    if sentences is not None and end < len(text):
        # "No DLQ, no replay. That can't happen again.": a next sentence that opens on what was said
        i = bisect.bisect_right(sentences.starts, end)
        if i < len(sentences.starts):
            following = (sentences.starts[i], sentences.ends[i] if i < len(sentences.ends) else len(text))
            if _match(_BACK_REFERENCE, text, following[0], following[1]) is not None:
                reach = following[1]
    if c.complaint_after is not None and _search(c.complaint_after, text, r.end, reach) is not None:
        return "complained"
    if c.state_marker is not None and _search(c.state_marker, text, start, end) is not None:
        return "open"
    if c.state_before is not None and _search(c.state_before, text, max(clause[0], r.start - _PRE_WINDOW), r.start):
        return "open"
    return None


# The answer of a phrase that says messages are not needed (ephemeral, may be dropped).
_GIVEN_UP = "no"


def _described_state(
    text: str, r: _Raw, clause: tuple[int, int], sentences: _Bounds | None, c: _Compiled
) -> str | None:
    """"open" when a phrase that gives messages up is said of how things are today or were ("right now
    it's fire-and-forget", "our current broker is in-memory only", "the old system was best-effort"),
    not of what the workload may do; None when its clause says what is needed or accepted."""
    if _search(_NEED_WORDS, text, clause[0], clause[1]) is not None:
        return None  # "today we need only fire-and-forget"
    start, end = sentences.around(r.start) if sentences is not None else clause
    if c.state_marker is not None and _search(c.state_marker, text, start, end) is not None:
        return "open"
    return None


def _keeping_by_modifier(r: _Raw, modifier: Modifier | None) -> bool:
    """(h81) Whether a phrase that says nothing by itself keeps messages in its setting ("our existing broker stores
    msgs": ``modifier``, the phrase's modifier, gives the answer)."""
    return r.entry.value == "" and modifier is not None and modifier.value not in ("", "?", "none", "lean", _GIVEN_UP)


_CLAUSE_OPENER = _regex(r"\W*(?:(?:and|but|so|well|ok|also|plus)\s+)?", re.IGNORECASE)


def _described_keeping(
    text: str, r: _Raw, clause: tuple[int, int], clauses: _Bounds, sentences: _Bounds | None, c: _Compiled
) -> str | None:
    """(h81) "open" when a phrase that keeps messages is said of how things are today or were, in its own clause
    or after a clause that is only the marker ("today kafka keeps 7 days and nobody reads it", "right now, rabbit
    holds msgs on disk until acked", "in the legacy system events piled up in the queue"): what runs today is not
    automatically what the new workload needs.  None when its clause says what is needed, or when what follows
    wants it kept ("… we need the old behaviour back"); a bare "yet" is the conjunction ("durable yet fast")."""
    if c.state_marker is None or _search(_NEED_WORDS, text, clause[0], clause[1]) is not None:
        return None
    # (not the phrase's own words: "posted today, collected days later")
    marked = any(
        m.group(0).lower() != "yet" and not (r.start <= m.start() < r.end)
        for m in _scan(c.state_marker, text, clause[0], clause[1])
    )
    if not marked and clause[0] > 0:
        # "right now, …", "in our current setup, …": a clause of the marker alone before it
        before = clauses.around(clause[0] - 1)
        opener = _match(_CLAUSE_OPENER, text, before[0], before[1])
        found = _match(c.state_marker, text, opener.end() if opener else before[0], before[1])
        marked = found is not None and not text[found.end():before[1]].strip(" \t,:;—–-")
    if not marked:
        return None
    if c.state_wanted is not None and sentences is not None:
        # what follows, up to two sentences on, wants that kept: "… with nats they're just gone. we need the old
        # behaviour back"
        i = bisect.bisect_right(sentences.starts, r.start)
        reach = sentences.ends[min(len(sentences.ends) - 1, i + 1)]
        if _search(c.state_wanted, text, r.end, reach) is not None:
            return None
    return "open"


_OWN_WORDS = _regex(
    r"(?<![\w'’])(?:we|us|our|ours|i|my|me|need|needs|needed|require|requires|required|must|want|wants)(?![\w'’])",
    re.IGNORECASE,
)
_PRODUCT_REACH = 8  # words between the product's verb and the phrase
_PRODUCT_WINDOW = 600  # characters before a phrase where its product subject is looked for (well past 8 words)


def _describes_product(text: str, r: _Raw, sentences: _Bounds | None, c: _Compiled) -> bool:
    """Whether the phrase is the object of what a named system is or does ("Kafka gives you durable
    logs", "because it adds persistence"), not the workload's need."""
    if c.product_subject is None or sentences is None:
        return False
    start = sentences.around(r.start)[0]
    frame = _match(c.product_frame, text, start, r.start) if c.product_frame is not None else None
    if frame is not None and _search(_OWN_WORDS, text, frame.end(), r.start) is None:
        return True  # "With redis pub/sub, offline subscribers simply miss messages"
    found = None
    subject = c.product_subject_wide if r.entry.question in c.state_questions else c.product_subject
    if subject is None:
        return False
    # only the last subject before the phrase counts, and only within _PRODUCT_REACH words of it: a long
    # sentence (a text with no full stops) is not scanned from its start for each phrase
    for m in _scan(subject, text, max(start, r.start - _PRODUCT_WINDOW), r.start):
        found = m
    if found is None:
        return False
    between = text[found.end():r.start]
    if len(_WORDS_RE.findall(between)) > _PRODUCT_REACH or _search(_OWN_WORDS, between) is not None:
        return False
    if found.group("pronoun") and (
        c.system_name is None or _search(c.system_name, text, start, found.start()) is None
    ):
        return False  # "it" with no system named before it in the sentence may be anything
    # "we run kafka and it keeps a week of events", "our kafka keeps …": the team's own deployment,
    # unless the sentence weighs options ("we're evaluating JetStream because it adds persistence")
    own = _search(_OWN_WORDS, text, start, found.end()) is not None
    weighed = c.hypothetical is not None and bool(_search(c.hypothetical, text, start, sentences.around(r.start)[1]))
    return not own or weighed


def _lean_only(entry: LexiconEntry) -> bool:
    return entry.value == "" and entry.leans is not None and not entry.note


def _longest(raws: list[_Raw]) -> list[_Raw]:
    """A phrase inside a longer matched phrase of the same question ("platform team" in "no
    platform team") gives way; another question's phrase is read beside it.  An inner phrase that
    says the same answer and implies more ("from nats streaming", a stored system, inside "consumes
    those events from nats streaming") is kept, so what it implies still holds."""
    by_question: dict[str, list[_Raw]] = {}
    for r in raws:
        by_question.setdefault(r.entry.question, []).append(r)
    kept: list[_Raw] = []
    for group in by_question.values():
        group.sort(key=lambda r: (r.start, -(r.end - r.start)))
        reach = -1
        longest: _Raw | None = None
        for r in group:
            if longest is not None and r.end <= reach and (r.start, r.end) != (longest.start, longest.end) and (
                reach - longest.start > r.end - r.start
            ):
                implies_more = r.entry.value == longest.entry.value and any(
                    q not in longest.entry.implies for q in r.entry.implies
                )
                if not implies_more:
                    continue
            kept.append(r)
            if r.end > reach:
                reach, longest = r.end, r
    return sorted(kept, key=lambda r: (r.start, -(r.end - r.start)))


def _outside_phrase(pattern: re.Pattern[str], text: str, lo: int, hi: int, r: _Raw) -> re.Match[str] | None:
    """The first match of ``pattern`` in ``text[lo:hi]`` that is not wholly inside the phrase ``r`` (h22: a
    phrase's own words, "the kafka event bus option", do not weigh it; "should use kafka" still does)."""
    pos = lo
    while pos <= hi:
        found = _search(pattern, text, pos, hi)
        if found is None or not (r.start <= found.start() and found.end() <= r.end):
            return found
        pos = found.end() if found.end() > found.start() else found.end() + 1
    return None


def _read_raws(
    text: str,
    kept: list[_Raw],
    clauses: _Bounds,
    kb: Knowledge,
    c: _Compiled,
    sentences: _Bounds | None,
    only: set[int] | None = None,
    sections: _Sections | None = None,
) -> tuple[list[_Hit], list[Ambiguity]]:
    """The phrases' readings in their grammar (negation, polarity, modifiers); with ``only``, the
    readings of those phrases alone (the others still take part in the grammar)."""
    hits: list[_Hit] = []
    hints: list[Ambiguity] = []
    previous: _Raw | None = None
    previous_polarity = "affirmed"
    previous_pre_start = 0
    # the end, the note and the question of the last phrase asked for its condition or doubt
    open_before: tuple[int, str, str] | None = None
    starts = [k.start for k in kept]
    for position, r in enumerate(kept):
        clause = clauses.around(r.start)
        pre_start = max(clause[0], r.start - _PRE_WINDOW)
        inherited = None
        if previous is not None and previous.end <= r.start and previous.start >= clause[0]:
            between = text[previous.end:r.start]
            if previous.end > pre_start:
                pre_start = previous.end  # a negator governs the nearest concept after it
            if (_match(_COORDINATED, between) or _match(_POSSESSIVE, between)) and previous_polarity != "affirmed":
                # "no persistence or replay"; "we don't use kafka's retention": one noun phrase
                inherited = previous_polarity
                if not between.strip() and r.start < clause[1]:
                    # (h41) a polarity the previous phrase took from what follows it may come from this very
                    # phrase ("heartbeats have no value once the next one arrives": "have no value" is the
                    # heartbeats' predicate and this phrase too): only what was said before is shared
                    inherited = _polarity(text, previous, previous_pre_start, previous.end, c, previous.end, clause[0])
                    if inherited == "affirmed":
                        inherited = None
        elif previous is not None and previous.start >= clause[0] and previous.start <= r.start < previous.end:
            # Another question's phrase over the same words ("s3" for connectors and for a lake): the
            # grammar before it is the same, so is what a concept before them both shields it from
            # ("zero glue code for the s3 archival": the negator stops at "glue code").
            pre_start = max(pre_start, previous_pre_start)
        after = bisect.bisect_left(starts, r.end, position + 1)
        # A concept right after this one, at most a word away, is its object ("a lost heartbeat
        # doesn't matter"): the predicate that follows still speaks of this phrase too.
        while after < len(starts) and _match(_OBJECT_GAP, text, r.end, starts[after]) is not None:
            after += 1
        following = starts[after] if after < len(starts) else len(text)
        polarity = _polarity(text, r, pre_start, clause[1], c, following, clause[0])
        # A concern ("stale data is a bug", "worried about losing orders") denies the phrase: the entry's
        # `concerned` answer where it has one (what a risk is not allowed to be may say nothing of the need).
        concerned = polarity == "concerned"
        if concerned:
            polarity = "negated"
        if polarity == "affirmed" and inherited:
            polarity = inherited
        if polarity != "past":
            # a later clause that speaks of it: "…, but we don't need it" denies what was stated; "…,
            # but we'd consider it later" reopens whatever was said
            referred = _referred(text, r, kept, position, sentences, c)
            # A phrase that itself says messages are not needed ("metrics can be dropped, we don't care
            # about those") is not turned into a need by a later "we don't care about them": the pronoun
            # speaks of the things (the metrics), which the phrase already gave up.
            if referred == "open" or (
                referred == "needless" and polarity == "affirmed" and r.entry.value != _GIVEN_UP
            ):
                polarity = referred
        # (s35) not a concern: "message loss is not acceptable here" forbids the loss; the predicate is no
        # complaint about how things are today (it had read as one and settled nothing)
        modifier = _modifier(text, r, clause, c)
        if polarity == "negated" and not concerned and r.entry.question in c.state_questions:
            polarity = _state_reading(text, r, clause, sentences, c) or polarity
        elif polarity == "affirmed" and r.entry.value == _GIVEN_UP and r.entry.question in c.state_questions:
            # "today the bridge runs QoS 0", "the old system was fire-and-forget": the lossy way things are
            # (or were) is no statement that the workload may lose messages; often it is what they fix.
            polarity = _described_state(text, r, clause, sentences, c) or polarity
        elif (
            polarity == "affirmed"
            and r.entry.question in c.state_questions
            and (r.entry.value not in ("", "?") or _keeping_by_modifier(r, modifier))
        ):
            # (h81) "right now msgs sit in rabbit until the consumer wakes up", "today kafka keeps 7 days and nobody
            # reads it": how things are (or were) kept is no statement that the workload needs it
            polarity = _described_keeping(text, r, clause, clauses, sentences, c) or polarity
        if polarity in ("affirmed", "negated") and _describes_product(text, r, sentences, c):
            polarity = "open"
        section = sections.at(r.start) if sections else None
        needless_section = section is not None and section.kind == "needless"
        if needless_section and polarity == "affirmed" and not _parenthesised(text, r.start):
            # "Non-goals: exactly-once", as "exactly-once is a non-goal"; an aside in parentheses says what
            # is aimed at instead ("- exactly-once (at-least-once with idempotent handlers)").
            polarity = "needless"
        if modifier is not None and modifier.when_unclear and polarity != "unclear":
            modifier = None  # the grammar read the predicate ("… is not negotiable"): it speaks, not a guess
        if polarity == "unclear":
            # "retention is not part of the picture", "only the latest value mattering is not the whole
            # story": what is denied of it is unclear, so it is asked; a modifier that reads the phrase
            # otherwise, or a fact about what runs, still speaks.
            polarity = "affirmed" if modifier is not None or r.entry.factual else "open"
        if previous is None or r.start >= previous.end:
            previous, previous_polarity, previous_pre_start = r, polarity, pre_start

        entry = r.entry
        if only is not None and id(r) not in only:
            continue
        if polarity == "past":
            continue
        aside = section is not None and section.kind in ("described", "code")
        if (
            entry.factual
            and section is not None
            and section.kind in ("described", "code", "decided")
            and not (entry.departure and section.kind == "decided")
        ):
            # a system weighed, brought by the choice, or chosen is not the one that runs today; one a
            # decision leaves ("Decision: sunset kafka") is
            continue
        weighing = c.weighing if entry.departure else c.hypothetical
        if entry.factual and weighing is not None and sentences is not None:
            s_start, s_end = sentences.around(r.start)
            window = (max(s_start, r.start - _PRE_WINDOW), min(s_end, r.end + _POST_WINDOW))
            # (h22) the phrase's own words are no weighing: "the kafka event bus option … is now deprecated"
            # names the deployment by the word "option"; what weighs it stands before or after the phrase
            weighed = _outside_phrase(weighing, text, window[0], window[1], r)
            if (
                weighed is not None
                and _search(c.ours_now, text, r.start, r.end) is not None
                and _match(_ALTERNATIVE_NEXT, text, r.end, window[1]) is None
            ):
                # "our kafka cluster is getting expensive and we're looking at alternatives": options
                # weighed in a later clause are weighed against what the team's own phrase says runs
                later = _search(_LATER_CLAUSE, text, r.end, window[1])
                weighed = _outside_phrase(
                    weighing, text, window[0], later.start() if later is not None else window[1], r
                )
            if weighed is not None:
                continue  # an option weighed ("should we run our own Kafka?"), not what runs today
        if entry.factual and not entry.departure and c.plan is not None and sentences is not None:
            # What is to come ("next step is … an msk cluster", "kafka is planned for next quarter"):
            # a plan before the phrase in its sentence, or within two words after it; a phrase that
            # itself says the system is there ("our kafka", "move off rabbit") still states today's.
            # (h63) Both in its sentence: "we run kafka. we want to add a notification service" plans
            # the service, not the kafka.
            s_start, s_end = sentences.around(r.start)
            planned = _search(c.plan, text, s_start, r.start) is not None or (
                c.plan_after is not None
                and _match(c.plan_after, text, r.end, max(r.end, min(s_end, r.end + 60))) is not None
            )
            if planned and _search(c.owned, text, r.start, r.end) is None:
                continue
        if entry.factual and c.others is not None and sentences is not None:
            # another party's system ("our payment provider runs kafka internally"), unless the phrase
            # names it as the team's ("customers publish into our kafka")
            s_start, _ = sentences.around(r.start)
            party = _search(c.others, text, s_start, r.end)
            if party is not None and party.start() < r.start and _search(c.ours, text, r.start, r.end) is None:
                continue
        if polarity == "affirmed":
            value: str | None = entry.value or ("?" if entry.note else None)
        elif polarity == "needless" and entry.indifferent is not None:
            value = entry.indifferent
        elif concerned and polarity == "negated" and entry.concerned is not None:
            value = entry.concerned
        elif polarity in ("negated", "needless"):
            value = entry.negated
            if value is None and entry.negatable and entry.value not in ("", "?"):
                value = _opposite(kb, entry.question, entry.value)
        elif polarity == "indifferent":
            value = entry.indifferent if entry.indifferent is not None else entry.tolerated
        elif polarity == "complained":
            # "no persistence today, which bit us twice": the absence is the problem, the concept is wanted
            value = entry.value if entry.value not in ("", "?") else None
        elif polarity == "open":
            # a condition ("without replay we'd …") or a doubt said of it afterwards: asked
            value = "?" if entry.value or entry.negated or entry.negatable else None
        else:
            # "2 seconds of delay is acceptable": a statement declared acceptable still states it.
            value = entry.tolerated if entry.tolerated is not None or entry.negatable else entry.value
        denied = polarity in ("negated", "needless", "indifferent")
        if value and denied and entry.question == _EXTENT_QUESTION and _extent(text, r, clause, c):
            # "no long-term retention": the denial is of how long messages are kept, not of keeping them.
            hints.append(Ambiguity(question=entry.question, span=(r.start, r.end), text=r.text, note=_EXTENT_NOTE))
            continue
        elsewhere = _ELSEWHERE.get(entry.question)
        if value and elsewhere is not None and (
            _said_elsewhere(getattr(c, elsewhere), text, r, clause)
            or (elsewhere == "kept_elsewhere" and _kept_by_subject(text, r, clause, c))
        ):
            # "our metrics are kept in prometheus for 15 days", "windowed reports in looker": that store's
            # keeping or that tool's computing, not the messaging system's
            continue
        weakened = False
        if modifier is not None:
            if modifier.value == "none":
                value = None
            elif modifier.value == "lean":
                # The phrase in this setting is only weak evidence of what it says plainly ("an outbox"
                # drained by the team's own poller, "in the browser" with nothing pushed there): stated,
                # it leans on the entry's own answer; denied or weighed, it says nothing.
                weakened = polarity == "affirmed" and value not in (None, "", "?") and not aside
                value = None
            elif modifier.value == "?" or polarity == "affirmed":
                value = modifier.value
            elif (
                polarity in ("negated", "needless")
                and entry.value == ""
                and entry.negated
                and modifier.where == "before"
                and modifier.value == _opposite(kb, entry.question, entry.negated)
            ):
                # (h70) a phrase that settles only when denied, given before it the subject that makes it
                # settle when stated ("the broker keeps events"): denied in front of that subject ("we don't
                # need the broker to remember anything") it is the entry's own denial
                value = entry.negated
            else:
                # A modified phrase denied: "no small team" is rare; ask rather than guess.
                value = "?"
        undecided_note = None
        if value == "no" and entry.question in _EXCEPTION_QUESTIONS:
            s_end = sentences.around(r.start)[1] if sentences is not None else len(text)
            if _match(_EXCEPTION_AFTER, text, r.end, min(s_end, r.end + 90)) is not None:
                value, undecided_note = "?", _EXCEPTION_NOTE
            elif (
                # across a semicolon too ("…; just references"): the pattern stops at a sentence's end
                c.references_instead is not None
                and _match(c.references_instead, text, r.end, min(len(text), r.end + 140)) is not None
            ):
                value, undecided_note = "?", _CLAIM_CHECK_NOTE
            elif (
                _match(_COMPLAINT_AFTER, text, r.end, min(s_end, r.end + 90)) is not None
                and _match(_COMPLAINT_ACCEPTED, text, r.end, min(s_end, r.end + 200)) is None
            ) or (
                # "late joiners don't see earlier messages, and that's the bug we're fixing": the way
                # things are is the complaint, as for a denial (`complaint_after`)
                c.complaint_after is not None
                and _search(c.complaint_after, text, r.end, min(s_end, r.end + 120)) is not None
            ):
                value, undecided_note = "?", _COMPLAINT_NOTE
        if value and value != "?":
            sentence = sentences.around(r.start) if sentences is not None else None
            # (h22) when a move off a system happens ("migrating from sqs to kafka next quarter", "… maybe in
            # q3") leaves open the move, not what runs today: a wish or a date after such a phrase is the move's
            moving_off = entry.factual and _search(c.leaving, text, r.start, r.end) is not None
            undecided_note = _undecided(text, r.start, r.end, clause, sentence, c, polarity, after=not moving_off)
            # "only if someone wants a durable, replayable pipeline": a phrase joined to an asked one in
            # the same noun phrase (by a comma, "and" or "or", no verb of its own after it) is under the
            # same condition, although the comma ends the clause
            if (
                undecided_note is None
                and open_before is not None
                and open_before[2] == entry.question
                and open_before[0] <= r.start
                and _ADJECTIVES_JOINED.fullmatch(text, open_before[0], r.start) is not None
                and _match(_PREDICATE_AFTER, text, r.end, min(len(text), r.end + 12)) is None
            ):
                undecided_note = open_before[1]
            if undecided_note is not None:
                open_before = (r.end, undecided_note, entry.question)
            if undecided_note is None and section is not None and section.kind in ("undecided", "described", "code"):
                undecided_note = _section_note(section)
            if undecided_note is not None:
                value = "?"
        if not value:
            if weakened:
                hits.append(_Hit(entry.question, entry.value, r.start, r.end, r.text, leaning=True, weak=True))
                continue
            if entry.leans and polarity == "affirmed" and modifier is None and not aside:
                # Weak evidence only: it settles and asks nothing, the ranking leans on it.
                hits.append(_Hit(entry.question, entry.leans, r.start, r.end, r.text, leaning=True, weak=True))
            continue
        if value == "?":
            if polarity == "open":
                undecided_note = undecided_note or _UNDECIDED_NOTE
            if entry.leans and polarity == "affirmed" and not aside:
                hits.append(_Hit(entry.question, entry.leans, r.start, r.end, r.text, leaning=True))
            hints.append(
                Ambiguity(
                    question=entry.question,
                    span=(r.start, r.end),
                    text=r.text,
                    note=undecided_note
                    or entry.note
                    or (modifier.rationale if modifier else "")
                    or "Not clear from the text.",
                )
            )
            continue
        implies = entry.implies if (value == entry.value and polarity == "affirmed") else {}
        hits.append(_Hit(entry.question, value, r.start, r.end, r.text, implies=implies))
    return hits, hints


_DIGIT = {"\\d"}
_FLEET_ANCHORS = {"\\d", "a", "several", "tens", "hundreds", "thousands", "millions", *_AMOUNT_ANCHORS}
_WORD_RATE_ANCHORS = {"thousands", "tens", "hundreds", "millions", "billions", "trillions"}
_TEAM_ANCHORS = {"\\d", "team", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"}
_LATENCY_ANCHORS = {
    "\\d", "a", "one", "low", "single", "double", "half", "tens", "hundreds", *(w.split()[-1] for w in _WORD_FIGURES),
}
_BYTES_ANCHORS = {"\\d", "a", "several", "hundreds", "tens"}
_EVERY = {"every", "once", "twice"}


def _every_matches(text: str, span: tuple[int, int], index: _WordIndex) -> list[re.Match[str]]:
    """"a reading every 10 s" ends a few words after "every": searched in a window around each "every"."""
    matches: list[re.Match[str]] = []
    last_end = span[0]
    for position in index.positions(_EVERY, span):
        window = (max(last_end, position - 60), min(span[1], position + 40))
        if window[0] >= window[1]:
            continue
        found = _search(EVERY_RE, text, *window)
        if found is not None:
            matches.append(found)
            last_end = found.end()
    return matches


# Where a throughput figure's own clause starts or ends: "today it's 20k/s, but by 2030 …", "…; the roadmap says".
_RATE_CLAUSE_BREAK_RE = _regex(r";|:|\(|\)|—|–|\bbut\b|\bwhereas\b|\bwhile\b", re.IGNORECASE)
# A store or a path named as where a figure comes from is no subject of it: "CDC from the database, 50k/s".
_FROM_BEFORE_RE = _regex(
    r"\b(?:from|of|off|out of|into|to)\s+(?:(?:the|our|a|an|each)\s+)?(?:[\w-]+\s+)?$", re.IGNORECASE
)


# (h42) A figure that opens a conjunct of its own ("…, and ~800k/s of clickstream", "…, plus 5k/s of logs"): what
# the conjunct before it names is not its subject.
_CONJUNCT_BEFORE_RE = _regex(
    r",\s*(?:and|plus|&)\s+(?:(?:about|around|roughly|some|another|maybe)\s+|[~≈]\s*)?$", re.IGNORECASE
)


_OWN_SUBJECT_AFTER_RE = _regex(r"\s*of\s+(?:the\s+|our\s+)?[a-z][\w-]*", re.IGNORECASE)


# The question that ends the note of a throughput figure between the guide's bounds (in messages or in bytes):
# a size word in the text ("high throughput, ~200k/s") answers it.
_BETWEEN_BOUNDS_QUESTION = "is that high throughput for you?"


def _rate_of_other(text: str, start: int, end: int, sentence: tuple[int, int], kb: Knowledge) -> str | None:
    """The words that make a throughput figure at ``start:end`` another's (a store's, another company's or
    team's, a past or projected one), read in its own clause; None when it is the workload's own rate.

    A store, a request path or hardware ("redis handles 1M ops/s", "the disks do 3 GB/s") is the figure's
    subject unless a messaging word stands between it and the figure; another party, another time or a
    projection ("netflix processes …", "in 2019 …", "projected load …", "… eventually") always is."""
    r = _compile(kb).rate_of_other
    pre, post = _rate_clause(text, start, end, sentence)
    party = _search(r.parties, text, pre, start)
    if party is not None:
        return party.group(0)
    for thing in reversed(_scan(r.things, text, pre, start)):
        if (
            _search(_CONJUNCT_BEFORE_RE, text, max(thing.end(), start - 24), start) is not None
            and _match(_OWN_SUBJECT_AFTER_RE, text, end, post) is not None
        ):
            break  # (h42) "… from ~40 postgres dbs, and ~800k/s of clickstream": the figure heads a conjunct of its own
        if _search(_FROM_BEFORE_RE, text, max(pre, thing.start() - 25), thing.start()) is not None:
            continue
        if _search(_MESSAGING_RE, text, thing.end(), start) is None:
            return thing.group(0)
        break
    after = _search(r.after, text, end, post)
    return after.group(0) if after is not None else None


def _rate_clause(text: str, start: int, end: int, sentence: tuple[int, int]) -> tuple[int, int]:
    """A throughput figure's own clause: up to 100 characters before it and 80 after, within its sentence,
    cut at a clause break ("…, but", ";", a dash)."""
    pre = max(sentence[0], start - 100)
    breaks = _scan(_RATE_CLAUSE_BREAK_RE, text, pre, start)
    if breaks:
        pre = breaks[-1].end()
    post = min(sentence[1], end + 80)
    cut = _search(_RATE_CLAUSE_BREAK_RE, text, end, post)
    return pre, cut.start() if cut is not None else post


# A figure added to another rather than a part of it: "the new flow adds 300/s", "another 5k/s on top".
_ADDED_RE = _regex(r"\b(?:adds?|adding|another|additional|extra|on top)\b", re.IGNORECASE)


def _rate_scope(
    text: str, start: int, end: int, sentence: tuple[int, int], reading: tuple[int, int], kb: Knowledge
) -> str:
    """(h19) What a throughput figure at ``start:end`` is said of, read in its own clause: "estate" when
    it is the estate's as a whole or a broader feed the workload takes part of ("company-wide we do 3M/s",
    "the firehose is 2M/s", "1M msgs/s across all teams"), "narrowed" when the words before it narrow to
    the workload's share ("of which the billing flow is ~150/s", "we only consume the EU slice, ~5k/s",
    "this service needs 300/s"), else ""."""
    r = _compile(kb).rate_of_other
    pre, post = _rate_clause(text, start, end, sentence)
    # the nearer of the two before it: "platform-wide 800k/s, of which the payments flow is ~200/s"
    estate = _scan(r.estate, text, pre, start)
    narrowed = _scan(r.narrowed, text, pre, start)
    if narrowed and (not estate or narrowed[-1].start() > estate[-1].start()):
        # a figure added to the estate's is no share of it: "the new billing flow adds 300/s"
        if _search(_ADDED_RE, text, narrowed[-1].end(), start) is not None:
            return ""
        return "narrowed"
    if estate or _search(r.estate, text, end, post) is not None:
        # the workload taking the whole of it, anywhere in the workload's text: "… 1M msgs/s today and the
        # new one must take it all", "… we want to move everything off it"
        if _search(r.taken, text, *reading) is not None:
            return ""
        return "estate"
    return ""


def _estate_figures(
    text: str, span: tuple[int, int], hits: list[_Hit], ambiguous: list[Ambiguity], sentences: _Bounds, kb: Knowledge
) -> tuple[list[_Hit], list[Ambiguity]]:
    """(h19) A high figure said of the estate as a whole or of a broader feed is the workload's own rate
    only when nothing in the text narrows to a part of it.  Where the text gives the workload's share its
    own figure ("org-wide 1.5M msgs/s, but this service only needs ~300/s"), that figure is the workload's
    and the estate's is set aside; where it gives another, smaller figure without saying whose, or narrows
    to a part without a figure ("company-wide we do 3M/s; this question is about the notifications
    service"), the estate's figure is asked, not settled.  A high figure of the workload's own (a peak
    with no estate word) still decides as before."""
    rates = [h for h in hits if h.question == "throughput" and h.numeric]
    estate = [h for h in rates if h.value == "high" and h.scope == "estate"]
    if any(h.value == "high" and h.scope != "estate" for h in rates):
        return hits, ambiguous
    if any(h.value == "moderate" and h.scope == "narrowed" for h in rates):
        # the estate's figures asked for another reason (between the bounds, a capacity) are set aside too:
        # "company-wide we're at 300k/s, of which this service does ~200/s"
        aside = [
            a
            for a in ambiguous
            if a.question == "throughput"
            and _rate_scope(text, *a.span, sentences.around(a.span[0]), span, kb) == "estate"
        ]
        return [h for h in hits if h not in estate], [a for a in ambiguous if a not in aside]
    if not estate:
        return hits, ambiguous
    if not any(h.value == "moderate" for h in rates):
        clauses = [_rate_clause(text, h.start, h.end, sentences.around(h.start)) for h in estate]
        narrowing = _scan(_compile(kb).rate_of_other.narrowed, text, *span)
        if all(any(c[0] <= m.start() < c[1] for c in clauses) for m in narrowing):
            return hits, ambiguous
    asked = [
        Ambiguity(
            question="throughput",
            span=(h.start, h.end),
            text=h.text,
            note=f"{h.text.strip()} reads as the figure of the estate as a whole or of a broader feed, and the "
            "description speaks of a part of it: what rate does this workload itself carry?",
        )
        for h in estate
    ]
    return [h for h in hits if h not in estate], [*ambiguous, *asked]


def _numeric_hits(
    text: str, span: tuple[int, int], sentences: _Bounds, index: _WordIndex, kb: Knowledge
) -> tuple[list[_Hit], list[Ambiguity]]:
    hits: list[_Hit] = []
    ambiguous: list[Ambiguity] = []
    high_msgs = kb.threshold("throughput-high-msgs").value
    moderate_msgs = kb.threshold("throughput-moderate-msgs").value
    high_bytes = kb.threshold("throughput-high-bytes").value
    moderate_bytes = kb.threshold("throughput-moderate-bytes").value
    sub_ms = kb.threshold("latency-sub-ms").value
    small_team = kb.threshold("small-team-size").value
    who = _compile(kb).producers

    def ask_rate(where: tuple[int, int], note: str) -> None:
        """The workload's rate asked, quoting the words at ``where``."""
        ambiguous.append(
            Ambiguity(question="throughput", span=where, text=text[where[0]:where[1]].strip(), note=note)
        )

    def throughput(value: float, high: float, moderate: float, where: tuple[int, int], what: str) -> None:
        words = text[where[0]:where[1]].strip()
        if _search(_DENIED_FIGURE_BEFORE_RE, text, max(span[0], where[0] - 30), where[0]) is not None:
            return
        other = _rate_of_other(text, where[0], where[1], sentences.around(where[0]), kb)
        if other is None:
            # (h16) what the figure counts, named in its own words: "2k api calls a second", "300 db queries/s"
            # (a store or a request path counted, with no messaging word among them: "50k db change events/s"
            # still counts events)
            counted = _search(_compile(kb).rate_of_other.things, text, *where)
            if counted is not None and _search(_MESSAGING_RE, text, *where) is None:
                other = counted.group(0)
        if other is not None:
            ask_rate(
                where,
                f"{what} reads as said of something other than the workload's own messaging "
                f"(\"{other.strip()}\"): what rate does the workload itself carry?",
            )
            return
        if _search(_CAPACITY_BEFORE_RE, text, max(span[0], where[0] - 40), where[0]) is not None or _match(
            _CAPACITY_AFTER_RE, text, where[1], min(span[1], where[1] + 80)
        ) is not None:
            ask_rate(
                where,
                f"{what} reads as a capacity (what something was sized for or can take), not the "
                "workload's own rate: what rate does the workload itself carry?",
            )
            return
        scope = _rate_scope(text, where[0], where[1], sentences.around(where[0]), span, kb)
        if value >= high:
            hits.append(_Hit("throughput", "high", *where, words, numeric=True, scope=scope))
        elif value <= moderate:
            hits.append(_Hit("throughput", "moderate", *where, words, numeric=True, scope=scope))
        else:
            ask_rate(
                where,
                f"{what} is neither clearly within the guide's moderate bound ({moderate:,.0f}) "
                f"nor above its high bound ({high:,.0f}): {_BETWEEN_BOUNDS_QUESTION}",
            )

    fleets = _anchored_matches(who.fleet, _FLEET_ANCHORS, text, span, index)
    fleet_starts = [f.start() for f in fleets]

    def fleet_size(f: re.Match[str]) -> float:
        if f.group("words"):
            return _FLEET_WORDS[" ".join(f.group("words").lower().split())]
        if f.group("wnum"):  # (h57) "thirty thousand meters"
            amount = _AMOUNTS[" ".join(f.group("wnum").lower().split()).replace("half an", "half a")]
            return amount * _AMOUNT_MULT[" ".join(f.group("wmult").lower().split())]
        return _to_number(f.group("num"), f.group("mult"))

    def fleet_near(start: int, end: int) -> re.Match[str] | None:
        """The fleet ("50,000 devices", "a few thousand machines") nearest to a per-producer rate,
        in the same sentence: the last one before it, else the first one after."""
        s_start, s_end = sentences.around(start)
        i = bisect.bisect_left(fleet_starts, start)
        before = fleets[i - 1] if i > 0 and fleets[i - 1].start() >= s_start else None
        if before is not None:
            return before
        j = bisect.bisect_left(fleet_starts, end)
        after = fleets[j] if j < len(fleets) and fleets[j].start() < s_end else None
        return after

    def fleet_times(start: int) -> re.Match[str] | None:
        """The fleet a rate is multiplied by ("1M DAU x ~10 a day"): the one just before a times sign."""
        i = bisect.bisect_left(fleet_starts, start)
        fleet = fleets[i - 1] if i > 0 else None
        if fleet is None or start - fleet.end() > 12:
            return None
        return fleet if TIMES_GAP_RE.fullmatch(text, fleet.end(), start) else None

    def fleet_times_after(end: int) -> re.Match[str] | None:
        """The fleet a rate is multiplied by when it follows the times sign ("5 events/s x 300k cars")."""
        gap = _match(TIMES_GAP_RE, text, end, min(span[1], end + 12))
        if gap is None:
            return None
        j = bisect.bisect_left(fleet_starts, gap.end())
        return fleets[j] if j < len(fleets) and fleets[j].start() == gap.end() else None

    rate_spans: list[tuple[int, int]] = []

    def fleet_of(start: int, thing: str | None) -> re.Match[str] | None:
        """The fleet counted earlier in the workload that a per-producer rate in a later sentence speaks
        of ("We have 50,000 sensors. Each sensor sends 20 readings a second."): the nearest one of the
        same thing, or, for "each one", the nearest one at most a sentence or two back."""
        i = bisect.bisect_left(fleet_starts, start)
        for fleet in reversed(fleets[:i]):
            counted = (fleet.group("thing") or "").lower()
            if thing is None:  # "each one sends …": the count just before
                return fleet if start - fleet.end() <= 200 else None
            if counted.rstrip("s") == thing.lower() or counted == thing.lower():
                return fleet
        return None

    messages = _Scale(high_msgs, moderate_msgs, lambda rate: f"{rate:,.0f} messages a second")
    megabytes = _Scale(high_bytes, moderate_bytes, lambda rate: format_rate(Rate(bytes_per_s=rate * 1e6)))

    def total_of(fleet: re.Match[str], rate: float, start: int, end: int, *, reach: bool, scale: _Scale) -> bool:
        group = _match(_PER_GROUP_RE, text, fleet.end(), min(span[1], fleet.end() + 30))
        if group is not None:
            # "100 players per match": a count in each group, and the groups are not counted here.
            where = (min(fleet.start(), start), max(group.end(), end))
            ask_rate(
                where,
                f"{fleet.group(0).strip()} is a count {group.group(0).strip()}: how many of those are "
                "there, or what is the total rate?",
            )
            return True
        total = fleet_size(fleet) * rate
        what = f"{scale.describe(total)} in all"
        if reach:  # the count in the same words: the span takes both in
            where = (min(fleet.start(), start), max(fleet.end(), end))
            throughput(total, scale.high, scale.moderate, where, what)
        else:
            # The count is sentences back: the rate's own words are what the total was read from (a span
            # reaching back would swallow what the sentences between say).
            throughput(total, scale.high, scale.moderate, (start, end), f"{what} ({fleet.group(0).strip()})")
        return True

    def producer_subject(m: re.Match[str]) -> re.Match[str] | None:
        """The producer a rate stated without "each" is said of ("a car emits 50 events/s", "the sensors
        send 20 readings a second"), when it is one named generically or devices in the plural without
        a count ; None otherwise."""
        s_start = sentences.around(m.start())[0]
        subject = _search(who.subject, text, max(span[0], s_start, m.start() - 80), m.start())
        if subject is None:
            return None
        if subject.group("many") is not None and any(
            f.start() < subject.end("many") <= f.end() for f in fleets
        ):
            return None  # "2,000 trucks send 50k events/s": a counted fleet's rate may be its total
        if subject.group("many") is not None and (
            _match(_TOTAL_AFTER_RE, text, m.end(), min(span[1], m.end() + 30)) is not None
            or _search(_TOTAL_BEFORE_RE, text, max(span[0], s_start, subject.start() - 30), m.start()) is not None
        ):
            return None  # (h57) "the sensors produce 25k readings a minute in total": all of them together
        return subject

    def per_producer(m: re.Match[str], rate: float, scale: _Scale = messages, *, ask: bool = True) -> bool:
        """Whether ``m`` is one producer's rate, read (times its fleet) or asked; False when it is a total.
        ``ask=False``: one producer's rate with no fleet counted is left alone instead of asked."""
        each = _match(who.each, text, m.end(), min(span[1], m.end() + 40))
        ends_each = m.group(0).rstrip().lower().endswith("each")
        each_before = None
        if not each and not ends_each:
            each_before = _search(who.each_before, text, max(span[0], m.start() - 60), m.start())
        end = each.end() if each else m.end()
        start = each_before.start() if each_before is not None else m.start()
        subject = None
        if not each and not ends_each and each_before is None:
            fleet = fleet_times(m.start())  # "1M DAU x ~10 a day"
            if fleet is None:
                fleet = fleet_times_after(m.end())  # "5 events/s x 300k cars"
            if fleet is not None:
                return total_of(fleet, rate, start, end, reach=True, scale=scale)
            subject = producer_subject(m)  # "a car emits 50 events/s", "the sensors send 20 a second"
            if subject is None:
                return False
            start = subject.start()
        fleet = fleet_near(m.start(), end)
        if fleet is not None:
            return total_of(fleet, rate, start, end, reach=True, scale=scale)
        marker = each or each_before
        thing = (marker.group("thing") or (each.group("other") if each else None)) if marker is not None else None
        if thing is None and each_before is None and subject is None:
            subject = producer_subject(m)  # "our turbines report 200 samples per second each"
        if subject is not None:
            thing = subject.group("one") or subject.group("many")
            start = min(start, subject.start())
        if thing is None and each_before is None and subject is None:
            # "telemetry is ~100 readings/s each" a sentence after "~5k robots": each of the producers counted
            # just before; with none counted, "50 per sec each" is each of what the sentence lists.
            fleet = fleet_of(m.start(), None)
            if fleet is not None:
                return total_of(fleet, rate, start, end, reach=False, scale=scale)
            return False
        fleet = fleet_of(m.start(), thing)  # "We have 50,000 sensors. Each sensor sends 20 a second."
        if fleet is not None:
            return total_of(fleet, rate, start, end, reach=False, scale=scale)
        # One producer's rate ("each sensor sends 20 a second") with no count of producers says nothing
        # about the total: asked.
        if not ask:
            return True
        ask_rate(
            (start, end),
            f"{scale.describe(rate)} is one producer's rate: how many producers are there, "
            "or what is the total?",
        )
        return True

    def peak_after(m: re.Match[str], mult: str | None, seconds: float, scale: _Scale) -> None:
        """A peak right after a rate, written without its unit ("90k rps sustained, bursts to 250k"): read in
        the rate's unit (its multiplier too, when the peak has none) and period."""
        peak = _match(PEAK_AFTER_RE, text, m.end(), min(span[1], m.end() + 90))
        if peak is None or (scale is not messages and peak.group("mult")):
            return  # "40 MB/s, bursts to 2k" names no byte rate
        value = _to_number(peak.group("num"), peak.group("mult") or mult) / seconds
        where = (peak.start("num"), peak.end())
        throughput(value, scale.high, scale.moderate, where, f"a peak of {scale.describe(value)}")

    def straddles(m: re.Match[str], mult: str | None, per_unit: float, scale: _Scale, rate: float) -> bool:
        """(h74) Whether ``m`` is the top of a range whose bottom is on the other side of a bound ("80k to 2M per
        second", "between 50k and 300k msgs/s"): asked, with both ends said; the bottom takes the top's multiplier
        when it has none ("200-400k")."""
        low_end = _search(_RANGE_LOW_BEFORE_RE, text, max(span[0], m.start() - 24), m.start())
        if low_end is None:
            return False
        low = _to_number(low_end.group("num"), low_end.group("mult") or mult) * per_unit

        def side(value: float) -> int:
            return 1 if value >= scale.high else -1 if value <= scale.moderate else 0

        if side(low) == side(rate):
            return False
        where = (low_end.start(), m.end())
        ask_rate(
            where,
            f"That range runs from {scale.describe(low)} to {scale.describe(rate)}, across the guide's "
            f"bounds: {_BETWEEN_BOUNDS_QUESTION}",
        )
        return True

    for m in _anchored_matches(RATE_RE, _DIGIT, text, span, index):
        if _is_money(text, m):
            continue  # "~$100/month" is a price, not a rate
        per = m.group("per") or {"daily": "d", "nightly": "d", "hourly": "h"}[m.group("ly").lower()]
        if (
            not m.group("noun")
            and _PER_SECONDS[per.lower()] > 1
            and _search(_MONEY_WORDS_BEFORE_RE, text, max(span[0], m.start() - 30), m.start()) is not None
        ):
            continue  # (h57) "we lose 5M a day when checkout is down": money counted without its noun, by the day
        if m.group("ly") and not m.group("noun"):
            continue  # "5k daily": only a count of something sent is a rate
        if not (m.group("noun") or m.group("mult")) and per.lower() in ("m", "h", "d", "month", "mo"):
            continue  # "5 a day" without a noun is too vague to be a rate
        seconds = _PER_SECONDS[per.lower()]
        rate = _to_number(m.group("num"), m.group("mult")) / seconds
        if (m.group("noun") or "").lower() == "times":
            # (h42) "reporting 20 times a second" counts one producer's sends: read times its fleet ("50k devices
            # each reporting 20 times a second"), else left alone (how often something happens is no message
            # rate by itself: "we deploy 3 times a day"); never a total
            if per_producer(m, rate, ask=False):  # no fleet counted: the figure says nothing of the total
                rate_spans.append((m.start(), m.end()))
            continue
        rate_spans.append((m.start(), m.end()))
        if per_producer(m, rate):
            continue
        # "over 100k msgs/s" is a floor too, near the moderate bound; "over 5k msgs/s" says about 5k, well within it
        floor = "+" in m.group(0) or (
            rate >= moderate_msgs / 2
            and _match(_FLOOR_BEFORE, text, max(span[0], m.start() - 24), m.start()) is not None
        )
        if floor and rate <= moderate_msgs:
            # "100k+ msgs/s" is a floor, not a ceiling: it may well be above the moderate bound.
            throughput((moderate_msgs + high_msgs) / 2, high_msgs, moderate_msgs, (m.start(), m.end()),
                       f"at least {rate:,.0f} messages a second")
            continue
        if straddles(m, m.group("mult"), 1.0 / seconds, messages, rate):
            continue
        throughput(rate, high_msgs, moderate_msgs, (m.start(), m.end()), f"{rate:,.0f} messages a second")
        peak_after(m, m.group("mult"), seconds, messages)
    for m in _anchored_matches(AMOUNT_RATE_RE, _AMOUNT_ANCHORS, text, span, index):
        if m.group("mult").lower() == "hundred" and not (m.group("noun") or m.group("short")):
            continue  # (h42) "a few hundred a month", "five hundred a day": money or people as often as messages
        amount = _AMOUNTS[" ".join(m.group("amount").lower().split())]
        per = m.group("per") or "s"  # (h57) "two thousand rps": a second's count
        rate = amount * _AMOUNT_MULT[" ".join(m.group("mult").lower().split())] / _PER_SECONDS[per.lower()]
        rate_spans.append((m.start(), m.end()))
        if per_producer(m, rate):
            continue
        throughput(rate, high_msgs, moderate_msgs, (m.start(), m.end()), f"{rate:,.0f} messages a second")
    for m in _anchored_matches(SMALL_RATE_RE, _SMALL_ANCHORS, text, span, index):
        noun = m.group("noun") or ""
        if noun.lower() in ("them", "those", "these"):
            continue
        if m.group("short"):
            noun = m.group("short")  # (h57) "a few hundred rps": the unit names what is counted, a second
        per = m.group("per") or "s"
        words = " ".join(m.group("amount").lower().split())
        if not noun and (
            words in _TINY_AMOUNTS
            or _PER_SECONDS[per.lower()] > 60
            or _search(_MONEY_WORDS_BEFORE_RE, text, max(span[0], m.start() - 30), m.start()) is not None
        ):
            # (h42) an amount without its noun is a rate only when it is a count of hundreds or more a second or a
            # minute ("a few hundred a minute, tops"): "a few a day", "a couple hundred a month" are as often people
            # or money
            continue
        rate = _SMALL_AMOUNTS[words] / _PER_SECONDS[per.lower()]
        if noun and who.who.fullmatch(noun) is not None:
            continue  # "a few hundred users a day" counts people or things, not what they send
        if words in _TINY_AMOUNTS and _TINY_NOUN.fullmatch(noun) is None:
            continue  # "a user a day", "one node per site": only a message noun makes a tiny amount a rate
        # (h74) "a few purchases a minute, tops", "we get a few events per second": said as the whole of it
        whole = words in _TINY_AMOUNTS and (
            _match(_TINY_TOTAL_AFTER_RE, text, m.end(), min(span[1], m.end() + 20)) is not None
            or _search(_TINY_TOTAL_BEFORE_RE, text, max(span[0], m.start() - 30), m.start()) is not None
        )
        if (
            words in _TINY_AMOUNTS
            and not whole
            and fleet_near(m.start(), m.end()) is None
            and fleet_times(m.start()) is None
        ):
            continue  # "the sensor sends one reading a second": one producer's, how many there are is unsaid
        rate_spans.append((m.start(), m.end()))
        if per_producer(m, rate):
            continue
        if words in _TINY_AMOUNTS and not whole:
            continue  # a fleet in the sentence that no "each" ties to the rate: whose rate it is stays open
        throughput(rate, high_msgs, moderate_msgs, (m.start(), m.end()), f"{rate:,.2f} messages a second")
    for m in _every_matches(text, span, index):
        # "3,000 trucks ping every 10s": the sending starts at the verb (or at a "ping" after a fleet's
        # noun), the fleet before it
        sender = m.group("verb") is not None or (
            m.group("count") is not None and m.group("word") is not None and who.fleet_noun.fullmatch(m.group("word"))
        )
        if not sender:
            at = m.start()
        else:
            at = m.start("verb") if m.group("verb") else m.end("word")
        fleet = fleet_near(at, m.end())
        if fleet is None:
            continue  # one producer's period says nothing about the total
        count = "1" if sender else (m.group("count") or "1")  # "3,000 trucks pinging": the count is the fleet
        per_item = 1.0 if count.lower() in ("a", "an", "one") else _to_number(count, None)
        if m.group("twice"):
            per_item *= 2
        n_said = (m.group("n") or "1").lower()
        interval = (_WORD_FIGURES.get(n_said) or _PERIOD_WORDS.get(n_said) or _to_number(n_said, None)) * _PER_SECONDS[
            m.group("per").lower()
        ]
        total = fleet_size(fleet) * per_item / interval
        where = (min(fleet.start(), m.start()), max(fleet.end(), m.end()))
        rate_spans.append(where)
        throughput(total, high_msgs, moderate_msgs, where, f"{total:,.0f} messages a second in all")
    for m in _anchored_matches(WORD_RATE_RE, _WORD_RATE_ANCHORS, text, span, index):
        # "thousands of events a second" is read as up to a hundred times the unit (past ten times
        # English says "tens of thousands", past a hundred "hundreds of thousands"); "tens of"/
        # "hundreds of" span one order of magnitude.  Placed only when the whole range falls on
        # one side, otherwise asked.
        if not m.group("noun") and (
            _search(_MONEY_WORDS_BEFORE_RE, text, max(span[0], m.start() - 30), m.start()) is not None
            or _search(RATE_RE, text, *sentences.around(m.start())) is not None
        ):
            # (h42) "we lose millions per second of downtime": money, not messages; "many thousands per second,
            # 100k/s at most": the figure beside it says more than the words
            continue
        if not m.group("noun") and not m.group("per").lower().startswith("s") and _match(
            _NOUNLESS_END_RE, text, m.end(), min(span[1], m.end() + 20)
        ) is None:
            continue
        word = m.group("mult").lower()
        low = _WORD_MULT[word] / _PER_SECONDS[m.group("per").lower()]
        high = low * (10 if word.startswith(("tens", "hundreds")) else 100)
        rate_spans.append((m.start(), m.end()))
        if low >= high_msgs or high <= moderate_msgs:
            throughput(low, high_msgs, moderate_msgs, (m.start(), m.end()), "")
        else:
            throughput((moderate_msgs + high_msgs) / 2, high_msgs, moderate_msgs, (m.start(), m.end()),
                       f"{low:,.0f} to {high:,.0f} messages a second")
    for m in _anchored_matches(RATE_SHORT_RE, _DIGIT, text, span, index):
        if any(s <= m.start() < e for s, e in rate_spans[-8:]):
            continue
        unit = m.group("unit").lower()
        rate = _to_number(m.group("num"), m.group("mult")) * (1000.0 if unit == "khz" else 1.0)
        if per_producer(m, rate):
            continue
        if unit in ("hz", "khz"):
            # A frequency is what one source samples or sends at ("position at 10 Hz", "sampled at 1 kHz"):
            # with no count of sources it says nothing about the total.  A count beside it without "each"
            # may be of anything ("200 partitions, 50 Hz"): asked too.
            ask_rate(
                (m.start(), m.end()),
                f"{m.group(0).strip()} is a frequency, one source's rate: how many sources are there, "
                "or what is the total?",
            )
            continue
        if straddles(m, m.group("mult"), 1.0, messages, rate):
            continue
        throughput(rate, high_msgs, moderate_msgs, (m.start(), m.end()), f"{rate:,.0f} messages a second")
        peak_after(m, m.group("mult"), 1.0 / (1000.0 if unit == "khz" else 1.0), messages)
    for m in _anchored_matches(COUNT_IN_SPAN_RE, _DIGIT, text, span, index):
        if m.group("noun").lower() in ("them", "those", "these") or any(s <= m.start() < e for s, e in rate_spans):
            continue
        n = m.group("n").lower()
        within = (1.0 if n in ("a", "an", "one") else to_number(n)) * _PER_SECONDS[m.group("per").lower()]
        if within <= 0:
            continue
        rate = _to_number(m.group("num"), m.group("mult")) / within
        rate_spans.append((m.start(), m.end()))
        if not per_producer(m, rate):
            throughput(rate, high_msgs, moderate_msgs, (m.start(), m.end()), f"{rate:,.0f} messages a second")
    for m in _anchored_matches(UNIT_FIRST_RE, {"rps", "qps", "tps", "eps", "mps"}, text, span, index):
        rate = _to_number(m.group("num"), m.group("mult"))
        if not per_producer(m, rate):
            throughput(rate, high_msgs, moderate_msgs, (m.start(), m.end()), f"{rate:,.0f} messages a second")
    for m in _anchored_matches(PERIOD_VOLUME_RE, {"daily", "hourly", "nightly"}, text, span, index):
        rate = _to_number(m.group("num"), m.group("mult")) / (3600.0 if m.group("ly").lower() == "hourly" else 86400.0)
        if not per_producer(m, rate):
            throughput(rate, high_msgs, moderate_msgs, (m.start(), m.end()), f"{rate:,.0f} messages a second")
    for m in _anchored_matches(BYTES_RE, _BYTES_ANCHORS, text, span, index):
        unit = m.group("unit").lower()
        scale = {"k": 1e-3, "m": 1.0, "g": 1e3, "t": 1e6, "p": 1e9}[unit[0]]
        if "bps" in unit or "bit" in unit:
            scale /= 8
        period = m.group("per")
        if period is None and ("bps" in unit or "bit" in unit):
            # A bit rate is a rate by itself ("2 Gbps of flow logs"), unless it is the speed of some
            # hardware ("10 Gbps NICs", "a 1 Gbit/s uplink"): a capacity, not the workload's rate.
            if _match(_LINK_AFTER, text, m.end(), min(span[1], m.end() + 30)) is not None:
                continue
            period = "s"
        if period is None:
            continue  # a size ("1 KB messages"), not a rate
        per_unit = scale / _PER_SECONDS[period.lower()]  # MB/s for one of the unit in the period
        top = None
        if m.group("num"):
            amount = to_number(m.group("num"))
        else:
            words = " ".join(m.group("words").lower().split())
            amount = _WORD_AMOUNTS[words]
            top = _WORD_AMOUNTS_TOP[words] * per_unit
        mb_per_s = amount * per_unit
        if top is not None and (mb_per_s <= moderate_bytes < top or mb_per_s < high_bytes <= top):
            # (h78) an amount in words spans its range ("tens of GB an hour" is 2.8 to 27 MB/s): across either bound
            # it is asked, quoting the range, as the word rates above are
            if per_producer(m, mb_per_s, megabytes):
                continue
            rate_spans.append((m.start(), m.end()))
            throughput((moderate_bytes + high_bytes) / 2, high_bytes, moderate_bytes, (m.start(), m.end()),
                       f"{mb_per_s:,.1f} to {top:,.1f} MB/s")
            continue
        if per_producer(m, mb_per_s, megabytes):
            continue  # "800 kbps per camera across 2,000 cameras", or one producer's rate asked
        if m.group("num") and straddles(m, None, per_unit, megabytes, mb_per_s):
            continue
        throughput(mb_per_s, high_bytes, moderate_bytes, (m.start(), m.end()), f"{mb_per_s:,.1f} MB/s")
        if m.group("num") and mb_per_s > 0:
            peak_after(m, None, to_number(m.group("num")) / mb_per_s, megabytes)
    latency_before: tuple[int, str | None] | None = None  # the last figure's end and the doubt about it
    for m in _anchored_matches(LATENCY_RE, _LATENCY_ANCHORS, text, span, index):
        raw_num = (m.group("num") or "").lower()
        cmp = _search(LATENCY_CMP_RE, text, max(span[0], m.start() - 30), m.start())
        if raw_num in ("a", "one") and cmp is None:
            continue  # "a ms" alone is no target
        unit = m.group("unit").lower()
        if unit == "micros" and cmp is None and _search(_MICROS_CONTEXT_RE, text, *sentences.around(m.start())) is None:
            continue  # "we run 40 micros on k8s": microservices, unless the sentence is about time
        if unit == "us" and not raw_num[:1].isdigit():
            continue  # "a couple of us", "tens of us", "one us": the pronoun; microseconds follow a digit
        factor = 0.001 if unit in ("µs", "μs", "us") or unit.startswith(("micro", "usec")) else 1.0
        if m.group("words"):
            numbers = [_LATENCY_WORDS[" ".join(m.group("words").lower().replace("-", " ").split())]]
        else:
            numbers = [1.0 if raw_num in ("a", "one") else _WORD_FIGURES.get(raw_num) or to_number(raw_num)]
        if m.group("num2"):
            numbers.append(to_number(m.group("num2")))
        worst_ms = max(numbers) * factor
        # Sub-millisecond means below the threshold: exactly 1 ms counts only with a strict comparison
        # ("under 1 ms", "< 1ms", "sub-1ms"), not as "~1 ms" or "p99 of 1 ms".
        strict = cmp is not None and re.search(r"under|below|less|lower|<(?!=)|sub", cmp.group("cmp"), re.I)
        value = "sub-ms" if worst_ms < sub_ms or (worst_ms == sub_ms and strict) else "low-ms"
        start = cmp.start() if cmp is not None else m.start()
        # Why the figure is asked about rather than taken as the delivery target (None: it is the target).
        doubt: str | None = None
        if (
            _search(_TOO_MUCH_BEFORE_RE, text, max(span[0], start - 40), start) is not None
            or _match(_TOO_MUCH_AFTER_RE, text, m.end(), min(span[1], m.end() + 50)) is not None
        ):
            doubt = "That figure reads as more than can be accepted: what delivery latency must the system meet?"
        elif value == "sub-ms" and (
            _search(_WISH_BEFORE_RE, text, max(span[0], start - 50), start) is not None
            or _match(_WISH_AFTER_RE, text, m.end(), min(span[1], m.end() + 50)) is not None
        ):
            doubt = "That figure reads as a wish, not a requirement: must the system stay under a millisecond?"
        elif (
            cmp is None
            and (
                _search(NOT_LATENCY_BEFORE_RE, text, max(span[0], m.start() - 30), m.start()) is not None
                or _match(NOT_LATENCY_AFTER_RE, text, m.end(), min(span[1], m.end() + 30)) is not None
            )
        ) or _search(_PROCESSING_BEFORE_RE, text, max(span[0], m.start() - 60), m.start()) is not None:
            doubt = (
                "That figure reads as a period, a processing time or a timeout: what delivery latency must the "
                "system meet?"
            )
        else:
            s_start, s_end = sentences.around(m.start())
            near = (max(s_start, start - 80), min(s_end, m.end() + 60))
            targeted = cmp is not None and _match(_TARGET_CMP, cmp.group("cmp")) is not None
            window, sentence = max(s_start, start - 60), (s_start, s_end)
            other = _latency_of_other(text, window, start, sentence, kb) or _latency_of_other_after(
                text, m.end(), sentence, kb
            )
            product = None if other else _latency_of_product(text, window, start, sentence, kb)
            if other is not None:
                doubt = (
                    f"That figure reads as the latency of something other than the messaging ({other.group(0)!r}): "
                    "what delivery latency must the messaging meet?"
                )
            elif product is not None:
                doubt = (
                    f"That figure reads as what {product.group(0)!r} delivers, not what the workload needs: what "
                    "delivery latency must the system meet?"
                )
            elif (
                (
                    (cmp is None or _search(_BOUND_CMP, cmp.group("cmp")) is None)
                    and _search(_MEASURED_RE, text, *near) is not None
                )
                or _search(_PAST_STATE_RE, text, *near) is not None
                or _search(_MEASURED_BOUND_RE, text, *near) is not None
            ) and _search(_REQUIRED_RE, text, *_latency_clause(text, start, m.end(), near)) is None and not (
                # (s39) a bound seen today that the text then names as the budget to keep ("exchange-to-client stays
                # under a millisecond today … which broker won't wreck that budget?"): the figure is the need
                cmp is not None
                and _search(_BOUND_CMP, cmp.group("cmp")) is not None
                and _search(_KEPT_BUDGET_RE, text, m.end(), span[1]) is not None
            ):
                doubt = (
                    "That figure reads as what is measured today, not what the system must meet: what "
                    "delivery latency do you need?"
                )
            elif (
                value == "low-ms"
                and not targeted
                and _search(LATENCY_CONTEXT_RE, text, *near) is None
                and _search(_ACCEPTED_RE, text, *_latency_clause(text, start, m.end(), (s_start, s_end))) is None
            ):
                doubt = "Is that figure the delivery latency the system must meet?"
        chained_from = latency_before is not None and _fullmatch_changed(text, latency_before[0], start)
        if doubt is None and latency_before is not None and chained_from:
            # (s39) a figure the one before it changed into ("batch time 12ms → 180ms", "p99 went from 4 ms to
            # 30 ms"): the same measure, so the doubt about the first holds for the second
            doubt = latency_before[1]
        if doubt is None and (chained_from or _changes_into_figure(text, m.end(), span[1])) and _search(
            _REQUIRED_RE, text, *sentences.around(m.start())
        ) is None:
            # (s39) a figure said with the one it changed into, and no need in its sentence ("the compaction step went
            # from 30 ms to 400 ms"): a change in what is measured, not a budget
            doubt = (
                "That figure reads as a change in what is measured, not what the system must meet: what delivery "
                "latency do you need?"
            )
        latency_before = (m.end(), doubt)
        if doubt is not None:
            ambiguous.append(
                Ambiguity(
                    question="latency",
                    span=(start, m.end()),
                    text=text[start:m.end()].strip(),
                    note=f"{doubt} {_LATENCY_CHOICES}",
                )
            )
            continue
        hits.append(_Hit("latency", value, start, m.end(), text[start:m.end()].strip(), numeric=True))
    for m in _anchored_matches(TEAM_RE, _TEAM_ANCHORS, text, span, index):
        number = _team_number(m)
        size = _count(m.group(number))
        # "a team of 5-7 devs", "4 to 6 engineers": a range is read at both ends; across the bound it is asked
        n_start, n_end = m.span(number)
        other_end = _match(_RANGE_AFTER_RE, text, n_end, min(span[1], n_end + 8))
        if other_end is None:
            other_end = _search(_RANGE_BEFORE_RE, text, max(span[0], n_start - 8), n_start)
        if not 0 < size <= small_team:
            continue
        s_start, s_end = sentences.around(m.start())
        doubt = None
        if other_end is not None and _count(other_end.group("n")) > small_team:
            doubt = "That team size spans the bound: how many people run the messaging system?"
        elif _team_of_others(text, m.start(), m.end(), (max(span[0], s_start), min(span[1], s_end)), kb):
            doubt = _TEAM_OF_OTHERS_DOUBT
        if doubt is not None:
            ambiguous.append(
                Ambiguity(
                    question="ops",
                    span=(m.start(), m.end()),
                    text=m.group(0).strip(),
                    note=f"{doubt} {_SMALL_TEAM_STAKES}",
                )
            )
            continue
        hits.append(_Hit("ops", "small", m.start(), m.end(), m.group(0).strip(), numeric=True))
    return _estate_figures(text, span, hits, ambiguous, sentences, kb)


# (s39) What joins a figure to the one it changed into: "12ms → 180ms", "4 ms -> 30 ms", "from 4 ms to 30 ms", "4 ms,
# now 30 ms" (no more than an arrow or a "to"/"then"/"now", so "12 ms p50, 30 ms p99" stays two figures).
_CHANGED_TO_RE = _regex(
    r"\s*(?:→|->|=>|⇒|⟶|-{1,2}>|\bto\b|,?\s*(?:and )?(?:then|now)\b|\bbecame\b|\bwent to\b|\bjumped to\b"
    r"|\brose to\b|\bgrew to\b|\bclimbed to\b)\s*(?:~\s*|about\s+|around\s+|roughly\s+)?",
    re.IGNORECASE,
)
# (s39) The budget said to be kept, referring back to a figure: "which broker won't wreck that budget", "must stay
# within that", "without blowing the latency budget", "has to preserve that number".
_KEPT_BUDGET_RE = _regex(
    r"\b(?:wreck|break|blow|bust|ruin|kill|hurt|exceed|keep|preserve|protect|hold|respect|stay (?:within|under)|fit"
    r"|meet)\w*(?: (?:within|inside|under))? (?:that|this|the|our) (?:latency |time |delivery )?"
    r"(?:budget|target|bound|ceiling|guarantee)\b",
    re.IGNORECASE,
)


# (t40b) The figure as the measure of a thing named right after it, then a verb of change and the new figure: "the
# 200ms call became a 2s flow", "a 40 ms api request turned into ~1.5 s" (only a verb: a bare "to" after a noun
# starts a destination, "the 5 ms call to the billing api")
_NOUN_CHANGED_TO_RE = _regex(
    r"\s+(?:[\w-]+\s+){1,3}?(?:became|become|turned into|has turned into|went to|grew to|jumped to|rose to"
    r"|climbed to|ballooned (?:in)?to|blew up (?:in)?to|(?:is|are|was|were) now|now takes?|ended up (?:at|as|being)"
    r"|changed (?:in)?to)"
    r"\s+(?:an?\s+)?(?:~\s*|about\s+|around\s+|roughly\s+|over\s+)?",
    re.IGNORECASE,
)
_CHANGED_DURATION_RE = _regex(
    r"\d+(?:[.,]\d+)?(?:\s?(?:-|–|to)\s?\d+(?:[.,]\d+)?)?\s?(?:ms|msecs?|millis(?:econds?)?|µs|us|s|secs?|seconds?|mins?|minutes?)\b",
    re.IGNORECASE,
)


def _changes_into_figure(text: str, end: int, limit: int) -> bool:
    """Whether a change marker and another latency figure follow right after ``end`` ("30 ms → 400 ms")."""
    marker = _match(_CHANGED_TO_RE, text, end, min(limit, end + 24))
    if marker is not None and marker.end() > end:
        return _match(LATENCY_RE, text, marker.end(), min(limit, marker.end() + 30)) is not None
    marker = _match(_NOUN_CHANGED_TO_RE, text, end, min(limit, end + 48))
    return (
        marker is not None
        and _match(_CHANGED_DURATION_RE, text, marker.end(), min(limit, marker.end() + 30)) is not None
    )


def _fullmatch_changed(text: str, end: int, start: int) -> bool:
    """Whether only a change marker stands between a figure's end and the next figure's start."""
    return 0 < start - end <= 24 and _CHANGED_TO_RE.fullmatch(text, end, start) is not None


# (h16) Words that make a time a delivery time: said of latency, of data arriving or being seen, or of a
# pace of the work ("hourly is fine").
# (h74) A figure declared acceptable in its own clause, however far after it ("a few hundred ms between the sensor
# firing and the panel lighting up is acceptable"): the time the team accepts, a budget.
_ACCEPTED_RE = _regex(
    r"\b(?:is|are|would be|will be|['’]s) (?:totally |perfectly |still |more than )?"
    r"(?:fine|ok|okay|acceptable|tolerable|plenty|good enough|our (?:ceiling|budget|limit|target))\b",
    re.IGNORECASE,
)
_DELIVERY_TIME_WORD = _regex(
    r"\b(?:latenc\w*|delays?|delayed|lag\w*|behind|late|stale|real[- ]?time|deliver\w*|arriv\w*|land\w*"
    r"|propagat\w*|visible|searchable|reflected|notif\w*|alert\w*|flagged|updat\w*|refresh\w*|shows?|show(?:ing|n)"
    r"|display\w*|frames?|batch\w*|hourly|nightly|daily|ms|milli\w*|micro\w*|p\d\d\w*|end[- ]to[- ]end|e2e"
    r"|pushe?s?|pushed|sync\w*|replicat\w*|trail\w*|timing|speed|fast|quick\w*|instant\w*|immediate\w*"
    r"|repl(?:y|ies|ied)|answer\w*|respon\w*|acks?|acknowledg\w*|time[- ](?:critical|sensitive|bound)"
    # (h57) what reaches its reader: "the alarm must reach the control room within 3 s", "consumed within 5 s"
    r"|reach(?:es|ed|ing)?|consumed|received"
    # (s39) a slow pace by its other names ("overnight is fine"), passing on to the other readers ("relayed",
    # "forwarded", "applies changes"), and what others see on their own devices ("should see it on all their
    # devices in under 5 seconds"): the messages reaching their readers
    r"|overnight|next[- ]day|relay\w*|forward\w*|broadcast\w*|fan(?:s|ned)?[- ]?out"
    r"|appl(?:y|ies|ied) (?:the |each |every |all |a )?(?:[\w-]+ )?(?:changes?|updates?|edits?)"
    r"|on (?:all |each |every |any )?(?:of )?(?:their|his|her|your|the other|other|every|each)(?: [\w-]+)?"
    r" (?:devices?|phones?|screens?|tablets?|laptops?|browsers?|clients?))\b",
    re.IGNORECASE,
)
_DENIAL_WORD = _regex(r"\b(?:not|no|never|nothing|none)\b|n['’]?t\b", re.IGNORECASE)
# (h57) A bound said by denying more ("must not exceed 5 s", "can't be more than 3 s", "should not take longer
# than 2 s"): no denial of the latency need.
_DENIED_EXCESS_RE = _regex(
    r"(?:\bnot|n['’]?t)\s+(?:exceed|be (?:more|longer|greater|higher) than|take (?:more|longer) than"
    r"|go (?:over|above|beyond))\b",
    re.IGNORECASE,
)


def _latency_words_of_other(
    text: str, hits: list[_Hit], ambiguous: list[Ambiguity], sentences: _Bounds, kb: Knowledge
) -> tuple[list[_Hit], list[Ambiguity]]:
    """A latency said in words of something other than the messaging path ("redis reads are sub-ms",
    "in-memory lookups take microseconds") is asked, as a figure said of it is."""
    kept: list[_Hit] = []
    ambiguous = list(ambiguous)
    for h in hits:
        if (
            h.question == "latency"
            and h.value == "low-ms"
            and not h.numeric
            and _search(_DELIVERY_TIME_WORD, h.text) is None
        ):
            # (h16) a bare time budget declared acceptable ("a login within 2 seconds is acceptable", "the report
            # in under 5 minutes is fine") is a delivery budget only where the sentence, or the words just
            # before it, speak of the messages or their latency ("latency? don't care, anything under a
            # second is fine")
            near = (max(0, min(sentences.around(h.start)[0], h.start - 40)), sentences.around(h.start)[1])
            if _search(_DELIVERY_TIME_WORD, text, *near) is None and _search(_MESSAGING_RE, text, *near) is None:
                note = (
                    f"Is {h.text!r} the time the messages may take, or that of something else? "
                    f"{_LATENCY_CHOICES}"
                )
                ambiguous.append(Ambiguity(question="latency", span=(h.start, h.end), text=h.text, note=note))
                continue
        # "the sync job isn't latency bound": a denial speaks of the workload it names, whatever its kind
        if h.question == "latency" and h.value in ("sub-ms", "low-ms") and _search(
            _DENIAL_WORD, _DENIED_EXCESS_RE.sub(" ", h.text)
        ) is None:
            sentence = sentences.around(h.start)
            window = max(sentence[0], h.start - 60)
            said_of = (
                _latency_of_other(text, window, h.start, sentence, kb)
                or _latency_of_other_after(text, h.end, sentence, kb)
                or _latency_of_product(text, window, h.start, sentence, kb)
            )
            if said_of is not None:
                note = (
                    f"That reads as the latency of {said_of.group(0)!r}, not what the workload needs: "
                    f"what delivery latency must the messaging meet? {_LATENCY_CHOICES}"
                )
                ambiguous.append(Ambiguity(question="latency", span=(h.start, h.end), text=h.text, note=note))
                continue
        kept.append(h)
    return kept, ambiguous


def _teams_of_others(
    text: str,
    span: tuple[int, int],
    hits: list[_Hit],
    ambiguous: list[Ambiguity],
    sentences: _Bounds,
    small_team: float,
    kb: Knowledge,
) -> tuple[list[_Hit], list[Ambiguity]]:
    """A team named in words that uses the data or belongs to someone else ("a handful of developers consume
    the stream", "the customer has one sre") is asked, as a team size said of it is."""
    kept: list[_Hit] = []
    ambiguous = list(ambiguous)
    for h in hits:
        if h.question == "ops" and h.value in ("small", "dedicated") and not h.leaning:
            s_start, s_end = sentences.around(h.start)
            sentence = (max(span[0], s_start), min(span[1], s_end))
            if h.value == "small" and not h.numeric:
                # "we're a startup of 80 people", "a small team: 12 engineers": the count says otherwise
                larger = [
                    m
                    for m in _scan(TEAM_RE, text, *sentence)
                    if _count(m.group(_team_number(m))) > small_team
                ]
                if larger:
                    note = (
                        f"{h.text!r} and {larger[0].group(0).strip()!r} disagree: how many people run the messaging "
                        f"system? {_SMALL_TEAM_STAKES}"
                    )
                    ambiguous.append(Ambiguity(question="ops", span=(h.start, h.end), text=h.text, note=note))
                    continue
            if _team_of_others(text, h.start, h.end, sentence, kb):
                note = f"{_TEAM_OF_OTHERS_DOUBT} {_SMALL_TEAM_STAKES}"
                ambiguous.append(Ambiguity(question="ops", span=(h.start, h.end), text=h.text, note=note))
                continue
        kept.append(h)
    return kept, ambiguous


# A product named as the medium ("rpc over nats", "events via kafka"), not as what the sentence is about.
_MEDIUM_BEFORE_RE = _regex(
    r"\b(?:over|via|through|using|on top of|across|into|onto|to)\s+(?:the |our |a |plain )?$", re.IGNORECASE
)


def _latency_of_product(
    text: str, start: int, end: int, sentence: tuple[int, int], kb: Knowledge
) -> re.Match[str] | None:
    """The product a latency between ``start`` and ``end`` is said of ("nats is known for sub-millisecond
    latency", "kafka's p99 is usually around 10ms", "with kafka we get about 5ms"), unless the sentence
    states a need ("we need nats to deliver in under 1 ms") or names the product as the medium ("rpc over
    nats, p99 under 1 ms")."""
    c = _compile(kb)
    if c.product_name is None:
        return None
    last = None
    for m in _scan(c.product_name, text, start, end):
        if _search(_MEDIUM_BEFORE_RE, text, max(start, m.start() - 20), m.start()) is None:
            last = m
    if last is None or _search(_REQUIRED_RE, text, *sentence) is not None:
        return None
    return last


def _undecided_numbers(
    text: str, hits: list[_Hit], ambiguous: list[Ambiguity], clauses: _Bounds, sentences: _Bounds, c: _Compiled
) -> tuple[list[_Hit], list[Ambiguity]]:
    """Figures in a question, an open condition or someone else's statement are asked, not settled."""
    kept: list[_Hit] = []
    ambiguous = list(ambiguous)
    for h in hits:
        note = _undecided(text, h.start, h.end, clauses.around(h.start), sentences.around(h.start), c)
        if note is None:
            kept.append(h)
        else:
            ambiguous.append(Ambiguity(question=h.question, span=(h.start, h.end), text=h.text, note=note))
    return kept, ambiguous


def _sectioned_numbers(
    text: str, hits: list[_Hit], ambiguous: list[Ambiguity], sections: _Sections
) -> tuple[list[_Hit], list[Ambiguity], list[Ambiguity]]:
    """Figures (and a form's fields) listed under a non-goal, a wish, an option weighed or in a code block
    ("Nice to have: p99 under 1 ms", "Benchmarks: 10M msgs/s") are asked, not settled.

    Returns the hits kept, the ambiguities, and the figures set aside as said of a system or in a code
    block: those are hints only (asked where nothing else answers), never a figure that competes with
    the workload's own ("Proven at 100k+ events/s" leaves "10k events/s at peak" settled)."""
    if not sections:
        return hits, ambiguous, []
    kept: list[_Hit] = []
    ambiguous_kept: list[Ambiguity] = []
    aside: list[Ambiguity] = []
    for a in ambiguous:
        section = sections.at(a.span[0])
        if section is not None and section.kind in ("described", "code"):
            aside.append(Ambiguity(question=a.question, span=a.span, text=a.text, note=_section_note(section)))
        else:
            ambiguous_kept.append(a)
    for h in hits:
        section = sections.at(h.start)
        if section is None or section.kind == "decided":
            kept.append(h)
            continue
        found = Ambiguity(question=h.question, span=(h.start, h.end), text=h.text, note=_section_note(section))
        (aside if section.kind in ("described", "code") else ambiguous_kept).append(found)
    return kept, ambiguous_kept, aside


def _outside(hits: list[_Hit], covering: list[_Hit]) -> list[_Hit]:
    """``hits`` not inside one of ``covering`` (a sweep over both sorted lists)."""
    spans = sorted((h.start, h.end) for h in covering)
    kept: list[_Hit] = []
    i, reach = 0, -1
    for h in sorted(hits, key=lambda h: h.start):
        while i < len(spans) and spans[i][0] <= h.start:
            reach = max(reach, spans[i][1])
            i += 1
        if h.end > reach:
            kept.append(h)
    return kept


def _to_number(raw: str, mult: str | None) -> float:
    number = to_number(raw)
    return number * _MULT.get((mult or "").lower(), 1.0)


def _count(raw: str) -> int:
    raw = raw.lower()
    return int(raw) if raw.isdigit() else _WORD_NUMBERS.get(raw, 0)


def _kept_by_a_store(text: str, hit: _Hit, sentences: _Bounds, c: _Compiled) -> bool:
    """Whether the sentence of ``hit`` places what it keeps in an operational database ("we persist audit
    records in postgres via a separate path"): that keeping is the database's, not the messaging's."""
    if c.kept_in_store is None:
        return False
    start, end = sentences.around(hit.start)
    return _search(c.kept_in_store, text, start, end) is not None


# (s40) The copula that joins a subject to what is said of it ("reporting is best-effort", "the analytics feed stays
# fire-and-forget", "reporting can be lossy"), with up to two nouns of the subject after the hint ("analytics beacons")
_DENIAL_OF_SUBJECT = _regex(
    r"(?:\s+[\w-]+){0,2}?\s+(?:is|are|was|were|stays?|remains?|runs?"
    r"|(?:can|may|will|would|should|must) (?:be|stay|remain)"
    r"|(?:is|are|gets?) (?:sent|delivered|published|pushed|done|handled|shipped))"
    r"(?:\s+(?:just|only|purely|always|entirely|simply|fully|strictly|totally|all|deliberately|intentionally))?\s*$",
    re.IGNORECASE,
)


def _subject_of_denial(text: str, hint: _Hit, denial: _Hit, clauses: _Bounds) -> bool:
    """(s40) Whether ``hint`` (a word that leans toward kept messages: "reporting", "analytics") is the subject of the
    clause that gives its messages up ("reporting is best-effort and can drop"): the denial is said of that very
    traffic, so the hint does not contest it."""
    if hint.end > denial.start or clauses.around(hint.start) != clauses.around(denial.start):
        return False
    return _match(_DENIAL_OF_SUBJECT, text, hint.end, denial.start) is not None


def _settle(
    hits: list[_Hit],
    ambiguous: list[Ambiguity],
    hints: list[Ambiguity],
    kept_elsewhere: Callable[[_Hit], bool] = lambda hit: False,
    said_of: Callable[[_Hit, _Hit], bool] = lambda hint, denial: False,
) -> tuple[dict[str, _Hit], list[Ambiguity]]:
    """One answer per question; conflicting statements become ambiguities.

    ``kept_elsewhere`` tells a hint of keeping that is a database's own (see ``_kept_by_a_store``);
    ``said_of`` a hint that is the very subject the denial is said of (see ``_subject_of_denial``)."""
    answers: dict[str, _Hit] = {}
    conflicted: dict[str, list[_Hit]] = {}
    by_question: dict[str, list[_Hit]] = {}
    for h in hits:
        if not h.leaning:
            by_question.setdefault(h.question, []).append(h)
    for question, found in by_question.items():
        numeric = [h for h in found if h.numeric]
        pool = numeric or found
        values = {h.value for h in pool}
        if len(values) == 1:
            # Of the phrases saying the same, the first; at one position, one that implies more.  What
            # any of them implies still holds ("an outbox … read off the WAL": the WAL names CDC, which
            # brings its connector).
            first = min(pool, key=lambda h: (h.start, not h.implies))
            implied = dict(first.implies)
            for h in sorted(pool, key=lambda h: h.start):
                for implied_question, implied_value in h.implies.items():
                    implied.setdefault(implied_question, implied_value)
            answers[question] = replace(first, implies=implied) if implied != first.implies else first
        elif question == "latency" and numeric:
            # Several latency targets: the strictest one is what some path must meet.
            answers[question] = next(h for h in numeric if h.value == "sub-ms")
        elif question == "throughput" and numeric:
            answers[question] = next(h for h in numeric if h.value == "high")  # the peak decides
            continue
        else:
            conflicted[question] = sorted(pool, key=lambda h: h.start)

    # Messages that must be loaded into a lake or a warehouse are kept until the sink has them (Use
    # Case Decision Matrix: Data lake ingestion), so "nothing is kept" said in the same text is of
    # some other traffic ("live events only matter in the moment; after the call transcripts go to
    # s3"): which traffic is which is asked, not guessed.  Only a flow into the lake counts ("to s3",
    # "lands in the warehouse", "data lake"); a bare name ("config lives in s3", "spark") is where
    # something is or a tool, not messages loaded there.
    kept, lake = answers.get("persistence"), answers.get("data_lake")
    if (
        kept is not None
        and kept.value == "no"
        and lake is not None
        and lake.value == "yes"
        and len(lake.text.split()) > 1
    ):
        del answers["persistence"]
        conflicted["persistence"] = sorted([kept, replace(lake, value="yes")], key=lambda h: h.start)

    # (h72) Exactly-once takes effect once only when each message is held until it is acknowledged (Feature
    # Comparison: exactly-once rests on JetStream's or Kafka's stored messages), so "nothing needs archiving"
    # beside "each command must run exactly once" denies history, not delivery: asked, with both quoted.
    once = answers.get("exactly_once")
    if (
        once is not None
        and once.value == "yes"
        and kept is not None
        and kept.value == "no"
        and "persistence" in answers
    ):
        del answers["persistence"]
        conflicted["persistence"] = sorted([kept, replace(once, question="persistence")], key=lambda h: h.start)

    # (s34) The same for weaker evidence: "nothing is kept" next to a phrase that only leans toward kept
    # messages ("audits", "a reporting side", "analytics", lean-durable-history) is asked, with both quoted.
    # Only this way round: a loss the team did not mean costs it messages (Guide § Decision Flowchart,
    # Q1), so a denial of keeping settles only where nothing in the text hints otherwise; a live-sounding
    # word beside a stated need to keep ("live updates", "control plane") is no reason to doubt the need.
    if kept is not None and kept.value == "no" and "persistence" in answers:
        # (s40) the traffic the denial is said of ("reporting is best-effort"), named again elsewhere ("mqtt for
        # reporting"), is that one traffic: no hint against its own denial
        denied_traffic = {
            h.text.lower()
            for h in hits
            if h.question == "persistence" and h.leaning and h.value == "yes" and said_of(h, kept)
        }
        kept_hint = next(
            (
                h
                for h in hits
                if h.question == "persistence"
                and h.leaning
                and h.value == "yes"
                and not kept.start <= h.start < kept.end
                and not kept_elsewhere(h)
                and h.text.lower() not in denied_traffic
            ),
            None,
        )
        if kept_hint is not None:
            del answers["persistence"]
            conflicted["persistence"] = sorted([kept, kept_hint], key=lambda h: h.start)

    ambiguous = list(ambiguous)
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
    # A peak between the bounds ("spikes to 180k/s") leaves a moderate average open: the peak decides.
    in_between = any(a.question == "throughput" for a in ambiguous)
    if in_between and "throughput" in answers and answers["throughput"].value == "moderate":
        del answers["throughput"]
    # Keyword hints settle a numeric ambiguity ("high throughput, ~200k/s"), else stay open.
    settled = set(answers)
    ambiguous = [a for a in ambiguous if a.question not in settled or a.question in conflicted]
    for a in list(ambiguous):
        # (h16) only a figure between the bounds: a figure asked because it is another's, a capacity or one
        # producer's rate ("high volume. each sensor sends 10 msgs/s") is not made high by a size word
        if (
            a.question == "throughput"
            and a.question not in conflicted
            and a.question not in answers
            and a.note.endswith(_BETWEEN_BOUNDS_QUESTION)
        ):
            keyword = next(
                (h for h in hits if h.question == "throughput" and not h.numeric and h.leaning and not h.weak), None
            )
            if keyword is not None:
                answers["throughput"] = keyword
                ambiguous.remove(a)
    for hint in hints:
        if hint.question in answers or any(a.question == hint.question for a in ambiguous):
            continue
        ambiguous.append(hint)
    return answers, ambiguous


def _leans(hits: list[_Hit], answers: Iterable[ParsedAnswer], text: str, c: _Compiled) -> list[ParsedAnswer]:
    """One lean per question the text says nothing definite about; leans that disagree cancel.

    A question the text states, even both ways (then it is asked), is not tipped by a lean.  (s34) Nor is
    one where the text, outside its leaning phrases, has a word of the lexicon's ``lean_guards`` against
    that lean ("heartbeats" beside "a payment queue": the text speaks of keeping too).  A word inside a
    leaning phrase is that phrase's own ("the current queue depth"), or a lean the other way, which
    cancels instead."""
    answered = {a.question for a in answers} | {h.question for h in hits if not h.leaning}
    by_question: dict[str, list[_Hit]] = {}
    for h in hits:
        if h.leaning and h.question not in answered:
            by_question.setdefault(h.question, []).append(h)
    for question, leaning in list(by_question.items()):
        for value in {h.value for h in leaning}:
            guard = c.lean_guards.get((question, value))
            if guard is None:
                continue
            own = [(h.start, h.end) for h in leaning]
            if any(
                not any(start <= m.start() and m.end() <= end for start, end in own) for m in _scan(guard, text)
            ):
                by_question[question] = [h for h in by_question[question] if h.value != value]
        if not by_question[question]:
            del by_question[question]
    found = []
    for question, leaning in by_question.items():
        if len({h.value for h in leaning}) != 1:
            continue  # evidence both ways: no lean
        h = min(leaning, key=lambda h: h.start)
        found.append(ParsedAnswer(question=question, value=h.value, span=(h.start, h.end), text=h.text))
    return sorted(found, key=lambda a: a.span[0])


def _silent_leans(
    text: str, found: list[ParsedAnswer], ambiguous: list[Ambiguity], hits: list[_Hit], c: _Compiled
) -> list[ParsedAnswer]:
    """Leans on questions the description never touches (the lexicon's ``silences``).

    A question is touched when a phrase settles it, asks it or leans on it, when something read answers
    one of the silence's ``unless_answers``, or when one of its ``unless_words`` stands in the text.  The
    lean has an empty span at the text's start: it comes from no words, and says so in its note."""
    touched = {a.question for a in found} | {a.question for a in ambiguous} | {h.question for h in hits}
    said = {(a.question, a.value) for a in found} | {(h.question, h.value) for h in hits}
    text_words = [w.lower() for w in _WORD.findall(text)]
    leans = []
    for silence, words, function_words in c.silences:
        if silence.question in touched:
            continue
        if any((q, v) in said for q, values in silence.unless_answers.items() for v in values):
            continue
        if len(text_words) < silence.min_words or (words is not None and words.search(text)):
            continue
        known = sum(1 for w in text_words if w in function_words)
        if known < silence.min_function_share * len(text_words):
            continue  # not in a language the lexicon reads: its silence means nothing
        leans.append(ParsedAnswer(question=silence.question, value=silence.leans, span=(0, 0), text=silence.note))
    return leans


def _with_implied(answers: dict[str, _Hit], ambiguous: list[Ambiguity]) -> list[ParsedAnswer]:
    ordered = sorted(answers.values(), key=lambda h: h.start)
    result = [ParsedAnswer(question=h.question, value=h.value, span=(h.start, h.end), text=h.text) for h in ordered]
    for h in ordered:
        # A question left open elsewhere stays open; a word asked inside the implying phrase itself ("our
        # jetstream work queue": "queue" alone is asked) is said more precisely by the phrase.
        open_questions = {
            a.question for a in ambiguous if not (h.start <= a.span[0] and a.span[1] <= h.end)
        }
        for question, value in h.implies.items():
            if question in answers or question in open_questions or any(p.question == question for p in result):
                continue
            result.append(
                ParsedAnswer(question=question, value=value, span=(h.start, h.end), text=h.text, implied_by=h.question)
            )
    return result


def _said_by_implied(found: list[ParsedAnswer], ambiguous: list[Ambiguity]) -> list[Ambiguity]:
    """Without the words asked inside a phrase whose implication answered that question."""
    return [
        a
        for a in ambiguous
        if not any(
            p.implied_by and p.question == a.question and p.span[0] <= a.span[0] and a.span[1] <= p.span[1]
            for p in found
        )
    ]


@dataclass
class _Reading:
    span: tuple[int, int]
    hits: list[_Hit]
    numeric_ambiguous: list[Ambiguity]
    hints: list[Ambiguity]

    @property
    def workload_questions(self) -> set[str]:
        return {h.question for h in self.hits if h.question not in SHARED_QUESTIONS and not h.leaning}


_ALTERNATIVE_NEXT = _regex(r"\s*[,;]?\s*(?:or|vs\.?|versus|and|nor)\b", re.IGNORECASE)
# Where a later clause starts: what is weighed after it is weighed against the phrase before.
_LATER_CLAUSE = _regex(r"[,;—–]|\s-\s|\b(?:and|so|but|which|hence|thus)\b", re.IGNORECASE)
# What joins two systems' shares of the work in one sentence ("kafka for events, rabbit for tasks",
# "… for events while rabbit …"): the cut goes before the joiner's last occurrence.
_ROLE_JOIN = _regex(r"[,;—–]|\s-\s|\b(?:and|while|whereas|but|plus)\b", re.IGNORECASE)
# The joiner a share was cut before, as a workload's text shows it: "and msk for the cdc feed" is
# shown as "msk for the cdc feed".
_LEADING_JOIN = _regex(r"\s*(?:[,;—–+-]\s*)?(?:(?:and|while|whereas|but|plus)\s+)?", re.IGNORECASE)


def _family(m: re.Match[str]) -> str:
    return next(name for name, value in m.groupdict().items() if value is not None)


def _contrasted(text: str, c: _Compiled) -> tuple[list[tuple[tuple[int, int], str]], bool]:
    """Spans of a text that gives different systems their shares of the work, in one sentence ("Kafka
    for the audit log, and NATS for the live view") or, with the share sent to a system named after it
    ("purchases go to kafka") or in sentences of their own, across sentences: cut before each share of
    a system other than the one before it; [] when none does.  Each span comes with the family (kafka,
    nats, other) of the system whose share it holds, and the flag says whether each share must state
    something of its own (any share but a "kafka for X, nats for Y" in one sentence)."""
    found: list[tuple[int, re.Match[str], bool]] = []
    if c.role is not None:
        for m in _scan(c.role, text):
            name_end = m.end(_family(m))
            # "kafka is built for replay": the product described, not a share of the work
            if c.product_trait is None or _search(c.product_trait, text, name_end, m.end()) is None:
                found.append((m.start(), m, False))
    if c.destination is not None:
        found.extend((m.start(_family(m)), m, True) for m in _scan(c.destination, text))
    found.sort(key=lambda f: f[0])
    # (cut, in sentences of their own, family before, family after, must each state something)
    parts: list[tuple[int, bool, str, str, bool]] = []
    previous: tuple[int, re.Match[str], bool] | None = None
    for share in found:
        _, m, trailing = share
        if previous is not None and _family(previous[1]) != _family(m) and previous[1].end() <= m.start():
            cut = _share_cut(text, c, previous, share)
            if cut is not None:
                parts.append((cut[0], cut[1], _family(previous[1]), _family(m), trailing or previous[2] or cut[1]))
        previous = share
    # One sentence that gives the systems their shares is the writer's own summary: shares in sentences
    # of their own are taken only when no sentence does.
    if any(not across for _, across, *_ in parts):
        parts = [p for p in parts if not p[1]]
    if not parts:
        return [], False
    cuts = [p[0] for p in parts]
    families = [parts[0][2], *(p[3] for p in parts)]
    strict = any(p[4] for p in parts)
    bounds = [0, *cuts, len(text)]
    return [
        ((a, b), family)
        for (a, b), family in zip(itertools.pairwise(bounds), families, strict=True)
        if text[a:b].strip()
    ], strict


# Words of a pipeline's next stage or of a clause about what came before ("… and then written to kafka",
# "…, which forwards them into kafka", "from there they go to kafka"): the same traffic, no share of its own.
_NEXT_STAGE = _regex(
    r"(?<![\w'’])(?:then|from there|after that|afterwards|downstream|finally|eventually|later|which|where|whence"
    r"|them|they|those|these|it|its)(?![\w'’])",
    re.IGNORECASE,
)
# How strongly a joiner parts two shares: a semicolon or a dash, then a contrast, a comma, "and"/"plus".
_JOIN_RANK = {";": 0, "—": 0, "–": 0, "-": 0, "while": 1, "whereas": 1, "but": 1, ",": 2}


def _share_cut(
    text: str, c: _Compiled, previous: tuple[int, re.Match[str], bool], share: tuple[int, re.Match[str], bool]
) -> tuple[int, bool] | None:
    """Where the share ``share`` (its system's position, its match, whether the system comes after its
    words) starts after ``previous``, and whether the two are in sentences of their own; None when
    nothing parts them or the second share is the first one's next stage."""
    _, before, before_trailing = previous
    name_at, m, trailing = share
    breaks = list(_SENTENCE_BREAK.finditer(text, before.end(), m.start()))
    if breaks:
        cut, across = breaks[-1].end(), True
    else:
        joins = list(_ROLE_JOIN.finditer(text, before.end(), m.start()))
        if not joins:
            return None
        if not trailing and not before_trailing:
            return joins[-1].start(), False
        rank = [_JOIN_RANK.get(j.group(0).strip().lower(), 3) for j in joins]
        cut, across = joins[rank.index(min(rank))].start(), False
    lead = _LEADING_JOIN.match(text, cut)
    opens = lead.end() if lead else cut
    # The second share has words of its own before its system (its subject, for a share sent to a system
    # after it), not a next stage of the first, nor a pronoun about it; neither share tells the past.
    if _search(_NEXT_STAGE, text, opens, name_at) is not None:
        return None
    if trailing and _search(_WORD, text, opens, m.start()) is None:
        return None
    if across and c.whole_subject is not None and _match(c.whole_subject, text, opens, m.start()) is not None:
        return None
    if c.past is not None and (
        _search(c.past, text, 0, cut) is not None or _search(c.past, text, opens, len(text)) is not None
    ):
        return None
    return cut, across


# (h59) A list's numbered or lettered labels: "(1) … (2) …" anywhere, "1. …" / "b) …" at a line's start, and
# a word with its number or letter at a sentence's or item's start ("Service A: … Service B: …", "traffic 2 —").
_SEQUENCE_LABEL = _regex(
    r"(?<![\w(])\((?P<paren>[a-h]|[1-9])\)(?=\s)"
    r"|(?:^|(?<=\n))[ \t]*(?:[-*•+][ \t]+)?(?P<line>[a-h]|[1-9])[.)](?=[ \t])"
    rf"|{_MARKER_START}{_BULLET}(?P<head>[a-z][\w-]{{1,20}})[ \t]+(?P<named>[a-h]|[1-9]|one|two|three|four)"
    r"(?=[ \t]*(?::\s|[)—–]|\s-\s))",
    re.IGNORECASE,
)
_ORDINALS = {"one": 1, "two": 2, "three": 3, "four": 4}
# (h59) A sentence opening on a word and its number or letter: "Step 2: …", "- phase two —".
_STEP_LEAD = _regex(
    r"[\s\-*•+]*(?P<head>[a-z][\w-]{0,20})[ \t]+(?:[a-h]|[1-9]|one|two|three|four)(?=[ \t]*(?::\s|[)—–.]|\s-\s))",
    re.IGNORECASE,
)


def _sequenced_labels(text: str, c: _Compiled) -> list[int]:
    """(h59) Where each label of a numbered or lettered list after its first stands: a list's labels open
    a further workload only in sequence from its first ("(1) … (2) …", "Traffic A: … Traffic B: …"; a
    lone "(2)" or "B:" counts nothing), and a word's labels only where the word names no step of one
    flow nor an option weighed for it (the lexicon's ``step_labels``: "Step 1: … Step 2: …").  Such cuts
    stand only where the parts state different needs, as a list's labels do (see ``_segments``)."""
    lists: dict[str, list[tuple[int, int]]] = {}
    for m in _scan(_SEQUENCE_LABEL, text):
        kind = next(k for k in ("paren", "line", "named") if m.group(k) is not None)
        label = m.group(kind).lower()
        number = _ORDINALS.get(label) or (int(label) if label.isdigit() else ord(label) - ord("a") + 1)
        family = "word" if label in _ORDINALS else "digit" if label.isdigit() else "letter"
        if kind == "named":
            head = m.group("head").lower()
            if c.step_label is not None and c.step_label.fullmatch(head):
                continue
            key = f"named:{head}:{family}"
        else:
            key = f"{kind}:{family}"
        at = m.start() if kind == "paren" else m.start("line") if kind == "line" else m.start("head")
        # an item that opens on the description's words or a condition ("1) if a group fails, …", "2) we
        # hack it with …") goes on with the flow described, as such a sentence does (``_opposed_persistence``)
        opens_own = not any(
            pattern is not None and _match(pattern, text, m.end(), min(len(text), m.end() + 200)) is not None
            for pattern in (c.whole_subject, c.not_own_subject)
        )
        lists.setdefault(key, []).append((at, number if opens_own else 0))
    cuts: list[int] = []
    for labels in lists.values():
        expected, run = 1, []
        for at, number in labels:
            if number == expected:
                run.append(at)
                expected += 1
        if expected > 2 and len(run) == len(labels):  # every label in sequence, each opening a traffic
            cuts.extend(run[1:])
    return cuts


# (h69) A sentence or a line opening on a short label and its colon: "User-facing: …", "- Billing: …".
_LEAD_LABEL = _regex(
    r"(?:^|(?<=\n)|(?<=[.!?]\s))[ \t]*(?:[-*•+][ \t]+)?(?:\*\*|__)?"
    r"(?P<label>[a-z][\w/&'’-]*(?:[ \t]+[a-z][\w/&'’-]*){0,2})(?:\*\*|__)?[ \t]*:(?:\*\*|__)?[ \t]+(?=\S)",
    re.IGNORECASE,
)


def _lead_labels(text: str, c: _Compiled) -> list[int]:
    """(h69) Where each sentence or line after the first that opens on a label of its own stands, when two or
    more do ("Live dashboard: … Billing: …", "User-facing: … Back-office: …"): each labels a part of the work,
    as "hot path: … cold path: …" do.  A label that names a question (a form's field, "Latency: …"), a measure
    ("Retention: …"), the description ("We: …") or a step, an option or a note (the lexicon's ``step_labels``:
    "Update: …", "Option: …") labels none, and then no cut is taken.  Such cuts stand only where the parts
    state different needs (see ``_segments``)."""
    found: list[int] = []
    for m in _scan(_LEAD_LABEL, text):
        label = m.group("label")
        if any(
            pattern is not None and pattern.fullmatch(label)
            for pattern in (c.step_label, c.whole_subject, c.not_own_subject)
        ) or (c.step_label is not None and c.step_label.fullmatch(label.split()[0])):
            return []
        if c.field is not None and _match(c.field, text, m.start()) is not None:
            return []
        found.append(m.start("label"))
    return found[1:] if len(found) > 1 else []


# (h59) Words after a system's name that weigh the product, not give it a share of the work: "nats is
# lighter to run", "kafka would give us replay", "jetstream seems simpler" ("kafka is used for the
# clickstream", "nats handles the live view" give it one).
_WEIGHED_AFTER_NAME = _regex(
    r"\s+(?:would|could|might|may|seems?|looks?|feels?|sounds?|offers?|gives?|provides?|has|have"
    r"|(?:is|are)(?!\s+(?:used|for|where|what|how|our|the\s+(?:one|system|bus|broker)\s+(?:for|that|we)))"
    r"|['’]s(?!\s+(?:used|for)))(?![\w'’])",
    re.IGNORECASE,
)
_AFTER_MARKER = _regex(r"[\s,]*(?:(?:then|though|however)\s*,?\s*)?", re.IGNORECASE)


def _weighs_a_product(text: str, end: int, c: _Compiled) -> bool:
    """(h59) Whether a workload marker ("on the other hand", "by contrast", "meanwhile") is followed by a
    system's name and words weighing it ("; on the other hand, nats is lighter to run"): the options
    weighed for one traffic, not another workload (Guide § Can They Coexist?, "When hybrid is overkill")."""
    if c.any_system_name is None:
        return False
    lead = _match(_AFTER_MARKER, text, end, min(len(text), end + 20))
    at = lead.end() if lead else end
    name = _match(c.any_system_name, text, at, min(len(text), at + 40))
    if name is None:
        return False
    return _match(_WEIGHED_AFTER_NAME, text, name.end(), min(len(text), name.end() + 40)) is not None


def _measure_follows(text: str, end: int, c: _Compiled) -> bool:
    """(h69) Whether a workload marker is followed by a measure of the traffic or a need named as such (the
    lexicon's ``not_own_subjects``): "Also, latency should stay low", "In addition, retention is 7 days" add
    to the workload described and open no other."""
    if c.not_own_subject is None:
        return False
    lead = _match(_AFTER_MARKER, text, end, min(len(text), end + 20))
    at = lead.end() if lead else end
    return _match(c.not_own_subject, text, at, min(len(text), at + 80)) is not None


def _segments(
    text: str, c: _Compiled, *, labels: bool = True, sequenced: Iterable[int] = ()
) -> list[tuple[int, int]]:
    """Spans of the text cut before each workload marker (and, with ``labels``, before each of a
    list's labels after the first: "hot path: … cold path: …", "(a) … (b) …", the ``sequenced`` labels
    found before the list's marks were read as line breaks, and after a phrase that sets another
    workload aside: "separately from the pings, …"; such cuts stand only where the parts state
    different needs, see ``parse``)."""
    cuts = (
        [
            m.start("marker")
            for m in _scan(c.workload_marker, text)
            if not _weighs_a_product(text, m.end(), c) and not _measure_follows(text, m.end(), c)
        ]
        if c.workload_marker is not None
        else []
    )
    if labels:
        cuts.extend(sequenced)
    if labels and c.paired_marker is not None:
        cuts.extend(m.start("marker") for m in _scan(c.paired_marker, text)[1:])
    if labels and c.aside is not None:
        # "separately from the presence pings (…), we need an audit log …": after the phrase set aside
        cuts.extend(m.start("marker") for m in _scan(c.aside, text))
    if labels and c.opener is not None:
        # (h69) "there's also a cdc feed …", "as for the invoices, …": before the words opening on a traffic
        cuts.extend(m.start("marker") for m in _scan(c.opener, text))
    bounds = [0, *sorted({cut for cut in cuts if cut > 0}), len(text)]
    return [(a, b) for a, b in itertools.pairwise(bounds) if text[a:b].strip()]


def _differ(
    workloads: list[_Reading], c: _Compiled, text: str | None = None, sentences: _Bounds | None = None
) -> bool:
    """Whether each workload states a need another one states otherwise: a value of a question the
    other gives another value ("kept 30 days" / "nothing stored"), or a need kept by nature against
    traffic that is not kept (a CDC feed / "lossy is fine", a reply awaited).  A list of one flow's
    requirements ("(1) 1M events/s; (2) kept 30 days; (3) loaded into S3") states each need once.

    (h59) With the text, also the two sides of the guide's hybrid (the lexicon's ``hybrid_sides``): one
    part stating only real-time needs ("fast lane: price ticks to traders, sub-millisecond"), the other
    only heavy ones ("slow lane: every trade … joined in flink"), where each states them of a traffic of
    its own: the sentence of each such need opens on a subject of its own, words before the need that are
    not the description's or a measure's ("- sub-ms latency", "(2) we need replay", "latency must stay
    under 1 ms" name no traffic, and are one flow's requirements).  Here, between parts a marker or a
    label already set apart, a high rate counts as the heavy side."""

    def stated(r: _Reading) -> dict[str, set[str]]:
        found: dict[str, set[str]] = {}
        for h in r.hits:
            if not h.leaning and h.question not in SHARED_QUESTIONS:
                found.setdefault(h.question, set()).add(h.value)
        return found

    def nature(said: dict[str, set[str]]) -> str | None:
        kept = any("yes" in said.get(q, ()) for q in c.kept_by_nature) or "yes" in said.get("persistence", ())
        fleeting = "no" in said.get("persistence", ()) or any("yes" in said.get(q, ()) for q in c.ephemeral_by_nature)
        return "kept" if kept and not fleeting else "fleeting" if fleeting and not kept else None

    readings = [stated(r) for r in workloads]

    realtime, heavy = c.hybrid_sides.get("realtime", set()), c.hybrid_sides.get("heavy", set())

    def side(r: _Reading) -> str | None:
        if text is None or sentences is None:
            return None
        said = [h for h in r.hits if not h.leaning and h.question not in SHARED_QUESTIONS]
        fast = [h for h in said if (h.question, h.value) in realtime]
        # between a list's labelled items a high rate is a side too: the guide's hybrid is "low-latency
        # request-reply AND high-throughput streaming" (§ Can They Coexist?, "When hybrid makes sense")
        slow = [h for h in said if (h.question, h.value) in heavy or (h.question, h.value) == ("throughput", "high")]
        if bool(fast) == bool(slow) or not all(_opens_on_traffic(text, h, r.span, c, sentences) for h in fast + slow):
            return None
        return "realtime" if fast else "heavy"

    sides = [side(r) for r in workloads]

    def apart(i: int, j: int) -> bool:
        a, b = readings[i], readings[j]
        if any(a[q] != b[q] for q in a.keys() & b.keys()):
            return True
        natures = {nature(a), nature(b)}
        return natures == {"kept", "fleeting"} or {sides[i], sides[j]} == {"realtime", "heavy"}

    return len(readings) > 1 and all(
        any(apart(i, j) for j in range(len(readings)) if j != i) for i in range(len(readings))
    )


# (h59) A list item's mark and label before its words ("- ", "(2) ", "fast lane: ").
_ITEM_LEAD = _regex(r"[\s\-*•+]*(?:\(?[a-h1-9][.)]\s*)?(?:[\w /-]{1,30}:\s*)?", re.IGNORECASE)


_MEASURES = frozenset({"persistence", "latency", "throughput"})


def _past_opener(text: str, start: int, end: int, c: _Compiled) -> int:
    """(h69) Where a sentence's subject starts: after words opening it on a further traffic (the lexicon's
    ``workload_openers``: "there's also a cdc feed", "as for the invoices"), else at ``start``."""
    lead = _match(c.opener_lead, text, start, end) if c.opener_lead is not None else None
    if lead is not None and lead.end() > start:
        start = lead.end()
    # (h69) "we push stock quotes …", "we do request-reply between …": the traffic acted on is the subject
    acting = _match(c.acting_lead, text, start, end) if c.acting_lead is not None else None
    return acting.end() if acting is not None else start


def _opens_on_traffic(text: str, h: _Hit, span: tuple[int, int], c: _Compiled, sentences: _Bounds) -> bool:
    """(h59) Whether the sentence (within ``span``) of a need opens on a traffic of its own: words of its
    own before the need, the first not the description's ("we", "it") nor a measure's ("latency")."""
    start = _past_opener(text, max(sentences.around(h.start)[0], span[0]), h.start, c)
    lead = _match(_ITEM_LEAD, text, start, h.start)
    opens = lead.end() if lead else start
    # a kind of traffic ("request-reply calls", "CDC out of postgres") names it; a measure or a keeping
    # ("sub-ms latency", "kept 30 days") needs words of its own before it
    if h.question in _MEASURES and _search(_WORD, text, opens, h.start) is None:
        return False
    for pattern in (c.whole_subject, c.not_own_subject):
        if pattern is not None and _match(pattern, text, start, h.start) is not None:
            return False
    return True


# After an announcement of several workloads ("two kinds of traffic: …"), the list it opens and where
# its items part: a semicolon, a sentence's end, or a comma before "and"/"while"/"whereas"/"but"
# ("transactional calls where a fast answer matters, and analytics ingestion where …").
_LIST_OPENS = _regex(r"\s*(?:[\w-]+\s+){0,4}?(?:[\w-]+)?\s*(?::|\.|—|–|\s-\s)", re.IGNORECASE)
# (h69) and a line break: a list's items on lines of their own ("two flows:\n- gps pings …\n- delivery proofs …").
_ITEM_PARTS = _regex(r";\s|[.!?]\s+|,\s+(?:and|while|whereas|but)\s+|\s*\n\s*(?=\S)", re.IGNORECASE)
# (h69) Failing those, a bare "and" before a further item's determiner ("two things going on - request/reply
# between services and a CDC pipeline from postgres"): taken only where the two items state different needs.
_ITEM_AND = _regex(r"\s+and\s+(?=(?:a|an|the|our|their|some|all|every|any)\s)", re.IGNORECASE)


def _field_hits(text: str, span: tuple[int, int], c: _Compiled, kb: Knowledge) -> list[_Hit]:
    """A form's fields that name a question ("Throughput: high", "- ops: small", "| edge | no |"),
    their values read as typed answers to it (the words the conversation takes)."""
    if c.field is None:
        return []
    from bot.advisor.replies import match_option

    hits: list[_Hit] = []
    for m in _scan(c.field, text, *span):
        raw = m.group("value").strip(" *_`'\"")
        if not raw or raw.isdigit():
            continue  # a bare number is no option's number here: the number grammar reads figures
        question_id = next(q for q, v in m.groupdict().items() if v is not None and q.startswith("f_"))[2:]
        value = match_option(kb.question(question_id), raw)
        if value is None and c.field_system is not None:
            # (h66) a question answered by a system's family (what runs today): the system by any of its
            # names ("existing broker: msk"), not only the conversation's words
            named = c.field_system.fullmatch(raw)
            family = next((k for k, v in named.groupdict().items() if v is not None), None) if named else None
            value = family if family in kb.question(question_id).values else None
        if value is not None:
            hits.append(_Hit(question_id, value, m.start("name"), m.end("value"), m.group(0).strip()))
    return hits


def _enumerated(text: str, announced: re.Match[str], *, bare: bool = False) -> list[tuple[int, int]]:
    """The two spans an announced list splits the text into: up to the end of its first item, and the
    rest ([] when no list follows the announcement); with ``bare``, where a bare "and" parts the items."""
    opens = _match(_LIST_OPENS, text, announced.end(), min(len(text), announced.end() + 60))
    if opens is None:
        return []
    first = len(text) - len(text[opens.end():].lstrip())  # the first item's start
    parts = _search(_ITEM_AND if bare else _ITEM_PARTS, text, first)
    if parts is None or not text[first:parts.start()].strip() or not text[parts.end():].strip():
        return []
    return [(0, parts.start()), (parts.start(), len(text))]


def _each_workload(
    text: str,
    readings: list[_Reading],
    workloads: list[_Reading],
    kept_elsewhere: Callable[[_Hit], bool] = lambda hit: False,
    said_of: Callable[[_Hit, _Hit], bool] = lambda hint, denial: False,
) -> tuple[list[WorkloadReading], list[dict[str, _Hit]], list[Ambiguity]]:
    """Each workload read on its own (what the text says about the organisation stays out of it);
    ``kept_elsewhere`` and ``said_of`` as for ``_settle``."""
    shared_only = [r for r in readings if not r.workload_questions]
    readings_out: list[WorkloadReading] = []
    per_workload: list[dict[str, _Hit]] = []
    all_ambiguous: list[Ambiguity] = []
    for r in workloads:
        own = [h for h in r.hits if h.question not in SHARED_QUESTIONS]
        extra_hints = [a for s in shared_only for a in s.hints if a.question not in SHARED_QUESTIONS]
        answers, ambiguous = _settle(
            own, r.numeric_ambiguous, [*r.hints, *extra_hints], kept_elsewhere, said_of
        )
        per_workload.append(answers)
        all_ambiguous.extend(a for a in ambiguous if a not in all_ambiguous)
        start, end = r.span
        shown = text[start:end]
        lead = _LEADING_JOIN.match(shown)
        shown = shown[lead.end() if lead else 0:].rstrip(",;—– \n\t")
        readings_out.append(
            WorkloadReading(
                span=(start, end),
                text=shown.strip(),
                answers=_with_implied(answers, ambiguous),
                ambiguous=ambiguous,
            )
        )
    return readings_out, per_workload, all_ambiguous


# A contrast inside a sentence that may open a second traffic's statement: ", while", ", whereas", "; but".
_CONTRAST_JOIN = _regex(r"(?:[,;]\s*|\s[-—–]\s*)(?:while|whereas|but)\s+", re.IGNORECASE)
# (h49) With the hybrid's wider needs, also "plus" before the second traffic ("low-latency rpc between
# services plus a durable audit trail"), whose side must then open on a subject of its own.
# (h59) and its sign, as chat writes it: "ephemeral fan-out to browsers (nothing kept) + a durable bid log …".
_SIDE_JOIN = _regex(rf"{_CONTRAST_JOIN.pattern}|\s+(?:plus|\+)\s+", re.IGNORECASE)
# A pronoun among a sentence's first six words, referring to what was described before it.
_OPENS_WITH_REFERENCE = _regex(r"\W*(?:[\w'’-]+\W+){0,5}?(?:them|they|those|these)(?![\w'’-])", re.IGNORECASE)


# (h69) After a system's name, words that make it a kind of something else: "a kafka-style pipeline".
_KIND_AFTER_NAME = _regex(r"-(?:like|style|ish|esque|type|based|compatible)(?![\w'’])", re.IGNORECASE)


def _opposed_persistence(text: str, hits: list[_Hit], c: _Compiled, sentences: _Bounds) -> int | None:
    """Where a text whose sentences state opposite persistence parts in two: the start of the sentence
    of the first statement that differs from the one before it ("pings can be dropped; trip records
    are kept 7 years"), when a sentence break lies between them and each side states only its own
    value.  None otherwise: back and forth ("no … yes … no") is one workload contradicting itself.
    A statement in a sentence that names a system ("Kafka gives you replay, NATS core doesn't") may
    describe the product, so it parts nothing; so may one naming another messaging system ("rabbitmq
    routes nicely but isn't built to retain messages", among options weighed).

    A need whose messages are kept by nature (the lexicon's ``kept_by_nature``: "CDC from postgres into
    the lake") states "kept" as well; failing a part on persistence itself, traffic nothing keeps (the
    lexicon's ``ephemeral_by_nature``: "checkout calls the fraud service and waits for the answer")
    stands against such a need as "not kept" does."""

    named_in: dict[tuple[int, int], bool] = {}  # a sentence's answer, searched once (a run-on text is one)

    def about_a_system(h: _Hit) -> bool:
        named = c.any_system_name
        if named is None:
            return False
        bounds = sentences.around(h.start)
        if bounds not in named_in:
            # (h69) a name that only gives a kind ("a kafka-style pipeline", "a kafka-like log") names no product
            named_in[bounds] = any(
                _match(_KIND_AFTER_NAME, text, m.end(), bounds[1]) is None for m in _scan(named, text, *bounds)
            )
        return named_in[bounds]

    def kept(h: _Hit) -> bool:
        # Said in words of its own ("loaded into s3", "collect logs"); a bare name ("debezium", "s3") only
        # where the sentence names no system, which it may be describing.
        return (
            h.question in c.kept_by_nature
            and h.value == "yes"
            and (len(h.text.split()) > 1 or not about_a_system(h))
        )

    def side_refers_back(start: int, end: int) -> bool:
        # a pronoun among the sentence's first words refers to the traffic already described ("a consumer
        # writes them to S3")
        return _match(_OPENS_WITH_REFERENCE, text, start, min(end, start + 80)) is not None

    def stem(word: str) -> str:
        word = word.lower().removesuffix("'s").removesuffix("’s")
        if word.endswith("ies") and len(word) > 4:
            return word[:-3] + "y"
        return word[:-1] if word.endswith("s") and not word.endswith("ss") and len(word) > 3 else word

    def own_subject(start: int, end: int, before: int) -> bool:
        # (h49) The side opens on a traffic of its own: not a measure of the traffic ("latency has to stay
        # under 1 ms"), and its first word past the determiners is not a word of the text before the cut
        # ("price ticks are dropped. ticks also feed flink windows" speaks of the ticks twice).
        start = _past_opener(text, start, end, c)
        if c.not_own_subject is not None and _match(c.not_own_subject, text, start, end) is not None:
            return False
        first = next(
            (w.group(0) for w in _WORD.finditer(text, start, end) if w.group(0).lower() not in c.subject_determiners),
            None,
        )
        if first is None or first[0].isdigit():
            return False
        said_before = {stem(w.group(0)) for w in _WORD.finditer(text, 0, before)}
        return stem(first) not in said_before

    def part(statements: list[tuple[_Hit, str]], *, own: bool = False) -> int | None:
        stated = sorted(statements, key=lambda s: s[0].start)
        if len({value for _, value in stated}) != 2:
            return None
        change = next(i for i in range(1, len(stated)) if stated[i][1] != stated[i - 1][1])
        if any(value != stated[0][1] for _, value in stated[:change]) or any(
            value != stated[change][1] for _, value in stated[change:]
        ):
            return None
        before, after = stated[change - 1][0], stated[change][0]
        breaks = list(_SENTENCE_BREAK.finditer(text, before.end, after.start))
        if breaks:
            cut, opened = breaks[-1].end(), sentences.around(after.start)
        else:
            # Within one sentence, a contrast that gives the second statement a subject of its own ("…, no
            # persistence needed, while the device telemetry is kept 30 days"); "…, but replay would be
            # nice" has none, and is one workload weighing its needs.
            joins = list((_SIDE_JOIN if own else _CONTRAST_JOIN).finditer(text, before.end, after.start))
            if not joins or not _WORD.search(text, joins[-1].end(), after.start):
                return None
            cut = joins[-1].start()
            opened = (joins[-1].end(), sentences.around(after.start)[1])
        # (h49) With the hybrid's wider needs, a second side that sends the same traffic down another path
        # ("the same events also go to the warehouse": the lexicon's ``again_paths``) is the guide's bridge
        # from one system to the other (§ Can They Coexist?), a path of its own.
        again = own and c.again_path is not None and _match(c.again_path, text, *opened) is not None
        # Each side speaks of a traffic of its own: neither opens with words about the whole description
        # or about what was said before ("We don't need persistence.", "A consumer writes them to S3").
        for start, end in (sentences.around(before.start), *(() if again else (opened,))):
            start = _past_opener(text, start, end, c)
            if c.whole_subject is not None and _match(c.whole_subject, text, start, end) is not None:
                return None
            if side_refers_back(start, end):
                return None
        if own:
            first_side = sentences.around(before.start)
            if not own_subject(*first_side, first_side[0]) or not (again or own_subject(*opened, cut)):
                return None
            # (h59) nor a need said bare, as a requirement's list gives it ("- sub-ms latency\n- kept 30 days")
            if not _opens_on_traffic(text, before, (0, cut), c, sentences) or not (
                again or _opens_on_traffic(text, after, (cut, len(text)), c, sentences)
            ):
                return None
        # (h59) Sides labelled as one flow's steps or a plan's stages ("Step 1: … Step 2: …", "Phase 2: add
        # CDC …", the lexicon's ``step_labels``) are one workload over time, not two.
        if c.step_label is not None and any(
            (lead := _match(_STEP_LEAD, text, start, end)) is not None and c.step_label.fullmatch(lead.group("head"))
            for start, end in (sentences.around(before.start), opened)
        ):
            return None
        return cut

    said = [h for h in hits if not h.leaning]
    persistence = [
        (h, h.value)
        for h in said
        if h.question == "persistence" and h.value in ("yes", "no") and not about_a_system(h)
    ]
    by_nature = [(h, "yes") for h in said if kept(h)]
    cut = part([*persistence, *by_nature])
    if cut is None and by_nature:
        fleeting = [(h, "no") for h in said if h.question in c.ephemeral_by_nature and h.value == "yes"]
        cut = part([*persistence, *fleeting, *by_nature])
    if cut is None and c.hybrid_sides:
        # (h49) Failing both, the wider needs of each side of the guide's hybrid (the lexicon's
        # ``hybrid_sides``: "config pushes must land in under a millisecond. the clickstream feeds flink
        # jobs"), where each side opens on a traffic of its own.
        realtime, heavy = c.hybrid_sides.get("realtime", set()), c.hybrid_sides.get("heavy", set())
        sides = [
            (h, "realtime" if (h.question, h.value) in realtime else "heavy")
            for h in said
            if ((h.question, h.value) in realtime or (h.question, h.value) in heavy or kept(h))
            and not about_a_system(h)
        ]
        cut = part(sides, own=True)
    return cut


def _rate_in_bytes(
    found: list[ParsedAnswer], ambiguous: list[Ambiguity], kb: Knowledge
) -> tuple[list[ParsedAnswer], list[Ambiguity]]:
    """A moderate message rate checked in bytes too, when the description gives the messages' size.

    The thresholds bound throughput both in messages and in bytes a second ("12k/s of 2 KB events" is
    moderate in messages and 24 MB/s): past the moderate bound in bytes the rate is not moderate.  At
    or past the high bound it is high; between the two it is asked, as a figure between them is.
    """
    by = {a.question: a for a in found}
    throughput, rate, size = by.get("throughput"), by.get("message_rate"), by.get("message_size")
    if throughput is None or throughput.value != "moderate" or throughput.implied_by or rate is None or size is None:
        return found, ambiguous
    messages, each = parse_rate(rate.value), parse_size(size.value)
    if messages is None or messages.msgs_per_s is None or each is None:
        return found, ambiguous
    per_second = messages.msgs_per_s * each
    moderate = kb.threshold("throughput-moderate-bytes").value * 1e6
    high = kb.threshold("throughput-high-bytes").value * 1e6
    if per_second <= moderate:
        return found, ambiguous
    in_bytes = format_rate(Rate(bytes_per_s=per_second))
    if per_second >= high:
        said = re.sub(r"^(?:,\s*|(?:at|of)\s+)", "", size.text, flags=re.IGNORECASE)  # "at ~1 KB each": the size
        high_rate = throughput.model_copy(update={"value": "high", "text": f"{throughput.text} of {said}"})
        return [high_rate if a is throughput else a for a in found], ambiguous
    asked = Ambiguity(
        question="throughput",
        span=throughput.span,
        text=throughput.text,
        note=f"{rate.value} of {size.value} messages is about {in_bytes}: within the guide's moderate bound in "
        f"messages, past it in bytes ({moderate / 1e6:g} MB/s), below its high bound ({high / 1e6:g} MB/s): "
        f"{_BETWEEN_BOUNDS_QUESTION}",
    )
    return [a for a in found if a is not throughput], [*ambiguous, asked]


def parse(text: str, *, kb: Knowledge | None = None) -> ParseResult:
    """Read a workload description.  Every span in the result indexes ``text`` itself."""
    kb = kb or load_knowledge()
    plain, where = _plain(text, _compile(kb))
    result = _parse(plain, kb=kb)
    return result if where is None else _respanned(result, where, plain, text)


# How people type rather than what they say, read as the lexicon is written:
# - inline emphasis and code, as Markdown and Slack's mrkdwn write it ("**must not** lose orders", "*no*
#   replay", "_never_", "we run `kafka`"), without the marks; code fences, headings, bullets and
#   snake_case names are left alone;
# - an emoji, as a character or as Slack's :shortcode:, with the space after it ("🚀 we need replay"):
#   nothing of what it stands for is read; struck-through words (Slack's "~we need replay~") are taken
#   back, so they are not read either (a figure's "~5k/s" is no strike);
# - the first person singular as the plural the lexicon is written in ("I need replay", "my team is two
#   people"): one person asking speaks for the team.  "I'm", "I am" and "me" stay: "I'm the only one who
#   knows kafka", "just me", "me and one other dev" say how many people there are (the lexicon reads them).
_PLAIN = _regex(
    r"(?<![`\w])`(?!`)(?P<code>[^`\n]{1,80})(?<!`)`(?![`\w])"
    r"|(?<![*\w])\*\*(?![\s*])(?P<bold>[^*\n]{1,120}?)(?<![\s*])\*\*(?![*\w])"
    r"|(?<![_\w])__(?![\s_])(?P<bold2>[^_\n]{1,120}?)(?<![\s_])__(?![_\w])"
    r"|(?<![*\w])\*(?![\s*])(?P<em>[^*\n]{1,120}?)(?<![\s*])\*(?![*\w])"
    r"|(?<![_\w])_(?![\s_])(?P<em2>[^_\n]{1,120}?)(?<![\s_])_(?![_\w])"
    r"|(?<![~\w])(?P<struck>~~?)(?![\s~\d])[^~\n]{1,120}?(?<![\s~])(?P=struck)(?![~\w])[ \t]?"
    r"|(?P<emoji>(?:[\U0001F000-\U0001FAFF\u2600-\u27BF\u2B00-\u2BFF][\uFE0F\u200D]?)+"
    r"|(?<![^\s(]):[a-z0-9_+'-]{2,40}:(?=[\s.,;!?)]|$))[ \t]?"
    r"|(?<![\w'’./-])(?P<me>(?i:i(?:['’](?:ve|d|ll))?|my(?! solo\b)))(?![\w'’/-]|\.\w)"
)
_MARKS = ("code", "bold", "bold2", "em", "em2")
_OURS_FOR_MINE = {"i": "we", "i've": "we've", "i'd": "we'd", "i'll": "we'll", "my": "our"}


# The questions whose phrases may be said of another store or tool, and the lexicon's list that says so.
_ELSEWHERE = {"persistence": "kept_elsewhere", "stream_processing": "computed_elsewhere"}


# (h81) The opening of a clause up to its subject: a conjunction, a determiner and up to two words before the head
# noun ("and the read replica", "our elastic cluster", "s3").
_SUBJECT_OPENING = (
    r"\W*(?:(?:and|so|then|also|plus)\s+)?"
    r"(?:(?:the|our|a|an|their|its|this|that|each|every|any|all)\s+)?"
    r"(?:(?!(?:from|of|in|into|via|through|out|off|on|to|for|with|by|at|and|or)\b)[\w'’-]+\s+){0,2}?"
)
# (h81) ... and after the subject its verb, or the phrase at once ("the replica catches up after …"): a finite verb
# (a word in -s that is no plural of what a store's rows or a stream carry, an auxiliary, a past form of keeping),
# then any words of the clause up to the phrase.
_SUBJECT_PREDICATE = (
    # the store's own place named after it: "the audit table in postgres stores …", "the replica in eu-west lags …"
    r"(?:\s+(?:in|on|inside|at)\s+(?:(?:the|our)\s+)?[\w-]+)?"
    r"(?:['’]s)?(?:\s*$|\s+(?:(?:also|still|just|already|itself|always|then|only|simply|usually|sometimes|never"
    r"|basically|really|eventually|normally|typically)\s+)?"
    r"(?:(?!(?:changes|events|messages|msgs|records|rows|updates|writes|entries|logs|jobs|tasks|orders|items|ids"
    r"|keys|streams|topics|queues|tables)\b)[\w-]+s|is|are|was|were|has|have|had|will|would|can|could|must|should"
    r"|may|might|does|did|do|doesn['’]?t|didn['’]?t|isn['’]?t|aren['’]?t|won['’]?t|kept|held|stored|got|lag\w*"
    r"|caught)(?![\w'’])[^.;!?\n]*$)"
)


def _kept_by_subject(text: str, r: _Raw, clause: tuple[int, int], c: _Compiled) -> bool:
    """Whether the clause of a persistence phrase opens on another store as its subject ("s3 holds the raw uploads
    durably", "the read replica lags and catches up after a few minutes", "postgres keeps every order durably"):
    that store's own keeping, not the messaging system's, unless the clause names the messaging after the store
    ("the db changes must be kept in the topic") or a new subject."""
    if c.kept_by_subject is None or r.start <= clause[0]:
        return False
    found = _match(c.kept_by_subject, text, clause[0], r.start)
    if found is None:
        return False
    # up to the phrase's end and what qualifies it, not a clause joined after it ("… durably and the bus is just
    # for cache invalidation")
    joined = _search(_JOINED_CLAUSE, text, r.end, clause[1])
    end = joined.start() if joined is not None else clause[1]
    return c.messaging_words is None or _search(c.messaging_words, text, found.end("store"), end) is None


_JOINED_CLAUSE = _regex(
    r"(?<![\w'’])(?:and|so|then|because|since|which|where|whereas|plus)(?![\w'’])", re.IGNORECASE
)


def _said_elsewhere(pattern: re.Pattern[str] | None, text: str, r: _Raw, clause: tuple[int, int]) -> bool:
    """Whether a phrase, or what follows it at once, says the keeping is a database's ("kept in prometheus
    for 15 days", "durable storage is handled by cassandra") or the computing a reporting tool's
    ("windowed reports in looker")."""
    if pattern is None:
        return False
    found = _search(pattern, text, r.start, min(clause[1], r.end + 80))
    # in the phrase, or within two words after it ("durable storage is handled by cassandra")
    return found is not None and len(_WORDS_RE.findall(text, r.end, max(r.end, found.start()))) <= 2


_SENTENCE_MARK = _regex(r"[.;!?\n]")


# Interrogatives that are verbs of a statement too, its subject left out as people do in Slack: "need each
# consumer to pick up where it left off …", "has to survive a restart …", "have three consumers …".  They open a
# question only with a subject after them, as the lexicon's question_openers say ("has anyone run this …?").
_SUBJECTLESS_VERBS = ("need", "has", "have")


def _question_tails_apart(text: str, c: _Compiled) -> tuple[str, list[int]]:
    """The text with a line break, in place of the space, before each question of its own that was typed
    straight after a statement ("events must survive restarts we're 3 people what should we use?", "…
    replay for a week any recommendations?", "we run kafka should we move?"): the question is about the
    choice, and what comes before it is stated, not asked.  A sentence that opens as a question ("do we
    need replay what do you think?") is asked throughout and keeps its space; one that opens with "need",
    "has" or "have" and no subject ("need each consumer to resume after a restart what should we use?") is a
    statement with its subject left out.

    Also, per sentence, the break before the question proper (the last such question, not one inside another's
    opening words: "… is kafka what should we use?" asks at "what"), where a line break already stood there
    ("… instead of being dropped⏎thoughts?") as well: the lexicon's phrases read a line break inside a paragraph
    as a space (``_within_paragraphs``) and must not read on into the question ("dropped thoughts")."""
    if c.question_tail is None or c.question_opening is None or "?" not in text:
        return text, []
    breaks: list[int] = []
    questions: dict[int, int] = {}  # sentence opening -> the break before its question proper
    opener_end = -1
    first = ""  # the first word of that question's opening
    opening = scanned = 0  # where the sentence of the latest match opens; how far the text was scanned for it
    for found in c.question_tail.finditer(text):
        for mark in _SENTENCE_MARK.finditer(text, scanned, found.start()):
            opening = mark.end()
        scanned = found.start()
        if _match(c.question_opening, text, opening, found.start()) is None:
            at = found.start("line") if found.group("line") else found.start()
            if not found.group("line"):
                breaks.append(at)
            word = found.group("opener").split(None, 1)[0].lower()
            if at > opener_end:  # not a word inside the opening words of the question before it
                questions[opening] = at
                opener_end = found.end("opener")
                first = word
            elif found.end("opener") == opener_end and word == first:
                # the same opening word twice ("… must not skip any any recommendations?"): the first is the
                # statement's own word, the question opens at the second
                questions[opening] = at
    if not questions:
        return text, []
    return _broken_at(text, breaks), sorted(questions.values())


# (h74) A small amount said to be the whole traffic: after it ("a few purchases a minute, tops", "… in total") or
# with the team as the one that gets it ("we get a few events per second", "overall maybe a few a second").
_TINY_TOTAL_AFTER_RE = _regex(
    r"[\s,(—-]*(?:tops|at most|max(?:imum)?|at (?:the )?(?:very )?peak|overall|in total|in all|all told|combined"
    r"|across (?:the board|everything|all (?:of )?(?:it|them)))\b",
    re.IGNORECASE,
)
_TINY_TOTAL_BEFORE_RE = _regex(
    r"(?:\b(?:we|i)(?:['’]re| are| am|['’]m)? (?:only |just |typically |usually |currently )?"
    r"(?:get(?:ting)?|see(?:ing)?|receiv(?:e|ing)|handl(?:e|ing)|process(?:ing)?|do(?:ing)?|expect(?:ing)?)"
    r"|\b(?:overall|in total|total(?: volume)?(?: is)?|at most|no more than))\s+"
    r"(?:(?:maybe|roughly|about|around|like|only|just)\s+)?$",
    re.IGNORECASE,
)
# (h74) The bottom of a range right before a rate: "80k to 2M per second", "200-400k events/s", "between 50k and 300k".
_RANGE_LOW_BEFORE_RE = _regex(
    rf"(?<![\w.^])(?P<num>{_NUM})\s*(?P<mult>k|m|mm|b|bn|thousand|million|billion)?\s*(?:-|–|to|and)\s*$", re.IGNORECASE
)
# A figure given as a floor: "over 100k msgs/s", "more than 100k", ">100k", "north of 100k a second".
# (h57) Words that make a rate said of producers in the plural their sum: "the meters send 20k readings a minute
# in total", "all the sensors together produce 5k/s", "combined, the kiosks push 300 events a second".
_TOTAL_AFTER_RE = _regex(
    r"[\s,(]*(?:in total|in all|all told|altogether|all together|combined|overall|in aggregate|total|together)\b",
    re.IGNORECASE,
)
_TOTAL_BEFORE_RE = _regex(
    r"\b(?:in total|in all|all told|altogether|all together|combined|together|in aggregate|a total of"
    r"|an aggregate of)\b",
    re.IGNORECASE,
)
_FLOOR_BEFORE = _regex(
    r".*?(?<![\w'’])(?:(?:well |way |far |comfortably )?(?:over|above|more than|greater than|in excess of|upwards of"
    r"|north of|at least|no less than|not less than|a minimum of|minimum)|>=?|≥)\s*[~≈]?\s*$",
    re.IGNORECASE,
)


def _plain(text: str, c: _Compiled) -> tuple[str, list[int] | None]:
    """The text as the lexicon reads it (``_PLAIN`` and the lexicon's ``shorthand``), and where each of its
    characters (and its end) stands in ``text``; None when it is the text itself."""
    parts: list[str] = []
    where: list[int] = []
    position = 0
    for found in c.plain.finditer(text):
        parts.append(text[position:found.start()])
        where.extend(range(position, found.start()))
        position = found.end()
        mark = next((name for name in _MARKS if found.group(name) is not None), None)
        if mark is not None:
            start, end = found.span(mark)
            parts.append(text[start:end])
            where.extend(range(start, end))
            continue
        short = found.lastgroup if found.lastgroup is not None and found.lastgroup.startswith("short") else None
        if found.group("me") is None and short is None:
            continue  # an emoji or struck-through words: nothing of them is read
        if short is not None:
            start, end = found.span()
            words = c.shorthand[int(short[len("short"):])]
        else:
            start, end = found.span("me")
            words = _OURS_FOR_MINE[found.group("me").lower().replace("’", "'")]
        parts.append(words)
        # the first character of the words stands at the typed start, the last at the typed end
        where.extend(min(start + k, end - 1) for k in range(len(words) - 1))
        where.append(end - 1 if len(words) > 1 else start)
    if position == 0:
        return text, None
    parts.append(text[position:])
    where.extend(range(position, len(text)))
    where.append(len(text))
    return "".join(parts), where


def _respanned(result: ParseResult, where: list[int], plain: str, typed: str) -> ParseResult:
    """A reading of the plain text, its spans put back into the typed text; an answer's words, and a
    workload's, are then the words as typed ("my kafka cluster", not "our kafka cluster")."""

    def span(bounds: tuple[int, int]) -> tuple[int, int]:
        start, end = bounds
        return (where[start], where[end - 1] + 1) if end > start else (where[start], where[start])

    def words(said: str, bounds: tuple[int, int]) -> str:
        """The typed words at ``bounds`` when ``said`` is the plain text there (trimmed or not)."""
        start, end = span(bounds)
        there = plain[bounds[0]:bounds[1]]
        if said == there:
            return typed[start:end]
        return typed[start:end].strip() if said == there.strip() else said

    def answers(items: list[ParsedAnswer]) -> list[ParsedAnswer]:
        return [a.model_copy(update={"span": span(a.span), "text": words(a.text, a.span)}) for a in items]

    def asked(items: list[Ambiguity]) -> list[Ambiguity]:
        return [a.model_copy(update={"span": span(a.span)}) for a in items]

    return ParseResult(
        answers=answers(result.answers),
        ambiguous=asked(result.ambiguous),
        workloads=[
            replace(w, span=span(w.span), text=words(w.text, w.span), answers=answers(w.answers),
                    ambiguous=asked(w.ambiguous))
            for w in result.workloads
        ],
        leans=answers(result.leans),
    )


def _parse(text: str, *, kb: Knowledge | None = None) -> ParseResult:
    kb = kb or load_knowledge()
    c = _compile(kb)
    notes: list[Ambiguity] = []
    if len(text) > c.max_chars:
        notes.append(
            Ambiguity(
                question=None,
                span=(c.max_chars, len(text)),
                text=text[c.max_chars:c.max_chars + 60].strip() + "…",
                note=f"The description is {len(text):,} characters long; only the first {c.max_chars:,} were read "
                f"and the remaining {len(text) - c.max_chars:,} were cut.",
            )
        )
        text = text[: c.max_chars]
    text = _URL.sub(lambda m: " " * len(m.group(0)), text)  # same length: every span still points into the text
    text = text.translate(_TYPOGRAPHIC)  # one character for one: spans still point into the text
    sections = _sections(text, c)  # as typed: a question set apart below starts no line of a form or list
    text, tail_breaks = _question_tails_apart(text, c)  # one character for one, too
    clauses = _Bounds(text, _CLAUSE_BREAK, _aside_commas(text, c))
    sentences = _Bounds(text, _SENTENCE_BREAK)
    index = _WordIndex(text)

    def store_check(hit: _Hit) -> bool:
        """A hint of keeping that a database keeps as its own records (for ``_settle``)."""
        return _kept_by_a_store(text, hit, sentences, c)

    def subject_check(hint: _Hit, denial: _Hit) -> bool:
        """A hint of keeping that is the subject the denial is said of (for ``_settle``)."""
        return _subject_of_denial(text, hint, denial, clauses)

    # A list item ("- kafka is built for replay", "2) no disks please") or a quoted line ("> we need
    # replay") starts as a line does: once the sections have seen the list, each mark (and a list
    # number, which is no figure of the workload) reads as line breaks, one for one.
    sequenced = _sequenced_labels(text, c)  # (h59) a numbered list's labels, before they read as line breaks
    sequenced.extend(_lead_labels(text, c))  # (h69) and the labels opening its sentences or lines
    text = _LINE_BULLET.sub(lambda m: m.group(1) + "\n" * len(m.group(2)), text)
    phrases = _phrases_of(text, tail_breaks)  # once: each span's entries read it

    def read(spans: list[tuple[int, int]]) -> list[_Reading]:
        readings: list[_Reading] = []
        for span in spans:
            numeric, numeric_ambiguous = _numeric_hits(text, span, sentences, index, kb)
            numeric, numeric_ambiguous = _undecided_numbers(text, numeric, numeric_ambiguous, clauses, sentences, c)
            numeric, numeric_ambiguous, aside = _sectioned_numbers(text, numeric, numeric_ambiguous, sections)
            keyword, hints = _keyword_hits(text, span, clauses, index, kb, c, sentences, sections, phrases=phrases)
            keyword, numeric_ambiguous = _latency_words_of_other(text, keyword, numeric_ambiguous, sentences, kb)
            keyword, numeric_ambiguous = _teams_of_others(
                text, span, keyword, numeric_ambiguous, sentences, kb.threshold("small-team-size").value, kb
            )
            fields = _field_hits(text, span, c, kb)
            # A form's field under an option weighed or in a code block is set aside as its figures are.
            fields_aside = _sectioned_numbers(text, fields, [], sections)[2]
            fields_read = [f for f in fields if not any(a.span == (f.start, f.end) for a in fields_aside)]
            hints = [*hints, *aside, *fields_aside]
            # Numbers and concept phrases of the same question overlapping: the number speaks ("2-person
            # team"); another question's phrase inside a figure is read beside it ("8k e-bikes transmit a fix
            # every 5 s" is a rate and devices that send by themselves).  A form's field and the phrases inside
            # it: the field speaks ("edge: no").
            inside_numbers: set[int] = set()
            for question in {k.question for k in keyword}:  # one sweep per question, not one per phrase
                own = [k for k in keyword if k.question == question]
                outside = {id(k) for k in _outside(own, [n for n in numeric if n.question == question])}
                inside_numbers |= {id(k) for k in own if id(k) not in outside}
            keyword = _outside([k for k in keyword if id(k) not in inside_numbers], fields)
            # "two SREs on loan from another org": a team size asked about asks its words ("SREs") too
            asked_teams = [
                _Hit(a.question, "", a.span[0], a.span[1], a.text) for a in numeric_ambiguous if a.question == "ops"
            ]
            keyword = [h for h in keyword if h.question != "ops" or h in _outside([h], asked_teams)]
            asked = {h.question for h in fields}
            hints = [h for h in hints if h.question not in asked]
            readings.append(_Reading(span, [*numeric, *fields_read, *keyword], numeric_ambiguous, hints))
        return readings

    def yielded(readings: list[_Reading]) -> list[_Reading]:
        """Without the statements of a yielding value (the lexicon's ``yielding``) where the text also
        states another value of that question."""
        stated = {(h.question, h.value) for r in readings for h in r.hits if not h.leaning}

        def rank(q: str, v: str) -> int:
            # (h44) the list is ordered: a value gives way to any later one, and to one not listed
            order = c.yielding.get(q, [])
            return order.index(v) if v in order else len(order)

        gone = {
            (q, v)
            for q, v in stated
            if v in c.yielding.get(q, ()) and any(q == q2 and rank(q2, v2) > rank(q, v) for q2, v2 in stated)
        }
        if not gone:
            return readings
        return [
            _Reading(r.span, [h for h in r.hits if (h.question, h.value) not in gone], r.numeric_ambiguous, r.hints)
            for r in readings
        ]

    readings = yielded(read(_segments(text, c, sequenced=sequenced)))
    workloads = [r for r in readings if r.workload_questions]
    unlabelled = _segments(text, c, labels=False)
    if len(unlabelled) < len(readings) and not _differ(workloads, c, text, sentences):
        # A list's items that state no need differently are one flow's requirements, not workloads.
        readings = yielded(read(unlabelled))
        workloads = [r for r in readings if r.workload_questions]
    announced = _search(c.announcement, text) if c.announcement is not None else None
    if len(workloads) < 2 and announced is not None and len(readings) == 1:
        # No marker told the announced workloads apart: the list after the announcement may.
        listed = yielded(read(_enumerated(text, announced)))
        if sum(1 for r in listed if r.workload_questions) != 2:
            # (h69) items parted by a bare "and" stand only where they state different needs
            listed = yielded(read(_enumerated(text, announced, bare=True)))
            if not _differ([r for r in listed if r.workload_questions], c, text, sentences):
                listed = []
        if sum(1 for r in listed if r.workload_questions) == 2:
            readings = listed
            workloads = [r for r in readings if r.workload_questions]
    if len(workloads) < 2 and announced is None and len(readings) == 1:
        # No marker and no announcement, yet one sentence gives two systems their shares of the work.
        shares, strict = _contrasted(text, c)
        if len(shares) > 1:
            parted = yielded(read([span for span, _ in shares]))
            # Each share states something of its own, or is given to NATS by name and states nothing
            # against it ("jetstream for the internal events, and msk for the cdc feed"): with nothing
            # else to go on a workload is ranked NATS's (JetStream first on a tie), which is the share the
            # sentence gives it.  A share given to another system and silent is not told apart.
            # Shares sent to a system after their words, or in sentences of their own, each state something.
            if any(r.workload_questions for r in parted) and all(
                r.workload_questions or (family == "nats" and not strict)
                for r, (_, family) in zip(parted, shares, strict=True)
            ):
                readings = parted
                workloads = parted
    if len(workloads) < 2:
        hits = [h for r in readings for h in r.hits]
        unsplit: list[Ambiguity] = []
        if announced is not None:
            # Several workloads announced but not told apart: a per-workload answer may be only one
            # workload's, so it is asked, not applied to the whole description.
            for h in hits:
                if h.question in c.per_workload and not h.leaning:
                    unsplit.append(
                        Ambiguity(
                            question=h.question,
                            span=(h.start, h.end),
                            text=h.text,
                            note=f"The description speaks of several workloads ({announced.group(0)!r}); "
                            "does this hold for all of them?",
                        )
                    )
            hits = [h for h in hits if h.question not in c.per_workload]
        answers, ambiguous = _settle(
            hits,
            [a for r in readings for a in r.numeric_ambiguous],
            [a for r in readings for a in r.hints],
            store_check,
            subject_check,
        )
        ambiguous = [*ambiguous, *(a for a in unsplit if a.question not in answers)]
        found = _with_implied(answers, ambiguous)
        ambiguous = _said_by_implied(found, ambiguous)
        found.extend(sizing_answers(text, found))  # message size, retention, rate: bot/advisor/quantities.py
        found, ambiguous = _rate_in_bytes(found, ambiguous, kb)
        # No marker and no announcement, yet sentences that state opposite persistence: two workloads,
        # each read on its own for the recommendation.  The description's answers stay as read (the
        # opposite statements are asked), so the conversation asks what it asked before.
        opposed: list[WorkloadReading] = []
        cut = _opposed_persistence(text, hits, c, sentences) if announced is None and len(readings) == 1 else None
        if cut is not None:
            parted = yielded(read([(0, cut), (cut, len(text))]))
            if all(r.workload_questions for r in parted):
                opposed = _each_workload(text, parted, parted, store_check, subject_check)[0]
        every_hit = [h for r in readings for h in r.hits]
        leans = _leans(every_hit, found, text, c)
        if not opposed:
            leans.extend(_silent_leans(text, found, ambiguous, every_hit, c))
        return ParseResult(
            answers=found,
            ambiguous=sorted([*ambiguous, *notes], key=lambda a: a.span[0]),
            workloads=opposed,
            leans=leans,
        )

    # Several workloads: each read on its own.  What the text says about the organisation (the team,
    # the current system) belongs to the description as a whole.
    shared = [h for r in readings for h in r.hits if h.question in SHARED_QUESTIONS]
    readings_out, per_workload, all_ambiguous = _each_workload(text, readings, workloads, store_check, subject_check)
    # The description as a whole: what the workloads state, where none of them states otherwise (a
    # workload silent on a question does not contradict the others); where they differ it stays open
    # (each workload carries its own answer, and the recommendation names which system serves which).
    # (h74) Persistence (the lexicon's silence_contradicts) is taken only when every workload states it alike: a
    # workload that is silent there more often says the opposite in words not read than nothing at all.  A latency
    # or a rate is a figure of the workload that gives it: taken where no workload states another.
    merged: dict[str, _Hit] = {}
    for answers in per_workload:
        for question, hit in answers.items():
            stated = [other[question].value for other in per_workload if question in other]
            if question in c.silence_contradicts and len(stated) < len(per_workload):
                continue
            if len(set(stated)) == 1 and question not in merged:
                merged[question] = hit
    shared_hints = [a for r in readings for a in r.hints if a.question in SHARED_QUESTIONS]
    shared_answers, shared_ambiguous = _settle(shared, [], shared_hints)
    merged.update(shared_answers)
    all_ambiguous.extend(a for a in shared_ambiguous if a not in all_ambiguous)
    conflicts_shared = [a for a in all_ambiguous if a.question in merged]
    ambiguous = [a for a in all_ambiguous if a not in conflicts_shared]
    found = _with_implied(merged, ambiguous)
    ambiguous = _said_by_implied(found, ambiguous)
    found.extend(sizing_answers(text, found))
    return ParseResult(
        answers=found,
        ambiguous=sorted([*ambiguous, *notes], key=lambda a: a.span[0]),
        workloads=readings_out,
        leans=_leans([h for r in readings for h in r.hits], found, text, c),
    )
