"""Remote sites that each have a machine of their own are the edge, whatever the verb (issue 8, s32).

"stores, each with a server" was read as edge, "1,200 stores each have a small server" was not.  Sentences written
for this test; the controls are places that are no remote site.
"""

import pytest

from bot.advisor.engine import advise
from bot.advisor.parse import parse

SITES_WITH_MACHINES = [
    "1,200 stores each have a small server",
    "our 40 clinics each run a little box in the back office",
    "the depots each host a local gateway that batches scans",
]

NOT_REMOTE_SITES = [
    "the branches each have a server",  # a git branch as often as an office
    "the teams each have a server",
    "all our regions each have a cluster",
]


@pytest.mark.parametrize("text", SITES_WITH_MACHINES)
def test_a_remote_site_with_its_own_machine_is_the_edge(text: str) -> None:
    assert parse(text).as_dict().get("edge") == "yes"


@pytest.mark.parametrize("text", NOT_REMOTE_SITES)
def test_teams_regions_and_branches_with_servers_are_not_the_edge(text: str) -> None:
    assert "edge" not in parse(text).as_dict()


def test_store_and_forward_at_the_stores_is_read_as_edge_with_persistence() -> None:
    advice = advise(
        text="Retail: 1,200 stores each have a small server; sales must be queued locally when the WAN drops "
        "and synced to HQ later."
    )
    assert advice.answers.get("edge") == "yes" and advice.answers.get("persistence") == "yes"
    assert advice.recommendation == "nats-jetstream"
