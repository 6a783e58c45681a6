"""Probes for the precision of ``latency``, ``ops`` and ``throughput``, session h16 (issue 8).

A figure, a "real-time" or a team word settles these questions only when it is said of the messaging
workload and the team that would run it.  Latency: not the time of a page, a query, a gateway, a voice
call, a NIC or another party's requirement; not a retry backoff, a per-message or per-frame cost, a scan
cycle, a measured rtt, a replica behind its primary, a figure seen in staging; a bare time budget declared
acceptable counts only near words about messages or their latency.  Ops: not a team that asks for,
reviews or receives the data, owns another system, is a business's operations staff, is named by a
relative clause of use, belongs to another party (also before a range or a comma), to a past workplace
or a friend's project; not a headcount that reviewed, attended or works on another part of the product,
a count per pod, a committee, a product's suitability claim, a wish for little ops work, a team set
aside for another system, an on-call only required, or Kafka skills still to be hired.  Throughput:
not a rate that counts API calls, HTTP traffic, static files or video, what a screen needs, a broker's
share (times the brokers) or a capacity ("can do millions of msgs/s"); size words without a figure only
lean ("low volume"), and settle only a figure between the bounds; a moderate rate is checked in bytes
when the size is said of "each" after it.

87 positives and 101 near-misses tuned on, written for this session (none taken from the eval corpus).
The HELD_OUT lists (8 positives, 17 near-misses) were written before any rule and run once after the
first rules were done: first try positives 7/8 read, near-misses 1/17 wrongly settled (a client's team
before a comma; a 30 second delay "would be acceptable" four words later was missed).  After fixing
both, 8/8 and 0/17.  The ones marked ``xfail`` are still missed."""

import pytest

from bot.advisor.parse import parse


def read(text: str) -> dict[str, str]:
    return parse(text).as_dict()


# ---- tuned on: (text, value) the reader must settle ----

LATENCY_READ = [
    ("order events have to reach the pricing service within 20ms", "low-ms"),
    ("publish to consume p99 must stay under 500 microseconds", "sub-ms"),
    ("the matching engine needs messages delivered in under 200us", "sub-ms"),
    ("fanout to the game clients should land within 50 ms", "low-ms"),
    ("a few seconds of delay on the notifications is totally fine", "low-ms"),
    ("delivery latency budget: 10ms end to end", "low-ms"),
    ("we need sub-millisecond messaging between the trading components", "sub-ms"),
    ("msgs between services need to arrive in < 5 ms", "low-ms"),
    ("seconds is fine for the email events", "low-ms"),
    ("latency target for the bus is 2ms p99", "low-ms"),
    ("end-to-end latency of the event pipeline should be below 100ms", "low-ms"),
    ("the quote updates must be delivered to subscribers in under 0.5 ms", "sub-ms"),
    ("rpc replies over the bus should come back within 15ms", "low-ms"),
    ("message latency under 100 µs is the requirement for the hft desk", "sub-ms"),
    ("latency must stay under 10ms for 95% of messages", "low-ms"),
    ("serialization costs 5 µs per message, delivery must be under 200 µs", "sub-ms"),
    ("it must add only microseconds of latency", "sub-ms"),
    ("quotes from the venue must reach the strategy in under 50 µs", "sub-ms"),
    ("data from the api must arrive in 10ms", "low-ms"),
    ("10 seconds is fine for the alerts", "low-ms"),
    ("latency? meh. anything under a second is fine", "low-ms"),
    ("request-reply must be under 5ms rtt", "low-ms"),
    ("a push that lands a few seconds late is fine", "low-ms"),
    ("messages must arrive in under 5ms every cycle", "low-ms"),
    ("updates must reach clients within a 16ms frame", "low-ms"),
    ("the lake may be at most 10 minutes behind", "low-ms"),
    ("we need p99 under 40ms; staging shows 60ms", "low-ms"),
    ("events need to get from the sensor to the alerting service in under a second", "low-ms"),
]

