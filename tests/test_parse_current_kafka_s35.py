"""The team's Kafka (and NATS or another system) said indirectly (issue 8, h66).

current_system is never asked in the conversation, so what the text leaves unread stays unknown, and the
guide's weighing of the existing investment (Guide § Migration Considerations; § Key Takeaways 8: existing
expertise weighs in) is lost.  Read here: know-how named before its noun or counted on the team ("our SREs have
six years of kafka experience", "we have three confluent engineers"), a group of the company as the system's
owner ("order events pass through the sre group's redpanda"), what is kept there said in the passive ("audit records are
retained in redpanda topics"), a form's "current:"/"existing broker:"/"- infra:" field naming the system by any
of its names, what the team's things end up in or are carried by ("kafka is where our … land", "msk is what
carries our …"), a system used across the company or the default here, a provider group's service, the
team's own parts ("our services are kafka producers already", "kafka connect workers already …"), the flow in
the -ing form ("both writing to msk"), the team's parts wired to it or feeding it, the existing bus named in
parentheses, a chain of arrows opening with it, and a system that serves the team's own work well.
A worker that "picks up" a job no longer weighs options.

Controls: a system weighed, compared, wished for, proposed, planned or hypothetical, a product's own traits, a
vendor's system, a person known for it elsewhere, something read about it, and a move off it (still under way
it reads what runs; done it is the past).

The sentences are written for this test; none comes from the corpus.
"""

import pytest

from bot.advisor.parse import parse


def current(text: str) -> str | None:
    return {a.question: a.value for a in parse(text).answers}.get("current_system")


READ = [
    # know-how named before its noun, or counted on the team
    ("our sres have six years of kafka experience between them. need a chat backend", "kafka"),
    ("the platform team has deep msk operational experience. 4k/s of invoices", "kafka"),
    ("we have three confluent engineers and a tight budget. fan-out to browsers", "kafka"),
    ("there are two kafka veterans on our team, the rest write react", "kafka"),
    ("our team has solid nats know-how from the fleet project. need replay now", "nats"),
    # a group of the company as its owner
    ("order events pass through the sre group's redpanda and we need a push service", "kafka"),
    ("price updates flow through the org's redpanda; now we need websockets", "kafka"),
    # kept there, said in the passive
    ("audit records are retained in redpanda topics for a year", "kafka"),
    ("every payment is persisted in msk topics before settlement", "kafka"),
    # a form's field, by any name of the system
    ("- existing: aws msk\n- need: per-tenant fan-out", "kafka"),
    ("current messaging platform: redpanda\nteam: 3 devs", "kafka"),
    ("* tech stack: go, postgres, redis, confluent cloud\n* latency: relaxed", "kafka"),
    ("- infra: gke, cloud sql, synadia cloud", "nats"),
    ("existing broker: activemq artemis", "other"),
    # where the team's things end up, what carries them
    ("msk is where all of our clickstream events land", "kafka"),
    ("redpanda is what carries our order flow between services", "kafka"),
    # used across the company, the default here, provided as a service
    ("confluent cloud is used throughout the company for async work", "kafka"),
    ("here kafka is the default for anything event-driven", "kafka"),
    ("msk is the default at work, so the question is what to put in front of it", "kafka"),
    ("the streaming team offers kafka as an internal service to product squads", "kafka"),
    # the team's own parts said with "already"
    ("both billing services are kafka producers already", "kafka"),
    ("kafka connect clusters already sync our crm data to snowflake", "kafka"),
    # the flow in the -ing form, wired to it, feeding it, the existing bus named in parentheses
    ("the web tier and the workers are all writing to msk", "kafka"),
    ("the two schedulers are happily sending to redpanda", "kafka"),
    ("half the backend is hooked up to confluent cloud", "kafka"),
    ("the outbox relays feed redpanda with every state change", "kafka"),
    ("the current event backbone (redpanda) is fine at 8k msg/s", "kafka"),
    ("apache kafka (self-hosted) is what we run for telemetry", "kafka"),
    # a chain that opens with it; a team heavy on it
    ("ingest is redpanda -> spark -> iceberg tables", "kafka"),
    ("we're pretty kafka-centric as an engineering org", "kafka"),
    # serving the team's own work well; a worker that picks a job up does not weigh anything
    ("rabbitmq has worked well for our billing jobs for years", "other"),
    ("invoices are pushed to sqs and the lambdas pick each one up", "other"),
    ("orders are published to kafka and a consumer picks them up for shipping", "kafka"),
    ("our monitoring bill is mostly the synadia invoice; last month's synadia bill doubled", "nats"),
]


@pytest.mark.parametrize(("text", "expected"), READ)
def test_the_system_the_team_runs_said_indirectly_is_read(text: str, expected: str) -> None:
    assert current(text) == expected


NOT_READ = [
    # weighed, compared, hypothetical, asked
    "we're weighing msk against synadia for the order events",
    "redpanda or kafka, which is lighter for a team of three?",
    "if we adopted confluent cloud, who would own it?",
    "would the analytics group's kafka be usable for our 2k/s of orders?",
    "kafka is where the events should go, the architect says",
    "would msk work well for our use case at 500 msg/s?",
    # wished for, planned, proposed
    "our next hire should bring strong kafka experience",
    "the billing service will publish to msk once it is provisioned",
    "proposed flow: redpanda -> flink -> clickhouse",
    "- target stack: go, postgres, kafka",
    "current: kafka or nats? we don't know yet",
    # the product's traits or what happens anywhere
    "in kafka, records are retained on disk by default",
    "msk is used by thousands of companies",
    "aws offers kafka as a managed service",
    "kafka consumers already get rebalancing for free",
    "kafka is the default choice for event streaming in the industry",
    # someone else's, known elsewhere, read about, none
    "our vendor's redpanda sends us nightly dumps over sftp",
    "there's one kafka expert at the company but she works on another product",
    "we have a kafka book on the shelf and nobody has read it",
    "we have no msk experience at all",
    "none of our engineers have kafka experience",
    "there are a few kafka experts out there we could hire",
    "existing broker: none yet",
    # a move off it that is done is the past
    "we ripped out kafka last year and went back to postgres queues",
]


@pytest.mark.parametrize("text", NOT_READ)
def test_a_system_weighed_planned_or_not_the_teams_is_not_read_as_kafka(text: str) -> None:
    assert current(text) != "kafka"


def test_control_leaving_kafka_still_reads_what_runs_today() -> None:
    # control (unchanged from main): a move off kafka under way says kafka runs today, and is left
    answers = {a.question: a.value for a in parse("we're migrating off msk to nats this year, 2k/s").answers}
    assert (answers.get("current_system"), answers.get("leaving")) == ("kafka", "kafka")


def test_control_a_finished_move_reads_where_it_went() -> None:
    # control (unchanged from main): the system moved off is the past, the one moved to runs
    assert current("we moved off confluent to nats last spring and want durable history") == "nats"
