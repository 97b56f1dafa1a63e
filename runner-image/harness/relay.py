"""PID 1's side of one case process: hands it its case, relays its output with caps while it runs, enforces its
time budget, kills everything it left behind, and turns what it reported into an observation."""

import json
import os
import selectors
import signal
import time

from .isolation import Reaper, oom_kill_count, reset_scratch
from .launch import CaseProcess
from .protocol import CASE_SETUP_FAILED, CASES_DIR, MAX_LINES, MAX_RESULT_BYTES, MAX_TRACE_BYTES
from .validation import read_report


REPORT_GRACE_MS = 1500  # for a traced case to write its trace once it has stopped itself


def run_one(request, case, deadline_ms, launcher, process=None, then=None):
    """Starts the case process (or hands its case to a prestarted one), relays its output with caps, and returns its
    observation. With `compileFirst` in the request, the process first compiles the learner's file and may report a
    syntax error instead.

    `then` (for a test listing): called with the listing once it is reported, while its process waits; it returns the
    next case for that same process and its budget in ms, or None. run_one then returns the listing's observation and
    that case's (or None). The case's budget, output cap and captured output count from the process's start, as they
    would for a process of its own that imported the files again."""
    reset_scratch(request)
    case_dir = os.path.join(CASES_DIR, str(case["id"]))
    try:
        os.makedirs(case_dir, exist_ok=True)
    except OSError:
        case_dir = "/tmp"
    oom_before = oom_kill_count()
    started = time.monotonic()
    if process is not None and not process.waiting():
        process.discard()
        process = None
    if process is None:
        process = CaseProcess(launcher)
    spec = {"file": request["file"], "limits": request["limits"], "mode": request.get("mode"), "case": case,
            "caseDir": case_dir, "compileFirst": bool(request.get("compileFirst")), "thenTest": then is not None}
    if request.get("mode") == "discover":
        spec["testFiles"] = [t["name"] for t in request.get("tests") or []]
    if (request.get("observe") or {}).get("lines"):
        spec["observe"] = {"lines": True}
    if case.get("trace"):
        # A traced case ends itself at its budget (time.monotonic() is one clock for the whole container) and then
        # writes its trace: PID 1 stops it only REPORT_GRACE_MS later. The learner's code gains nothing by it, as
        # their traced run is never a verdict.
        spec["stopAt"] = started + deadline_ms / 1000
        deadline_ms += REPORT_GRACE_MS
    case_w = process.case_w
    if not _send_spec(case_w, spec) or then is None:
        os.close(case_w)
        case_w = None
    if process.pid is None:
        for fd in (process.out_r, process.err_r, process.res_r):
            os.close(fd)
        if case_w is not None:
            os.close(case_w)
        failed = {"outcome": "harness-error", "message": "could not start the case process", "stdout": "", "stderr": ""}
        return (failed, None) if then is not None else failed

    relay = _Relay(request, process, case_w, then, started, oom_before, _observing(request, case))
    relay.wait(deadline_ms)
    elapsed_ms = int((time.monotonic() - started) * 1000)
    relay.stop(launcher)
    if relay.first is not None and relay.following is None:
        return relay.first, None
    mode = report_mode(request, case) if relay.first is None else "test"
    observation = relay.observe(bytes(relay.buffers[relay.res_r]), mode, relay.reaper.status, elapsed_ms)
    if then is None:
        return observation
    return (observation, None) if relay.first is None else (relay.first, observation)


