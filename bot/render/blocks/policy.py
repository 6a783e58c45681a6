"""Block Kit for the team policy and the sizing sketch: the card's policy line and Sizing button,
the Sizing modal, ``/msgchoice policy`` and the policy upload modal.  Pure; every text a person
typed (policy names, notes, contacts) is escaped."""

from __future__ import annotations

from collections.abc import Sequence

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    DividerBlock,
    InputBlock,
    PlainTextInputElement,
    PlainTextObject,
)
from slack_sdk.models.views import View

from bot.advisor.advice import Advice
from bot.render.blocks.common import (
    VIEW_BLOCK_LIMIT,
    button,
    context,
    cut,
    encode_value,
    mrkdwn_section,
    raw_context,
    system_name,
)
from bot.render.escape import escape
from knowledge import Knowledge

ACTION_SIZING = "card_sizing"
ACTION_POLICY_UPLOAD = "policy_upload"
VIEW_SIZING = "card_sizing"
VIEW_POLICY = "policy_upload"
BLOCK_POLICY_YAML = "policy_yaml"
ACTION_POLICY_YAML = "yaml"
POLICY_INPUT_LIMIT = 3000  # Slack's maximum for a plain-text input


def policy_card_lines(advice: Advice, kb: Knowledge) -> list[Block]:
    """One context line when the team policy changed the guide's answer: what the guide says, the rule, whom to ask."""
    policy = advice.policy
    if policy is None or not policy.changed:
        return []
    because = "; ".join(escape(e.label.rstrip(".")) for e in policy.deciding) or "the policy as a whole"
    contact = next((e.contact for e in policy.deciding if e.contact), None) or policy.contact
    version = f" v{policy.version}" if policy.version is not None else ""
    text = (
        f":clipboard: *Team policy* ({escape(policy.name)}{version}): the guide alone recommends "
        f"*{escape(system_name(kb, policy.guide_recommendation))}*; here it is "
        f"*{escape(system_name(kb, policy.recommendation))}*, because {because}."
    )
    if contact:
        text += f" Ask {escape(contact)}."
    if policy.docs:
        text += f" <{policy.docs}|Internal docs>"
    return [raw_context(text)]


def sizing_button(conversation_id: int | str) -> ButtonElement:
    return button("Sizing", ACTION_SIZING, encode_value(c=conversation_id))


def card_additions(
    advice: Advice, kb: Knowledge, conversation_id: int | str
) -> tuple[list[Block], list[ButtonElement]]:
    """What the card gains: the policy line (when the policy changed the answer) and the Sizing button;
    pass them to ``build_recommendation`` as ``extras`` and ``extra_buttons``."""
    return policy_card_lines(advice, kb), [sizing_button(conversation_id)]


def build_sizing_modal(advice: Advice, kb: Knowledge) -> View:
    """The sizing sketch: each figure with its arithmetic and the guide rows it rests on."""
    sizing = advice.sizing
    name = system_name(kb, sizing.system if sizing else advice.recommendation)
    blocks: list[Block] = [
        mrkdwn_section(
            f"*Sizing sketch for {escape(name)}*\n_{escape(sizing.note if sizing else 'No sketch.')}_"
        )
    ]
    if sizing is not None:
        for line in sizing.lines:
            rows = ", ".join(f"{r.table_title} › {r.topic}" for r in line.rows)
            text = f"*{escape(line.label)}: {escape(line.value)}*\n{escape(line.working)}"
            if line.assumption:
                text += f"\n_Assumed: {escape(line.assumption)}_"
            blocks.append(mrkdwn_section(text))
            blocks.append(context(f"Guide: {escape(rows)}"))
        for item in sizing.inputs:
            if item.note:
                blocks.append(context(escape(item.note)))
        wanted = [kb.question(q).text for q in sizing.missing if q in {x.id for x in kb.all_questions}]
        if wanted:
            blocks.append(DividerBlock())
            blocks.append(
                mrkdwn_section(
                    "*To complete it*, tell me in the thread: " + " ".join(escape(w) for w in wanted)
                    + "\nFor example: _50k events/s of 1 KB, keep 7 days_."
                )
            )
    return View(
        type="modal",
        callback_id=VIEW_SIZING,
        title=PlainTextObject(text="Sizing sketch"),
        close=PlainTextObject(text="Close"),
        blocks=blocks[:VIEW_BLOCK_LIMIT],
    )


