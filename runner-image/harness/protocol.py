"""What the server, PID 1 and a case process agree on: the request and event lines, the case's spec line, where
files go, the caps on a report and the exit code that means "setup failed" (README.md, "Protocol")."""

import json
import os

from .pinned import json_loads, os_read, pin_builtins

pin_builtins(globals())  # read_json_line runs in a case process after learner code (a test after its listing)

WORK_DIR = "/tmp/work"  # the learner's file
CASES_DIR = "/tmp/cases"  # one working directory per case
TESTS_DIR = "/tmp/tests"  # the exercise's tests/test_*.py files
MAX_TESTS = 200
MAX_REQUEST_BYTES = 8 * 1024 * 1024
MAX_RESULT_BYTES = 256 * 1024
MAX_TRACEBACK_FRAMES = 20
MAX_REPR_CHARS = 2000
MAX_ITEMS = 10000
MAX_DEPTH = 100
# Observing execution (request option `observe.lines`, a case's `trace`): see README.md.
MAX_LINES = 5000  # distinct line numbers reported per case
MAX_TRACE_STEPS = 1000  # the most a case's trace.maxSteps may ask for
MAX_TRACE_BYTES = 512 * 1024  # a trace's JSON, whatever its values
TRACE_CHARS = 200  # a local's or returned value's repr, a variable or function name
TRACE_EXCEPTION_CHARS = 500
TRACE_FRAMES = 20  # the innermost frames of the learner's file
TRACE_LOCALS = 40  # per frame
TRACE_STDOUT_CHARS = 2000  # the end of what was printed so far
CASE_FD = 3  # a case process's result pipe
CASE_SETUP_FAILED = 121  # a case process's exit code when it could not start its case (only PID 1 reports errors)


def emit(event):
    """Writes one event line for the server (PID 1 only: no case process holds this stream)."""
    line = json.dumps(event, ensure_ascii=True) + "\n"
    data = line.encode("ascii")
    while data:
        written = os.write(1, data)
        data = data[written:]


def read_json_line(fd, max_bytes=None):
    """One line of JSON (the server's request, a case's spec), whole at its newline without waiting for the writer to
    close the stream; None at end of file."""
    chunks = []
    size = 0
    while True:
        chunk = os_read(fd, 65536)
        if not chunk:
            break
        size += len(chunk)
        if max_bytes is not None and size > max_bytes:
            raise ValueError("request too large")
        chunks.append(chunk)
        if chunk.endswith(b"\n"):
            break
    return json_loads(b"".join(chunks).decode("utf-8")) if chunks else None


def read_request():
    request = read_json_line(0, MAX_REQUEST_BYTES)
    if request is None:
        raise ValueError("no request")
    return request
