"""A description reads the same however it is typed (issue 8): smart quotes, Markdown or Slack emphasis,
inline code, list bullets and numbers, quoted lines, emoji, "I" for "we", Windows line ends and no-break
spaces are how people write, not what they say.

Measured on the dev split (tuned on; never the test split): before these rules, curly apostrophes changed
17 dev readings, emphasis 22, inline code around names 140, and a bullet turned a description of Kafka
into the team's need for stream processing.  A question about the choice typed straight after the
description, with no full stop ("… we're 3 people what should we use?", "… any recommendations?"), changed
134 dev readings (agreement 374 to 338) and 92 on the test split (262 to 253, figures only): everything in
the last sentence was asked instead of stated.
"""

import re

import pytest

from bot.advisor.engine import advise
from bot.advisor.parse import parse
from tests.eval.report import id_number, load_cases

NAMES = r"\b(kafka|nats|jetstream|redis|postgres|rabbitmq|s3|debezium|flink|kubernetes)\b"


def curly(text: str) -> str:
    return text.replace("'", "\u2019")


def emphasis(text: str) -> str:
    return re.sub(r"\b(must|never|no|not|all|every|only|need|needs)\b", r"**\1**", text)


def slack_emphasis(text: str) -> str:
    return re.sub(r"\b(must|never|no|not|all|every|only)\b", r"_\1_", text)


def code(text: str) -> str:
    return re.sub(NAMES, r"`\1`", text)


def bullets(text: str) -> str:
    first, *rest = re.split(r"(?<=[.!?])\s+", text)
    return "\n".join([first, *(f"- {sentence}" for sentence in rest)])


def quoted(text: str) -> str:
    return "\n".join(f"> {sentence}" for sentence in re.split(r"(?<=[.!?])\s+", text))


def numbered(text: str) -> str:
    first, *rest = re.split(r"(?<=[.!?])\s+", text)
    return "\n".join([first, *(f"{n}) {sentence}" for n, sentence in enumerate(rest, start=1))])


def emoji(text: str) -> str:
    return "\U0001F680 " + text.replace(". ", ". :pray: ", 1).replace("; ", "; \u2705 ", 1)


def first_person(text: str) -> str:
    # (s40) "we're", "we'd", "we'll" stay: "I're" is no typing, and "I'm" says something else (how many people)
    for ours, mine in (("we've", "I've"), ("we", "I"), ("our", "my")):
        text = re.sub(rf"\b{ours}\b(?!['’](?:re|d|ll)\b)", mine, text)
    return text


def windows_lines(text: str) -> str:
    return re.sub(r"([.!?])\s+", "\\1\r\n", text)


def no_break_spaces(text: str) -> str:
    return re.sub(r"(\d) (ms|s|k|m|gb|tb|msgs?|events?)\b", "\\1\u00a0\\2", text)


def asked_run_on(text: str) -> str:
    """The question about the choice typed straight after the description, as one run-on line."""
    return text.rstrip(" .!\n") + " what should we use?"


def asked_for_opinions(text: str) -> str:
    return text.rstrip(" .!\n") + " any recommendations?"


def asked_after_a_comma(text: str) -> str:
    # (s41) not after a description that already ends on its own question: "…?, which one would you pick?" is no typing
    if text.rstrip().endswith("?"):
        return text
    return text.rstrip(" .!\n") + ", which one would you pick?"