OPS_READ = [
    ("the whole platform is run by two of us", "small"),
    ("we are 3 engineers and nobody does ops full time", "small"),
    ("no dedicated ops people, devs run their own stuff", "small"),
    ("one sre for the entire company", "small"),
    ("our small data platform team owns the pipelines", "small"),
    ("the infra team is 9 engineers and they run the brokers", "dedicated"),
    ("we have a platform team of 12 that operates kafka", "dedicated"),
    ("a whole team is assigned to the messaging cluster", "dedicated"),
    ("solo dev here, building the backend", "small"),
    ("team of four, we do everything ourselves", "small"),
    ("our sre team (8 people) would run it", "dedicated"),
    ("two backend devs maintain the whole system", "small"),
    ("small team at a big bank, we run the payments bus", "small"),
    ("the messaging layer is looked after by the same 3 people who do everything else", "small"),
    ("the 2 of us on the integration side own the bus", "small"),
    ("three devs and a part time ops person run everything", "small"),
    ("a team of 5 runs the kafka clusters", "small"),
    ("the platform team runs the kafka clusters", "dedicated"),
    ("our infra team owns the brokers", "dedicated"),
    ("our ops team is 12 people and runs the brokers", "dedicated"),
    ("we're a small team of 3 inside a 2,000 person company", "small"),
    ("a team of 2-3 devs runs everything", "small"),
    ("the people who run kafka are 3 engineers", "small"),
    ("the team that owns the brokers is 4 people", "small"),
    ("we are a startup with 4 devs", "small"),
    ("we are 4 devs at a startup", "small"),
    ("no ops team, just two devs", "small"),
    ("two engineers maintain the broker", "small"),
    ("we are 4 devs and we own the whole stack", "small"),
    ("4 devs work on the frontend, the backend is run by our platform team", "dedicated"),
    ("we have a dedicated ops team for the brokers", "dedicated"),
    ("we have sres on call 24/7 for the kafka clusters", "dedicated"),
]

THROUGHPUT_READ = [
    ("we push about 40k events/s at peak", "moderate"),
    ("ingest is ~2M msgs per second across the fleet", "high"),
    ("roughly 200 MB/s of logs into the pipeline", "high"),
    ("5 MB/s of telemetry, give or take", "moderate"),
    ("10k devices each sending 1 msg/s", "moderate"),
    ("50,000 sensors reporting 20 readings a second each", "high"),
    ("the bus carries 800k messages a sec during the sale", "high"),
    ("around 1,000 msg/s on a busy day", "moderate"),
    ("clickstream peaks at 1.5 million events per second", "high"),
    ("we produce 3 GB/s of trace data", "high"),
    ("only ~50 messages per second", "moderate"),
    ("we ingest 1.2 billion log lines a month", "moderate"),
    ("the gateway forwards 5k msgs/s from the devices", "moderate"),
    ("we estimate 1 TB/month of events", "moderate"),
    ("the consumer processes 2k msgs/s per instance and we run 40 instances", "moderate"),
    ("we push 2k msgs/s in prod", "moderate"),
    ("volume is small: 200 msgs/s", "moderate"),
    ("low volume, a few hundred events a minute", "moderate"),
    ("we run 3 brokers and each broker sees about 10k msgs/s", "moderate"),
    ("20 workers each process 1k jobs/s", "moderate"),
    ("high throughput, ~200k msgs/s", "high"),
    ("high throughput: 20k msgs/s of 8 KB each", "high"),
    ("we handle millions of events per second", "high"),
    ("order events: a few hundred per second", "moderate"),
]

# ---- tuned on: near-misses that must not settle the question ----

LATENCY_NOT = [
    "the checkout page loads in 200ms and we want the order events to go to the warehouse",
    "the report query on postgres takes about 40ms, events go to a queue",
    "the nightly batch must finish within 2 hours, it publishes results to a topic",
    "our sla for answering support tickets is 15 minutes, the ticket events go through rabbitmq",
    "the grafana dashboard refreshes every 5 seconds from the metrics topic",
    "we use Realtime.co for presence in the chat widget",
    "the http client timeout is 30s and it retries after 500ms",
    "workers send a heartbeat every 2 seconds to the coordinator",
    "we want very low latency for the order flow",
    "as fast as possible, obviously",
    "page load p95 is 1.2s on the product page",
    "the realtime analytics company we bought uses kafka",
    "connection timeout set to 5000 ms on the producer",
    "the ml model inference takes 30ms per request",
    "the redis lookup is around 1ms",
    "gc pauses of 200ms hurt us last week",
    "the search api answers within 80 ms",
    "the read replica is never more than 30 seconds behind the primary; services publish order events to rabbitmq",
    "consumers retry with a 200ms backoff when the db is down",
    "our checkout api p99 is under 2 seconds and orders go onto a queue for fulfilment",
    "we use supabase realtime for the ui and nats for the backend",
    "our real-time bidding partner requires responses in 100ms; we just log the bids to kafka afterwards",
    "a voice call needs under 150ms mouth to ear; our signalling goes over nats",
    "the page must feel instant, under 100ms, and it reads from the cache",
    "p99 for the graphql gateway is 250ms",
    "the hashing step costs a few microseconds per message",
    "the kernel bypass nic gives sub-ms network hops, we want a broker for the risk reports",
    "p99 is 40ms at 1000 rps in staging",
    "the redis ttl is 500ms for the rate limiter",
    "the raft election timeout is 300ms",
    "mqtt qos1 to the broker, devices have 200ms rtt over lte",
    "the report in under 5 minutes is fine",
    "generating the invoice pdf within a few seconds is fine",
    "a login within 2 seconds is acceptable",
    "payment confirmation within 3 seconds is fine for the user",
    "the export finishing within 10 minutes is fine",
    "the plc scan cycle is 10ms and the robots publish status to the broker",
    "the animation must run at 16ms per frame on the tablet, state comes from nats",
]

