"""Use-case rows said as what happens, not by their names (issue 8, s35).

The guide's Use Case Decision Matrix names CDC, log aggregation and event sourcing; people describe them by what
happens to their data:
- a row's change that others must hear of ("whenever a row changes in the orders table, downstream services need
  to know"), or a database that emits change events: CDC;
- logs gathered in one place ("every pod's stdout ends up in one place"): log aggregation;
- state derived from its events ("aggregates are rebuilt from their event history on startup"): event sourcing.

Sentences written for this test.
"""

import pytest

from bot.advisor.parse import parse


@pytest.mark.parametrize(
    ("text", "question"),
    [
        ("whenever a row changes in the customers table, the billing and search services need to know", "cdc"),
        ("each time a record is updated in our postgres, the change should be published for the other teams", "cdc"),
        ("the inventory db emits change events that the pricing team consumes", "cdc"),
        ("every container's stdout ends up in one place so support can search it", "log_aggregation"),
        ("each aggregate is rebuilt from its event history when the service starts", "event_sourcing"),
        ("the wallet balance is derived by replaying all of its events", "event_sourcing"),
    ],
)
def test_a_use_case_said_as_what_happens_is_read(text: str, question: str) -> None:
    assert parse(text).as_dict().get(question) == "yes"


@pytest.mark.parametrize(
    ("text", "question"),
    [
        # controls: a change with nobody to hear of it, a state computed from what is not a kept history, logs
        # only asked about
        ("when a row is deleted in the users table by mistake we restore it from backup", "cdc"),
        ("the ui state is computed from incoming clicks", "event_sourcing"),
        ("player logs end up in one place? not sure we need that", "log_aggregation"),
    ],
)
def test_controls_read_no_use_case(text: str, question: str) -> None:
    assert parse(text).as_dict().get(question) is None
