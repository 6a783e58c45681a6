"""A denial of keeping next to a hint that something is kept is asked, not settled (issue 8, s34).

"nothing is stored" settled persistence = no even where the same text said the events also feed reports
or an audit: the hint was weak evidence, and a weak lean gave way to any plain statement.  A wrong "no"
costs the team messages it needed, so the two are now set side by side and the question is asked.
The other way round stays settled: a live-sounding word does not put a stated need to keep in doubt.
Sentences written for this test.
"""

import pytest

from bot.advisor.parse import parse


def read(text: str) -> tuple[str | None, list[str]]:
    result = parse(text)
    return result.as_dict().get("persistence"), [a.text for a in result.ambiguous if a.question == "persistence"]


@pytest.mark.parametrize(
    "text",
    [
        "presence dots for the support console, nothing is stored and a lost ping is fixed by the next one. "
        "the same events also feed a reporting side for weekly staffing trends",
        "live cursor positions, nothing is persisted; compliance wants an audit of who edited what and when",
        "ride offers go out to nearby drivers, no need to store them. "
        "the analytics folks would like every offer for their acceptance-rate studies",
    ],
)
def test_nothing_kept_beside_a_hint_of_keeping_is_asked_with_both_quoted(text: str) -> None:
    value, asked = read(text)
    assert value is None
    assert asked and "…" in asked[0]  # both phrases are quoted to the person asked


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # controls: one side only, as before
        ("typing indicators over websockets; none of it needs to be kept, a dropped one is harmless", "no"),
        ("presence dots for the support console; nothing is stored, a lost ping is fixed by the next one", "no"),
        ("live updates pushed to browsers, and every order must be kept until the warehouse system has it", "yes"),
    ],
)
def test_one_sided_texts_still_settle(text: str, value: str) -> None:
    assert read(text)[0] == value


def test_a_database_keeping_its_own_records_casts_no_doubt_on_the_messages() -> None:
    # control (h9's probe, kept): the audit hint is placed in postgres, by a path of its own
    text = (
        "Presence pings, stale after 5 seconds, nothing to keep. "
        "We persist audit records in Postgres via a separate path."
    )
    assert read(text)[0] == "no"


@pytest.mark.parametrize(
    "text",
    [
        "the relay saves nothing to disk, it forwards whatever arrives",
        "our collectors write no events to disk; what they get goes straight out",
    ],
)
def test_nothing_written_to_disk_is_no_need_to_keep(text: str) -> None:
    # "save … to disk" skipped the negative quantifier in its middle and read a need to keep
    assert read(text)[0] != "yes"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # a retention window said as what goes after it keeps what is younger (the first a control: "retain …
        # days" read it before)
        ("the broker retains nothing past 3 days, consumers that fall further behind lose out", "yes"),
        ("we keep nothing longer than a week on the bus", "yes"),
    ],
)
def test_nothing_kept_past_a_period_is_a_retention_window(text: str, value: str) -> None:
    assert read(text)[0] == value


@pytest.mark.parametrize(
    "text",
    [
        "we keep nothing after delivery, the consumer acks and the job is gone",
        "the service stores nothing once the job is done",
    ],
)
def test_nothing_kept_after_delivery_does_not_deny_a_queue(text: str) -> None:
    # every queue gives a message up once it is delivered: that is no "nothing is kept"
    assert read(text)[0] != "no"
