"""The digest text: user text escaped for Slack mrkdwn, bars, truncation, the empty-week line."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from bot.advisor.recheck import Recheck
from bot.digest.content import DecisionItem, DigestContent, SystemCount, TopicCount, UnfinishedItem
from bot.digest.render import ZWSP, bar, person, render_digest, slack_text
from bot.digest.schedule import WeekKey, period_ending

PERIOD = period_ending(datetime(2025, 3, 17, 8, tzinfo=UTC), "Europe/Berlin")
WEEK = WeekKey(2025, 12)
HOSTILE = "<!channel> ping <@U0VICTIM> *bold* _italic_ ~gone~ `code` @here <https://evil.example|click> &amp;"
LINK = "https://slack.com/archives/C0ABC/p1741687200123456"


def decision(i: int, **kw: object) -> DecisionItem:
    fields: dict[str, object] = {
        "id": i,
        "system": "nats-jetstream",
        "recommended": "nats-jetstream",
        "decided_by": "U0DECIDER",
        "rationale": "",
        "created_at": datetime(2025, 3, 11, 10, tzinfo=UTC) + timedelta(minutes=i),
        "link": LINK,
    }
    fields.update(kw)
    return DecisionItem(**fields)  # type: ignore[arg-type]


def test_a_rationale_with_mentions_and_markdown_comes_out_inert() -> None:
    override = decision(1, system="kafka", rationale=HOSTILE)
    content = DigestContent(
        "TA",
        WEEK,
        PERIOD,
        decisions=[override],
        decision_count=1,
        split=[SystemCount("kafka", 1)],
        overrides=[override],
        override_count=1,
        uncovered=[TopicCount("<!here> *what* about `Pulsar`?", 1)],
        followup_count=1,
        uncovered_count=1,
    )
    text = render_digest(content, names={"kafka": "Apache Kafka", "nats-jetstream": "NATS JetStream"})
    assert text is not None
    assert "<!channel>" not in text and "<!here>" not in text
    assert "<@U0VICTIM>" not in text and "<https://evil.example" not in text
    assert "&lt;!channel&gt;" in text and "&lt;@U0VICTIM&gt;" in text
    assert "*bold*" not in text and "_italic_" not in text and "~gone~" not in text and "`code`" not in text
    assert f"{ZWSP}*{ZWSP}bold{ZWSP}*{ZWSP}" in text
    assert "@here" not in text  # broken with a zero-width joiner
    assert "&amp;amp;" in text  # a typed entity stays literal
    # The only markup left is the app's own: the thread link, the headings; people are named, never pinged.
    assert "<@U0DECIDER>" not in text and "@U0DECIDER" in text
    assert f"<{LINK}|thread>" in text
    assert "*Overrides of the advice (1)*" in text


def test_user_text_is_one_line_and_cut() -> None:
    assert slack_text("a\nb\n\n> quote") == "a b &gt; quote"
    assert slack_text("x" * 500, limit=10) == "x" * 9 + "…"


def test_people_are_named_without_a_ping() -> None:
    # Seen: the digest named deciders as <@U…>, which notified them every week.
    assert person("U0ABC123", {"U0ABC123": "@alice"}) == "@alice"
    assert person("U0ABC123") == "@U0ABC123"  # not looked up: still no mention
    assert person("W0ABC123") == "@W0ABC123"
    assert person("alice") == "alice"
    assert person("<!channel>") == "&lt;!channel&gt;"
    assert person("U0ABC> <!channel") == "U0ABC&gt; &lt;!channel"


def test_bars_are_scaled_to_the_largest_count() -> None:
    assert bar(10, 10) == "█" * 20
    assert bar(5, 10) == "█" * 10
    assert bar(1, 1000) == "█"  # never invisible
    assert bar(0, 10) == ""


def test_split_is_drawn_as_aligned_bars_in_a_code_block() -> None:
    content = DigestContent(
        "TA",
        WEEK,
        PERIOD,
        decisions=[decision(1)],
        decision_count=4,
        split=[SystemCount("nats-jetstream", 3), SystemCount("kafka", 1)],
    )
    text = render_digest(content, names={"kafka": "Apache Kafka", "nats-jetstream": "NATS JetStream"})
    assert text is not None
    block = text.split("```")[1]
    assert "NATS JetStream  " + "█" * 20 + " 3 (75%)" in block
    assert "Apache Kafka    " + "█" * 7 + " 1 (25%)" in block


def test_long_weeks_are_cut_and_say_how_many_more() -> None:
    content = DigestContent(
        "TA",
        WEEK,
        PERIOD,
        decisions=[decision(i) for i in range(40)],
        decision_count=5000,
        split=[SystemCount("nats-jetstream", 5000)],
    )
    text = render_digest(content, names={})
    assert text is not None
    assert "*Decisions (5000)*" in text
    assert "…and 4960 more" in text
    assert len(text) < 40_000  # Slack truncates message text beyond this


def test_a_week_of_hostile_text_still_fits_one_slack_message() -> None:
    """Every list is capped, but escaping grows text: a rationale of 300 "&" is 1,500 characters once
    escaped.  A week of such overrides and questions would pass Slack's 40,000 characters, and Slack
    cuts the message there (its end, with the links to the rest, lost): the digest cuts itself first,
    at a line, and says where the rest is."""
    worst = "&" * 400
    content = DigestContent(
        "TA",
        WEEK,
        PERIOD,
        decisions=[decision(i, system="kafka", rationale=worst) for i in range(40)],
        decision_count=200,
        split=[SystemCount("kafka", 200)],
        overrides=[decision(i, system="kafka", recommended="nats-core", rationale=worst) for i in range(15)],
        override_count=200,
        uncovered=[TopicCount(worst + str(i), 3) for i in range(10)],
        followup_count=60,
        uncovered_count=60,
    )
    why = "&" * 400
    rechecks = [
        Recheck(i, "kafka", "nats-core", "kafka", "k1", "k2", None, None, why) for i in range(10)
    ]
    content = replace(content, rechecks=rechecks, recheck_count=10)
    text = render_digest(content, names={})
    assert text is not None
    assert len(text) <= 40_000
    assert text.startswith("*Weekly digest of messaging decisions*")
    last = text.splitlines()[-1]
    assert "/msgchoice history" in last and "cut" in last
    # what was kept is whole lines: no entity cut in half
    assert "&amp" not in text.replace("&amp;", "")


def test_unfinished_and_terminal_decisions() -> None:
    started = datetime(2025, 3, 10, 9, tzinfo=UTC)
    content = DigestContent(
        "TA",
        WEEK,
        PERIOD,
        decisions=[decision(1, link=None, decided_by="alice")],
        decision_count=1,
        split=[SystemCount("nats-jetstream", 1)],
        unfinished=[UnfinishedItem(7, "U0STARTER", "recommended", started, started, LINK)],
        unfinished_count=1,
    )
    text = render_digest(content, names={"nats-jetstream": "NATS JetStream"})
    assert text is not None
    assert "• *NATS JetStream* — alice · Tue 11 Mar · terminal" in text
    assert "Started by @U0STARTER on Mon 10 Mar, recommendation given, not adopted" in text
    named = render_digest(content, names={"nats-jetstream": "NATS JetStream"}, people={"U0STARTER": "@sam"})
    assert named is not None and "Started by @sam on Mon 10 Mar" in named and "<@" not in named


def test_empty_week_is_one_line_or_nothing() -> None:
    empty = DigestContent("TA", WEEK, PERIOD)
    line = render_digest(empty, empty_line=True)
    assert line is not None and "\n" not in line and "nothing to report" in line
    assert "Mon 10 Mar 09:00 (Europe/Berlin)" in line
    assert render_digest(empty, empty_line=False) is None


def test_system_names_come_from_the_knowledge() -> None:
    content = DigestContent(
        "TA", WEEK, PERIOD, decisions=[decision(1)], decision_count=1, split=[SystemCount("nats-jetstream", 1)]
    )
    text = render_digest(content)
    assert text is not None and "*NATS JetStream*" in text
