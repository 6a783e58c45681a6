# ruff: noqa: E501
"""Two workloads in one description (issue 8, failure class 7), session h20.

A text that describes two traffics with different needs is read as two workloads (``advise(...).workloads``),
and where they lead to Kafka and NATS the recommendation is ``hybrid`` (both to NATS: JetStream, the corpus
convention).  Precision first: one flow's requirements, a product comparison, one pipeline in stages and
history ("we went from rabbitmq to kafka") must not be split into workloads served by different systems.

Mechanism (bot/advisor/parse.py, knowledge/data/lexicon.yaml, bot/advisor/engine.py):
- contrast adverbs as workload markers ("by contrast", "on the flip side", "conversely"), also after the
  sentence's subject ("orders, in contrast, must be kept"); "the rest of the traffic", "everything else goes
  …", "the other direction … :";
- a share of the work sent to a system named after it (lexicon ``workload_destinations``: "purchases go to
  kafka", "the pings ride on nats") parts the text as "kafka for X, nats for Y" does (``_contrasted``):
  within a sentence at its strongest joiner, across sentences only when no sentence gives the systems their
  shares; each such share must state something; a next stage ("and then written to kafka", "which …",
  "from there they …"), a pronoun about the first share, or a text telling the past parts nothing; a
  product's traits between its name and "for" ("kafka is built for replay") give no share;
- a phrase that sets another workload aside ("separately from the presence pings (…), we need …", lexicon
  ``workload_asides``) parts the text after its comma when the two parts state different needs (``_differ``);
- opposite persistence inside one sentence parts at ", while/whereas/but <subject>" (``_opposed_persistence``);
- "split by X:" announces a list only right before a colon or a dash;
- a workload's own leans ("replayed into spark") weigh for it as they would for its text alone (engine).

Figures (split into >= 2 workloads with the labelled recommendation; near-misses: not hybrid and not split
into workloads served by different systems), main -> this branch:
- tuned on: 23/38 -> 33/38; near-misses 41/41 -> 41/41 (no false split).
- HELD_OUT (written first): 8/15 -> 11/15, near-misses 9/9 -> 9/9.  Its counts (never its outputs) were
  printed on each run while tuning; its outputs were read after the second commit (then 9/15), and the
  third commit's "split by X:" answers one of its texts, so 11/15 is partly tuned.
- HELD_OUT_2 (written after the second commit): first try 5/10 (main 2/10), 0/8 false splits; after the
  third commit 6/10, 0/8.
Fifteen labels were corrected from "hybrid" to "nats-jetstream" before any change (a kept workload with no
Kafka signal beside a NATS Core one is JetStream by the flowchart), two tuned labels after reading the output
(marked).  ``xfail`` marks the remaining misses with their reason: most are a workload's words not read
(persistence "no" in new words, a rate in "points/s"), not the split.
"""

import pytest

from bot.advisor.engine import advise


def _xfail(text: str, expected: str, reason: str) -> object:
    return pytest.param(text, expected, marks=pytest.mark.xfail(reason=reason, strict=True))


