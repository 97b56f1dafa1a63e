"""The fork server: starts case processes by forking a pristine copy of the harness instead of exec'ing a new
interpreter (docs/sandbox.md, "Fork without exec")."""

import ctypes
import os
import signal
import socket
import time

from .case import enter_case_process
from .isolation import PR_SET_NAME

FORK_SERVER_NAME = b"tutor-forksrv"


def fork_case():
    """Forks, retrying briefly if the pids limit is still full of processes being torn down."""
    for _ in range(100):
        try:
            return os.fork()
        except BlockingIOError:
            time.sleep(0.01)
    return None


class ForkServer:
    """Starts case processes by forking a pristine copy of this harness instead of exec'ing a new interpreter.

    The server is forked from PID 1 before the request is read, so its memory holds the harness and the modules a
    case needs, and nothing of the request. It never receives data afterwards: only the case's pipe descriptors and
    two commands ("fork", "kill") on a socket pair. Each case process is a fork of it, so it holds what an exec'd
    interpreter would (the harness, no other case's call, no earlier case's output) and reads its own case from its
    stdin, exactly as an exec'd one does. The server is non-dumpable like PID 1 (inherited), so a case cannot read
    its memory, ptrace it or open its descriptors. A case can only signal it (same uid): if it dies, stops answering
    or answers nonsense, PID 1 kills everything itself (which kills the server too) and execs a fresh interpreter
    for every later case, as it did before the server existed. docs/sandbox.md gives the reasoning.

    Case processes are double-forked, so they are PID 1's children like exec'd ones and PID 1 reaps them and sees
    how they ended. After a case, the server sends SIGKILL to every process with kill(-1), which spares itself and
    init, with the same atomicity as PID 1's own kill(-1): nothing a case left behind outlives it."""

    REPLY_TIMEOUT = 0.5

    def __init__(self):
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        pid = os.fork()
        if pid == 0:
            ours.close()
            _fork_server_main(theirs)
        theirs.close()
        self.pid = pid
        self.sock = ours
        self.alive = True

    def _ask(self, message, fds=()):
        if not self.alive:
            return None
        try:
            self.sock.settimeout(self.REPLY_TIMEOUT)
            socket.send_fds(self.sock, [message], list(fds))
            reply = self.sock.recv(64)
        except OSError:  # timed out (the server is stopped), or it is gone
            reply = b""
        if not reply:
            self.alive = False
        return reply

    def start_case(self, out_w, err_w, res_w, case_r):
        """The pid of a new case process, or None if the server cannot start one."""
        reply = self._ask(b"fork", (out_w, err_w, res_w, case_r))
        if reply and reply.startswith(b"pid:"):
            try:
                return int(reply[4:])
            except ValueError:
                pass
        self.alive = False
        return None

    def kill_all(self):
        """True once the server has sent SIGKILL to every other process; False if it could not."""
        if self._ask(b"kill") == b"killed":
            return True
        self.alive = False
        return False

    def others_left(self):
        """Processes other than init and the server (zombies not yet reaped included)."""
        return any(entry.isdigit() and int(entry) not in (1, self.pid) for entry in os.listdir("/proc"))


def _fork_server_main(sock):
    """The fork server's loop. Never returns."""
    try:
        # Named, so that a look at /proc tells it from a case's leftovers; each case takes back the usual name.
        ctypes.CDLL(None).prctl(PR_SET_NAME, FORK_SERVER_NAME, 0, 0, 0)
        # What cases import, loaded once here rather than in every case.
        import importlib.util  # noqa: F401
        import runpy  # noqa: F401
        import unittest  # noqa: F401
        devnull = os.open("/dev/null", os.O_RDWR)
        os.dup2(devnull, 0)  # not the request stream
        os.dup2(devnull, 1)  # not the result stream
        os.close(devnull)
        while True:
            message, fds, _flags, _addr = socket.recv_fds(sock, 64, 8)
            if not message:
                os._exit(0)
            if message == b"kill":
                try:
                    os.kill(-1, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                sock.send(b"killed")
            elif message == b"fork" and len(fds) == 4:
                pid = _double_fork_case(fds, sock)
                for fd in fds:
                    os.close(fd)
                sock.send(b"pid:%d" % pid if pid else b"fail")
            else:
                for fd in fds:
                    os.close(fd)
                sock.send(b"fail")
    except BaseException:
        pass
    os._exit(1)


def _double_fork_case(fds, sock):
    """Forks a case process that PID 1 adopts (its parent exits at once); returns its pid, or None."""
    pid_r, pid_w = os.pipe()
    middle = fork_case()
    if middle is None:
        os.close(pid_r)
        os.close(pid_w)
        return None
    if middle == 0:
        os.close(pid_r)
        child = fork_case()
        if child == 0:
            os.close(pid_w)
            sock.close()
            enter_case_process(*fds, forked=True)
        try:
            os.write(pid_w, b"%d" % (child or 0))
        finally:
            os._exit(0)
    os.close(pid_w)
    data = b""
    while True:
        chunk = os.read(pid_r, 32)
        if not chunk:
            break
        data += chunk
    os.close(pid_r)
    os.waitpid(middle, 0)
    return int(data) if data.isdigit() and int(data) > 0 else None
