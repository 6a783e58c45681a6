"""Edge and ops words are ideas, not strings (issue 8, s32).

Edge: a link that comes and goes is one idea (`flaky_link`: flaky, spotty, patchy, dodgy, iffy, unstable,
hit-and-miss, on and off …), and so is a link cut for now (`link_cut`: down, out, lost, dead, severed, gone,
drops, dies, fails …, or flaky); a place named as the modifier of its hardware or network is one more
(`site_word`: depot, substation, kiosk, clinic …), the home a vehicle comes back to is one (`home_base`: depot,
port, yard, quay, berth, hangar …), and "a box in each <place>" reads every remote place.  Before,
each edge entry spelled its own short list, so "the store wifi is flaky" was read and "the store wifi is dodgy"
was not.

Ops: a small team's size word is one idea (`small_size`: small, tiny, little, lean, skeleton, two-person,
two-developer …), one person alone is one (`sole`: solo, single, lone, only one …), a few people counted is
one (`few_count` and `dev_people`: a couple of / a handful of … devs, coders, contractors, volunteers …), and
the kind of work that runs infrastructure is one (`ops_kind`: ops, devops, sre, site reliability, platform,
infra …).

The sentences are written for this test in new words; none comes from the corpus.  The controls keep what
must not flip: a data centre's edge, software sensors, another party's team, hardware capacity, teams of
other work.
"""

import pytest

from bot.advisor.parse import parse


def reading(text: str, question: str) -> str | None:
    return parse(text).as_dict().get(question)


def asked(text: str, question: str) -> bool:
    return any(getattr(a, "question", None) == question for a in parse(text).ambiguous)


# Each of these fails on main's lexicon: the word was missing from that entry's own list.
EDGE_READ = [
    "the pump controllers buffer readings while the lte link is dead",
    "the trawlers only get iffy coverage out past the headland",
    "connectivity at our wind farms is unstable most days",
    "the depot wifi is hit-and-miss",
    "the store wifi is dodgy",
    "the vending machines keep sales locally when the network goes dead",
    "each kiosk must keep working when the uplink is severed",
    "substation hardware talks to our control room",
    "the kiosk pcs are ancient",
    "a tiny agent on each ferry ships logs home",
    "the ferries hold their logs until they get back to the quay",
    "the tugs batch position fixes and send them at the next berth",
]

SMALL_TEAM = [
    "we're a skeleton outfit honestly",
    "a little team runs all of it",
    "the lone programmer keeps it running",
    "we have just one site reliability engineer",
    "the ops team is pretty lean these days",
    "we don't have a site reliability person",
    "a handful of coders keep the lights on",
    "it's me and one other programmer",
    "just a few contractors handle all the infra",
]

DEDICATED_TEAM = [
    "the devops folks keep the brokers healthy",
]

# Controls: a data centre's edge, software sensors, a link between data centres, a database connection.
NOT_EDGE = [
    "edge proxies in our pops drop connections when the uplink is flaky",
    "a software sensor polls when the network is spotty",
    "the db connection is lost when the pod restarts",
    "the vpn between our two data centres is flaky",
    "we onboard devices through the api",
    "render farm servers crunch the frames",
    "we pull a report when the team gets back to the office",
]

# Controls: another party's team, hardware capacity, teams of other work, a product's words.
OPS_UNREAD = [
    "our customers each have a small platform team",
    "a tiny team at stripe built their broker",
    "the platform capacity is limited",
    "the embedded systems team writes the firmware",
    "the warehouse operations people scan pallets",
    "we expose a single admin console",
    "no platform lock-in please",
]


@pytest.mark.parametrize("text", EDGE_READ)
def test_edge_words_in_any_spelling_read_edge(text: str) -> None:
    assert reading(text, "edge") == "yes"


@pytest.mark.parametrize("text", SMALL_TEAM)
def test_small_team_words_read_small(text: str) -> None:
    assert reading(text, "ops") == "small"


@pytest.mark.parametrize("text", DEDICATED_TEAM)
def test_ops_kind_people_read_dedicated(text: str) -> None:
    assert reading(text, "ops") == "dedicated"


@pytest.mark.parametrize("text", NOT_EDGE)
def test_data_centre_and_software_never_read_edge(text: str) -> None:
    assert reading(text, "edge") != "yes"


@pytest.mark.parametrize("text", OPS_UNREAD)
def test_other_teams_and_capacity_never_settle_ops(text: str) -> None:
    assert reading(text, "ops") is None


def test_a_flaky_link_alone_is_asked() -> None:
    # "temperamental" was no word of edge-maybe's list: now the link's flakiness asks where things run
    text = "the uplink is temperamental"
    assert reading(text, "edge") is None
    assert asked(text, "edge")


def test_another_partys_small_team_is_asked() -> None:
    assert asked("a tiny team at stripe built their broker", "ops")
