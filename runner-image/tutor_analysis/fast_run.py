"""Runs cases (a call in the learner's module, or the file as a program with its input) against compiled versions of
the file, in a worker process forked from this one: the repair search's runner (repairs.py), which makes hundreds of
runs in the time grading takes for a few.

It is lighter than the grading harness on purpose, because starting a process is what costs (here a fork takes tens of
milliseconds under load, an interpreter a hundred). The harness runs each case in a process of its own that never
held a request, so no case can see or disturb another. Here one worker runs call after call, each in a fresh module
(the file's code executed again, so module state and default arguments start anew), and it is a fork of the tool
process, which holds the request: the learner's code, its edits and the calls (inputs only, never an expected value).
That is acceptable because nothing a call does reaches a verdict or a learner: the server judges the observations
with expected values the container never sees, and uses them only to choose which line the tutor points at. A call
that disturbs the worker can only mislead that choice for its own author. What stays as in grading: the container
and its limits, the memory and file-size limits in the worker, the harness's encoding of values and exceptions, and
kill(-1) whenever a worker is replaced, so nothing a call started outlives it. A call that runs out of time, or a
worker that dies, is replaced by a new fork.
"""

import builtins
import io
import json
import os
import select
import signal
import sys
import time
import types

from harness.encoding import encode_value
from harness.isolation import Reaper, set_case_limits
from harness.launch import Launcher
from harness.report import describe_exception, quiet_learner_hooks
from harness.tracing import line_hook

MAX_LINE_BYTES = 512 * 1024
SCRATCH_DIR = "/tmp/repairs"
# A new worker says it is ready before it gets a call, so that its start (slow on a loaded machine) is not counted
# against the call's time.
WORKER_START_SECONDS = 5
READY = b"ready"
KILL_AFTER_MS = 200


def fingerprint(observation):
    """What a case gave, without its timing: two runs that gave the same value (or raised the same, or a program that
    printed the same) match. A call's output does not count: the value it returned does."""
    ignored = ("durationMs", "stderr", "lines") + (("stdout",) if observation.get("outcome") == "returned" else ())
    keep = {k: v for k, v in observation.items() if k not in ignored}
    exception = keep.get("exception")
    if isinstance(exception, dict):
        keep["exception"] = {"type": exception.get("type"), "message": exception.get("message")}
    return json.dumps(keep, sort_keys=True)


def same_outcome(a, b):
    return fingerprint(a) == fingerprint(b)


