# ruff: noqa: E501
"""Persistence "no" said in the team's own words, without the keyword (recall round, h14).

The flowchart's first question ("Need persistence?"; No leads toward NATS Core): data that need not be kept
said as the latest value replacing the last, receivers that are not there simply not getting it, a value
that is worthless seconds later, nothing worth saving, udp-like or in-memory delivery, no catch-up needed.
Precision first: a "yes" must never be read "no", so the near-misses (data that must survive, a lossy system
being replaced, a complaint of loss, latest-value stores that are kept, two workloads, another product's
features, a question) must not read "no", and the descriptions still not read must not read "yes".

Held-out sets, each written before the changes it measures and run once when they were done:
- held-out 1 (17 + 11, written before any change): first try 4/17 read "no" (as before this round) and
  1/11 near-misses read "no" ("clicks are fine to lose, payments absolutely not", wrong before this round
  too); fixed after: 14/17, 0/11.
- held-out 2 (20 + 12, written after the first commit): first try 12/20 (10/20 before this round), 0/12
  wrong; fixed after: 20/20.
- held-out 3 (20 + 12, longer descriptions, written after the third commit): first try 10/20 (10/20 before
  this round too), 0/12 wrong; fixed after: 15/20.
"""

import pytest

from bot.advisor.parse import parse


def persistence(text):
    return parse(text).as_dict().get("persistence")


READ_NO = [
    "dashboards just show current cpu per host, whatever was sent a minute ago is irrelevant",
    "if a browser tab isn't open when the update goes out it just never sees it and that's totally fine",
    "we publish driver locations every 2s, a newer location always replaces the old one on the map",
    "at-most-once is all we need for the scoreboard pushes",
    "its a fire and forget signal to tell the workers to reload their config",
    "no need to replay anything, nobody looks at old heartbeats",
    "the pings are for liveness only and nobody ever reads the old ones",
    "under heavy load we'd rather shed the telemetry than slow the robots down",
    "values go stale in like 3 seconds so keeping them is pointless",
    "presence stuff, purely in-memory, gone on restart and nobody cares",
    "multiplayer lobby: player positions at 30hz, a dropped one is invisible to players",
    "the kiosk screens subscribe to the price board and render whatever arrives. a missed push is irrelevant, the next push is 1s away",
    "we don't need history for these, just the now",
    "when the app restarts it just pulls the current snapshot from the api, so messages lost during the restart don't matter",
    "positions are only meaningful for a couple hundred ms",
    "the feed is a nice-to-have; if it drops out nobody gets hurt, the screens just freeze until it's back",
    "no backlog needed, a subscriber that joins gets updates from that moment on",
    "redis pubsub semantics are exactly right for us: deliver to whoever's connected, forget the rest",
    "game state deltas at 20hz, last write wins, nothing to archive",
    "if a consumer is slow we drop frames for it rather than buffer",
    "the drone streams attitude data to the ground station at 50hz; only the freshest sample is any use for the pilot's hud",
    "we'd be happy with udp-like semantics",
    "one-shot notifications to open sessions: if the user isn't on the page they don't get it, and that's intended",
    "the data is worthless after about five seconds",
    "replaying yesterday's cursor moves makes zero sense",
    "lose a heartbeat, the next one is 1s later, nbd",
    "order book snapshots overwrite each other; storing them would just waste disk",
    "audio level meters in the mixing app, purely visual, never recorded",
    "delivery can be lossy, the client interpolates over gaps",
    "the presence service broadcasts online/away; on reconnect the client asks for the current roster",
    "a stale location is worse than a missing one, so we never queue them",
    "at most once is acceptable here",
    "chat seen-markers are cosmetic; if one is dropped the ui catches up on the next message",
    "it only has to reach the screens that are up right now",
    "no replay needed, these are one-off wake-up calls to the workers",
    "throwing away late ticks is the right behaviour for the bot",
    "under load we just drop ticks",
    "readings are only good for a few seconds",
    "the value goes stale within 2 seconds",
    "the data has a lifetime of seconds",
    "these signals are short-lived",
    "short-lived messages, nobody needs them after a second",
    "losing some messages under load is acceptable",
    "subscribers who aren't around miss it, no biggie",
    "readers that are not connected simply miss it and that is fine",
    "it's a live feed, if you're not watching you miss it",
    "we throw them away after display",
    "clients that miss an update will catch the next one",
    "if it's late it's useless",
    "a late update is a useless update",
    "their value decays in seconds",
    "we don't care about messages sent while a client was offline",
    "clients don't need to catch up",
    "no catch-up needed when a client reconnects",
    "a restart wipes them and that's fine",
    "losing them on a broker restart is fine",
]

