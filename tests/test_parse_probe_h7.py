"""Ops (who would run the messaging system): cues said of someone else must not settle it.

Sentences written afresh for this file, after the lexicon/grammar changes they test: another
company's team (a case study, a blog post, a talk), a team still to be hired or long gone, a
product's docs that recommend a team, a customer's or hospital's ops team, a team of people who use
the data, a team that is only asked.  Plain statements about the team's own size keep reading.
"""

import pytest

from bot.advisor.engine import advise


def ops(text):
    return advise(text=text).answers.get("ops")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("## Decision\nWe pick NATS JetStream. Rationale: we are four backend engineers and nobody is on call "
         "for infra.", "small"),
        ("our platform group runs kafka + schema registry for the whole company, ~11 people", "dedicated"),
        ("We have no SRE team; the two of us who wrote the service also run it.", "small"),
        ("Ops: one part-time sysadmin shared with the web shop.", "small"),
        ("The streaming platform team owns the Kafka brokers and handles upgrades.", "dedicated"),
        ("we're a tiny team (3 devs) so zookeeper is a non-starter", "small"),
        ("Infra is handled by our dedicated SRE group of eight.", "dedicated"),
        ("Given limited ops capacity, we favour a single binary.", "small"),
        ("side project, just me, running on a $5 vps", "small"),
        ("Our middleware team already operates the event backbone on Kafka.", "dedicated"),
        ("A lean team of five maintains the whole backend including messaging.", "small"),
        ("There is no dedicated ops team; developers deploy and operate their own services.", "small"),
        ("our central infra team (14 engineers) runs every stateful system", "dedicated"),
        ("We don't have anyone on call at night, so the broker has to heal itself.", "small"),
        ("The SRE team is well staffed and already runs Kafka in three regions.", "dedicated"),
        ("we are 4 engineers at a small startup", "small"),
    ],
)
def test_the_team_that_runs_it_is_read(text, expected):
    assert ops(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Spotify's platform team wrote about running Kafka at scale; we are still deciding who would operate ours.",
        "The blog post describes how a three-person team at a fintech moved to NATS.",
        "Pulsar's docs recommend a dedicated operations team for production.",
        "We are hiring a platform team later this year; today nobody has been assigned.",
        "our customers' infra teams deploy the agent and run the brokers on their side",
        "The ops team at the hospital will host the edge box; our side is undecided.",
        "Back in 2018 a whole team ran our Kafka; that group was disbanded and the question is open again.",
        "The data science team of three builds models on the stream.",
        "We asked the SRE team if they could take on NATS; waiting for a reply.",
        "They have a dedicated platform group for Kafka at the parent bank.",
    ],
)
def test_a_team_that_would_not_run_it_settles_nothing(text):
    assert ops(text) is None
