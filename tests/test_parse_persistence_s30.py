"""Persistence stated as an outcome, not a keyword (issue 8, failure class 2; s30).

People who need durable messaging describe what must happen rather than name it: a consumer that is away
or slow gets its messages later, history is read again after a bug or by a new service, work is acked and
redelivered, a period is kept for compliance, a reader comes once a night, lag is watched.  Each of those
settles persistence = yes.  The traps use the same words where the keeping is a database's or an
observability store's, a caller retries its own request, or a loss is accepted: they must not read yes.
The sentences are written for this test, Slack style; none comes from the corpus.
"""

import pytest

from bot.advisor.parse import parse


def persistence(text: str) -> str | None:
    return {a.question: a.value for a in parse(text).answers}.get("persistence")


@pytest.mark.parametrize(
    "text",
    [
        "if the billing svc is down for an hour it should just pick up the backlog when it comes back, nothing skipped",
        "the mobile backend goes offline for maintenance sometimes and has to get everything it missed afterwards",
        "we need a durable subscriber basically, the reporting app isn't always running but must see every msg",
        "consumers are slow (ml scoring, ~2s each) so msgs have to wait in line till someone gets to them",
        "new analytics svc needs to bootstrap from all orders ever placed, not just new ones",
        "after a deploy the workers should carry on where they stopped, no gaps",
        "at-least-once is a must for the ledger feed",
        "each msg gets acked by the worker and if it isn't acked in 30s it goes to another worker",
        "failed payments go to a dlq so ops can look at them and push them back through",
        "jobs are retried up to 5x then parked for a human",
        "every pdf render job has to be done exactly once, even if a worker gets oom killed mid-way",
        "compliance says we keep the trade events for 7 yrs",
        "we need a full audit trail of state changes for the regulator",
        "retention ~14 days on the clickstream so data eng can backfill if a job breaks",
        "can't afford to drop a single order, that's literally revenue",
        "every order must arrive at fulfilment, no exceptions",
        "guaranteed delivery to the warehouse system is the whole point",
        "the erp sync is flaky so we need msgs buffered while it's down and drained once it's up",
        "if the downstream is unavailable msgs should pile up and be delivered later",
        "we watch consumer lag per partition and page if it's > 10 min",
        "the fraud team wants to rewind to last tuesday and rerun their rules",
        "events should be stored so we can rebuild the read models whenever the schema changes",
        "we need to be able to re-run yesterday's events through the new pricing logic",
        "the warehouse loader runs every night and reads the day's events from the bus",
        "devices sync their queued readings when they get signal back",
        "the notification svc must not lose anything if a pod restarts",
        "nothing should be lost during a broker upgrade",
        "zero data loss is a hard req, this is payroll",
        "msgs must be persisted before we ack the producer",
        "the log is the source of truth, consumers derive everything from it",
        "consumers track their own position and resume from it after a crash",
        "a new consumer group should be able to start from the earliest offset",
        "we need to keep the raw events around for a month in case we need to reprocess",
        "the invoicing worker might be down for a whole weekend, invoices should still be there monday",
        "emails are sent by a worker pool, a send that fails gets redelivered later",
        "if a handler throws, the msg should come back and be tried again",
        "inventory updates must be applied in order and none can go missing",
        "we need delivery that survives a full cluster restart",
        "offline-first app, the server side queues commands until the phone reconnects",
        "batch consumers read once an hour, producers write all the time",
        "the ml team retrains weekly off the last 30 days of events in the stream",
        "we want kafka-style retention so teams can replay when they onboard",
        "payments flow: nothing may go missing, duplicates are ok, we dedupe",
        "sensor uploads have to be stored until the cloud side acks them",
        "every webhook we receive has to end up processed eventually even if our workers are down",
        "the reconciliation job needs the events to still be there at the end of the day",
    ],
)
def test_durability_said_as_an_outcome_reads_yes(text):
    assert persistence(text) == "yes"


