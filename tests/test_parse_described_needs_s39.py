"""Request-reply, stream processing, log shipping, change capture into stores and another bus in use, said
without their names (s39, issue 8: recall on the newest dev cases, precision first).

Read here: work handed to a service whose result the caller waits for or gets back, one request sent to many
whose quotes or answers are gathered back (guide § Use Case Decision Matrix: request-reply, scatter-gather);
a figure per key over windows, streams derived from streams, continuous jobs over a feed, a feed folded into
per-entity state, the last value per key remembered and only a change passed on, SQL over the topics (§
Decision Flowchart Q5); a log agent or log files read and forwarded (§ matrix: log aggregation); a
database's row changes delivered straight into a search, lake or warehouse store (§ Decision Flowchart:
"Debezium, S3, JDBC connectors"); another system carrying the team's messages (published onto it, its queues
counted, redis doing the pub/sub, the bus lived with for years; § Migration Considerations).

Controls: work handed to people, a test's result, a window kept, a build job, a person reading log files,
photos in s3, redis as a store or a cache, a bus weighed or still to come.  Unchanged values dropped with no
processor named are asked.

The sentences are written for this test; none comes from the corpus.
"""

import pytest

from tests.parse_helpers import answer_of


def reading(text: str, question: str) -> str | None:
    return answer_of(text, question)


RR, SP, LA, CN, CS = "request_reply", "stream_processing", "log_aggregation", "connectors", "current_system"

READ = [
    # request-reply: handed work, a result sent back, scatter-gather
    ("the chat frontend sends each message to a moderation model and waits for its classification", RR, "yes"),
    ("each call from the mobile app becomes a message to a worker that returns the answer back", RR, "yes"),
    ("the planner asks every warehouse nearby for a quote and gathers the quotes back within two seconds", RR, "yes"),
    ("the dispatcher queries all available couriers for a bid and picks the cheapest", RR, "yes"),
    (
        "the booking service hands each reservation to the seat allocator and waits for its decision before confirming",
        RR,
        "yes",
    ),
    ("the app asks nearby drivers for offers and lets the rider pick one", RR, "yes"),
    ("one message to the fleet, then each robot reports back success or failure to the sender", RR, "yes"),
    ("we broadcast an rfq to every supplier service and collect their quotes within 5 s", RR, "yes"),
    ("a lookup request goes out to each region and the results are merged before we answer the user", RR, "yes"),
    ("the broker app asks all registered carriers for a price and collects the answers back within 3 s", RR, "yes"),
    # stream processing by its operations
    ("the team runs continuous analytics over the turbine telemetry to catch bearing wear early", SP, "yes"),
    ("the consumer folds every position update into a per-truck state table", SP, "yes"),
    ("we keep the last known reading for each sensor and only forward it when the value changes", SP, "yes"),
    ("a job keeps the last seen status for every meter and only emits a record when the status changes", SP, "yes"),
    ("analysts run sql against the topics to build live dashboards", SP, "yes"),
    ("deduplicate events per order id before passing them on", SP, "yes"),
    ("we total the bets per match over tumbling 30 second windows", SP, "yes"),
    ("we tally failed logins per account over fixed 15 minute windows", SP, "yes"),
    ("several narrower topics get derived continuously from the raw clickstream topics", SP, "yes"),
    ("continuous processing over the pump telemetry flags cavitation as it happens", SP, "yes"),
    ("the service reduces the order events into a per-customer state table", SP, "yes"),
    ("we filter out unchanged metrics before storing them", SP, "?"),
    ("our devices drop readings that have not changed and only send deltas", SP, "?"),
    ("we build hourly sales per store continuously from the order stream", SP, "yes"),
    ("the consumer keeps a running state per vehicle from the gps feed", SP, "yes"),
    # log shipping by its parts
    ("a logging sidecar tails the app's log files and forwards them to the aggregation tier", LA, "yes"),
    ("the agent picks up the rotated log files and forwards them to a central elasticsearch", LA, "yes"),
    ("an agent on each host tails /var/log and sends it to the central log store", LA, "yes"),
    # a database's changes straight into a store
    ("changes from the crm database flow into snowflake via the binlog", CN, "yes"),
    ("every row change in mongo streamed into elasticsearch", CN, "yes"),
    ("every update to the accounts table lands in bigquery within a minute", CN, "yes"),
    ("all inserts, updates and deletes from the mysql binlog streamed into bigquery", CN, "yes"),
    ("row changes from our oracle db replicated into the data lake every few seconds", CN, "yes"),
    ("every insert and update from the postgres wal synced into opensearch", CN, "yes"),
    # another bus carrying the messages today
    ("sqs as our message bus has served us, we've lived with it for years", CS, "other"),
    ("each node publishes presence to redis so the other nodes hear about it", CS, "other"),
    ("a single redis cluster handles all the pub/sub for our 300k sockets", CS, "other"),
    ("a redis server carries all the fan-out for our chat rooms", CS, "other"),
    ("our python lib does job queues and scheduling on top of redis", CS, "other"),
    ("the modules currently talk over the vert.x event bus", CS, "other"),
    ("the order service publishes every status change onto our activemq queue", CS, "other"),
    ("rabbitmq is the integration hub our apps use", CS, "other"),
    ("billing and shipping both subscribe to our redis channel", CS, "other"),
    ("right now we point it at kafka", CS, "kafka"),
    ("currently we point everything at our nats cluster", CS, "nats"),
    ("today it's pointed at rabbitmq", CS, "other"),
    ("devices connect to us and an amqp 1.0 messaging network sits behind it", CS, "other"),
    ("we run qpid dispatch router between the sites", CS, "other"),
]


