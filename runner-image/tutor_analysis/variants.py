"""Mode "run-variants": run the same cases against several versions of the learner's file (the original and its
mutants), each through the grading harness's own schedule (harness/schedule.py), and stream one observation per
case. Observations only: the server compares values. Like the harness, it must be the container's first process
(PID 1). The variants share one total time budget."""

import re
import time

from harness.isolation import lock_down
from harness.launch import Launcher
from harness.protocol import emit
from harness.schedule import Schedule
from harness.validation import observe_problem

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
    return observe_problem(request)


def run(request):
    """A valid request, as PID 1 (main.py checks both first)."""
    # As the harness's own PID 1 does, minus the fork server: the request has been read, and a fork server must
    # never have held one. Every case process is a fresh interpreter.
    seccomp_error = lock_down()
    launcher = Launcher()
    limits = request["limits"]
    total_deadline = time.monotonic() + limits["totalTimeoutMs"] / 1000
    for variant in request["variants"]:
        single = {"file": request["file"], "source": variant["source"], "limits": limits, "cases": request["cases"],
                  "observe": request.get("observe")}
        schedule = Schedule(single, launcher, _emit_for(variant["id"]), total_deadline=total_deadline)
        if seccomp_error is not None:
            schedule.report_all({"outcome": "harness-error", "message": str(seccomp_error)})
        else:
            schedule.run()
    emit({"kind": "done"})


def _emit_for(variant_id):
    """Emits a schedule's events with the variant they belong to."""
    return lambda event: emit(dict({"kind": event["kind"], "variant": variant_id}, **event))