# The three held-out sets, read after the fixes that followed their first try.
HELD_OUT_READ_NO = [
    "we're cool with subscribers missing stuff while disconnected",
    "vehicle speed for the in-car display, nobody needs yesterday's speed",
    "pure signalling between the webrtc peers, nothing worth saving",
    "ping/pong between the coordinator and the workers; lose one and the next arrives in 500ms",
    "live viewer counts on streams, just whatever the number is now",
    "no one's going to go dig through old ones",
    "we broadcast the leaderboard top-10 every second; older leaderboards are meaningless",
    "elevator position updates to the lobby panels, if a panel reboots it just shows the next update",
    "mouse-move events for the shared canvas cursors, they're useless a heartbeat later",
    "the notifications are best effort; if you're not logged in you won't see it, by design",
    "market depth updates at ~1k/s, we only render the freshest book",
    "these status blips evaporate once shown and that's intended",
    "a lost reading isn't chased, the sensor reports again in 10 s",
    "nothing downstream replays or audits these",
    "robot arm joint angles streamed to the operator's screen, a sample from half a second ago is already useless",
    "if the subscriber isn't running when the alert fires, it just doesn't get it, that's ok for us",
    "share prices on the lobby tv; we only ever show the newest quote",
    "these are throwaway hints to the autoscaler, nothing anyone needs later",
    "nobody is going to look back through the old pings",
    "cursor + selection broadcast in the doc editor, each update overrides the previous one",
    "the next frame is 16ms behind anyway so a dropped one is invisible to the user",
    "at-most-once semantics are fine for the lobby chat typing bubbles",
    "we're fine with messages being lost if a pod restarts, it's only live telemetry",
    "voice activity flags for the call ui, gone the moment they're rendered and we like it that way",
    "no need to store any of these, they're purely for the live map",
    "wind speed for the turbine dashboard, only the current reading counts",
    "bus arrival countdowns on the stop displays, an update from a minute ago is meaningless",
    "spectator view of the match: if your socket drops you just get the next state push when you reconnect",
    "drop it if nobody's listening, that's totally fine",
    "ui nudges to refresh the page; losing one is harmless",
    "it's an ephemeral-ish signal, the consumer either sees it live or never",
    "order status pings to the driver app are informational only, a missed ping is no big deal",
    "battery level from each scooter every 10s, older values don't matter at all",
    "nothing here needs to outlive the process",
    "game server -> clients: world snapshots 30/s over websockets. a client that lags behind skips straight to the newest snapshot, older ones are useless to it",
    "Looking for something to push 'build started/finished' toasts to the devs' IDE plugins. If the IDE is closed they won't see the toast and honestly nobody cares.",
    "internal service mesh health: every pod pings the registry every 2 seconds. the registry keeps an in-memory table of who answered recently. losing a ping here or there changes nothing",
    "Our trading UI shows top of book. Every tick replaces the prior one and if the UI misses some during a burst it just renders whatever comes next.",
    "factory floor: PLC values mirrored to operator HMIs in real time. the historian already records everything directly from the PLCs, the bus is just for the live screens, so nothing on it needs retention",
    "smart-home hub: motion events drive the lights instantly. a motion event that shows up 5 s late is worse than no event at all, so we drop anything delayed",
    "chat app: messages themselves are stored by the chat service in cassandra. what we need a broker for is the 'user is typing' and 'user read up to X' signals between app servers; those are fire-and-forget for us",
    "Sports betting odds to the mobile app: odds move constantly, only the current line is valid, and a bet placed on stale odds gets rejected server-side anyway.",
    "audio conference: per-participant volume levels pushed to all attendees 10x a second for the speaking indicator. dropping some is totally harmless",
    "Video wall controller: commands to switch layouts. If a command is lost the operator just presses the button again; we don't want queued commands firing minutes later",
    "collab whiteboard: pointer positions of other users. ephemeral by nature, only meaningful while you're looking at the board",
    "robot vacuum app shows the live cleaning map while the robot runs. when you open the app mid-run you just get the map from that point on",
    "k8s operator publishes reconcile hints to its workers; if a worker misses one, the periodic resync picks it up. no ordering, no storage",
    "ad auction: bid requests fan out to bidders with a 100ms deadline. a bid that arrives after the deadline is discarded, and nothing is ever replayed",
    "We have an ops dashboard showing queue depths across services, refreshed every 5 s. No history in this path; Prometheus has the history.",
]