# ---- HELD-OUT (written first, before any change; never tuned on) ----
HELD_OUT_SPLIT = [
    _xfail("two kinds of messages in our fleet app: gps pings from 40k vans every few secs that nobody cares about once they're stale, and delivery proofs that must be stored for 2 years and replayed into the warehouse", "hybrid", "'nobody cares about once they're stale' is not read as persistence no"),
    _xfail("ok so the setup: order events get written to kafka, we keep them 30 days and replay for backfills. the price quotes go over nats, request/reply, sub-ms-ish, nothing stored", "hybrid", "split right; the order events' workload states persistence only (the current system stays with the description), so JetStream; the label counts the named kafka"),
    ("hot path: game-state updates to players, latest state only, <5ms, losing one is fine. cold path: match results land in the lake for the analytics folks, retained forever", "hybrid"),
    ("the fraud scoring is sync request-reply between services, needs an answer in a couple ms. in contrast, the clickstream (~1M events/s) has to be persisted and fed into flink for sessionization", "hybrid"),
    _xfail("our telemetry and our commands behave very differently — robots stream sensor readings at 900k/s that we aggregate and keep for a year; the control commands to the robots are fire and forget, sub-millisecond", "hybrid", "split right; '900k/s' said of the robots is asked (a per-device rate?), so the telemetry workload is not high throughput"),
    ("separately from the chat presence stuff (ephemeral, who's online, no storage), we need an audit log of every message, persisted, replayable for 7 yrs", "nats-jetstream"),
    ("for the ledger we need exactly-once, durable storage and replay. for the ui notifications we only need low latency push, dropping some is ok", "hybrid"),
    ("on one side there's CDC from mysql via debezium into the lakehouse; on the other side, microservices doing request/reply rpc with tight latency", "hybrid"),
    ("two separate needs: (1) ingest 2M log lines/s and keep them 14 days for reprocessing; (2) push config updates to edge devices, only the latest matters", "hybrid"),
    _xfail("heavy stuff — the billing event stream, persisted, 90 day retention, replay — goes to kafka. the lightweight pings between services we'd put on nats core", "nats-jetstream", "the pings' share states nothing ('lightweight pings' is not read); a silent share across sentences parts nothing"),
    ("the plant floor sends machine heartbeats that are useless after a second, drop them if nobody listens. meanwhile the quality team wants every inspection record stored and replayable for audits", "nats-jetstream"),
    ("2 workloads: a) metrics fan-out to dashboards, ephemeral, ms latency. b) payment events, durable, must be replayed on failure, exactly-once", "hybrid"),
    ("the first one is the live cursor positions for collab editing, no persistence at all. plus a second flow: nightly batch of invoices that has to be persisted and loaded into s3", "hybrid"),
    ("we split messages by importance: trades must be durably logged and replayable for regulators; market data ticks are fire-and-forget, latest wins, microseconds matter", "nats-jetstream"),
    ("kafka will carry the clickstream into the warehouse (keep 7 days, replay). nats will carry the request/reply between the api gateway and the pricing service", "hybrid"),
]

HELD_OUT_ONE = [
    "we need persistence, replay for 30 days, about 200k msgs/s, and low latency too, ideally under 10ms. small team of 3.",
    "kafka vs nats for our iot pipeline? devices publish telemetry, we need to keep it a week",
    "we moved from rabbitmq to kafka last year; now events are kept 14 days and replayed when consumers crash",
    "the pipeline: devices publish readings, a stream job aggregates them, then the results are stored in postgres and replayable from the log",
    "first the ingest layer takes in clicks, then the enrichment stage joins them with user profiles, and finally they're loaded into the lake. all durable.",
    "two things: throughput is around 50k msgs/s and we need every message persisted for replay",
    "nats gives you request-reply natively, kafka gives you replay. which fits a chat app where messages must be stored?",
    "additionally, the events must be kept 30 days. we do cdc from postgres to downstream services",
    "our order service publishes events, the shipping service consumes them; both need the events kept and replayable, latency around 50ms ok",
]

# ---- HELD-OUT 2 (written after the second commit, before any further change; never tuned on) ----
HELD_OUT_2_SPLIT = [
    ("leaderboard deltas get pushed over nats to the game clients and nobody cares about old ones; match replays are stored in kafka for 30 days and fed to the anti-cheat flink job", "hybrid"),
    ("the payment webhooks land in kafka with 14d retention and a debezium sink to the warehouse, whereas the internal health checks go over nats with request/reply", "hybrid"),
    _xfail("the driver app's live eta pings are thrown away after a few seconds. shipment scans, by contrast, must be persisted for 2 years and loaded into bigquery", "hybrid", "'thrown away after a few seconds' is not read as persistence no"),
    ("our iot command channel is request/reply with a 3ms budget and zero storage. on the flip side, meter readings from 2M homes arrive at 700k/s and are kept for 13 months", "hybrid"),
    _xfail("the bulk is ephemeral chat presence updates, dropped if nobody is connected. the rest of the messages are audit records, kept 10 years and loaded into the compliance lake", "hybrid", "split right; 'loaded into the compliance lake' is not read as a data lake"),
    _xfail("we push robot arm setpoints through nats with sub-millisecond latency, and the sensor history goes to kafka (1.2M points/s, 7 days retention)", "hybrid", "split right; '1.2M points/s' is not read as a rate (points only in words)"),
    ("price alerts ride on nats core, fire-and-forget; trade confirmations get written to kafka and kept for 7 years", "nats-jetstream"),
    _xfail("inventory deltas go to kafka via debezium from postgres; the kiosk screens get their menu refresh over nats, latest only", "hybrid", "'latest only' is not read as persistence no, so the kiosk share states nothing"),
    ("the chat messages themselves are persisted and replayable. typing indicators, in contrast, are ephemeral", "nats-jetstream"),
    ("sensor frames at 1.5M/s stream into kafka for windowed aggregation. the other direction is simpler: firmware commands to the gateways, request/reply, nothing stored", "hybrid"),
]

