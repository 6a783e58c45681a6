"""The Slack app's services, split by capability; listeners call one method of one of them.

- :mod:`~.conversation`: the question flow of a thread (start, answer, Back/Restart, Change, typed replies);
- :mod:`~.decisions`: adopt / chose other, full comparison, ADR export;
- :mod:`~.home`: decision history and the App Home tab;
- :mod:`~.followups`: questions about the systems, ``compare`` and ``usecase``;
- :mod:`~.policy`: the team policy (``/msgchoice policy``, the upload modal) and the card's Sizing button.

:class:`Flow` bundles one request's services (built by the middleware).  All
state is in the database: any process (a restarted one, another replica)
continues any thread.
"""

from __future__ import annotations

from slack_sdk.web.async_client import AsyncWebClient

from bot.slack.services.base import Deps, NotInChannel, SlackService, Where
from bot.slack.services.conversation import ConversationService
from bot.slack.services.decisions import DecisionService
from bot.slack.services.followups import FollowupService
from bot.slack.services.home import HomeService
from bot.slack.services.policy import PolicyService


class Flow(SlackService):
    """One request's services, sharing its dependencies and Web API client."""

    def __init__(self, deps: Deps, client: AsyncWebClient, *, bot_user_id: str | None = None) -> None:
        super().__init__(deps, client, bot_user_id=bot_user_id)
        self.followups = FollowupService(deps, client, bot_user_id=bot_user_id)
        self.conversation = ConversationService(deps, client, bot_user_id=bot_user_id, followups=self.followups)
        self.decisions = DecisionService(deps, client, bot_user_id=bot_user_id)
        self.home = HomeService(deps, client, bot_user_id=bot_user_id)
        self.policy = PolicyService(deps, client, bot_user_id=bot_user_id)


__all__ = [
    "ConversationService",
    "DecisionService",
    "Deps",
    "Flow",
    "FollowupService",
    "HomeService",
    "NotInChannel",
    "PolicyService",
    "SlackService",
    "Where",
]
