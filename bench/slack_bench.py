"""``python -m bench``: the served Slack app against a bare Bolt app, in one run.

Each run starts a server as a subprocess on a fresh database, with its own Web
API stand-in (``bench/stand_in.py``), and drives it with N simulated users at
once (default 50), each going through whole conversations with requests signed
and shaped the way Slack sends them:

1. ``/msgchoice We need durable messages between our services`` (a form-encoded
   slash command; persistence is read from the text);
2. clicks ``moderate`` and ``dedicated`` (``payload=`` JSON ``block_actions``
   built from the question message the app posted);
3. types ``no`` in the thread (an ``event_callback`` JSON envelope);
4. clicks ``other``, then ``Adopt`` on the recommendation card.

The servers:

- **app**: ``python -m bot serve`` (= ``msgchoice serve``) in HTTP mode;
- **baseline**: ``python -m bench.baseline_app``, Bolt + aiohttp +
  AsyncWebClient + SQLAlchemy async, which acks, writes one row and posts one
  message with a few blocks per request.  It gets the same six requests.

Runs alternate app / baseline / baseline / app, to spread drift on a shared
machine over both.  Figures, for each at p50 / p95 / p99:

- **ack**: the request until its HTTP response (Slack wants it within 3 s);
- **turn**: a click, typed answer or Adopt until the message it leads to
  reaches the stand-in (the next question's ``chat.postMessage``, the card;
  for Adopt the card's ``chat.update`` or the next post);
- **command to first question**: the slash command until the first question
  (a message with answer buttons) reaches the stand-in;

and conversations per second (all users, measured phase), errors (non-200
answers, ephemeral "already answered" notes, steps that never came), requests
past 3 s, peak RSS of the server process (``VmHWM``) and cold start (process
start until ``GET /healthz`` answers 200, on a migrated database).  Every
figure is also given as app / baseline.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import itertools
import json
import os
import platform
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import aiohttp
from slack_sdk.signature import SignatureVerifier

from bench.common import PG_DEFAULT_URL, pg_admin
from bench.stand_in import APP_ID, BOT_ID, BOT_USER_ID, TEAM_ID, Posted, StandIn

ROOT = Path(__file__).resolve().parent.parent
SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5"
BOT_TOKEN = "xoxb-1111-2222-benchtoken"
STEP_TIMEOUT_S = 20.0
SLOW_S = 3.0

COMMAND_TEXT = "We need durable messages between our services"
# (kind, what): the conversation after the command.
SCRIPT: list[tuple[str, str]] = [
    ("click", "answer:moderate"),
    ("click", "answer:dedicated"),
    ("say", "no"),
    ("click", "answer:other"),
    ("adopt", "card_adopt"),
]
KINDS = ("app", "baseline")
ORDER = ("app", "baseline", "baseline", "app")

# Targets of issue 12 (figure, limit, how the figure compares).
RATIO_TARGETS = [
    ("turn_ms.p99", 1.5, "≤"),
    ("ack_ms.p99", 1.2, "≤"),
    ("conversations_per_s", 0.6, "≥"),
    ("first_question_ms.p50", 2.0, "≤"),
    ("cold_start_ms", 1.5, "≤"),
]
APP_TARGETS = [("errors", 0, "≤"), ("slow_requests", 0, "≤"), ("peak_rss_mb", 120.0, "≤")]


# ---------------------------------------------------------------------- Slack requests


_counter = itertools.count(1)


@dataclass
class Sender:
    """Signed requests the way Slack sends them, to one server."""

    url: str
    http: aiohttp.ClientSession
    stand_in: StandIn
    verifier: SignatureVerifier = field(default_factory=lambda: SignatureVerifier(SIGNING_SECRET))

    async def post(self, body: str, content_type: str) -> tuple[int, float]:
        """(status, seconds until the response was read)."""
        timestamp = str(int(time.time()))
        headers = {
            "Content-Type": content_type,
            "X-Slack-Request-Timestamp": timestamp,
            "X-Slack-Signature": self.verifier.generate_signature(timestamp=timestamp, body=body),
            "User-Agent": "Slackbot 1.0 (+https://api.slack.com/robots)",
        }
        started = time.perf_counter()
        async with self.http.post(self.url + "/slack/events", data=body.encode(), headers=headers) as response:
            await response.read()
            return response.status, time.perf_counter() - started

    def command(self, user: str, channel: str, text: str) -> tuple[str, str]:
        n = next(_counter)
        form = {
            "token": "verification-token-unused",
            "team_id": TEAM_ID,
            "team_domain": "bench",
            "channel_id": channel,
            "channel_name": channel.lower(),
            "user_id": user,
            "user_name": user.lower(),
            "command": "/msgchoice",
            "text": text,
            "api_app_id": APP_ID,
            "is_enterprise_install": "false",
            "response_url": self.stand_in.response_url(f"cmd{n}"),
            "trigger_id": f"{n}.1111.abcdef{n}",
        }
        return urlencode(form), "application/x-www-form-urlencoded"

    def click(self, user: str, message: Posted, action_id: str) -> tuple[str, str]:
        element, block_id = _find_element(message, action_id)
        n = next(_counter)
        thread = {"thread_ts": message.thread_ts} if message.thread_ts else {}
        payload = {
            "type": "block_actions",
            "user": {"id": user, "username": user.lower(), "name": user.lower(), "team_id": TEAM_ID},
            "api_app_id": APP_ID,
            "token": "verification-token-unused",
            "container": {
                "type": "message",
                "message_ts": message.ts,
                "channel_id": message.channel,
                "is_ephemeral": False,
                **thread,
            },
            "trigger_id": f"{n}.2222.trigger{n}",
            "team": {"id": TEAM_ID, "domain": "bench"},
            "enterprise": None,
            "is_enterprise_install": False,
            "channel": {"id": message.channel, "name": message.channel.lower()},
            "message": {
                "type": "message",
                "user": BOT_USER_ID,
                "bot_id": BOT_ID,
                "app_id": APP_ID,
                "text": message.text,
                "ts": message.ts,
                **thread,
                "blocks": message.blocks,
                "team": TEAM_ID,
            },
            "state": {"values": {}},
            "response_url": self.stand_in.response_url(f"action{n}"),
            "actions": [
                {
                    "action_id": element["action_id"],
                    "block_id": block_id,
                    "text": element.get("text") or {"type": "plain_text", "text": action_id},
                    "value": element.get("value"),
                    "type": "button",
                    "action_ts": f"{time.time():.6f}",
                }
            ],
        }
        return urlencode({"payload": json.dumps(payload)}), "application/x-www-form-urlencoded"

    def say(self, user: str, channel: str, thread_ts: str, text: str) -> tuple[str, str]:
        n = next(_counter)
        ts = f"{time.time():.6f}"
        envelope = {
            "token": "verification-token-unused",
            "team_id": TEAM_ID,
            "api_app_id": APP_ID,
            "event": {
                "type": "message",
                "user": user,
                "text": text,
                "ts": ts,
                "thread_ts": thread_ts,
                "parent_user_id": BOT_USER_ID,
                "team": TEAM_ID,
                "channel": channel,
                "event_ts": ts,
                "channel_type": "channel",
                "client_msg_id": f"c0ffee00-0000-4000-8000-{n:012d}",
            },
            "type": "event_callback",
            "event_id": f"Ev0BENCH{n:010d}",
            "event_time": int(time.time()),
            "authorizations": [
                {
                    "enterprise_id": None,
                    "team_id": TEAM_ID,
                    "user_id": BOT_USER_ID,
                    "is_bot": True,
                    "is_enterprise_install": False,
                }
            ],
            "is_ext_shared_channel": False,
            "event_context": "4-eyJldCI6Im1lc3NhZ2UifQ",
        }
        return json.dumps(envelope), "application/json"


def _find_element(message: Posted, action_id: str) -> tuple[dict[str, Any], str]:
    """The button ``action_id`` in the message; the baseline's generic buttons stand in for any."""
    fallback: tuple[dict[str, Any], str] | None = None
    for block in message.blocks:
        elements = [*(block.get("elements") or []), *([block["accessory"]] if block.get("accessory") else [])]
        for element in elements:
            if not isinstance(element, dict) or "action_id" not in element:
                continue
            if element["action_id"] == action_id:
                return element, str(block.get("block_id", ""))
            if fallback is None and str(block.get("block_id", "")).startswith("answers:baseline:"):
                fallback = ({**element, "action_id": action_id}, str(block["block_id"]))
    if fallback is not None:
        return fallback
    raise LookupError(f"no button {action_id!r} in the message {message.ts} ({message.text[:80]!r})")


