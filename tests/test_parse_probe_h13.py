"""Probes for NATS Core's request-reply and control-plane rows said without the keyword (session h13).

Sentences written for this session in the register of engineering write-ups, issues and chat: a NATS
client's request and its reply subject, queue groups whose members answer, the services framework,
commands to agents and devices answered with their result, a gateway that waits on a worker, lookups
and checks asked of another service over the bus, calls moved off gRPC onto NATS (Use Case Decision
Matrix: "Microservice request-reply (synchronous-style RPC over messaging)"); live config, presence and
discovery over the messaging layer ("Real-time control plane (service discovery, config push, live
status)").  Where the call may be HTTP or the answer may not come back, the words only lean.
Look-alikes settle nothing: HTTP calls, people asked, databases queried, incidents answered, a
broker's ack, one-way events, webhooks, request logs, a responsive UI, config kept in git.

The held-out lists were written before the rules and run once.  First try: batch 1, 4 of 11
request-reply and 1 of 4 control-plane texts settled (3 more leaning), 0 of 11 look-alikes wrong;
batch 2 (written after batch 1's fixes), 5 of 10 and 2 of 4 settled, 2 of 10 look-alikes wrong (one
read by an older rule, one a "service discovery" that is documentation).  The rules were then fixed
on both; the two texts still failing are the xfails below.  A third batch (the HELD_OUT_3 lists),
written after that, settled 9 of 10 and 2 of 4 on first try with 0 of 11 look-alikes wrong, and was
then fixed too (three look-alikes of each question were added after the fix, to test it)."""

import pytest

from bot.advisor.parse import parse


def reading(text: str) -> tuple[dict[str, str], dict[str, str]]:
    result = parse(text)
    return result.as_dict(), {p.question: p.value for p in result.leans}