class _Relay:
    """One running case process as PID 1 sees it: its pipes, read without blocking into buffers, and how it ended."""

    def __init__(self, request, process, case_w, then, started, oom_before, observing):
        self.request = request
        self.observing = observing
        lines, max_steps = observing
        # A report may carry what was observed on top of the observation's own cap.
        self.result_cap = (MAX_RESULT_BYTES + 1024 + (MAX_LINES * 8 + 64 if lines else 0)
                           + (MAX_TRACE_BYTES + 64 if max_steps else 0))
        self.output_cap = request["limits"]["outputBytes"]
        self.test_files = [t["name"] for t in request.get("tests") or []]
        self.pid, self.out_r, self.err_r, self.res_r = process.pid, process.out_r, process.err_r, process.res_r
        self.case_w = case_w
        self.then = then
        self.started = started
        self.oom_before = oom_before
        self.buffers = {self.out_r: bytearray(), self.err_r: bytearray(), self.res_r: bytearray()}
        self.selector = selectors.DefaultSelector()
        for fd in self.buffers:
            os.set_blocking(fd, False)
            self.selector.register(fd, selectors.EVENT_READ)
        self.open_fds = set(self.buffers)
        # Readable once the case process has exited: its pipes reach end-of-file a moment before it can be reaped,
        # and this wakes the loop at that moment instead of after a sleep.
        try:
            self.exit_fd = os.pidfd_open(self.pid)
            self.selector.register(self.exit_fd, selectors.EVENT_READ)
        except (AttributeError, OSError):
            self.exit_fd = None
        self.reaper = Reaper(self.pid)
        self.ended = None  # why we stopped waiting: "timeout", "output-limit", "result-too-large"
        self.first = None  # the listing's observation, once reported (with `then`)
        self.following = None  # the case its process runs next

    def wait(self, deadline_ms):
        """Relays until the case process has exited, or stops it at its budget or a cap."""
        buffers, out_r, err_r, res_r, reaper = self.buffers, self.out_r, self.err_r, self.res_r, self.reaper
        while True:
            # Reaps orphans as they exit, and notices when the case process itself is done. Once it has exited,
            # whatever it reported is in the pipes: children it left behind (which still hold the pipes open) are
            # not waited for.
            reaper.reap()
            if reaper.status is not None:
                break
            remaining = deadline_ms / 1000 - (time.monotonic() - self.started)
            if remaining <= 0:
                self.ended = "timeout"
                break
            if self.open_fds or self.exit_fd is not None:
                self.read_ready(min(0.02, remaining))
            else:
                time.sleep(min(0.005, remaining))
            if len(buffers[out_r]) + len(buffers[err_r]) > self.output_cap:
                self.ended = "output-limit"
                break
            if len(buffers[res_r]) > self.result_cap:
                self.ended = "result-too-large"
                break
            if self.case_w is not None and b"\n" in buffers[res_r]:
                deadline_ms = self._go_on_after_listing()
                if deadline_ms is None:
                    break

    def _go_on_after_listing(self):
        """The listing is reported and its process waits: sends the listing on, then names the next test to that
        process. Returns that test's budget in ms, or None if the process has nothing more to do."""
        buffers, out_r, err_r = self.buffers, self.out_r, self.err_r
        # What it printed so far is in the pipes already (it flushed before reporting), and is the listing's output
        # (and the start of the next case's).
        while len(buffers[out_r]) + len(buffers[err_r]) <= self.output_cap:
            before = (len(buffers[out_r]), len(buffers[err_r]), len(self.open_fds))
            self.read_ready(0)
            if before == (len(buffers[out_r]), len(buffers[err_r]), len(self.open_fds)):
                break
        report, _, rest = bytes(buffers[self.res_r]).partition(b"\n")
        self.first = self.observe(report, "discover", None, int((time.monotonic() - self.started) * 1000))
        self.following = self.then(self.first) if self.first["outcome"] == "discovered" else None
        if self.following is None:
            os.close(self.case_w)
            self.case_w = None
            return None
        case, deadline_ms = self.following
        sent = _send_spec(self.case_w, {"case": case})
        os.close(self.case_w)
        self.case_w = None
        if not sent:
            return None
        buffers[self.res_r][:] = rest
        return deadline_ms

    def read_ready(self, timeout):
        for key, _ in self.selector.select(timeout=timeout):
            fd = key.fd
            if fd == self.exit_fd:
                continue
            try:
                chunk = os.read(fd, 65536)
            except BlockingIOError:
                continue
            if not chunk:
                self.selector.unregister(fd)
                self.open_fds.discard(fd)
                continue
            self.buffers[fd] += chunk

    def stop(self, launcher):
        """After the case: kills everything it left, then reads what is left in the pipes and closes them."""
        if self.exit_fd is not None:
            self.selector.unregister(self.exit_fd)  # stays readable: the drain below must stop when the pipes are empty
        launcher.kill_everything_else(self.reaper)
        if self.case_w is not None:
            os.close(self.case_w)
        # Drain what is left: every writer is dead now, so this ends.
        while self.open_fds and all(len(self.buffers[fd]) <= self.output_cap + self.result_cap for fd in self.open_fds):
            before = len(self.open_fds)
            self.read_ready(0)
            if len(self.open_fds) == before and not self.selector.select(timeout=0):
                break
        self.selector.close()
        for fd in self.buffers:
            os.close(fd)
        if self.exit_fd is not None:
            os.close(self.exit_fd)

    def observe(self, report, mode, status, elapsed_ms):
        """The observation: what the process reported (if it is well-formed and no cap was hit), else how it ended."""
        stdout_bytes = bytes(self.buffers[self.out_r])
        stderr_bytes = bytes(self.buffers[self.err_r])
        output_cap = self.output_cap
        outcome = self.ended
        if outcome is None and len(stdout_bytes) + len(stderr_bytes) > output_cap:
            outcome = "output-limit"
        if outcome is None and len(report) > self.result_cap:
            outcome = "result-too-large"
        observation = None
        if outcome is None and report:
            observation = read_report(report, mode, self.test_files, bool(self.request.get("compileFirst")) and self.first is None,
                                      self.observing if mode in ("call", "program", "test") else None)
        if outcome == "timeout":
            observation = {"outcome": "timeout"}
        elif outcome == "output-limit":
            observation = {"outcome": "output-limit"}
        elif outcome == "result-too-large":
            observation = {"outcome": "result-too-large"}
        elif observation is None:
            observation = _crash(status, stdout_bytes, stderr_bytes)
        if oom_kill_count() > self.oom_before and observation["outcome"] in ("crashed", "timeout"):
            observation = {"outcome": "memory-limit"}
        if type(observation.get("durationMs")) is not int or not 0 <= observation["durationMs"] <= elapsed_ms:
            observation["durationMs"] = elapsed_ms
        observation["stdout"] = stdout_bytes[:output_cap].decode("utf-8", errors="backslashreplace")
        observation["stderr"] = stderr_bytes[:output_cap].decode("utf-8", errors="backslashreplace")
        return observation


