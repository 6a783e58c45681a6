"""Held-out probes for the edge question read in the words of decision records and engineering posts
(session h12).

Written after the lexicon's edge vocabulary was generalised (word classes ``remote_place``,
``field_device``, ``site_machine``, ``device_link``; entry ``edge-site``; the placed and data-centre
modifiers of ``edge``), on sentences not used for tuning: sites and fleets described as where things
run, devices syncing over their own constrained links, firmware, sensors fitted to equipment settle
``edge: yes``; edge proxies and caches in data centres, edge cases, software sensors, phones, device
farms, git branches, disks and multi-DC sites never settle ``yes``."""

import pytest

from bot.advisor.engine import advise


def read(text: str) -> dict[str, str]:
    return {q: getattr(a, "value", a) for q, a in advise(text=text).answers.items()}


AT_THE_EDGE = [
    "ADR-031: every distribution centre gets a rugged PC running a NATS leaf node that syncs to the regional hub.",
    "the ferries lose their uplink mid-crossing, so the onboard box has to hold messages until they dock",
    "Status quo: the PLCs on line 3 push counters to a historian in the control room.",
    "forklifts report battery and position over wifi to the WMS",
    "- ~2k parking meters\n- each sends a payment event over LTE-M",
    "each greenhouse has its own little server that forwards climate readings to HQ",
    "RFC: the tractors buffer yield data on board and upload it when back in coverage",
    "pumping stations each run a small gateway and sync with the central SCADA",
    "the locomotives stream engine telemetry to the ops centre",
    "vibration sensors mounted on the compressors report every 500 ms",
    "we're putting a mosquitto broker in every clinic so the devices there keep working when the internet drops",
    "firmware on the trackers retries each fix until the server acks it",
    "ev chargers talk ocpp to our backend; a few thousand of them",
    "ships with VSAT terminals send noon reports to the fleet office",
    "the field units go offline for hours at a time and flush everything on reconnect",
    "thermostats publish setpoint changes over zigbee to the home hub",
    "Each franchise location hosts a tiny broker box; orders replicate to HQ overnight.",
]

NOT_THE_EDGE = [
    "our edge nodes in 12 data centres terminate TLS",
    "edge-triggered alerts fire when lag crosses a threshold",
    "the mobile devices queue messages while the LTE connection is down",
    "the Fastly edge caches the product pages",
    "sensors in the airflow DAG poll S3 for new files",
    "QA runs the suite on a device farm every night",
    "each branch has its own preview server",
    "the warehouse (snowflake) syncs with the central BI layer",
    "the home screen pushes a notification to the user's phone",
    "our kafka nodes at each site replicate to the DR site",
    "firmware of the NVMe drives was patched on all brokers",
    "the API edge service forwards requests to the core",
    "our riders' phones report GPS every few seconds",
]


# The probes the vocabulary was tuned on (kept as regressions; the held-out sets are above).
TUNED_AT_THE_EDGE = [
    "each store runs a small box that syncs with HQ",
    "agents on the factory floor publish to a local broker",
    "vessels with intermittent satellite links buffer telemetry until they reconnect",
    "we run leaf nodes in every branch office",
    "gateways buffer readings while the LTE link is down",
    "the firmware on the meters publishes a reading every 15 minutes",
    "on-prem edge clusters in 300 restaurants, each forwarding orders to the cloud",
    (
        "ADR-012: Each retail location hosts a NUC running the message broker; it replicates to the central"
        " cluster when connectivity allows."
    ),
    "trucks carry an on-board gateway that queues GPS fixes while out of coverage",
    "the wind turbines each have a controller that streams vibration data to the control centre",
    "oil rigs sync their historian data to shore over a VSAT link twice a day",
    "we ship a tiny broker inside each EV charger",
    "PLC gateways on the line push tag values to the plant server",
    "Context: our kiosks in 1,200 stores need to keep selling when the WAN is down and forward sales to HQ later.",
    "- ~4k sensor gateways in the field\n- must survive link loss",
    "the buses report their position from an onboard modem every 10 s",
    "each vessel has a local nats server that stores messages while the satellite link is down",
    "firmware on the sensors publishes to the broker over mqtt",
    "RFC: run a JetStream leaf node at each substation so telemetry survives WAN outages",
    "the hospital's bedside monitors send vitals to the nurse station",
    "tractors in the field upload yield maps when they get back in range",
    "smart meters report consumption every 15 min over NB-IoT",
    "the mining trucks run a local broker that syncs with the pit office over a mesh radio",
    "ATMs in each branch forward transactions to the core when the line comes back",
    "Each franchise location runs a small server in the back office; orders flow up to HQ.",
    "the robots on the warehouse floor publish their status to a broker on site",
    "devices in the field go offline for days and flush their backlog on reconnect",
    "the PoS terminals in our shops keep taking payments offline and sync later",
    "sensors on the pumps send pressure readings every second",
    "Fleet of 3k forklifts, each with a telematics box on LTE",
    "edge gateways at each plant aggregate OPC UA tags and forward them upstream",
    "onboard computers in the trains store events while in tunnels and forward them at the next station",
    "store servers sync inventory with HQ every few minutes",
    "each farm has a LoRaWAN gateway that relays soil readings to our cloud",
    "the vending machines report stock levels over 3G",
    "we deploy NATS on the rigs themselves and use leaf nodes back to the onshore cluster",
    "ships' onboard servers queue messages while the satellite connection is unavailable",
    "each restaurant runs a kitchen display box that talks to the local broker",
    "devices at customer sites phone home over flaky 4g",
    "the elevator controllers in customer buildings send fault codes to our cloud",
    "sensor hubs installed in the substations push readings to the scada frontend",
    "solar inverters at 10k homes report generation every minute",
    "The edge tier is a Pi in every clinic, syncing with the central cluster when the clinic's internet is up.",
    "the POS boxes in each store stay up when the uplink drops and replay orders afterwards",
    "branch routers run a small agent that publishes events to a broker in the branch",
    "the trucks buffer telemetry on board while they're out of coverage and flush it when they reconnect",
    "Decision: a mosquitto broker runs on every vessel and bridges to the shore cluster",
    "firmware on the chargers retries until the backend acks",
]

