"""Mode "repairs": the repair search, in one container. Runs the cases on the code as written, recording which lines
each runs; then tries the single-token edits of edits.py, on the lines the failing cases ran first, and streams what
each edit's calls gave. The server decides which edits repair the code and ranks the lines: it alone has the
expected values (none is in the request). Like run-variants, it must be the container's first process.

Request: `file`, `source`, `cases: [{id, call or stdin, role}]`, `maxEdits`, `budgetMs`, `caseTimeoutMs`, `limits`.
A case is a call in the file's module, or (with `stdin`) the file run as a program with that input. Its role is
"target" (the code fails it, and a repair must fix it), "guard" (the code passes it, and a repair must keep it
passing) or "observe" (run once, for its lines only). Which cases pass is no secret: the learner sees it. A case
may have its own `timeoutMs` below `caseTimeoutMs` (one that ran out of time in grading need not use it all again).

Lines out: `{"kind": "baseline", "observations"}` (the code as written; each observation also has `lines`, the sorted
lines of the file that ran), then one `{"kind": "edit", "id", "line", "edit", "text", "observations"}` for each edit
that changed what every target case gave (no other edit can repair anything); its guard cases are run only then.
Last, `{"kind": "done", "generated", "tried", "elapsedMs", "stopped"}`, stopped being "time", "edits" or
null. Observations are keyed by case id, in the harness's CaseObservation shape. `budgetMs` bounds the time spent
trying edits; before, the code as written runs each case once, within `caseTimeoutMs` (or the case's `timeoutMs`).

Speed is the point: the grading harness starts a fresh interpreter for every case (about 100 ms on a quiet machine,
a second under load), which would allow a handful of edits in the budget. The search runs its calls in a forked
worker instead (fast_run.py).
"""

import os
import re
import time

from harness.isolation import lock_down
from harness.protocol import emit

from .edits import edits_of
from .fast_run import SCRATCH_DIR, FastRunner, same_outcome

HARD_MAX_EDITS = 300
# An edited call gets a few times what the code as written took (a repaired call is rarely much slower; an edit that
# loops forever must not eat the budget), never less than MIN_CASE_MS, nor more than the request's case timeout.
CASE_TIME_FACTOR = 4
MIN_CASE_MS = 80
# For a call that ran out of time as written (the bug is an endless loop), what an edit gets to finish it.
AFTER_TIMEOUT_MS = 150
MAX_CASES = 200
MAX_BUDGET_MS = 10_000
_FILE = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,99}\.py\Z")
_ROLES = ("target", "guard", "observe")


def _positive_int(value, ceiling=None):
    ok = isinstance(value, int) and not isinstance(value, bool) and value > 0
    return ok and (ceiling is None or value <= ceiling)


def validate(request):
    """The request's problem, in words, or None."""
    if not isinstance(request.get("file"), str) or not _FILE.match(request["file"]):
        return "`file` must be a plain Python file name such as `solution.py`"
    if not isinstance(request.get("source"), str):
        return "`source` must be a string"
    cases = request.get("cases")
    if not isinstance(cases, list) or not 1 <= len(cases) <= MAX_CASES:
        return "`cases` must be a list of 1 to %d cases" % MAX_CASES
    for c in cases:
        if not isinstance(c, dict) or not isinstance(c.get("id"), int) or c.get("role") not in _ROLES \
                or (isinstance(c.get("call"), str)) == (isinstance(c.get("stdin"), str)):
            return "each case needs an integer `id`, a `role` (target, guard or observe), and a `call` or a `stdin`"
        if "timeoutMs" in c and not _positive_int(c["timeoutMs"]):
            return "a case's `timeoutMs`, when given, must be a positive whole number"
    if not any(c["role"] == "target" for c in cases):
        return "at least one case must be a target (a case the code fails)"
    if not _positive_int(request.get("maxEdits"), HARD_MAX_EDITS):
        return "`maxEdits` must be a whole number from 1 to %d" % HARD_MAX_EDITS
    if not _positive_int(request.get("budgetMs"), MAX_BUDGET_MS):
        return "`budgetMs` must be a whole number of milliseconds from 1 to %d" % MAX_BUDGET_MS
    if not _positive_int(request.get("caseTimeoutMs")):
        return "`caseTimeoutMs` must be a positive whole number"
    limits = request.get("limits")
    if not isinstance(limits, dict) or not all(_positive_int(limits.get(k)) for k in ("fileBytes", "addressSpaceBytes", "outputBytes")):
        return "`limits` needs positive whole numbers `fileBytes`, `addressSpaceBytes` and `outputBytes`"
    return None