def _crash(status, stdout_bytes, stderr_bytes):
    """How a case process that reported nothing usable ended: a signal, a CPU timeout, an exit code, or our failure."""
    observation = {"outcome": "crashed"}
    if status is not None and os.WIFSIGNALED(status):
        sig = os.WTERMSIG(status)
        observation["signal"] = signal.Signals(sig).name if sig in signal.Signals._value2member_map_ else str(sig)
        if sig == signal.SIGXCPU:
            observation = {"outcome": "timeout", "reason": "cpu"}
    elif status is not None and os.WIFEXITED(status):
        if os.WEXITSTATUS(status) == CASE_SETUP_FAILED and not stdout_bytes and not stderr_bytes:
            observation = {"outcome": "harness-error", "message": "case setup failed"}
        else:
            observation["exitCode"] = os.WEXITSTATUS(status)
    return observation


def _observing(request, case):
    """What the case process was asked to observe: (lines, the trace's maxSteps or None)."""
    trace = case.get("trace")
    return bool((request.get("observe") or {}).get("lines")), trace["maxSteps"] if trace else None


def _send_spec(case_w, spec):
    """Writes a case process's spec (one line); False if it died before reading it (reported as crashed)."""
    try:
        data = (json.dumps(spec) + "\n").encode("utf-8")
        while data:
            data = data[os.write(case_w, data):]
        return True
    except OSError:
        return False


def report_mode(request, case):
    """Which outcomes this case process may report."""
    if request.get("mode") in ("compile", "discover"):
        return request["mode"]
    if "test" in case:
        return "test"
    if "stdin" in case:
        return "program"
    return "call"