HELD_OUT_2_ONE = [
    "events go to kafka first and then get mirrored into nats for the edge sites; all of it is kept 7 days",
    "we used to send telemetry over rabbitmq; these days it goes to kafka and is stored 30 days",
    "kafka is optimised for throughput and retention, nats is designed for low latency. we have one stream: sensor data, 50k/s, kept 7 days",
    "orders are written to kafka and kept 30 days; from there they flow on to nats subscribers downstream for live views",
    "in contrast to our old rabbit setup, everything now must be persisted and replayable for 14 days",
    "the rest of the details: 3 az, ~20k msgs/s, replay needed, small team",
    "do we route telemetry to kafka or to nats? it's 300k msgs/s and has to be kept 3 days",
    "everything else goes to kafka too, with the same 7 day retention as the order events",
]

# ---- tuned on: two workloads with different needs ----
SPLIT = [
    _xfail("we have two types of traffic: sensor samples that can be lost without drama, and billing records which must be stored durably and replayed", "nats-jetstream", "'can be lost without drama' is not read as persistence no (persistence recall, not the split)"),
    _xfail("vehicle commands go downstream, telemetry comes upstream. commands need sub-ms fire and forget, telemetry is kept 30 days for analytics", "nats-jetstream", "opposite directions ('downstream'/'upstream') announce no list here, and the items part only at a comma"),
    ("the trading side is request-reply, answers in <1ms, nothing stored. the reporting side ingests all executions into the data lake with a year of retention", "hybrid"),
    ("the notification fan-out is best effort, nobody cares if a toast is lost. separately, finance needs all transactions persisted and replayable for 5 years", "nats-jetstream"),
    ("big durable feeds like the clickstream live in kafka with 7 days retention; small ephemeral pokes between services ride on nats", "hybrid"),
    ("sync path: mobile app asks the quote service and waits for the answer, latency critical. async path: every quote is logged, retained 90d and replayed into the risk models", "nats-jetstream"),
    ("on the ingest side we pull cdc from oracle with debezium and land it in s3. on the serving side, the api does request-reply to the inventory service in a few ms", "hybrid"),
    ("the main thing is the order stream: stored, replayable, exactly once. meanwhile the ops dashboards only need live values - if a sample is dropped, whatever.", "hybrid"),
    ("first: game lobby chat, in-memory, no history needed, tiny latency. second: the match telemetry, 600k events/s, kept for two weeks for replays", "hybrid"),
    ("player positions are ephemeral and go over nats; purchases are durable and go to kafka", "nats-jetstream"),
    ("the robots get control messages with <1ms budget, fire and forget. on top of that the fleet logs, ~300MB/s, have to be aggregated and kept for a month", "hybrid"),
    ("two use cases: live price updates to browsers over websockets, stale after a second, no storage; and an event-sourced order book where every event is kept forever", "hybrid"),
    ("for the checkout flow we need request-reply with a fast answer. for the analytics feed we need every event persisted and replayable", "nats-jetstream"),
    ("ride requests are matched synchronously, request/reply, sub-10ms. trip records by contrast are stored for 7 years and streamed into the warehouse", "hybrid"),
    ("kafka for the audit trail (retained 1 year, replay), nats for the internal rpc", "nats-jetstream"),
    ("the iot gateways publish heartbeats every second, lossy is fine, we only want the latest. on the flip side, the firmware update jobs must be persisted and retried until acked", "nats-jetstream"),
    ("there are two flows. the first is a telemetry firehose of 1.5M msgs/s that must be kept 3 days for reprocessing. the second is low-latency request/reply between microservices, no persistence.", "hybrid"),
    _xfail("cold path: raw logs go to the lake, 30 day retention. hot path: alerts fired to on-call in milliseconds, nothing stored", "hybrid", "'nothing stored' and 'in milliseconds' are not read, so the hot path states nothing of its own"),
    ("our payments must never be lost and must be replayable. the typing indicators in the chat, on the other hand, are throwaway", "nats-jetstream"),
    ("we want to keep the cdc stream from postgres in kafka for replay, while the service-to-service request-reply stays on nats", "hybrid"),
    ("inventory changes are captured via cdc and pushed into the warehouse, retained 30 days. the storefront's stock lookups are request/reply and need a reply in under 2ms", "hybrid"),
    _xfail("two jobs, two tools: durable ingest of clickstream for the ml team (replay, 14 days), and a lightweight pub/sub for presence pings that nobody stores", "hybrid", "'presence pings that nobody stores' is not read as persistence no; 'two jobs, two tools' announces no list (withdrawn: see the second commit)"),
    ("the control plane: config pushes to 5k edge nodes, only the latest version matters, losing an intermediate one is fine. the data plane: request logs from those nodes, 400k/s, stored 7 days and queried later", "hybrid"),
    ("for consumer A (billing) every event must be stored and replayable; consumer B (the live map) just wants the freshest positions with minimal latency, no history", "nats-jetstream"),
    ("sensor readings stream in at 2M/s and get stored for a month for ml training. alarms are a different story: they have to reach the operator in a few ms and don't need to be kept", "hybrid"),
    ("the first workload is the event-sourced ledger with replay. a second workload: a chat feature where messages are ephemeral and delivery latency matters", "hybrid"),
    ("device commands are request/reply, answered within 5ms, no persistence needed, while the device telemetry is persisted 30 days and replayed into spark", "hybrid"),
    ("so basically two different jobs: shipping all app logs (~250MB/s) into elastic with 7 days retention, and pushing live notifications to users, fire-and-forget", "hybrid"),
    ("the core thing is the match events log, persisted and replayed into analytics. besides that, there's the live leaderboard which only needs the current scores, no storage", "nats-jetstream"),
    ("clickstream events are sent to kafka for the flink jobs; the chat typing indicators ride on nats and are never stored", "hybrid"),
    ("audit logs live in msk with 1 year retention, while the robot control pings go over nats with a 2ms budget", "hybrid"),  # audit logs read as log aggregation (Kafka); label corrected
    ("the cdc feed from mysql lands in redpanda, and service rpc goes through nats", "hybrid"),
    ("sensor dumps are loaded into the lake and kept a year. alerting is different: an alarm must reach the pager in a few ms and it is never stored", "hybrid"),
    ("checkout calls the tax service and waits for the reply, 5ms budget. the rest of the traffic is order events that we keep 30 days and feed into flink", "hybrid"),
    ("most of our messages are sync rpc between services with a tight latency budget. everything else goes through a durable log that's replayed and loaded into s3", "hybrid"),
    _xfail("two kinds of events, one of them very chatty: presence blips that are dropped when nobody listens, and 900k/s of ad impressions we keep for a week for billing", "hybrid", "the list after an aside set off by a comma is not opened (tried: 'two flows, both durable: …' then split, a wrong hybrid)"),
    ("uploads flow from the phones into kafka, where they're kept 14 days for the ml jobs. the other direction is not built yet: config pushes to the phones, where only the latest value matters and old ones can be dropped", "hybrid"),  # the uploads already flow into kafka, which the team runs: the kept share stays there (session 27: the organisation's answers hold for each workload; h20 had it on JetStream while they did not)
    ("market data gets broadcast to 300 services with microsecond latency, stale ticks are worthless. orders, in contrast, must be durably persisted and processed exactly once", "hybrid"),
]

