"""Floors on the held-out test split of the eval corpus (issue 8).

The parser is tuned on ``dev`` only; these floors are what it achieves on ``test``, which it was
never tuned on (``python -m tests.eval.report`` prints the figures for both splits).  Where a
floor is below the issue's target the gap is stated next to it.
"""

import pytest

from tests.eval.report import FLOWCHART, evaluate, load_cases

# Issue 8's targets: per-question precision >= 0.97, no wrong persistence settle, agreement >= 90 %.
PRECISION_FLOOR = 0.97
# target 0.90: the gap is reported in the closing note (0.771 -> 0.778 in round 3)
# session 27 (262/343 measured: a team's kafka or ops holds for each of its workloads): 0.760 → 0.763
# session 29 (263/343 measured: field hardware that takes commands is the edge): 0.763 → 0.766
# session 30 (264/343 measured: outcomes in more words, h40-h44): 0.766 → 0.769
# session 31 (267/343 measured: a description silent on keeping messages leans to ephemeral): 0.769 → 0.778
# session 33 (269/343 measured: stream processing said without product names, h58): 0.778 → 0.784
# session 34 (274/343 measured: a "no" beside a hint of keeping asked, live-moment leans, h59/h62/h63): 0.784 → 0.798
# session 35 (276/343 measured: persistence "no" said without the keyword h64, stream processing h65): 0.798 → 0.804
# session 36 (279/343 measured: the Kafka side said without product names h71, figures h74): 0.804 → 0.813
# session 38 (280/343 measured: another store's keeping and today's system's asked, h81): 0.813 → 0.816
# session 39: writers N-Q's 69 fresh cases added (412-case split, 336/412 measured; the 343 older cases
# 280/343 as before; the fresh 56/69 before and after this session's tuning): 0.816 → 0.815
# session 40: writers XA-XD's 71 fresh cases added (483-case split, 393/483 measured; 336/412 on the older cases,
# 57/71 on the fresh, both the same before and after this session's tuning): 0.815 → 0.813
# session 41: writers XE-XH's 61 fresh cases added (544-case split, 448/544 measured: 393/483 on the older cases,
# 55/61 on the fresh, read before any tuning): 0.813 → 0.823
AGREEMENT_FLOOR = 0.823  # session 25 (h13-h15 merged, 261/343 measured): 0.728 → 0.760;
# writer E's cases added: 0.777 → 0.755; writer D's cases added: 0.755 → 0.747;
# writer F's cases added: 0.747 → 0.728
# target 0 (3 before writer C's decisions.yaml joined the test split)
# session 27: a lexicon term's optional space was compiled as a required one ("qos ?[12]" needed "qos 1");
# read as written, "qos1" settles persistence as "qos 1" does (dev: 4 texts with "qos 1", all "yes") and
# one test text the annotation leaves open is read "yes" (10 → 11); a denied length inside the phrase
# ("not stored forever") is asked instead of read as nothing kept: 11 → 10 measured, the floor stays 10
# session 34 (9 measured): "nothing is kept" beside a hint of keeping is asked: 10 → 9
# session 39: writers N-Q's cases added (412-case split, 11 measured: 9 on the older 343, 2 on the fresh)
# session 40: writers XA-XD's cases added (483-case split, 14 measured: 11 on the older 412, 3 on the fresh)
# session 41: writers XE-XH's cases added (544-case split, 15 measured: 14 on the older 483, 1 on the fresh)
WRONG_PERSISTENCE_MAX = 15  # session 25, precision round h14 (10 measured): 13 → 10;
# writer E's cases added: 4 → 6; writer D's cases added: 6 → 8; writer H's: 8 → 9
# writers I, J and K's cases added (316-case split, 12 measured on the same code): 9 → 12
# writer L's cases added (331-case split, 13 measured on the same code): 12 → 13
# 0.847 with writer C's cases; 0.861 once the card reads the workloads
# writer F's cases added: 0.831 → 0.828; session 26 (288/343 measured): 0.828 → 0.839
# session 27 (287/343): the "qos1" reading above skips the persistence question on one text, -1; h20's
# workload splitting ends one more conversation on the right split and one fewer: 0.839 → 0.836
# session 33 (288/343 measured, h58): 0.833 → 0.839
# session 34 (294/343 measured): 0.839 → 0.857; session 36 (296/343 measured): 0.857 → 0.862
# session 38 (297/343 measured): 0.862 → 0.865
# session 39: writers N-Q's cases added (412-case split, 358/412 measured; 297/343 on the older cases)
# session 40: writers XA-XD's cases added (483-case split, 417/483 measured; 358/412 on the older cases)
# session 41: writers XE-XH's cases added (544-case split, 473/544 measured; 417/483 on the older cases)
AGREEMENT_AFTER_CONVERSATION_FLOOR = 0.869  # writer E's: 0.86 → 0.851; writer D's cases added: 0.851 → 0.831
# session 31: 0.836 → 0.833 (287 → 286 of 343): a conversation's end now keeps what the description
# suggested where nobody stated otherwise, the same advice the first card gave (dev: 361 → 372 of 394).
# session 41: writers XE-XH's cases added (544-case split, 486/544 measured)
AGREEMENT_WITH_TRUTH_FLOOR = 0.893
# Mean questions a conversation asked per description before issue 8 (same 111 test cases, same answers).
QUESTIONS_BEFORE = 5.15
# ... and the most it may ask now (3.07 when this was set; 3.23 before the generalising work;
# 3.47 on the 144-case test split once writer C's decisions.yaml was added, ceiling was 3.10;
# 3.44 after round 2).
# writer E's cases added (168-case test split): 3.45 → 3.78;
# writer D's cases added (190-case test split, 3.810 measured): 3.78 → 3.811
# writer F's cases added (210-case test split, 3.819 measured on main 2d3f03a): 3.811 → 3.820
# writer G's cases added (230-case split, 3.817 measured on main 739e2b9): stays 3.820
# A destination alone (S3, Redshift, HDFS) asks whether ready-made connectors will load it instead
# of settling connectors: 3 wrong settles fewer and connectors precision 13/16 → 8/8, for 7 more
# questions over 230 descriptions (878 → 885): 3.820 → 3.850.  The issue puts precision first; a
# question asked instead of a guess is the trade it asks for.
# writer H's cases added (249-case split, 976 questions, 3.920 measured on main 086642b): 3.850 → 3.920
# A phrase that says messages need no keeping, as the subject of a denied "to be" the grammar cannot
# read, is asked like any other (it kept its reading before): one wrong persistence settle fewer and
# one more agreement, for 6 questions (the right answer leads to the longer path): 3.920 → 3.935.
# A frequency ("at 10 Hz") or a rate said of any one producer ("each excavator pushes 12 a second") with
# no count of producers is asked, not settled as the total: one wrong throughput settle fewer (throughput
# precision 45/48 -> 45/47), for 5 more questions (976 + 5 on 249 descriptions): 3.935 -> 3.945.
# writers I, J and K's cases added (316-case split, 1,293 questions, 4.092 measured): 3.945 → 4.092
# Calls said to go over HTTP or REST settle request-reply neither way (they read as "no" before, which
# misread a planned move of such calls onto NATS): one more test agreement for one more question once
# the persistence work landed beside it (1,293 → 1,294 on 316 descriptions): 4.092 → 4.095.
# A latency figure said of something other than the messaging (an API's p99, a db round trip, a
# model, the network) and a team size that counts other people (analysts, a vendor's engineers, a
# piece of work) are asked: test wrong settles 31 → 28 (latency 21/26 → 21/25, ops 30/36 → 31/35) and
# one more agreement, for 2 more questions (1,294 → 1,296 on 316 descriptions): 4.095 → 4.102.
# Request-reply read as an exchange (someone asks, the answer comes back) and catching up on what happened
# while away: one more agreement, 2 questions fewer on the 316 descriptions (1,296 → 1,294).
# writer L's cases added (331-case split, 1,368 questions, 4.133 measured on the same code): 4.102 → 4.133
# writer M's cases added (343-case split, 1,437 questions, 4.190 measured on the same code): 4.133 → 4.190
# Persistence said of how things are today or were ("right now it's fire-and-forget", "the old system was
# best-effort"), of another messaging product ("Pulsar offers tiered storage", "JetStream would give us
# replay"), of a component ("our push provider is best-effort") or as a wish for later is asked instead of
# settled (precision round on persistence, h9): 2 more questions on 343 descriptions (1,437 → 1,439), test
# wrong persistence settles unchanged at 13.  With the edge, NATS Core rows and two-workload work landed
# beside it: 1,429 questions (4.166), fewer than at the session's start; the ceiling stays 4.190.
# Session 25 (h13-h15 and the rate checked in bytes merged): 1,425 questions (4.1545): 4.190 → 4.155.
# Session 26 (h16-h18): what settled a non-flowchart need in words that only suggest it (an outbox, S3 or
# a browser named, an answer from a batch job) now only leans, and latency, throughput and ops settle only
# when said of the messaging and the team that runs it: the conversation asks where the readings had
# decided for it (1,425 → 1,453 questions on 343 descriptions), for test wrong settles 26 → 24 and
# agreement after the conversation 83.7 % → 84.0 %: 4.155 → 4.237.
# Session 27 (h20-h22, the organisation's answers per workload, messages said not to be kept): 1,448
# questions on 343 descriptions (4.222): 4.237 → 4.223.
# Session 30: 1,441 questions on 343 descriptions (4.201): 4.223 → 4.202.
# Session 34: a denial of keeping beside a hint of keeping, a lack said with a need after it, and a
# sentence-opening "without X, …" are asked instead of settled: test wrong persistence settles 10 → 9 and
# agreement after the conversation 84.0 % → 85.7 %, for 5 more questions (1,441 → 1,446 on 343
# descriptions, still far below the 5.15 before issue 8): 4.202 → 4.216.  Precision first, as the issue asks.
# Session 35 (h64-h68 and the lead's negation mends): 1,443 questions on 343 descriptions (4.207): 4.216 → 4.208.
# Session 36 (h69-h72, h74): 1,435 questions on 343 descriptions (4.184): 4.208 → 4.185.
# Session 37 (h75, h76, h78): 1,433 questions on 343 descriptions (4.178): 4.185 → 4.179.
# Session 38 (h81-h83): 1,432 questions on 343 descriptions (4.175): 4.179 → 4.176.
# Session 39: writers N-Q's cases added (412-case split, 1,732 questions, 4.204 measured; 1,431 on the
# older 343, one fewer than before): 4.176 → 4.204.
# Session 40: writers XA-XD's cases added (483-case split, 2,080 questions, 4.306 measured; 1,732 on the older
# 412 as before): 4.204 → 4.307.
# Session 41: writers XE-XH's cases added (544-case split, 4.41 measured, rounded; the older 483 as before).
QUESTIONS_CEILING = 4.415
# Questions whose precision is below the target on the test split today, with the floor achieved.
# (connectors met the 0.97 target once a destination alone was asked: 8/8 on the 230-case split.)
BELOW_TARGET = {
    # 0.942 -> 0.943 in round 2; writer E's cases added: 0.94 → 0.922; writer D's cases added: 0.922 → 0.909;
    # round 4 (210-case split, 88/96 measured): 0.909 → 0.916; writer L's cases added (136/149): 0.916 → 0.912
    # session 25, h14 (139/149 measured): 0.912 → 0.932; session 27: 138/149 ("qos1" read as "qos 1"),
    # then 138/148 (a denied length asked): stays 0.932
    # session 34 (138/147 measured): 0.932 → 0.938; session 36, h70 (140/149): 0.939
    # session 39: writers N-Q's cases added (167/178 measured; 142/151 on the older 343): 0.939 → 0.938
    # session 40: writers XA-XD's cases added (195/209 measured; 167/178 on the older 412): 0.938 → 0.933
    # session 41: writers XE-XH's cases added (213/228 measured on the 544-case split)
    "persistence": 0.934,
    # writer E's cases added: 0.75 → 0.60; round 4 (15/19 measured): 0.60 → 0.789; session 26, h16 (22/25): 0.88
    # session 36, h74 (25/28 measured): 0.88 → 0.892
    # session 39 (412-case split, 29/32 measured): 0.892 → 0.906
    # session 40: writers XA-XD's cases added (33/37 measured; 29/32 on the older 412): 0.906 → 0.891
    # session 41: writers XE-XH's cases added (37/42 measured on the 544-case split)
    "latency": 0.880,
    # 0.800 -> 0.833 in round 2; round 4 (9/10 measured): 0.83 → 0.90; session 26, h18 (23/24): 0.958;
    # session 29 (24/25); session 39 (412-case split, 36/37 = 0.973 measured) meets the 0.97 target
    # 0.91 before writer C's cases (0.893 with them); round 4 (38/41): 0.89 → 0.926; session 26, h16 (49/51)
    # session 36, h74 (52/54 measured): 0.960 → 0.962; session 37, h78 (53/55): 0.963
    # session 39: writers N-Q's cases added (64/67 measured; 53/55 on the older 343): 0.963 → 0.955
    # session 40: writers XA-XD's cases added (77/81 measured; 64/67 on the older 412): 0.955 → 0.950
    # session 41: writers XE-XH's cases added (81/86 measured on the 544-case split)
    "throughput": 0.941,
    # at the 0.97 target before writer C's cases (0.923 with them, 0.938 after round 2);
    # writer D's cases added: 0.93 → 0.857; round 4 (24/27 measured): 0.857 → 0.888; session 25 (34/37)
    # session 33, h58 (37/41 measured): 0.918 → 0.902, lowered knowingly: the same change reads two more test
    # descriptions' stream processing right and settles one wrong, and agreement rises 267 → 269 of 343
    # session 35, h65 (38/42 measured): 0.902 → 0.904; session 36, h71 (39/43): 0.906
    # session 39: writers N-Q's cases added (46/51 measured; 39/43 on the older 343): 0.906 → 0.901
    # session 40: writers XA-XD's cases added (50/55 measured; 46/51 on the older 412): 0.901 → 0.909
    # session 41: writers XE-XH's cases added (58/63 measured on the 544-case split)
    "stream_processing": 0.920,
    # writer E's cases added: 0.92 → 0.884; round 4 (24/27 measured): 0.884 → 0.888;
    # writer H's cases added (28/32 measured): 0.888 → 0.875; writers I, J and K's (30/36): 0.875 → 0.833;
    # session 25 (31/35): 0.885; session 37, h78 (32/36 measured): 0.888
    # session 39: writers N-Q's cases added (34/39 measured; 32/36 on the older 343): 0.888 → 0.871
    # session 40: writers XA-XD's cases added (38/43 measured; 34/39 on the older 412): 0.871 → 0.883
    # session 41: writers XE-XH's cases added (39/44 measured on the 544-case split)
    "ops": 0.886,
}