SETTLED = [
    ('we call conn.RequestWithContext(ctx, "inventory.check", payload) and block on the answer', "request_reply"),
    ("each worker subscribes in a queue group on geo.lookup and responds with the nearest depot", "request_reply"),
    (
        "built the pricing service on the nats.go micro package, every endpoint answers on its own subject",
        "request_reply",
    ),
    (
        "api gw turns every POST into a nats msg and holds the http connection open until the worker answers "
        "or 2s pass",
        "request_reply",
    ),
    (
        "the scheduler sends a run-backup command to the agent on each db host and the agent reports success "
        "or failure back on the reply inbox",
        "request_reply",
    ),
    (
        "fraud scoring: checkout publishes the cart to fraud.score and waits up to 80ms for a verdict, fails "
        "open on timeout",
        "request_reply",
    ),
    (
        "we're ripping out grpc between the 40ish internal services and doing the same calls over nats "
        "subjects instead",
        "request_reply",
    ),
    (
        "auth check: every edge proxy asks the session service over the bus whether the token is valid before"
        " letting the request through",
        "request_reply",
    ),
    (
        "the booking flow needs a fare from the pricing workers before it can render the page, and that "
        "lookup goes over nats",
        "request_reply",
    ),
    (
        "the validator service listens on orders.validate, checks the payload and sends back ok or a list of errors",
        "request_reply",
    ),
    (
        "the hub sends 'turn off' to the smart plug over mqtt and expects it to confirm within a second, "
        "otherwise marks it unreachable",
        "request_reply",
    ),
    (
        "inference: the api drops a job on a subject, any idle gpu worker takes it and the prediction goes "
        "back to the waiting api pod",
        "request_reply",
    ),
    ("chatops bot asks each cluster agent for its pod count over nats and prints the totals in slack", "request_reply"),
    (
        "a python client publishes to tax.calc with a reply subject and the go service fills in the amount",
        "request_reply",
    ),
    (
        "12 replicas of the resolver share one subject, exactly one of them handles each lookup and answers it",
        "request_reply",
    ),
    (
        "the bff fans a single page request into five service lookups over nats and stitches the answers together",
        "request_reply",
    ),
    ("there's a 2 s request timeout on every call made through the bus", "request_reply"),
    ("we ask the ledger over messaging for the balance and render whatever it returns", "request_reply"),
    (
        "robots get a move_to command and must send an ack with the final pose, otherwise the orchestrator reissues it",
        "request_reply",
    ),
    ("we have an agent per node that accepts commands over nats and returns the exit code", "request_reply"),
    (
        "internal lookups (user by id, entitlements, tenant settings) are done by messaging the owning "
        "service and waiting for its answer",
        "request_reply",
    ),
    ("synchronous semantics on an async transport: publish, then block on the response subject", "request_reply"),
    ("the geo service answers 'which region is this ip in' for the other services, all over nats", "request_reply"),
    ("services talk over nats and the caller gets its answer back in about a millisecond", "request_reply"),
    ("swap the http hops between services for nats, where the caller still waits for the answer", "request_reply"),
    ("req/resp between the php monolith and the new go services via nats", "request_reply"),
    ("ping the stock service over core nats, it replies with the qty, 1ms round trip", "request_reply"),
    ("our devices answer get_status queries sent from the cloud over mqtt", "request_reply"),
    (
        "one subject per method, a queue group per service, callers get load balancing for free and an answer"
        " from one of the members",
        "request_reply",
    ),
    (
        "sync calls today are grpc; we want them on nats so the caller doesn't need to know where the callee runs",
        "request_reply",
    ),
    ("we want to replace grpc with nats for the internal service calls", "request_reply"),
    (
        "most traffic is async events but a handful of calls need to be sync, like 'is this coupon valid'",
        "request_reply",
    ),
    (
        "the cart svc needs the price from pricing before it can respond, we do that as a nats request with a"
        " 100ms timeout",
        "request_reply",
    ),
    ("worker pool behind a queue group: send the image, get the thumbnail url back", "request_reply"),
    ("the iot hub sends a 'read_meter' command to a meter and the meter replies with the current kwh", "request_reply"),
    ("our django app publishes the job on a subject and blocks until a celery-ish worker replies", "request_reply"),
    (
        "service a needs the customer's credit limit from service b before approving, over the message bus",
        "request_reply",
    ),
    (
        "edge agents receive 'collect diagnostics' commands and upload the bundle, replying with its url",
        "request_reply",
    ),
    ("login flow: the gateway asks auth over nats to validate the jwt, gets allow/deny back in <1ms", "request_reply"),
    ("call pattern: publish to svc.users.get with a reply inbox, the users service answers there", "request_reply"),
    (
        "every api pod sends the query over nats and the search workers answer from their in-memory index",
        "request_reply",
    ),
    ("the kyc check is a blocking call from onboarding to the compliance service over nats", "request_reply"),
    (
        "when ops change the rate limit in the admin panel every gateway instance should apply it within a "
        "couple of seconds, no restarts",
        "control_plane",
    ),
    ("we need to know which of our 2k edge boxes are online right now and what version they run", "control_plane"),
    (
        "nodes find each other through nats instead of consul: each one announces its address on a discovery "
        "subject at boot",
        "control_plane",
    ),
    (
        "service registry over messaging: instances broadcast i'm up and going down so the router's table "
        "stays current",
        "control_plane",
    ),
    ("live fleet status board: every vehicle's online/offline state and last-seen time", "control_plane"),
    ("push a new log level to all running pods at once without redeploying", "control_plane"),
    ("hot-reload config across the whole fleet", "control_plane"),
    ("we broadcast shutdown and drain signals to every worker during deploys", "control_plane"),
    ("every sidecar watches for policy changes from the control service and applies them immediately", "control_plane"),
    (
        "the dashboard shows which payment processors are healthy right now, updated every few seconds by the"
        " processors themselves",
        "control_plane",
    ),
    ("propagate config changes to every node within a second", "control_plane"),
    ("flags are flipped at runtime and every service instance picks it up immediately", "control_plane"),
    ("the ops console needs a live view of which agents are connected right now", "control_plane"),
    ("workers announce their capabilities when they join so the scheduler can route jobs to them", "control_plane"),
    ("the control service pushes new routing rules to all edge proxies", "control_plane"),
    ("services find one another over nats, no consul", "control_plane"),
]

LEANING = [
    ("the order service calls inventory to reserve stock before charging the card", "request_reply"),
    ("the caller times out after 300ms if the currency service hasn't responded", "request_reply"),
    ("each login checks the password with the auth service first", "request_reply"),
    ("the mobile backend consults the pricing engine for each quote it shows", "request_reply"),
    ("the checkout service calls fraud for a score before authorising the payment", "request_reply"),
    ("flipping the kill switch must stop all 300 consumers within a second", "control_plane"),
    ("the admin ui shows each scooter's last-seen timestamp", "control_plane"),
]

