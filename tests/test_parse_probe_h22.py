"""Probes for existing investment (current_system) and stream processing told without product names,
session h22 (issue 8, failure classes 8 and 5).

Sentences written for this session (none taken from the eval corpus or the lexicon).  HELD_OUT lists were
written before any rule and are reported separately.
"""

import pytest

from bot.advisor.parse import parse


def _xfail(item: object, reason: str) -> object:
    values = item if isinstance(item, tuple) else (item,)
    return pytest.param(*values, marks=pytest.mark.xfail(reason=reason, strict=True))


# ---- current_system: the system the team runs today ----
CURRENT_POS = [
    ("we already run kafka for the clickstream, question is about the new billing events", "kafka"),
    ("all the shipment data already lives in kafka topics so whatever we pick has to read from there", "kafka"),
    ("we have a couple of kafka people in-house, the rest of the team is mostly python devs", "kafka"),
    ("our msk cluster handles ingest today; need something for device commands", "kafka"),
    ("everything today goes through rabbitmq, around 40 queues", "other"),
    ("we're on sqs + sns for the order flow atm", "other"),
    ("the legacy bus is activemq and it's painful to upgrade", "other"),
    ("today services talk via redis pub/sub, which drops stuff when a pod restarts", "other"),
    ("we've had nats in prod for two years, mostly request/reply between microservices", "nats"),
    ("ops already knows confluent cloud pretty well", "kafka"),
    ("our events land in kinesis, then a lambda fans them out", "other"),
    ("the team has been running rabbit since 2019", "other"),
    ("currently everything is glued together with google pub/sub", "other"),
    ("the fleet telemetry goes over jetstream right now", "nats"),
    ("infra runs a 5 broker kafka cluster on eks for the data team", "kafka"),
    ("we use azure service bus between the booking and payment svcs", "other"),
    ("at the moment the matching engine publishes to nats core and the gateways subscribe", "nats"),
    ("the whole backend is wired through rabbitmq today", "other"),
    ("our existing pulsar setup is getting expensive", "other"),
    ("msk is what we have, and nobody wants a second broker", "kafka"),
    ("our sre team knows nats inside out", "nats"),
    ("events from the pos terminals are pushed into kinesis streams", "other"),
    ("the mqtt bridge feeds into our nats cluster", "nats"),
    ("the ledger service consumes from the payments topic in kafka", "kafka"),
    ("we lean on sns fan-out to sqs queues for everything async", "other"),
    ("the current stack is celery with a redis broker", "other"),
    ("the platform folks already operate activemq artemis for the mainframe bridge", "other"),
]

CURRENT_NEAR = [
    ("should we use kafka or nats for the new telemetry service?", None),
    ("kafka vs nats for a greenfield iot project, no existing infra", None),
    ("we evaluated kafka last year and rejected it, too heavy", None),
    ("unlike kafka, nats doesn't need zookeeper, which is appealing", None),
    ("we want to move to nats for the edge stuff", None),
    ("one of our customers runs kafka and wants a feed from us", None),
    ("ideally something with a kafka-compatible api so existing tooling works", None),
    ("kafka is a distributed log with partitions and consumer groups", None),
    ("thinking about rabbitmq for the job queue", None),
    ("we used to run activemq years ago but it was decommissioned", None),
    ("a friend said redis pub/sub is enough for chat", None),
    ("would msk make sense for us given we're small?", None),
    ("the vendor's platform uses kinesis internally", None),
    ("nats is popular in the k8s world", None),
    ("we're moving off rabbitmq to nats", "other"),
    ("migrating from sqs to kafka next quarter", "other"),
    ("is confluent cloud worth the money for a 4 person team?", None),
    ("we're planning to introduce kafka for analytics", None),
]

