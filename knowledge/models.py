"""Pydantic models for the knowledge taken from the guide.

Every fact lives in a YAML file under ``knowledge/data``; these models validate
those files at load time.  Nothing here knows about Slack, SQL or the advisor.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator, model_validator

SLUG = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _slug(value: str) -> str:
    if not SLUG.match(value):
        raise ValueError(f"{value!r} is not a lowercase id (letters, digits, '-' and '_')")
    return value


Slug = Annotated[str, AfterValidator(_slug)]


class System(_Strict):
    """A system the advisor can recommend (``kafka``, ``nats-core`` …)."""

    id: Slug
    name: str
    summary: str
    source: str = Field(min_length=1)
    # A composite system (the hybrid) is built from others; its rating on a row
    # is derived from theirs unless the row rates it explicitly.
    composed_of: list[str] = []
    # Order among systems whose scores tie (lowest first), with the reason in systems.yaml.
    tie_rank: int = 100


class Column(_Strict):
    id: str
    label: str
    # Which systems a column speaks for: a "NATS" column covers both NATS
    # systems.  Empty for descriptive columns ("why", "details" …).
    systems: list[str] = []


class Row(_Strict):
    """One row of a guide table: a topic, its values per column, and its source."""

    id: Slug
    topic: str
    aliases: list[str] = []
    values: dict[str, str]
    # 0 = unsuitable / absent, 1 = weak, 2 = good, 3 = best in this comparison.
    # Judgements made from ``values``; they drive the ranking.
    ratings: dict[str, int] = {}
    # How a composite system (hybrid) rates here when not rated explicitly:
    # "best" of its parts for a capability, "worst" for a cost.
    composite: Literal["best", "worst"] = "best"
    note: str | None = None
    source: str = Field(default="", description="Section of the guide the row comes from")

    @field_validator("ratings")
    @classmethod
    def _ratings_in_range(cls, ratings: dict[str, int]) -> dict[str, int]:
        for system, value in ratings.items():
            if not 0 <= value <= 3:
                raise ValueError(f"rating for {system!r} must be 0..3, got {value}")
        return ratings


class Table(_Strict):
    id: Slug
    title: str
    section: str = Field(min_length=1, description="Guide section; default source of its rows")
    kind: Literal["comparison", "usecase", "migration", "notes", "takeaways", "references", "strategy"]
    description: str | None = None
    columns: list[Column]
    rows: list[Row]

    @model_validator(mode="after")
    def _rows_fit_columns(self) -> Table:
        column_ids = [c.id for c in self.columns]
        seen: set[str] = set()
        for row in self.rows:
            if row.id in seen:
                raise ValueError(f"row {row.id!r}: duplicate row id")
            seen.add(row.id)
            missing = [c for c in column_ids if c not in row.values]
            extra = [k for k in row.values if k not in column_ids]
            if missing:
                raise ValueError(f"row {row.id!r}: field 'values' lacks column(s) {missing}")
            if extra:
                raise ValueError(f"row {row.id!r}: field 'values' has unknown column(s) {extra}")
        return self


class Answer(_Strict):
    value: str
    label: str
    # Words that pick this answer when typed in reply to the question.
    synonyms: list[str] = []
    next: str | None = None  # a question id
    outcome: str | None = None  # a system id (a leaf of the flowchart)

    @model_validator(mode="after")
    def _one_target(self) -> Answer:
        if self.next and self.outcome:
            raise ValueError(f"answer {self.value!r} has both 'next' and 'outcome'")
        return self


class Question(_Strict):
    id: Slug
    text: str
    guide_label: str | None = None
    why: str
    rows: list[str] = []  # "table/row" references the why-line draws on
    answers: list[Answer]
    source: str = Field(min_length=1)
    # A quantity question takes any value of its kind ("3KB", "10d", "50k/s");
    # its answers are the choices offered as buttons.  Used for sizing only.
    quantity: Literal["bytes", "seconds", "rate"] | None = None

    def answer(self, value: str) -> Answer | None:
        return next((a for a in self.answers if a.value == value), None)

    @property
    def values(self) -> list[str]:
        return [a.value for a in self.answers]


class Defect(_Strict):
    node: str
    description: str


class Flowchart(_Strict):
    start: str
    questions: list[Question]
    # Extra questions the guide discusses outside its flowchart.  They have no
    # edges; ``ask_after`` ones are asked once the flowchart reaches a leaf.
    extra_questions: list[Question] = []
    ask_after: list[str] = []
    defects: list[Defect] = []
    source: str = Field(min_length=1)


class NeedRow(_Strict):
    ref: str  # "table/row"
    weight: float = Field(gt=0)
    # A system rated 0 on a required row cannot meet the need and is ruled out.
    required: bool = False
    # Like required, but never lifted, even when every system fails some
    # required need (a team policy's "not offered here").
    veto: bool = False


class Need(_Strict):
    """What an answer (or a combination) asks of a system, as weighted rows."""

    id: str
    when: dict[str, str] = {}  # question -> value; empty means always active
    unless: dict[str, str] = {}  # question -> value that switches the need off again
    label: str
    rows: list[NeedRow]
    source: str = Field(min_length=1)


class Threshold(_Strict):
    id: str
    value: float
    unit: str
    rationale: str
    source: str = Field(min_length=1)


class Modifier(_Strict):
    """Words next to a concept's phrase that change what it means ("a *small* platform team",
    "edge *PoPs*").  ``value`` is the answer the phrase then gives, ``"?"`` to ask instead,
    or ``"none"`` when the phrase then says nothing about the question, or ``"lean"`` when it is then
    only weak evidence of the entry's own answer (a lean, never settled nor asked)."""

    words: list[str]  # regular expressions (or terms, see LexiconEntry.terms) for the modifier
    where: Literal["before", "after"] = "before"
    value: str
    rationale: str = Field(min_length=1)
    # Only when the grammar cannot read what is said of the phrase (a denied "to be" with a predicate
    # no polarity list knows): "fire-and-forget is not what we want" yes, "… is not negotiable" no.
    when_unclear: bool = False
    # How far from the phrase the modifier may reach, in characters (bounded: each look-up costs O(1)).
    # A predicate said of a coordinated subject stands further off: "sending commands to the robots or
    # sitting anywhere in the control loop is out of scope".
    reach: int = Field(default=60, ge=1, le=160)


