"""Held-out probes for NATS Core's use-case rows said in other words (session h11).

Written after the lexicon's request-reply, control-plane and websocket vocabulary was generalised,
on sentences not used for tuning, in the register of public decision records: request-reply,
control-plane messaging and live fan-out to browsers settle (or, where the words are weaker,
only lean); HTTP/gRPC calls kept off the messaging system, people replying, CQRS commands,
pages loaded from a database and discovery done by Consul settle nothing."""

import pytest

from bot.advisor.engine import advise
from bot.advisor.parse import parse


def read(text: str) -> dict[str, str]:
    return {q: getattr(a, "value", a) for q, a in advise(text=text).answers.items()}


def leans(text: str) -> dict[str, str]:
    return {p.question: p.value for p in parse(text).leans}


STATED = [
    (
        "Proposal: replace the HTTP hop between checkout and inventory with a NATS request, so checkout "
        "asks for the stock level and gets the answer in a few milliseconds.",
        "request_reply",
        "yes",
    ),
    (
        "In our architecture every microservice is reachable only through the message bus; a client "
        "publishes the call on the service's subject and the service replies to the inbox it was given.",
        "request_reply",
        "yes",
    ),
    ("The workers form a queue group and whichever is free answers the resize request.", "request_reply", "yes"),
    (
        "Context: the UI backend needs account details from three services for every page and waits "
        "until all three have answered.",
        "request_reply",
        "yes",
    ),
    (
        "the gateway forwards the call to the auth service over nats and returns what it says to the client",
        "request_reply",
        "yes",
    ),
    (
        "Our mesh is NATS: services invoke one another by subject name and never see an IP address.",
        "request_reply",
        "yes",
    ),
    (
        "A request for a quote goes out to the pricing engine and the order flow blocks until the quote is back.",
        "request_reply",
        "yes",
    ),
    ("We poll each replica for its lag and pick the freshest.", "request_reply", "yes"),
    ("The reporting service asks the billing service for invoice totals and waits for them.", "request_reply", "yes"),
    (
        "Each host runs a small daemon that takes instructions from the control server, e.g. restart "
        "nginx or rotate logs.",
        "control_plane",
        "yes",
    ),
    (
        "When someone flips a feature flag in the admin UI, all running pods see the new value within a second.",
        "control_plane",
        "yes",
    ),
    ("The controller issues directives to every edge node in the cluster.", "control_plane", "yes"),
    (
        "Agents report their health periodically so the scheduler knows which machines it can use.",
        "control_plane",
        "yes",
    ),
    ("New instances advertise themselves on startup so the load balancer can route to them.", "control_plane", "yes"),
    ("Operators can trigger scripts on all hosts from the console.", "control_plane", "yes"),
    ("Bids are broadcast to everyone in the auction room the moment they are placed.", "websocket", "yes"),
    ("The trading UI shows live prices that arrive over server-sent events.", "websocket", "yes"),
    (
        "Shipment status updates reach the customer's browser without them having to reload the page.",
        "websocket",
        "yes",
    ),
    ("The iOS app receives a real-time stream of match events while the game is on.", "websocket", "yes"),
    ("We push position updates to all spectators live.", "websocket", "yes"),
    (
        "Nothing on this channel has to be stored: a status is only useful at the moment it is sent.",
        "persistence",
        "no",
    ),
    # (from the tuning probes, not held out: the negator's subject with its own prepositional phrase)
    ("Nothing in this pipeline needs to be replayed.", "persistence", "no"),
]

LEANING = [
    ("Inter-service traffic is the main use: about forty services talk to each other over NATS.", "request_reply"),
    ("Typing indicators and read receipts for the support chat widget.", "websocket"),
]

NOT_STATED = [
    ("The mobile app calls our REST API, which returns the user's order list from Postgres.", "request_reply", "yes"),
    (
        "Each job in the request queue must be kept until a worker finishes it, even if the broker restarts.",
        "request_reply",
        "yes",
    ),
    ("Customers can reply to the shipping notification email with questions.", "request_reply", "yes"),
    ("We are waiting for a reply from the security team before we go ahead.", "request_reply", "yes"),
    (
        "Commands are handled by aggregates and every resulting event is appended to the event store forever.",
        "control_plane",
        "yes",
    ),
    ("The browser loads the dashboard's numbers from the warehouse once when the page opens.", "websocket", "yes"),
    ("Service discovery comes from Consul and configuration from environment variables.", "control_plane", "yes"),
    (
        "Services talk to each other over gRPC; NATS only carries the audit events, which we keep for a year.",
        "request_reply",
        "yes",
    ),
    ("Notifications are delivered to users by email, and each one must arrive.", "websocket", "yes"),
    ("Everything is asynchronous: producers publish events and never wait for a response.", "request_reply", "yes"),
    (
        "The nightly job sends the CSV to the finance team and they answer with corrections the next day.",
        "request_reply",
        "yes",
    ),
    ("Our QA engineers run the test suite against the staging servers every night.", "control_plane", "yes"),
    ("The CLI prints whatever the API returns.", "request_reply", "yes"),
    ("Status reports are compiled weekly and shared with stakeholders.", "control_plane", "yes"),
]