# ---- stream_processing: computation over the stream, no product named ----
STREAM_POS = [
    "we need to join the clicks stream with the impressions stream to get ctr per campaign",
    "running balances per account kept in state stores, updated on each txn",
    "counts per 5 minutes per store for the ops dashboard, computed as sales come in",
    "tumbling windows of 1 min over sensor readings, alert if avg > threshold",
    "dedup and enrich events with customer data before they hit the warehouse",
    "sessionisation of the user clickstream: group events into sessions with a 30 min inactivity gap",
    "continuous queries over the event stream to flag suspicious logins",
    "materialised views that update as orders arrive",
    "detect patterns across events within 10 s, e.g. three failed logins then a password reset",
    "rolling 24h totals per merchant, updated with every payment",
    "enrich each ride event with the driver profile in flight and compute surge per zone per minute",
    "keep per-device state and emit an alert when temp rises 3 readings in a row",
    "correlate alarms from different network elements within a few seconds",
    "stateful processing of the trade stream: vwap per symbol every second",
    "a moving average per sensor over the last 10 minutes, recomputed on each reading",
    "dedupe retries by idempotency key within a 1h window before fan-out",
    "streaming joins between orders and shipments keyed by order id",
    "sessionize player events into matches and compute per-match stats live",
    "complex event processing for fraud: card used in two countries within 5 min",
    "we compute per-minute error rates from the request events and alert on spikes",
    "incrementally maintained aggregates keyed by customer as events land",
    "hopping windows of 10 s for the bidding counters",
    "a materialized view of stock levels kept current from the inventory events",
    "deduplicate the meter readings and aggregate them per household every 15 min as they stream in",
]

STREAM_NEAR = [
    "a nightly batch job aggregates yesterday's orders into the warehouse",
    "the dashboard reads from postgres every 30 s",
    "we process orders: a consumer picks one up, charges the card, sends the email",
    "a stream of logs shipped to elastic via fluent-bit",
    "we'll aggregate the data in the warehouse later with dbt",
    "etl runs hourly and loads into snowflake",
    "the app joins the team channel on startup",
    "we stream video to viewers, sessions last ~40 min",
    "a cron job counts signups per day",
    "reports are generated by a spark batch job each morning",
    "the service keeps session state in redis for logged in users",
    "the query service joins two tables in postgres",
    "we enrich the user profile when they sign up",
    "each order event is processed once and written to the db",
    "materialized views in postgres get refreshed every night",
    "the analysts run windowed queries in bigquery once a week",
]

# ---- round 2 (written before its rules): parts that talk through a system, a system's queue named by
# what it holds, a window's figure sent when the window closes ----
CURRENT_POS_2 = [
    ("the order and stock services talk to each other through rabbitmq", "other"),
    ("our microservices communicate over nats today", "nats"),
    ("workers and the api talk through redis, nothing fancy", "other"),
    ("the scheduler and its agents communicate via kafka", "kafka"),
    ("image jobs sit in a redis job queue until a gpu worker grabs them", "other"),
    ("debezium moves every row change into kafka", "kafka"),
    ("a connector pumps the crm events into our kinesis stream", "other"),
]
CURRENT_NEAR_2 = [
    ("we'd like the services to talk to each other through nats", None),
    ("should the services communicate via kafka or grpc?", None),
    ("a redis job queue would be enough for this, right?", None),
    ("we could move everything into kafka eventually", None),
    ("talk to the kafka team before picking anything", None),
]
STREAM_POS_2 = [
    "sum the usage records per customer and emit the total once each hour closes",
    "keep counting clicks per ad and publish the count when the window closes",
]
STREAM_NEAR_2 = [
    "the billing job runs once the month closes",
    "the report is emailed when the quarter ends",
]
HELD_2: list[object] = [
    ("the checkout and inventory services chat over sqs", "current_system", "other"),
    ("jobs are parked in a redis task queue", "current_system", "other"),
    ("maybe the services could communicate through nats later", "current_system", None),
    ("flush the per-minute aggregate as soon as the window closes", "stream_processing", "yes"),
    ("we archive the logs when the day ends", "stream_processing", None),
]

