"""Live and ephemeral traffic read as nothing kept, and request-reply said as a behaviour (issue 8, s38 h83).

Class: recall of persistence "no" (and request_reply "yes") in descriptions whose answer is NATS Core, said in the
writer's own way rather than with the keyword (Guide § Decision Flowchart: "No — ephemeral messaging is fine" →
NATS Core; § Systems Under Comparison › NATS Core: at-most-once, fire-and-forget; § Use Case Decision Matrix:
"Microservice request-reply (synchronous-style RPC over messaging)" → NATS Core).  Read now: "nothing stored"
opening its own sentence; the two halves of a request-reply said throwaway or not kept ("responses are throwaway",
"no need to keep the request"); nothing that must outlive the call; an item missed and made good by the next one,
or by the receiver's own regular poll; the messaging itself holding no state, or bouncing while receivers just take
the next update; a late subscriber that needs nothing from before; "…, which is the point"; zero interest in
keeping; an age glued to its unit ("from 1s ago"); "if it's lost it's lost"; a receiver by its role (an admin, an
operator) that is not there and does not see it, or to whom it is simply not delivered; a loss that goes
unnoticed; cosmetic items ("pure ui sugar"); whatever flows through the bus said disposable; "no queueing" said
bare.  Request-reply: an ask ended by a bare wait ("asks the fraud svc yes/no and waits"), a wait for one of two
values ("waits for allow/deny"), a bounded wait ("waits up to 3s for an answer"), a wait and then carrying on
("waits for the tax amount, then continues"), "sync-style calls", a pong awaited.

Controls must not read "no" where something is kept (a stream replayed, a reply archived, a job that outlives the
request, a late arrival that needs the history, a missed message redelivered) nor request-reply where nobody waits
for an answer or the one asked is a person or a database.  Sentences written for this test; none comes from the
corpus.
"""

import pytest

from tests.parse_helpers import read

NOTHING_KEPT = [
    "live scores pushed to the app. when a broker bounces the clients just get the next update, no big deal",
    "inter-service calls: caller sends request, gets reply, like grpc but over the bus. nothing stored",
    (
        "the checkout svc asks the fraud svc yes/no and waits. if the answer doesn't come it just "
        "retries, no need to keep the request"
    ),
    "sync request-reply between services, responses are throwaway",
    "it's all rpc-style queries, no state on the bus, if a request gets lost the caller times out and tries again",
    "worst case a client misses an update and gets the next one 100ms later",
    "if nobody is subscribed the message goes nowhere, which is the point",
    "late subscribers don't need the past",
    (
        "we're building a multiplayer lobby. player inputs go server->clients 20x/s, each snapshot "
        "carries the full state so a dropped one is covered by the next. matches last ~10 min, nothing "
        "about them is kept after"
    ),
    (
        "our k8s operator needs to tell every node agent to reload certs. agents that are down get the "
        "current certs when they start, so the reload signal itself is throwaway"
    ),
    (
        "feature flags service: on change we broadcast an invalidation so sidecars refetch. a sidecar "
        "that misses it refetches on its 30s poll anyway. ~50 services, few hundred pods"
    ),
    (
        "collab cursor sync: each client publishes its cursor at 10hz, all other clients in the room "
        "render it. losing a few is invisible, there's no reason for any of this to hit disk"
    ),
    (
        "market data fanout to internal dashboards. the desk's system of record is elsewhere; on the "
        "bus, ticks are only worth something for a few hundred ms and no consumer ever asks for an older "
        "one"
    ),
    (
        "health pings between microservices every 5s. a missed ping only matters if 3 in a row are "
        "missed, and then we mark the instance down. no need for the broker to remember pings"
    ),
    (
        "pricing api: the web tier calls the pricing service over the bus and waits for the price, p99 "
        "must be under 10ms. the request carries everything needed, nothing is recorded on the messaging "
        "side"
    ),
    (
        "we want to move internal service calls off http. pattern is always: caller sends a request, "
        "exactly one instance of the callee handles it and responds. if the callee is down the caller "
        "gets a timeout and surfaces an error - no queueing"
    ),
    (
        "job status updates from workers to the web ui so users see a progress bar. the final result is "
        "saved by the worker itself; progress messages in between are pure ui sugar"
    ),
    (
        "ride app: drivers publish gps every 2s, riders subscribed to their driver see the pin move. if "
        "the app is backgrounded it just resubscribes and gets the next fix"
    ),
    (
        "need a way for our robots to broadcast their pose to the fleet manager ui. 15hz per robot, 200 "
        "robots. pose from 1s ago is meaningless"
    ),
    (
        "thinking of nats for ws fanout of 'someone reacted to your post' toasts. if you're not online "
        "you don't get the toast, you'll see the count next time you load the page"
    ),
    (
        "metrics from edge proxies, 1s resolution, only used for the live ops wall. the aggregated "
        "numbers go to prometheus separately so whatever flows through the bus is disposable"
    ),
    (
        "the tractor telemetry goes to the cab display over the local network, current values only. when "
        "the display reboots it shows whatever comes in next"
    ),
    (
        "a stock ticker widget for our intranet. if the feed hiccups the widget just shows the last "
        "price until the next one arrives, nobody cares about the gap"
    ),
    (
        "live captions for video calls, words go to the participants as they're recognised. nobody "
        "scrolls back through captions, if a word is lost it's lost"
    ),
    (
        "push 'your food is being prepared' status to the app while it's open. if the app is closed the "
        "status is simply not delivered; the order page fetches the status on open anyway"
    ),
    (
        "the scheduler pings each worker with 'are you alive' and expects a pong within 1s, those that "
        "don't answer are removed. none of these pings are kept"
    ),
]

