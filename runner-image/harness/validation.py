"""PID 1's check of what a case process reported. The learner's code shares that process and could have written on
its result pipe too, so only well-formed reports of the outcomes that case can have are accepted; anything else is
"unreadable-result" (the learner's doing), never a harness error and never a value the server would choke on."""

import json
import re

from .protocol import (MAX_DEPTH, MAX_LINES, MAX_TESTS, MAX_TRACE_STEPS, MAX_TRACEBACK_FRAMES, TRACE_CHARS,
                       TRACE_EXCEPTION_CHARS, TRACE_FRAMES, TRACE_LOCALS, TRACE_STDOUT_CHARS)


def read_report(data, mode, test_files=(), compile_first=False, observing=None):
    """The observation in a case process's report (None if it wrote nothing, or nothing a compile check reports).
    `observing`: (lines, maxSteps) the case was asked to observe, for a call, program or test."""
    try:
        report = json.loads(data.decode("ascii"))
    except Exception:  # ValueError, or RecursionError on deeply nested JSON
        return None if not data.strip() else {"outcome": "unreadable-result"}
    if type(report) is not dict:
        return {"outcome": "unreadable-result"}
    outcome = report.get("outcome")
    if (mode == "compile" or compile_first) and outcome == "syntax-error":
        return report if _valid_syntax_error(report) else {"outcome": "unreadable-result"}
    if mode == "compile":
        return report if outcome == "compiled" else None
    observation = None
    if mode == "discover":
        if outcome == "discovered" and _valid_discovery(report.get("files"), test_files):
            return {"outcome": "discovered", "files": report["files"], "durationMs": report.get("durationMs")}
    elif mode == "program":
        if outcome == "finished" and type(report.get("exitCode")) is int:
            observation = {"outcome": "finished", "exitCode": report["exitCode"], "durationMs": report.get("durationMs")}
    elif mode == "test":
        if outcome == "test-passed" and (report.get("skipped") is None or is_str(report.get("skipped"), 300)):
            observation = {"outcome": "test-passed", "durationMs": report.get("durationMs")}
            if report.get("skipped") is not None:
                observation["skipped"] = report["skipped"]
    elif outcome == "returned" and _valid_value(report.get("value"), 0):
        observation = {"outcome": "returned", "value": report["value"], "durationMs": report.get("durationMs")}
    if observation is None and outcome == "raised" and _valid_exception(report.get("exception")):
        observation = {"outcome": "raised", "exception": report["exception"], "durationMs": report.get("durationMs")}
    if observation is None and observing and observing[1] and outcome in ("timeout", "output-limit"):
        # A traced case that ended itself at a limit of its trace (tracing.py), to report the trace.
        if set(report) - {"outcome", "reason", "durationMs", "lines", "trace"} or report.get("reason") not in (None, "steps"):
            return {"outcome": "unreadable-result"}
        observation = {"outcome": outcome, "durationMs": report.get("durationMs")}
        if report.get("reason") is not None:
            observation["reason"] = report["reason"]
    if observation is None and outcome == "result-too-large":
        # The case's value was too large to report (report.py); what it observed fits on top (write_report).
        observation = {"outcome": "result-too-large"}
    if observation is not None:
        return _with_observed(observation, report, observing) if observing else observation
    return {"outcome": "unreadable-result"}


def _with_observed(observation, report, observing):
    """The observation with the lines and trace the case was asked for, if well-formed (else unreadable)."""
    lines, max_steps = observing
    if lines and "lines" in report:
        if not _valid_lines(report["lines"]):
            return {"outcome": "unreadable-result"}
        observation["lines"] = report["lines"]
    if max_steps and "trace" in report:
        if not _valid_trace(report["trace"], max_steps):
            return {"outcome": "unreadable-result"}
        observation["trace"] = report["trace"]
    return observation


def _valid_lines(lines):
    """Distinct line numbers, ascending."""
    if type(lines) is not list or len(lines) > MAX_LINES:
        return False
    previous = 0
    for line in lines:
        if type(line) is not int or line <= previous:
            return False
        previous = line
    return True


_STEP_EVENTS = ("call", "line", "return", "exception")


def _valid_trace(trace, max_steps):
    if type(trace) is not dict or set(trace) != {"steps", "truncated"} or type(trace["truncated"]) is not bool:
        return False
    steps = trace["steps"]
    return type(steps) is list and len(steps) <= max_steps and all(_valid_step(step) for step in steps)


def _valid_step(step):
    if type(step) is not dict or type(step.get("line")) is not int or step["line"] < 0 or step.get("event") not in _STEP_EVENTS:
        return False
    if not is_str(step.get("stdout"), TRACE_STDOUT_CHARS) or set(step) - {"line", "event", "frames", "outer", "stdout", "value", "exception", "skipped"}:
        return False
    if "value" in step and not (step["event"] == "return" and is_str(step["value"], TRACE_CHARS)):
        return False
    if "exception" in step and not (step["event"] == "exception" and is_str(step["exception"], TRACE_EXCEPTION_CHARS)):
        return False
    if "skipped" in step and not (type(step["skipped"]) is int and step["skipped"] > 0):
        return False
    if "outer" in step and not (type(step["outer"]) is int and step["outer"] > 0):
        return False
    frames = step.get("frames")
    if type(frames) is not list or len(frames) > TRACE_FRAMES:
        return False
    for frame in frames:
        if type(frame) is not dict or set(frame) != {"function", "locals"} or not is_str(frame["function"], TRACE_CHARS):
            return False
        variables = frame["locals"]
        if type(variables) is not dict or len(variables) > TRACE_LOCALS:
            return False
        if not all(is_str(name, TRACE_CHARS) and is_str(value, TRACE_CHARS) for name, value in variables.items()):
            return False
    return True


