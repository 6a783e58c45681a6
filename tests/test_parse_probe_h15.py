"""Probes for reading an existing Kafka (`current_system: kafka`) and stream processing described without
product names (`stream_processing: yes`), session h15 (issue 8, classes 8 and 5).

Kafka: the team's Kafka named by a Kafka-compatible or managed offering (Strimzi, Aiven, MSK), by Kafka's own
parts used of the team's system (consumer groups on a named topic, committed offsets, partition counts,
under-replicated partitions, consumer lag, compacted topics), or described by its cost, pain, age or keepers;
a later clause that weighs alternatives does not unsay "our kafka cluster".  Kafka only weighed, another
company's, another product's topics, or a team that left it long ago never settle it.

Stream processing: windows in the plural, one named flow joined with another, live figures computed from the
events, incremental aggregates, per-key counts per minute, dedup then aggregate.  Batch jobs, SQL joins,
media streaming, log shipping and a considered-but-not-used processor never settle ``yes``.

Sentences written for this session (none taken from the eval corpus).  The HELD_OUT lists were written before
any rule and run once after the rules were done (first try: Kafka 11/15, 0/10 wrong; stream processing 12/15,
0/10 wrong); after fixes for group ids, partition counts, lag alerts, live per-key counts, longer
dedup phrases and pattern detection, 14/15 and 15/15.  The ones marked ``xfail`` are still missed."""

import pytest

from bot.advisor.parse import parse


def read(text: str) -> dict[str, str]:
    return parse(text).as_dict()


# ---- tuned on ----

KAFKA_RUNS = [
    "our kafka cluster is costing a fortune and we're looking at options",
    "we're on MSK today, about 40 brokers across 3 AZs",
    "strimzi operator manages the brokers in our gke clusters",
    "the billing service consumes from the invoices topic with its own consumer group",
    "consumer lag on the payments topic spikes every monday morning",
    "we pay confluent cloud around 25k a month and finance is asking questions",
    "the kafka we have is 0.11 and nobody wants to touch it",
    "still on zookeeper, want to get to kraft before the upgrade",
    "our redpanda cluster handles the clickstream",
    "we have aiven kafka for the order events",
    "each service commits offsets after writing to postgres",
    "the topic has 64 partitions and 7 day retention",
    "we've got 3 people who know kafka inside out",
    "data team lives in kafka, everything flows through it",
    "we want to move off kafka because it's a pain to operate",
    "migrating from confluent to something cheaper",
    "the msk bill doubled this year",
    "kafka has been a headache for us since 2019",
    "our kafka brokers keep running out of disk",
    "we rebalance partitions by hand every time a broker dies",
    "warpstream is what we use for the logging topics",
    "the event hubs kafka endpoint is where our producers write",
    "all our microservices produce to kafka topics already",
    "we self-host kafka on ec2, 12 brokers",
    "upgrading our kafka from 2.8 to 3.6 is on the roadmap",
    "our kafka setup is old and creaky",
    "the kafka cluster we run is 5 years old",
    "the ops team babysits kafka every weekend",
    "kafka is eating our budget",
    "half our on-call pages are kafka under-replicated partitions",
    "we run strimzi on our k8s clusters",
    "consumers read from the orders topic with a consumer group per service",
    "our kafka cluster is getting expensive and we're wondering about alternatives",
    "our compacted topics keep the latest price per sku",
    "we've got kafka connect pulling from mysql into our topics",
    "the confluent schema registry holds all our avro schemas",
    "we rely on kafka for the audit trail right now",
    "kafka is the source of truth for order state in our shop",
    "the on-prem kafka we inherited from the old platform team",
    "our brokers are on kafka 3.5 in kraft mode",
]

KAFKA_NOT_RUN = [
    "we looked at kafka but it felt too heavy",
    "kafka seems like overkill for a 2 person team",
    "should we use kafka or nats for this?",
    "we moved off kafka in 2019 and run nats jetstream now",
    "linkedin built kafka for exactly this",
    "kafka-style replay would be nice to have",
    "the SNS topic fans out to three SQS queues",
    "devices publish to mqtt topics on the emqx broker",
    "pub/sub topics on gcp feed our dataflow jobs",
    "nats subjects are organised per tenant",
    "I read that kafka partitions give ordering per key",
    "the guide says kafka needs a dedicated ops team",
    "a friend's company runs kafka and hates it",
    "we don't run kafka, just postgres and redis",
    "comparing kafka, pulsar and nats for a greenfield project",
    "the slack channel topic says 'deploy freeze'",
    "partitions on the postgres table are by month",
    "the offset in the file is stored in the header",
    "brokers at the insurance company send us quotes",
    "consumer groups in rabbitmq are not a thing",
    "we used kafka at my previous job",
    "kafka would give us replay but we have no one to run it",
    "lag between the primary and the replica db is under a second",
    "is kafka worth it for 500 msgs/s?",
    "our jetstream consumers track their own sequence numbers",
    "we evaluated confluent cloud last year and said no",
    "the new design uses compacted topics so consumers get the latest state per key",
]

