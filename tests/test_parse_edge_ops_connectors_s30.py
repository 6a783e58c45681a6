"""Recall of edge, ops and connectors in words people type (issue 8, s30; precision first).

Descriptions written for this test after reading public write-ups (NATS at the factory edge and in ships,
small-startup infrastructure posts, Postgres-to-Snowflake CDC guides, connector pipelines); none comes from
the corpus.  What they exercise:

- edge = yes: software said to run in the field with a modal or on places counted by a bare plural ("has to
  run in the vehicles themselves", "runs on fishing trawlers"), field things running software ("ships run our
  software"), a thing out there keeping data while offline, a satellite service named by its operator,
  hardware measured in megabytes of memory, an appliance racked at customers' sites, "runs in-store";
- edge = no: the whole of it in named clouds, regions or data centres ("everything runs in a single aws
  region", "the whole stack lives in two of our own data centres"), "server side", "nothing runs outside our
  cloud account", "no devices involved";
- ops = small: the organisation called small whatever its name ("a small shop"), ops as a side job or done in
  spare time, "we don't have a devops person", "a couple of devs run everything", "I'm the only engineer",
  "our infra team is literally one guy" (a count read past adverbs); not another party's ("the ops team of one
  customer") nor a team at another place ("a small team at netflix");
- connectors = yes: one flow into or out of three or more off-the-shelf stores, many third-party or downstream
  systems, sources and sinks wired by config, a no-code way to move data, a database replicated into the
  warehouse, connectors that nobody has time to hand-write; connectors = no: no external integrations, what
  reads the bus is code the team owns.

The controls are traps that must not settle the question the wrong way.
"""

import pytest

from bot.advisor.parse import parse


def settled(text: str) -> dict[str, str]:
    return {a.question: a.value for a in parse(text).answers}