OPS_NOT = [
    "we're a 5000 person company moving orders between services",
    "our customers are small teams who want webhooks",
    "a small number of services publish to the bus",
    "small messages, mostly json under 1kb",
    "a dedicated topic per tenant keeps things apart",
    "one engineer wrote the prototype over a weekend, it uses redis pub/sub",
    "we have 3 million users on the app",
    "the brokers run on dedicated hardware in our dc",
    "each enterprise customer gets a dedicated cluster",
    "the sales team is 12 people and they want lead events in the crm",
    "the customer's it team of 3 installs our agent on site",
    "a dedicated consumer per region reads the stream",
    "the team that consumes the events is 4 people",
    "our customers' ops teams are usually 1-2 people",
    "we need real-time dashboards for the ops team",
    "the platform team asked us to pick a broker for the new checkout flow",
    "the infra team approved the budget, we need a queue for emails",
    "our sre team will review the design doc",
    "devops team owns the ci, the broker is ours to run as app devs",
    "our field ops team is 40 people and they get alerts on their phones",
    "one sre per region, and we're in 9 regions",
    "we have a dedicated slack channel for broker alerts",
    "i worked at a startup where one engineer ran all of rabbitmq",
    "previously one engineer ran all of rabbitmq",
    "this is for a side project of a friend, but our company one is the real question",
    "the vendor pitched it as fine for a small team",
    "no ops overhead is a must, we hate babysitting brokers",
    "3 people reviewed the adr",
    "the steering committee is 4 people",
    "4 engineers attended the nats workshop",
    "each pod has 2 devs and a pm",
    "two engineers maintain the mobile app",
    "we have dedicated ops for the database but not for messaging",
    "a dedicated on-call for payments exists, not for the bus",
    "platform people keep asking us which broker to standardise on",
    "24/7 on-call is required by our customers' contracts",
    "kafka expertise is something we'd have to hire for",
]

THROUGHPUT_NOT = [
    "we have 2 million users on the platform",
    "10,000 devices connect to our cloud",
    "we keep 500 GB of history in the topic",
    "the bill is $300k a year for the cluster",
    "nats listens on port 4222 in our setup",
    "99.99% uptime is the target",
    "we do 100 deploys a day",
    "postgres handles 50k queries per second for us",
    "high-throughput ingestion is a must",
    "the nginx in front does 30k req/s of static files",
    "the disks do 1.5 GB/s sequential",
    "the front end makes 2k api calls a second to our backend",
    "the service does 800 rps of http traffic from the browser",
    "the gui only needs 5 updates a second, the robots publish far more",
    "low-rate summaries go up to the cloud for the dashboards",
    "traffic is light and the team is small",
    "streaming video platform: we push 400 Gbps of video through the cdn; the messaging is just for transcoding jobs",
    "the benchmark hit 50k msg/s on one node",
    "the old system did 3k msgs/s before we retired it",
    "each of the 8 brokers handles 50k msgs/s",
    "high volume. each sensor sends 10 msgs/s",
    "huge volumes, the benchmark hit 50k msg/s on one node",
    "kafka can do millions of msgs/s but we need maybe 200 msgs/s",
    "nats is known for millions of msgs per second",
]

# ---- held out: written before any rule, run once after them (see the docstring) ----

