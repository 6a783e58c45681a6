"""A local stand-in for the Slack Web API (and for response_url), for scenario tests.

It records every call (method, arguments, token), checks the arguments the way
Slack would (channel and text/blocks present, blocks that parse with
``slack_sdk``'s ``Block.parse`` and stay within 50, views with valid blocks …)
and answers like Slack: message ``ts`` values, ``not_in_channel`` for channels
configured as such, a 429 with ``Retry-After`` or a 500 once for a method
configured so.  Messages are kept per channel so that ``conversations.replies``
and ``chat.update`` behave.  ``conversations.join`` joins the ``outside`` public
channels (from which, till then, the harness delivers no typed messages, as Slack
sends none); it refuses DMs and private channels, archived ones, and any call
whose scope is in ``lacking`` (``missing_scope``).

OAuth: ``oauth.v2.access`` exchanges a code granted with :meth:`MockSlack.grant`
(once) for that workspace's bot token, checking the app's client id and
secret; ``auth.test`` then answers for the token with its own workspace.
Other tokens get the one test workspace, as before.
"""

from __future__ import annotations

import asyncio
import base64
import itertools
import json
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import parse_qsl

from aiohttp import web
from slack_sdk.models.blocks import Block

TEAM_ID = "T0TEST001"
# The bot scope each Web API method needs (what a missing_scope error names).
_SCOPE_OF = {
    "users.info": "users:read",
    "files.getUploadURLExternal": "files:write",
    "conversations.replies": "channels:history",
    "conversations.info": "channels:read",
    "conversations.join": "channels:join",
}
BOT_USER_ID = "U0BOT0001"
BOT_ID = "B0BOT0001"
APP_ID = "A0APP0001"


@dataclass
class Call:
    method: str
    args: dict[str, Any]
    token: str | None


@dataclass
class Message:
    channel: str
    ts: str
    text: str | None
    blocks: list[dict[str, Any]]
    thread_ts: str | None = None
    user: str = BOT_USER_ID
    bot_id: str | None = BOT_ID
    metadata: dict[str, Any] | None = None  # chat.postMessage's message metadata (event_type, event_payload)


@dataclass(frozen=True)
class Grant:
    """What Slack hands the app for an install: a workspace, its bot token and ids, who installed."""

    team_id: str
    bot_token: str
    bot_user_id: str
    bot_id: str
    installer: str
    team_name: str = "another team"
    scope: str = (
        "chat:write,chat:write.public,commands,app_mentions:read,channels:history,groups:history,im:history,mpim:history,"
        "users:read,files:write,channels:join"
    )
    # Token rotation on (the app's setting): the bot token expires after ``expires_in`` seconds and
    # ``refresh_token`` gets the next one.
    refresh_token: str | None = None
    expires_in: int = 43200
    # An org-wide install in an Enterprise Grid org: ``team_id`` is the org's id, and these are the
    # workspaces of the org the app was added to (auth.teams.list).
    workspaces: tuple[str, ...] = ()

    @property
    def org_wide(self) -> bool:
        return bool(self.workspaces)


