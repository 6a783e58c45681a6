"""Forms and loss phrases read with their values (issue 8, s33; precision first).

- A form's field whose value says nobody knows yet ("persistence: no idea", "durability: tbd") settled the
  concept the field names: it is asked now.
- A denial followed by what it is instead ("persistence: no just live data") settled the field's concept.
- "they don't need the missed messages" read the loss as refused (persistence = yes); what is lost is not
  needed, so nothing has to be kept.
- A receiver that joins late and starts from what comes next ("late joiners start from now") was read as
  one that reads the history.
Sentences written for this test.
"""

import pytest

from tests.parse_helpers import read


@pytest.mark.parametrize(
    ("text", "question"),
    [
        ("persistence: no idea", "persistence"),
        ("Durability: not sure yet", "persistence"),
        ("replay - unknown", "persistence"),
        ("| durability | tbd |", "persistence"),
        ("stream processing: not decided", "stream_processing"),
        ("connectors: dunno", "connectors"),
    ],
)
def test_a_field_nobody_has_decided_is_asked_not_settled(text: str, question: str) -> None:
    answers, asked = read(text)
    assert question not in answers
    assert question in asked


@pytest.mark.parametrize(
    ("text", "question"),
    [
        ("persistence: no just live data", "persistence"),
        ("stream processing: no only fan-out", "stream_processing"),
        ("replay: none thanks", "persistence"),
    ],
)
def test_a_denied_field_followed_by_what_it_is_instead_is_denied(text: str, question: str) -> None:
    assert read(text)[0].get(question) == "no"


@pytest.mark.parametrize(
    "text",
    [
        "browsers that reconnect fetch a fresh snapshot, they don't need the missed messages",
        "nobody needs the dropped updates, the next one carries the full state",
        "late joiners start from the latest tick",
        "a listener that subscribes late just gets new ones",
    ],
)
def test_what_is_missed_not_being_needed_keeps_nothing(text: str) -> None:
    assert read(text)[0].get("persistence") == "no"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("persistence: yes", "yes"),
        ("durability: none", "no"),
        ("late joiners must catch up on the backlog", "yes"),
        ("late joiners start from the beginning of the stream", "yes"),
        ("we can't have missed messages", "yes"),
    ],
)
def test_decided_fields_and_kept_history_still_read_as_before(text: str, value: str) -> None:
    assert read(text)[0].get("persistence") == value


@pytest.mark.parametrize(
    ("text", "question"),
    [
        # "no-code" is a kind of tool, not a denial of what follows it
        ("a no-code tool dumps the topics into bigquery every few seconds", "data_lake"),
    ],
)
def test_a_compound_with_no_denies_nothing(text: str, question: str) -> None:
    assert read(text)[0].get(question) == "yes"


@pytest.mark.parametrize(
    "text",
    [
        "trucks ship the pallets to the warehouse",
        "the vans bring the parcels back to the warehouse",
    ],
)
def test_goods_taken_to_a_warehouse_are_not_a_data_warehouse(text: str) -> None:
    answers, asked = read(text)
    assert "data_lake" not in answers
    assert "data_lake" in asked  # asked, not dropped


def test_events_streamed_to_the_warehouse_still_land_in_it() -> None:
    assert read("we stream the parcel scan events to the warehouse")[0].get("data_lake") == "yes"