def _compiled(source, file):
    try:
        return compile(source, os.path.join(SCRATCH_DIR, file), "exec", dont_inherit=True)
    except (SyntaxError, ValueError, TypeError, RecursionError, MemoryError):
        return None


def _coverage(cases, baseline):
    """{line: (target cases that ran it, guard cases that ran it)} from the baseline's lines."""
    counts = {}
    for case, observation in zip(cases, baseline):
        for line in observation.get("lines") or []:
            targets, guards = counts.get(line, (0, 0))
            counts[line] = (targets + (case["role"] == "target"), guards + (case["role"] == "guard"))
    return counts


def _by_id(cases, observations):
    return {str(cases[i]["id"]): observation for i, observation in observations}


def _edited_timeout(baseline, case_timeout_ms):
    if baseline.get("outcome") in ("timeout", "not-run"):
        return min(case_timeout_ms, AFTER_TIMEOUT_MS)
    return min(case_timeout_ms, max(MIN_CASE_MS, CASE_TIME_FACTOR * baseline.get("durationMs", 0)))


def run(request):
    """A valid request, as PID 1 (main.py checks both first)."""
    started = time.monotonic()
    # As the harness's PID 1 does before its first case: SIGINT back to its default, this process not dumpable (a
    # worker cannot read its memory or descriptors), io_uring denied to every worker. Without the filter, no search.
    seccomp_error = lock_down()
    if seccomp_error is not None:
        emit({"kind": "error", "error": str(seccomp_error)})
        emit({"kind": "done"})
        return
    cases = request["cases"]
    file = request["file"]
    original = _compiled(request["source"], file)
    if original is None:
        emit({"kind": "error", "error": "the source does not compile"})
        emit({"kind": "done"})
        return
    runner = FastRunner(file, request["limits"], [original], cases,
                        worker_seconds=int((request["budgetMs"] + len(cases) * request["caseTimeoutMs"]) / 1000) + 2)
    # The code as written runs each case once, within its own timeout; the budget is for the edits.
    baseline = [runner.run(0, i, min(c.get("timeoutMs", request["caseTimeoutMs"]), request["caseTimeoutMs"]), float("inf"), lines=True)
                for i, c in enumerate(cases)]
    emit({"kind": "baseline", "observations": _by_id(cases, enumerate(baseline))})

    edits, problem = edits_of(request["source"], _coverage(cases, baseline), request["maxEdits"])
    if problem is not None:
        runner.close()
        emit({"kind": "error", "error": problem})
        emit({"kind": "done"})
        return
    # Code 0 is the file as written, code i the edit with id i.
    runner.set_codes([original] + [_compiled(e["source"], file) for e in edits])
    targets = [i for i, c in enumerate(cases) if c["role"] == "target"]
    guards = [i for i, c in enumerate(cases) if c["role"] == "guard"]
    timeouts = [_edited_timeout(b, request["caseTimeoutMs"]) for b in baseline]
    deadline = time.monotonic() + request["budgetMs"] / 1000
    tried = 0
    stopped = None
    for edit in edits:
        if time.monotonic() >= deadline:
            stopped = "time"
            break
        tried += 1
        seen = {}
        for i in targets:
            seen[i] = runner.run(edit["id"], i, timeouts[i], deadline)
            if same_outcome(seen[i], baseline[i]):
                break
        else:
            for i in guards:
                seen[i] = runner.run(edit["id"], i, timeouts[i], deadline)
            emit({"kind": "edit", "id": edit["id"], "line": edit["line"], "edit": edit["kind"], "text": edit["text"],
                  "observations": _by_id(cases, seen.items())})
    runner.close()
    if stopped is None and len(edits) >= request["maxEdits"]:
        stopped = "edits"
    emit({"kind": "done", "generated": len(edits), "tried": tried, "elapsedMs": int((time.monotonic() - started) * 1000),
          "stopped": stopped})