EDGE_YES = [
    "we're putting a small nats box in every one of our 40 factories and it syncs to the cloud cluster when the wan"
    " is up",
    "each wind turbine has a little industrial pc collecting vibration data and it has to keep running when the link"
    " to the control centre drops",
    'our pos terminals in ~900 stores must keep selling when the store internet goes down and push sales up later',
    "the software runs on fishing trawlers with satellite internet that's up maybe half the day",
    'telemetry from the buses is collected by an onboard unit and uploaded when they get back to the depot',
    'we ship an appliance that customers rack in their own server rooms, and it needs to send usage events home',
    'we run a broker on the cell tower sites, there are about 3000 of them, and they backhaul to our core',
    'the gateway in each greenhouse reads the soil probes over modbus and forwards to the cloud',
    'robots in our warehouses need commands from the fleet manager and they lose wifi in some aisles',
    'agents on the oil rigs collect pump data; the rigs are on vsat and the link is slow and patchy',
    'edge deployment: raspberry pis in ~200 clinics, each one buffering until it can reach the cloud',
    'our kiosks at train stations run a local service that queues transactions when offline',
    'we have leaf nodes at each distribution centre linked back to the hub in aws',
    'each ev charger talks ocpp to our backend and we want a tiny broker inside the charger cabinets',
    'the trucks have a linux box on board that collects can bus data and ships it when in coverage',
    'mining sites underground with spotty connectivity, a local server per site gathers sensor data',
    'we deploy on customer premises: a 2-node cluster at each hospital that syncs anonymised stats to us',
    'ships run our software and sync with shore over starlink when they can',
    'our set of drones streams telemetry to a ground station laptop in the field, no internet out there',
    'the scada historian in each substation pushes readings upstream, links are leased lines that go down sometimes',
    'every restaurant has a small server in the back office that the kitchen screens and tills talk to',
    'we need messaging that runs on arm gateways with 512mb of ram in farm sheds',
    'data is produced at 60 remote weather stations over lorawan and relayed via gateways',
    'our product is an on-prem box installed at customer factories; it must work air-gapped',
    'the stuff has to run in the vehicles themselves, not in the cloud, since connectivity is intermittent',
    'the point-of-sale system runs in-store and syncs with headquarters overnight',
    'cameras in each store do the inference locally and send only detections upstream',
    'we have 12k smart meters reporting every 15 minutes over nb-iot',
    "field technicians' rugged tablets aren't the concern, it's the pump controllers at 400 well sites that report",
    'a jetstream leaf runs on each vessel and replicates to the shore cluster when in port',
]
EDGE_NO = [
    'everything runs in a single aws region, no devices involved',
    "it's all backend services in our own datacenter, nothing at the edge",
    "we're cloud-only, k8s on eks, about 30 microservices",
    'the whole stack lives in two of our own data centres',
    'no iot, no edge, just internal services talking to each other',
    'edge: no',
    'all of this is server side in azure',
    "there's nothing running outside of our cloud account",
]
EDGE_TRAPS = [
    "we've hit a lot of edge cases around retries and ordering",
    'this is a cutting-edge fintech product built on microservices in aws',
    'we run an edge function on our cdn to stamp request ids',
    'the edge proxies in our data centres forward logs to the central cluster',
    'our api gateway at the edge of the network authenticates every request',
    'the team has an edge over competitors because we ship fast',
    'the bleeding-edge version of the client library has bugs',
    'these edge-triggered alerts are noisy',
    'we sell software to retail stores but it is all hosted in our cloud',
    'our customers are factories, they log into our saas dashboard',
    "the delivery drivers' phones send gps through our mobile app",
    'we store the data and sync it to the warehouse nightly',
    'each branch of the repo gets its own preview server',
    'we have 300 stores on our e-commerce platform',
    'the sensor abstraction in our airflow dags polls s3',
    'the vehicles table in postgres gets updated by the booking service',
    'a simulator of the turbines publishes fake telemetry for load tests',
    'our ci runs the software on test rigs before release',
    'the app runs on phones and tablets',
    'it will run in the cloud on eks',
    'the code has to run on our own servers in frankfurt',
    'nats needs only 64 mb of ram, which is nice',
    'the pods with 512mb of memory keep getting oomkilled',
    'the software runs on virtual machines in azure',
    'the mobile app queues messages when offline and sends them later',
    'the browser caches data when offline',
    'the game runs on consoles and pcs',
    'our onboarding flow runs in-app',
    'devs run the whole stack on laptops',
    'the robots team runs our ci pipelines',
    'shipping notifications run on aws lambda',
]
OPS_SMALL = [
    'there are three of us on the backend and we also handle infra',
    "we're a 4-person startup, nobody does ops full time",
    "it's just me and a contractor keeping the lights on",
    'our ops team is one person who is also the cto',
    'we have no sre and no platform team, devs run their own stuff',
    'two backend devs own everything from the db to the k8s cluster',
    'tiny team: 5 engineers total, no dedicated infra people',
    "we can't afford to babysit a cluster, we're a small shop",
    "we don't have a devops person, whoever is on call is a developer",
    'small company, infra is handled by a single part-time contractor',
    'our team is small (3 devs) and we run everything on a couple of vms',
    'ops capacity is basically zero',
    'one sre supports all 12 services',
    "we're a seed-stage startup with 2 engineers",
    'our infra team is literally one guy',
    'nobody here has operated kafka before and we have no ops staff',
    'a couple of devs run everything',
    "we're a two-person shop",
    "I'm the only engineer, so it has to be low-maintenance",
    'the infra is managed by our cofounder in his spare time',
    'ops: small',
    'limited ops headcount, maybe half an engineer',
    "we're 3 devs and a designer",
    'our platform team is 2 people',
    'no one is dedicated to infrastructure here',
    "we're a startup",
    'we have one sre',
    'no dedicated ops',
    "ops budget is tiny, we're a handful of folks",
]
OPS_DEDICATED = [
    'we have a platform team of 8 that runs kafka for everyone',
    'our sre org is about 20 people and they operate the brokers',
    'a whole team owns the streaming platform',
    'the infrastructure group (10+ engineers) runs our clusters 24/7',
    "there's a dedicated kafka team",
    'we have a 12-person data platform team',
    'a dedicated messaging team with on-call runs it',
    'ops: dedicated',
    'the platform org is large and has run kafka for years',
    'we have plenty of ops capacity',
]
CONNECTORS_YES = [
    "events need to land in snowflake, s3 and elasticsearch and we don't want to write a consumer for each",
    'we want off-the-shelf sinks for bigquery and s3 rather than custom code',
    'cdc out of postgres and mysql into the warehouse, ideally with debezium',
    'we need to pipe data from salesforce, hubspot and zendesk into our lake',
    'the same stream feeds elasticsearch for search, redshift for bi and an s3 archive',
    "we'd like plug-and-play integrations with our databases and saas tools",
    'we need to sync changes from 30 mysql databases to snowflake without custom loaders',
    'data flows into a dozen downstream systems: warehouses, search indexes, caches',
    "we don't have time to hand-write connectors to every datastore",
    'our data engineers want to wire up sources and sinks by config, not code',
    'a ready-made s3 sink would save us a lot of work',
    'we move data between mongo, postgres, elasticsearch and snowflake',
    'we need integrations with lots of third-party systems (crm, erp, marketing tools)',
    "we'd love to stream tables from sql server into bigquery with no code",
    'connectors: yes',
    'kafka connect would be handy to push everything to the lake',
    'we replicate our operational dbs into the warehouse continuously',
    'the events get fanned out to s3, clickhouse and datadog',
    'we want a no-code way to move data from our apps into snowflake',
    'we need a jdbc source to read from legacy db2',
    'use debezium for the postgres outbox',
    "we're looking for something with a big connector ecosystem",
    'mirror the oltp db into the lakehouse in near real time',
    'send the stream into splunk, s3 and snowflake with minimal engineering',
]
CONNECTORS_NO = [
    'custom consumers are fine, we write our own services anyway',
    'no external integrations, just our own services talking',
    'connectors: no',
    "we don't need any connectors",
    'everything that reads from the bus is code we own',
]
CONNECTORS_TRAPS = [
    'we connect to our database with sqlalchemy',
    'the service talks to postgres over jdbc',
    'users upload photos to s3',
    'our connection pool to redis keeps timing out',
    'we need to connect the mobile app to the backend',
    'the snowflake team owns reporting',
    'the order service writes to its own postgres',
    'the websocket connections drop a lot',
    'we use s3 for backups',
    'the consumers write to mysql',
    'our s3 bill is too high',
    'we migrated from mysql to postgres, redis and mongo last year',
    'the service writes to postgres, redis and s3',
    'we ran benchmarks against postgres, mysql and mongo',
    'we load-tested postgres, redis, and mongo',
    "we're building integrations for our customers",
    'we use postgres, redis and elasticsearch',
    'data flows from postgres to redis and elasticsearch via our own workers',
    'alerts get pushed to pagerduty, slack and email',
    'logs are shipped to datadog',
    "we don't want to write a custom loader, snowflake's snowpipe is fine",
]


