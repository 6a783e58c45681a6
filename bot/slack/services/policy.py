"""The team policy in Slack (``/msgchoice policy``, the upload modal) and the card's Sizing button.

Who may change the policy: workspace admins and owners (``users.info``), the
person who installed the app (its OAuth installation), and the user ids in
``MSGCHOICE_POLICY_ADMINS``.  It is checked when the modal opens and again
when it is submitted.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from slack_sdk.errors import SlackApiError
from slack_sdk.models.blocks import Block

from bot.advisor.policy import PolicyError, parse_policy, policy_from_document, summary
from bot.render import blocks as render
from bot.render.blocks import policy as policy_blocks
from bot.slack.services.base import SlackService, Where
from bot.store import installations, policies, repo

log = logging.getLogger(__name__)

NOT_ALLOWED = (
    "Only workspace admins, the person who installed msgchoice and the people named in "
    "MSGCHOICE_POLICY_ADMINS can change the team policy."
)


class PolicyTooLong(Exception):
    """The policy in force does not fit the modal's text box; a save from the modal would replace it with less."""


class PolicyChanged(Exception):
    """The policy in force is no longer the version the modal was opened on; a save would replace
    someone else's change unseen, so nothing is saved (the message says who and when, for the field)."""

    def __init__(self, stale: policies.StalePolicy) -> None:
        current = stale.current
        if current is None:  # cannot happen while versions are never deleted; said plainly all the same
            text = "The team policy changed since you opened this: nothing saved. Reopen the modal to see it."
        else:
            by = current.created_by if len(current.created_by) <= 24 else current.created_by[:23] + "…"
            text = (
                f"Changed since you opened this: version {current.version} by {by}, "
                f"{current.created_at:%Y-%m-%d %H:%M} UTC. Nothing saved; reopen the modal for the current text."
            )
        super().__init__(text)
        self.current = current


@dataclass(frozen=True)
class Saved:
    version: int
    created: bool
    name: str


class PolicyService(SlackService):
    async def may_edit(self, team_id: str, user_id: str, *, enterprise_id: str | None = None) -> bool:
        """MSGCHOICE_POLICY_ADMINS, the installer of the installation serving the team, workspace admins."""
        if user_id in self.deps.policy_admins:
            return True
        async with self.deps.session_factory() as session:
            # The workspace's own installation, whichever Enterprise Grid org it is in (a team id is unique
            # across Slack), else its org's when the app was installed org-wide.
            installation = await installations.installation_for_team(session, team_id=team_id)
            if installation is None and enterprise_id:
                installation = await installations.find_installation(
                    session, enterprise_id=enterprise_id, team_id=None, is_enterprise_install=True
                )
        if installation is not None and installation.installer_user_id == user_id:
            return True
        try:
            response = await self.client.users_info(user=user_id)
        except SlackApiError as exc:
            log.info("users.info failed for a policy check in team %s: %s", team_id, exc.response.get("error"))
            return False
        user = response.get("user") or {}
        return bool(user.get("is_admin") or user.get("is_owner") or user.get("is_primary_owner"))

    async def policy_reply(self, team_id: str, user_id: str, *, enterprise_id: str | None = None) -> tuple[
        str, list[Block]
    ]:
        """``/msgchoice policy``: the version in force, summarised, and the upload button for those who may."""
        async with self.deps.session_factory() as session:
            row = await policies.current_policy(session, team_id=team_id)
        can_edit = await self.may_edit(team_id, user_id, enterprise_id=enterprise_id)
        if row is None:
            return policy_blocks.build_policy_message([], version=None, set_by=None, set_on=None, can_edit=can_edit)
        lines = summary(policy_from_document(row.document, kb=self.kb), self.kb)
        return policy_blocks.build_policy_message(
            lines,
            version=row.version,
            set_by=row.created_by,
            set_on=f"{row.created_at:%Y-%m-%d %H:%M} UTC",
            can_edit=can_edit,
        )

    async def open_upload(
        self,
        *,
        team_id: str,
        user_id: str,
        trigger_id: str,
        channel_id: str | None,
        enterprise_id: str | None = None,
    ) -> bool:
        """Open the upload modal (prefilled with the version in force, or saying why it cannot be when
        that is longer than Slack's text box); False when the user may not."""
        if not await self.may_edit(team_id, user_id, enterprise_id=enterprise_id):
            return False
        async with self.deps.session_factory() as session:
            row = await policies.current_policy(session, team_id=team_id)
        view = policy_blocks.build_policy_modal(
            row.source if row else None,
            # The version it was opened on ("v", 0 for none): the submission is saved only on top of it.
            render.encode_value(ch=channel_id, v=row.version if row else 0),
            team_id=team_id,
            version=row.version if row else None,
        )
        await self.client.views_open(trigger_id=trigger_id, view=render.view_payload(view))
        return True

    async def save(
        self, *, team_id: str, user_id: str, text: str, based_on: int | None, enterprise_id: str | None = None
    ) -> Saved:
        """Validate and store a new version from the modal, opened on version ``based_on`` (None: no
        policy then); PolicyError (the field named), PermissionError, PolicyTooLong or PolicyChanged
        changes nothing.

        The modal showed ``based_on``: if another version has been stored since (another admin's
        modal, ``msgchoice policy set``), saving would silently replace it, so PolicyChanged says
        who stored it and when instead.  The check is the store's conditional insert (one
        transaction; see :func:`bot.store.policies.set_policy`).

        A policy in force that is longer than the modal's text box was never shown whole in it (the
        modal says so and offers no save; a modal opened before it grew showed an older one), so no
        save from the modal replaces it: it is changed with ``msgchoice policy set``.
        """
        if not await self.may_edit(team_id, user_id, enterprise_id=enterprise_id):
            raise PermissionError(NOT_ALLOWED)
        async with self.deps.session_factory() as session:
            current = await policies.current_policy(session, team_id=team_id)
            if current is not None and not policy_blocks.fits_policy_input(current.source):
                raise PolicyTooLong(
                    f"Version {current.version} in force is {policy_blocks.input_length(current.source):,} "
                    f"characters, over Slack's {policy_blocks.POLICY_INPUT_LIMIT:,}: nothing saved. "
                    f"Use {policy_blocks.policy_cli_hint(team_id)}"
                )
            if (current.version if current is not None else None) != based_on:
                # Said before any problem in the text: that text is based on an outdated version.
                raise PolicyChanged(policies.StalePolicy(based_on, current))
            policy = parse_policy(text, kb=self.kb)
            try:
                row, created = await policies.set_policy(
                    session, team_id=team_id, document=policy.model_dump(mode="json"), source=text,
                    created_by=user_id, based_on=based_on,
                )
            except policies.StalePolicy as stale:
                raise PolicyChanged(stale) from None
        return Saved(version=row.version, created=created, name=policy.name)

    async def open_sizing(self, where: Where, *, trigger_id: str, conversation_id: int) -> None:
        """The card's Sizing button: the sketch in a modal."""
        async with self.deps.session_factory() as session:
            conversation = await repo.get_conversation(session, team_id=where.team_id, conversation_id=conversation_id)
        if conversation is None:
            return
        view = policy_blocks.build_sizing_modal(await self.card_advice(conversation), self.kb)
        await self.client.views_open(trigger_id=trigger_id, view=render.view_payload(view))


__all__ = ["NOT_ALLOWED", "PolicyChanged", "PolicyError", "PolicyService", "PolicyTooLong", "Saved"]
