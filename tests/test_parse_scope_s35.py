"""Where a denial stops, and what an earlier system did (issue 8, s35; precision first).

- A negator with a verb of its own does not reach into a subordinate clause after it: "nothing is retried if
  apns drops it" settled persistence = yes (read as "nothing drops"); "nothing is acked until it is persisted"
  settled no.  The negator denies its own verb; the phrase in the "if"/"until" clause is read as stated.
- Acceptance said as no trouble before a condition ("not a problem if one is dropped") is acceptance, as "no
  problem if" already was.
- A concern said with a trailing "here" ("message loss isn't acceptable here") forbids the loss; it was read
  as a complaint about how things are today and settled nothing.
- Keeping denied by its object: "none of the readings are stored", "we keep none of them" read
  nothing; they deny keeping as "nothing is stored" does.
- A need denied of "it" with its subject left out ("replay: we do not have it and do not need it", "replay -
  don't need it") denies the concept named before it, as "…, but we don't need it" does; it settled yes.
- What an old, previous or former system kept or lost ("our previous vendor kept every message for 7 days")
  is no requirement of the workload now; the subject right before the phrase marks it as the past.

Sentences written for this test.
"""

import pytest

from bot.advisor.parse import parse
from tests.parse_helpers import read


@pytest.mark.parametrize(
    "text",
    [
        "push fan-out to phones via apns; nothing is retried if apns drops it",
        "we never retry when a webhook delivery gets lost, the partner polls us anyway",
    ],
)
def test_a_denial_of_another_verb_does_not_settle_that_nothing_is_lost(text: str) -> None:
    answers, _ = read(text)
    assert answers.get("persistence") != "yes"


@pytest.mark.parametrize(
    "text",
    [
        "nothing is acked until it is persisted to disk",
    ],
)
def test_a_need_inside_a_subordinate_clause_is_read_as_stated(text: str) -> None:
    answers, _ = read(text)
    assert answers.get("persistence") == "yes"


@pytest.mark.parametrize(
    "text",
    [
        "it's not a problem if one is dropped",
        "price ticks to the screens; not an issue when a tick goes missing",
    ],
)
def test_no_trouble_before_a_condition_accepts_the_loss(text: str) -> None:
    answers, _ = read(text)
    assert answers.get("persistence") == "no"


@pytest.mark.parametrize(
    "text",
    [
        "our previous vendor kept every message for 7 days",
        "the old broker stored everything for a month, we are starting fresh on something new",
        "the former pipeline retained all events for a year",
    ],
)
def test_what_an_earlier_system_kept_is_no_requirement(text: str) -> None:
    answers, _ = read(text)
    assert answers.get("persistence") != "yes"


@pytest.mark.parametrize(
    "text",
    [
        "message loss isn't acceptable here",
        "losing a payment event is not acceptable here",
    ],
)
def test_a_concern_is_no_complaint_about_today(text: str) -> None:
    answers, _ = read(text)
    assert answers.get("persistence") == "yes"


@pytest.mark.parametrize(
    "text",
    [
        "none of the price ticks are stored, the screens show the live value",
        "we keep none of them",
        "we store none of it, every update goes straight out to the screens",
    ],
)
def test_keeping_denied_by_its_object_reads_no(text: str) -> None:
    answers, _ = read(text)
    assert answers.get("persistence") == "no"


@pytest.mark.parametrize(
    "text",
    [
        "replay: we do not have it and do not need it",
        "replay - don't need it",
        "persistence, and honestly don't want it either",
    ],
)
def test_a_need_denied_without_its_subject_denies_the_concept(text: str) -> None:
    answers, _ = read(text)
    assert answers.get("persistence") == "no"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # controls: a denial that reaches its own phrase, a need stated of the new system, a past loss that
        # motivates a stated need
        ("we can't lose data if a node dies", "yes"),
        ("no message may be dropped when the broker restarts", "yes"),
        ("the new system keeps every message for a week", "yes"),
        ("the old queue lost jobs on every deploy, so now we need durable delivery", "yes"),
        ("we don't care if a message drops now and then", "no"),
        ("we need replay and don't need it to be fancy", "yes"),
        ("not a single reading is persisted, the dashboard just draws what arrives", "no"),
        ("none of the readings are stored locally, the gateway forwards them to the broker", None),
        ("we don't ack a payment before the write is durable", "yes"),
    ],
)
def test_controls_keep_their_reading(text: str, value: str | None) -> None:
    answers, _ = read(text)
    assert answers.get("persistence") == value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("we store all trades for 7 years", "yes"),
        ("we archive every fill for 7 years for the regulator", "yes"),
        # controls: a store named in between keeps its own data
        ("we store sessions in redis for 30 minutes", None),
        ("we store uploads in s3 for 90 days", None),
    ],
)
def test_a_period_kept_by_any_verb_of_keeping(text: str, value: str | None) -> None:
    answers, _ = read(text)
    assert answers.get("persistence") == value


def test_inside_one_workload_a_database_keeping_its_own_records_casts_no_doubt() -> None:
    # The s34 rule (a "no" met by a hint of keeping is asked, unless a database keeps that record) now holds
    # for each workload of a split text as it does for one that is not split.
    text = (
        "two kinds of traffic. first, live prices to the trading screens: nothing is stored, and we persist audit "
        "records in postgres via a separate path. second, orders, which must never be lost."
    )
    result = parse(text)
    readings = [{a.question: a.value for a in w.answers} for w in result.workloads]
    assert readings == [{"persistence": "no"}, {"persistence": "yes"}]