class LexiconEntry(_Strict):
    """A concept in a workload description and the answer it gives.

    The phrase is found by ``patterns`` (regular expressions) or ``terms`` (words written
    plainly: ``word+`` also matches its inflections, ``…`` up to three words in between).
    What the phrase answers depends on its polarity in the sentence, worked out by the
    parser's grammar with the cue words of :class:`Polarity`: ``value`` when stated plainly
    (empty: stated plainly it settles nothing), ``negated`` when denied ("no X", "X is not
    needed"), ``tolerated`` when declared harmless ("X is fine", "don't care about X").
    ``"?"`` asks the question instead of settling it.
    """

    id: str | None = None
    question: str
    value: str
    patterns: list[str] = []  # regular expressions, matched case-insensitively on word boundaries
    terms: list[str] = []
    negatable: bool = True  # without an explicit ``negated``: denying it gives the other yes/no answer
    negated: str | None = None
    tolerated: str | None = None  # accepted ("X is fine", "ok to X")
    indifferent: str | None = None  # not cared about ("X doesn't matter"); default: ``tolerated``
    # what a concern says ("X is a bug", "worried about X"); default: ``negated``.  A risk that must not
    # happen is not always the need's denial: "stale data is a bug" wants fresh data, not no storage.
    concerned: str | None = None
    modifiers: list[Modifier] = []
    # Other answers this one implies (CDC implies persistence); explicit answers win.
    implies: dict[str, str] = {}
    note: str | None = None  # what to ask when the phrase leaves the question open
    # The answer the phrase is weak evidence for.  With ``value: "?"`` it settles a figure that
    # falls between the thresholds ("high throughput, around 250k/s": the team calls it high).
    # With ``value: ""`` (it settles and asks nothing) and wherever its question stays
    # unanswered, the text-only ranking leans on it at a fraction of a stated answer's weight
    # (``bot.advisor.engine.LEAN_WEIGHT``); the conversation still asks the question.
    leans: str | None = None
    # Read only where its sentence states a fact, not where it weighs an option (see
    # Polarity.hypothetical_markers): for what a team runs today.
    factual: bool = False
    # A `factual` entry that says the team is leaving what it runs ("we're ripping kafka out"): an
    # intention, a plan or the move's destination in its sentence ("we want to get rid of rabbit",
    # "moving off kafka to nats next year") still says the system runs today; only weighing
    # (Polarity.hypothetical_markers: "should we move off kafka?") makes it no fact.
    departure: bool = False
    rationale: str | None = None