REQUEST_REPLY = [
    (
        "the checkout svc asks the fraud svc yes/no and waits. if the answer doesn't come it just "
        "retries, no need to keep the request"
    ),
    "the gateway asks the rate limiter before each call and waits for allow/deny",
    (
        "we need sync-style calls from the mobile bff to 6 backend services, answer expected in 20-50ms, "
        "the bff can't continue without it"
    ),
    "checkout calls the tax service, waits for the tax amount, then continues. should be fast, < 5ms",
]

SOMETHING_KEPT = [
    "if a payment is lost it's lost forever and we get sued",
    "if a word is lost it's lost, which is unacceptable for legal captions",
    "if the app is closed the message is not delivered until it opens again",
    "clients that miss it must be able to replay",
    "missed invalidations are a real problem, we need them durable",
    "whatever flows through the bus is audited and kept",
    "state from 5s ago must still be readable by the backfill job",
    "there is no interest in replay from the product side yet, but compliance will need it next year",
    "the order events must be replayed when we rebuild the read model",
    "we can't lose a single one, these are payments",
    "the ledger topic is replayed by new consumers from the beginning",
    "responses are logged and kept for audit for 7 years",
    "every click event is stored and reprocessed nightly",
    "if the consumer is down messages have to wait until it comes back",
    "we need the full history of price changes for backtesting",
    "durable queue for the emails, no message lost",
    "the events must survive a broker restart",
    "at-least-once delivery with redelivery if the worker crashes",
    "we stream sensor readings to the lake and keep them 90 days",
    "consumers that were offline have to catch up on what they missed",
    "services talk over HTTP to each other, the bus is only for async events that we keep for a week",
    "the audit trail of every command must be kept",
    "lost updates are not acceptable, the inventory counts must be exact",
    "we care a lot about history, analysts query last month's events",
    "the requests are queued and processed later by the batch job, they must not be dropped",
    "replay from an offset is a must",
    "each command gets a reply but both are also persisted for compliance",
    "the last 24h of telemetry must be kept so a new dashboard can backfill",
    "we don't care about latency, just that nothing is lost",
    "no loss allowed, this is billing data",
    "keep the latest value per key forever (compacted)",
    "if a node restarts we must not lose anything in flight",
    "we need to reprocess the stream whenever the model changes",
    "the events feed a search index and we rebuild it from the log",
    "nobody replies to these, they're just appended to the journal and kept",
    "we store every chat message so users can scroll back",
    "we do care about history, every change has to be replayable",
    "slow consumers must not miss anything, they catch up later",
    "retention: 30 days",
    "we need at-least-once here",
    "dropping messages under backpressure is not acceptable",
    "we never drop messages, they wait in the queue",
    "old messages are read by the reconciliation job every night",
    (
        "proposal: live activity feed for the admin console. admins who were away must be able to scroll "
        "back through what happened while they were gone"
    ),
    "matches last ~10 min and every input is kept so we can replay a match for anti-cheat review",
    (
        "the reload command must reach every agent, even ones that are down right now - they should get "
        "it when they come back"
    ),
    "pricing api over the bus, and every request/response pair is archived for regulatory reporting",
    "gps points from drivers are stored in the stream for 7 days so disputes can be checked",
    (
        "we want to move service calls off http but each call must be durable: if the callee is down the "
        "request waits in a queue until it's back"
    ),
    "live odds are pushed to sockets and every odds change is also kept for 2 years because the regulator asks for it",
    "build logs must be durable on the bus so the viewer can start reading from the beginning even after the job ended",
    "cache invalidations must not be lost: a stale price entry caused real refunds last quarter",
    "the dispatcher publishes the order and whichever courier picks it up later handles it; nobody waits for an answer",
    "inference requests go onto a queue and are processed in batches overnight, results land in s3",
    "presence history is needed for the 'last seen' analytics, we keep 30 days of transitions",
    (
        "the robot commands must be delivered even if a robot is offline for a few minutes - it executes "
        "them once it's back"
    ),
    "internal events are published to a topic and several teams replay them into their own read models",
    "webinar chat messages are stored so attendees who join late can scroll back",
    "we need every poll vote counted exactly once, no vote can get lost",
    "eta updates are kept for 90 days because customer support needs to see the history",
    "order book deltas must be buffered so a bot that reconnects can replay what it missed",
    "captions are stored with the recording so people can search them afterwards",
    "route table pushes must be durable, an envoy offline during a push must receive it when it reconnects",
    "the slack bot writes each command to a log that we replay for analytics",
    "vibration readings are also written to a topic retained for a year for predictive maintenance training",
    "no queueing delay is acceptable for trades",
    "if the worker crashes it just picks up the next message from the queue",
    "a consumer that misses it must get it redelivered",
    "clients that miss one have to catch up from the stream",
    "the job must outlive the request, results are emailed later",
    "the messages must outlive the session so the user sees them tomorrow",
    "the broker should remember every event for replay",
    "late subscribers must replay from the beginning",
    "the reply is stored for 30 days",
    "we keep the responses for audit",
    "if the operator isn't online the alert must wait until they log in",
    "no state on the client, everything lives in the stream",
    "a dropped order is covered by the nightly reconciliation",
    "if nobody is subscribed the message is queued, which is the point",
    "the point is to keep them",
    "late arrivals must see the full history",
]

