"""PID 1: locks itself down, starts the fork server and the first case process, then reads the request and runs
it (schedule.py), and lingers once it is done.

This process is the container's PID 1 (the container runs without Docker's own init), for three reasons: the
kernel drops every signal sent to a namespace's init from inside unless it has a handler, so the learner's code
cannot kill or stop it (`kill -1` spares it, `kill 1` does nothing); as init it can SIGKILL everything else with
one kill(-1) that a fork bomb cannot outrun; and orphans are re-parented to it, so it reaps them. It never imports
or runs the learner's code: every case runs in a process of its own (case.py)."""

import os
import signal

from .isolation import lock_down
from .launch import Launcher
from .protocol import emit, read_request
from .schedule import Schedule
from .validation import observe_problem, valid_test_files


def main():
    # Both before the request is read: the filter is inherited by the fork server and every case, and the fork
    # server must be a copy of this process that never held the request.
    seccomp_error = lock_down()
    launcher = Launcher.as_init() if seccomp_error is None else Launcher()
    prestarted = launcher.prestart()
    request = read_request()
    # Test file names become paths under TESTS_DIR: anything but a plain test_*.py name (or, for a helper, a plain
    # module name) is refused before use.
    tests_refused = bool(request.get("tests")) and not valid_test_files(request)
    if tests_refused:
        request = dict(request, tests=[], helpers=[])
    schedule = Schedule(request, launcher, emit, prestarted, tests_refused=tests_refused)
    problem = str(seccomp_error) if seccomp_error is not None else observe_problem(request)
    if problem is not None:
        schedule.report_all({"outcome": "harness-error", "message": problem})
    else:
        schedule.run()
    emit({"kind": "done"})


def linger():
    """After "done", as init: kills every other process, then stays idle until the container is removed from
    outside. Were PID 1 to exit, Docker would tear the container down at once, on the cores the next submission is
    being graded on; the server removes it when grading is quiet instead (server/grading/container-pool.ts)."""
    if os.getpid() != 1:
        return
    try:
        os.kill(-1, signal.SIGKILL)
    except ProcessLookupError:
        pass
    while True:
        try:
            os.waitpid(-1, 0)
        except ChildProcessError:
            signal.pause()  # no signal reaches PID 1 from inside; SIGKILL from outside ends it
        except InterruptedError:
            pass