# Said in words still not read: they must at least not read "yes".
NOT_READ = [
    "cache invalidation notices: when a product row changes we tell every api node to evict the key. if a node misses one the ttl catches it anyway",
    "the bus is purely a doorbell, the real data sits in postgres and consumers query it when poked",
    "the sensor resends its full state every tick so a lost packet costs nothing",
    "pings between the load generator nodes, only to know who's alive right now",
    "it's a notify-only channel; the source of truth is the orders db and consumers re-read it when they get the nudge",
    "temperature readings for the live wall display only; the historian gets its copy straight from the plc, not from us",
    "messages live for as long as it takes to fan them out, then they're gone",
    "no one will ever ask what the price was at 10:03:12 from this system, it's a live view",
    "keepalive messages between edge agents and the hub, the hub only cares whether it heard from you in the last 10s",
    "we send job-finished pokes to the ui and the ui then fetches the result over rest. if a poke is lost the user hits refresh",
    "nothing in this flow needs to be recoverable",
    "live sports scores to the app. if the phone is in the background it misses those and gets the current score when opened",
    "there's no downstream that needs these later, they're consumed instantly or not at all",
    "metrics firehose for a live grafana-ish view; the long-term store scrapes separately",
    "config reload signals: if a pod misses one it picks the config up on its next poll anyway",
    "if no one's subscribed the event just evaporates, and that's exactly what we want",
    "the reading isn't chased, the sensor reports again in 10 s",
    "weather overlay updates for the flight map: each one replaces the last; a missed one just means the overlay is a few seconds old",
    "it's a 'something changed, go look' message, the real record is in mysql",
    "dropping under backpressure is the desired behavior",
    "we run a fleet of ~400 delivery vans. each van posts gps + speed every 3s to the backend, which fans it out to the dispatcher map. the map only draws where a van is now; if a position doesn't arrive the van dot just sits still for one cycle",
    "We need pub/sub for hot-reloading feature flags in ~50 services. The flags themselves live in Postgres; the message only says 'reload now', and a service that misses it reloads on its 60s timer anyway.",
    "telemetry from test rigs shown on a big screen in the lab while the test runs. after the run nobody looks at the live feed; the rig writes its own csv",
    "The drone's video metadata (heading, altitude, gimbal angle) is overlaid on the live video. Metadata older than a frame or two is of no use",
    "presence for our support agents (available/busy/away). we rebuild it from heartbeats; if the broker restarts everyone shows as away for a few seconds and then it's back. fine by us",
]