# ---- tuned on: one workload (several requirements, a comparison, stages, history) ----
ONE = [
    "we need three things: high throughput (1M msgs/s), persistence for 7 days, and replay when consumers fall behind",
    "should we go kafka or nats? we need request-reply and low latency between ~40 microservices",
    "we migrated from rabbitmq to nats two years ago; presence updates are ephemeral, latest only",
    "ingestion stage receives events, processing stage enriches them with flink, storage stage writes to s3; everything is kept 14 days",
    "kafka is great for retention and replay, nats is lighter and faster. our use case: iot telemetry that must be stored 30 days",
    "the producer side publishes ~20k events/s; the consumer side needs them persisted and replayable for 7 days",
    "hot path: orders come in, kept 30 days. cold path: the same orders are replayed into the warehouse, also kept",
    "separately, the same events must also be retained for 90 days for audit. they come from cdc on postgres",
    "we're replacing kafka with nats jetstream because the team is tiny; messages must be kept 3 days",
    "our events are persisted for replay and also need low latency - around 5ms end to end",
    "kafka for now, maybe nats later. the workload is clickstream, 500k events/s, kept 7 days",
    "chat messages must be stored and delivered in order; typing indicators are part of the same stream and we keep them too",
    "requirements: (a) 100k msgs/s (b) 7 day retention (c) replay from any offset (d) small ops team",
    "for the record, nats handles our request/reply today and kafka handles nothing yet; the question is about the new audit log, which must be kept 5 years",
    "we use nats today for everything; does kafka make more sense if we need to keep events for replay?",
    "the data flows from devices to the gateway, then to the cloud where it's stored 30 days and replayed by consumers",
    "one team wants it fast, another wants it cheap; both agree all messages must be persisted",
    "in parallel we'll run the old rabbit cluster until cutover; the new system must persist events for 14 days and do 300k msgs/s",
    "nats is built for low-latency request/reply while kafka is built for durable replay; which one for our payments, which must be kept?",
    "events are published to nats and then written to kafka for long-term storage, ~50k/s",
    "sensors send readings to nats, and from there a bridge pushes them into kafka where they're kept 30 days",
    "we went from rabbitmq to kafka in 2022 and events now stay in kafka for 14 days",
    "kafka is known for replay. nats is known for speed. our order stream needs replay and must not lose anything",
    "our old setup sent everything over rabbitmq with no persistence; the new one sends everything to kafka with 7 day retention",
    "telemetry lands in kafka first; then a connector copies aggregates over to nats for the dashboards, all kept 7 days",
    "the old pipeline sent events over rabbitmq with no persistence; since the migration they go to kafka and are kept 14 days",
    "everything is stored in kafka for 30 days; nats is great for request/reply but we don't need that",
    "first it goes to nats, then it's written to kafka and kept 30 days",
    "with kafka, events stay in kafka for days; with nats core, messages sent to nats vanish if nobody listens. which is better for our order events that must be kept?",
    "orders must be kept 30 days and replayed. everything else about the setup is boring: small team, k8s, ~2k msgs/s",
    "the pipeline is different from our old one: events are kept 30 days and replayed by three consumers",
    "the rest of the details: retention 7 days, ~5k msgs/s, replay needed",
    "two kinds of consumers, both needing the full history: the billing service and the fraud model replay the same 30 days of payment events",
    "besides replay, we need exactly-once and about 5ms latency",
    "apart from the 7 day retention, the stream needs 400k msgs/s",
    "unlike our old rabbit setup, the new order stream must keep every event for 30 days",
    "other than that, the events must be kept 14 days and replayed",
    "we get occasional lag spikes in kafka, but nats latency has been fine for the same stream",
    "separately from kafka's own retention, we keep a copy of every event in s3 for 7 years",
    "options we weighed: sqs is easy to run but nothing in it can be replayed. pulsar retains data well. we need a bus where events are replayable for a month",
    "audit events are written to kafka and kept a year. should the low-latency pings also go to kafka, or is that overkill?",
]


