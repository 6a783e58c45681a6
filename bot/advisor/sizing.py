"""An order-of-magnitude sizing sketch for the recommended system, from the guide's figures only.

Inputs are answers: ``message_rate`` (the number behind ``throughput``; when
only ``throughput`` is known its bound in ``thresholds.yaml`` stands in, said
so), ``message_size`` and ``retention``.  Every number the sketch divides or
multiplies by comes from ``knowledge/data/sizing.yaml``, whose figures are
quoted from guide rows (checked at load), and every line cites those rows.
The replication factor is an assumption, stated on each line that uses it.

A starting point, not capacity planning.  Pure: no Slack, no SQL.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from bot.advisor.advice import ParsedAnswer, RowCitation, Sizing, SizingInput, SizingLine
from bot.advisor.quantities import Rate, format_duration, format_size, parse_duration, parse_rate, parse_size
from knowledge import Knowledge

NOTE = (
    "An order-of-magnitude starting point built only from the guide's figures (each cited), "
    "not capacity planning: benchmark your own messages before buying hardware."
)
PERSISTENT = ("kafka", "nats-jetstream")


def _cite(kb: Knowledge, ref: str) -> RowCitation:
    from bot.advisor.engine import cite

    table, row = kb.row(ref)
    return cite(table, row)


def _num(value: float) -> str:
    """Whole numbers as they are (1,536); others to 3 significant figures (23,100; 1.25; 0.3)."""
    if value == 0:
        return "0"
    if float(value).is_integer() and abs(value) < 1e9:
        return f"{int(value):,}"
    digits = 2 - math.floor(math.log10(abs(value)))
    rounded = round(value, digits)
    if digits <= 0:
        return f"{rounded:,.0f}"
    text = f"{rounded:,.{digits}f}"
    return text.rstrip("0").rstrip(".")


def _bytes(amount: float) -> str:
    for unit, scale in (("PB", 1e15), ("TB", 1e12), ("GB", 1e9), ("MB", 1e6), ("KB", 1e3)):
        if amount >= scale:
            return f"{_num(amount / scale)} {unit}"
    return f"{_num(amount)} B"


def _rate_input(
    answers: Mapping[str, str], parsed: set[str], kb: Knowledge
) -> tuple[Rate | None, SizingInput]:
    value = answers.get("message_rate")
    if value is not None:
        rate = parse_rate(value)
        source = "text" if "message_rate" in parsed else "answer"
        return rate, SizingInput(question="message_rate", value=value, source=source)
    throughput = answers.get("throughput")
    if throughput in ("moderate", "high"):
        threshold = kb.threshold("throughput-moderate-msgs" if throughput == "moderate" else "throughput-high-msgs")
        bound = "at most" if throughput == "moderate" else "at least"
        return Rate(msgs_per_s=threshold.value), SizingInput(
            question="message_rate",
            value=f"{_num(threshold.value)}/s",
            source="assumed",
            note=f"No rate given: {bound} {_num(threshold.value)} msgs/s is where msgchoice draws the line for "
            f"'{throughput}' throughput (thresholds.yaml {threshold.id}); give the rate for a closer sketch.",
        )
    return None, SizingInput(question="message_rate", value=None, source="missing")


def sketch(
    system: str, answers: Mapping[str, str], kb: Knowledge, parsed: list[ParsedAnswer] | None = None
) -> Sizing:
    """The sketch for ``system`` under ``answers``; lines it cannot compute name the answers they need."""
    from_text = {p.question for p in parsed or []}
    data = kb.sizing
    rate, rate_input = _rate_input(answers, from_text, kb)
    size_value = answers.get("message_size")
    size = parse_size(size_value) if size_value else None
    retention_value = answers.get("retention")
    retention = parse_duration(retention_value) if retention_value else None
    inputs = [
        rate_input,
        SizingInput(
            question="message_size", value=size_value,
            source=("text" if "message_size" in from_text else "answer") if size_value else "missing",
        ),
        SizingInput(
            question="retention", value=retention_value,
            source=("text" if "retention" in from_text else "answer") if retention_value else "missing",
        ),
    ]
    rf = data.replication.factor if data else 3
    sizing = Sizing(system=system, inputs=inputs, replication_factor=rf, note=NOTE)
    if data is None:
        sizing.missing.append("knowledge/data/sizing.yaml")
        return sizing

    msgs = rate.msgs_per_s if rate else None
    bytes_per_s = rate.bytes_per_s if rate else None
    if msgs is not None and size is not None:
        bytes_per_s = msgs * size
    elif bytes_per_s is not None and size is not None:
        msgs = bytes_per_s / size
    rate_words = f"{_num(msgs)} msgs/s" if msgs is not None else ""
    mb_s = bytes_per_s / 1e6 if bytes_per_s is not None else None

    parts = list(kb.system(system).composed_of) or [system]
    if kb.system(system).composed_of:
        # a hybrid: Kafka carries the streams, NATS the service traffic; each sized for the whole rate
        parts = [p for p in ("kafka", "nats-core") if p in parts] or parts
    if rate is None:
        sizing.missing.append("message_rate")
    if size is None:
        sizing.missing.append("message_size")
    if retention is None and any(p in PERSISTENT for p in parts):
        sizing.missing.append("retention")

    broker_row = _cite(kb, "throughput/max-single-broker")
    kafka_bw = data.figure("kafka-broker-throughput")
    if mb_s is not None:
        share = mb_s / kafka_bw.low
        working = (
            f"{rate_words} × {format_size(size)} = {_num(mb_s)} MB/s"
            if msgs is not None and size is not None and rate and rate.msgs_per_s is not None
            else f"{_num(mb_s)} MB/s as given"
        )
        if rate and rate.bytes_per_s is not None and size is not None:
            working += f" ({_num(msgs or 0)} msgs/s of {format_size(size)})"
        if "kafka" in parts:
            working += (
                f"; {_num(share * 100)}% of one Kafka broker's {_num(kafka_bw.low)} MB/s (guide: {kafka_bw.quote})"
            )
        else:
            working += "; the guide gives NATS servers in messages a second (next line), not in bytes"
        sizing.lines.append(
            SizingLine(
                id="sustained-throughput",
                label="Sustained write throughput",
                value=f"{_num(mb_s)} MB/s",
                low=mb_s, high=mb_s, unit="MB/s",
                working=working,
                rows=[broker_row],
            )
        )

    persistent_parts = [p for p in parts if p in PERSISTENT]
    if not persistent_parts:
        sizing.lines.append(
            SizingLine(
                id="storage",
                label="Storage for retention",
                value="none",
                unit="bytes",
                working=f"{kb.system(system).name} keeps nothing on disk, whatever the retention asked.",
                rows=[_cite(kb, "architecture/persistence-model")],
            )
        )
    elif mb_s is not None and retention is not None:
        stored = bytes_per_s * retention * rf  # type: ignore[operator]
        sizing.lines.append(
            SizingLine(
                id="storage",
                label="Storage for retention",
                value=_bytes(stored),
                low=stored, high=stored, unit="bytes",
                working=f"{_num(mb_s)} MB/s × {format_duration(retention)} ({_num(retention)} s) × {rf} copies "
                f"= {_bytes(stored)} before compression",
                assumption=f"{rf} copies: {data.replication.rationale}",
                rows=[
                    _cite(kb, "architecture/retention"), _cite(kb, data.replication.ref), _cite(kb, "resources/disk")
                ],
            )
        )

    for part in parts:
        _servers_and_more(sizing, part, kb, msgs=msgs, mb_s=mb_s, size=size, rf=rf, broker_row=broker_row)
    return sizing


def _servers_and_more(
    sizing: Sizing,
    system: str,
    kb: Knowledge,
    *,
    msgs: float | None,
    mb_s: float | None,
    size: float | None,
    rf: int,
    broker_row: RowCitation,
) -> None:
    data = kb.sizing
    assert data is not None
    name = kb.system(system).name
    count: int | None = None
    if system == "kafka":
        figure = data.figure("kafka-broker-throughput")
        if mb_s is None:
            return
        written = mb_s * rf
        need_low = math.ceil(written / figure.low)
        need_high = math.ceil(written / figure.high)
        count = max(rf, need_low)
        sizing.lines.append(
            SizingLine(
                id="kafka-brokers",
                label="Kafka brokers",
                value=f"{count}",
                low=max(rf, need_high), high=count, unit="brokers",
                working=f"{_num(mb_s)} MB/s × {rf} copies = {_num(written)} MB/s written ÷ {_num(figure.low)} MB/s "
                f"per broker = {need_low} (÷ {_num(figure.high)} MB/s: {need_high}; guide: {figure.quote}); "
                f"at least {rf} to hold "
                f"{rf} copies → {count}",
                assumption=f"{rf} copies: {data.replication.rationale}",
                rows=[broker_row],
            )
        )
        memory = data.figure("kafka-memory")
        sizing.lines.append(
            SizingLine(
                id="kafka-memory",
                label="Memory floor (Kafka heap)",
                value=f"{_num(count * memory.low)}-{_num(count * memory.high)} GB",
                low=count * memory.low, high=count * memory.high, unit="GB",
                working=f"{count} brokers × {_num(memory.low)}-{_num(memory.high)} GB heap "
                f"(guide: {memory.quote}), plus page cache",
                rows=[_cite(kb, memory.ref)],
            )
        )
        partitions = data.figure("kafka-partitions-per-broker")
        sizing.lines.append(
            SizingLine(
                id="kafka-partitions",
                label="Partitions per topic to plan",
                value=f"{_num(count * partitions.low)}-{_num(count * partitions.high)}",
                low=count * partitions.low, high=count * partitions.high, unit="partitions",
                working=f"{count} brokers × {_num(partitions.low)}-{_num(partitions.high)} "
                f"(guide: {partitions.quote}); the count caps the consumers in a group and cannot be lowered later",
                rows=[_cite(kb, partitions.ref), _cite(kb, "scaling/consumer-scaling"),
                      _cite(kb, "kafka-operations/partition-count")],
            )
        )
        return

    figure = data.figure("nats-core-server-throughput" if system == "nats-core" else "jetstream-server-throughput")
    if msgs is None:
        return
    copies = rf if system == "nats-jetstream" else 1
    handled = msgs * copies
    need_low = math.ceil(handled / figure.low)
    need_high = math.ceil(handled / figure.high)
    floor = rf if system == "nats-jetstream" else 1
    count = max(floor, need_low)
    copies_words = f" × {rf} replicas = {_num(handled)} msgs/s stored" if copies > 1 else ""
    small = ""
    if size is not None and size > 1000:
        small = f"; the guide's per-server figure is for small messages, and yours are {format_size(size)}"
    sizing.lines.append(
        SizingLine(
            id=f"{system}-servers",
            label=f"{name} servers",
            value=f"{count}",
            low=max(floor, need_high), high=count, unit="servers",
            working=f"{_num(msgs)} msgs/s{copies_words} ÷ {_num(figure.low)} msgs/s per server = {need_low} "
            f"(÷ {_num(figure.high)}: {need_high}; guide: {figure.quote})"
            + (f"; at least {rf} to hold {rf} replicas" if copies > 1 else "")
            + f" → {count}{small}",
            assumption=f"{rf} replicas: {data.replication.rationale}" if copies > 1 else None,
            rows=[broker_row],
        )
    )
    memory = data.figure("nats-memory")
    sizing.lines.append(
        SizingLine(
            id=f"{system}-memory",
            label=f"Memory floor ({name})",
            value=f"{_num(count * memory.low)}-{_num(count * memory.high)} MB",
            low=count * memory.low, high=count * memory.high, unit="MB",
            working=f"{count} servers × {_num(memory.low)}-{_num(memory.high)} MB (guide: {memory.quote})",
            rows=[_cite(kb, memory.ref)],
        )
    )
    if system == "nats-jetstream":
        sizing.lines.append(
            SizingLine(
                id="jetstream-streams",
                label="Streams to plan",
                value=f"at least {count}",
                low=count, unit="streams",
                working=f"each stream is its own Raft group led by one server: {count} or more streams let every "
                "server lead some; streams can be created and changed later, so nothing is fixed up front",
                rows=[_cite(kb, "architecture/clustering"), _cite(kb, "scaling/partition-stream")],
            )
        )
