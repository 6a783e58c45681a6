"""Probes for the flowchart question ``edge`` read as a concept, session h18 (issue 8).

Edge / IoT deployment (the guide's Feature Comparison › Edge / IoT support, Use Case Decision Matrix › IoT /
Edge messaging, Can They Coexist? › "IoT Devices → telemetry") is read from: a physical thing out in the field
(a vehicle, a machine, an appliance, a terminal, an instrument: word class ``field_thing``, or generic hardware
placed at a remote place or owned by one) as the subject of sending, in any inflection (``report_verb``,
``field_verb``); software said to run at a remote place; connectivity of such a place or thing that comes and
goes; the thing keeping on working offline or holding data until it is back in reach; commands sent to it.
Phones, browsers, people in a vehicle, CDN and colo edges, edge cases, device labs, servers called machines,
shell terminals, workstations, cars as a business domain and software sensors never settle ``yes``.

Sentences written for this session (none taken from the eval corpus).  The HELD_OUT lists were written before
any rule and run once after the rules were done: first try 9/10 positives read, 0/6 near-misses wrong.  The
one miss ("data piles up on board") was then fixed by a term for data gathering on board a vehicle (10/10).
Tuned set: 44/44 positives, 0/32 near-misses wrong; before this session 5/44 positives were read.  After the
held-out run, two more rounds written to stress the terms: 14 positives (EDGE_2) and 29 near-misses
(NOT_EDGE_2), each read wrongly or missed at first and fixed (all pass now).  A set-top box in a customer's
home stays no edge device (tests/test_parse_probe_h12.py: a consumer's media device, like a phone)."""

import pytest

from bot.advisor.parse import parse
from knowledge.loader import load as load_knowledge


def edge(text: str) -> str | None:
    return parse(text).as_dict().get("edge")


# ---- tuned on ----

EDGE = [
    "we've got ~3000 delivery vans reporting gps every 30s",
    "harvesters publishing yield data as they drive the fields",
    "the excavators emitted engine hours to our old vendor's platform and we want that in-house",
    "the weather stations we sell upload observations every 10 minutes",
    "lifts in our buildings phone home with fault codes",
    "coffee machines in client offices ping our backend with usage counts",
    "ventilators in the ICUs stream alarms to the central nurse dashboard",
    "the point of sale terminals post each sale as it happens and must keep selling when the line is down",
    "ticket gates at the metro stations send tap events",
    "our smart lockers reported door open/close events",
    "irrigation controllers on the farms check in every 15 min for new schedules",
    "a few hundred drilling rigs, each with a box that collects sensor data",
    "the software runs on the trawlers, satellite link only a few hours a day",
    "the kiosks in our stores need to keep taking orders with no internet and catch up later",
    "buses carry a little linux box that holds passenger counts until it reaches the depot wifi",
    "the cameras in our parking garages send plate reads",
    "solar inverters across 40k rooftops reporting output every 5 minutes",
    "pumping stations along the pipeline report pressure to scada in the control room",
    "store-and-forward at each branch since the links there are dodgy",
    "the pos at every outlet has to carry on during outages and upload once connectivity returns",
    "the haul trucks at the mine publish payload weights at 1 hz",
    "each locomotive logs to an onboard computer and dumps it when it pulls into the yard",
    "freezers in 900 supermarkets sending temperature alarms",
    "each tower's controller pushes alarms when the genset trips",
    "wave buoys transmitting swell height every half hour",
    "our hvac units in client buildings send fault codes every minute",
    "the aircraft upload flight data when they land",
    "the vessels are at sea for weeks with only an iridium link",
    "connectivity at the well sites is intermittent so whatever runs there has to store and forward",
    "rail carriages keep passenger counts locally until the train reaches a station with wifi",
    "arcade cabinets in bars reporting plays and coin drops",
    "the parcel sorters in our depots emit scan events",
    "shop tills went offline during the outage and had to sync afterwards",
    "the remote pumping sites only have spotty 4g",
    "our stuff runs out on the farms, off a starlink dish that drops out in bad weather",
    "printers in customers' offices phone home with toner levels",
    "reefer containers on the ships send temperature readings",
    "dishwashers we make are wifi connected and report cycles to us",
    "sensors? no - the pressure transducers on each wellhead publish at 2 hz",
    "the e-scooters we rent out reported their battery level every minute",
    "every fridge in the chain's stores has a controller sending door-open events",
    "our ATMs transmitting cash levels to the ops centre",
    "offshore platforms push process data to shore over a microwave link",
    "the lab instruments on the hospital wards send results as they finish",
]

NOT_EDGE = [
    "we serve assets from the edge via cloudflare workers",
    "edge servers in 30 colos terminate tls and forward to the core",
    "the mobile app sends events when users tap a button",
    "browsers report js errors to sentry",
    "need to handle edge cases where the order arrives twice",
    "qa runs a device lab full of emulators that publish to staging",
    "the machine that runs the consumer is a 64-core box in the rack",
    "open a terminal and run the producer script",
    "each analyst workstation sends queries to the warehouse",
    "the radio station streams its shows online",
    "we run a car rental booking site and bookings go to a queue",
    "argo events sensors trigger workflows when messages arrive",
    "our trucking company's back-office dispatch system publishes load assignments",
    "vehicles are just rows in our fleet database that dispatchers edit in the web app",
    "the station field in the schema is a string",
    "users on flaky mobile connections should still get notifications eventually",
    "our branch pipelines publish build events",
    "the trading terminals on the desk subscribe to prices",
    "we sell cars online and each listing update goes to search",
    "the store service publishes order events",
    "edge functions at the cdn emit logs",
    "the ml machines in the gpu cluster report metrics to prometheus",
    "our build machines send logs to elk",
    "the game servers report match results",
    "each home page view emits an event",
    "the machines report cpu metrics every 10s",
    "network connectivity between our two regions is flaky",
    "sales reps work offline on their laptops and sync when they reconnect",
    "customers' phones go offline in the subway so the app queues messages",
    "the booking engine for our train tickets publishes seat reservations",
    "our workstation agents ship logs to the siem",
    "the weather station data comes from a third-party api we poll",
]