def _split(text: str) -> tuple[int, set[str], str]:
    advice = advise(text=text)
    return len(advice.workloads), {w.recommendation for w in advice.workloads}, advice.recommendation


def _one_workload(text: str) -> bool:
    count, systems, recommendation = _split(text)
    return recommendation != "hybrid" and (count < 2 or len(systems) == 1)


@pytest.mark.parametrize("text,expected", SPLIT)
def test_two_workloads_are_split_and_served(text, expected):
    count, _, recommendation = _split(text)
    assert count >= 2
    assert recommendation == expected


@pytest.mark.parametrize("text", ONE)
def test_one_workload_is_not_split(text):
    assert _one_workload(text)


@pytest.mark.parametrize("text,expected", HELD_OUT_SPLIT)
def test_held_out_two_workloads(text, expected):
    count, _, recommendation = _split(text)
    assert count >= 2
    assert recommendation == expected


@pytest.mark.parametrize("text", HELD_OUT_ONE)
def test_held_out_one_workload(text):
    assert _one_workload(text)


@pytest.mark.parametrize("text,expected", HELD_OUT_2_SPLIT)
def test_held_out_2_two_workloads(text, expected):
    count, _, recommendation = _split(text)
    assert count >= 2
    assert recommendation == expected


@pytest.mark.parametrize("text", HELD_OUT_2_ONE)
def test_held_out_2_one_workload(text):
    assert _one_workload(text)
