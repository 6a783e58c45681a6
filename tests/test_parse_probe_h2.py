"""Request-reply said without the word (issue 8, precision first): held-out probes.

Sentences written after the lexicon changes (two rounds), in the registers of real decisions (ADR lines, issue
reports, design bullets, Slack), none of them used to tune it.  Services that ask one another and
wait for the answer settle ``request_reply``; people answering people (auditors, landlords, support),
a response time, a request rate, request logs and fire-and-forget events do not.  The guide's
reference: Use Case Decision Matrix, "Microservice request-reply (synchronous-style RPC over
messaging)"; Features table, Request-Reply.
"""

import pytest

from bot.advisor.parse import parse


def request_reply(text):
    return parse(text).as_dict().get("request_reply")


@pytest.mark.parametrize(
    "text",
    [
        (
            "The shipping-quote service is consulted synchronously by checkout; "
            "checkout cannot finish until it hears back."
        ),
        "ADR-12: internal service-to-service requests will use NATS request/reply with a 1s timeout.",
        "our recommendation svc gets asked for 20 items per page view and must answer in under 15ms",
        "Each shard worker answers search queries from the aggregator, which merges their hits.",
        "- the inventory api replies to reservation requests over the bus",
        "when a driver app asks the dispatcher for a job, the dispatcher responds with the nearest pickup",
        "We're moving our internal RPC off HTTP/2 onto the message bus.",
        "the ledger service is called synchronously for every transfer",
        "clients put a correlation id on each request so the replies can be matched up",
        "Frontends send queries to the read-model service and wait for the rows to come back.",
        "basically every microservice calls 3-4 others per request",
        "the control plane asks all agents for their current version and collects the replies",
        "Device twins: the cloud sends a get-state command and the device returns its current state.",
        "responses to the price lookups come back on a per-instance inbox",
        "the auth service must answer each token check within 5 ms",
        "the workers answer price requests on a queue group",
        "the mobile app asks the promo engine whether a code is valid and waits for it",
        # second held-out round
        "the fraud scorer is queried inline for each card swipe and the swipe is held until it answers",
        "We'd like our Python services to call the Go ones over subjects instead of REST.",
        "the BFF aggregates answers from the catalog, pricing and stock services for every product page",
        "Devices are polled on demand: the portal sends a read request and shows the device's response.",
        "Our search fans a query out to 40 index nodes and merges the top hits.",
        "Each booking needs a seat hold confirmed by the inventory service before we charge the card.",
        "a `who-has` message goes to all caches and the one holding the entry replies with it",
        "The mobile API proxies requests to backend services over NATS and returns their responses.",
        "RPC between the scheduler and its executors, roughly 500 calls a second",
        "The pricing engine returns a quote to whichever service asked for it.",
    ],
)
def test_services_asking_and_waiting_for_an_answer_settle_request_reply(text):
    assert request_reply(text) == "yes"


@pytest.mark.parametrize(
    "text",
    [
        "Our incident response process is documented in Confluence.",
        "The public API handles 8k requests per second at peak.",
        "We reply to every customer complaint within 24 hours.",
        "Order events are emitted asynchronously and consumers handle them at their own pace.",
        "We need to replay the audit stream after a schema change.",
        "The architect replied to our design doc with a lot of comments.",
        "HTTP request and response bodies are captured to S3 for debugging.",
        "We're waiting for an answer from the cloud provider about quotas.",
        "Telemetry is fire-and-forget; a lost sample doesn't matter.",
        "The page's response time went from 900ms to 400ms after the CDN change.",
        # a person or an outside firm asked, and their answer awaited
        "We pinged the landlord about the server room and are still waiting for their reply.",
        "we ask the platform team and wait for their answer",
        "The regulator is asked for guidance and answers by letter.",
        # support work answered by people
        "Every escalation gets a reply from a senior engineer within 30 minutes.",
        "the dispatcher forwards each emergency call to a paramedic, who then replies with an ETA",
        # second held-out round
        "The pricing engine publishes new prices to a topic every minute.",
        "Each booking emits a BookingCreated event that the data team consumes.",
        "The portal shows device telemetry from the last 24 hours.",
        "We asked our consultants for a design review and got their answer last week.",
        "Search queries are logged to Kafka for analytics.",
        "The scheduler kicks off batch jobs at midnight; nobody waits for them.",
    ],
)
def test_people_answering_measures_and_events_do_not_settle_request_reply(text):
    assert request_reply(text) != "yes"


@pytest.mark.parametrize(
    "text",
    [
        "NATS lets services call each other.",
        "NATS can act as a service mesh replacement, according to the docs.",
    ],
)
def test_what_a_product_lets_services_do_is_not_the_workload(text):
    assert request_reply(text) is None