# ---- round 3: near-misses aimed at the new rules (the know-how, the likeness, the window's length and close);
# the first run settled five wrongly (two of them already on main: know-how denied before "with kafka") ----
CURRENT_NEAR_3 = [
    ("nobody here knows kafka well", None),
    ("we have little experience with nats", None),
    ("the team isn't familiar with rabbitmq", None),
    ("everyone already knows kafka is a pain to run", None),
    ("none of us have deep experience with kafka", None),
    ("a kafka-like log would be nice", None),
    ("we want nats-style subjects", None),
    ("the new topic in kafka will carry refunds", None),
    ("we talk to redis through a connection pool", None),
    ("the services talk over http and cache things in redis", None),
    ("an sqs-compatible endpoint in front of the workers", None),
    ("we have years of experience with rabbitmq", "other"),
]
STREAM_NEAR_3 = [
    "counts per 5 minutes are shown on a grafana panel from prometheus",
    "a rolling 30-day average of uptime for the sla report",
    "page me if the service fails 3 health checks in a row",
    "retry 3 times in a row then alert",
    "the game server emits the results once the session ends",
    "the maintenance window closes at 6am",
    "send the invoice totals when the month ends",
    "the payroll job sums hours per employee every 15 minutes",
]

# ---- round 4: more forms of both, written before looking at what the parser does ----
CURRENT_4 = [
    ("the data lives in msk today", "kafka"),
    ("the whole company is on rabbitmq", "other"),
    ("we've been on sqs forever", "other"),
    ("all our pipelines already read from kinesis", "other"),
    ("ops runs a big activemq cluster nobody loves", "other"),
    ("we inherited a nats setup from the previous team", "nats"),
    ("most events go through eventbridge at the moment", "other"),
    ("we're a rabbitmq shop and want to know if that's still ok", "other"),
    ("kafka would mean hiring, we have no kafka people", None),
    ("if we were on kafka this would be trivial", None),
    ("our competitor runs everything on nats", None),
    ("the book uses rabbitmq for its examples", None),
    ("this tutorial runs kafka in docker", None),
    ("our guide service publishes to kafka", "kafka"),
]
STREAM_4 = [
    ("fraud rules evaluate each card swipe against the last hour of swipes for that card", "yes"),
    ("we dedupe clicks within a 10 minute window and then count them per campaign", "yes"),
    ("keep a live count of seats per flight as bookings come in", "yes"),
    ("compute 1-min ohlc bars for every ticker from the trade feed", "yes"),
    ("sessionise web visits with a 30m idle timeout", "yes"),
    ("we export a csv of yesterday's sessions every morning", None),
    ("the consumer writes each reading to timescale", None),
    ("counts per day go into the monthly report", None),
    ("the service joins the cluster on boot", None),
    ("compare against the last hour of kubernetes logs", None),
    ("compare against the last hour of logs in splunk", None),
    ("score each login against the past hour of logins", "yes"),
]
HELD_4: list[object] = [
    ("jetstream has been our backbone since 2023", "current_system", "nats"),
    ("our stack is postgres, redis and rabbitmq on k8s", "current_system", "other"),  # read since session 30
    ("compared to sqs, nats looks cheaper", "current_system", None),
    ("maintain per-user feature counters updated on every event", "stream_processing", "yes"),
    ("alert when a machine's vibration average over the last 30 s exceeds the limit", "stream_processing", "yes"),
    ("we keep 7 days of data in kafka", "stream_processing", None),
]