class Polarity(_Strict):
    """Cue words of the negation grammar (the grammar itself is in ``bot/advisor/parse.py``).

    Each list holds regular expressions matched on word boundaries."""

    negators: list[str]  # "no", "never", "don't" … deny what follows in their clause
    indifferent_before: list[str]  # "don't care about" … what follows is not needed
    accepting_before: list[str]  # "ok to", "can afford to" … what follows is acceptable
    indifferent_after: list[str]  # "doesn't matter", "whatever" … what precedes is not needed
    accepting_after: list[str]  # "is fine", "is harmless" … what precedes is acceptable
    needless_after: list[str]  # "is not needed", "is optional", "is useless" … deny what precedes
    # "they don't need the missed messages": what follows is not needed (a loss that is not needed is accepted)
    needless_before: list[str] = []
    # (h76) an aside set off by commas between a cue and its phrase ("we don't, for this feed at least, need
    # it"): the grammar reads through it, as if it were not there
    asides: list[str] = []
    concern_after: list[str]  # "is unacceptable", "would be a disaster" … the thing must not happen
    # "worried about", "we'd be in trouble if" … before a risk: the thing must not happen
    concern_before: list[str] = []
    # How long something lasts, right before a phrase ("long-term", "permanent") or right after it
    # ("forever", "beyond a week"): a denial of the phrase then denies the length, not the thing
    # ("no long-term retention" still keeps messages for a while), so it is asked, never settled.
    extent_before: list[str] = []
    extent_after: list[str] = []
    # The same inside the phrase itself ("not stored forever", "retained indefinitely"): words of
    # lasting, not figures (a figure in the phrase, "kept 30 days", is read by the grammar).
    extent_within: list[str] = []
    # Words inside a current-system phrase (a `factual` entry):
    # - ``owned_within``: the system is there already ("our kafka", "the existing msk", "off rabbit"),
    #   so a plan said around it is not what makes it today's;
    # - ``leaving_within``: the team moves off it ("migrating from sqs"), so a wish or a date after
    #   it is the move's, not what runs today;
    # - ``ours_within``: the team's own, after another party was named ("customers publish into our kafka");
    # - ``ours_now_within``: the team's own as it is now ("our kafka cluster", "we're on msk", "the data
    #   already lives in kafka"), not as it could be ("our own kafka"), so a later clause that weighs
    #   alternatives does not make it hypothetical.
    owned_within: list[str] = []
    leaving_within: list[str] = []
    ours_within: list[str] = []
    ours_now_within: list[str] = []
    scope_breaks: list[str]  # "but", "and", "because" … end a negator's scope
    past_markers: list[str] = []  # "used to", "previously" … the clause tells the past, not the need
    # "considering", "should we", "vs" … the sentence weighs an option: a `factual` entry's phrase
    # there states no fact ("should we run our own Kafka cluster?").
    hypothetical_markers: list[str] = []
    # "we want to", "let's", "moving to", "replacing X with" … an intention, a decision or a move's
    # destination: like hypothetical_markers, a `factual` entry's phrase there states no fact, except a
    # `departure` entry's (what a team means to leave, it runs today).
    intent_markers: list[str] = []
    # "our payment provider runs", "one of our customers streams" … another party that runs a system: a
    # `factual` entry's phrase after it in its sentence is not the team's own, unless the phrase says
    # it is ("customers publish into our kafka").
    others_markers: list[str] = []
    # "next step is", "planned", "next quarter" … the sentence tells what is to come: a `factual` entry's
    # phrase after it (or right after, in its clause: "msk is planned") is not what runs today.
    plan_markers: list[str] = []
    # "retired", "was ripped out" … right after a phrase: it tells the past, as past_markers do before it.
    past_after: list[str] = []
    # "if we ever need", "maybe", "not sure whether" … before a phrase in its clause: the need is
    # open, so the phrase is asked about, never settled ("if we ever need replay").
    undecided_before: list[str] = []
    # "would be nice", "is a bonus" … right after a phrase: a wish, not a requirement: asked.
    undecided_after: list[str] = []
    # Words that open a question ("do", "should", "how" …): a phrase in a clause ending with "?", or
    # in a sentence that opens with one of them and ends with "?", is asked, never settled.
    interrogatives: list[str] = []
    # "what should we use", "any recommendations", "should we go with nats" … a question of its own that
    # starts after a statement in the same run-on clause, with no coordinator before it ("events must
    # survive restarts we're 3 people what should we use?"): the statement before it stays a statement.
    question_openers: list[str] = []
    irregular: dict[str, list[str]] = {}  # inflections ``word+`` cannot derive ("lose": ["lost"])
    # "durability: none", "stream processing - no", "| persistence | n/a |": the whole value of a
    # field that names a concept, when it denies it (the field grammar is in ``bot/advisor/parse.py``).
    field_denials: list[str] = []
    # "persistence: no idea", "durability: tbd", "stream processing: not decided yet": the whole value of a
    # field that says the answer is not known; asked, never read as the concept named.
    field_undecided: list[str] = []
    # Lead-ins of a section or list ("## Non-goals", "Out of scope:", "Nice to have:"): what is listed
    # under them is not needed (``section_needless``) or not decided (``section_undecided``, asked).
    section_needless: list[str] = []
    section_undecided: list[str] = []
    # What is listed under these describes a candidate system or what a choice brings ("## Considered
    # Options", "Cons:", "### Positive Consequences", "## Benchmarks"), not the workload: asked, never
    # settled.  ``heading_described`` open such a section only as a heading (the same words start
    # ordinary sentences: "compare Kafka and NATS for me").
    section_described: list[str] = []
    heading_described: list[str] = []
    # A clause after a concept's clause that speaks of it again by a pronoun ("replay would be nice,
    # but we don't need it", "…, though we're not sure we need it"): what it says of the pronoun is
    # said of the concept (the grammar is in ``bot/advisor/parse.py``).
    referring_needless: list[str] = []
    referring_undecided: list[str] = []
    # A denial that describes the system as it is, not the need (questions in ``state_questions``):
    # "there's no replay today", "redis pub/sub has no persistence", "our current setup has no
    # durability".  ``state_markers`` anywhere in the sentence, or ``state_before`` right before the
    # denial, make it asked; ``complaint_after`` ("…, which bit us twice") makes the absence the problem,
    # so the concept is wanted.  A denied need ("we don't need replay today") is still a denial.
    state_questions: list[str] = []
    state_markers: list[str] = []
    state_before: list[str] = []
    complaint_after: list[str] = []
    # (h81) Said after a statement of how messages are kept today, that it is wanted all the same ("… we need the
    # old behaviour back", "and we want to keep that"): the statement is then the need.
    state_wanted: list[str] = []
    # (s40) A question whether messages are lost ("if a node dies, is everything on it just gone?") answered, in the
    # sentence right after it, by a reply that needs it otherwise ("we'd need it not to be", "that can't happen"):
    # the need is to keep them.  ``loss_questions`` find the loss in the question, ``wanting_otherwise`` open the reply
    # (grammar: ``_answered_loss_questions`` in ``bot/advisor/parse.py``).
    loss_questions: list[str] = []
    wanting_otherwise: list[str] = []
    # What a denial of keeping goes on to say travels instead: a reference to data kept elsewhere ("the
    # files aren't stored in the queue, only their s3 keys"), a claim check.  The messages are the
    # references, whose keeping the denial does not settle: asked (grammar in ``bot/advisor/parse.py``).
    references_instead: list[str] = []
    # Keeping said of a database, a cache or a metrics store, in a persistence phrase or right after it
    # ("our metrics are kept in prometheus for 15 days", "durable storage is handled by cassandra"): that
    # store's own storage, which says nothing of whether the messaging system keeps messages, whichever
    # phrase names it.  Word classes ({datastore_subject}) may be used (grammar in ``bot/advisor/parse.py``).
    kept_elsewhere: list[str] = []
    # The same for stream processing: a computation said to run in a database, a warehouse or a reporting
    # tool, in the phrase or right after it ("analysts build windowed reports in looker"), is a query over
    # stored data, not processing of the stream (grammar in ``bot/advisor/parse.py``).
    computed_elsewhere: list[str] = []
    # (h81) Another store as the subject of the clause that holds a persistence phrase ("s3 holds the raw
    # uploads durably", "the read replica lags and catches up after a few minutes", "the cache is ephemeral"):
    # what a database, a replica, an index or a cache keeps is its own data.  ``kept_by_subject`` names the
    # stores; ``messaging_words`` after the store in the clause say it speaks of the messaging after all ("the
    # db changes must be kept in the topic"), or of a new subject (grammar in ``bot/advisor/parse.py``).
    kept_by_subject: list[str] = []
    messaging_words: list[str] = []
    # What a system is or does ("Kafka gives you durable logs", "unlike Kafka, NATS core doesn't store
    # messages", "…because it adds persistence"): the verbs after a system's name (or a pronoun for
    # one named before in the sentence) whose object describes the product, not the workload's need;
    # asked for the questions in ``state_questions``.
    product_predicates: list[str] = []
    # A part of a named system that is still the product ("redis streams", "rabbitmq quorum queues"),
    # after the name, in the product-subject reading of the questions in ``state_questions``.
    product_parts: list[str] = []
    # Words that take a whole clause after "that" ("make sure that", "it is critical that", "we
    # guarantee that"): a "that" after them opens the clause, no relative clause, so a negator after it
    # denies the clause's own verb (the grammar is in ``bot/advisor/parse.py``).
    complement_takers: list[str] = []
    # What a phrase that is the subject of a denied "to be" may be without its need being denied:
    # "durability isn't enough on its own", "replay is not possible with redis", "retention is not
    # free": it is wanted but lacking or costly.  Any other predicate the lexicon cannot read leaves
    # the phrase asked (grammar: ``_denied_copula`` in ``bot/advisor/parse.py``).
    lacking_after: list[str] = []
    # "## Decision", "Chosen option:", an ADR's title: the system named there is the one chosen, not
    # the one that runs today (read for everything else).
    section_decided: list[str] = []
    # Names of messaging systems: a heading, a lead-in or a table's column or row made of them
    # describes those systems (an option weighed), not the workload.
    section_systems: list[str] = []


