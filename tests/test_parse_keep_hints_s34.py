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