PROCESSED = [
    "we compute per-merchant totals over 5 minute windows and flag spikes",
    "the pipeline joins the clicks topic with the impressions topic",
    "real-time leaderboard computed from game events",
    "anomaly detection on the metrics stream as it flows",
    "an event-driven pipeline that computes aggregates incrementally",
    "tumbling 1 minute windows per sensor, emit avg and max",
    "hopping windows of 10 min every 1 min for the error rate per endpoint",
    "we keep a running balance per wallet updated on every transaction",
    "sessionize clickstream into user sessions with a 30 min gap",
    "dedupe and enrich the events before they hit snowflake",
    "enrich each order event with the customer tier from a lookup table",
    "flink jobs compute the fraud features",
    "we use kafka streams to aggregate inventory by warehouse",
    "ksqldb queries build materialized views of open tickets",
    "spark structured streaming reads the topic and writes aggregates to delta",
    "apache beam pipeline on dataflow does the windowing",
    "materialize keeps the dashboards fresh from the cdc stream",
    "risingwave computes the order funnel from events",
    "detect a failed login followed by a password reset within 2 minutes",
    "count errors per service per minute and alert when over threshold",
    "join the payments stream with the refunds stream by order id within an hour",
    "incrementally maintained aggregates per tenant",
    "stateful processing per device id to track the last known state",
    "rolling 15 minute average of cpu per host",
    "compute ml features continuously from the events for the recommender",
    "cep rules over the trade stream to catch spoofing patterns",
    "we roll up page views per article every minute",
    "top 10 products by sales in the last hour, updated live",
    "windowed joins between ad impressions and conversions",
    "per-user click counts maintained as the events arrive",
    "events are deduplicated by event id and then aggregated per region",
    "streaming etl that cleans and reshapes the events before the lake",
    "ride prices computed from demand per zone over the last 5 minutes",
    "a stateful consumer that counts per key and emits every 30s",
    "aggregate meter readings into 15-minute intervals per household",
    "live vwap per symbol computed from the ticks",
    "we correlate the auth logs stream with the firewall stream to spot attacks",
    "continuously computed risk exposure per trader",
    "our samza jobs do the joins",
    "spike detection on the orders stream, per merchant, over sliding windows",
]

NOT_PROCESSED = [
    "nightly dbt job aggregates orders in snowflake",
    "the api does a SQL join between users and orders",
    "we stream 4k video to smart tvs",
    "log shipping with fluent bit to elasticsearch, no processing",
    "each event is written to postgres by a simple consumer",
    "payment processing must complete within 2s",
    "grafana dashboards query the timescale db",
    "a batch spark job runs every night over the parquet files",
    "live audio streaming for podcasts",
    "the worker processes each job and acks it",
    "we just forward the messages to the webhook",
    "hourly cron aggregates metrics in bigquery",
    "the sliding window rate limiter on the gateway",
    "our twitch-style game streaming platform",
    "stream the logs to s3 for archival",
    "the report joins three tables in redshift",
    "order processing service handles checkout",
    "we process refunds once a day",
    "data is streamed from the sensors to the cloud",
    "the team watched a flink talk at the conference",
    "we considered flink but it's too much to run",
    "image processing on uploaded photos",
    "the consumer just inserts rows into clickhouse and clickhouse does the rollups at query time",
    "streaming replication between postgres nodes",
    "our music streaming app needs push notifications",
]

# ---- a second round, written after the first rules (new shapes; tuned on) ----

