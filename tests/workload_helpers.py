"""Helpers shared by the parser's workload tests (issue 8)."""

from bot.advisor.engine import advise


def recommendation_for(text: str, words: str) -> str:
    """The recommendation of the one workload of ``text`` whose span holds ``words``."""
    [workload] = [w for w in advise(text=text).workloads if words in w.text]
    return workload.recommendation
