"""The digest through the real Slack app: signed slash commands, App Home, the scheduler started by serve."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from slack_sdk.web.async_client import AsyncWebClient

from bot.cli.serve import Server
from bot.digest.runner import run_due
from bot.digest.schedule import Schedule, next_slot
from bot.settings import Settings
from tests.digest.helpers import add_decision, configure
from tests.digest.mock_slack import DigestMockSlack
from tests.slack.harness import BOT_TOKEN, CHANNEL, SIGNING_SECRET, SlackSender
from tests.slack.mock_slack import TEAM_ID


class App:
    def __init__(self, mock: DigestMockSlack, server: Server) -> None:
        self.mock = mock
        self.server = server
        self.send = SlackSender(f"http://127.0.0.1:{server.port}", mock)

    async def digest(self, argument: str, *, channel: str = CHANNEL) -> str:
        """``/msgchoice digest <argument>``; the ephemeral reply's text."""
        before = len(self.mock.calls_to("response_url"))
        sent = await self.send.command(f"digest {argument}".strip(), channel=channel)
        assert sent.status == 200
        calls = await self.mock.wait_calls("response_url", before + 1)
        reply = calls[before].args
        assert reply["response_type"] == "ephemeral"
        return str(reply["text"])

    async def home_text(self) -> str:
        before = len(self.mock.calls_to("views.publish"))
        await self.send.home_opened()
        calls = await self.mock.wait_calls("views.publish", before + 1)
        view = calls[before].args["view"]
        view = json.loads(view) if isinstance(view, str) else view
        return "\n".join(
            str((block.get("text") or {}).get("text", ""))
            + "".join(str(e.get("text", "")) for e in block.get("elements") or [] if isinstance(e, dict))
            for block in view["blocks"]
        )


def settings_for(db_url: str, api_url: str, tick: float = 3600.0) -> Settings:
    return Settings(
        DATABASE_URL=db_url,
        SLACK_BOT_TOKEN=BOT_TOKEN,
        SLACK_SIGNING_SECRET=SIGNING_SECRET,
        SLACK_APP_TOKEN=None,
        SLACK_API_URL=api_url,
        MSGCHOICE_DIGEST_TICK_SECONDS=tick,
    )


@pytest.fixture
async def app(db_url: str, slack: DigestMockSlack) -> AsyncIterator[App]:
    server = Server(settings_for(db_url, slack.api_url), host="127.0.0.1", port=0)
    await server.start()
    try:
        yield App(slack, server)
    finally:
        await server.stop()


async def test_digest_settings_from_slack_are_confirmed_ephemerally(app: App) -> None:
    reply = await app.digest("here")
    assert reply.startswith(f"The weekly digest goes to <#{CHANNEL}> every Monday at 09:00 (UTC)")
    assert "not in this channel" not in reply
    reply = await app.digest("when funday 09:00")
    assert "Unknown weekday" in reply and "mon, tue, wed" in reply
    reply = await app.digest("when fri 16:30 Europe/Berlin")
    assert "every Friday at 16:30 (Europe/Berlin)" in reply
    reply = await app.digest("empty skip")
    assert "is skipped" in reply
    home = await app.home_text()
    assert "Weekly digest" in home and f"<#{CHANNEL}> every Friday at 16:30 (Europe/Berlin)" in home
    reply = await app.digest("off")
    assert "*off*" in reply
    assert not app.mock.calls_to("chat.postMessage")  # settings changes post nothing in the channel


async def test_a_time_set_before_the_channel_is_confirmed_and_kept(app: App) -> None:
    # "digest when" before "digest here" saved the time but answered "The weekly digest is not set
    # up", as if nothing had been done.
    reply = await app.digest("when fri 16:30 Europe/Berlin")
    assert "every Friday at 16:30 (Europe/Berlin)" in reply and "`/msgchoice digest here`" in reply
    reply = await app.digest("here")
    assert "every Friday at 16:30 (Europe/Berlin)" in reply


async def test_here_in_a_channel_the_app_is_not_in_warns(app: App) -> None:
    app.mock.not_in_channel.add("C0PRIVATE1")
    reply = await app.digest("here", channel="C0PRIVATE1")
    assert "goes to <#C0PRIVATE1>" in reply and "invite me" in reply


async def test_here_in_a_direct_message_between_people_warns_that_the_digest_cannot_be_posted_there(
    app: App,
) -> None:
    # Slack refuses conversations.info to the app's token (no channels:read), so `digest here` in a
    # DM between two people (where the app can never post: channel_not_found) was confirmed without
    # a word, and every week's digest failed.
    app.mock.missing.add("D0HUMANDM1")
    reply = await app.digest("here", channel="D0HUMANDM1")
    assert "direct message" in reply and "cannot be posted" in reply, reply
    assert "/invite" not in reply
    # The app's own DM with the person is fine.
    reply = await app.digest("here", channel="D0APPDM001")
    assert ":warning:" not in reply