@pytest.mark.parametrize("text,question,value", STATED)
def test_the_use_case_in_other_words_settles(text, question, value):
    assert read(text).get(question) == value


@pytest.mark.parametrize("text,question", LEANING)
def test_weaker_words_only_lean(text, question):
    assert question not in read(text)
    assert leans(text).get(question) == "yes"


@pytest.mark.parametrize("text,question,value", NOT_STATED)
def test_look_alikes_do_not_settle(text, question, value):
    assert read(text).get(question) != value


@pytest.mark.xfail(reason="a question mark inside a quoted question ends the sentence for the parser", strict=True)
def test_a_quoted_question_broadcast_and_answered():
    text = "The coordinator broadcasts a 'who owns tenant 42?' question and the owning node replies."
    assert read(text).get("request_reply") == "yes"


# A second held-out batch, written after the first one's fixes and run once before three more
# generalisations (first try: 11/14 settled, 2 only leaning, 0/10 wrongly settled).
STATED_2 = [
    (
        "We expose each bounded context as a set of NATS handlers that answer synchronous queries from the API layer.",
        "request_reply",
        "yes",
    ),
    (
        "The edge proxy asks the policy service whether a token is still valid and only then forwards the request.",
        "request_reply",
        "yes",
    ),
    ("Clients send a lookup and get the matching record back over the bus within a few ms.", "request_reply", "yes"),
    ("For reads we do a round trip through NATS to whichever instance owns the shard.", "request_reply", "yes"),
    ("Our billing worker listens on billing.charge and replies with the charge id.", "request_reply", "yes"),
    ("The fleet controller pushes a new sampling configuration to every sensor gateway.", "control_plane", "yes"),
    ("Each kiosk subscribes to commands from the central server (lock screen, reboot).", "control_plane", "yes"),
    (
        "Workers announce themselves on startup and the dispatcher keeps a live list of who is available.",
        "control_plane",
        "yes",
    ),
    ("Config updates must reach all 300 edge proxies within seconds without a redeploy.", "control_plane", "yes"),
    ("Comment counts and likes update live on every open browser tab.", "websocket", "yes"),
    ("The websocket tier relays order-book changes to connected traders.", "websocket", "yes"),
    ("Dispatchers watch vehicles move on the map in real time in their browser.", "websocket", "yes"),
    (
        "We run a collaborative whiteboard where strokes appear for all participants instantly.",
        "websocket",
        "yes",
    ),
    ("A missed presence ping is irrelevant, the next one arrives in five seconds anyway.", "persistence", "no"),
]

NOT_STATED_2 = [
    ("The frontend fetches product pages from the CMS over HTTPS and caches them at the CDN.", "request_reply", "yes"),
    ("Every API request is logged to Kafka and kept for 30 days.", "request_reply", "yes"),
    ("Commands from the UI are stored as events in Kafka and replayed to rebuild projections.", "control_plane", "yes"),
    ("Our on-call engineer answers pages within 15 minutes.", "request_reply", "yes"),
    ("The mobile app downloads the catalogue once a day.", "websocket", "yes"),
    ("Feature flags are evaluated in-process from a file baked into the image.", "control_plane", "yes"),
    ("The browser extension sends analytics events to our collector, which writes them to S3.", "websocket", "yes"),
    ("Users can reply to threads; every reply is stored and searchable forever.", "request_reply", "yes"),
    ("Agents on each host ship logs to Kafka, where they are retained for 14 days.", "control_plane", "yes"),
    ("We answer customer questions through a ticketing system.", "request_reply", "yes"),
]


@pytest.mark.parametrize("text,question,value", STATED_2)
def test_the_use_case_in_other_words_settles_second_batch(text, question, value):
    assert read(text).get(question) == value


def test_services_communicating_through_nats_only_lean():
    text = "Microservices communicate with each other through NATS."
    assert "request_reply" not in read(text)
    assert leans(text).get("request_reply") == "yes"


@pytest.mark.parametrize("text,question,value", NOT_STATED_2)
def test_look_alikes_do_not_settle_second_batch(text, question, value):
    assert read(text).get(question) != value
    assert leans(text).get(question) != value