@pytest.mark.parametrize(
    "text",
    [
        "no need to replay anything, it's live telemetry",
        "losing a few position updates is fine, the next one comes in a second",
        "we don't keep anything, it's a pure fan-out of cursor moves",
        "nobody will ever rerun old prices, stale is worthless",
        "dropped presence pings don't matter",
        "it's fire and forget, if a subscriber isn't there it misses it",
        "we don't need msgs buffered while it's down, just drop them",
        "events don't need to be persisted, they're just cache pokes",
        "messages should not be persisted, it's pii",
        "if it isn't acked nothing happens, we don't redeliver",
        "nobody re-runs old events here",
    ],
)
def test_a_loss_accepted_or_keeping_denied_reads_no(text):
    assert persistence(text) == "no"


@pytest.mark.parametrize(
    "text",
    [
        "postgres keeps the full order history, the bus just notifies",
        "we retry the http call to the payment provider 3 times with backoff",
        "logs are kept 30 days in datadog",
        "the audit log lives in the db, messaging is only for cache invalidation",
        "the client retries the request if the service doesn't answer in 200ms",
        "our elasticsearch retention is 90 days",
        "grafana dashboards show the queue depth of the old rabbit setup",
        "s3 holds the raw files for 7 years, the pipeline just moves pointers",
        "we reprocess the images nightly from the bucket",
        "the job scheduler retries failed cron jobs, unrelated to the bus",
        "the game server snapshots its state to disk every minute",
        "the gateway retries the grpc call once",
        "customer retention is what the product team cares about",
        "we store user profiles in mongo and publish a change notification",
        "a missed heartbeat just means the next one counts",
        "redis aof persistence is on for the session store",
        "transactions are durable in postgres, the bus carries only hints",
        "metrics live in prometheus with 15d retention",
        "the ui reloads the full state from the api after a reconnect",
        "we had an outage last week and lost a bunch of logs in loki",
        "every request gets a response within 50ms",
        "at least once a day we push a config update to all nodes",
        "the team wants to catch up on kafka training next quarter",
        "the service must survive a node failure, it's behind a lb",
        "the nightly etl reads the day's orders from postgres",
        "the backup job runs once a day",
        "consumers read the topic as soon as events arrive",
        "we rerun the tests once ci is green",
        "rerun the failed builds after the fix",
        "replication lag on the mysql replica is our main alert",
        "drivers track their position via gps every 5s",
        "loki has a 30 day retention",
        "the request is acknowledged by the service with a 202",
        "the page should still be there tomorrow",
        "postgres has every order ever placed, the bus only carries change notices",
        "customers wait till someone picks up the phone",
        "the user has to be notified even if the app crashes",
        "the frontend retries the request if it isn't acked",
        "the dashboard reads the day's metrics from prometheus",
        "the exporter polls the api every hour",
        "our elastic cluster has 7d retention on the logs index",
    ],
)
def test_keeping_words_said_of_another_store_or_a_callers_retry_settle_nothing(text):
    assert persistence(text) is None


# (s30, second round) written as held-out after the first round; read wrong then, generalised after.
@pytest.mark.parametrize(
    "text",
    [
        "the accounting svc is only up during business hrs, stuff published overnight has to be waiting for it"
        " in the morning",
        "if we ship a bad consumer we wanna roll back and chew through the last 3 days again",
        "ops needs a parking lot for msgs that fail 5 times so they can inspect + requeue them",
        "the pricing consumer died friday night and nobody noticed till monday, it still needed to process"
        " everything from the weekend",
    ],
)
def test_second_round_outcomes_read_yes(text):
    assert persistence(text) == "yes"


@pytest.mark.parametrize(
    "text",
    [
        "our tracing backend keeps spans for 2 weeks, kafka isn't involved there",
        "the metrics backend has 13 months retention",
        "we requeue the docker build when it flakes",
        "the parking lot sensors send a ping every minute",
        "we go through the last 3 months of incidents again in the retro",
        "the team processes everything from the weekend backlog of support tickets on monday",
        "stuff has to be waiting for the auditors in the morning, we export a pdf",
    ],
)
def test_second_round_traps_do_not_read_yes(text):
    assert persistence(text) is None