NOT_SETTLED = [
    ("the dashboard calls our REST endpoints and renders the JSON they return", "request_reply"),
    ("i asked the platform team whether they could host it and they replied yesterday", "request_reply"),
    ("the report service queries postgres and returns the rows to the browser", "request_reply"),
    ("our on-call rotation must respond to incidents within 15 minutes", "request_reply"),
    ("producers use acks=all and wait for the broker ack before moving on", "request_reply"),
    ("order events are published and consumers handle them whenever; nobody waits for an answer", "request_reply"),
    ("stripe calls our webhook endpoint when a payment succeeds and we respond with 200", "request_reply"),
    ("every request and response body is logged to kafka for 90 days", "request_reply"),
    ("the ui must feel responsive even on slow phones", "request_reply"),
    ("customers reply to survey emails and we store the answers", "request_reply"),
    ("we request a quote from three cloud vendors before buying", "request_reply"),
    ("response times of the api are tracked in grafana", "request_reply"),
    ("the search page queries elasticsearch and shows the hits", "request_reply"),
    ("a cron job calls the partner's http api every hour and saves the result to s3", "request_reply"),
    ("our support bot responds to tickets automatically", "request_reply"),
    ("the kafka producer retries until the leader acknowledges the write", "request_reply"),
    (
        "commands are persisted in the event store and handlers process them asynchronously, no one waits",
        "request_reply",
    ),
    ("the frontend sends analytics events and doesn't wait for anything", "request_reply"),
    ("jetstream acks each message once it's stored", "request_reply"),
    ("the mobile app polls the REST api every 30s for new orders", "request_reply"),
    ("we answer RFPs from customers within a week", "request_reply"),
    (
        "clients get a 202 accepted immediately, the job runs in the background and the result is emailed",
        "request_reply",
    ),
    ("a request log of every api call is retained for audits", "request_reply"),
    ("our responsive web ui is built in react", "request_reply"),
    ("the db returns query results in under 5ms", "request_reply"),
    ("we call the sales team when a big customer signs", "request_reply"),
    ("we publish the weekly report and wait for a response from the board", "request_reply"),
    ("the ingest job publishes a batch to kafka and waits for the ack", "request_reply"),
    ("send the draft to legal and wait for their answer", "request_reply"),
    ("customers check their balance with the support agent", "request_reply"),
    ("new hires consult the api docs for every endpoint", "request_reply"),
    ("we split the dataset into shards and then merge the results in spark", "request_reply"),
    ("the ticket goes back to the waiting queue when nobody picks it up", "request_reply"),
    ("our support staff answer requests from customers over the phone", "request_reply"),
    ("we replaced grpc with kafka events and nobody waits for anything now", "request_reply"),
    ("the pricing team asks finance for the numbers each quarter", "request_reply"),
    ("we query bigquery for the monthly report", "request_reply"),
    ("the worker times out if the database doesn't respond in 5s", "request_reply"),
    ("the response time of the checkout page must stay under 1s", "request_reply"),
    ("alerts page the on-call who replies in the incident channel", "request_reply"),
    ("every answer a user submits in the quiz is stored forever", "request_reply"),
    ("kafka acks the write once all in-sync replicas have it", "request_reply"),
    ("users ask the chatbot questions and it answers from the docs", "request_reply"),
    ("customers send back the signed contract within a week", "request_reply"),
    ("we push config to git and argo deploys it", "control_plane"),
    ("the status page is updated manually during incidents", "control_plane"),
    ("discovery calls with customers happen weekly", "control_plane"),
    ("settings are stored in postgres and read at startup", "control_plane"),
    ("kubernetes handles discovery and configmaps handle config", "control_plane"),
    ("the project's discovery phase took two months", "control_plane"),
    ("the status page is updated by the on-call engineers themselves", "control_plane"),
    ("every server gets updates within a week of release", "control_plane"),
    ("every laptop must apply the patch within 30 days", "control_plane"),
    ("we rotate the kill switch of the old ci runner yearly", "control_plane"),
    ("config changes go through code review in git", "control_plane"),
    ("we run a weekly status meeting with every team", "control_plane"),
    ("the discovery team interviews users about their needs", "control_plane"),
    ("every node applies security patches within a month", "control_plane"),
]

