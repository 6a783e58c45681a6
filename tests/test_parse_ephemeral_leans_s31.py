"""Live workloads described without a word about keeping anything (issue 8, recall of weak evidence).

Many descriptions never say whether messages are kept, yet the workload plainly lives in the present:
who is online, a chat relayed between server instances, a cache evicted on every app server, a config
signal to every running node, a dashboard of current values, a game's world state many times a second,
prices streamed to screens as they change.  The guide gives these to NATS Core (Systems Under Comparison ›
NATS Core: "delivered to connected subscribers and then forgotten"; Use Case Decision Matrix rows
Microservice request-reply, Real-time control plane, WebSocket fan-out).  Before this change such texts read
nothing and fell to the ranking's tie-break (NATS JetStream).

They are read as *leans*: weak evidence that never settles, shown in the reasons as a suggestion, and
cancelled by anything the text says about keeping the messages.  The sentences were written for this test
in Slack style after reading public write-ups (scaling WebSocket servers over pub/sub, cache invalidation
across instances, NATS request-reply); none comes from the eval corpus.  Traps are texts whose messages must
be kept: there the lean toward "nothing kept" must not show.
"""

import pytest

from bot.advisor.engine import advise
from bot.advisor.parse import parse

SUGGESTS = "suggests, without stating it"


def settled(text: str) -> dict[str, str]:
    return {a.question: a.value for a in parse(text).answers}


def leaning(text: str) -> dict[str, str]:
    """The leans read from the text's words (not a description's silence, which has no span)."""
    return {a.question: a.value for a in parse(text).leans if a.span[0] != a.span[1]}


def suggestion(text: str) -> str:
    """The reason that says what the description suggests without stating it ('' when none)."""
    return next((r.text for r in advise(text=text).reasons if SUGGESTS in r.text), "")


# Live traffic whose messages matter only while current: nothing is said about keeping them.
EPHEMERAL = [
    "show who's online in each workspace and update the green dot when people come and go",
    "when someone updates a product, all app servers should evict it from their in-memory cache",
    "ops dashboard that shows the current queue depth and cpu of each worker",
    "the game server sends the world state to all players 30 times a second",
    "stream stock prices to the trading screens as they change",
    "live scoreboard updates for the match to everyone watching",
    "each driver app reports its location every few seconds and the dispatcher map shows where they are",
    "the trading ui shows the latest bid and ask for each instrument",
    "the map shows where each courier is right now",
    "broadcast a reload config signal to all 200 edge nodes",
    "rolling out new routing rules to all the envoy sidecars in a few seconds",
]


@pytest.mark.parametrize("text", EPHEMERAL)
def test_a_live_workload_leans_to_nothing_kept_and_gets_nats_core(text):
    assert "persistence" not in settled(text)  # weak evidence never settles
    assert leaning(text).get("persistence") == "no"
    advice = advise(text=text)
    assert advice.recommendation == "nats-core"
    # the user sees it as a suggestion, not as a stated answer
    assert suggestion(text)
    assert "persistence" not in advice.answers


# Live updates to people at their screens, or a chat relayed between the instances that hold them.
TO_SCREENS = [
    "chat messages from a user on pod A have to reach users connected to pod B",
    "live scoreboard updates for the match to everyone watching",
    "stream stock prices to the trading screens as they change",
    "show who's online in each workspace and update the green dot when people come and go",
]


@pytest.mark.parametrize("text", TO_SCREENS)
def test_live_updates_to_screens_lean_to_websocket_fan_out(text):
    assert "websocket" not in settled(text)
    assert leaning(text).get("websocket") == "yes"
    assert advise(text=text).recommendation == "nats-core"
    assert "WebSocket" in suggestion(text)


# Something sent to every running copy of a fleet: the control plane's config push.
TO_THE_FLEET = [
    "broadcast a reload config signal to all 200 edge nodes",
    "rolling out new routing rules to all the envoy sidecars in a few seconds",
    "tell every worker to pause when the db is in maintenance",
]


