"""Decision records and design docs as people write them: lists, headings, options weighed.

Each structure is written here in words of its own (not the wording of any public record): what a
record says of a candidate system or of what a choice brings is not the workload's need, and a
phrase never runs from one list item into the next.
"""

import pytest

from bot.advisor.parse import parse


def read(text):
    return parse(text).as_dict()


def asked(text):
    return {a.question for a in parse(text).ambiguous}


# -- a phrase stays inside its list item ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "question"),
    [
        # "...stream" ending one item and "processing" opening the next is no "stream processing".
        ("Needs:\n- an append-only audit stream\n- processing of refunds by a worker pool", "stream_processing"),
        ("* camera frames stream\n* processing happens in the nightly batch", "stream_processing"),
        ("1. payment events stream\n2. processing is done by two services", "stream_processing"),
        ("## Upstream data stream\n\nProcessing starts once a batch is complete.", "stream_processing"),
    ],
)
def test_a_phrase_never_runs_from_one_list_item_into_the_next(text, question):
    assert question not in read(text)


def test_a_phrase_wrapped_inside_one_paragraph_is_still_read():
    assert read("the reporting jobs do windowed stream\nprocessing over the click log")["stream_processing"] == "yes"