TUNED_NOT_THE_EDGE = [
    "the control plane goes offline during upgrades",
    "the control plane syncs config to the central cluster",
    "fluent-bit ships logs and forwards metrics to the central cluster",
    "the test rigs upload results to the central server",
    "our build farm syncs artifacts with the central registry",
    "the control plane sends status to the agents",
    "the pipeline trains the model and uploads it to the central registry",
    "the message buses forward events to the central cluster",
    "vector ships metrics and relays them to the cloud",
    "the set-top boxes in customers' homes send viewing stats to our backend",
    "we terminate TLS at the edge proxy in each data centre",
    "edge PoPs cache the API responses",
    "Cloudflare Workers at the edge call our origin",
    "handle the edge cases where a consumer restarts mid-batch",
    "the API gateway's edge services do auth and rate limiting",
    "Argo sensors subscribe to the event bus and trigger workflows",
    "mobile app users send chat messages to the backend",
    "browsers connect over websockets to receive price updates",
    "we run the integration tests on a device farm of 200 phones",
    "at the edge of the network, the VPC's NAT gateway forwards traffic",
    "Kubernetes nodes each run a fluent-bit daemonset shipping logs to Kafka",
    "the storage devices fill up when retention is too long",
    "our edge servers in 40 PoPs pull config from the control plane",
    "the CDN nodes in our colo sites receive purge messages",
    "each store's web shop sends order events to Kafka",
    "the edge function validates the JWT before the request hits the service",
    "store the events in the event store and replay them later",
    "branch builds publish artifacts to the registry",
    "drivers' phones send location every 4 s in the ride-hailing app",
    "block devices on the brokers are NVMe",
    "our edge layer (Envoy) routes requests to the services",
    "Lambda@Edge rewrites headers",
    "the factory pattern creates a producer per topic",
    "the gateway service in our cluster forwards webhooks to the queue",
    "we have an edge cluster in each cloud region for ingress",
    "the agent in each pod reports to the collector",
    "the local broker on each developer laptop is used for testing",
    "our build farm publishes results to a broker",
    "the home page publishes clickstream events",
    "the mobile devices of our users sync when they come back online",
    "the service mesh sidecar sits on every node and forwards to the broker",
    "Cloudflare's edge network absorbs the traffic",
    "thousands of our own edge boxes in colo sites across regions receive invalidations, not devices",
    "the iot device hub in our cloud stores events in mongodb",
    "we store events and sync them to the central cluster",
    "the event store syncs to the cloud every minute",
    "we run kafka brokers on premises in our dc",
    "the consumer buffers messages while the network is down",
    "brokers queue messages while the WAN link between data centres is down",
    "the app caches messages while the phone's LTE connection is down",
    "each branch syncs with the central repo before merge",
    "each store in our marketplace syncs its catalogue with the central index",
    "we get vessel positions via a satellite AIS data provider",
    "the node firmware upgrade broke the NICs on two brokers",
    "firmware on the storage devices had a bug that corrupted segments",
    "sales reps in the field use the mobile app, which syncs with the backend when they're back online",
    "the home page forwards clickstream to the backend",
    "users' devices buffer messages while the LTE connection is down",
    "drivers' phones send location every 4 s and the cars are matched to riders",
    "the app holds connections to thousands of mobile devices",
    "devices reach us over https and websockets",
    "ride-hailing: cars send location through the driver app",
    "our kafka brokers each run a local agent",
    "the model is fine-tuned using LoRA adapters and served behind kafka",
    "each branch has its own preview server",
    "we publish over websockets to the browser",
]


@pytest.mark.parametrize("text", AT_THE_EDGE)
def test_a_site_or_device_out_there_settles_edge(text):
    assert read(text).get("edge") == "yes"


@pytest.mark.parametrize("text", NOT_THE_EDGE)
def test_a_data_centre_edge_or_a_phone_does_not_settle_edge_yes(text):
    assert read(text).get("edge") != "yes"


@pytest.mark.parametrize("text", TUNED_AT_THE_EDGE)
def test_tuned_site_or_device_settles_edge(text):
    assert read(text).get("edge") == "yes"


@pytest.mark.parametrize("text", TUNED_NOT_THE_EDGE)
def test_tuned_near_miss_does_not_settle_edge_yes(text):
    assert read(text).get("edge") != "yes"