class Shorthand(_Strict):
    """Chat shorthand or a symbol read as the words it stands for ("ppl" as "people", "<5ms" as "under
    5ms"): ``pattern`` is a regular expression (case-insensitive; it says its own word boundaries)."""

    pattern: str
    reads: str


class WorkloadMarker(_Strict):
    """Words that start another workload in the same description ("Separately, …")."""

    patterns: list[str]
    rationale: str = Field(min_length=1)


class Producers(_Strict):
    """What the number reader counts as a fleet and divides a rate among (singular forms)."""

    devices: list[str] = []  # send on their own: a rate said of one, or of them uncounted, is one producer's
    people: list[str] = []  # senders by role: one producer's rate when said of one, not of them all
    software: list[str] = []  # parts whose rate is as often the total: one producer's only with "each"/"per"
    counted: list[str] = []  # count producers but have no singular ("dau")


class TeamOthers(_Strict):
    """People a team size may count who would not run the messaging system (regular expressions; the
    grammar around them is ``_team_of_others`` in ``bot/advisor/parse.py``)."""

    teams: list[str] = []  # a team named by what it does with the data: "the analytics team (4 people)"
    roles: list[str] = []  # people whose role is to use the data: "a team of 4 analysts"
    parties_before: list[str] = []  # another party, before the count: "the customer's team is 4"
    parties_after: list[str] = []  # whose people, after the count: "2 engineers from the vendor"
    builders: list[str] = []  # what the people counted build: "the team that will build this is 4 devs"
    # another group said to run the infrastructure: "ops is handled by a separate infra group"
    run_elsewhere: list[str] = []