HELD_LATENCY_READ = [
    ("sensor readings should reach the control loop in less than 2 ms", "low-ms"),
    ("we need each price tick delivered within 300 microseconds", "sub-ms"),
    ("a 30 second delay on the audit events would be acceptable", "low-ms"),
    ("chat messages need to show up for the other person within 100ms", "low-ms"),
]
HELD_LATENCY_NOT = [
    "the landing page renders in 400ms, signups go into a queue",
    "the etl deadline is 6am, jobs are triggered through sqs",
    "the support desk aims to reply within 4 hours",
    "the leaderboard widget refreshes every 10s",
    "we retry failed deliveries every 30 seconds",
    "RealtimeBoard (the whiteboard tool) is where we sketch the design",
    "elasticsearch queries take 150ms on average",
]
HELD_OPS_READ = [
    ("our ops side is literally one person", "small"),
    ("there's a dedicated infra group of about 15 that would own it", "dedicated"),
]
HELD_OPS_NOT = [
    "we're a startup of 40 people selling to smes",
    "a small set of producers writes to it",
    "each tenant has a dedicated queue",
    "the intern built the first version",
    "our clients' teams are tiny, usually 2 devs",
]
HELD_THROUGHPUT_READ = [
    ("120 MB/s sustained from the collectors", "high"),
    ("about 8k msgs/s on the order bus", "moderate"),
]
HELD_THROUGHPUT_NOT = [
    "we have 20,000 trucks on the road",
    "the database is 800 GB",
    "our plan costs 2,000 dollars a month",
    "the load balancer terminates 900k tls handshakes a second",
    "we ship 60 releases a week",
]

# Still missed (reported, not hidden).
MISSED = {
    # "get from … to … in under a second" is not read as a delivery bound
    "events need to get from the sensor to the alerting service in under a second",
}


def _mark(cases: list[tuple[str, str]]) -> list[object]:
    missed = pytest.mark.xfail(strict=True, reason="still missed")
    return [pytest.param(t, v, marks=missed) if t in MISSED else (t, v) for t, v in cases]


@pytest.mark.parametrize(("text", "value"), _mark(LATENCY_READ + HELD_LATENCY_READ))
def test_latency_read(text: str, value: str) -> None:
    assert read(text).get("latency") == value


@pytest.mark.parametrize("text", LATENCY_NOT + HELD_LATENCY_NOT)
def test_latency_not_settled(text: str) -> None:
    assert read(text).get("latency") is None


@pytest.mark.parametrize(("text", "value"), _mark(OPS_READ + HELD_OPS_READ))
def test_ops_read(text: str, value: str) -> None:
    assert read(text).get("ops") == value


@pytest.mark.parametrize("text", OPS_NOT + HELD_OPS_NOT)
def test_ops_not_settled(text: str) -> None:
    assert read(text).get("ops") is None


@pytest.mark.parametrize(("text", "value"), _mark(THROUGHPUT_READ + HELD_THROUGHPUT_READ))
def test_throughput_read(text: str, value: str) -> None:
    assert read(text).get("throughput") == value


@pytest.mark.parametrize("text", THROUGHPUT_NOT + HELD_THROUGHPUT_NOT)
def test_throughput_not_settled(text: str) -> None:
    assert read(text).get("throughput") is None


def test_small_volume_words_only_lean() -> None:
    """'low-rate', 'traffic is light': weak evidence of moderate, never settled."""
    result = parse("low-rate summaries go up to the cloud")
    assert "throughput" not in result.as_dict()
    assert [(lean.question, lean.value) for lean in result.leans] == [("throughput", "moderate")]


# ---- a moderate rate checked in bytes: the size said of "each" after the rate (tuned on) ----

BYTES_BETWEEN = [
    "target is a billion events a day, ~12k/s on average, each around 2 KB",
    "around 20k msgs/s, 4 KB each",
]
BYTES_MODERATE = [
    "about 5k msgs/s, 1 KB each",
    "we do 3k events/s, each about 300 bytes",
    "12k events/s; 3 brokers with 64 GB each",
]


@pytest.mark.parametrize("text", BYTES_BETWEEN)
def test_rate_past_the_byte_bound_is_asked(text: str) -> None:
    assert read(text).get("throughput") is None


@pytest.mark.parametrize("text", BYTES_MODERATE)
def test_rate_within_the_byte_bound_stays_moderate(text: str) -> None:
    assert read(text).get("throughput") == "moderate"