HELD_OUT_SETTLED = [
    (
        "the pos terminals ask the loyalty svc over nats how many points a card has and show the number on screen",
        "request_reply",
    ),
    (
        "a tiny http facade publishes each incoming call to the right subject and writes the worker's reply "
        "into the http response",
        "request_reply",
    ),
    ("workers in the ocr queue group pick up the scan, run tesseract and answer with the text", "request_reply"),
    (
        "we model every cross-team dependency as a nats endpoint: you send the request, the owner's service responds",
        "request_reply",
    ),
    ("agents on the build machines get a clean-workspace command and report the result back", "request_reply"),
    ("we'd like sync calls between the rust and elixir services to go through nats rather than http", "request_reply"),
    ("the game server asks the matchmaking workers over nats for an opponent and waits", "request_reply"),
    ("whichever pricing pod is free replies to the price question that comes in on the bus", "request_reply"),
    ("drones receive waypoints from ground control over the broker and confirm each one", "request_reply"),
    (
        "permission checks: each api handler asks the authz service over messaging and gets allow or deny",
        "request_reply",
    ),
    ("currency conversion is a nats call: send amount+pair, get the converted amount back", "request_reply"),
    (
        "the ride-matching svc asks the eta workers over nats for a pickup estimate and shows it to the rider",
        "request_reply",
    ),
    (
        "our notebook kernel sends each cell to an executor on a subject and the executor replies with stdout",
        "request_reply",
    ),
    ("treat nats like http: request on a subject, one handler in the queue group answers, 1s timeout", "request_reply"),
    ("the warehouse controller sends 'open bay 4' to the plc gateway and waits for its confirmation", "request_reply"),
    ("the spam filter is queried over the bus by the mail frontends and returns a score per message", "request_reply"),
    ("we're moving the remaining grpc traffic between the ml services onto nats", "request_reply"),
    ("stock reservations: the order svc needs a yes/no from inventory before confirming, over nats", "request_reply"),
    ("edge gateways receive reboot commands from the cloud and reply with the result", "request_reply"),
    ("the tiny go gateway maps every grpc call onto a nats request and streams the reply back", "request_reply"),
    ("every pod needs to pick up new feature toggles live", "control_plane"),
    ("kiosks should show up as online/offline in the ops console within seconds", "control_plane"),
    (
        "a new instance of the geo service announces itself on startup so callers start sending it lookups",
        "control_plane",
    ),
    ("the config service broadcasts changes to all subscribers and they reload on the fly", "control_plane"),
    (
        "each of the 5000 set-top boxes should reflect a settings change from the backend within two seconds",
        "control_plane",
    ),
    ("all workers get the new rate limits without a restart", "control_plane"),
    ("we need a live list of which trucks are connected right now", "control_plane"),
    ("services register on a discovery subject when they boot", "control_plane"),
]

HELD_OUT_LEANING = [
    ("the checkout consults the tax service for every basket", "request_reply"),
]

HELD_OUT_NOT_SETTLED = [
    ("the tax service is called over https by the checkout", "request_reply"),
    ("we asked our account manager for a discount and are waiting to hear back", "request_reply"),
    ("the billing job reads invoices from mysql and emails them", "request_reply"),
    ("incident responders must acknowledge pages within 5 minutes", "request_reply"),
    ("kafka producers wait for acknowledgement from all in-sync replicas", "request_reply"),
    ("events are fire and forget, consumers process them later", "request_reply"),
    ("github sends a webhook for each push and our ci responds by starting a build", "request_reply"),
    ("access logs with every request and response code go to loki", "request_reply"),
    ("a snappy, responsive ui matters more than anything", "request_reply"),
    ("we query snowflake every morning and email the answers to finance", "request_reply"),
    ("the vendor's api returns a 429 when we call it too often", "request_reply"),
    ("the chat widget lets agents reply to customers in real time", "request_reply"),
    ("consumers read from the kafka topic and ack each message after processing", "request_reply"),
    ("the sre team responds to pages during business hours", "request_reply"),
    ("every http request is traced end to end with opentelemetry", "request_reply"),
    ("the form sends the user's answers to the crm via webhook", "request_reply"),
    ("settings are edited in a yaml file and shipped with the next release", "control_plane"),
    ("the project's discovery workshop with the client ran for two days", "control_plane"),
    ("the settings page lets users change their avatar", "control_plane"),
    ("every pod gets the new image on the next deploy", "control_plane"),
]