WAYS = [
    curly, emphasis, slack_emphasis, code, bullets, quoted, numbered, emoji, first_person, windows_lines,
    no_break_spaces, asked_run_on, asked_for_opinions, asked_after_a_comma,
]
# An eighth of the dev split keeps this to a few seconds.  (s41) The eighth is chosen by id, not by position, so
# that cases added to the corpus join it without moving the others out (every dev id hashes odd: the second bit on).
DEV = [c for c in load_cases("dev") if id_number(c.id) // 2 % 8 == 0]
_PLAIN: dict[str, dict[str, str]] = {}


def plain(case) -> dict[str, str]:
    if case.id not in _PLAIN:
        _PLAIN[case.id] = parse(case.text).as_dict()
    return _PLAIN[case.id]


# Known misreads, kept visible by the strict xfail below.  (session 40) wn-022's sentences typed as a numbered list
# are read as two workloads.  (session 41) The eighth, now chosen by id, holds wg-004 instead, which has the same
# defect the other way round: its two lanes typed as numbered items, the second ("everything we must be able to
# replay later") is taken for the whole description, whose persistence the two lanes leave open.  Both the same
# on the parser before the session's changes; a numbered list's items are read as workloads on five dev cases.
KNOWN = {("numbered", "wn-022"), ("numbered", "wg-004")}


@pytest.mark.parametrize("way", WAYS, ids=lambda w: w.__name__)
def test_a_description_reads_the_same_however_it_is_typed(way):
    changed = []
    for case in DEV:
        typed = way(case.text)  # KNOWN may name a case outside the eighth: it is checked on its own below
        if typed == case.text or (way.__name__, case.id) in KNOWN:
            continue
        if parse(typed).as_dict() != plain(case):
            changed.append(case.id)
    assert changed == []


@pytest.mark.xfail(strict=True, reason="a numbered list's items read as two workloads (see KNOWN)")
@pytest.mark.parametrize(("way", "case_id"), sorted(KNOWN))
def test_known_misreads_of_a_typed_description(way, case_id):
    case = next(c for c in load_cases("dev") if c.id == case_id)
    typed = next(w for w in WAYS if w.__name__ == way)(case.text)
    assert parse(typed).as_dict() == plain(case)


@pytest.mark.parametrize(
    "text",
    [
        "we **must not lose** a single order and we run `kafka` today",
        "_never_ drop a payment; *no* one waits on replies",
        "retention: `7 days`, __nothing__ older matters",
        "\U0001F680 :rocket: we must not lose an order \u2705 and we run kafka",
        "I must not lose an order and i run msk; my team is two people",
    ],
)
def test_every_answer_quotes_the_typed_words_at_its_span(text):
    result = parse(text)
    assert len(result.answers) >= 2
    for answer in result.answers:
        start, end = answer.span
        assert text[start:end] == answer.text


def test_a_bulleted_description_of_a_product_is_not_the_teams_need():
    text = "we looked at options.\n- kafka is really about stream processing, which isn't how we work.\n- small team"
    assert parse(text).as_dict().get("stream_processing") is None


def test_code_fences_and_snake_case_names_are_left_alone():
    # a fenced block stays code (its numbers are not the workload's), a snake_case name stays one word
    fenced = "```\nmax_msgs_per_subject: 5000000\n```\nabout 200 events a second"
    assert advise(text=fenced).answers.get("throughput") == advise(text="about 200 events a second").answers.get(
        "throughput"
    )
    assert parse("set max_age_ms and keep_alive").answers == []


@pytest.mark.parametrize(
    ("mine", "ours"),
    [
        ("my jetstream cluster keeps the orders", "our jetstream cluster keeps the orders"),
        ("the billing events go through my kafka cluster", "the billing events go through our kafka cluster"),
        ("i run msk and i can't lose an order", "we run msk and we can't lose an order"),
    ],
)
def test_one_person_speaks_for_the_team(mine, ours):
    assert parse(mine).as_dict() == parse(ours).as_dict()
    assert "current_system" in parse(mine).as_dict()


@pytest.mark.parametrize(
    "text", ["it's just me running it", "me and one other dev keep it alive", "my solo side project"]
)
def test_one_person_saying_how_many_they_are_is_still_a_small_team(text):
    assert parse(text).as_dict().get("ops") == "small"


def test_an_emoji_before_a_products_description_does_not_make_it_the_teams_need():
    text = "\U0001F680 kafka is really about stream processing, which isn't how we work."
    assert parse(text).as_dict() == parse(text[2:]).as_dict()
    assert "stream_processing" not in parse(text).as_dict()


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        ("screens show readings within approx. 1 s, we keep a day", "screens show readings within ~1 s, we keep a day"),
        ("we don't have the devops ppl to run kafka", "we don't have the devops people to run kafka"),
        ("orders w/ replay for a week", "orders with replay for a week"),
        ("the fraud verdict comes back thru nats within 20ms", "the fraud verdict comes back through nats within 20ms"),
    ],
)
def test_chat_shorthand_reads_as_the_words_it_stands_for(typed, written):
    assert parse(typed).as_dict() == parse(written).as_dict() != {}


def test_each_workload_quotes_the_typed_text():
    text = (
        "Two kinds of traffic. **Hot path**: quotes, sub-ms, nothing kept.\n"
        "Separately, my `kafka` cluster keeps every trade for 7 years at 200k/s."
    )
    workloads = parse(text).workloads
    assert len(workloads) == 2
    for workload in workloads:
        start, end = workload.span
        assert workload.text == text[start:end].strip()
    assert "**Hot path**" in workloads[0].text and "my `kafka` cluster" in workloads[1].text


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("replay: \u274c", "no"),
        ("persistence: \u274c (ephemeral is fine)", "no"),
        ("durability - :x:", "no"),
        ("replay: \u2705", "yes"),
        ("durable delivery: :white_check_mark:", "yes"),
    ],
)
def test_a_checklist_mark_as_a_forms_value_is_its_answer(typed, value):
    result = parse(typed)
    assert result.as_dict().get("persistence") == value
    start, end = result.answers[0].span
    assert result.answers[0].text == typed[start:end]


def test_a_checklist_mark_anywhere_else_says_nothing():
    assert parse("\u274c kafka is too heavy for us, we need replay").as_dict() == parse(
        "kafka is too heavy for us, we need replay"
    ).as_dict()


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("~we need replay~ actually nothing has to be kept", "actually nothing has to be kept"),
        ("we run ~kafka~ nats today", "we run nats today"),
        ("~~we need replay~~ nothing is kept", "nothing is kept"),
    ],
)
def test_struck_through_words_are_taken_back(typed, meant):
    assert parse(typed).as_dict() == parse(meant).as_dict() != {}


def test_a_tilde_before_a_figure_is_an_estimate_not_a_strike():
    assert parse("~5k/s to ~10k/s, nothing kept").as_dict().get("persistence") == "no"
    assert "message_rate" in parse("~5k/s to ~10k/s, nothing kept").as_dict()
