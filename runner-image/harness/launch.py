"""Starting case processes and ending everything they leave behind: through the fork server while it works,
else by fork and exec, and kill(-1) after every case."""

import os
import signal
import time

from .case import enter_case_process
from .forkserver import ForkServer, fork_case


class Launcher:
    """Starts case processes and kills what they leave behind. `fork_server`: a ForkServer, or None to exec a fresh
    interpreter for every case (when the harness is not init, or its request was read before it could start one)."""

    def __init__(self, fork_server=None):
        self.fork_server = fork_server

    @classmethod
    def as_init(cls):
        """PID 1's launcher, before any request is read: with a fork server only as init (its kill(-1) must reach
        the container's processes only, and PID 1 must outlive it)."""
        if os.getpid() != 1:
            return cls()
        try:
            return cls(ForkServer())
        except OSError:
            return cls()  # every case is exec'd instead

    def _server_works(self):
        return self.fork_server is not None and self.fork_server.alive

    def start_case(self, out_w, err_w, res_w, case_r):
        """Starts a case process: forked by the fork server while it works, else forked here and exec'd afresh."""
        if self._server_works():
            pid = self.fork_server.start_case(out_w, err_w, res_w, case_r)
            if pid is not None:
                return pid
        pid = fork_case()
        if pid == 0:
            enter_case_process(out_w, err_w, res_w, case_r, forked=False)
        return pid

    def prestart(self):
        """The first case process, started while the container waits for its request, so that a submission does not
        wait for it. It is a fork of the fork server like any other and has read nothing yet: it holds no part of the
        request."""
        if self.fork_server is None:
            return None
        try:
            process = CaseProcess(self)
        except OSError:
            return None
        if process.pid is None:
            process.discard()
            return None
        return process

    def kill_everything_else(self, reaper):
        """Kills every process but this one, so nothing a case left behind (daemons, setsid children, a fork bomb)
        lives on, and reaps them all."""
        if os.getpid() == 1 and self._server_works():
            # The fork server's kill(-1) spares it and init; it is as atomic as init's own.
            deadline = time.monotonic() + 2
            while time.monotonic() < deadline and self.fork_server.kill_all():
                reaper.reap()
                if not self.fork_server.others_left():
                    return
                time.sleep(0.002)
            # It stopped answering (a case stopped or killed it): kill everything, the server too, and exec from now on.
            self.fork_server.alive = False
        if os.getpid() == 1:
            # kill(-1) from init reaches every other process in the container. The kernel sends it under the task
            # list lock, and a process with SIGKILL pending cannot complete a fork, so no new process escapes it.
            deadline = time.monotonic() + 2
            while time.monotonic() < deadline:
                try:
                    os.kill(-1, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                if not reaper.reap():
                    return
                time.sleep(0.002)
            return
        # Not init (run under another init): kill what /proc shows, a few times over.
        me = os.getpid()
        for _ in range(10):
            found = False
            for entry in os.listdir("/proc"):
                if entry.isdigit() and int(entry) not in (1, me):
                    try:
                        os.kill(int(entry), signal.SIGKILL)
                        found = True
                    except (ProcessLookupError, PermissionError):
                        pass
            time.sleep(0.002)
            reaper.reap()
            if not found:
                return


class CaseProcess:
    """A started case process blocked reading its case on `case_w`, and our ends of its output and result pipes."""

    def __init__(self, launcher):
        self.out_r, out_w = os.pipe()
        self.err_r, err_w = os.pipe()
        self.res_r, res_w = os.pipe()
        case_r, self.case_w = os.pipe()
        self.pid = launcher.start_case(out_w, err_w, res_w, case_r)
        for fd in (out_w, err_w, res_w, case_r):
            os.close(fd)

    def waiting(self):
        """False if it has already exited (it runs nothing before reading its case, so only a kill from outside)."""
        try:
            return self.pid is not None and os.waitpid(self.pid, os.WNOHANG)[0] == 0
        except ChildProcessError:
            return False

    def discard(self):
        for fd in (self.out_r, self.err_r, self.res_r, self.case_w):
            os.close(fd)