def build_policy_message(
    summary: Sequence[str], *, version: int | None, set_by: str | None, set_on: str | None, can_edit: bool
) -> tuple[str, list[Block]]:
    """``/msgchoice policy``: the policy in force (or none), and an upload button for those who may."""
    if version is None:
        text = "No team policy: the guide's advice applies as it is."
        blocks: list[Block] = [mrkdwn_section(text)]
    else:
        text = f"Team policy, version {version}"
        lines = "\n".join(escape(line) for line in summary)
        blocks = [
            mrkdwn_section(f"*{escape(text)}*\n{cut(lines, 2800)}"),
            context(f"Set by <@{escape(set_by or '')}> on {escape(set_on or '')}"),
        ]
    if can_edit:
        label = "Upload a new version" if version is not None else "Upload a policy"
        blocks.append(ActionsBlock(elements=[button(label, ACTION_POLICY_UPLOAD, encode_value(p=1))]))
    else:
        blocks.append(
            context("Workspace admins, the app's installer and people in MSGCHOICE_POLICY_ADMINS can change it.")
        )
    return text, blocks


def input_length(text: str) -> int:
    """``text``'s length as Slack may count it against a ``max_length``: in UTF-16 code units, which is
    never fewer than Python's characters (an emoji outside the BMP is two), so a text that fits here fits there."""
    return len(text.encode("utf-16-le")) // 2


def fits_policy_input(text: str) -> bool:
    """Whether ``text`` fits the modal's text box whole (pre-filled, edited and saved without loss)."""
    return input_length(text) <= POLICY_INPUT_LIMIT


def policy_cli_hint(team_id: str) -> str:
    """The command that changes a policy of any size (plain text; the caller escapes it for mrkdwn)."""
    return f"msgchoice policy set FILE --team {team_id}"


def build_policy_modal(current: str | None, metadata: str, *, team_id: str, version: int | None = None) -> View:
    """The upload modal: the YAML in one text box, prefilled with the version in force.

    A policy in force that is longer than the box can hold is never cut to fit: the modal then
    says how long it is and how to change it (the command line), and offers no save."""
    if current and not fits_policy_input(current):
        return _policy_too_long_modal(input_length(current), metadata, team_id=team_id, version=version)
    element = PlainTextInputElement(
        action_id=ACTION_POLICY_YAML,
        multiline=True,
        max_length=POLICY_INPUT_LIMIT,
        initial_value=current or None,
        placeholder=PlainTextObject(text="name: Platform paved road\nsystems:\n  nats-core: {offered: false}"),
    )
    return View(
        type="modal",
        callback_id=VIEW_POLICY,
        title=PlainTextObject(text="Team policy"),
        submit=PlainTextObject(text="Validate and save"),
        close=PlainTextObject(text="Cancel"),
        private_metadata=metadata,
        blocks=[
            mrkdwn_section(
                "Systems offered (note, contact), adjustments to guide rows and house rules, as YAML. "
                "The format is in `docs/policy.example.yaml`; a problem is shown here and nothing is saved."
            ),
            InputBlock(block_id=BLOCK_POLICY_YAML, label=PlainTextObject(text="Policy (YAML)"), element=element),
        ],
    )


def _policy_too_long_modal(length: int, metadata: str, *, team_id: str, version: int | None) -> View:
    which = f"version {version}" if version is not None else "in force"
    return View(
        type="modal",
        callback_id=VIEW_POLICY,
        title=PlainTextObject(text="Team policy"),
        close=PlainTextObject(text="Close"),
        private_metadata=metadata,
        blocks=[
            mrkdwn_section(
                f"*The team policy ({which}) is {length:,} characters: longer than the "
                f"{POLICY_INPUT_LIMIT:,} a Slack text box holds.*\n"
                "It cannot be shown here whole, so it cannot be edited here: saving a shortened copy "
                "would lose the rest. Nothing has been changed."
            ),
            mrkdwn_section(
                "*To change it*, run on a machine with the app's `DATABASE_URL`:\n"
                f"```msgchoice policy show --team {escape(team_id)}\n{escape(policy_cli_hint(team_id))}```\n"
                "`show` prints it in full (its document after `--- document ---`); `set` validates FILE "
                "and stores it as the next version. `/msgchoice policy` summarises the version in force."
            ),
        ],
    )
