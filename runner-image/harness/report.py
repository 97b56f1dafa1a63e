"""How a case process writes down what happened, after the learner's code has run in it: the exception described,
the learner's hooks quieted, streams flushed, and one report written on the result pipe. Everything here runs
after learner code, so it uses only pinned builtins and captured primitives (pinned.py)."""

import sys

from .encoding import name_of, write_json
from .pinned import extract_tb, monotonic, os_exit, os_write, pin_builtins, setprofile, setrecursionlimit, settrace, type_mro
from .protocol import MAX_REPR_CHARS, MAX_RESULT_BYTES, MAX_TRACEBACK_FRAMES

pin_builtins(globals())

_UNDESCRIBABLE = {"type": "BaseException", "mro": [], "message": "", "traceback": []}


def describe_exception(exc, learner_path, test_path=None):
    frames = []
    test_line = None
    try:
        for frame in extract_tb(exc.__traceback__):
            if frame.filename == learner_path:
                frames.append({"line": frame.lineno or 0, "function": (frame.name or "")[:200], "text": (frame.line or "")[:300]})
            elif test_path is not None and frame.filename == test_path:
                test_line = {"line": frame.lineno or 0, "text": (frame.line or "")[:300]}
    except BaseException:
        pass
    try:
        message = str(exc)
    except BaseException:
        message = "(the exception's message could not be shown)"
    t = type(exc)
    described = {
        "type": name_of(t),
        "mro": [name_of(k) for k in type_mro(t)][:100],
        "message": message[:MAX_REPR_CHARS],
        "traceback": frames[-MAX_TRACEBACK_FRAMES:],
    }
    if test_line is not None:
        described["testLine"] = test_line  # where in the test file it failed (the failing assert)
    return described


def quiet_learner_hooks():
    """Undoes what the learner's code may have set that would run inside our encoding: trace and profile hooks,
    and a recursion limit too low for encode_value."""
    try:
        settrace(None)
        setprofile(None)
        setrecursionlimit(1000)
    except BaseException:
        pass


def flush_streams():
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except BaseException:
            pass


def write_report(res_w, observation, end=b"", observed=""):
    """Writes a report: the observation, and `observed` (JSON fields: lines, trace) added after its size is checked,
    so a case's own limits are the same whether it was observed or not (PID 1 allows for them)."""
    try:
        data = write_json(observation).encode("ascii")
    except BaseException:
        # Only the learner's objects can make encoding fail (a metaclass faking names, say): their doing.
        data = b'{"outcome":"unreadable-result"}'
    if len(data) > MAX_RESULT_BYTES:
        data = write_json({"outcome": "result-too-large", "bytes": len(data)}).encode("ascii")
    if observed:
        try:
            data = data[:-1] + b"," + observed.encode("ascii") + b"}"
        except BaseException:
            pass
    data += end
    while data:
        try:
            written = os_write(res_w, data)
        except BaseException:
            break
        data = data[written:]


class CaseRun:
    """One case process's run: where it reports, about which learner file, since when (durationMs), and what
    watches the learner's code (a tracing.Observer, only when the request asks)."""

    def __init__(self, res_w, learner_path, observer=None):
        self.res_w = res_w
        self.learner_path = learner_path
        self.started = monotonic()
        self.observer = observer
        if observer is not None:
            observer.stop = self.stop

    def watch(self):
        """Called just before the learner's code runs: the observer, if any, watches it until it ends."""
        if self.observer is not None:
            self.observer.start()

    def stop(self, observation):
        """Ends the case in the middle of the learner's code (the observer's limits): reports and exits."""
        self.learner_code_ended()
        self.finish(observation)

    def finish(self, observation, observed=True):
        """Reports the process's last observation (with what was observed, for a case or a test) and exits."""
        self.report(observation, last=True, observed=observed)
        os_exit(0)

    def report(self, observation, last=False, observed=False):
        """Reports one observation; one that is not the process's last ends with a newline (read_report's boundary)."""
        try:
            observation["durationMs"] = int((monotonic() - self.started) * 1000)
        except BaseException:
            pass
        fields = ""
        if observed and self.observer is not None:
            try:
                fields = self.observer.fields_json()
            except BaseException:
                pass
        write_report(self.res_w, observation, b"" if last else b"\n", fields)

    def raised(self, exc, test_path=None):
        """The observation of the learner's exception (stops their hooks first)."""
        self.learner_code_ended()
        try:
            return {"outcome": "raised", "exception": describe_exception(exc, self.learner_path, test_path)}
        except BaseException:
            return {"outcome": "raised", "exception": dict(_UNDESCRIBABLE)}

    def learner_code_ended(self):
        if self.observer is not None:
            self.observer.learner_code_ended()
        quiet_learner_hooks()
        flush_streams()
