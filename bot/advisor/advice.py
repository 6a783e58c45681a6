"""The advisor's result: the JSON contract of ``msgchoice advise --json`` (DESIGN.md)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

# Questions about the organisation rather than a workload (its team, the system it runs, where it
# runs): what a description says of them holds for every workload it describes.
SHARED_QUESTIONS = frozenset({"ops", "current_system", "kubernetes", "multi_region"})


class PathStep(BaseModel):
    question: str
    answer: str


class RowCitation(BaseModel):
    """A row of a guide table, quoted with its source section."""

    table: str
    table_title: str
    row: str
    topic: str
    values: dict[str, str]
    source: str

    @property
    def ref(self) -> str:
        return f"{self.table}/{self.row}"


class Reason(BaseModel):
    text: str
    system: str | None = None
    rows: list[RowCitation] = Field(min_length=1)


class RankedSystem(BaseModel):
    system: str
    name: str
    score: float
    ruled_out: str | None = None  # why, when a required need rules it out


class Change(BaseModel):
    model_config = ConfigDict(populate_by_name=True)

    question: str
    from_value: str | None = Field(default=None, serialization_alias="from")
    to_value: str = Field(serialization_alias="to")
    recommendation: str


class ParsedAnswer(BaseModel):
    """An answer read from free text, with the span of text it came from."""

    question: str
    value: str
    span: tuple[int, int]
    text: str
    implied_by: str | None = None  # the question whose answer implied this one


class Ambiguity(BaseModel):
    """Words that touch a question without settling it; the question is asked instead.

    ``question`` is None for a note about the text as a whole (a description cut at the length cap).
    """

    question: str | None
    span: tuple[int, int]
    text: str
    note: str


class Option(BaseModel):
    value: str
    label: str


class NextQuestion(BaseModel):
    """What the conversation would ask next (``advise --json``): any client can drive it."""

    id: str
    text: str
    why: str = ""
    options: list[Option]


class Workload(BaseModel):
    """One workload of a description that holds several, read and recommended on its own."""

    text: str
    span: tuple[int, int]
    answers: dict[str, str]
    recommendation: str
    recommendation_name: str


class PolicyEffect(BaseModel):
    """One part of a team policy and what it did to this advice."""

    id: str  # the rule or adjustment id; "not-offered:SYSTEM" for a system the policy does not offer
    kind: Literal["not_offered", "adjustment", "house_rule"]
    label: str
    system: str | None = None
    contact: str | None = None
    when: dict[str, str] = {}
    active: bool  # it takes part in this advice (its rows are weighed, its rule's answers given)
    decisive: bool = False  # removing it would change the recommendation
    rows: list[RowCitation] = []  # the guide rows it adjusts or weighs


class PolicyOutcome(BaseModel):
    """The team policy in force and its effect: the guide's answer beside the policy's."""

    version: int | None  # None for a policy read from a file (advise --policy FILE)
    name: str
    source: str  # "team T, version N" or "file F"
    docs: str | None = None
    contact: str | None = None
    guide_recommendation: str
    recommendation: str
    changed: bool
    effects: list[PolicyEffect] = []

    @property
    def deciding(self) -> list[PolicyEffect]:
        return [e for e in self.effects if e.decisive]

    def not_offered(self, system: str) -> PolicyEffect | None:
        return next((e for e in self.effects if e.kind == "not_offered" and e.system == system), None)

    def goes_against(self, chosen: str) -> bool:
        """Choosing ``chosen`` goes against the policy: it is not offered, or the policy changed
        the guide's answer and the team chose something else."""
        return self.not_offered(chosen) is not None or (self.changed and chosen != self.recommendation)


class SizingInput(BaseModel):
    question: str  # message_rate | message_size | retention
    value: str | None
    source: Literal["answer", "text", "assumed", "missing"]
    note: str | None = None


class SizingLine(BaseModel):
    """One figure of the sketch, its arithmetic, and the guide rows its numbers come from."""

    id: str
    label: str
    value: str
    low: float | None = None
    high: float | None = None
    unit: str
    working: str  # the arithmetic, with the guide's figure quoted
    assumption: str | None = None  # a number not from the guide, said so
    rows: list[RowCitation] = Field(min_length=1)


class Sizing(BaseModel):
    """An order-of-magnitude sketch of the recommended system, from the guide's figures only."""

    system: str
    inputs: list[SizingInput]
    lines: list[SizingLine] = []
    missing: list[str] = []  # answers that would complete it
    replication_factor: int
    note: str

    def line(self, line_id: str) -> SizingLine | None:
        return next((line for line in self.lines if line.id == line_id), None)


class Advice(BaseModel):
    recommendation: str
    recommendation_name: str
    flowchart_path: list[PathStep]
    flowchart_outcome: str | None
    answers: dict[str, str]
    missing: list[str]
    ranking: list[RankedSystem]
    reasons: list[Reason]
    what_would_change: list[Change]
    confidence: float
    confidence_label: str
    runner_up: str | None
    caveats: list[str] = []
    migration: list[RowCitation] = []
    parsed: list[ParsedAnswer] = []
    ambiguous: list[Ambiguity] = []
    # The question the conversation would ask next, or None when it would recommend now.
    next_question: NextQuestion | None = None
    # One entry per workload when the text holds several (empty otherwise).
    workloads: list[Workload] = []
    knowledge_version: str
    policy: PolicyOutcome | None = None
    sizing: Sizing | None = None

    def to_json(self) -> str:
        return self.model_dump_json(by_alias=True, indent=2)