NO_REQUEST_REPLY = [
    "the worker waits for the job and then processes it",
    "the consumer waits for the batch, then commits the offset",
    "the mobile app calls our REST API, then we publish an event to the bus that analytics consumes later",
    "we publish domain events; several teams consume them, no request reply anywhere",
    "it's one-way fan-out, nobody answers anything",
    "nobody replies to these, they're just appended to the journal and kept",
    "it's not a blocking call, the web tier fires an event and moves on",
    "the dispatcher publishes the order and whichever courier picks it up later handles it; nobody waits for an answer",
    "checkout publishes the order and moves on, the tax is computed later by a batch job",
    "we call the vendor and wait",
    "we file a ticket and wait",
    "the app publishes the event and waits",
    "the service calls the db, waits for the lock and then proceeds",
    "we wait for the deploy, then continue",
]


@pytest.mark.parametrize("text", NOTHING_KEPT)
def test_live_traffic_reads_as_nothing_kept(text: str) -> None:
    assert read(text)[0].get("persistence") == "no"


@pytest.mark.parametrize("text", REQUEST_REPLY)
def test_request_reply_said_as_a_behaviour(text: str) -> None:
    assert read(text)[0].get("request_reply") == "yes"


@pytest.mark.parametrize("text", SOMETHING_KEPT)
def test_kept_or_unclear_is_never_read_as_nothing_kept(text: str) -> None:
    assert read(text)[0].get("persistence") != "no"


@pytest.mark.parametrize("text", NO_REQUEST_REPLY)
def test_no_wait_for_an_answer_is_never_request_reply(text: str) -> None:
    assert read(text)[0].get("request_reply") != "yes"