def _asks(posted: Posted) -> bool:
    """A question (answer buttons) or the recommendation card."""
    return posted.method == "chat.postMessage" and any(b.startswith(("answers:", "card:")) for b in posted.block_ids())


# ---------------------------------------------------------------------- one user


@dataclass
class Samples:
    ack: list[float] = field(default_factory=list)
    turn: list[float] = field(default_factory=list)
    first_question: list[float] = field(default_factory=list)
    conversations: int = 0
    errors: list[str] = field(default_factory=list)


async def conversation(sender: Sender, user: str, channel: str, samples: Samples, *, record: bool) -> None:
    """One whole conversation; figures go to ``samples`` when ``record``."""
    stand_in = sender.stand_in
    mark = stand_in.seen(channel)
    ephemerals = len(stand_in.ephemerals)

    async def send(body: tuple[str, str]) -> float:
        started = time.perf_counter()
        status, took = await sender.post(*body)
        if record:
            samples.ack.append(took)
        if status != 200:
            raise RuntimeError(f"HTTP {status}")
        return started

    started = await send(sender.command(user, channel, COMMAND_TEXT))
    question, index = await stand_in.wait(channel, mark, _asks, within=STEP_TIMEOUT_S)
    root, _ = await stand_in.wait(
        channel, mark, lambda p: p.method == "chat.postMessage" and not p.thread_ts, within=STEP_TIMEOUT_S
    )
    if record:
        samples.first_question.append(question.at - started)
    for kind, what in SCRIPT:
        at_card = any(b.startswith("card:") for b in question.block_ids())
        if at_card and kind != "adopt":
            continue  # the advisor asks only what can still change its answer: fewer questions than scripted
        if kind == "say":
            started = await send(sender.say(user, channel, root.ts, what))
        else:
            started = await send(sender.click(user, question, what))
        if kind == "adopt":
            card = question
            reached, index = await stand_in.wait(
                channel,
                index + 1,
                lambda p, card=card: p.method == "chat.postMessage" or (p.method == "chat.update" and p.ts == card.ts),
                within=STEP_TIMEOUT_S,
            )
        else:
            reached, index = await stand_in.wait(channel, index + 1, _asks, within=STEP_TIMEOUT_S)
            question = reached
        if record:
            samples.turn.append(reached.at - started)
    notes = [p.text for p in stand_in.ephemerals[ephemerals:] if p.channel == channel]
    if notes:
        raise RuntimeError(f"ephemeral note: {notes[0][:80]}")
    if record:
        samples.conversations += 1


