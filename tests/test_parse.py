"""Free-text workload descriptions become answers, each with the span it came from."""

import pytest

from bot.advisor.parse import parse


def answers(text):
    return parse(text).as_dict()


def span_text(text, question):
    found = next(a for a in parse(text).answers if a.question == question)
    start, end = found.span
    return text[start:end]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("about 2M msgs/s at peak", "high"),
        ("2,000,000 events per second", "high"),
        ("1.5 million events/sec", "high"),
        ("we see 600k events/s", "high"),
        ("~50k events/s", "moderate"),
        ("5000 messages per second", "moderate"),
        ("10k rps", "moderate"),
        ("300 MB/s of logs", "high"),
        ("2 MB/s", "moderate"),
        ("20 TB/day of clickstream", "high"),
        ("50 GB per day", "moderate"),
        ("7 trillion messages per day", "high"),
        ("a few hundred messages a minute", "moderate"),
    ],
)
def test_rates_with_units_and_suffixes_become_a_throughput_answer(text, expected):
    assert answers(text)["throughput"] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("millions of events per day", "moderate"), ("trillions of events per day", "high")],
)
def test_rates_in_words_are_placed_when_their_whole_range_is_on_one_side(text, expected):
    assert answers(text)["throughput"] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2 million cars at 1 msg/s each", "high"),
        ("50,000 devices each send a reading every 10 seconds", "moderate"),
        ("5k clients, 2 msgs/s per client", "moderate"),
        ("3 million sensors send one message every second", "high"),
    ],
)
def test_a_per_producer_rate_is_multiplied_by_the_fleet(text, expected):
    assert answers(text)["throughput"] == expected


def test_a_fleet_total_between_the_bounds_is_asked_with_the_whole_phrase():
    result = parse("200k connected cars at 1 msg/s each")
    assert "throughput" not in result.as_dict()
    assert result.ambiguous[0].text == "200k connected cars at 1 msg/s each"


def test_a_rate_in_words_that_spans_both_bounds_is_asked():
    result = parse("billions of messages a day")
    assert "throughput" not in result.as_dict()
    assert result.ambiguous[0].question == "throughput"


def test_a_rate_between_the_moderate_and_high_bounds_is_asked_not_guessed():
    result = parse("around 250k events per second")
    assert "throughput" not in result.as_dict()
    assert [a.question for a in result.ambiguous] == ["throughput"]
    assert "250k events per second" in result.ambiguous[0].text


def test_calling_an_in_between_rate_high_throughput_settles_it():
    assert answers("high throughput, around 250k events per second")["throughput"] == "high"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("p99 under 500us", "sub-ms"),
        ("latency of 200 µs", "sub-ms"),
        ("needs sub-millisecond responses", "sub-ms"),
        ("0.5 ms end to end", "sub-ms"),
        ("2 ms is fine", "low-ms"),
        ("p99 below 20ms", "low-ms"),
        ("a few milliseconds is fine", "low-ms"),
        ("2 seconds of latency is acceptable", "low-ms"),
        ("end-to-end latency under a few seconds", "low-ms"),
    ],
)
def test_latencies_in_any_unit_become_a_latency_answer(text, expected):
    assert answers(text)["latency"] == expected


@pytest.mark.parametrize(
    "text", ["we don't need sub-millisecond latency", "sub-millisecond delivery is not required"]
)
def test_not_needing_sub_millisecond_means_low_milliseconds(text):
    assert answers(text)["latency"] == "low-ms"


def test_low_latency_without_a_number_is_ambiguous_and_asked():
    result = parse("we want low latency")
    assert "latency" not in result.as_dict()
    assert result.ambiguous[0].question == "latency"


@pytest.mark.parametrize(
    ("text", "question", "value"),
    [
        ("CDC from Postgres", "cdc", "yes"),
        ("we use Debezium", "cdc", "yes"),
        ("dump everything into S3", "data_lake", "yes"),
        ("feed the data lake", "data_lake", "yes"),
        ("aggregations in Flink", "stream_processing", "yes"),
        ("ksqlDB queries over the stream", "stream_processing", "yes"),
        ("sensors on IoT devices", "edge", "yes"),
        ("runs at the edge", "edge", "yes"),
        ("RPC between services", "request_reply", "yes"),
        ("request-reply calls", "request_reply", "yes"),
        ("a small team", "ops", "small"),
        ("3-person team", "ops", "small"),
        ("our platform team runs it", "ops", "dedicated"),
        ("deployed on Kubernetes", "kubernetes", "yes"),
        ("everything is on k8s", "kubernetes", "yes"),
        ("exactly-once processing", "exactly_once", "yes"),
        ("migrating from RabbitMQ", "current_system", "other"),
        ("we want to replace our existing Kafka", "current_system", "kafka"),
    ],
)
def test_keywords_and_synonyms_answer_their_question(text, question, value):
    assert answers(text)[question] == value


@pytest.mark.parametrize(
    "text",
    ["no persistence needed", "don't need replay", "persistence is not required", "we do not need durability"],
)
def test_negated_needs_flip_the_answer(text):
    assert answers(text)["persistence"] == "no"


def test_negation_does_not_reach_across_clauses():
    assert answers("no stream processing, but messages must be durable") == {
        "stream_processing": "no",
        "persistence": "yes",
    }


