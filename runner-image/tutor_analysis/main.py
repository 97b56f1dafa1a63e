"""The tool's protocol: one JSON request on stdin, one JSON object line on stdout (run-variants and repairs stream
lines). Whatever goes wrong, the answer is still JSON: {"error": "..."}."""

import json
import os
import sys
import warnings

from harness.protocol import emit as write

MAX_REQUEST_BYTES = 8 * 1024 * 1024
MODES = ("analyze", "review", "insert-docstrings", "mutants", "run-variants", "edits", "repairs")
STREAMING = ("run-variants", "repairs")


def read_request():
    chunks, size = [], 0
    while True:
        chunk = os.read(0, 65536)
        if not chunk:
            break
        size += len(chunk)
        if size > MAX_REQUEST_BYTES:
            raise ValueError("the request is larger than %d bytes" % MAX_REQUEST_BYTES)
        chunks.append(chunk)
    return json.loads(b"".join(chunks).decode("utf-8"))


def handle(request):
    """The answer to one request (a dict), or None for run-variants and repairs, which write their own lines."""
    if not isinstance(request, dict):
        return {"error": "the request must be a JSON object"}
    mode = request.get("mode")
    if mode not in MODES:
        return {"error": "unknown mode %r: expected one of %s" % (mode, ", ".join(MODES))}
    if mode in STREAMING:
        return _stream(mode, request)
    # Compiling learner code (to check mutants, say) can warn about it (`x is 5`, "\d" in a string): those are the
    # learner's business, reported as findings, never lines on our stderr. (Not for run-variants, whose case
    # processes inherit this process's state: their warnings are part of what they observe.)
    warnings.simplefilter("ignore")
    source = request.get("source")
    if not isinstance(source, str):
        return {"error": "`source` must be a string"}
    if mode == "analyze":
        from .analyze import analyze
        name = request.get("file")
        return analyze(source, name if isinstance(name, str) and len(name) < 200 else "<learner>")
    if mode == "review":
        from .review import review
        name = request.get("file")
        return review(source, name if isinstance(name, str) and len(name) < 200 else "<learner>")
    if mode == "insert-docstrings":
        from .docstrings import insert_docstrings
        return insert_docstrings(source, request.get("docstrings"))
    if mode == "edits":
        from .edits import edits_of
        from .repairs import HARD_MAX_EDITS
        limit = request.get("max")
        if isinstance(limit, bool) or not isinstance(limit, int) or not 1 <= limit <= HARD_MAX_EDITS:
            limit = HARD_MAX_EDITS
        edits, problem = edits_of(source, None, limit)
        return {"error": problem} if problem else {"edits": edits}
    from .mutants import DEFAULT_MAX, mutants
    return mutants(source, request.get("function"), request.get("max", DEFAULT_MAX))


def _stream(mode, request):
    """Runs a mode that runs learner code and writes its own lines; an answer with an error if it may not run."""
    if os.getpid() != 1:
        # Both clean up after learner code by killing every other process they can see (kill(-1)): right inside the
        # sandbox container, where this is its first process, and ruinous anywhere else. Checked before anything
        # else, so that no request can get past it.
        return {"error": "%s only runs as the first process (PID 1) of the sandbox container" % mode}
    if mode == "run-variants":
        from . import variants as streamer
    else:
        from . import repairs as streamer
    problem = streamer.validate(request)
    if problem is not None:
        return {"error": problem}
    streamer.run(request)
    return None


def _silence_stderr():
    """Everything this tool has to say is JSON on stdout. Python 3.8's parser prints "s_push: parser stack
    overflow" straight to fd 2 before raising MemoryError on deeply nested code: send fd 2 nowhere."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 2)
        os.close(devnull)
    except OSError:
        pass


def main():
    _silence_stderr()
    streaming = False
    try:
        request = read_request()
        streaming = isinstance(request, dict) and request.get("mode") in STREAMING
        answer = handle(request)
    except RecursionError:
        answer = {"error": "the code is nested too deeply to analyse"}
    except MemoryError:
        answer = {"error": "the request needs too much memory to analyse"}
    except BaseException as exc:  # never a traceback: always an answer the server can read
        answer = {"error": "%s: %s" % (type(exc).__name__, str(exc)[:500])}
    try:
        if answer is not None:
            if streaming and "error" in answer:
                write({"kind": "error", "error": answer["error"]})
                write({"kind": "done"})
            else:
                write(answer)
    except BaseException:
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
