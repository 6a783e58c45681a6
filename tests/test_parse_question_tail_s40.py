"""A question typed after a description is asked about the choice; the description before it stays stated.

(session 40) The lexicon's phrases read a line break inside a paragraph as a space, so a phrase could run on
into a question typed on the next line, or after the statement with no stop: "… instead of being dropped
thoughts?" was read as "dropped thoughts", what is denied no longer the messages, and the statement's
reading was lost.  The break before the question proper now ends the phrases as it ends the clause.
Sentences written for this test, not taken from the eval corpus.
"""

import pytest

from tests.parse_helpers import answer_of

STATEMENTS = [
    # (statement, question, value)
    ("if the warehouse loader is down the rows wait on the broker instead of being dropped", "persistence", "yes"),
    ("when the search indexer stalls the updates back up in the topic rather than being dropped", "persistence", "yes"),
    ("payments are queued instead of lost", "persistence", "yes"),
    ("telemetry sits in the queue until the uplink comes back rather than getting dropped", "persistence", "yes"),
    ("a missed price tick is harmless, the next one replaces it", "persistence", "no"),
    ("we're four engineers and nobody wants to babysit a cluster", "ops", "small"),
    ("the pipe between checkout and the ledger service is kafka today", "current_system", "kafka"),
]

TAILS = [
    "\nthoughts?",
    " thoughts?",
    "\nany recommendations?",
    " any recommendations?",
    "\n  ideas?",
    " what would you pick?",
    "\nwhat should we run?",
]


@pytest.mark.parametrize("tail", TAILS, ids=repr)
@pytest.mark.parametrize(("statement", "question", "value"), STATEMENTS, ids=lambda x: x if len(x) < 20 else x[:20])
def test_a_question_after_the_statement_keeps_its_reading(statement, question, value, tail):
    assert answer_of(statement, question) == value  # the control: read alone
    assert answer_of(statement + tail, question) == value


@pytest.mark.parametrize(
    "text",
    [
        "do we need to keep a week of events around, what do you think?",
        "should orders survive a broker restart? any recommendations?",
        "do we need replay?\nthoughts?",
    ],
)
def test_a_description_that_asks_the_need_itself_is_still_asked(text):
    assert answer_of(text, "persistence") == "?"


@pytest.mark.parametrize(
    ("text", "question", "value"),
    [
        # a statement whose subject is left out, then the question: "need" / "has" / "have" state here
        ("need every consumer to resume where it stopped after a crash what should we use?", "persistence", "yes"),
        ("has to survive a broker restart without losing a single order any recommendations?", "persistence", "yes"),
        ("need each subscriber to resume from its last position after a deploy, thoughts?", "persistence", "yes"),
    ],
)
def test_a_statement_without_its_subject_before_the_question_is_stated(text, question, value):
    assert answer_of(text, question) == value


@pytest.mark.parametrize(
    "text",
    [
        # ... but with a subject after them they open a question, asked throughout
        "has anyone kept a week of replay on jetstream what would you pick?",
        "do we need replay what do you think?",
        "is replay even needed here how would you decide?",
    ],
)
def test_an_auxiliary_with_its_subject_still_opens_a_question(text):
    assert answer_of(text, "persistence") != "yes"


def test_a_word_of_the_statement_repeated_by_the_question_stays_the_statements():
    # "skip any" keeps its object; the question opens at the second "any"
    assert answer_of("the notifier must not skip any any recommendations?", "persistence") == "yes"


@pytest.mark.parametrize("newline", ["\n", "\r\n", " "])
def test_a_loss_question_answered_on_the_next_line_is_read_whatever_the_line_ends(newline):
    text = f"if a node of the cluster dies, is everything queued on it simply gone?{newline}we'd need it not to be"
    assert answer_of(text, "persistence") == "yes"