@dataclass
class MockSlack:
    not_in_channel: set[str] = field(default_factory=set)
    # Public channels the app is not a member of: it posts there all the same (chat:write.public), but
    # Slack sends it no message events from them until it joins (conversations.join) or is invited.
    outside: set[str] = field(default_factory=set)
    private: set[str] = field(default_factory=set)  # private channels the app is in (conversations.join refuses)
    archived: set[str] = field(default_factory=set)  # conversations.join answers is_archived
    lacking: set[str] = field(default_factory=set)  # bot scopes the test token was not granted (missing_scope)
    rate_limit_once: set[str] = field(default_factory=set)
    server_error_once: set[str] = field(default_factory=set)
    unavailable_once: set[str] = field(default_factory=set)
    error_once: dict[str, str] = field(default_factory=dict)  # method -> Slack error code, answered once
    revoked: set[str] = field(default_factory=set)  # bot tokens Slack answers token_revoked (uninstalled, revoked)
    expired: set[str] = field(default_factory=set)  # rotating bot tokens past their 12 hours: token_expired
    delay: dict[str, float] = field(default_factory=dict)  # method -> seconds before every answer (a slow Slack)
    # method -> seconds between doing what was asked and answering, once: the caller may give up on an
    # answer to a call that did take effect (a post that went through while the network lost the reply)
    late_answer_once: dict[str, float] = field(default_factory=dict)
    calls: list[Call] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # arguments Slack would have rejected
    messages: dict[str, list[Message]] = field(default_factory=dict)
    attempts: dict[str, int] = field(default_factory=dict)
    _runner: web.AppRunner | None = None
    port: int = 0
    _ts: Any = field(default_factory=lambda: itertools.count(1))
    # OAuth: the app's credentials, codes waiting to be exchanged, and the bot tokens handed out.
    client_id: str = "1111.2222"
    client_secret: str = "oauthclientsecret0001"
    codes: dict[str, Grant] = field(default_factory=dict)
    installed: dict[str, Grant] = field(default_factory=dict)
    # users.info: user id -> display name ("" for a user with only a real name)
    users: dict[str, str] = field(default_factory=dict)
    # users.info: who is a workspace admin (is_admin) or owner (is_owner)
    admins: set[str] = field(default_factory=set)
    owners: set[str] = field(default_factory=set)
    # files_upload_v2: upload URLs handed out (file id -> filename), bytes received, files shared
    uploads: dict[str, str] = field(default_factory=dict)
    uploaded: dict[str, bytes] = field(default_factory=dict)
    files: list[dict[str, Any]] = field(default_factory=list)

    # ------------------------------------------------------------------ lifecycle

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def api_url(self) -> str:
        return f"{self.url}/api/"

    def response_url(self, name: str = "cmd") -> str:
        return f"{self.url}/response/{name}"

    async def start(self) -> None:
        app = web.Application()
        app.router.add_route("*", "/api/{method}", self._api)
        app.router.add_post("/response/{name}", self._response_url)
        app.router.add_post("/upload/{file_id}", self._upload)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    def grant(
        self,
        code: str,
        team_id: str,
        *,
        installer: str = "U0INSTALL1",
        rotating: bool = False,
        expires_in: int = 43200,
        workspaces: tuple[str, ...] = (),
    ) -> Grant:
        """Slack's side of an install: ``code`` is what its redirect hands the app for ``team_id``.

        ``rotating``: the app has token rotation on, so the bot token (``xoxe.xoxb-…``) expires in
        ``expires_in`` seconds and comes with a refresh token.  ``workspaces``: an org-wide install
        in the Enterprise Grid org ``team_id`` (``E…``), added to these of its workspaces.
        """
        suffix = team_id.lower()
        grant = Grant(
            team_id=team_id,
            bot_token=f"{'xoxe.' if rotating else ''}xoxb-{suffix}-{next(self._ts)}-token",
            bot_user_id=f"U0BOT{suffix[-4:].upper()}",
            bot_id=f"B0BOT{suffix[-4:].upper()}",
            installer=installer,
            refresh_token=f"xoxe-1-{suffix}-{next(self._ts)}-refresh" if rotating else None,
            expires_in=expires_in,
            workspaces=workspaces,
        )
        self.codes[code] = grant
        return grant

    # ------------------------------------------------------------------ queries for tests

    def calls_to(self, method: str) -> list[Call]:
        return [c for c in self.calls if c.method == method]

    async def wait_for(self, predicate: Callable[[], Any], *, within: float = 10.0, what: str = "condition") -> Any:
        """Poll until ``predicate()`` is truthy (the app acks first and works afterwards)."""
        deadline = asyncio.get_running_loop().time() + within
        while True:
            result = predicate()
            if result:
                return result
            if asyncio.get_running_loop().time() > deadline:
                raise AssertionError(f"timed out waiting for {what}; calls: {[c.method for c in self.calls]}")
            await asyncio.sleep(0.02)

    async def wait_calls(self, method: str, count: int = 1, *, within: float = 10.0) -> list[Call]:
        await self.wait_for(lambda: len(self.calls_to(method)) >= count, within=within, what=f"{count}× {method}")
        return self.calls_to(method)

    def thread(self, channel: str, thread_ts: str) -> list[Message]:
        return [m for m in self.messages.get(channel, []) if m.ts == thread_ts or m.thread_ts == thread_ts]

    def message(self, channel: str, ts: str) -> Message:
        return next(m for m in self.messages.get(channel, []) if m.ts == ts)

    # ------------------------------------------------------------------ HTTP handlers

    async def _response_url(self, request: web.Request) -> web.Response:
        body = await request.json()
        self._check_blocks("response_url", body.get("blocks"))
        if not body.get("text") and not body.get("blocks"):
            self.problems.append("response_url: neither text nor blocks")
        self.calls.append(Call("response_url", body, None))
        return web.Response(text="ok")

    async def _upload(self, request: web.Request) -> web.Response:
        """The upload URL of files.getUploadURLExternal: the file's bytes, POSTed once."""
        file_id = request.match_info["file_id"]
        if file_id not in self.uploads:
            self.problems.append(f"upload to unknown URL {file_id}")
            return web.Response(status=404, text="not found")
        self.uploaded[file_id] = await request.read()
        self.calls.append(Call("upload", {"file_id": file_id}, None))
        return web.Response(text=f"OK - {len(self.uploaded[file_id])}")

    async def _api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        args: dict[str, Any] = dict(request.query)
        raw = await request.text()
        if raw:
            if request.content_type == "application/json":
                args.update(json.loads(raw))
            else:
                args.update(dict(parse_qsl(raw, keep_blank_values=True)))
        auth = request.headers.get("Authorization", "")
        token = auth.removeprefix("Bearer ") if auth.startswith("Bearer ") else args.pop("token", None)
        self.attempts[method] = self.attempts.get(method, 0) + 1
        if method in self.delay:
            await asyncio.sleep(self.delay[method])
        if method in self.rate_limit_once:
            self.rate_limit_once.discard(method)
            self.calls.append(Call(f"{method}#429", args, token))
            return web.json_response({"ok": False, "error": "ratelimited"}, status=429, headers={"Retry-After": "1"})
        if method in self.server_error_once:
            self.server_error_once.discard(method)
            self.calls.append(Call(f"{method}#500", args, token))
            return web.Response(status=500, text="upstream error")
        if method in self.unavailable_once:
            self.unavailable_once.discard(method)
            self.calls.append(Call(f"{method}#503", args, token))
            return web.Response(status=503, text="service unavailable")
        if method in self.error_once:
            self.calls.append(Call(f"{method}#error", args, token))
            error = self.error_once.pop(method)
            # Slack names the scope a missing_scope error needs, and the ones the token has.
            scopes = {"needed": _SCOPE_OF.get(method, "chat:write"), "provided": "commands"}
            return web.json_response({"ok": False, "error": error, **(scopes if error == "missing_scope" else {})})
        if method == "oauth.v2.access":  # authenticated with the app's client id and secret, not a token
            credentials = _basic_auth(auth) or (args.pop("client_id", ""), args.pop("client_secret", ""))
            self.calls.append(Call(method, args, None))
            return web.json_response(self._oauth_v2_access(args, *credentials))
        self.calls.append(Call(method, args, token))
        if not token or not token.startswith(("xoxb-", "xoxe.xoxb-")):
            return web.json_response({"ok": False, "error": "not_authed"})
        if token in self.revoked:
            return web.json_response({"ok": False, "error": "token_revoked"})
        if token in self.expired:
            return web.json_response({"ok": False, "error": "token_expired"})
        if _SCOPE_OF.get(method) in self.lacking:
            missing = {"error": "missing_scope", "needed": _SCOPE_OF[method], "provided": "commands"}
            return web.json_response({"ok": False, **missing})
        handler = getattr(self, "_" + method.replace(".", "_"), None)
        if handler is None:
            self.problems.append(f"unexpected method {method}")
            return web.json_response({"ok": False, "error": "unknown_method"})
        if method in ("auth.test", "auth.teams.list"):  # answered for the token's own installation
            result: dict[str, Any] = handler(args, token)
        else:
            result = handler(args)
        if method in self.late_answer_once:
            await asyncio.sleep(self.late_answer_once.pop(method))
        return web.json_response(result)

    # ------------------------------------------------------------------ checks

    def _check_blocks(self, where: str, blocks: Any, limit: int = 50) -> list[dict[str, Any]]:
        if blocks is None:
            return []
        if isinstance(blocks, str):
            blocks = json.loads(blocks)
        if not isinstance(blocks, list):
            self.problems.append(f"{where}: blocks is not a list")
            return []
        if len(blocks) > limit:
            self.problems.append(f"{where}: {len(blocks)} blocks (limit {limit})")
        action_ids: list[str] = []
        for raw in blocks:
            parsed = Block.parse(raw)
            if parsed is None:
                self.problems.append(f"{where}: unparseable block {raw!r:.200}")
                continue
            try:
                parsed.validate_json()
            except Exception as exc:  # SlackObjectFormationError
                self.problems.append(f"{where}: invalid block: {exc}")
            for element in raw.get("elements") or []:
                if isinstance(element, dict) and "action_id" in element:
                    action_ids.append(element["action_id"])
                    if len(str(element.get("value", ""))) > 2000:
                        self.problems.append(f"{where}: button value over 2000 characters")
        if len(action_ids) != len(set(action_ids)):
            self.problems.append(f"{where}: duplicate action_id in {action_ids}")
        return blocks

    def _require(self, method: str, args: dict[str, Any], *names: str) -> str | None:
        missing = [n for n in names if not args.get(n)]
        if missing:
            self.problems.append(f"{method}: missing {missing}")
            return "invalid_arguments"
        return None

    def _next_ts(self) -> str:
        return f"1700000000.{next(self._ts):06d}"

    # ------------------------------------------------------------------ methods

    def _oauth_v2_access(self, args: dict[str, Any], client_id: str, client_secret: str) -> dict[str, Any]:
        if client_id != self.client_id:
            return {"ok": False, "error": "invalid_client_id"}
        if client_secret != self.client_secret:
            return {"ok": False, "error": "bad_client_secret"}
        if args.get("grant_type") == "refresh_token":
            return self._refresh(str(args.get("refresh_token", "")))
        grant = self.codes.pop(str(args.get("code", "")), None)  # a code works once
        if grant is None:
            return {"ok": False, "error": "invalid_code"}
        self.installed[grant.bot_token] = grant
        rotation = {"refresh_token": grant.refresh_token, "expires_in": grant.expires_in} if grant.refresh_token else {}
        return {
            **rotation,
            "ok": True,
            "app_id": APP_ID,
            "authed_user": {"id": grant.installer},
            "scope": grant.scope,
            "token_type": "bot",
            "access_token": grant.bot_token,
            "bot_user_id": grant.bot_user_id,
            **self._installed_where(grant),
        }

    @staticmethod
    def _installed_where(grant: Grant) -> dict[str, Any]:
        """``team``, ``enterprise`` and ``is_enterprise_install`` of an oauth.v2.access answer."""
        if grant.org_wide:  # Slack's answer for an org-wide install: no team, the org
            return {"team": None, "enterprise": {"id": grant.team_id, "name": "the org"}, "is_enterprise_install": True}
        return {
            "team": {"id": grant.team_id, "name": grant.team_name},
            "enterprise": None,
            "is_enterprise_install": False,
        }

    def _auth_teams_list(self, args: dict[str, Any], token: str | None = None) -> dict[str, Any]:
        """The workspaces a token can reach: an org-wide install's, or the token's own workspace."""
        grant = self.installed.get(token or "")
        teams = list(grant.workspaces) if grant and grant.org_wide else [grant.team_id if grant else TEAM_ID]
        return {
            "ok": True,
            "teams": [{"id": t, "name": t.lower()} for t in teams],
            "response_metadata": {"next_cursor": ""},
        }

    def _refresh(self, refresh_token: str) -> dict[str, Any]:
        """``oauth.v2.access`` with ``grant_type=refresh_token``: the next bot token and the next refresh token.

        As Slack's token rotation does, the refresh token is spent: it is revoked, and only the new one
        handed out with the new bot token refreshes next time.
        """
        current = next((g for g in self.installed.values() if g.refresh_token == refresh_token), None)
        if current is None or not refresh_token:
            return {"ok": False, "error": "invalid_refresh_token"}
        suffix = current.team_id.lower()
        fresh = replace(
            current,
            bot_token=f"xoxe.xoxb-{suffix}-{next(self._ts)}-refreshed",
            refresh_token=f"xoxe-1-{suffix}-{next(self._ts)}-refresh",
        )
        for token, grant in list(self.installed.items()):
            if grant.refresh_token == refresh_token:
                self.installed[token] = replace(grant, refresh_token=None)  # spent
        self.installed[fresh.bot_token] = fresh
        return {
            "ok": True,
            "app_id": APP_ID,
            "scope": fresh.scope,
            "token_type": "bot",
            "access_token": fresh.bot_token,
            "bot_user_id": fresh.bot_user_id,
            "refresh_token": fresh.refresh_token,
            "expires_in": 43200,
            **self._installed_where(fresh),
        }

    def refresh_token_of(self, team_id: str) -> str | None:
        """The one refresh token of ``team_id`` that Slack would still accept."""
        live = {g.refresh_token for g in self.installed.values() if g.team_id == team_id and g.refresh_token}
        assert len(live) <= 1, live
        return next(iter(live), None)

    def _auth_test(self, args: dict[str, Any], token: str | None = None) -> dict[str, Any]:
        grant = self.installed.get(token or "")
        if grant is not None and grant.org_wide:
            return {
                "ok": True,
                "url": f"https://{grant.team_id.lower()}.enterprise.slack.com/",
                "team": "the org",
                "user": "msgchoice",
                "team_id": grant.team_id,
                "user_id": grant.bot_user_id,
                "bot_id": grant.bot_id,
                "enterprise_id": grant.team_id,
                "is_enterprise_install": True,
            }
        if grant is not None:
            return {
                "ok": True,
                "url": f"https://{grant.team_id.lower()}.slack.com/",
                "team": grant.team_name,
                "user": "msgchoice",
                "team_id": grant.team_id,
                "user_id": grant.bot_user_id,
                "bot_id": grant.bot_id,
                "is_enterprise_install": False,
            }
        return {
            "ok": True,
            "url": "https://msgchoice-test.slack.com/",
            "team": "msgchoice test",
            "user": "msgchoice",
            "team_id": TEAM_ID,
            "user_id": BOT_USER_ID,
            "bot_id": BOT_ID,
            "is_enterprise_install": False,
        }

    def _chat_postMessage(self, args: dict[str, Any]) -> dict[str, Any]:
        error = self._require("chat.postMessage", args, "channel")
        if not args.get("text") and not args.get("blocks"):
            self.problems.append("chat.postMessage: neither text nor blocks")
            error = "no_text"
        if error:
            return {"ok": False, "error": error}
        channel = str(args["channel"])
        if channel in self.not_in_channel:
            return {"ok": False, "error": "not_in_channel"}
        blocks = self._check_blocks("chat.postMessage", args.get("blocks"))
        ts = self._next_ts()
        metadata = args.get("metadata")
        if isinstance(metadata, str):  # form-encoded calls send it as JSON
            metadata = json.loads(metadata)
        if metadata is not None and not (isinstance(metadata, dict) and metadata.get("event_type")):
            self.problems.append("chat.postMessage: metadata without an event_type")
        message = Message(channel, ts, args.get("text"), blocks, thread_ts=args.get("thread_ts"), metadata=metadata)
        self.messages.setdefault(channel, []).append(message)
        return {
            "ok": True,
            "channel": channel,
            "ts": ts,
            "message": {"type": "message", "user": BOT_USER_ID, "bot_id": BOT_ID, "text": args.get("text"), "ts": ts},
        }

    def _chat_update(self, args: dict[str, Any]) -> dict[str, Any]:
        error = self._require("chat.update", args, "channel", "ts")
        if error:
            return {"ok": False, "error": error}
        channel, ts = str(args["channel"]), str(args["ts"])
        blocks = self._check_blocks("chat.update", args.get("blocks"))
        for message in self.messages.get(channel, []):
            if message.ts == ts:
                message.text = args.get("text")
                message.blocks = blocks
                return {"ok": True, "channel": channel, "ts": ts, "text": args.get("text")}
        return {"ok": False, "error": "message_not_found"}

    def _chat_delete(self, args: dict[str, Any]) -> dict[str, Any]:
        error = self._require("chat.delete", args, "channel", "ts")
        if error:
            return {"ok": False, "error": error}
        channel, ts = str(args["channel"]), str(args["ts"])
        before = len(self.messages.get(channel, []))
        self.messages[channel] = [m for m in self.messages.get(channel, []) if m.ts != ts]
        if len(self.messages[channel]) == before:
            return {"ok": False, "error": "message_not_found"}
        return {"ok": True, "channel": channel, "ts": ts}

    def _chat_postEphemeral(self, args: dict[str, Any]) -> dict[str, Any]:
        error = self._require("chat.postEphemeral", args, "channel", "user")
        if not args.get("text") and not args.get("blocks"):
            self.problems.append("chat.postEphemeral: neither text nor blocks")
            error = "no_text"
        if error:
            return {"ok": False, "error": error}
        if str(args["channel"]) in self.not_in_channel:
            return {"ok": False, "error": "not_in_channel"}
        self._check_blocks("chat.postEphemeral", args.get("blocks"))
        return {"ok": True, "message_ts": self._next_ts()}

    def _chat_getPermalink(self, args: dict[str, Any]) -> dict[str, Any]:
        error = self._require("chat.getPermalink", args, "channel", "message_ts")
        if error:
            return {"ok": False, "error": error}
        ts = str(args["message_ts"]).replace(".", "")
        return {
            "ok": True,
            "channel": args["channel"],
            "permalink": f"https://msgchoice-test.slack.com/archives/{args['channel']}/p{ts}",
        }

    def _conversations_info(self, args: dict[str, Any]) -> dict[str, Any]:
        # It needs channels:read (groups:read, im:read, mpim:read), which the app's manifest does not
        # ask for: Slack refuses it for the app's token in every conversation.
        error = self._require("conversations.info", args, "channel")
        if error:
            return {"ok": False, "error": error}
        return {"ok": False, "error": "missing_scope", "needed": "channels:read", "provided": "commands"}

    def _conversations_join(self, args: dict[str, Any]) -> dict[str, Any]:
        """Join a public channel (``channels:join``; a missing scope is answered before this).  Direct
        messages, group DMs and private channels cannot be joined, an archived channel neither; joining
        a channel the app is in already is ok, with a warning."""
        error = self._require("conversations.join", args, "channel")
        if error:
            return {"ok": False, "error": error}
        channel = str(args["channel"])
        if channel in self.archived:
            return {"ok": False, "error": "is_archived"}
        if channel.startswith(("D", "G")) or channel in self.private or channel in self.not_in_channel:
            return {"ok": False, "error": "method_not_supported_for_channel_type"}
        warning = {} if channel in self.outside else {"warning": "already_in_channel"}
        self.outside.discard(channel)
        info = {"id": channel, "name": "general", "is_channel": True, "is_private": False, "is_member": True}
        return {"ok": True, "channel": info, **warning}

    def delivers(self, event: dict[str, Any]) -> bool:
        """Whether Slack sends the app this event: none typed in a channel it is not a member of."""
        return not (event.get("type") in ("message", "app_mention") and event.get("channel") in self.outside)

    def _conversations_history(self, args: dict[str, Any]) -> dict[str, Any]:
        """The app's token reads the history of conversations it is in (the *:history scopes).  A private
        channel it is not in, or a DM between other people, is not found; the stand-in's
        ``not_in_channel`` channels are such private ones (posting there fails too)."""
        error = self._require("conversations.history", args, "channel")
        if error:
            return {"ok": False, "error": error}
        channel = str(args["channel"])
        if channel in self.not_in_channel or channel in getattr(self, "missing", set()):
            return {"ok": False, "error": "channel_not_found"}
        # Slack returns message metadata only when asked (include_all_metadata).  The stand-in's ts are a
        # counter, not times, so ``oldest``/``latest`` are not applied.
        with_metadata = str(args.get("include_all_metadata", "")).lower() in ("1", "true")
        messages = [
            {"type": "message", "ts": m.ts, "user": m.user, "bot_id": m.bot_id, "text": m.text}
            | ({"metadata": m.metadata} if with_metadata and m.metadata else {})
            for m in reversed(self.messages.get(channel, []))
            if m.thread_ts is None
        ]
        return {"ok": True, "messages": messages[: int(args.get("limit") or 100)], "has_more": False}

    def _conversations_replies(self, args: dict[str, Any]) -> dict[str, Any]:
        error = self._require("conversations.replies", args, "channel", "ts")
        if error:
            return {"ok": False, "error": error}
        channel, ts = str(args["channel"]), str(args["ts"])
        if channel in self.not_in_channel:
            return {"ok": False, "error": "not_in_channel"}
        thread = [
            {
                "type": "message",
                "ts": m.ts,
                "thread_ts": m.thread_ts or m.ts,
                "user": m.user,
                "bot_id": m.bot_id,
                "text": m.text,
                "blocks": m.blocks,
            }
            for m in self.thread(channel, ts)
        ]
        return {"ok": True, "messages": thread, "has_more": False}

    def _users_info(self, args: dict[str, Any]) -> dict[str, Any]:
        error = self._require("users.info", args, "user")
        if error:
            return {"ok": False, "error": error}
        user = str(args["user"])
        if user not in self.users:
            return {"ok": False, "error": "user_not_found"}
        display = self.users[user]
        return {
            "ok": True,
            "user": {
                "id": user,
                "team_id": TEAM_ID,
                "name": display.lower() or user.lower(),
                "real_name": f"{display or user} Real",
                "profile": {"display_name": display, "real_name": f"{display or user} Real"},
                "is_admin": user in self.admins or user in self.owners,
                "is_owner": user in self.owners,
                "is_primary_owner": False,
                "is_bot": False,
            },
        }

    def _files_getUploadURLExternal(self, args: dict[str, Any]) -> dict[str, Any]:
        error = self._require("files.getUploadURLExternal", args, "filename", "length")
        if error:
            return {"ok": False, "error": error}
        file_id = f"F0FILE{next(self._ts):04d}"
        self.uploads[file_id] = str(args["filename"])
        return {"ok": True, "upload_url": f"{self.url}/upload/{file_id}", "file_id": file_id}

    def _files_completeUploadExternal(self, args: dict[str, Any]) -> dict[str, Any]:
        error = self._require("files.completeUploadExternal", args, "files")
        if error:
            return {"ok": False, "error": error}
        files = args["files"] if isinstance(args["files"], list) else json.loads(args["files"])
        shared = []
        for f in files:
            if f["id"] not in self.uploaded:
                self.problems.append(f"files.completeUploadExternal: {f['id']} was never uploaded")
                return {"ok": False, "error": "file_not_found"}
            entry = {
                "id": f["id"],
                "name": self.uploads[f["id"]],
                "title": f.get("title") or self.uploads[f["id"]],
                "content": self.uploaded[f["id"]].decode("utf-8", "replace"),
                "channel": args.get("channel_id"),
                "thread_ts": args.get("thread_ts"),
                "initial_comment": args.get("initial_comment"),
            }
            shared.append(entry)
            self.files.append(entry)
        return {"ok": True, "files": [{"id": f["id"], "name": f["name"], "title": f["title"]} for f in shared]}

    def _views_open(self, args: dict[str, Any]) -> dict[str, Any]:
        error = self._require("views.open", args, "trigger_id", "view")
        if error:
            return {"ok": False, "error": error}
        view = args["view"] if isinstance(args["view"], dict) else json.loads(args["view"])
        self._check_blocks("views.open", view.get("blocks"), limit=100)
        if view.get("type") != "modal" or not view.get("title"):
            self.problems.append("views.open: not a modal with a title")
        return {"ok": True, "view": {**view, "id": "V0VIEW001"}}

    def _views_publish(self, args: dict[str, Any]) -> dict[str, Any]:
        error = self._require("views.publish", args, "user_id", "view")
        if error:
            return {"ok": False, "error": error}
        view = args["view"] if isinstance(args["view"], dict) else json.loads(args["view"])
        self._check_blocks("views.publish", view.get("blocks"), limit=100)
        if view.get("type") != "home":
            self.problems.append("views.publish: not a home view")
        return {"ok": True, "view": {**view, "id": "V0HOME001"}}


def _basic_auth(header: str) -> tuple[str, str] | None:
    """(user, password) of an ``Authorization: Basic …`` header."""
    if not header.startswith("Basic "):
        return None
    user, _, password = base64.b64decode(header.removeprefix("Basic ")).decode().partition(":")
    return user, password