def observe_problem(request):
    """What is wrong with the request's options for observing execution (`observe`, a case's `trace`), or None."""
    observe = request.get("observe")
    if observe is not None and (type(observe) is not dict or set(observe) - {"lines"} or type(observe.get("lines", False)) is not bool):
        return "`observe` must be {\"lines\": true} or {\"lines\": false}"
    for case in request.get("cases") or []:
        trace = case.get("trace") if type(case) is dict else None
        if trace is None:
            continue
        steps = trace.get("maxSteps") if type(trace) is dict else None
        if set(trace if type(trace) is dict else ()) != {"maxSteps"} or type(steps) is not int or not 1 <= steps <= MAX_TRACE_STEPS:
            return "a case's `trace` must be {\"maxSteps\": N} with N from 1 to %d" % MAX_TRACE_STEPS
    return None


def is_str(x, limit):
    return type(x) is str and len(x) <= limit


def _valid_syntax_error(report):
    """The learner's code shares the process that compiled it (after the check), so it could forge one of these:
    only well-formed ones are taken, and a forged one fails nobody's submission but its own."""
    return (set(report) == {"outcome", "type", "message", "line", "column", "text"} and is_str(report["type"], 200)
            and is_str(report["message"], 10000) and is_str(report["text"], 300)
            and all(report[k] is None or type(report[k]) is int for k in ("line", "column")))


_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")


def _valid_discovery(files, test_files):
    """A discovery report names each test file once, in order, with its tests, its syntax error or its exception."""
    if type(files) is not list or [f.get("file") if type(f) is dict else None for f in files] != list(test_files):
        return False
    count = 0
    for f in files:
        keys = set(f) - {"file"}
        if keys == {"tests"}:
            tests = f["tests"]
            if type(tests) is not list:
                return False
            for t in tests:
                if type(t) is not dict or set(t) != {"class", "name"} or not is_str(t["name"], 200) or not _IDENTIFIER.match(t["name"]):
                    return False
                if t["class"] is not None and not (is_str(t["class"], 200) and _IDENTIFIER.match(t["class"])):
                    return False
            count += len(tests)
        elif keys == {"syntaxError"}:
            e = f["syntaxError"]
            if type(e) is not dict or not is_str(e.get("message"), 300) or not is_str(e.get("text"), 300) or not (e.get("line") is None or type(e.get("line")) is int):
                return False
        elif keys == {"exception"}:
            if not _valid_exception(f["exception"]):
                return False
        else:
            return False
    return count <= MAX_TESTS


def _valid_exception(e):
    if type(e) is not dict or not is_str(e.get("type"), 200) or not is_str(e.get("message"), 10000):
        return False
    mro, frames = e.get("mro"), e.get("traceback")
    if type(mro) is not list or len(mro) > 100 or not all(is_str(k, 200) for k in mro):
        return False
    if type(frames) is not list or len(frames) > MAX_TRACEBACK_FRAMES:
        return False
    if "testLine" in e:
        t = e["testLine"]
        if type(t) is not dict or set(t) != {"line", "text"} or type(t["line"]) is not int or not is_str(t["text"], 1000):
            return False
    return all(type(f) is dict and type(f.get("line")) is int and is_str(f.get("function"), 200) and is_str(f.get("text"), 1000)
               for f in frames)


_INT_TEXT = re.compile(r"-?[0-9]+\Z")
_FLOAT_TEXT = re.compile(r"-?(inf|nan|[0-9]+(\.[0-9]*)?(e[-+]?[0-9]+)?)\Z")
_HEX_TEXT = re.compile(r"[0-9a-f]*\Z")


def _valid_value(node, depth):
    """Mirrors the server's decodeObservedValue: what it would reject, we reject here."""
    if type(node) is not dict or depth > MAX_DEPTH + 2:
        return False
    t, v = node.get("t"), node.get("v")
    if "type" in node and type(node["type"]) is not str:
        return False
    if t == "none":
        return True
    if t == "bool":
        return type(v) is bool
    if t == "int":
        return type(v) is str and _INT_TEXT.match(v) is not None
    if t == "float":
        return type(v) is str and _FLOAT_TEXT.match(v) is not None
    if t in ("str", "repr"):
        return type(v) is str
    if t == "bytes":
        return type(v) is str and _HEX_TEXT.match(v) is not None
    items = node.get("items")
    if t in ("list", "tuple", "set", "frozenset"):
        return type(items) is list and all(_valid_value(x, depth + 1) for x in items)
    if t == "dict":
        return type(items) is list and all(type(p) is list and len(p) == 2 and _valid_value(p[0], depth + 1)
                                           and _valid_value(p[1], depth + 1) for p in items)
    return False


def valid_test_files(request):
    """The test file names the server sent: plain test_*.py names, never a path; and its helpers' plain module
    names, none of them a test file's."""
    tests = request.get("tests") or []
    helpers = request.get("helpers") or []
    if type(helpers) is not list or not all(type(t) is dict for t in helpers):
        return False
    test_names = {t.get("name") for t in tests if type(t) is dict}
    return (all(type(t) is dict and type(t.get("name")) is str and re.match(r"test_[A-Za-z0-9_]*\.py\Z", t["name"])
                and type(t.get("source")) is str for t in tests)
            and all(type(t.get("name")) is str and re.match(r"[A-Za-z_][A-Za-z0-9_]*\.py\Z", t["name"])
                    and t["name"] not in test_names and type(t.get("source")) is str for t in helpers))