class RateOfOther(_Strict):
    """Who or when a throughput figure may be said of other than the workload's own messaging (regular
    expressions; the grammar around them is ``_rate_of_other`` in ``bot/advisor/parse.py``)."""

    things: list[str] = []  # a store, a request path or hardware doing it: "redis handles", "the disks do"
    parties: list[str] = []  # someone else, another time or a projection: "netflix", "in 2019", "projected"
    after: list[str] = []  # the same, after the figure: "eventually", "on their platform", "in five years"
    # (h19) the estate as a whole or a broader feed, before or after the figure: "company-wide", "the firehose"
    estate: list[str] = []
    # (h19) in the estate figure's sentence, the workload taking all of it: "the new one must take it all"
    taken: list[str] = []
    # (h19) the text narrowing to the workload's share: "of which", "we only consume", "this service"
    narrowed: list[str] = []


class Silence(_Strict):
    """A lean for a question the description never touches at all (issue 8).

    When no phrase of the text settles, asks or leans on ``question``, nothing it reads answers one of
    ``unless_answers``, no word of ``unless_words`` stands in it and it has at least ``min_words`` words,
    the ranking leans to ``leans`` there: weak evidence, said as a suggestion, and the question is
    still asked."""

    question: str
    leans: str
    note: str  # what the card says the suggestion came from
    unless_answers: dict[str, list[str]] = {}
    unless_words: list[str] = []
    min_words: int = Field(default=6, ge=1)
    # Silence means something only in a language the lexicon reads: at least this share of the text's
    # words are among ``function_words`` (a description in another language says nothing the lexicon sees).
    function_words: list[str] = []
    min_function_share: float = Field(default=0.0, ge=0.0, le=1.0)
    rationale: str


