"""Traffic whose value is in the moment, described without a word about keeping it (issue 8, session 34).

On text written by others, the largest class of wrong answers was a NATS Core workload that never says
whether messages are kept: nothing leaned, and the ranking's tie-break gave NATS JetStream.  This reads
more of such traffic as a *lean* toward "nothing kept" (the lexicon's `lean-live-moment`): a party's
liveness told by its signals or their absence, a position sent as it moves, the people who have a screen
open right now, the others seen as they move or type, a cached copy dropped on every running copy.  Guide:
Systems Under Comparison › NATS Core ("delivered to connected subscribers and then forgotten"); Use Case
Decision Matrix rows Real-time control plane and WebSocket fan-out; Can They Coexist? (NATS for ephemeral
notifications and control plane messaging).

A lean never settles: persistence is still asked.  The same words stand in Kafka and JetStream texts, so
a lean toward "nothing kept" read from words is dropped where the text elsewhere speaks of keeping,
replaying, losing, guaranteed delivery, queued work or money (the lexicon's `lean_guards`).  And the
silence's own `unless_words` no longer take words that plainly speak of something else ("logged in",
"keeps up", "a worker process", "on the order of", "a moment later", "online/offline").

Sentences were written for this file; none comes from the eval corpus.  Controls (must not move) are the
KEPT texts: live words next to words of keeping.
"""

from __future__ import annotations

import pytest

from bot.advisor.engine import advise
from bot.advisor.parse import parse


def word_leans(text: str) -> dict[str, str]:
    """Leans read from the text's words (a silence's lean has an empty span)."""
    return {a.question: a.value for a in parse(text).leans if a.span[0] != a.span[1]}


def silence_leans(text: str) -> dict[str, str]:
    return {a.question: a.value for a in parse(text).leans if a.span[0] == a.span[1]}


def assert_core_and_still_asked(text: str) -> None:
    advice = advise(text=text)
    assert advice.recommendation == "nats-core"
    assert "persistence" not in advice.answers  # weak evidence never settles
    assert "persistence" in advice.missing  # the conversation still asks it


# Each of these reads nothing on main and falls to NATS JetStream; a word of it leans now.
LIVE = [
    # liveness without the word heartbeat: a signal that says "alive", checking in, missed pings, going quiet
    "the admin ui shows a green or red light for each of our 60 scanners, and the scanners publish a small "
    "alive message on their own topic",
    "the scheduler sends a ping to each of the 300 render workers every second so it knows which ones it "
    "can hand frames to",
    "a render node that misses three pings in a row is marked dead and stops getting frames; there are "
    "around four hundred nodes in the farm",
    "the support dashboard flags the tills that went silent, and the tills each report that they're alive "
    "to it on their own topic",
    # a position sent as it moves
    "taxi dispatch: cars send where they are every 4 seconds and the dispatcher then picks the closest car "
    "for each new job",
    # the people who have a screen open right now
    "the on-call tool should pop a banner for whichever engineers have the console open when a sev1 fires",
    "each keystroke a user makes should appear for everyone else who has the sheet open, within 100 ms",
    "when someone comments on a task, the people currently viewing that task should see the comment pop up",
    # the others seen as they act
    "we use topics per room: every client in the room should see the others move smoothly, up to 50 "
    "players per room",
    # a cached copy dropped on every running copy
    "our web tier renders fragments once per pod; when a cms editor publishes, all pods must purge the "
    "affected fragments so nobody sees stale content",
    "tell every worker process to reload its routing rules when an admin saves them; there are around 120 "
    "worker processes across 10 hosts",
]


@pytest.mark.parametrize("text", LIVE)
def test_live_traffic_leans_to_nothing_kept_and_gets_nats_core(text):
    assert word_leans(text).get("persistence") == "no"
    assert_core_and_still_asked(text)


# Live words next to words of keeping, replaying, losing or money: no lean toward "nothing kept" (on main
# the live word leaned there).
GUARDED = [
    "every payment goes into a queue and must be processed exactly once; the payment service also sends "
    "heartbeats to the monitor every few seconds",
    "health check results from 5k hosts are written to a log that the sre team replays into clickhouse",
    "the kiosks send heartbeats to the ops console, and every receipt they print has to be kept for the "
    "tax office",
    "each charger says it's still alive every 30 seconds, and no charging session may ever get lost on "
    "its way to the billing side",
]


@pytest.mark.parametrize("text", GUARDED)
def test_a_live_word_beside_words_of_keeping_does_not_lean(text):
    assert "persistence" not in word_leans(text)
    assert "persistence" not in silence_leans(text)


def test_a_live_word_inside_its_own_phrase_is_not_keeping():
    # "queue" inside the phrase that leans is the phrase's own (a queue's depth shown live)
    assert word_leans("ops dashboard that shows the current queue depth of each worker")["persistence"] == "no"


def test_a_lean_the_other_way_cancels_rather_than_guards():
    # "audit" is itself a lean toward keeping: the two cancel, neither wins
    assert "persistence" not in word_leans("the live dashboards and the audit team read the same stream")


# Silent on keeping, but blocked on main by a word that plainly speaks of something else.
SILENT_NOW = [
    # "logged in"
    "the support widget shows a toast to agents as soon as a chat starts; agents who aren't logged in are "
    "emailed by another tool",
    # "keeps up", "kept breaking"
    "our ground station code kept breaking with the old bus, so we want something small that keeps up with "
    "the rover's telemetry rate",
    # "on the order of", "in order to"
    "our services call each other on the order of a few thousand times a second, and in order to retire the "
    "service registry we'd like them to address each other by name",
    # "a moment later"
    "the studio's cue system sends go signals to lights and sound; a cue that shows up a moment later is "
    "worthless to the show",
]


@pytest.mark.parametrize("text", SILENT_NOW)
def test_a_common_word_no_longer_hides_the_silence(text):
    assert silence_leans(text).get("persistence") == "no"
    assert_core_and_still_asked(text)


# Controls: live words in Kafka and JetStream descriptions that speak of keeping; they must not move.
KEPT = [
    ("the scheduler pings each worker every second, and the jobs themselves sit in a queue until a worker "
     "acks them; a job whose worker dies is handed to another", "nats-jetstream"),
    ("we take card payments at the kiosks; the kiosks send alive messages every 10 s to the ops console, and "
     "each payment message must reach the processor exactly once", "nats-jetstream"),
    ("devices send where they are every 10 seconds; the positions feed the billing of each trip, so none may "
     "go missing and the trip service replays them if it crashes", "nats-jetstream"),
    ("if a subscriber misses a purge event, it must get it when it reconnects; purge requests are kept for a "
     "day for that reason", "nats-jetstream"),
    ("devices that show offline for a while must still receive the firmware commands sent in the meantime "
     "once they reconnect", "nats-jetstream"),
    ("worker pods pull transcoding jobs and each worker process handles one video at a time; the uploader "
     "should not wait for them", "nats-jetstream"),
]


@pytest.mark.parametrize(("text", "expected"), KEPT)
def test_live_words_beside_keeping_do_not_move_the_answer(text, expected):
    assert word_leans(text).get("persistence") != "no"
    assert advise(text=text).recommendation == expected
