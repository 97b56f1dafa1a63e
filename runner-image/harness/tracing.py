"""What a case process observes of the learner's file as it runs, when the request asks (README.md, "Observing
execution"): which of its lines ran (`lines`), and, for a traced case, each step with its frames' locals and the
output so far (`trace`). One sys.settrace hook, set just before the learner's code runs and removed with whatever
the learner set as soon as it ends (report.quiet_learner_hooks). Without the request's option nothing is set.

The hook runs in the middle of the learner's code, so it uses only pinned builtins and captured primitives
(pinned.py), never raises into that code, and bounds its own cost: reprs are cut while they are built, steps past
the cap go to a ring buffer of the last ones, and the trace has a byte budget. A traced case ends itself and reports
after 100 x maxSteps line events, at its time budget, or just before its output cap, so an endless
loop still ends with its trace. The learner's code can see the hook (sys.gettrace(), frame.f_trace) and can end its
own trace (sys.settrace(None)); PID 1 checks whatever is reported (validation.py), as for any report."""

import io

from .encoding import name_of, safe_repr, write_json
from .pinned import dict_items, getpid, gettrace, int_repr, monotonic, pin_builtins, settrace, str_join
from .protocol import MAX_LINES, MAX_TRACE_BYTES, TRACE_CHARS, TRACE_EXCEPTION_CHARS, TRACE_FRAMES, TRACE_LOCALS, TRACE_STDOUT_CHARS

pin_builtins(globals())

TAIL_STEPS = 100  # kept from the end of a trace longer than its cap
LINE_EVENTS_PER_STEP = 100  # a traced case stops after this many line events per step it may record
_HEAD_BYTES = MAX_TRACE_BYTES * 3 // 4  # the first steps may use this much, so the last ones always have room
_STEPS_BYTES = MAX_TRACE_BYTES - 1024  # all steps together (room for the skipped mark and the wrapper)
_text_write = io.TextIOWrapper.write


def observer_for(spec, case, learner_path):
    """The Observer a case's spec asks for, or None (grading: no hook at all)."""
    lines = bool((spec.get("observe") or {}).get("lines"))
    trace = case.get("trace")
    if not lines and not trace:
        return None
    if not trace:
        return Observer(learner_path, lines)
    return Observer(learner_path, lines, trace["maxSteps"], spec["stopAt"], spec["limits"]["outputBytes"])


def cut(text, limit):
    return text if len(text) <= limit else text[:limit - 3] + "..."