# ---- HELD-OUT: written before any rule, never tuned on ----
HELD_CURRENT_POS: list[object] = [
    ("fwiw our stuff is all on rabbitmq right now, ~15 services", "other"),
    ("the click events already sit in a kafka topic, retention 7d", "kafka"),
    ("we have strong in-house kafka expertise from the old ad platform", "kafka"),
    ("today it's sqs everywhere, one queue per consumer", "other"),
    ("been running nats on our k8s clusters since early 2022", "nats"),
    ("our aws msk bill is the reason this thread exists", "kafka"),
    ("inter-service calls currently go over nats request/reply", "nats"),
    ("the warehouse feeds off our confluent cloud topics", "kafka"),
    ("our payments team lives in kinesis land", "other"),
    ("all async work goes through activemq today", "other"),
]
HELD_CURRENT_NEAR: list[object] = [
    ("we're wondering if nats could replace what we'd otherwise build on kafka", None),
    ("rabbitmq or sqs for a brand-new side project?", None),
    ("we rejected kinesis after a spike in 2021", None),
    ("the partner company pushes their data through msk", None),
    _xfail(("the long-term goal is to be on nats everywhere", None), "a goal is not read as a plan marker"),
    ("kafka is known for high throughput", None),
]
HELD_STREAM_POS: list[object] = [
    _xfail(
        "join the gps stream against the geofence updates to know when a truck enters a depot",
        "a stream joined 'against' a feed named by its updates",
    ),
    "we keep running totals of inventory per sku updated from every sale event",
    "5-minute tumbling counts of failed payments per gateway",
    "dedupe the webhook events and enrich them with account info before they reach the lake",
    "sessionization of app events per device",
    "continuous aggregation of bids per auction while it's open",
    _xfail(
        "flag a user if they trigger 5 password resets within 60 seconds", "a count within a span of a noun not listed"
    ),
    "keep a materialized view of open tickets per agent, updated as ticket events come in",
    "compute p95 latency per endpoint over sliding 1 min windows from the span events",
]
HELD_STREAM_NEAR = [
    "the finance batch runs at 2am and totals the day",
    "grafana reads the metrics from prometheus",
    "we consume signup events and send a welcome email",
    "logs stream to splunk",
    "aggregation happens in the warehouse afterwards",
    "hourly etl from postgres to redshift",
]


def _answer(text: str, question: str) -> str | None:
    return parse(text).as_dict().get(question)


@pytest.mark.parametrize(
    ("text", "value"), CURRENT_POS + CURRENT_NEAR + CURRENT_POS_2 + CURRENT_NEAR_2 + CURRENT_NEAR_3
)
def test_current_system(text: str, value: str | None) -> None:
    assert _answer(text, "current_system") == value


@pytest.mark.parametrize(("text", "value"), HELD_CURRENT_POS + HELD_CURRENT_NEAR)
def test_current_system_held_out(text: str, value: str | None) -> None:
    assert _answer(text, "current_system") == value


@pytest.mark.parametrize("text", STREAM_POS + STREAM_POS_2)
def test_stream_processing_described(text: str) -> None:
    assert _answer(text, "stream_processing") == "yes"


@pytest.mark.parametrize("text", STREAM_NEAR + STREAM_NEAR_2 + STREAM_NEAR_3)
def test_stream_processing_near_miss(text: str) -> None:
    assert _answer(text, "stream_processing") != "yes"


@pytest.mark.parametrize("text", HELD_STREAM_POS)
def test_stream_processing_held_out(text: str) -> None:
    assert _answer(text, "stream_processing") == "yes"


@pytest.mark.parametrize("text", HELD_STREAM_NEAR)
def test_stream_processing_held_out_near_miss(text: str) -> None:
    assert _answer(text, "stream_processing") != "yes"


@pytest.mark.parametrize(("text", "question", "value"), HELD_2)
def test_round_2_held_out(text: str, question: str, value: str | None) -> None:
    assert _answer(text, question) == value


@pytest.mark.parametrize(("text", "value"), CURRENT_4)
def test_round_4_current_system(text: str, value: str | None) -> None:
    assert _answer(text, "current_system") == value


@pytest.mark.parametrize(("text", "value"), STREAM_4)
def test_round_4_stream_processing(text: str, value: str | None) -> None:
    assert _answer(text, "stream_processing") == value


@pytest.mark.parametrize(("text", "question", "value"), HELD_4)
def test_round_4_held_out(text: str, question: str, value: str | None) -> None:
    assert _answer(text, question) == value
