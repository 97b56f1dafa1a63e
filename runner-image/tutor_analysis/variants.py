"""Mode "run-variants": run the same cases against several versions of the learner's file (the original and its
mutants), through the grading harness's own `run_one`, and stream one observation per case. Observations only:
the server compares values. Like the harness, it must be the container's first process (PID 1)."""

import os
import re
import signal
import time

MAX_VARIANTS = 100
MAX_CASES = 500
_FILE = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,99}\.py\Z")
_LIMIT_KEYS = ("caseTimeoutMs", "totalTimeoutMs", "outputBytes", "fileBytes")


def _id_ok(value):
    return (isinstance(value, str) and len(value) <= 200) or (isinstance(value, int) and not isinstance(value, bool))


def validate(request):
    """The request's problem, in words, or None."""
    if not isinstance(request.get("file"), str) or not _FILE.match(request["file"]):
        return "`file` must be a plain Python file name such as `solution.py`"
    variants, cases, limits = request.get("variants"), request.get("cases"), request.get("limits")
    if not isinstance(variants, list) or not 1 <= len(variants) <= MAX_VARIANTS:
        return "`variants` must be a list of 1 to %d variants" % MAX_VARIANTS
    for v in variants:
        if not isinstance(v, dict) or not _id_ok(v.get("id")) or not isinstance(v.get("source"), str):
            return "each variant needs an `id` and a `source`"
    if not isinstance(cases, list) or len(cases) > MAX_CASES:
        return "`cases` must be a list of at most %d cases" % MAX_CASES
    for c in cases:
        if not isinstance(c, dict) or not _id_ok(c.get("id")) or not isinstance(c.get("call"), str):
            return "each case needs an `id` and a `call`"
    if not isinstance(limits, dict):
        return "`limits` is missing"
    for key in _LIMIT_KEYS:
        value = limits.get(key)
        if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
            return "`limits.%s` must be a positive whole number" % key
    extra = limits.get("addressSpaceBytes")
    if extra is not None and (isinstance(extra, bool) or not isinstance(extra, int) or extra <= 0):
        return "`limits.addressSpaceBytes` must be a positive whole number"
    return None


def run(request, harness):
    emit = harness.emit
    if os.getpid() != 1:
        # The harness cleans up after each case by killing every other process it can see and emptying /tmp:
        # right inside the sandbox container, where this is its first process, and ruinous anywhere else. Checked
        # before anything else, so that no request can get past it.
        emit({"kind": "error", "error": "run-variants only runs as the first process (PID 1) of the sandbox container"})
        emit({"kind": "done"})
        return
    problem = validate(request)
    if problem is not None:
        emit({"kind": "error", "error": problem})
        emit({"kind": "done"})
        return
    variants, cases, limits = request["variants"], request["cases"], request["limits"]
    # As in harness.main: as PID 1, SIGINT must keep its default (ignored) disposition, and this process must not
    # be dumpable, so a case can't reach its file descriptors through /proc.
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    import ctypes
    ctypes.CDLL(None).prctl(harness.PR_SET_DUMPABLE, 0, 0, 0, 0)
    try:
        harness.deny_io_uring()
    except OSError as exc:
        for variant in variants:
            for case in cases:
                emit({"kind": "case", "variant": variant["id"], "id": case["id"],
                      "observation": {"outcome": "harness-error", "message": str(exc)}})
        emit({"kind": "done"})
        return

    case_ms = limits["caseTimeoutMs"]
    deadline = time.monotonic() + limits["totalTimeoutMs"] / 1000

    def remaining_ms():
        return int((deadline - time.monotonic()) * 1000)

    for variant in variants:
        vid = variant["id"]
        single = {"file": request["file"], "source": variant["source"], "limits": limits, "cases": cases}
        if remaining_ms() <= 0:
            for case in cases:
                emit({"kind": "case", "variant": vid, "id": case["id"], "observation": {"outcome": "not-run"}})
            continue
        compiled = harness.run_one(dict(single, mode="compile"), {"id": "compile", "call": "None"},
                                   min(case_ms, max(remaining_ms(), 1)))
        if compiled.get("outcome") == "syntax-error":
            emit({"kind": "syntax-error", "variant": vid, "error": compiled})
            continue
        if compiled.get("outcome") != "compiled":
            for case in cases:
                emit({"kind": "case", "variant": vid, "id": case["id"], "observation": compiled})
            continue
        for case in cases:
            left = remaining_ms()
            if left <= 0:
                emit({"kind": "case", "variant": vid, "id": case["id"], "observation": {"outcome": "not-run"}})
                continue
            budget = min(case_ms, left)
            observation = harness.run_one(single, case, budget)
            if observation.get("outcome") == "timeout" and budget < case_ms:
                observation["reason"] = "total"
            emit({"kind": "case", "variant": vid, "id": case["id"], "observation": observation})
    emit({"kind": "done"})