class Observer:
    """Lines that ran and, with `max_steps`, the trace. `stop` (set by the case) reports an ending and exits."""

    def __init__(self, learner_path, lines, max_steps=None, stop_at=None, output_cap=None):
        self.path = learner_path
        self.lines = set() if lines else None
        self.max_steps = max_steps
        self.stop = None
        if max_steps is None:
            self.hook = line_hook(self.path, self.lines.add)
            return
        self.pid = getpid()
        self.tail_steps = min(TAIL_STEPS, max_steps // 2)
        self.head_steps = max_steps - self.tail_steps
        self.head, self.ring = [], []
        self.head_bytes = self.ring_bytes = 0
        self.head_open = True
        self.skipped = 0
        self.truncated = False
        self.line_events = 0
        self.stop_at = stop_at  # time.monotonic() when to end the case and report (PID 1 kills it a little later)
        self.output_cap = output_cap
        self.printed_bytes = 0
        self.stdout_tail = ""
        self.depths = {}  # id(frame) -> its _depth, while the frame runs
        self.hook = self._trace_hook()

    @property
    def traced(self):
        return self.max_steps is not None

    def start(self):
        """Watches the learner's code from here (new frames only) until quiet_learner_hooks."""
        settrace(self.hook)

    def learner_code_ended(self):
        """Before the hook is removed: if it is no longer ours, the trace was cut short (by the learner's code, or by
        Python, which removes a hook it could not call, at the recursion limit)."""
        if self.traced and gettrace() is not self.hook:
            self.truncated = True

    def _trace_hook(self):
        path = self.path

        def on_event(frame, event, arg):
            try:
                if event == "line":
                    if self.lines is not None:
                        self.lines.add(frame.f_lineno)
                    self.line_events += 1
                    if self.line_events > LINE_EVENTS_PER_STEP * self.max_steps:
                        self._end({"outcome": "timeout", "reason": "steps"})
                if monotonic() > self.stop_at:
                    self._end({"outcome": "timeout"})
                self._record(frame, event, arg)
            except BaseException:  # never into the learner's code: the step is lost, and the trace says so
                self.truncated = True
            return on_event

        def on_call(frame, event, arg):
            return on_event(frame, event, arg) if frame.f_code.co_filename == path else None
        return on_call

    def _end(self, observation):
        """Stops the case here and reports `observation` with what was observed (never returns in this process)."""
        if getpid() != self.pid:  # a process the learner's code forked: only the case process reports
            settrace(None)
            return
        self.truncated = True
        self.stop(observation)

    def printed(self, text, to_stdout):
        """What the learner's code prints through sys.stdout or sys.stderr, before it is written."""
        try:
            size = len(text.encode("utf-8", "backslashreplace"))
            if self.printed_bytes + size > self.output_cap:
                self._end({"outcome": "output-limit"})
            self.printed_bytes += size
            if to_stdout:
                tail = self.stdout_tail + text
                self.stdout_tail = tail[-TRACE_STDOUT_CHARS:] if len(tail) > TRACE_STDOUT_CHARS else tail
        except BaseException:
            self.truncated = True

    def tee_streams(self):
        """sys.stdout and sys.stderr for a traced case: the usual line-buffered streams on 1 and 2, which tell this
        observer what they are given."""
        streams = []
        for fd in (1, 2):
            stream = _Tee(io.open(fd, "wb", closefd=False), encoding="utf-8", errors="backslashreplace", line_buffering=True)
            stream.mode = "w"
            stream.observer = self
            stream.is_stdout = fd == 1
            streams.append(stream)
        return streams

    def _record(self, frame, event, arg):
        line = frame.f_lineno
        if type(line) is not int or line <= 0:  # a module's "call" event
            line = frame.f_code.co_firstlineno
        if event == "call":
            self.depths.pop(id(frame), None)  # a new frame may have a finished one's id
        frames = self._frames(frame)
        outer = self._depth(frame) - len(frames)
        if event == "return":
            self.depths.pop(id(frame), None)
        step = {"line": line, "event": event, "frames": frames, "stdout": self.stdout_tail}
        if outer > 0:
            step["outer"] = outer
        if event == "return":
            step["value"] = short_repr(arg)
        elif event == "exception":
            step["exception"] = _exception_text(arg)
        self._store(write_json(step))

    def _frames(self, frame):
        """The learner's frames on the stack, outermost first, the innermost TRACE_FRAMES of them."""
        found = []
        while frame is not None and len(found) < TRACE_FRAMES:
            if frame.f_code.co_filename == self.path:
                found.append(frame)
            frame = frame.f_back
        return [{"function": cut(f.f_code.co_name, TRACE_CHARS), "locals": _locals(f)} for f in reversed(found)]

    def _depth(self, frame):
        """How many of the learner's frames the stack holds up to `frame` (so that the frames of two steps of a deep
        recursion can be lined up): one more than the nearest learner frame further out whose depth is known, so
        each call costs a step or two rather than a walk down the whole stack."""
        known = self.depths.get(id(frame))
        if known is None:
            known = 1
            outer = frame.f_back
            while outer is not None:
                if outer.f_code.co_filename == self.path:
                    below = self.depths.get(id(outer))
                    if below is not None:
                        known += below
                        break
                    known += 1
                outer = outer.f_back
            self.depths[id(frame)] = known
        return known

    def _store(self, text):
        """Keeps a step (as JSON): among the first ones while they fit, else in the ring of the last ones."""
        size = len(text) + 1
        if self.head_open:
            if len(self.head) < self.head_steps and self.head_bytes + size <= _HEAD_BYTES:
                self.head.append(text)
                self.head_bytes += size
                return
            self.head_open = False
        self.ring.append(text)
        self.ring_bytes += size
        while self.ring and (len(self.ring) > self.tail_steps or self.head_bytes + self.ring_bytes > _STEPS_BYTES):
            self.ring_bytes -= len(self.ring.pop(0)) + 1
            self.skipped += 1

    def fields_json(self):
        """The report's `lines` and `trace` fields, as JSON text to add to it."""
        fields = []
        if self.lines is not None:
            lines = sorted([line for line in self.lines if type(line) is int and line > 0])[:MAX_LINES]
            fields.append('"lines":' + write_json(lines))
        if self.traced:
            steps = list(self.head)
            if self.ring:
                first = self.ring[0]
                if self.skipped:
                    first = '{"skipped":' + int_repr(self.skipped) + "," + first[1:]
                steps.append(first)
                steps.extend(self.ring[1:])
            truncated = "true" if self.truncated or self.skipped else "false"
            fields.append('"trace":{"steps":[' + str_join(",", steps) + '],"truncated":' + truncated + "}")
        return str_join(",", fields)


class _Tee(io.TextIOWrapper):
    def write(self, text):
        if type(text) is str:
            self.observer.printed(text, self.is_stdout)
        return _text_write(self, text)


def _locals(frame):
    """A frame's variables (not the dunder ones a module has) as short reprs, the first TRACE_LOCALS of them."""
    variables = frame.f_locals
    items = list(dict_items(variables) if type(variables) is dict else variables.items())
    shown = {}
    for name, value in items:
        if len(shown) >= TRACE_LOCALS:
            break
        if type(name) is not str or (name.startswith("__") and name.endswith("__")):
            continue
        shown[cut(name, TRACE_CHARS)] = short_repr(value)
    return shown


def _exception_text(arg):
    """"Type: message" of the exception a trace event carries."""
    try:
        kind, exc = arg[0], arg[1]
        text = name_of(kind)
        try:
            message = str(exc)
        except BaseException:  # the learner's __str__
            message = ""
        if type(message) is str and message:
            text = text + ": " + message
    except BaseException:
        text = "Exception"
    return cut(text, TRACE_EXCEPTION_CHARS)


def short_repr(value):
    """The harness's safe repr of a value, at most TRACE_CHARS characters, built without walking more of a big value
    than it shows (a million-item list costs what its first items cost)."""
    return cut(_bounded_repr(value, TRACE_CHARS), TRACE_CHARS)


_SHOWN_INT_BITS = 3 * TRACE_CHARS  # a bigger int is described, not written out (its digits would all be cut anyway)
_FUNCTION = type(cut)  # a def's value: shown by its name, without the address that differs each run
_CONTAINERS = {list: ("[", "]"), tuple: ("(", ")"), set: ("{", "}"), frozenset: ("frozenset({", "})"), dict: ("{", "}")}


def _bounded_repr(value, budget, active=None, depth=0):
    t = type(value)
    if t is str or t is bytes or t is bytearray:
        return repr(value[:budget + 1])  # enough to fill the budget, however long the value
    if t is int and value.bit_length() > _SHOWN_INT_BITS:
        return "<int of about %d digits>" % (value.bit_length() * 30103 // 100000 + 1)
    if t is _FUNCTION:
        name = value.__qualname__
        return "<function %s>" % (name if type(name) is str else "?")
    if t not in _CONTAINERS:
        return safe_repr(value, budget)  # the value's own __repr__ (learner-defined ones included)
    if not value:
        return {set: "set()", frozenset: "frozenset()"}.get(t) or repr(value)
    if active is None:
        active = set()  # the containers being shown, to show a cycle as "..."
    if id(value) in active or depth > 20:
        return "..."
    active.add(id(value))
    parts, used = [], 0
    for item in (dict_items(value) if t is dict else value):
        if used > budget:
            parts.append("...")
            break
        if t is dict:
            text = _bounded_repr(item[0], budget - used, active, depth + 1) + ": " + _bounded_repr(item[1], budget - used, active, depth + 1)
        else:
            text = _bounded_repr(item, budget - used, active, depth + 1)
        parts.append(text)
        used += len(text) + 2
    active.discard(id(value))
    opening, closing = _CONTAINERS[t]
    if t is tuple and len(value) == 1:
        closing = ",)"
    return opening + str_join(", ", parts) + closing


def line_hook(path, ran):
    """A sys.settrace function that calls `ran(line)` for each line of the file at `path` that runs (the repair
    search's coverage uses it too)."""
    def on_line(frame, event, arg):
        if event == "line":
            ran(frame.f_lineno)
        return on_line

    def on_call(frame, event, arg):
        return on_line if frame.f_code.co_filename == path else None
    return on_call