KAFKA_RUNS_2 = [
    "we made kafka the system of record for the backend",
    "the ingestion service hands each batch to kafka",
    "devs are learning kafka the hard way",
    "we run kafka as a service for about 30 app teams",
    "we're a pretty kafka-heavy org",
    "the data stack is kafka + flink + iceberg",
    "consumer rebalance storms every time we deploy",
    "we set min.insync.replicas=2 and acks=all on the producers",
    "we use akhq to poke at the topics",
    "offline partitions after the last az outage",
    "msk serverless hosts our clickstream",
    "the cdc events flow through confluent cloud into snowflake",
    "we bumped max.poll.interval.ms because the consumers kept getting kicked",
    "our producers hit kafka at 200k msg/s",
    "kafka eats 40% of the infra spend",
]

KAFKA_NOT_RUN_2 = [
    "with kafka you'd set acks=all to be safe",
    "akhq looks nice if we ever go kafka",
    "the guide says consumer lag is critical to monitor",
    "our event hub has 4 consumer groups",
    "redis streams consumer groups handle our jobs",
    "kafka as a service would cost us a lot",
    "the kinesis stream has 8 shards",
]

PROCESSED_2 = [
    "we keep per-user state in rocksdb as events come in",
    "the consumer keeps a count per key in memory and emits every minute",
    "features for the model are computed on the fly from the click stream",
    "fraud rules evaluated on each transaction against the user's last hour of activity",
    "stream-stream join of orders and shipments",
    "we aggregate the telemetry per vehicle per minute before storing it",
    "a kafka streams topology does the enrichment",
    "bucket the ticks into 1s bars per symbol",
    "we emit an alert when 3 failed payments happen within 10 minutes for the same card",
    "compute a rolling p95 per endpoint",
]

NOT_PROCESSED_2 = [
    "we count page views in the db with a nightly query",
    "the app streams responses back to the browser token by token",
    "we join users and orders in the api layer",
    "a consumer writes every reading to influx, grafana does the rest",
    "per-minute billing for the video calls",
]

# ---- a third round: the team's Kafka in one clause, options weighed in a later one (tuned on) ----

KAFKA_RUNS_3 = [
    "we run kafka (12 brokers, 3 AZs) and are evaluating alternatives for the rpc side",
    "we use msk for everything async, and we're considering nats for the device fleet",
    "we're on confluent cloud, and the question is whether jetstream could replace it",
    "our existing kafka cluster works fine, but we're comparing options for the edge",
    (
        "Context: 6-node kafka cluster on bare metal, ~300 topics. Problem: the bill and the pager. "
        "Options: jetstream, redpanda, stay put."
    ),
    "we have a 9 broker kafka. should we add nats for request-reply?",
]

KAFKA_NOT_RUN_3 = [
    "should we run kafka or nats for the new ingestion path?",
    "if we run kafka we'd need a platform team",
    "we'd use msk, or maybe nats, not sure yet",
    "we are comparing kafka and nats for our greenfield project",
    "would our kafka cluster need zookeeper?",
    "we run nats today and are looking at kafka for analytics",
    "we use rabbitmq, and we're evaluating kafka or nats as a replacement",
    "we have no kafka yet, and are weighing options",
    "we'd run our kafka cluster on k8s, and compare it with nats",
    "we use postgres for everything, and are considering running kafka on msk",
]

# ---- a fourth round: stream processing in requirement lists and design notes (tuned on) ----

PROCESSED_4 = [
    (
        "Requirements: - per-tenant usage totals updated within seconds of each event "
        "- late events up to 10 min must still count"
    ),
    "the scoring service keeps a sliding count of failed logins per ip",
    "we need to correlate gps pings with delivery status changes per courier as they happen",
    "clicks are attributed to the last impression per user within a 30 min lookback",
    "the consumer merges the two feeds by order id before anything hits the db",
    "telemetry gets downsampled to 1-minute averages per machine on the way in",
    "we detect when a vehicle stops for more than 10 minutes outside a depot",
    "each payment is scored against rolling velocity counters per card and per device",
]

NOT_PROCESSED_4 = [
    "we retry failed payments three times within 10 minutes",
    "the dashboard shows the last 5 minutes of traffic",
    "a cron job merges the two csv feeds every night",
    "the app keeps a per-user session in redis",
    "late events are dropped, nobody processes them",
    "the stream of support tickets is handled by three agents",
]

# ---- held out (written before the rules) ----

