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


@pytest.mark.parametrize("text", AT_THE_EDGE)
def test_a_site_or_device_out_there_settles_edge(text):
    assert read(text).get("edge") == "yes"


@pytest.mark.parametrize("text", NOT_THE_EDGE)
def test_a_data_centre_edge_or_a_phone_does_not_settle_edge_yes(text):
    assert read(text).get("edge") != "yes"