@pytest.mark.parametrize(
    "text",
    [
        "telemetry must be buffered when offline",
        "we need store-and-forward at each site",
        "gateways do offline buffering",
    ],
)
def test_buffering_while_offline_means_persistence(text):
    assert answers(text)["persistence"] == "yes"


@pytest.mark.parametrize(
    "text", ["losing a message occasionally is fine", "dropping the odd update is ok", "missing an update is fine"]
)
def test_tolerating_loss_means_no_persistence(text):
    assert answers(text)["persistence"] == "no"


@pytest.mark.parametrize("text", ["our team is 2 people", "we are 3 engineers", "a team of four"])
def test_team_sizes_in_other_phrasings_mean_a_small_team(text):
    assert answers(text)["ops"] == "small"


def test_no_platform_team_means_a_small_team():
    assert answers("we have no platform team")["ops"] == "small"


def test_a_team_of_more_than_five_is_not_read_as_small():
    assert "ops" not in answers("a 12-person team")


def test_each_answer_keeps_the_span_of_text_it_came_from():
    text = "CDC from Postgres into S3, ~50k events/s, 2-person team"
    assert span_text(text, "cdc") == "CDC"
    assert span_text(text, "throughput") == "50k events/s"
    assert span_text(text, "ops") == "2-person team"


def test_implied_answers_say_what_implied_them_and_never_override_the_text():
    # Debezium on Kafka Connect is how the guide does CDC: CDC implies connectors.
    result = parse("CDC from Postgres, and we write our own consumers")
    assert result.as_dict()["connectors"] == "no"
    implied = parse("CDC from Postgres").answers
    connectors = next(a for a in implied if a.question == "connectors")
    assert connectors.implied_by == "cdc"


def test_contradicting_statements_are_asked_about():
    result = parse("messages are ephemeral; everything must be durable")
    assert "persistence" not in result.as_dict()
    assert result.ambiguous[0].question == "persistence"


@pytest.mark.parametrize(
    ("text", "question"),
    [
        ("we handle edge cases carefully", "edge"),
        ("a cutting-edge analytics product", "edge"),
        ("push notifications to mobile devices", "edge"),
        ("our warehouse management system", "data_lake"),
        ("pods with a fast startup time", "ops"),
    ],
)
def test_everyday_words_do_not_answer_questions(text, question):
    assert question not in answers(text)


def test_text_with_nothing_recognisable_gives_no_answers():
    result = parse("hello there")
    assert result.answers == [] and result.ambiguous == []


def test_reading_only_the_alternatives_a_text_can_match_reads_the_same(monkeypatch):
    """Each place in the text is tried with only the alternatives whose first words start the word there,
    one alternative at a time in the entry's order, and the alternatives no first word tells where they
    are found on their own (issue 8's parse time); the readings must be those of each entry's whole
    pattern scanned end to end."""
    from bot.advisor import parse as parse_module
    from tests.eval.report import load_cases

    texts = [case.text for case in load_cases("dev")[::9]]
    texts.append("Separately, compliance keeps 7 years of audit events; the dashboards want sub-ms ticks.")
    def reading(text):
        result = parse_module.parse(text)
        return result.as_dict(), [(a.question, a.span) for a in result.ambiguous]

    live = [reading(text) for text in texts]

    def whole_pattern(entry, c, text, span, index):
        [lazy] = [lazy for each, lazy, _ in c.entries if each is entry]
        return parse_module._scan(lazy.pattern, text, *span)

    monkeypatch.setattr(parse_module, "_entry_matches", whole_pattern)
    whole = [reading(text) for text in texts]
    assert live == whole
    assert any(answers for answers, _ in live)


def test_required_strings_occur_in_every_match_of_a_lexicon_alternative():
    """An alternative is left uncompiled when the text lacks one of its required strings; that is sound
    only if every match contains them.  Checked on every alternative of the lexicon against corpus texts
    and sentences that exercise inflections, hyphens and line breaks."""
    import re as re_module

    from bot.advisor import parse as parse_module
    from knowledge import load as load_knowledge
    from tests.eval.report import load_cases

    compiled = parse_module._compile(load_knowledge())
    alternatives = {alt for each in compiled.alternatives.values() for alt, _ in each}
    texts = [case.text for split in ("dev", "test") for case in load_cases(split)[::4]]
    texts += [
        "Nothing we send has to be kept; a re-\nconnecting client just misses it.",
        "We're BUFFERING readings on the gateways and replaying them once the uplink is back.",
    ]
    matched = 0
    for alternative in alternatives:
        pattern = re_module.compile(parse_module._phrase_regex(alternative), re_module.IGNORECASE)
        required = parse_module._required(alternative)
        for text in texts:
            if pattern.search(text):
                matched += 1
                lower = text.lower()
                assert all(any(s in lower for s in strings) for strings in required), (alternative, text)
    assert matched > 100  # the check saw real matches


def test_an_alternative_without_its_required_words_is_not_compiled_for_a_text():
    from bot.advisor import parse as parse_module

    required = parse_module._required(r"(?:keep|retain)s?\s+(?:every|all)\s+messages?")
    assert required == [frozenset({"keep", "retain"}), frozenset({"every", "all"}), frozenset({"message"})]
    assert parse_module._required(r"(?:buffer(?:s|ed|ing)?|spool)\s+(?:it)?") == [frozenset({"buffer", "spool"})]
    assert parse_module._required(r"(?:\w+\s+)?data") == [frozenset({"data"})]
    assert parse_module._required(r"(?:a|\d+)\s+x") == []
