"""Keeping a message is one idea, whatever the verb (s32).

The persistence entries spelled the keeping side many times over, each with its own short list: "kept|stored|held"
here, "retained|kept|held|stored|persisted|buffered" there, "keep|store|retain|buffer|persist|queue" in a third.
Five word classes now say each idea once, and every entry whose context takes every member reads them all:

- `keep_verb`: keep, retain, store, persist, hold, buffer, spool, save, archive, journal, in any form;
- `kept_participle`: the same said of what is kept (kept, retained, stored, ..., spooled, journaled);
- `ack_reader`: the consumer by any name that says it is done with a message;
- `acked_verb`: what it has done then (acked, confirmed, consumed, received, picked up ...);
- `reread_verb`: reading kept messages again or later (read, re-read, fetch, pull, reprocess, replay ...).

So "stored until confirmed" is read as "retained until consumed" was.  Keeping said of another store, a keep
denied, and the idioms of "hold" and "park" are controls: none of them may settle persistence=yes.  The
sentences are written for this test, in new words.
"""

import pytest

from bot.advisor.parse import parse


def persistence(text: str) -> str | None:
    return parse(text).as_dict().get("persistence")


# Messages kept by the messaging system, said with a verb or a reader an entry did not list before.
KEPT = [
    "outbound invoices get spooled for two weeks",
    "audit events are journaled for ninety days",
    "undelivered pushes stay buffered indefinitely",
    "each price update is retained until every downstream has received it",
    "each upload is saved until a free worker picks it up",
    "orders are stored until they're confirmed",
    "commands get archived until every handset has acknowledged them",
    "we spool every message for offline handsets",
    "we journal every command in the broker",
    "the relay saves the last 48 hours of quotes",
    "a new analytics consumer pulls from the very start",
    "the reporting service fetches at its own pace",
    "workers restart from the last consumed event",
    "each delivery is acknowledged by the recipient",
]

# Keeping denied, with a verb the denying entries did not list before.
NOT_KEPT = [
    "the frames aren't spooled anywhere",
    "we never journal the pings",
    "no need to spool any of these",
    "we keep nothing on the broker",
]

# Keeping said of another store, a keep denied, an idiom: never persistence=yes.
NEVER_YES = [
    "postgres keeps the history",
    "postgres journals every change for 30 days",
    "our warehouse archives every event for compliance",
    "the crm archives each ticket until the customer has confirmed it",
    "the dashboard saves the last 48 hours of quotes in the browser",
    "we don't archive trades until the settlement job reads them",
    "we don't spool anything for offline handsets",
    "we retain none of the events in the stream",
    "we hold off the rollout for compliance reasons",
    "the decision was parked for three months",
    "the retro is held weekly, nobody is held responsible",
]


@pytest.mark.parametrize("text", KEPT)
def test_keeping_in_any_verb_reads_persistence(text: str) -> None:
    assert persistence(text) == "yes"


@pytest.mark.parametrize("text", NOT_KEPT)
def test_keeping_denied_in_any_verb_reads_ephemeral(text: str) -> None:
    assert persistence(text) == "no"


@pytest.mark.parametrize("text", NEVER_YES)
def test_keeping_elsewhere_or_denied_never_settles_persistence(text: str) -> None:
    assert persistence(text) != "yes"


def test_saving_on_cost_is_no_keeping() -> None:
    # "saves nothing" of ops cost keeps nothing and denies nothing
    assert persistence("moving to a managed broker saves nothing on ops") is None