class LeanGuard(_Strict):
    """(s34) Words that keep the leans read from a description's words toward one answer from counting.

    A lean is weak evidence read from a phrase (an entry's ``leans``); where any word of ``unless_words``
    stands in the text outside the leaning phrases themselves, the text also speaks the other way and the
    lean toward ``leans`` on ``question`` is dropped (the question is still asked)."""

    question: str
    leans: str
    unless_words: list[str]
    rationale: str


class Lexicon(_Strict):
    entries: list[LexiconEntry]
    polarity: Polarity
    ambiguous: list[LexiconEntry] = []  # phrases that hint at a question without settling it
    workload_markers: list[WorkloadMarker] = []
    workload_announcements: list[str] = []  # "two kinds of traffic": several workloads are described
    per_workload_questions: list[str] = []  # asked, not settled, when announced workloads cannot be split
    silence_contradicts: list[str] = []  # (h74) of those, where a silent workload keeps the others' answer off the top
    # Words that give a named system its share of the work ("kafka for events", "rabbit stays for
    # tasks"): two such assignments of different systems in one sentence part it into two workloads.
    workload_roles: list[str] = []
    # (h20) Words that send a share of the work to a named system after them ("purchases go to kafka",
    # "the pings ride on nats", "the queue stays on redis"): the system's share is the words before.
    workload_destinations: list[str] = []
    # Shorthand read as words before anything else is read (grammar: ``_plain`` in bot/advisor/parse.py).
    shorthand: list[Shorthand] = []
    # (h20) Words that set another workload aside at a sentence's start ("separately from the presence
    # pings (…), we need …"): the phrase up to its comma is that workload, the rest another, when the
    # two state different needs.
    workload_asides: list[str] = []
    # (h69) Words that open a sentence on a further traffic ("there's also …", "as for the invoices, …",
    # "tool calls are different: …"): the text is cut before them when the parts state different needs,
    # and they are no subject of the sentence (the traffic named after them is).
    workload_openers: list[str] = []
    # (h69) Verbs after "we" that act on a traffic named after them ("we push stock quotes to browsers"): the
    # sentence speaks of that traffic, not of the description as a whole.
    acting_verbs: list[str] = []
    # (h20) Words between a system's name and its role that describe the product, not the team's plan
    # ("kafka is built for replay", "nats is known for speed"): no share of the work.
    product_traits: list[str] = []
    # Labels that open a further workload only after an earlier label of the same list ("hot path: …
    # cold path: …", "(a) … (b) …"): one label alone opens nothing.
    paired_workload_markers: list[WorkloadMarker] = []
    # (h59) Heads of numbered labels that count one flow's steps or the options weighed for it ("Step 1: …
    # Step 2: …", "Option A: … Option B: …"), not workloads ("Service A: … Service B: …").
    step_labels: list[str] = []
    # Words right after a marker that refer back to the workload already described ("Additionally,
    # those events must be kept"): the marker then adds to that workload and opens none.
    workload_continuations: list[str] = []
    # Questions whose "yes" says the messages are kept by nature (a CDC feed, a load into a lake):
    # against "nothing is kept" in another sentence, they part the text into two workloads.
    kept_by_nature: list[str] = []
    # Questions whose "yes" is traffic nothing keeps (a reply awaited by its caller): against a need
    # kept by nature in another sentence, they part the text likewise.
    ephemeral_by_nature: list[str] = []
    # Words that open a sentence about the whole description or what was said before ("We don't need
    # persistence", "They are loaded into S3"): such a sentence parts no workload from the others.
    whole_subjects: list[str] = []
    # (h49) The needs of each side of the guide's hybrid ("realtime", "heavy"): question -> values.  Failing
    # opposite persistence, a sentence stating only one side's needs next to one stating only the other's
    # parts the text into two workloads when each opens on a subject of its own.
    hybrid_sides: dict[str, dict[str, list[str]]] = {}
    # (h49) Words opening a sentence about a measure of the traffic ("latency has to stay under 1 ms"):
    # such a sentence is no subject of its own for ``hybrid_sides``.
    not_own_subjects: list[str] = []
    # (h49) Words before a sentence's subject that are not its own ("the", "every").
    subject_determiners: list[str] = []
    # (h49) A sentence's opening that sends the traffic already described down another path ("the same
    # events also go to the warehouse"): with ``hybrid_sides``, a side of its own.
    again_paths: list[str] = []
    # Values that give way when the text also states another value of their question (question -> values).
    yielding: dict[str, list[str]] = {}
    # Named word classes ("comeback": the ways of saying a consumer or a link returns), used as
    # ``{name}`` inside any entry's terms or modifier words so that one concept is spelled out once.
    word_classes: dict[str, list[str]] = {}
    max_chars: int = Field(default=65536, gt=0)  # longer descriptions are cut (with a note), not refused
    # A form's field names for a question ("throughput: high", "ops: small"): question id -> regexes.
    # The field's value is read as a typed answer to that question (its value, label or a synonym).
    fields: dict[str, list[str]] = {}
    producers: Producers = Producers()
    # What a latency figure may be said of other than the messaging path ("the db lookup is 3 ms"):
    # regular expressions, tried in order.
    latency_of_other: list[str] = []
    team_others: TeamOthers = TeamOthers()
    rate_of_other: RateOfOther = RateOfOther()
    silences: list[Silence] = []
    # (s34) Evidence the other way that keeps a lean read from words from counting (grammar: ``_leans``).
    lean_guards: list[LeanGuard] = []


