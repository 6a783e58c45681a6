"""Helpers shared by the parser's tests (issue 8)."""

from bot.advisor.engine import advise
from bot.advisor.parse import parse


def read(text: str) -> tuple[dict[str, str], set[str]]:
    """What ``text`` settles (question -> value) and which questions it leaves to be asked."""
    result = parse(text)
    return result.as_dict(), {a.question for a in result.ambiguous if a.question}


def recommendation_for(text: str, words: str) -> str:
    """The recommendation of the one workload of ``text`` whose span holds ``words``."""
    [workload] = [w for w in advise(text=text).workloads if words in w.text]
    return workload.recommendation
