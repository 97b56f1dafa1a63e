"""Runs calls against compiled versions of the learner's file in a worker process forked from this one: the repair
search's runner (repairs.py), which makes hundreds of calls in the time grading takes for a few.

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
import importlib
import json
import os
import select
import signal
import sys
import time
import types

MAX_LINE_BYTES = 512 * 1024
SCRATCH_DIR = "/tmp/repairs"


def _harness():
    return importlib.import_module("harness")


def lock_down():
    """As the harness's PID 1 does before its first case: SIGINT back to its default (ignored by init), this process
    not dumpable (a worker cannot read its memory or descriptors through /proc), and io_uring denied to every worker."""
    harness = _harness()
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    import ctypes
    ctypes.CDLL(None).prctl(harness.PR_SET_DUMPABLE, 0, 0, 0, 0)
    harness.deny_io_uring()


def fingerprint(observation):
    """What a call gave, without its timing: two calls that gave the same value (or raised the same) match."""
    keep = {k: v for k, v in observation.items() if k not in ("durationMs", "stdout", "stderr")}
    exception = keep.get("exception")
    if isinstance(exception, dict):
        keep["exception"] = {"type": exception.get("type"), "message": exception.get("message")}
    return json.dumps(keep, sort_keys=True)


def same_outcome(a, b):
    return fingerprint(a) == fingerprint(b)


class FastRunner:
    """`codes`: compiled versions of the file (None for one that does not compile); `calls`: the calls, as text."""

    def __init__(self, file, limits, codes, calls, worker_seconds):
        self.path = os.path.join(SCRATCH_DIR, file)
        self.module_name = file[:-3]
        self.codes = codes
        self.calls = calls
        self.limits = {"caseTimeoutMs": worker_seconds * 1000, "fileBytes": limits["fileBytes"],
                       "addressSpaceBytes": limits["addressSpaceBytes"]}
        self.worker = None  # (pid, request fd, result fd, buffered bytes)
        self.started_workers = 0
        os.makedirs(SCRATCH_DIR, exist_ok=True)

    def run(self, code_index, call_index, timeout_ms, deadline, lines=False):
        """The observation of call `call_index` against code `code_index`, within `timeout_ms` and before `deadline`
        (time.monotonic). With `lines`, it also has "lines": the sorted lines of the file that ran."""
        if self.codes[code_index] is None:
            return {"outcome": "crashed"}
        end = min(time.monotonic() + timeout_ms / 1000, deadline)
        if end <= time.monotonic():
            return {"outcome": "not-run"}
        if self.worker is None:
            self._start_worker()
        pid, request_w, result_r, buffered = self.worker
        started = time.monotonic()
        try:
            os.write(request_w, b"%d %d %d\n" % (code_index, call_index, int(lines)))
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

    def _start_worker(self):
        request_r, request_w = os.pipe()
        result_r, result_w = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(request_w)
            os.close(result_r)
            self._work(request_r, result_w)
        os.close(request_r)
        os.close(result_w)
        self.started_workers += 1
        self.worker = (pid, request_w, result_r, b"")

    def _replace_worker(self):
        """Ends the worker and everything it started; the next call forks a new one."""
        _pid, request_w, result_r, _ = self.worker
        self.worker = None
        for fd in (request_w, result_r):
            os.close(fd)
        _kill_everything_else()

    def _work(self, request_r, result_w):
        """The worker: nothing to read but its requests, nowhere to print; answers one JSON line per call."""
        try:
            harness = _harness()
            null = os.open(os.devnull, os.O_RDWR)
            for fd in (0, 1, 2):
                os.dup2(null, fd)
            os.chdir(SCRATCH_DIR)
            harness.set_case_limits(self.limits)
            if hasattr(sys, "set_int_max_str_digits"):
                sys.set_int_max_str_digits(0)  # big ints are reported exactly, as in grading
            requests = os.fdopen(request_r, "rb")
        except BaseException:
            os._exit(1)
        clean_builtins = dict(builtins.__dict__)
        recursion_limit = sys.getrecursionlimit()
        while True:
            try:
                line = requests.readline()
                if not line:
                    os._exit(0)
                code_index, call_index, lines = (int(x) for x in line.split())
                observation = self._call(harness, self.codes[code_index], self.calls[call_index], lines)
                data = json.dumps(observation).encode("ascii") + b"\n"
                while data:
                    data = data[os.write(result_w, data):]
            except BaseException:
                os._exit(1)
            finally:
                # What one call may have changed that the next would notice.
                sys.modules.pop(self.module_name, None)
                builtins.__dict__.clear()
                builtins.__dict__.update(clean_builtins)
                sys.setrecursionlimit(recursion_limit)

    def _call(self, harness, code, call, lines):
        ran = set()
        if lines:
            sys.settrace(_line_tracer(self.path, ran))
        try:
            module = types.ModuleType(self.module_name)
            module.__file__ = self.path
            sys.modules[self.module_name] = module
            exec(code, module.__dict__)
            value = eval(compile(call, "<case>", "eval"), dict(module.__dict__))
            sys.settrace(None)
            observation = {"outcome": "returned", "value": harness.encode_value(value)}
        except BaseException as exc:  # the learner's exception, whatever it is, is an observation
            sys.settrace(None)
            try:
                observation = {"outcome": "raised", "exception": harness.describe_exception(exc, self.path)}
            except BaseException:
                observation = {"outcome": "raised", "exception": {"type": "BaseException", "mro": [], "message": "", "traceback": []}}
        if lines:
            observation["lines"] = sorted(ran)
        return observation


def _line_tracer(path, ran):
    """A sys.settrace function that adds to `ran` each line of the file at `path` that runs."""
    def local(frame, event, _arg):
        if event == "line":
            ran.add(frame.f_lineno)
        return local

    def calls(frame, _event, _arg):
        return local if frame.f_code.co_filename == path else None

    return calls


def _kill_everything_else():
    """As init, kill(-1) reaches every other process in the container: the worker and anything a call started."""
    try:
        os.kill(-1, signal.SIGKILL)
    except ProcessLookupError:
        pass
    while True:
        try:
            os.waitpid(-1, 0)
        except ChildProcessError:
            return
        except InterruptedError:
            continue