@pytest.mark.parametrize("text", TO_THE_FLEET)
def test_a_signal_to_every_node_leans_to_the_control_plane(text):
    assert "control_plane" not in settled(text)
    assert leaning(text).get("control_plane") == "yes"
    assert advise(text=text).recommendation == "nats-core"
    assert "control-plane" in suggestion(text)


def test_a_synchronous_fetch_from_another_service_leans_to_request_reply():
    text = "the frontend gets a price from the pricing service synchronously before rendering the cart"
    assert leaning(text).get("request_reply") == "yes" or settled(text).get("request_reply") == "yes"
    assert advise(text=text).recommendation == "nats-core"


# Traps: the same kinds of workload, but something has to be kept.  The lean toward "nothing kept" must
# not show (the stated answer, or a lean the other way, wins).
KEPT = [
    "notifications must be delivered even if the phone is offline",
    "chat history is kept for 90 days",
    "the dashboard replays the last hour",
    "the game server sends each player's position 20 times a second and we store every tick so matches can be"
    " replayed later",
    "we relay chat between instances and every message is also written to the log so we can audit it",
    "stock prices stream to the trading screens as they change, and every tick is archived for backtesting",
    "push config to the agents; an agent that was offline must get the latest config when it comes back",
    "cache invalidation events must never be lost, otherwise users see stale prices for hours",
    "we push notifications to whoever is online, and users who were offline see them in their inbox later",
    "live scoreboard for everyone watching, and the full play-by-play is stored so fans can rewatch it",
]


@pytest.mark.parametrize("text", KEPT)
def test_a_workload_that_keeps_messages_does_not_lean_to_nothing_kept(text):
    assert leaning(text).get("persistence") != "no"
    assert settled(text).get("persistence") != "no"
    assert "persistence" not in {q for q, v in leaning(text).items() if v == "no"}


# Neither live nor kept: nothing here may lean toward "nothing kept".
CONTROLS = [
    "the dashboard shows the latest 30 days of orders",
    "the finance dashboard shows the current month's revenue from the warehouse",
    "our agents on each host ship logs to kafka",
    "we ask the vendor for a quote and wait for their reply",
]


@pytest.mark.parametrize("text", CONTROLS)
def test_history_and_shipping_do_not_lean_to_a_live_workload(text):
    assert leaning(text).get("persistence") != "no"
    assert leaning(text).get("control_plane") != "yes"
    assert settled(text).get("request_reply") != "yes"


def test_a_users_inbox_is_no_reply_inbox():
    # "their inbox" is where a person reads notifications, not a NATS reply subject
    text = "users who were offline see the notifications in their inbox later"
    assert settled(text).get("request_reply") != "yes"
    assert settled("the responder answers on the request's inbox").get("request_reply") == "yes"


# Held out (round 1): written once after the first change, not tuned on.  Round 1 read 4 of 10 as intended.
# A second round of concepts (below, from new sentences of its own) was written after these misses were
# seen, so the five it also reads are no held-out measure any more; the rest stay strict xfails.
def _missed(text: str, reason: str) -> object:
    return pytest.param(text, marks=pytest.mark.xfail(reason=reason, strict=True))


HELD_OUT_LIVE = [
    "sync the whiteboard strokes between everyone in the session as they draw",  # round 2
    # read since the description's silence leans (nothing in it speaks of keeping): no word of it was added
    "our api pods each hold a local copy of the feature flags and need to hear about flips instantly",
    "the matchmaking service asks the rating service for each player's mmr before it builds a lobby",
    "mouse positions of all participants get mirrored to the other participants' browsers",
    "operators watch a wall display with the current temperature of every freezer",  # round 2
    "when a deploy finishes, every gateway gets told to reload its routes",  # round 2
    _missed(
        "bus arrival countdowns on the station screens, refreshed every couple of seconds",
        "the refresh is said of the countdowns' screens, after a comma",
    ),
]


