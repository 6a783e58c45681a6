"""``msgchoice advise`` keeps the JSON contract other tools rely on (DESIGN.md)."""

import json
import os
import subprocess
import sys

import pytest

from bot.cli import main

CONTRACT = {
    "recommendation", "flowchart_path", "flowchart_outcome", "answers", "missing", "ranking",
    "reasons", "what_would_change", "confidence",
}


def run_json(capsys, *argv):
    assert main(["advise", "--json", *argv]) == 0
    return json.loads(capsys.readouterr().out)


def test_json_output_has_every_field_of_the_contract(capsys):
    out = run_json(capsys, "--answer", "persistence=yes", "--answer", "throughput=high",
                   "--answer", "stream_processing=yes")
    assert out.keys() >= CONTRACT
    assert out["recommendation"] == "kafka"
    assert out["flowchart_outcome"] == "kafka"
    assert out["flowchart_path"][0] == {"question": "persistence", "answer": "yes"}
    assert {r["system"] for r in out["ranking"]} == {"kafka", "nats-core", "nats-jetstream", "hybrid"}
    assert 0 <= out["confidence"] <= 1


def test_free_text_answers_show_up_in_answers_with_their_spans(capsys):
    out = run_json(capsys, "CDC from Postgres into S3, ~50k events/s, 2-person team")
    assert out["answers"]["cdc"] == "yes"
    assert out["answers"]["ops"] == "small"
    spans = {p["question"]: p["text"] for p in out["parsed"]}
    assert spans["throughput"] == "50k events/s"


def test_with_answers_missing_it_still_recommends_and_lists_them(capsys):
    out = run_json(capsys, "--answer", "persistence=yes")
    assert out["recommendation"] in {"kafka", "nats-jetstream", "hybrid"}
    assert "throughput" in out["missing"]
    full = run_json(capsys, "-a", "persistence=yes", "-a", "throughput=moderate", "-a", "ops=small")
    assert out["confidence"] < full["confidence"]


@pytest.mark.parametrize(
    ("pair", "listed"),
    [("colour=blue", "persistence"), ("latency=fast", "sub-ms"), ("persistence", "QUESTION=VALUE")],
)
def test_an_unknown_question_or_value_exits_2_and_lists_the_valid_ones(capsys, pair, listed):
    assert main(["advise", "--json", "--answer", pair]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert listed in captured.err


def test_the_human_readable_output_names_the_system_and_the_rows_it_cites(capsys):
    assert main(["advise", "-a", "persistence=no", "-a", "latency=sub-ms"]) == 0
    out = capsys.readouterr().out
    assert "NATS Core" in out
    assert "End-to-end latency (p50)" in out
    assert "100-500 us" in out


def test_the_installed_console_script_runs_as_a_whole_process():
    result = subprocess.run(
        [sys.executable, "-m", "bot", "advise", "--json", "-a", "persistence=no", "-a", "latency=sub-ms"],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["recommendation"] == "nats-core"


def test_a_dash_reads_the_description_from_standard_input():
    result = subprocess.run(
        [sys.executable, "-m", "bot", "advise", "--json", "-"],
        input="We need durable work queues.\nAbout 2k msgs/s, and we are a 3-person team.\n",
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["answers"]["persistence"] == "yes" and out["answers"]["ops"] == "small"
    assert out["recommendation"] == "nats-jetstream"


@pytest.mark.parametrize(
    "text",
    [
        "durable queues of 0.001 byte messages",  # once "0B", which --answer message_size refuses
        "durable queues, keep them for 0.001 seconds",  # once "0s", which --answer retention refuses
    ],
)
def test_every_answer_it_prints_can_be_given_back_as_an_answer(capsys, text):
    out = run_json(capsys, text)
    pairs = [arg for q, v in out["answers"].items() for arg in ("--answer", f"{q}={v}")]
    again = run_json(capsys, *pairs)
    assert again["answers"] == out["answers"]


@pytest.mark.parametrize(
    ("text", "question", "misread"),
    [
        ("request-reply, latency 0,5 ms", "latency", "low-ms"),  # a decimal comma: not "5 ms"
        ("durable, 1,5k msgs/s", "message_rate", "5k/s"),
        ("durable, 2,5M events/s", "message_rate", "5M/s"),
        ("latency 1e-9 ms", "latency", "low-ms"),  # the exponent is not "9 ms"
    ],
)
def test_a_figure_is_never_read_from_inside_another_number(capsys, text, question, misread):
    out = run_json(capsys, text)
    assert out["answers"].get(question) != misread
    assert not any(p["text"].startswith(("5 ms", "5k", "5M", "9 ms")) for p in out["parsed"])


@pytest.mark.parametrize("rate", ["2 000 000", "2\u202f000\u202f000", "2’000’000"])
def test_thousands_grouped_with_spaces_or_apostrophes_are_one_number(capsys, rate):
    # "2 000 000 events/s" once read as "000 events/s": moderate throughput, and NATS JetStream.
    out = run_json(capsys, f"durable event log, {rate} events/s, we replay it for analytics")
    assert out["answers"]["throughput"] == "high"
    assert out["answers"]["message_rate"] == "2M/s"
    assert out["recommendation"] == "kafka"


TWO_WORKLOADS = (
    b"two sorts of traffic here. the match servers gossip player positions \xff and a position that shows up "
    b"late is worthless, nothing of it needs storing. separately, every in-game purchase is kept for 7 years "
    b"for audits and we run windowed aggregates over it at ~2M msgs/s."
)


@pytest.mark.parametrize("strict", [False, True])
def test_bytes_that_are_not_utf8_on_standard_input_are_replaced_not_a_traceback(strict):
    # A Latin-1 file piped in: under C.UTF-8 the stray byte reached the JSON encoder as a lone surrogate
    # (a traceback where workloads quote the text); under a UTF-8 desktop locale (strict) reading failed.
    env = {**os.environ, "PYTHONIOENCODING": "utf-8:strict"} if strict else None
    result = subprocess.run(
        [sys.executable, "-m", "bot", "advise", "--json", "-"], input=TWO_WORKLOADS, capture_output=True,
        env=env, check=False,
    )
    assert result.returncode == 0, result.stderr.decode(errors="replace")
    out = json.loads(result.stdout.decode("utf-8"))
    assert out["recommendation"] == "hybrid"
    assert "positions \ufffd and" in out["workloads"][0]["text"]


def test_bytes_that_are_not_utf8_in_the_arguments_are_replaced_not_a_traceback():
    result = subprocess.run(
        [sys.executable, "-m", "bot", "advise", "--json", TWO_WORKLOADS], capture_output=True, check=False,
    )
    assert result.returncode == 0, result.stderr.decode(errors="replace")
    assert "positions \ufffd and" in json.loads(result.stdout.decode("utf-8"))["workloads"][0]["text"]


@pytest.mark.parametrize(
    "argv", [["advise", "--json", "durable queues"], ["advise", "durable queues"], ["knowledge", "show"]]
)
def test_a_reader_that_stops_early_is_no_failure(argv):
    # `msgchoice knowledge show | head` under `set -o pipefail`: the plain and JSON commands exit 0 when the
    # reader goes away, the ones drawn with rich exited 1.
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        result = subprocess.run(
            [sys.executable, "-m", "bot", *argv], stdout=write_end, stderr=subprocess.PIPE, text=True, check=False,
        )
    finally:
        os.close(write_end)
    assert (result.returncode, result.stderr) == (0, "")
