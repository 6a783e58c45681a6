"""Keeping, surviving and weighing said of something other than the messages (issue 8, s33; precision first).

Each of these settled persistence = yes: files kept for a period, a session store or a volume that survives a
restart, a database's point-in-time recovery, and durability named only as something to compare or weigh.
Sentences written for this test.
"""

import pytest

from bot.advisor.parse import parse


def read(text: str) -> tuple[str | None, set[str]]:
    result = parse(text)
    return result.as_dict().get("persistence"), {a.question for a in result.ambiguous if a.question}


@pytest.mark.parametrize(
    "text",
    [
        "the ci artefacts are retained for 90 days",
        "docker images are kept for a month in the registry",
        "user sessions survive a pod restart because they live in redis",
        "the postgres volume survives a reboot",
        "our postgres has point-in-time recovery going back 30 days",
    ],
)
def test_what_another_store_keeps_settles_nothing(text: str) -> None:
    assert read(text)[0] is None


@pytest.mark.parametrize(
    "text",
    [
        "we want to know which one is more durable",
        "we wonder which system is more durable",
        "durability vs latency is the main trade-off we are weighing",
        "the trade-off between durability and throughput is what we are unsure about",
    ],
)
def test_durability_weighed_or_asked_about_is_asked(text: str) -> None:
    value, asked = read(text)
    assert value is None
    assert "persistence" in asked


@pytest.mark.parametrize(
    "text",
    [
        "the events are retained for 90 days",
        "jobs must survive a worker dying",
        "each device's twin state has to survive restarts",
        "we need replay going back 30 days",
        "we need to figure out how to keep orders durable",
        "the queue, which is durable, holds the orders",
    ],
)
def test_messages_kept_are_still_kept(text: str) -> None:
    assert read(text)[0] == "yes"