@pytest.mark.parametrize(("text", "question", "expected"), READ)
def test_the_need_said_without_its_name_is_read(text: str, question: str, expected: str) -> None:
    assert reading(text, question) == expected


NOT_SETTLED = [
    ("we pass the contract to legal and wait for their verdict", RR),
    ("we hand the design doc to the architects and wait for their decision", RR),
    ("the test result that came back from the lab was negative", RR),
    ("the result that came back from the pen test was fine", RR),
    ("we collect offers from retailers every week for our deals newsletter", RR),
    ("we gather feedback from customers every quarter", RR),
    ("we keep a 7 day window of events for replay", SP),
    ("the broker retains a 30 day window of messages", SP),
    ("the ci pipeline runs continuous integration jobs on every commit", SP),
    ("continuous deployment jobs run on every merge to main", SP),
    ("we compute monthly invoices in a nightly batch job", SP),
    ("the on-call engineer reads the log files to debug the outage", LA),
    ("i skimmed the log files on the box to find the crash", LA),
    ("users upload photos to s3 through the api", CN),
    ("price updates flowing into snowflake are delayed", CN),
    ("changes to the pricing table land in snowflake nightly via a dump", CN),
    ("the intern reports back to the caller by phone", RR),
    ("we forward every complaint to the support team and wait for their answer", RR),
    ("we send the rfp to every vendor and collect their bids by friday", RR),
    ("the survey goes to all employees and the answers are aggregated by hr", RR),
    ("we push the release to every region and collect the metrics", RR),
    ("we drop duplicates before sending the weekly newsletter on", SP),
    ("the redis channel for cache invalidation is something we may build", CS),
    ("we ask nearby restaurants for their menus once a year", RR),
    ("the nightly job tails app.log and sends a summary email", LA),
    ("we read the state per tenant from the config topic at startup", SP),
    ("the dashboard shows sales per store from the warehouse", SP),
    ("inserts are slow on our postgres", CN),
    ("we use redis for sessions and caching", CS),
    ("we write the session tokens to redis", CS),
    ("we publish the daily leaderboard to redis as a hash", CS),
    ("redis as the cache in front of postgres has worked for years", CS),
    ("we might put the events on an sqs queue later", CS),
    ("we could push the events to an sqs queue instead", CS),
    ("should we use rabbitmq as the event bus for the new service?", CS),
    ("is rabbitmq a sane choice as the message bus for this?", CS),
    ("kafka is the best data hub for most companies", CS),
    ("we want nats to be the event hub our services use", CS),
    ("should kafka be the data hub our teams publish to?", CS),
    ("we should point it at kafka", CS),
    ("right now we wonder if we should point it at kafka", CS),
    ("kafka does not speak amqp", CS),
    ("an amqp broker would be overkill here", CS),
]


@pytest.mark.parametrize(("text", "question"), NOT_SETTLED)
def test_what_does_not_say_it_is_not_settled(text: str, question: str) -> None:
    assert reading(text, question) in (None, "?")