async def test_here_does_not_claim_the_app_is_absent_when_slack_refuses_to_say(app: App) -> None:
    # conversations.info needs channels:read, which the manifest does not ask for: Slack answers
    # missing_scope in every channel, and every `digest here` said "I am not in this channel yet".
    # The history Slack will not show says nothing either: a public channel the app is not in
    # (not_in_channel) takes its posts all the same (chat:write.public), and a refusal is no answer.
    for error in ("not_in_channel", "missing_scope", "ratelimited"):
        app.mock.error_once["conversations.history"] = error
        reply = await app.digest("here")
        assert reply.startswith(f"The weekly digest goes to <#{CHANNEL}>"), (error, reply)
        assert "not in this channel" not in reply and "invite me" not in reply, (error, reply)
    assert len(app.mock.calls_to("conversations.history#error")) == 3  # Slack was asked, and refused
    assert not app.mock.calls_to("conversations.info")  # which Slack never answers for this app


async def test_preview_is_for_the_caller_alone(app: App, session_factory: Any) -> None:
    async with session_factory() as session:
        await add_decision(
            session,
            team_id=TEAM_ID,
            created_at=datetime.now(UTC) - timedelta(hours=2),
            chosen="kafka",
            recommended="nats-jetstream",
            rationale="<!channel> we *love* Kafka",
        )
    reply = await app.digest("preview")
    assert "*Decisions (1)*" in reply and "*Overrides of the advice (1)*" in reply
    assert "<!channel>" not in reply and "&lt;!channel&gt;" in reply
    assert not app.mock.calls_to("chat.postMessage")


async def test_preview_names_people_as_the_posted_digest_does(app: App, session_factory: Any) -> None:
    # The posted digest names deciders by their display names; the preview showed "@U0DECIDER".
    app.mock.users["U0DECIDER"] = "dana"
    async with session_factory() as session:
        await add_decision(
            session,
            team_id=TEAM_ID,
            created_at=datetime.now(UTC) - timedelta(hours=2),
            chosen="kafka",
            recommended="nats-jetstream",
            rationale="ops runs it",
        )
    reply = await app.digest("preview")
    assert "— @dana" in reply and "@dana chose *Apache Kafka*" in reply
    assert "U0DECIDER" not in reply and "<@" not in reply


async def test_app_home_shows_a_failed_run_with_its_error(app: App, session_factory: Any) -> None:
    await app.digest("here", channel="C0ARCHIVED")
    app.mock.archived.add("C0ARCHIVED")
    client = AsyncWebClient(token=BOT_TOKEN, base_url=app.mock.api_url)
    # The first slot after the set-up (Monday 09:00 UTC, the default): its digest covers the decision.
    due = next_slot(Schedule(0, 9, 0), datetime.now(UTC)).at + timedelta(minutes=1)
    [result] = await run_due(session_factory, client, now=due, replica_id="test")
    assert (result.outcome, result.error) == ("failed", "is_archived")
    home = await app.home_text()
    assert "*failed* (`is_archived`)" in home and "/msgchoice digest here" in home


@pytest.mark.parametrize("scheduler", [True, False], ids=["scheduler-on", "scheduler-off"])
async def test_serve_starts_the_digest_scheduler_unless_it_is_off(
    db_url: str, session_factory: Any, slack: DigestMockSlack, scheduler: bool
) -> None:
    now = datetime.now(UTC)
    async with session_factory() as session:
        # Today 00:00 UTC has passed, and the digest was set up long before: due now.
        await configure(
            session,
            team_id=TEAM_ID,
            channel_id="C0DIGEST1",
            weekday=now.weekday(),
            hour=0,
            minute=0,
            configured_at=now - timedelta(days=30),
        )
        await add_decision(session, team_id=TEAM_ID, created_at=now - timedelta(days=1))
    settings = settings_for(db_url, slack.api_url, tick=0.1).model_copy(update={"digest_scheduler": scheduler})
    server = Server(settings, host="127.0.0.1", port=0)
    await server.start()
    try:
        if scheduler:
            await slack.wait_for(lambda: slack.messages.get("C0DIGEST1"), what="the scheduled digest")
        await asyncio.sleep(0.5)  # a few more ticks: nothing more
    finally:
        await server.stop()
    if not scheduler:  # MSGCHOICE_DIGEST_SCHEDULER=false: a CronJob's `msgchoice digest run` sends it
        assert not slack.messages.get("C0DIGEST1")
        return
    assert len(slack.messages["C0DIGEST1"]) == 1
    assert "*Weekly digest of messaging decisions*" in (slack.messages["C0DIGEST1"][0].text or "")


async def test_the_posted_digest_names_deciders_without_pinging_them(app: App, session_factory: Any) -> None:
    # Seen: the digest named deciders as <@U…>, which notified them every week.
    from bot.digest import people

    people._cache.clear()
    app.mock.users["U0DECIDER"] = "dana"
    async with session_factory() as session:
        await add_decision(session, team_id=TEAM_ID, created_at=datetime.now(UTC) - timedelta(hours=2))
    await app.digest("here")
    client = AsyncWebClient(token=BOT_TOKEN, base_url=app.mock.api_url)
    # The first slot after the set-up (Monday 09:00 UTC, the default): its digest covers the decision.
    due = next_slot(Schedule(0, 9, 0), datetime.now(UTC)).at + timedelta(minutes=1)
    [result] = await run_due(session_factory, client, now=due, replica_id="test")
    assert result.outcome == "posted"
    text = app.mock.calls_to("chat.postMessage")[-1].args["text"]
    assert "@dana" in text and "<@U0DECIDER>" not in text
    assert [c.args["user"] for c in app.mock.calls_to("users.info")] == ["U0DECIDER"]
