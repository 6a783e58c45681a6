"""The Kafka side of a description said without the guide's words (issue 8, session 36, h71).

Where the guide says Kafka and the advisor said NATS JetStream, the text often held what the guide's Kafka rows
ask about, said as what happens: the team's existing Kafka told by its parts (Kafka Connect workers, Burrow on the
consumer groups, MirrorMaker copying the topics, people who "live and breathe" it, "kafka is already the bus
every service talks to"), figures kept live per key, a database's changes carried out of it (CDC), logs carried
to one place or to Kafka (log aggregation), the stream landed in an analytics store named by product or by kind
(data lake ingestion) and state rebuilt from the events (event sourcing).  Guide § Use Case Decision Matrix,
§ Decision Flowchart Q5, § Migration Considerations.

Controls: Kafka weighed, planned, read about or another company's; a Kafka talk; a write into a database, a CRUD
API and a schema change; a process's stdout read by hand; files, uploads and backups in object storage; goods in a
warehouse (which was read as a data warehouse: those cases are fixes, in NOT_READ); state rebuilt from anything but
events; a central log of decisions.

The sentences are written for this test; none comes from the corpus.
"""

import pytest

from tests.parse_helpers import assert_read_as_the_hybrid, read

READ = [
    # the team's existing Kafka, by its parts and its people
    ("two folks on the data team basically live and breathe kafka", "current_system", "kafka"),
    ("kafka is already the bus all our producers write to, so a second broker feels wrong", "current_system", "kafka"),
    ("burrow monitors consumer lag for every group we have", "current_system", "kafka"),
    ("our connect workers run the elasticsearch sink for the search team", "current_system", "kafka"),
    ("mirrormaker replicates our topics into the backup region", "current_system", "kafka"),
    ("connect streams the raw topics into s3 every few minutes", "current_system", "kafka"),
    # figures kept live per key
    ("we need live per-store revenue totals from the till events", "stream_processing", "yes"),
    ("show a live tally of votes per region", "stream_processing", "yes"),
    ("pair the bids stream with the fills stream by order id", "stream_processing", "yes"),
    ("interleave the eu and us feeds into one with duplicates removed", "stream_processing", "yes"),
    ("toss the dupes before the consumers see them", "stream_processing", "yes"),
    ("per-courier payouts have to update live as deliveries close", "stream_processing", "yes"),
    # a database's changes carried out of it
    ("we forward every change in the billing tables to the ledger service", "cdc", "yes"),
    ("postgres row changes should reach the cache service within a second", "cdc", "yes"),
    ("ship inserts/updates/deletes from the inventory db to the warehouse", "cdc", "yes"),
    ("whenever an invoice record is written in the erp database, finance needs to hear about it", "cdc", "yes"),
    ("changes made in the old crm's db must appear as events for the new stack", "cdc", "yes"),
    ("one message per row change in the accounts db", "cdc", "yes"),
    # logs carried to one place, or to kafka
    ("gather stderr from all the pods so support can search it", "log_aggregation", "yes"),
    ("each node's logs go to a central logging store", "log_aggregation", "yes"),
    ("nginx logs, metrics and traces all go to kafka first", "log_aggregation", "yes"),
    ("a centralized audit log for every microservice", "log_aggregation", "yes"),
    ("observability pipeline covering traces, metrics and logs for 200 services", "log_aggregation", "yes"),
    ("we need log collection from every vm into opensearch", "log_aggregation", "yes"),
    # the stream landed in an analytics store
    ("game events end up in bigquery", "data_lake", "yes"),
    ("all the orders must be queryable in snowflake within the hour", "data_lake", "yes"),
    ("the analysts want raw usage records in the warehouse by noon", "data_lake", "yes"),
    ("the column store consumes from the enriched topic", "data_lake", "yes"),
    ("every event is also streamed to object storage", "data_lake", "yes"),
    # state rebuilt from the events
    ("the stream is our system of record and everything else is derived", "event_sourcing", "yes"),
    ("we persist each state transition as an event", "event_sourcing", "yes"),
    ("balances are recomputed from the entire history of ledger events", "event_sourcing", "yes"),
    ("the immutable journal of payment events is our source of truth", "event_sourcing", "yes"),
    ("we can rebuild any account's projection from its events", "event_sourcing", "yes"),
    ("a new reader should replay the topic to build its own view", "event_sourcing", "yes"),
    ("each state change is an immutable event", "event_sourcing", "yes"),
    ("the view is rebuilt from those whenever we deploy", "event_sourcing", "yes"),
]


# Read before, wrongly: goods in a building as a data warehouse (the warehouse's own systems and floor), and a past
# employer's Kafka as the team's.
NOT_READ = [
    ("the robots send raw scan data to the warehouse system", "data_lake", "yes"),
    ("pickers push every scan into the warehouse app", "data_lake", "yes"),
    # a past employer's Kafka is not the team's
    ("our last company ran 9 kafka brokers across 3 zones", "current_system", "kafka"),
]


@pytest.mark.parametrize(("text", "question", "value"), NOT_READ)
def test_not_read(text: str, question: str, value: str) -> None:
    settled, _ = read(text)
    assert settled.get(question) != value


@pytest.mark.parametrize(("text", "question", "value"), READ)
def test_read(text: str, question: str, value: str) -> None:
    settled, _ = read(text)
    assert settled.get(question) == value


CONTROLS = [
    ("the people at confluent live and breathe kafka", "current_system", "kafka"),
    ("kafka is already the standard that most companies use", "current_system", "kafka"),
    ("if we chose kafka we would need a connect cluster for the sinks", "current_system", "kafka"),
    ("mirrormaker could replicate our topics if we went with kafka", "current_system", "kafka"),
    ("i gave a kafka talk to the platform guild", "current_system", "kafka"),
    ("our previous company ran twelve kafka brokers", "current_system", "kafka"),
    ("merge the two lists with duplicates removed for the newsletter", "stream_processing", "yes"),
    ("our services talk to one another via nats, kafka was only considered", "current_system", "kafka"),
    ("we push every change to the database in a single transaction", "cdc", "yes"),
    ("the api offers insert/update/delete of customer records", "cdc", "yes"),
    ("every change to the schema is reviewed by the dba", "cdc", "yes"),
    ("services print to stdout and we read it with kubectl when debugging", "log_aggregation", "yes"),
    ("the central log of architecture decisions lives in the wiki", "log_aggregation", "yes"),
    ("user uploads are written to object storage", "data_lake", "yes"),
    ("we rebuild the search index from the database nightly", "event_sourcing", "yes"),
    ("we replay the load test to build confidence", "event_sourcing", "yes"),
]


@pytest.mark.parametrize(("text", "question", "value"), CONTROLS)
def test_control_not_read(text: str, question: str, value: str) -> None:
    settled, _ = read(text)
    assert settled.get(question) != value


def test_logs_landed_in_s3_beside_commands_read_as_the_hybrid() -> None:
    # (was a strict xfail in test_parse_two_workloads_s31.py: the second half's data lake was not read)
    assert_read_as_the_hybrid(
        "dispatch sends commands to the drones and needs an ack in a few ms, losing an old command is fine. "
        "flight logs stream into kafka connect and end up in s3.",
        "commands",
        "flight logs",
    )