@pytest.mark.parametrize("text", EDGE_YES)
def test_software_at_remote_sites_or_on_devices_is_edge(text):
    assert settled(text).get("edge") == "yes"


@pytest.mark.parametrize("text", EDGE_NO)
def test_everything_in_the_cloud_or_a_data_centre_is_no_edge(text):
    assert settled(text).get("edge") == "no"


@pytest.mark.parametrize("text", EDGE_TRAPS)
def test_edge_cases_cdns_phones_and_pods_settle_no_edge(text):
    assert "edge" not in settled(text)


@pytest.mark.parametrize("text", OPS_SMALL)
def test_a_few_people_running_everything_is_a_small_team(text):
    assert settled(text).get("ops") == "small"


@pytest.mark.parametrize("text", OPS_DEDICATED)
def test_a_team_set_aside_for_it_is_dedicated(text):
    assert settled(text).get("ops") == "dedicated"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("two devs wrote the first version years ago but a 10-person platform team runs it now", "dedicated"),
        ("we started as a startup but we're now 400 engineers with a platform team of 15", "dedicated"),
        ("the ops team of one customer asked for a dashboard", None),
        ("a small team at netflix built this", None),
        ("this message goes to our small support team", None),
        ("we have a small number of topics", None),
        ("the analytics team is 3 people and they consume from the warehouse", None),
        ("each squad has one backend engineer", None),
        ("redpanda says a small team can run it", None),
        ("our customers are mostly small teams", None),
        ("one engineer wrote the prototype in a weekend", None),
        ("we process small messages", None),
    ],
)
def test_other_parties_teams_and_small_things_are_no_small_team(text, expected):
    assert settled(text).get("ops") == expected


@pytest.mark.parametrize("text", CONNECTORS_YES)
def test_data_flowing_into_many_off_the_shelf_systems_wants_connectors(text):
    assert settled(text).get("connectors") == "yes"


@pytest.mark.parametrize("text", CONNECTORS_NO)
def test_only_the_teams_own_code_on_the_bus_wants_no_connectors(text):
    assert settled(text).get("connectors") == "no"


@pytest.mark.parametrize("text", CONNECTORS_TRAPS)
def test_one_store_a_driver_or_a_stack_list_settles_no_connectors(text):
    assert "connectors" not in settled(text)
