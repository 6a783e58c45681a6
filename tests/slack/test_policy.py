"""The team policy and the sizing sketch in Slack, through signed requests to the real app."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any

import pytest

from bot.advisor.policy import parse_policy
from bot.cli.serve import Server
from bot.settings import Settings
from bot.store import db, installations, policies
from tests.slack.conftest import World
from tests.slack.harness import ALICE, BOB, BOT_TOKEN, CHANNEL, SIGNING_SECRET, SlackSender, action_ids, text_of
from tests.slack.mock_slack import Message, MockSlack
from tests.slack.test_card import _card

NO_JETSTREAM = """
name: Paved road
contact: "#platform"
systems:
  nats-jetstream: {offered: false, note: "No JetStream cluster here yet", contact: "@platform-lead"}
"""


async def _reply(world: World, text: str, user: str = ALICE) -> dict[str, Any]:
    before = len(world.mock.calls_to("response_url"))
    sent = await world.send.command(text, user=user)
    assert sent.status == 200
    calls = await world.mock.wait_calls("response_url", before + 1)
    return calls[-1].args


def _as_message(reply: dict[str, Any]) -> Message:
    return Message(CHANNEL, "1700000000.000100", reply.get("text"), reply.get("blocks") or [])


async def _stored(world: World) -> list[Any]:
    async with db.session_factory(world.db_url)() as session:
        return await policies.policy_history(session, team_id=world.team_id)


async def _set(world: World, text: str) -> None:
    async with db.session_factory(world.db_url)() as session:
        await policies.set_policy(
            session, team_id=world.team_id, document=parse_policy(text).model_dump(mode="json"), source=text,
            created_by=ALICE,
        )


async def test_policy_without_one_says_the_guide_applies_and_offers_no_upload_to_a_member(world: World) -> None:
    reply = await _reply(world, "policy")
    assert reply.get("response_type") == "ephemeral"
    assert "No team policy" in reply["text"]
    assert "policy_upload" not in action_ids(_as_message(reply))
    assert world.mock.calls_to("chat.postMessage") == []


async def test_a_workspace_admin_uploads_a_policy_and_a_bad_one_is_refused_in_the_modal(world: World) -> None:
    world.mock.admins.add(ALICE)
    reply = await _reply(world, "policy")
    assert "policy_upload" in action_ids(_as_message(reply))

    await world.send.click(_as_message(reply), "policy_upload")
    view = (await world.mock.wait_calls("views.open"))[-1].args["view"]
    assert view["callback_id"] == "policy_upload"

    broken = "systems:\n  kafka: {offered: nope}\n"
    bad = await world.send.submit_view(view, {"policy_yaml": {"yaml": {"type": "plain_text_input", "value": broken}}})
    assert bad.status == 200
    answer = bad.json()
    assert answer["response_action"] == "errors"
    assert "systems.kafka.offered" in answer["errors"]["policy_yaml"]
    assert await _stored(world) == []  # nothing saved

    good = await world.send.submit_view(
        view, {"policy_yaml": {"yaml": {"type": "plain_text_input", "value": NO_JETSTREAM}}}
    )
    assert good.status == 200 and "errors" not in good.body
    [saved] = await _stored(world)
    assert saved.version == 1 and saved.created_by == ALICE and saved.source == NO_JETSTREAM
    note = (await world.mock.wait_calls("chat.postEphemeral"))[-1].args
    assert note["user"] == ALICE and "version 1" in note["text"]

    shown = await _reply(world, "policy")
    text = text_of(_as_message(shown))
    assert "version 1" in text and "NATS JetStream: NOT offered" in text and "No JetStream cluster here yet" in text


async def test_a_policy_uploaded_from_a_channel_the_app_is_not_in_is_confirmed_in_a_direct_message(
    world: World,
) -> None:
    # `/msgchoice policy` answers in any channel (through the response_url), but the app cannot
    # whisper in a private channel it was not invited to: the confirmation was lost (and the
    # saved upload logged as a failed listener).
    world.mock.admins.add(ALICE)
    world.mock.not_in_channel.add(CHANNEL)
    reply = await _reply(world, "policy")
    await world.send.click(_as_message(reply), "policy_upload")
    view = (await world.mock.wait_calls("views.open"))[-1].args["view"]
    good = await world.send.submit_view(
        view, {"policy_yaml": {"yaml": {"type": "plain_text_input", "value": NO_JETSTREAM}}}
    )
    assert good.status == 200 and "errors" not in good.body
    assert [p.version for p in await _stored(world)] == [1]
    dm = await world.mock.wait_for(lambda: world.mock.messages.get(ALICE), what="a direct message")
    assert "Team policy is now version 1" in (dm[0].text or "")


async def test_a_member_cannot_open_the_upload_or_submit_a_policy(world: World) -> None:
    world.mock.admins.add(ALICE)
    reply = await _reply(world, "policy")
    await world.send.click(_as_message(reply), "policy_upload", user=BOB)
    refusal = (await world.mock.wait_calls("response_url", 2))[-1].args
    assert "Only workspace admins" in refusal["text"]
    assert world.mock.calls_to("views.open") == []

    await world.send.click(_as_message(reply), "policy_upload", user=ALICE)
    view = (await world.mock.wait_calls("views.open"))[-1].args["view"]
    forged = await world.send.submit_view(
        view, {"policy_yaml": {"yaml": {"type": "plain_text_input", "value": NO_JETSTREAM}}}, user=BOB
    )
    assert forged.json()["response_action"] == "errors"
    assert await _stored(world) == []


async def test_the_installer_may_upload(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    from bot.store import sealed

    monkeypatch.setattr(sealed, "_cipher", sealed.TokenCipher(allow_plaintext=True))  # no key in this test
    async with db.session_factory(world.db_url)() as session:
        await installations.save_installation(
            session, enterprise_id=None, team_id=world.team_id, bot_token="xoxb-installed",
            installed_at=datetime.now(UTC), installer_user_id=BOB,
        )
    reply = await _reply(world, "policy", user=BOB)
    assert "policy_upload" in action_ids(_as_message(reply))


ORG = "E0GRID0001"


async def _install(world: World, *, enterprise_id: str | None, team_id: str | None, org_wide: bool = False) -> None:
    """An OAuth installation by Bob (who is no workspace admin) beside the test's single bot token."""
    async with db.session_factory(world.db_url)() as session:
        await installations.save_installation(
            session, enterprise_id=enterprise_id, team_id=team_id, is_enterprise_install=org_wide,
            bot_token="xoxb-installed", installed_at=datetime.now(UTC), installer_user_id=BOB,
        )


