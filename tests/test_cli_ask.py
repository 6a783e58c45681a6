"""``msgchoice ask`` as a person uses it: a real process, typed lines on standard input."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest


def run(args: list[str], home: Path, stdin: str = "", timeout: float = 60) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "MSGCHOICE_HOME": str(home), "COLUMNS": "100", "NO_COLOR": "1"}
    env.pop("DATABASE_URL", None)
    return subprocess.run(
        [sys.executable, "-m", "bot", *args], input=stdin, capture_output=True, text=True, env=env,
        timeout=timeout, check=False,
    )


def history(home: Path) -> list[dict[str, object]]:
    result = run(["history", "--json"], home)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_a_whole_conversation_records_the_adopted_decision_shown_by_history(tmp_path: Path) -> None:
    lines = [
        "durable work queues between a few services, 3-person team",  # description: persistence, ops
        "what about exactly-once?",  # a follow-up at the throughput question
        "2",  # throughput: moderate
        "no",  # request-reply
        "?",  # current system: not sure
        "a",  # adopt
        "",  # no rationale
    ]
    result = run(["ask"], tmp_path, "\n".join(lines) + "\n")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Here is what I understood" in out
    assert "3-person team" in out
    assert "Exactly-once semantics" in out and "double-ack" in out  # the follow-up's table row
    assert "NATS JetStream" in out and "Recorded decision #1" in out
    [decision] = history(tmp_path)
    assert decision["chosen_system"] == "nats-jetstream"
    assert decision["recommended_system"] == "nats-jetstream"


def test_a_description_with_a_per_day_figure_is_understood_and_recorded(tmp_path: Path) -> None:
    # "10 a day" once became the rate "0/s", which its own question refused: a traceback, nothing recorded.
    description = "password reset mails: about 10 notifications a day, retried until delivered, 2 devs"
    # "not sure" to whatever is asked (a "?" past the card is only asked again), then adopt.
    result = run(["ask"], tmp_path, "\n".join([description, *["?"] * 7, "a", ""]) + "\n")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert "10/day" in result.stdout  # the rate as understood, shown back
    assert "Recorded decision #1" in result.stdout
    assert len(history(tmp_path)) == 1


def test_back_undoes_an_answer_and_another_choice_needs_a_rationale(tmp_path: Path) -> None:
    lines = ["", "yes", "1", "back", "2", "small", "no", "none", "o", "1", "", "we already run Kafka well"]
    result = run(["ask"], tmp_path, "\n".join(lines) + "\n")
    assert result.returncode == 0, result.stderr
    assert "Undid your answer" in result.stdout
    [decision] = history(tmp_path)
    assert decision["recommended_system"] == "nats-jetstream"  # moderate throughput after the undo
    assert decision["chosen_system"] == "kafka"
    assert decision["rationale"] == "we already run Kafka well"


def test_no_record_stores_nothing(tmp_path: Path) -> None:
    lines = ["no persistence, sub-millisecond", "no", "none", "a", ""]
    result = run(["ask", "--no-record"], tmp_path, "\n".join(lines) + "\n")
    assert result.returncode == 0, result.stderr
    assert "NATS Core" in result.stdout
    assert history(tmp_path) == []


@pytest.mark.parametrize("stdin", ["", "durable queues\n", "durable queues\nwhat?\n"])
def test_end_of_input_leaves_cleanly_without_a_traceback(tmp_path: Path, stdin: str) -> None:
    result = run(["ask"], tmp_path, stdin)
    assert result.returncode == 0
    assert "Traceback" not in result.stderr
    assert "Bye" in result.stdout
    assert history(tmp_path) == []


def test_ctrl_c_leaves_cleanly_without_a_traceback(tmp_path: Path) -> None:
    env = {**os.environ, "MSGCHOICE_HOME": str(tmp_path), "NO_COLOR": "1"}
    # A shell that starts the test run in the background without job control leaves SIGINT ignored,
    # and Python then installs no Ctrl-C handler in the child: give the child the terminal's default.
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", "ask"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, env=env, preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    assert process.stdout is not None
    seen = b""
    deadline = time.monotonic() + 30
    while b"Your workload" not in seen:  # wait until it is waiting for input
        assert time.monotonic() < deadline, "no prompt"
        seen += os.read(process.stdout.fileno(), 4096)
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=30)
    assert process.returncode == 130
    assert b"Traceback" not in err


def test_a_conversation_about_two_workloads_ends_on_the_hybrid(tmp_path: Path) -> None:
    lines = [
        # Two workloads: persistence differs between them, so it is asked once for the description.
        "two sorts of traffic here. the match servers gossip player positions and a position that shows up late "
        "is worthless, nothing of it needs storing. separately, every in-game purchase is kept for 7 years for "
        "audits and we run windowed aggregates over it at ~2M msgs/s.",
        "1",  # persisted? yes (true of the purchases)
        "?",  # throughput: not sure
        "?",  # team: not sure
        "?",  # request-reply: not sure
        "a",  # adopt
        "",  # no rationale
    ]
    result = run(["ask"], tmp_path, "\n".join(lines) + "\n")
    assert result.returncode == 0, result.stderr
    assert "NATS Core for" in result.stdout and "Apache Kafka for" in result.stdout
    [decision] = history(tmp_path)
    assert decision["recommended_system"] == "hybrid"


@pytest.mark.parametrize(
    "description",
    ["durable work queues of 0.001 byte messages, 2 devs", "durable work queues, keep them for 0.001 seconds, 2 devs"],
)
def test_an_odd_size_or_retention_in_the_description_is_no_traceback(tmp_path: Path, description: str) -> None:
    # A positive size below a hundredth of a byte was written "0B" (retention: "0s"), which the question
    # itself refuses: the conversation died with a traceback and recorded nothing.
    result = run(["ask"], tmp_path, "\n".join([description, *["?"] * 7, "a", ""]) + "\n")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert "Recorded decision #1" in result.stdout
    assert len(history(tmp_path)) == 1


def test_at_the_recommendation_a_reply_it_does_not_catch_lists_the_card_choices(tmp_path: Path) -> None:
    # It used to answer "Type adopt/other, back, restart, ? for not sure": "?" was refused again at once.
    lines = ["no persistence, sub-millisecond", "no", "none", "?", "a", ""]
    result = run(["ask"], tmp_path, "\n".join(lines) + "\n")
    assert result.returncode == 0, result.stderr
    hint = next(line for line in result.stdout.splitlines() if "did not catch" in line)
    assert "? for not sure" not in hint
    assert "a to adopt" in hint and "q quit" in hint
    assert len(history(tmp_path)) == 1


def test_a_description_with_bytes_that_are_not_utf8_is_recorded_without_a_traceback(tmp_path: Path) -> None:
    # A stray Latin-1 byte reached the database as a lone surrogate: a traceback at "adopt", nothing recorded.
    env = {**os.environ, "MSGCHOICE_HOME": str(tmp_path), "NO_COLOR": "1"}
    env.pop("DATABASE_URL", None)
    stdin = b"durable work queues for the caf\xe9 orders, 3-person team\n" + b"?\n" * 7 + b"a\n\n"
    result = subprocess.run(
        [sys.executable, "-m", "bot", "ask"], input=stdin, capture_output=True, env=env, timeout=60, check=False,
    )
    assert result.returncode == 0, result.stderr.decode(errors="replace")
    assert b"Recorded decision #1" in result.stdout
    assert len(history(tmp_path)) == 1