class FastRunner:
    """`codes`: compiled versions of the file (None for one that does not compile); `cases`: what to run, each
    {"call": text} (a call in the file's module) or {"stdin": text} (the file run as a program with that input)."""

    def __init__(self, file, limits, codes, cases, worker_seconds):
        self.path = os.path.join(SCRATCH_DIR, file)
        self.module_name = file[:-3]
        self.codes = codes
        self.cases = cases
        self.output_bytes = limits["outputBytes"]
        self.limits = {"caseTimeoutMs": worker_seconds * 1000, "fileBytes": limits["fileBytes"],
                       "addressSpaceBytes": limits["addressSpaceBytes"]}
        self.worker = None  # (pid, request fd, result fd, buffered bytes)
        os.makedirs(SCRATCH_DIR, exist_ok=True)

    def run(self, code_index, case_index, timeout_ms, deadline, lines=False):
        """The observation of case `case_index` against code `code_index`, within `timeout_ms` and before `deadline`
        (time.monotonic). With `lines`, it also has "lines": the sorted lines of the file that ran."""
        if self.codes[code_index] is None:
            return {"outcome": "crashed"}
        if deadline <= time.monotonic():
            return {"outcome": "not-run"}
        if self.worker is None and not self._start_worker(deadline):
            return {"outcome": "harness-error", "message": "the search's worker did not start"}
        pid, request_w, result_r, buffered = self.worker
        started = time.monotonic()
        # The worker stops a call itself at its timeout (and reports the lines it ran); the kill comes a little later,
        # for a call that does not stop (one stuck in C code, or that catches everything).
        end = min(started + (timeout_ms + max(KILL_AFTER_MS, timeout_ms // 2)) / 1000, deadline)
        try:
            os.write(request_w, b"%d %d %d %d\n" % (code_index, case_index, int(lines), timeout_ms))
        except OSError:
            self._replace_worker()
            return {"outcome": "crashed", "durationMs": 0}
        line, buffered, ended = self._read_line(result_r, buffered, end)
        elapsed_ms = int((time.monotonic() - started) * 1000)
        if line is None:
            self._replace_worker()
            return {"outcome": "timeout" if ended == "time" else "crashed", "durationMs": elapsed_ms}
        self.worker = (pid, request_w, result_r, buffered)
        try:
            observation = json.loads(line.decode("ascii"))
        except ValueError:
            observation = None
        if not isinstance(observation, dict) or "outcome" not in observation:
            self._replace_worker()
            return {"outcome": "crashed", "durationMs": elapsed_ms}
        observation["durationMs"] = elapsed_ms
        return observation

    def set_codes(self, codes):
        """New versions of the file to run; a worker forked from now on has them."""
        self.close()
        self.codes = codes

    def close(self):
        if self.worker is not None:
            self._replace_worker()

    @staticmethod
    def _read_line(fd, buffered, end):
        """(line, rest, None), or (None, rest, "time" | "closed")."""
        while b"\n" not in buffered:
            left = end - time.monotonic()
            if left <= 0:
                return None, buffered, "time"
            ready, _, _ = select.select([fd], [], [], left)
            if not ready:
                continue
            chunk = os.read(fd, 65536)
            if not chunk or len(buffered) > MAX_LINE_BYTES:
                return None, buffered, "closed"
            buffered += chunk
        line, _, rest = buffered.partition(b"\n")
        return line, rest, None

    def _start_worker(self, deadline):
        """Forks a worker and waits until it is ready; False if it never is."""
        request_r, request_w = os.pipe()
        result_r, result_w = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(request_w)
            os.close(result_r)
            self._work(request_r, result_w)
        os.close(request_r)
        os.close(result_w)
        self.worker = (pid, request_w, result_r, b"")
        line, buffered, _ = self._read_line(result_r, b"", min(time.monotonic() + WORKER_START_SECONDS, deadline))
        if line != READY:
            self._replace_worker()
            return False
        self.worker = (pid, request_w, result_r, buffered)
        return True

    def _replace_worker(self):
        """Ends the worker and everything it started (kill(-1), as init: nothing a call started outlives it, however it
        hid); the next call forks a new worker."""
        pid, request_w, result_r, _ = self.worker
        self.worker = None
        for fd in (request_w, result_r):
            os.close(fd)
        Launcher().kill_everything_else(Reaper(pid))

    def _work(self, request_r, result_w):
        """The worker: nothing to read but its requests, nowhere to print; answers one JSON line per call."""
        try:
            null = os.open(os.devnull, os.O_RDWR)
            for fd in (0, 1, 2):
                os.dup2(null, fd)
            os.chdir(SCRATCH_DIR)
            set_case_limits(self.limits)
            if hasattr(sys, "set_int_max_str_digits"):
                sys.set_int_max_str_digits(0)  # big ints are reported exactly, as in grading
            requests = os.fdopen(request_r, "rb")
            os.write(result_w, READY + b"\n")
        except BaseException:
            os._exit(1)
        clean_builtins = dict(builtins.__dict__)
        recursion_limit = sys.getrecursionlimit()
        main_module = sys.modules.get("__main__")
        streams = (sys.stdin, sys.stdout, sys.stderr)
        while True:
            try:
                line = requests.readline()
                if not line:
                    os._exit(0)
                code_index, case_index, lines, timeout_ms = (int(x) for x in line.split())
                observation = self._run_case(self.codes[code_index], self.cases[case_index], lines, timeout_ms)
                data = json.dumps(observation).encode("ascii") + b"\n"
                while data:
                    data = data[os.write(result_w, data):]
            except BaseException:
                os._exit(1)
            finally:
                # What one case may have changed that the next would notice.
                sys.modules.pop(self.module_name, None)
                sys.modules["__main__"] = main_module
                sys.stdin, sys.stdout, sys.stderr = streams
                builtins.__dict__.clear()
                builtins.__dict__.update(clean_builtins)
                sys.setrecursionlimit(recursion_limit)

    def _run_case(self, code, case, lines, timeout_ms):
        """Runs one case, stopped with _OutOfTime after `timeout_ms`; with `lines`, traces the lines that run."""
        ran = set()
        program = "stdin" in case
        printed = _CappedText(self.output_bytes) if program else None
        signal.signal(signal.SIGALRM, _out_of_time)
        signal.setitimer(signal.ITIMER_REAL, timeout_ms / 1000)
        if lines:
            sys.settrace(line_hook(self.path, ran.add))
        try:
            module = types.ModuleType("__main__" if program else self.module_name)
            module.__file__ = self.path
            sys.modules[module.__name__] = module
            if program:
                sys.stdin, sys.stdout, sys.stderr = io.StringIO(case["stdin"]), printed, io.StringIO()
                status = _program_exit(code, module)
                _stop_watching()
                observation = {"outcome": "finished", "exitCode": status}
            else:
                exec(code, module.__dict__)
                value = eval(compile(case["call"], "<case>", "eval"), dict(module.__dict__))
                _stop_watching()
                observation = {"outcome": "returned", "value": encode_value(value)}
        except _OutOfTime:
            _stop_watching()
            observation = {"outcome": "timeout"}
        except _TooMuchOutput:
            _stop_watching()
            observation = {"outcome": "output-limit"}
        except BaseException as exc:  # the learner's exception, whatever it is, is an observation
            _stop_watching()
            try:
                observation = {"outcome": "raised", "exception": describe_exception(exc, self.path)}
            except BaseException:
                observation = {"outcome": "raised", "exception": {"type": "BaseException", "mro": [], "message": "", "traceback": []}}
        if program:
            observation["stdout"] = printed.getvalue()
        if lines:
            observation["lines"] = sorted(ran)
        return observation


def _program_exit(code, module):
    """Runs a program as `python file.py` would; its exit status (sys.exit() ends a program normally)."""
    try:
        exec(code, module.__dict__)
        return 0
    except SystemExit as exc:
        status = exc.code
        return 0 if status is None else status if type(status) is int else 1


class _TooMuchOutput(BaseException):
    """A program printed more than a case may."""


class _CappedText(io.StringIO):
    """What a program prints, up to `limit` characters."""

    def __init__(self, limit):
        super().__init__()
        self.limit = limit

    def write(self, text):
        if self.tell() + len(text) > self.limit:
            raise _TooMuchOutput()
        return super().write(text)


class _OutOfTime(BaseException):
    """Raised into a call at its timeout, by SIGALRM."""


def _out_of_time(_signum, _frame):
    raise _OutOfTime()


def _stop_watching():
    """The call's timer off, and the tracer and anything else the learner's code hooked in (as the harness does)."""
    signal.setitimer(signal.ITIMER_REAL, 0)
    quiet_learner_hooks()
