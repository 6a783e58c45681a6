"""Enterprise Grid: an org-wide install, driven with the payloads Slack sends for one.

Installed org-wide, the app's installation is the org's (``team: null``).  Slack's Events API
envelopes then name the workspace the event happened in (``team_id``) while their
``authorizations[0]`` names the org's installation, with ``team_id: null`` and
``is_enterprise_install: true``; block_actions carry ``team: null`` and the clicking user's
``team_id``.  Conversations, decisions and settings belong to the workspace.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator
from typing import Any

import pytest

from bot.slack.services.base import state_of
from bot.store import repo, sealed
from bot.store.db import session_factory as sessions_for
from tests.slack.harness import ALICE, CHANNEL
from tests.slack.mock_slack import APP_ID
from tests.slack.test_oauth import OAuthApp, running_oauth_app

ORG, WORKSPACE = "E0ORG00001", "T0WSINORG1"


@pytest.fixture
async def org_app(db_url: str) -> AsyncIterator[OAuthApp]:
    try:
        async with running_oauth_app(db_url) as app:
            grant = app.mock.grant("org-code", ORG, workspaces=(WORKSPACE, "T0WSINORG2"))
            _, state = await app.start_install()
            assert (await app.redirect("org-code", state)).status == 200
            app.grant = grant  # type: ignore[attr-defined]
            yield app
    finally:
        sealed.configure(sealed.TokenCipher(allow_plaintext=True))


def org_envelope(app: OAuthApp, event: dict[str, Any]) -> dict[str, Any]:
    """An Events API delivery to an org-wide installation, as Slack sends it."""
    grant = app.grant  # type: ignore[attr-defined]
    return {
        "token": "verification-token-unused",
        "team_id": WORKSPACE,
        "enterprise_id": ORG,
        "context_team_id": WORKSPACE,
        "context_enterprise_id": ORG,
        "api_app_id": APP_ID,
        "event": event,
        "type": "event_callback",
        "event_id": f"Ev0ORG{time.monotonic_ns()}",
        "event_time": int(time.time()),
        "authorizations": [
            {
                "enterprise_id": ORG,
                "team_id": None,
                "user_id": grant.bot_user_id,
                "is_bot": True,
                "is_enterprise_install": True,
            }
        ],
        "is_ext_shared_channel": False,
        "event_context": "4-eyJldCI6Im1lc3NhZ2UifQ",
    }


async def start(app: OAuthApp, text: str = "") -> str:
    sent = await app.send.command(text, team_id=WORKSPACE, org_wide_install_of=ORG)
    assert sent.status == 200, sent.body
    mock = app.mock

    def first_question() -> Any:
        roots = [m for m in mock.messages.get(CHANNEL, []) if m.thread_ts is None]
        if not roots:
            return None
        thread = mock.thread(CHANNEL, roots[0].ts)
        if any(str(b.get("block_id", "")).startswith("answers:persistence:") for m in thread for b in m.blocks):
            return roots[0].ts
        return None

    ts: str = await mock.wait_for(first_question, what="the first question")
    return ts


async def answered(app: OAuthApp, thread_ts: str) -> dict[str, str]:
    async with sessions_for(app.db_url)() as session:
        conversation = await repo.get_conversation_by_thread(
            session, team_id=WORKSPACE, channel_id=CHANNEL, thread_ts=thread_ts
        )
    assert conversation is not None
    return dict(state_of(conversation).answers)


async def test_a_typed_answer_in_a_workspace_of_an_org_wide_install_is_recorded(org_app: OAuthApp) -> None:
    # The typed reply reached the app, but Bolt reads the team from authorizations[0], which is the
    # org's installation (team_id null): the thread was looked up in no workspace and the answer dropped.
    thread_ts = await start(org_app)
    ts = f"{time.time():.6f}"
    reply = {
        "type": "message",
        "user": ALICE,
        "text": "yes",
        "ts": ts,
        "thread_ts": thread_ts,
        "parent_user_id": org_app.grant.bot_user_id,  # type: ignore[attr-defined]
        "team": WORKSPACE,
        "channel": CHANNEL,
        "event_ts": ts,
        "channel_type": "channel",
        "client_msg_id": "c0ffee00-0000-4000-8000-000000000001",
    }
    sent = await org_app.send.post(json.dumps(org_envelope(org_app, reply)), "application/json")
    assert sent.status == 200, sent.body

    def answered_yes() -> bool:
        question = next(m for m in org_app.mock.thread(CHANNEL, thread_ts) if m.ts != thread_ts)
        return "✅" in json.dumps(question.blocks, ensure_ascii=False)

    await org_app.mock.wait_for(answered_yes, what="the typed answer recorded")
    assert (await answered(org_app, thread_ts)).get("persistence") == "yes"


async def test_the_home_tab_in_a_workspace_of_an_org_wide_install_shows_that_workspaces_decisions(
    org_app: OAuthApp,
) -> None:
    # The Home tab was published for no workspace: "no decisions yet" where the team had recorded some.
    from datetime import UTC, datetime

    from tests.digest.helpers import add_decision

    async with sessions_for(org_app.db_url)() as session:
        await add_decision(session, team_id=WORKSPACE, created_at=datetime.now(UTC), chosen="nats-jetstream")
    opened = {"type": "app_home_opened", "user": ALICE, "channel": "D0HOME0001", "tab": "home", "event_ts": "1.2"}
    sent = await org_app.send.post(json.dumps(org_envelope(org_app, opened)), "application/json")
    assert sent.status == 200, sent.body
    published = (await org_app.mock.wait_calls("views.publish"))[-1].args
    assert published.get("team_id") == WORKSPACE  # an org-wide token names the workspace it acts in
    view = published["view"] if isinstance(published["view"], str) else json.dumps(published["view"])
    assert "No decisions yet" not in view
    assert "NATS JetStream" in view


@pytest.mark.parametrize(
    "event",
    [
        {"type": "app_uninstalled", "event_ts": "1.2"},
        {"type": "tokens_revoked", "tokens": {"bot": ["U0BOTORG1"]}, "event_ts": "1.2"},
    ],
    ids=["app_uninstalled", "tokens_revoked"],
)
async def test_uninstalling_an_org_wide_install_forgets_the_orgs_installation(
    org_app: OAuthApp, event: dict[str, Any]
) -> None:
    assert list(await org_app.installations()) == [""]  # the org's installation: no workspace of its own
    sent = await org_app.send.post(json.dumps(org_envelope(org_app, event)), "application/json")
    assert sent.status == 200, sent.body

    async def forgotten() -> bool:
        return not await org_app.installations()

    deadline = time.monotonic() + 10
    while not await forgotten():
        assert time.monotonic() < deadline, "the org's installation (and its bot token) was kept"
        await asyncio.sleep(0.05)


async def test_a_click_in_a_workspace_of_an_org_wide_install_is_recorded(org_app: OAuthApp) -> None:
    # Slack sends block_actions of an org-wide install with team: null and the org; the workspace is
    # the clicking user's team.
    thread_ts = await start(org_app)
    question = next(
        m
        for m in org_app.mock.thread(CHANNEL, thread_ts)
        if any(str(b.get("block_id", "")).startswith("answers:persistence:") for b in m.blocks)
    )
    click = org_app.send.block_actions(question, "answer:yes")
    click["user"]["team_id"] = WORKSPACE
    click |= {"team": None, "enterprise": {"id": ORG, "name": "the org"}, "is_enterprise_install": True}
    sent = await org_app.send.interact(click)
    assert sent.status == 200, sent.body

    def answered_yes() -> bool:
        return "✅" in json.dumps(org_app.mock.message(CHANNEL, question.ts).blocks, ensure_ascii=False)

    await org_app.mock.wait_for(answered_yes, what="the click recorded")
    assert (await answered(org_app, thread_ts)).get("persistence") == "yes"