NEAR_MISSES = [
    "the latest price per symbol has to be available to any new subscriber the moment they connect",
    "we keep the latest state per device in a compacted topic so restarts can rebuild",
    "we lost a day of shipment events last month when the broker died, never again",
    "the current setup is fire and forget and consumers miss things when they redeploy; that's the main pain",
    "stale inventory counts are a real problem for us, oversells cost money",
    "presence is throwaway, but chat messages must be kept for 90 days",
    "our old syslog over udp lost lines whenever the collector restarted; the replacement should keep everything until indexed",
    "only the latest config version matters, and it must be there when a service boots",
    "the nightly reconciliation re-reads every message from the last 24h",
    "a subscriber that's offline must get the current value when it comes back",
    "if the consumer dies mid-job the task must go to another worker",
    "mosquitto retained messages give new subscribers the last value and we rely on that",
    "mqtt qos 0 is what the sensors use today but we're moving to qos 1 because readings went missing",
    "redis pub/sub drops messages when nobody's subscribed, which bit us twice",
    "dropping orders under load is not acceptable",
    "the next update supersedes the last, but regulators want every one of them archived for 5 years",
    "nobody reads old ones today, but the data science team wants to backfill from them next quarter",
    "heartbeats from the pumps must be retained for the maintenance audit",
    "fire and forget from the producer side, but the broker has to keep them until the warehouse loader pulls",
    "the price feed is live-only; separately, executions go to a durable ledger topic",
    "cache invalidation messages must not be missed, or stale prices get served for hours",
    "we can't afford to miss a single alarm, even if the control room app is restarting",
    "kafka's log compaction keeps only the latest value per key",
    "nats core forgets messages once they are delivered to connected subscribers",
    "jetstream kv keeps the last value per key",
    "does it matter if a telemetry sample is lost? we haven't decided",
    "if a tick is lost the chart is wrong until end of day, so every tick must arrive",
    "at least once, with a dlq for poison messages",
    "the old mainframe bridge was at-most-once and we want to get away from that",
    "we used to just fire and forget, then we lost a week of invoices",
    "the ui shows only the latest status but the status changes are stored so support can see the timeline",
    "we never delete old messages",
    "nobody purges the old ones",
    "if the user isn't online they don't get it, we need to fix that",
    "right now we just drop them and we lose orders",
    "short-lived connections to the broker, but every order must be kept",
    "the certificate has a lifetime of 90 days",
    "passwords are never stored in plaintext",
    "the events were never stored.",
    "consumers must be able to read the events again after a fix",
    "durability is exactly what we want",
    "the cache is purely in-memory, the order events must be kept for a week",
    "messages sent while a client was offline must be delivered when it reconnects",
    "readers that are not connected miss messages, which is a problem",
    "clicks are fine to lose, payments are not",
    "losing clicks is fine, losing payments is not",
    "we throw them away after they're acked",
    "if it's late the customer gets a refund, so every order event must arrive",
    "consumers can't catch up with the rate",
    "the consumer will catch up with the backlog later",
    "consumers need to catch up after an outage",
    "a restart wipes the queue, which bit us twice",
    "we lose messages on every deploy",
    "if a reading is lost we have a gap in the compliance report, which is not ok",
    "latest value per key, but kept in a bucket so a restarting service reads it on boot",
    "the legacy pager system would silently drop alerts; that is exactly what we're fixing",
    "clicks are fine to lose, payments absolutely not",
    "pulsar's non-persistent topics drop messages if there's no consumer",
    "we need to be able to replay the last hour of positions for incident review",
    "old quotes are kept for best-execution audits",
    "nobody reads old messages except the auditors, who read all of them",
    "if the subscriber is down, messages must wait for it",
    "we got burned when the queue dropped unacked messages during a failover",
    "is it fine to lose a sample? not sure, ask the data team",
    "only the newest firmware manifest matters, but it has to be there when a device boots next week",
    "we lost trades when the old bus dropped messages and compliance went nuts",
    "stale positions on the dispatch map got a driver sent to the wrong street, that can't happen",
    "every price change must be kept for the market abuse surveillance team",
    "scores are live, but the final score of each match is written to the results topic and kept",
    "the current tool loses alerts whenever the pager service restarts",
    "if a device is offline, its commands must be waiting when it reconnects",
    "heartbeats are cheap, but we do need a week of them for sla reports",
    "kafka consumers that join late can still read from the earliest offset",
    "is at-most-once good enough for the fraud alerts? no idea",
    "the typing indicator is ephemeral, the chat transcript is stored forever",
    "we need at-least-once for the shipment updates, nothing may be dropped",
    "We ship gps points from the vans every 3s. Dispatch only shows the latest, but billing needs the full trail of every van for distance-based invoices.",
    "game server snapshots go to clients live, and we also record every snapshot so matches can be replayed for anti-cheat reviews",
    "feature flag changes must reach every service even if it was down during the change, otherwise it runs with the old flag for hours",
    "our current websocket gateway drops messages when a client reconnects and users end up with missing chat messages. that's the main reason for this project",
    "odds updates are fire and forget today but the regulator now requires us to keep every price we showed for 5 years",
    "motion events are ephemeral, but alarm events must be delivered to the monitoring center even if the link is down",
    "we can't afford to miss a reconcile event, the operator has no periodic resync",
    "bid responses can be late, but every won auction must be recorded for billing",
    "The old pager integration was fire-and-forget and we lost pages; the replacement must store every alert until it's acknowledged",
    "presence is rebuilt from heartbeats; order events on the other hand must survive a broker restart",
    "Redis keyspace notifications are fire and forget, which is why we're looking at streams for the order pipeline",
    "Does NATS drop messages if no subscriber is connected? We need to know before choosing.",
]


@pytest.mark.parametrize("text", READ_NO + HELD_OUT_READ_NO)
def test_needless_persistence_in_own_words_reads_no(text):
    assert persistence(text) == "no"


@pytest.mark.parametrize("text", NOT_READ)
def test_unread_ephemeral_descriptions_never_read_yes(text):
    assert persistence(text) != "yes"


@pytest.mark.parametrize("text", NEAR_MISSES)
def test_kept_data_or_complaint_never_reads_no(text):
    assert persistence(text) != "no"