HELD_KAFKA_RUNS = [
    "our msk cluster bill is out of control",
    "we've been running kafka for 6 years and the ops burden keeps growing",
    "every team consumes the user-events topic with its own group id",
    "we're a confluent shop, platform team owns the clusters",
    "the strimzi-managed brokers on openshift need constant tuning",
    "our redpanda brokers are on nvme boxes in two dcs",
    "partition count on the clicks topic is 128, retention 3 days",
    "getting rid of the zookeeper ensemble is our next project",
    "producers write avro into kafka and the schema registry validates",
    "we're stuck on an ancient kafka version",
    "consumer offsets get reset when a deploy goes bad",
    "aiven hosts our kafka and it's fine but pricey",
    "the kafka cluster is 9 brokers and ~2000 partitions",
    "we ship everything through kafka today and want something lighter for rpc",
    "kafka lag alerts wake people up at night",
]

HELD_KAFKA_NOT_RUN = [
    "we're thinking about kafka for the new analytics pipeline",
    "kafka vs nats for iot, which one?",
    "the gcp pub/sub topic triggers a cloud function",
    "we ditched kafka years ago, everything is nats now",
    "kafka-like retention would be cool",
    "uber runs huge kafka clusters, we're nowhere near that",
    "the aws sns topic sends sms alerts",
    "nobody here has used kafka",
    "a kafka cluster needs careful capacity planning",
    "the mqtt topic hierarchy is site/device/metric",
]

HELD_PROCESSED = [
    "compute per-store sales totals in 1 minute tumbling windows",
    "the service joins shipment events with the tracking stream as they arrive",
    "fraud score uses the card's transaction count over the last 10 minutes",
    "we maintain live inventory counts per warehouse from the stock events",
    "flink sql aggregates the clickstream per campaign",
    "bot detection: flag a user with more than 50 requests in 10 seconds",
    "ksqldb tables hold the current state per account",
    "the pipeline enriches every event with geo info before it lands in the lake",
    "session windows over user activity feed the recommendation model",
    "a kafka streams app keeps a running total per customer",
    "sliding window anomaly detection on power readings per turbine",
    "dedup of duplicate webhook events by id within a 24h window, then enrichment",
    "real-time aggregations per tenant drive the billing meters",
    "pattern detection across the badge swipe stream to catch tailgating",
    "beam jobs compute the hourly rollups from pubsub continuously",
]

HELD_NOT_PROCESSED = [
    "our etl runs nightly in airflow and loads the warehouse",
    "the dashboard runs a group by query on postgres every refresh",
    "we stream live sports to mobile apps",
    "fluentd tails the logs and ships them to loki",
    "consumer writes each message straight into mongo",
    "payment processing needs exactly-once semantics",
    "the backend joins the tables in mysql for the api response",
    "video transcoding workers pull jobs from a queue",
    "weekly report aggregates sales per region in excel",
    "data streaming from devices to s3 with no transformation",
]


# Still missed (reported, not hidden): an intention in the sentence, or a claim with no word that it is theirs.
MISSED = {
    "kafka is the source of truth for order state in our shop",
    # held out, still missed after the fixes: a ZooKeeper ensemble may serve HBase or Solr as well
    "getting rid of the zookeeper ensemble is our next project",
    # an absence over time per key (no movement for ten minutes) is not read as a pattern over the stream
    "we detect when a vehicle stops for more than 10 minutes outside a depot",
}


def _mark(texts: list[str]) -> list[object]:
    missed = pytest.mark.xfail(strict=True, reason="still missed")
    return [pytest.param(t, marks=missed) if t in MISSED else t for t in texts]


@pytest.mark.parametrize("text", _mark(KAFKA_RUNS + KAFKA_RUNS_2 + KAFKA_RUNS_3 + HELD_KAFKA_RUNS))
def test_kafka_runs(text: str) -> None:
    assert read(text).get("current_system") == "kafka"


@pytest.mark.parametrize("text", KAFKA_NOT_RUN + KAFKA_NOT_RUN_2 + KAFKA_NOT_RUN_3 + HELD_KAFKA_NOT_RUN)
def test_kafka_not_run(text: str) -> None:
    assert read(text).get("current_system") != "kafka"


@pytest.mark.parametrize("text", _mark(PROCESSED + PROCESSED_2 + PROCESSED_4 + HELD_PROCESSED))
def test_processed(text: str) -> None:
    assert read(text).get("stream_processing") == "yes"


@pytest.mark.parametrize("text", NOT_PROCESSED + NOT_PROCESSED_2 + NOT_PROCESSED_4 + HELD_NOT_PROCESSED)
def test_not_processed(text: str) -> None:
    assert read(text).get("stream_processing") != "yes"