HELD_OUT_3_SETTLED = [
    (
        "game backend: the lobby svc asks the inventory svc over nats what skins a player owns, then renders "
        "the loadout",
        "request_reply",
    ),
    (
        "telemetry is fire-and-forget, but the admin cli also needs to query each agent for its config and "
        "print what comes back",
        "request_reply",
    ),
    (
        "we replaced the REST calls between billing and ledger with nats requests; the ledger replies with "
        "the posting id",
        "request_reply",
    ),
    (
        "robot arm controller: a 'grip' command goes to the arm over nats and the arm answers with "
        "success/failure in a few ms",
        "request_reply",
    ),
    ("every checkout does a synchronous fraud check over the bus, the scorer must reply in 30ms", "request_reply"),
    (
        "quote engine pods sit in one queue group; the web tier sends a quote request and uses whichever pod "
        "answers first",
        "request_reply",
    ),
    ("think microservices calling each other, but over nats subjects instead of http", "request_reply"),
    ("the payment svc can't commit until the risk svc responds, and that call is a nats request", "request_reply"),
    ("the cli uses nats req to ask the scheduler for the job list", "request_reply"),
    (
        "our ai gateway forwards prompts to gpu workers over nats and streams the completion back to the caller",
        "request_reply",
    ),
    ("operators toggle maintenance mode and every frontend node switches within a second", "control_plane"),
    ("each worker heartbeats every 2s so the coordinator knows who is alive", "control_plane"),
    ("we want config pushed to 10k iot devices the moment it changes", "control_plane"),
    ("a registry of which model versions are loaded on which gpu node, kept live over nats", "control_plane"),
]

HELD_OUT_3_NOT_SETTLED = [
    ("we call the REST api of our crm nightly and load the results into the warehouse", "request_reply"),
    ("our team answers questions from other teams in #platform-help", "request_reply"),
    ("the producer awaits the broker's acknowledgement before sending the next batch", "request_reply"),
    ("each order event is published once and processed by three consumers independently", "request_reply"),
    ("the llm replies are logged to s3 for later evaluation", "request_reply"),
    ("the page must respond fast on mobile", "request_reply"),
    ("we reply to customer emails within 24 hours", "request_reply"),
    ("the stripe webhook delivers the payment result to our endpoint", "request_reply"),
    ("the api must respond in 200ms at p99", "request_reply"),
    ("the checkout page must respond in 300ms", "request_reply"),
    ("the on-call engineer must reply in 15 minutes", "request_reply"),
    ("config lives in a git repo and is baked into the container image at build time", "control_plane"),
    ("we track who is on call in pagerduty", "control_plane"),
    ("the health insurance module processes claims nightly", "control_plane"),
    ("every node switches to the new kernel within a week", "control_plane"),
    ("the inventory of laptops is kept up to date in a spreadsheet", "control_plane"),
    ("which packages are installed on which host is tracked in a cmdb", "control_plane"),
]


@pytest.mark.parametrize("text,question", SETTLED + HELD_OUT_SETTLED + HELD_OUT_3_SETTLED)
def test_the_need_in_other_words_settles(text, question):
    assert reading(text)[0].get(question) == "yes"


@pytest.mark.parametrize("text,question", LEANING + HELD_OUT_LEANING)
def test_weaker_words_only_lean(text, question):
    answers, leans = reading(text)
    assert question not in answers
    assert leans.get(question) == "yes"


@pytest.mark.parametrize("text,question", NOT_SETTLED + HELD_OUT_NOT_SETTLED + HELD_OUT_3_NOT_SETTLED)
def test_look_alikes_neither_settle_nor_lean(text, question):
    answers, leans = reading(text)
    assert answers.get(question) != "yes"
    assert leans.get(question) != "yes"


@pytest.mark.xfail(reason="a question mark inside a quoted question ends the sentence for the parser", strict=True)
def test_a_quoted_question_published_and_answered():
    text = "the slackbot publishes 'deploy status?' on the bus and each deploy agent answers with its current version"
    assert reading(text)[0].get("request_reply") == "yes"


@pytest.mark.xfail(reason="'service discovery' settles even where it is a document's topic", strict=True)
def test_service_discovery_as_a_documentation_topic():
    text = "we document service discovery of legacy apps in confluence, done by hand"
    assert reading(text)[0].get("control_plane") != "yes"