async def user_loop(sender: Sender, n: int, rounds: int, samples: Samples, run_id: str) -> None:
    user = f"U0B{n:07d}"
    for r in range(rounds):
        channel = f"C{run_id}{n:04d}R{r}"
        try:
            await conversation(sender, user, channel, samples, record=True)
        except Exception as exc:  # counted, and the user moves on to its next conversation
            samples.errors.append(f"{type(exc).__name__}: {exc}")


# ---------------------------------------------------------------------- servers


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.asynccontextmanager
async def fresh_database(kind: str, backend: str, workdir: Path) -> AsyncIterator[str]:
    """A new, prepared database (the app's migrations or the baseline's table), removed afterwards."""
    from sqlalchemy.engine import make_url

    if backend == "sqlite":
        url = f"sqlite+aiosqlite:///{workdir / f'{kind}-{uuid.uuid4().hex[:8]}.db'}"
    else:
        name = f"msgchoice_bench_{uuid.uuid4().hex[:12]}"
        base = make_url(os.environ.get("MSGCHOICE_TEST_PG_URL", PG_DEFAULT_URL))
        await pg_admin(f'CREATE DATABASE "{name}"')
        url = base.set(database=name).render_as_string(hide_password=False)
    try:
        if kind == "app":
            from bot.store import db

            await db.ensure_schema(url)
            await db.dispose_engines()
        else:
            from bench.baseline_app import create_table

            await create_table(url)
        yield url
    finally:
        if backend == "postgres":
            await pg_admin(f'DROP DATABASE IF EXISTS "{make_url(url).database}" WITH (FORCE)')


