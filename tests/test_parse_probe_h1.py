"""Ephemeral traffic said as an outcome (persistence = "no" without the word), and its near misses.

Sentences written after the lexicon and grammar changes, as held-out sets (not the probes the
changes were tuned on).  A wrong settled persistence answer is the worst failure of the project,
so the near misses only assert that "no" is not read.  Guide: Systems Under Comparison › NATS Core
("delivered to connected subscribers and then forgotten"); Decision Flowchart, "No — ephemeral
messaging is fine".
"""

import pytest

from bot.advisor.parse import parse


def persistence(text):
    return parse(text).as_dict().get("persistence")


@pytest.mark.parametrize(
    "text",
    [
        # held-out set 1
        "ADR-7 Decision: cursor and selection events go over plain pub/sub. Rationale: a lost cursor move is "
        "corrected by the next one within 50 ms.",
        "we're cool with the occasional dropped ping, the agent re-announces itself every few seconds",
        "Issue: should we persist the 'user is typing' events? Answer from the maintainer: no, nobody would "
        "ever look back at them.",
        "It's totally fine if the live preview drops a frame here and there.",
        "Each tick replaces the previous one, so there is nothing worth storing.",
        "Game inputs are useless after a couple hundred milliseconds.",
        "No need to hold on to the notifications once they've been pushed to whoever is online.",
        "we're fine with at most once for the lobby chatter",
        # held-out set 1, read after generalising what it showed missing
        "The scoreboard feed is purely live: a viewer who tunes in halfway just gets the next score push, "
        "nothing before it.",
        "Market-data snapshots older than 250ms are garbage to the pricing UI.",
        "We don't retain the GPS beacons at all, they're only there to move the dot on the map.",
        "Online/offline status: if a watcher disconnects it simply misses the changes, that's intended.",
        "Requirements: fan-out to connected dashboards only; no backlog for dashboards that were closed.",
        "The robot's pose is streamed at 100 Hz and only the current pose matters.",
        # held-out set 2
        "Leaderboard deltas are broadcast to whoever has the page open; if you reload you just get the next "
        "delta, no history is shipped.",
        "RFC: The 'someone is viewing this ticket' signal is best effort. Clients that miss it will simply "
        "show stale avatars for a few seconds.",
        "slack: the pi sends temp every 2s, if a couple go missing meh",
        "We never persist the ride-tracking pings; the rider app only needs where the car is right now.",
        "The audio level meter is useless a second later, so losing samples has no consequence.",
        "Keeping a history of mouse positions would be pointless.",
        "Nobody replays these; they are status blips for the ops wall.",
        "There is no requirement to store or redeliver the wake-up pings.",
        "presence events: fire n forget, we don't care if one is lost",
        "Our subscribers only care about the newest price; older prices are thrown away on arrival.",
    ],
)
def test_ephemeral_outcome_reads_no(text):
    assert persistence(text) == "no"


@pytest.mark.parametrize(
    "text",
    [
        # held-out set 1
        "Operators complained that a reconnecting dashboard shows nothing until the next tick; we need the "
        "last hour replayed on connect.",
        "We can't accept a dropped ping for the billing meter: every ping is a billable minute.",
        "A lost cursor move is corrected by the next one, but document edits must be persisted and replayable.",
        "Our interns are ephemeral, our event log is not.",
        "In NATS Core, if a watcher disconnects it simply misses the changes, which is exactly why we're "
        "moving to JetStream.",
        "Snapshots older than a week are compacted, the rest stay in the stream.",
        "We don't retain GPS beacons on the trackers themselves; the broker keeps them for 30 days.",
        "Is at-most-once fine for the lobby chatter? Nobody has decided yet.",
        "Every order event must survive a broker restart, and losing one is unacceptable.",
        "Fire-and-forget is too weak for the payment webhooks.",
        "Design note: invalidation messages carry no payload worth keeping; a node that misses one re-reads "
        "the key on the next request anyway.",
        # held-out set 2
        "The level meter is useless a second later, but the recorded audio must be kept for 30 days.",
        "A worker that restarts must get the control signals it missed.",
        "We never persist on the client; the broker persists every ping for 24 hours.",
        "Keeping a history of transactions is mandatory.",
        "Nobody replays these today, but the data team will need replay next quarter.",
        "Best effort delivery is a non-starter for the ledger.",
        "Subscribers only care about the newest price, which the broker keeps as the last value per subject "
        "for late joiners.",
        "our contractors are ephemeral, the order stream must be durable",
        "If the dashboard misses an alert, an incident can go unnoticed, which is unacceptable.",
    ],
)
def test_near_miss_does_not_read_no(text):
    assert persistence(text) != "no"


@pytest.mark.parametrize(
    "text, expected",
    [
        # a concern about stale data wants fresh data; it says nothing of storage
        ("Serving an outdated quote to a trader is a serious problem.", None),
        ("we're worried about showing stale positions on the map", None),
        # a comment on a denied phrase speaks of the denial
        ("There's no durability in the current design, which is a dealbreaker.", "yes"),
        ("Nothing gets dropped, which is fine.", "yes"),
        ("We don't persist the cursor stream, and honestly that's fine.", "no"),
        # a loss that does not matter is accepted, not denied
        ("A skipped sample is irrelevant to the chart.", "no"),
        ("Zero message loss is explicitly a non-goal for telemetry previews.", "no"),
        # a lack or a limit in time is no denial of the need
        ("We don't have durable streams yet, which is blocking the audit work.", None),
        ("we don't need samples older than 3 days", None),
        ("no one would notice a lost invoice until the audit, and then it's a disaster", None),
        # a sentence framed by a system tells how that system behaves, not what the workload needs
        ("Under plain pub/sub, listeners that are offline simply lose the event; the auditors hate it.", None),
        ("RabbitMQ today: consumers that aren't subscribed simply miss the fan-out.", None),
        ("With core NATS, we're fine if an offline listener simply misses a presence blip.", "no"),
    ],
)
def test_grammar_around_the_concept(text, expected):
    assert persistence(text) == expected