@pytest.fixture(scope="module")
def test_split():
    cases = load_cases("test")
    if not cases:
        pytest.skip("no test split in tests/eval/corpus/test")
    return evaluate(cases, "test")


@pytest.mark.parametrize("question", FLOWCHART)
def test_per_question_precision_on_the_test_split(test_split, question):
    floor = BELOW_TARGET.get(question, PRECISION_FLOOR)
    assert test_split.per_question[question].precision >= floor


def test_wrong_persistence_settles_on_the_test_split(test_split):
    assert test_split.wrong_by_question.get("persistence", 0) <= WRONG_PERSISTENCE_MAX


def test_recommendation_agreement_on_the_test_split(test_split):
    assert test_split.agreement >= AGREEMENT_FLOOR


def test_fewer_questions_are_asked_than_before(test_split):
    assert test_split.mean_questions < QUESTIONS_BEFORE


def test_agreement_after_the_conversation_on_the_test_split(test_split):
    assert test_split.agreement_after_conversation >= AGREEMENT_AFTER_CONVERSATION_FLOOR


def test_questions_asked_stay_at_most_what_they_are_now(test_split):
    assert test_split.mean_questions <= QUESTIONS_CEILING


def test_the_ranking_given_the_annotated_truth_agrees_at_least_as_before(test_split):
    # The ceiling a perfect reading reaches: the ranking (engine.py, needs.yaml, the tables) given every annotated
    # answer.  Guards the ranking against changes that move it away from the guide's answers while the parser
    # stands still.  Session 40 (483-case split, 428/483 measured): below the 90 % agreement target,
    # which no reading alone can therefore reach on this split.
    assert test_split.agreement_with_truth >= AGREEMENT_WITH_TRUTH_FLOOR