@pytest.mark.parametrize("text", HELD_OUT_LIVE)
def test_held_out_live_workloads_get_nats_core(text):
    advice = advise(text=text)
    assert advice.recommendation == "nats-core"
    assert "persistence" not in advice.answers or advice.answers["persistence"] == "no"


HELD_OUT_KEPT = [
    "notifications for users that are offline get queued and delivered the moment they open the app again",
    # round 2: a history the messages also land in leans to kept, and cancels the live map's lean
    "the live tracking map is nice, but every gps fix also has to land in the trip history for disputes",
    "price ticks are pushed to the traders' screens and must be replayable for the regulator for 7 years",
]


@pytest.mark.parametrize("text", HELD_OUT_KEPT)
def test_held_out_kept_workloads_do_not_lean_to_nothing_kept(text):
    assert leaning(text).get("persistence") != "no"
    assert settled(text).get("persistence") != "no"


# Round 2: more shapes of the same concepts (a fleet told to act in the passive, a display named with what it
# holds or its refresh rate, state synced with the others in the room; and on the kept side, a history the
# messages land in, the last value served to whoever connects).
ROUND_2_LIVE = [
    ("every node is told to drop its connection pool when the primary fails over", "control_plane"),
    ("all the pods get signalled to rotate their credentials", "control_plane"),
    ("a big screen in the noc with the latest status of every link", "persistence"),
    ("the ops board, showing current load per region", "persistence"),
    ("the departures board updated every few seconds", "persistence"),
    ("cursors and selections are synced across everyone in the doc", "websocket"),
    ("mirror each player's inputs to the other clients in the lobby", "websocket"),
]


@pytest.mark.parametrize(("text", "question"), ROUND_2_LIVE)
def test_round_2_live_shapes_lean_and_get_nats_core(text, question):
    assert question not in settled(text)
    assert leaning(text).get(question) == ("no" if question == "persistence" else "yes")
    assert advise(text=text).recommendation == "nats-core"
    assert suggestion(text)


@pytest.mark.parametrize(
    "text",
    [
        "scores display needs the latest scores the moment it connects",
        "each order update is pushed to the customer's screen and also written to the order history",
    ],
)
def test_round_2_kept_shapes_lean_to_kept(text):
    assert leaning(text).get("persistence") == "yes"


def test_a_denied_history_still_reads_nothing_kept():
    text = "we don't keep any chat history, cursors are synced across everyone in the doc"
    assert settled(text).get("persistence") == "no"


# Held out (round 2): written once after round 2, not tuned on.  6 of 10 read as intended (before the
# change: 5 of 10); the misses stay strict xfails with what is missing.
HELD_OUT_2_LIVE = [
    "robots stream their joint angles to the operator's console at 100hz",
    "when an admin bans a user, every chat node must kick that socket right away",  # silence, as above
    "the pricing page polls nothing, the server pushes fresh quotes into the open tabs",
    "the auth service is asked for a token check on every api call",  # silence, as above
    "show a little 'someone is typing' bubble to the other side of the conversation",  # silence, as above
    "warehouse scanners announce themselves on startup so the controller knows which are alive",
    _missed(
        "our k8s operator broadcasts a drain to all consumers before upgrades",
        "'a drain' is an action, not a config or a signal noun",
    ),
]


@pytest.mark.parametrize("text", HELD_OUT_2_LIVE)
def test_held_out_2_live_workloads_get_nats_core(text):
    assert advise(text=text).recommendation == "nats-core"


@pytest.mark.parametrize(
    "text",
    [
        "a user who was offline should see every message they missed once they reconnect",
        "vehicle positions are shown live on the map and replayed later for route audits",
        "each alert on the ops wall is also filed in the incident archive",
    ],
)
def test_held_out_2_kept_workloads_do_not_lean_to_nothing_kept(text):
    assert leaning(text).get("persistence") != "no"
    assert settled(text).get("persistence") != "no"