class SizingFigure(_Strict):
    """A number the sizing sketch uses, quoted from one guide row."""

    id: Slug
    ref: str  # "table/row"
    column: str
    quote: str = Field(min_length=1)  # must appear in the row's value for ``column``
    low: float = Field(gt=0)
    high: float = Field(gt=0)
    unit: str


class Replication(_Strict):
    factor: int = Field(ge=1, le=7)
    ref: str
    rationale: str


class SizingData(_Strict):
    figures: list[SizingFigure]
    replication: Replication

    def figure(self, figure_id: str) -> SizingFigure:
        for f in self.figures:
            if f.id == figure_id:
                return f
        raise KeyError(figure_id)


class Knowledge(_Strict):
    version: str
    systems: list[System]
    tables: list[Table]
    flowchart: Flowchart
    needs: list[Need]
    thresholds: list[Threshold]
    lexicon: Lexicon
    sizing: SizingData | None = None

    @model_validator(mode="after")
    def _sizing_quotes_its_rows(self) -> Knowledge:
        if self.sizing is None:
            return self
        for figure in self.sizing.figures:
            try:
                _, row = self.row(figure.ref)
            except KeyError:
                raise ValueError(f"sizing.yaml: figure {figure.id!r}, field 'ref': no row {figure.ref!r}") from None
            if figure.quote not in row.values.get(figure.column, ""):
                raise ValueError(
                    f"sizing.yaml: figure {figure.id!r}, field 'quote': {figure.quote!r} is not in "
                    f"{figure.ref} column {figure.column!r}"
                )
            if figure.low > figure.high:
                raise ValueError(f"sizing.yaml: figure {figure.id!r}: low is above high")
        try:
            self.row(self.sizing.replication.ref)
        except KeyError:
            raise ValueError(f"sizing.yaml: replication, field 'ref': no row {self.sizing.replication.ref!r}") from None
        return self

    def system(self, system_id: str) -> System:
        for s in self.systems:
            if s.id == system_id:
                return s
        raise KeyError(system_id)

    def table(self, table_id: str) -> Table:
        for t in self.tables:
            if t.id == table_id:
                return t
        raise KeyError(table_id)

    def row(self, ref: str) -> tuple[Table, Row]:
        table_id, _, row_id = ref.partition("/")
        table = self.table(table_id)
        for r in table.rows:
            if r.id == row_id:
                return table, r
        raise KeyError(ref)

    def threshold(self, threshold_id: str) -> Threshold:
        for t in self.thresholds:
            if t.id == threshold_id:
                return t
        raise KeyError(threshold_id)

    @property
    def system_ids(self) -> list[str]:
        return [s.id for s in self.systems]

    @property
    def all_questions(self) -> list[Question]:
        return [*self.flowchart.questions, *self.flowchart.extra_questions]

    def question(self, question_id: str) -> Question:
        for q in self.all_questions:
            if q.id == question_id:
                return q
        raise KeyError(question_id)

    def rating(self, row: Row, system_id: str) -> int | None:
        """How ``system_id`` rates on ``row``; composites derive from their parts."""
        if system_id in row.ratings:
            return row.ratings[system_id]
        system = self.system(system_id)
        parts = [row.ratings[p] for p in system.composed_of if p in row.ratings]
        if not parts:
            return None
        return max(parts) if row.composite == "best" else min(parts)
