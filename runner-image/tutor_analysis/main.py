"""The tool's protocol: one JSON request on stdin, one JSON object line on stdout (run-variants streams lines).
Whatever goes wrong, the answer is still JSON: {"error": "..."}."""

import json
import os
import sys
import warnings

from harness.protocol import emit as write

MAX_REQUEST_BYTES = 8 * 1024 * 1024
MODES = ("analyze", "insert-docstrings", "mutants", "run-variants")


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
    """The answer to one request (a dict), or None for run-variants, which writes its own lines."""
    if not isinstance(request, dict):
        return {"error": "the request must be a JSON object"}
    mode = request.get("mode")
    if mode not in MODES:
        return {"error": "unknown mode %r: expected one of %s" % (mode, ", ".join(MODES))}
    if mode == "run-variants":
        from .variants import run
        run(request)
        return None
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
    if mode == "insert-docstrings":
        from .docstrings import insert_docstrings
        return insert_docstrings(source, request.get("docstrings"))
    from .mutants import DEFAULT_MAX, mutants
    return mutants(source, request.get("function"), request.get("max", DEFAULT_MAX))


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
        streaming = isinstance(request, dict) and request.get("mode") == "run-variants"
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