async def test_the_installer_of_a_workspace_in_an_enterprise_grid_org_may_upload(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    # In a workspace of an Enterprise Grid org the installation is stored under the org and the
    # workspace. /msgchoice policy showed the installer the Upload button, but clicking it answered
    # "Only workspace admins …": the click and the save looked the installation up without the org.
    from bot.store import sealed

    monkeypatch.setattr(sealed, "_cipher", sealed.TokenCipher(allow_plaintext=True))  # no key in this test
    await _install(world, enterprise_id=ORG, team_id=world.team_id)
    sent = await world.send.command("policy", user=BOB, enterprise_id=ORG)
    assert sent.status == 200
    reply = (await world.mock.wait_calls("response_url"))[-1].args
    assert "policy_upload" in action_ids(_as_message(reply))

    await world.send.click(_as_message(reply), "policy_upload", user=BOB)
    view = (await world.mock.wait_calls("views.open"))[-1].args["view"]
    saved = await world.send.submit_view(
        view, {"policy_yaml": {"yaml": {"type": "plain_text_input", "value": NO_JETSTREAM}}}, user=BOB
    )
    assert saved.status == 200 and "errors" not in saved.body
    [stored] = await _stored(world)
    assert stored.created_by == BOB


async def test_the_installer_of_an_org_wide_install_may_upload_in_the_orgs_workspaces(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Installed org-wide, the installation is the org's (no workspace): its installer was never
    # recognised in the org's workspaces.
    from bot.store import sealed

    monkeypatch.setattr(sealed, "_cipher", sealed.TokenCipher(allow_plaintext=True))  # no key in this test
    await _install(world, enterprise_id=ORG, team_id=None, org_wide=True)
    sent = await world.send.command("policy", user=BOB, org_wide_install_of=ORG)
    assert sent.status == 200
    reply = (await world.mock.wait_calls("response_url"))[-1].args
    assert "policy_upload" in action_ids(_as_message(reply))


@pytest.fixture
async def admins_world(db_url: str) -> AsyncIterator[World]:
    """The app with MSGCHOICE_POLICY_ADMINS naming Bob."""
    mock = MockSlack(users={ALICE: "alice", BOB: "bob"})
    await mock.start()
    settings = Settings(
        DATABASE_URL=db_url, SLACK_BOT_TOKEN=BOT_TOKEN, SLACK_SIGNING_SECRET=SIGNING_SECRET, SLACK_APP_TOKEN=None,
        SLACK_API_URL=mock.api_url, MSGCHOICE_POLICY_ADMINS=f"U0SOMEONE, {BOB}",
    )
    server = Server(settings, host="127.0.0.1", port=0)
    await server.start()
    w = World(mock=mock, server=server, send=SlackSender(f"http://127.0.0.1:{server.port}", mock), db_url=db_url)
    try:
        yield w
    finally:
        await w.server.stop()
        await mock.stop()
    assert not mock.problems, f"Slack would have rejected: {mock.problems}"


async def test_people_named_in_msgchoice_policy_admins_may_upload(admins_world: World) -> None:
    bob = await _reply(admins_world, "policy", user=BOB)
    alice = await _reply(admins_world, "policy", user=ALICE)
    assert "policy_upload" in action_ids(_as_message(bob))
    assert "policy_upload" not in action_ids(_as_message(alice))


async def test_the_card_says_what_the_guide_would_have_said_and_whom_to_ask(world: World) -> None:
    await _set(world, NO_JETSTREAM)
    _, card = await _card(world)  # the guide answers NATS JetStream for this description
    text = text_of(card)
    assert "NATS JetStream" in text and "the guide alone recommends *NATS JetStream*" in text
    assert "No JetStream cluster here yet" in text and "@platform-lead" in text
    adopt = next(
        e for b in card.blocks if b.get("type") == "actions" for e in b["elements"] if e["action_id"] == "card_adopt"
    )
    assert "JetStream" not in adopt["text"]["text"]


async def test_adopting_the_guides_answer_against_the_policy_is_recorded_as_such(world: World) -> None:
    await _set(world, NO_JETSTREAM)
    _, card = await _card(world)
    await world.send.click(card, "card_chose_other")
    view = (await world.mock.wait_calls("views.open"))[-1].args["view"]
    await world.send.submit_view(
        view,
        {
            "system": {"system_select": {"type": "static_select", "selected_option": {"value": "nats-jetstream"}}},
            "rationale": {"rationale_input": {"type": "plain_text_input", "value": "we run our own"}},
        },
    )
    from bot.store import repo

    async def recorded() -> Any:
        async with db.session_factory(world.db_url)() as session:
            return await repo.history(session, team_id=world.team_id)

    decisions: list[Any] = []
    for _ in range(100):
        decisions = await recorded()
        if decisions:
            break
        await asyncio.sleep(0.1)
    [decision] = decisions
    assert decision.chosen_system == "nats-jetstream" and decision.against_policy is True
    assert decision.policy_version == 1


async def test_the_sizing_button_opens_the_sketch_with_cited_rows(world: World) -> None:
    _, card = await _card(world, "durable event log, 50k events/s of 1 KB events, keep 7 days, small team, "
                                 "no request-reply, greenfield")
    assert "card_sizing" in action_ids(card)
    await world.send.click(card, "card_sizing")
    view = (await world.mock.wait_calls("views.open"))[-1].args["view"]
    shown = text_of(Message("modal", "0", None, view["blocks"]))
    assert view["title"]["text"] == "Sizing sketch"
    assert "not capacity planning" in shown and "Sustained write throughput: 50 MB/s" in shown
    assert "Throughput Characteristics › Max throughput (single broker)" in shown


async def test_adopt_records_what_the_card_said_even_if_the_policy_changed_since(world: World) -> None:
    """The card's advice is stored with it: a policy uploaded after the card went up does not change
    what Adopt records (the card said NATS JetStream; the new policy no longer offers it)."""
    _, card = await _card(world)
    assert "NATS JetStream" in text_of(card)
    await _set(world, NO_JETSTREAM)
    await world.send.click(card, "card_adopt")
    await world.mock.wait_for(lambda: "adopted by" in text_of(world.mock.message(CHANNEL, card.ts)), what="adopted")
    from bot.store import repo

    async with db.session_factory(world.db_url)() as session:
        [decision] = await repo.history(session, team_id=world.team_id)
    assert decision.recommended_system == "nats-jetstream" and decision.chosen_system == "nats-jetstream"
    assert decision.policy_version is None and decision.against_policy is False


async def test_details_explain_the_card_on_screen_even_if_the_policy_changed_since(world: World) -> None:
    """Details opens the reasoning of the card it was clicked on (its stored advice), not a new advice
    under a policy uploaded after the card went up."""
    _, card = await _card(world)
    await _set(world, NO_JETSTREAM)
    await world.send.click(card, "card_details")
    view = (await world.mock.wait_calls("views.open"))[-1].args["view"]
    first = view["blocks"][0]["text"]["text"]
    assert first.startswith("*NATS JetStream* · ")


def _long_policy() -> str:
    """A valid policy over Slack's 3,000-character text box whose last rule comes after a long
    comment: cut at 3,000 characters it is still valid YAML, without the rule."""
    notes = "".join(f"# Note {n:02d}: why the platform team runs JetStream the way it does, in detail.\n"
                    for n in range(45))
    text = NO_JETSTREAM + notes + (
        "rules:\n"
        "  - id: durable-on-kafka\n"
        "    label: Durable messaging goes on the managed Kafka.\n"
        "    when: {persistence: \"yes\"}\n"
        "    prefer: [kafka]\n"
    )
    assert len(text) > 3000 and parse_policy(text[:3000]).rules == []  # the cut would lose the rule
    return text


def _yaml(value: str | None) -> dict[str, dict[str, Any]]:
    """The modal's state as Slack submits it, with ``value`` in the policy's text box."""
    return {"policy_yaml": {"yaml": {"type": "plain_text_input", "value": value}}}


def _inputs(view: dict[str, Any]) -> list[dict[str, Any]]:
    return [b["element"] for b in view["blocks"] if b.get("type") == "input"]


async def _open_policy_modal(world: World) -> dict[str, Any]:
    reply = await _reply(world, "policy")
    before = len(world.mock.calls_to("views.open"))
    await world.send.click(_as_message(reply), "policy_upload")
    view: dict[str, Any] = (await world.mock.wait_calls("views.open", before + 1))[-1].args["view"]
    return view


async def test_a_policy_too_long_for_the_modal_is_never_cut_short_by_opening_and_saving_it(world: World) -> None:
    # Stored through `msgchoice policy set` (nothing limits its size there).  Slack's text box holds
    # 3,000 characters: the modal used to pre-fill the first 3,000 and "Validate and save" stored
    # them as the next version, silently dropping the rest (here, a house rule).
    world.mock.admins.add(ALICE)
    long = _long_policy()
    await _set(world, long)

    view = await _open_policy_modal(world)
    # A save of this modal as it was opened (whatever it pre-filled; nothing, now) leaves the policy whole.
    prefilled = [e.get("initial_value") for e in _inputs(view)]
    answer = await world.send.submit_view(view, _yaml(prefilled[0]) if prefilled else {})
    [kept] = await _stored(world)
    assert kept.version == 1 and kept.source == long and len(kept.document["rules"]) == 1
    assert answer.status == 200 and answer.json()["response_action"] == "errors"
    error = answer.json()["errors"]["policy_yaml"]
    assert f"{len(long):,} characters" in error and f"--team {world.team_id}" in error
    assert world.mock.calls_to("chat.postEphemeral") == []

    # The modal says why, and how to change it, instead of showing a cut copy.
    assert not any(e.get("initial_value") for e in _inputs(view)), "no part of the policy is pre-filled"
    assert "submit" not in view, "no save is offered that would replace it with less"
    shown = text_of(Message("modal", "0", None, view["blocks"]))
    assert f"{len(long):,} characters" in shown and "3,000" in shown
    assert f"msgchoice policy set FILE --team {world.team_id}" in shown


async def test_a_modal_opened_before_the_policy_grew_past_the_box_cannot_overwrite_it(world: World) -> None:
    # The box was pre-filled with a short policy; meanwhile `msgchoice policy set` stored a long
    # one.  Saving the edited short text would replace the long policy with less: refused, on the field.
    world.mock.admins.add(ALICE)
    await _set(world, NO_JETSTREAM)
    view = await _open_policy_modal(world)
    [element] = _inputs(view)
    assert element["initial_value"] == NO_JETSTREAM and element["max_length"] == 3000
    long = _long_policy()
    await _set(world, long)

    edited = NO_JETSTREAM.replace("Paved road", "Paved road, edited")
    answer = await world.send.submit_view(view, _yaml(edited))
    assert answer.json()["response_action"] == "errors"
    assert "msgchoice policy set" in answer.json()["errors"]["policy_yaml"]
    assert [p.source for p in await _stored(world)] == [long, NO_JETSTREAM]  # newest first, nothing added


async def test_a_policy_of_exactly_3000_characters_is_prefilled_whole_and_saves(world: World) -> None:
    world.mock.admins.add(ALICE)
    exact = NO_JETSTREAM + "#" * (3000 - len(NO_JETSTREAM) - 1) + "\n"
    assert len(exact) == 3000
    await _set(world, exact)
    view = await _open_policy_modal(world)
    [element] = _inputs(view)
    assert element["initial_value"] == exact and view["submit"]["text"] == "Validate and save"
    edited = exact.replace("Paved road", "Paved lane")
    answer = await world.send.submit_view(view, _yaml(edited))
    assert answer.status == 200 and "errors" not in answer.body
    assert [p.source for p in await _stored(world)] == [edited, exact]


async def _set_by(world: World, text: str, by: str) -> None:
    """What `msgchoice policy set FILE --by …` stores: the next version, whatever is in force."""
    async with db.session_factory(world.db_url)() as session:
        await policies.set_policy(
            session, team_id=world.team_id, document=parse_policy(text).model_dump(mode="json"), source=text,
            created_by=by,
        )


async def test_a_modal_opened_on_one_version_cannot_replace_a_newer_one_it_never_showed(world: World) -> None:
    # Alice opens the modal on version 1; meanwhile the platform lead stores version 2 from the
    # command line.  Alice's save used to land as version 3, built on version 1: the lead's change
    # was gone without anyone being told.
    world.mock.admins.add(ALICE)
    await _set(world, NO_JETSTREAM)
    view = await _open_policy_modal(world)
    newer = NO_JETSTREAM.replace("Paved road", "Paved road (lead's edit)")
    await _set_by(world, newer, "platform-lead")

    answer = await world.send.submit_view(view, _yaml(NO_JETSTREAM.replace("Paved road", "Alice's road")))

    assert answer.status == 200 and answer.json()["response_action"] == "errors"
    error = answer.json()["errors"]["policy_yaml"]
    assert "version 2 by platform-lead" in error and " UTC" in error and "reopen the modal" in error
    assert len(error) <= 150
    stored = await _stored(world)
    assert [(p.version, p.source) for p in stored] == [(2, newer), (1, NO_JETSTREAM)]  # v2 in force, no v3
    assert world.mock.calls_to("chat.postEphemeral") == []

    # Reopened, the modal shows version 2, and a save on top of it is stored as version 3.
    reopened = await _open_policy_modal(world)
    [element] = _inputs(reopened)
    assert element["initial_value"] == newer
    edited = newer.replace("lead's edit", "lead's edit, and Alice's")
    saved = await world.send.submit_view(reopened, _yaml(edited))
    assert saved.status == 200 and "errors" not in saved.body
    assert [p.source for p in await _stored(world)] == [edited, newer, NO_JETSTREAM]


async def test_of_two_modals_opened_before_any_policy_existed_the_second_save_is_refused(world: World) -> None:
    world.mock.admins.update({ALICE, BOB})
    first = await _open_policy_modal(world)
    second = await _open_policy_modal(world)
    assert not any(e.get("initial_value") for e in _inputs(second))

    ok = await world.send.submit_view(first, _yaml(NO_JETSTREAM))
    assert ok.status == 200 and "errors" not in ok.body
    late = await world.send.submit_view(second, _yaml(NO_JETSTREAM.replace("Paved road", "Bob's road")), user=BOB)

    assert late.json()["response_action"] == "errors"
    assert f"version 1 by {ALICE}" in late.json()["errors"]["policy_yaml"]
    assert [(p.version, p.created_by) for p in await _stored(world)] == [(1, ALICE)]


@pytest.mark.parametrize(
    "metadata",
    [
        None,  # a modal opened before the version was carried
        "",
        "not json",
        '{"ch":"C0CHANNEL1"}',
        '{"ch":"C0CHANNEL1","v":"1"}',
        '{"ch":"C0CHANNEL1","v":true}',
        '{"ch":"C0CHANNEL1","v":-1}',
        '{"ch":"C0CHANNEL1","v":1.0}',
        '{"ch":"C0CHANNEL1","v":99999999999}',
        '[1]',
    ],
)
async def test_a_policy_modal_with_damaged_metadata_saves_nothing(world: World, metadata: str | None) -> None:
    world.mock.admins.add(ALICE)
    await _set(world, NO_JETSTREAM)
    view = await _open_policy_modal(world)
    damaged = {k: v for k, v in view.items() if k != "private_metadata"}
    if metadata is not None:
        damaged["private_metadata"] = metadata

    answer = await world.send.submit_view(damaged, _yaml(NO_JETSTREAM.replace("Paved road", "Other road")))

    assert answer.status == 200 and answer.json()["response_action"] == "errors"
    assert "Reopen the modal" in answer.json()["errors"]["policy_yaml"]
    assert [p.version for p in await _stored(world)] == [1]


async def test_a_modal_claiming_a_version_that_is_not_in_force_saves_nothing(world: World) -> None:
    world.mock.admins.add(ALICE)
    await _set(world, NO_JETSTREAM)
    view = await _open_policy_modal(world)
    for claimed in (0, 2, 7):  # "no policy yet", the next number, a number from nowhere
        forged = {**view, "private_metadata": f'{{"ch":"{CHANNEL}","v":{claimed}}}'}
        answer = await world.send.submit_view(forged, _yaml(NO_JETSTREAM.replace("Paved road", f"Road {claimed}")))
        assert answer.json()["response_action"] == "errors"
        assert f"version 1 by {ALICE}" in answer.json()["errors"]["policy_yaml"]
    assert [p.version for p in await _stored(world)] == [1]


async def test_control_characters_and_lone_surrogates_typed_into_the_policy_are_cleaned_like_any_modal_text(
    world: World,
) -> None:
    # NUL is refused by PostgreSQL and by the YAML reader; a lone surrogate cannot be encoded as UTF-8.
    world.mock.admins.add(ALICE)
    view = await _open_policy_modal(world)
    typed = NO_JETSTREAM.replace("Paved road", "Paved\x00 road") + "# owner: platform \ud800 team\n"

    answer = await world.send.submit_view(view, _yaml(typed))

    assert answer.status == 200 and "errors" not in answer.body
    [saved] = await _stored(world)
    assert saved.document["name"] == "Paved road"
    assert "\x00" not in saved.source and "platform \ufffd team" in saved.source