def server_command(kind: str, port: int, profile: Path | None) -> list[str]:
    if kind == "baseline":
        return [sys.executable, "-m", "bench.baseline_app", "--host", "127.0.0.1", "--port", str(port)]
    serve = ["-m", "bot", "serve", "--host", "127.0.0.1", "--port", str(port)]
    if profile is not None:
        renderer = "html" if profile.suffix == ".html" else "text"
        return [sys.executable, "-m", "pyinstrument", "-r", renderer, "-o", str(profile.resolve()), *serve]
    return [sys.executable, *serve]


def peak_rss_mb(pid: int) -> float | None:
    """The process's peak resident set size (VmHWM), Linux only."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


async def wait_healthy(url: str, proc: asyncio.subprocess.Process, http: aiohttp.ClientSession) -> None:
    deadline = time.perf_counter() + 60
    while time.perf_counter() < deadline:
        if proc.returncode is not None:
            raise RuntimeError(f"the server exited with {proc.returncode} before it was healthy")
        with contextlib.suppress(aiohttp.ClientError, OSError):
            async with http.get(url + "/healthz") as response:
                if response.status == 200:
                    return
        await asyncio.sleep(0.005)
    raise RuntimeError("the server was not healthy within 60 s")


@dataclass
class RunResult:
    kind: str
    samples: Samples
    seconds: float
    cold_start_s: float
    peak_rss_mb: float | None
    calls: dict[str, int]

    def figures(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "conversations": self.samples.conversations,
            "seconds": round(self.seconds, 3),
            "conversations_per_s": round(self.samples.conversations / self.seconds, 3) if self.seconds else 0.0,
            "errors": len(self.samples.errors),
            "cold_start_ms": round(self.cold_start_s * 1000, 1),
            "peak_rss_mb": round(self.peak_rss_mb, 1) if self.peak_rss_mb is not None else None,
            "web_api_calls": dict(sorted(self.calls.items())),
        }


async def one_run(
    kind: str, args: argparse.Namespace, workdir: Path, run_number: int, log: Callable[[str], None]
) -> RunResult:
    stand_in = StandIn()
    await stand_in.start()
    connector = aiohttp.TCPConnector(limit=0)
    timeout = aiohttp.ClientTimeout(total=STEP_TIMEOUT_S)
    async with (
        aiohttp.ClientSession(connector=connector, timeout=timeout) as http,
        fresh_database(kind, args.database, workdir) as url,
    ):
        port = free_port()
        env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "MSGCHOICE_", "DATABASE_URL"))}
        env.update(
            DATABASE_URL=url,
            SLACK_BOT_TOKEN=BOT_TOKEN,
            SLACK_SIGNING_SECRET=SIGNING_SECRET,
            SLACK_API_URL=stand_in.api_url,
            MSGCHOICE_HOME=str(workdir),
            PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")])),
        )
        server_url = f"http://127.0.0.1:{port}"
        log_path = workdir / f"run{run_number}-{kind}.log"
        with log_path.open("wb") as server_log:
            started = time.perf_counter()
            proc = await asyncio.create_subprocess_exec(
                *server_command(kind, port, args.profile if kind == "app" else None),
                cwd=workdir,  # no stray .env file is read
                env=env,
                stdout=server_log,
                stderr=subprocess.STDOUT,
            )
            try:
                await wait_healthy(server_url, proc, http)
                cold_start = time.perf_counter() - started
                sender = Sender(server_url, http, stand_in)
                run_id = f"{run_number}{kind[0].upper()}"
                warm = Samples()
                for w in range(args.warmup):
                    await conversation(sender, "U0WARM0001", f"CW{run_id}{w}", warm, record=False)
                samples = Samples()
                began = time.perf_counter()
                await asyncio.gather(
                    *(user_loop(sender, n, args.rounds, samples, run_id) for n in range(args.users))
                )
                seconds = time.perf_counter() - began
                rss = peak_rss_mb(proc.pid)
            finally:
                proc.send_signal(signal.SIGTERM)  # a graceful stop (and pyinstrument then writes its report)
                try:
                    async with asyncio.timeout(60):
                        await proc.wait()
                except TimeoutError:
                    proc.kill()
                    await proc.wait()
    await stand_in.stop()
    if samples.errors:
        log(f"  {len(samples.errors)} errors, first: {samples.errors[0]} (server log: {log_path})")
    return RunResult(kind, samples, seconds, cold_start, rss, dict(stand_in.calls))


# ---------------------------------------------------------------------- figures


def percentile(values: list[float], p: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    k = (len(ordered) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def distribution(seconds: list[float]) -> dict[str, float | None]:
    ms = [s * 1000 for s in seconds]
    return {
        f"p{p}": (round(v, 1) if (v := percentile(ms, p)) is not None else None) for p in (50, 95, 99)
    } | {"max": round(max(ms), 1) if ms else None, "n": len(ms)}


def summarise(runs: list[RunResult]) -> dict[str, Any]:
    ack = [x for r in runs for x in r.samples.ack]
    turn = [x for r in runs for x in r.samples.turn]
    first = [x for r in runs for x in r.samples.first_question]
    conversations = sum(r.samples.conversations for r in runs)
    seconds = sum(r.seconds for r in runs)
    rss = [r.peak_rss_mb for r in runs if r.peak_rss_mb is not None]
    return {
        "ack_ms": distribution(ack),
        "turn_ms": distribution(turn),
        "first_question_ms": distribution(first),
        "conversations": conversations,
        "conversations_per_s": round(conversations / seconds, 2) if seconds else 0.0,
        "errors": sum(len(r.samples.errors) for r in runs),
        "slow_requests": sum(1 for x in [*ack, *turn, *first] if x > SLOW_S),
        "peak_rss_mb": round(max(rss), 1) if rss else None,
        "cold_start_ms": round(statistics.median(r.cold_start_s for r in runs) * 1000, 1),
    }


def lookup(figures: dict[str, Any], key: str) -> Any:
    value: Any = figures
    for part in key.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return value


FIGURE_KEYS = [
    *(f"ack_ms.p{p}" for p in (50, 95, 99)),
    *(f"turn_ms.p{p}" for p in (50, 95, 99)),
    *(f"first_question_ms.p{p}" for p in (50, 95, 99)),
    "conversations_per_s",
    "errors",
    "slow_requests",
    "peak_rss_mb",
    "cold_start_ms",
]


def ratios(app: dict[str, Any], baseline: dict[str, Any]) -> dict[str, float | None]:
    out: dict[str, float | None] = {}
    for key in FIGURE_KEYS:
        a, b = lookup(app, key), lookup(baseline, key)
        out[key] = round(a / b, 2) if isinstance(a, int | float) and isinstance(b, int | float) and b else None
    return out


def check_targets(app: dict[str, Any], ratio: dict[str, float | None]) -> list[dict[str, Any]]:
    checks = []
    for key, limit, how in RATIO_TARGETS:
        value = ratio.get(key)
        met = value is not None and (value <= limit if how == "≤" else value >= limit)
        checks.append({"figure": f"{key} × baseline", "value": value, "target": f"{how} {limit}", "met": met})
    for key, limit, how in APP_TARGETS:
        value = lookup(app, key)
        met = value is not None and value <= limit
        checks.append({"figure": f"app {key}", "value": value, "target": f"{how} {limit}", "met": met})
    return checks


def machine() -> dict[str, Any]:
    cpu = platform.processor() or ""
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    return {
        "cpus": os.cpu_count(),
        "cpu": cpu,
        "python": platform.python_version(),
        "platform": platform.platform(),
    }


def table(report: dict[str, Any]) -> str:
    app, baseline, ratio = report["app"], report["baseline"], report["ratios"]
    labels = {
        "ack_ms": "ack ms",
        "turn_ms": "turn ms",
        "first_question_ms": "command → first question ms",
    }
    rows = []
    for key in FIGURE_KEYS:
        name, _, p = key.partition(".")
        label = f"{labels.get(name, name)} {p}".strip() if p else name.replace("_", " ")
        rows.append((label, lookup(app, key), lookup(baseline, key), ratio.get(key)))
    width = max(len(r[0]) for r in rows)

    def fmt(v: Any) -> str:
        return "—" if v is None else (f"{v:g}" if isinstance(v, float) else str(v))

    lines = [f"{'figure':<{width}} | {'app':>9} | {'baseline':>9} | {'× baseline':>10}"]
    lines.append(f"{'-' * width}-|-{'-' * 9}-|-{'-' * 9}-|-{'-' * 10}")
    lines += [f"{r[0]:<{width}} | {fmt(r[1]):>9} | {fmt(r[2]):>9} | {fmt(r[3]):>10}" for r in rows]
    lines.append("")
    lines.append("targets (issue 12):")
    for check in report["targets"]:
        verdict = "met" if check["met"] else "MISSED"
        lines.append(f"  {check['figure']:<32} {fmt(check['value']):>8}  {check['target']:<8} {verdict}")
    config = report["config"]
    lines.append("")
    lines.append(
        f"{config['database']}, {config['users']} users × {config['rounds']} conversations per run, "
        f"runs {' / '.join(config['order'])}; {report['machine']['cpus']} CPUs, Python {report['machine']['python']}"
    )
    return "\n".join(lines)


# ---------------------------------------------------------------------- main


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench",
        description="msgchoice served in HTTP mode against a bare Bolt app, driven by simulated Slack users.",
    )
    parser.add_argument("--database", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument("--users", type=int, help="simulated users at once (default 50; 20 with --quick)")
    parser.add_argument("--rounds", type=int, help="conversations per user per run (default 3; 1 with --quick)")
    parser.add_argument("--warmup", type=int, help="unmeasured conversations per run first (default 2; 1 with --quick)")
    parser.add_argument("--quick", action="store_true", help="20 users, one conversation each per run (under a minute)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON instead of a table")
    parser.add_argument(
        "--profile",
        type=Path,
        help="run only the app, under pyinstrument, and write its profile here (.html or text)",
    )
    args = parser.parse_args(argv)
    if args.users is None:
        args.users = 20 if args.quick else 50
    if args.rounds is None:
        args.rounds = 1 if args.quick else 3
    if args.warmup is None:
        args.warmup = 1 if args.quick else 2
    if args.users < 1 or args.rounds < 1:
        parser.error("--users and --rounds must be at least 1")
    return args


async def bench(args: argparse.Namespace) -> dict[str, Any]:
    def log(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    order = ("app",) if args.profile else ORDER
    results: dict[str, list[RunResult]] = {kind: [] for kind in KINDS}
    with tempfile.TemporaryDirectory(prefix="msgchoice-bench-") as tmp:
        for number, kind in enumerate(order, start=1):
            log(f"run {number}/{len(order)}: {kind} ({args.database}, {args.users} users × {args.rounds})")
            result = await one_run(kind, args, Path(tmp), number, log)
            results[kind].append(result)
            f = result.figures()
            log(
                f"  {f['conversations']} conversations in {f['seconds']} s, cold start {f['cold_start_ms']} ms, "
                f"peak RSS {f['peak_rss_mb']} MB, {f['errors']} errors"
            )
    app = summarise(results["app"])
    baseline = summarise(results["baseline"]) if results["baseline"] else {}
    ratio = ratios(app, baseline) if baseline else {}
    return {
        "benchmark": "slack conversation: msgchoice serve vs a bare Bolt app",
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "machine": machine(),
        "config": {
            "database": args.database,
            "users": args.users,
            "rounds": args.rounds,
            "warmup": args.warmup,
            "order": list(order),
            "requests_per_conversation": 1 + len(SCRIPT),
        },
        "app": app,
        "baseline": baseline,
        "ratios": ratio,
        "targets": check_targets(app, ratio) if baseline else [],
        "runs": [r.figures() for kind in KINDS for r in results[kind]],
    }


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    report = asyncio.run(bench(args))
    if args.profile:
        print(f"profile written to {args.profile}", file=sys.stderr)
    print(json.dumps(report, indent=2) if args.json else table(report))
    return 0