# A second round of near-misses, written after the held-out run to stress the new terms (each was read
# ``yes`` at first and fixed: a vehicle noun that modifies another noun, a game, a simulator or a dataset
# that holds the things, a simulation or a record of them, people by a thing's name, a passive upload,
# bandwidth as capacity, a railway signal).
NOT_EDGE_2 = [
    "the query runs on the trucks table nightly",
    "it runs on the cars dataset",
    "the dashboard lives on the ships page of the intranet",
    "the app is deployed in all the app stores",
    "it runs on the vans endpoint",
    "the simulation of the turbines publishes fake data",
    "commands to the robots team go through jira",
    "the drone footage is uploaded by pilots after each flight",
    "the trucks in our tms publish status changes",
    "the ships in the game broadcast their positions to other players",
    "robots in our rpa platform send emails",
    "the lifts in our saas product send notifications",
    "the trains in the timetable feed publish delays",
    "drones in the simulator report telemetry",
    "the printers in the print queue report jobs",
    "weather stations in the dataset report hourly",
    "the depots have limited bandwidth to process returns",
    "kiosk staff must keep working offline when the crm is down",
    "trains must keep running when the signal is down",
    "the vending machine company we integrate with posts webhooks",
    "the phones in the delivery trucks send gps",
    "passengers on the trains report delays",
    "the printers receive jobs from the print server",
    "the harvesters go quiet in winter",
    "locomotives pull carriages",
    "the tugs push barges into the harbour",
    "the bulldozers push dirt around",
    "our offices have a 4g backup link",
    "the ci runners buffer logs while the network is down",
]

# A third round of positives, written after the held-out run (all read after the fixes they showed: the
# base form "report" had been taken for a noun after the thing, a thing going quiet, buffering while its
# line is down, taking in as well as sending, a place that has a radio link that drops).
EDGE_2 = [
    "ventilators report status",
    "irrigation pivots report soil moisture",
    "gensets at the cell sites phone home hourly",
    "fwiw the haulage trucks dump their logs when they get back to the yard",
    "the meters on the farms went quiet for 3 days during the storm",
    "our tablets on the factory floor must work offline",
    "stuff on the boats syncs to shore when in port",
    "the ambulances stream ecgs to the hospital en route",
    "the rigs have a vsat link that drops for hours",
    "sensors on each pallet beacon their location",
    "digital signage in 2k stores fetches playlists nightly",
    "each ATM buffers transactions if the line drops",
    "the cranes at the port emit spreader events",
    "the trucks record trips and upload them when back at the depot",
]

# the other answer keeps working
NO_EDGE = [
    "everything runs in our own data centre, no devices involved",
    "no iot, it's all server side",
    "cloud only, nothing at the edge",
]

# ---- held out (written before any rule, run once after them) ----

HELD_EDGE = [
    "the street lights in the city report faults over their own radio mesh",
    "around 12,000 wind turbines reporting blade pitch and yaw",
    "tablets bolted into the taxis send trip events",
    "each clinic's ultrasound machine uploads scans overnight",
    "the combine harvesters sent yield maps at the end of the day",
    "our grain silos have level sensors that transmit to the co-op hq",
    "container ships only get connectivity near port, so data piles up on board",
    "the chargers in the car parks push meter values every minute",
    "things run on the trawlers themselves and sync when they reach harbour",
    "retail stores have patchy broadband so each one runs a local queue",
]

HELD_NOT_EDGE = [
    "cloudflare's edge network caches our api responses",
    "our support team's terminals display the ticket queue",
    "the car insurance quote engine publishes a quote event",
    "the build machines publish artifacts to s3",
    "users on the train with flaky wifi still need chat to work",
    "simulated sensors in our test harness publish fake readings",
]

# Field hardware the reading names, by singular: each is counted by the number reader as a device too
# (``producers.devices``), so "20k e-scooters" is a fleet and the edge reading knows them.
SHARED = ["harvester", "ambulance", "trawler", "ferry", "e-scooter", "ventilator", "freezer", "dishwasher", "buoy"]
PLURAL = {"ferry": "ferries"}


@pytest.mark.parametrize("text", EDGE + EDGE_2 + HELD_EDGE)
def test_edge(text: str) -> None:
    assert edge(text) == "yes"


@pytest.mark.parametrize("text", NOT_EDGE + NOT_EDGE_2 + HELD_NOT_EDGE)
def test_not_edge(text: str) -> None:
    assert edge(text) != "yes"


@pytest.mark.parametrize("text", NO_EDGE)
def test_no_edge(text: str) -> None:
    assert edge(text) == "no"


@pytest.mark.parametrize("noun", SHARED)
def test_shared_with_producers(noun: str) -> None:
    assert noun in load_knowledge().lexicon.producers.devices
    plural = PLURAL.get(noun, noun + "s")
    assert edge(f"about 3,000 {plural} reporting status every minute") == "yes"
    assert edge(f"the {plural} we operate sent their status") == "yes"


# A rate said of the devices is read as a rate, and the devices sending by themselves as edge: a figure
# covers only its own question's phrases.
@pytest.mark.parametrize("text", ["8k e-bikes transmit a reading every 5 s", "about 9k harvesters send 2 msgs/s each"])
def test_rate_and_edge(text: str) -> None:
    read = parse(text).as_dict()
    assert read.get("edge") == "yes"
    assert read.get("throughput") == "moderate"
