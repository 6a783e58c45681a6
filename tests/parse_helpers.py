"""Helpers shared by the parser's tests (issue 8)."""

from bot.advisor.engine import advise
from bot.advisor.parse import parse


def read(text: str) -> tuple[dict[str, str], set[str]]:
    """What ``text`` settles (question -> value) and which questions it leaves to be asked."""
    result = parse(text)
    return result.as_dict(), {a.question for a in result.ambiguous if a.question}


def answer_of(text: str, question: str) -> str | None:
    """The value ``text`` settles for ``question``; "?" when it leaves it to be asked; None when silent on it."""
    result = parse(text)
    settled = {a.question: a.value for a in result.answers}
    if question in settled:
        return settled[question]
    return "?" if any(a.question == question for a in result.ambiguous) else None


NATS = {"nats-core", "nats-jetstream"}


def assert_read_as_the_hybrid(text: str, realtime: str, data: str) -> None:
    """``text`` is read as two workloads, the one holding ``realtime`` served by NATS and the one holding
    ``data`` by Kafka, and the reason says which system serves which (Guide § Can They Coexist?)."""
    advice = advise(text=text)
    assert advice.recommendation == "hybrid"
    assert len(advice.workloads) == 2
    assert recommendation_for(text, realtime) in NATS
    assert recommendation_for(text, data) == "kafka"
    reason = advice.reasons[0].text
    assert "Apache Kafka for" in reason and "NATS" in reason
    assert "Can They Coexist?" in reason


def recommendation_for(text: str, words: str) -> str:
    """The recommendation of the one workload of ``text`` whose span holds ``words``."""
    [workload] = [w for w in advise(text=text).workloads if words in w.text]
    return workload.recommendation
