"""Tutor's grading harness: runs inside the sandbox container and reports observations, never verdicts.

It reads one JSON request on stdin: the learner's file name and source, the cases' ids and call expressions
(never their expected values), and the limits. It writes one JSON line per event on stdout:
  {"kind": "syntax-error", ...}           the source does not compile
  {"kind": "case", "id": ..., "observation": {...}}   what one case did
  {"kind": "done"}
Each case runs in its own forked process with its own time budget, so no case can see another's state, and
this process never imports or runs the learner's code. It is made non-dumpable so that a case cannot open its
file descriptors through /proc and forge lines on the result stream. The server compares observations with the
expected values; nothing here knows what is right.

This process is the container's PID 1 (the container runs without Docker's own init), for three reasons: the
kernel drops every signal sent to a namespace's init from inside unless it has a handler, so the learner's code
cannot kill or stop it (`kill -1` spares it, `kill 1` does nothing); as init it can SIGKILL everything else with
one kill(-1) that a fork bomb cannot outrun; and orphans are re-parented to it, so it reaps them.
"""

import ctypes
import json
import os
import resource
import selectors
import shutil
import signal
import sys
import time
import traceback

WORK_DIR = "/tmp/work"
CASES_DIR = "/tmp/cases"
PR_SET_DUMPABLE = 4
MAX_REQUEST_BYTES = 8 * 1024 * 1024
MAX_RESULT_BYTES = 256 * 1024
MAX_TRACEBACK_FRAMES = 20
MAX_REPR_CHARS = 2000
MAX_ITEMS = 10000
MAX_DEPTH = 100

# Captured before any learner code runs in a case process, so that a learner who monkeypatches json, repr or
# builtins only changes what their own code sees, not how its results are written down.
_type = type
_len = len
_str_join = str.join
_int_repr = int.__repr__
_float_repr = float.__repr__
_object_repr = object.__repr__
_encode_json_string = json.encoder.encode_basestring_ascii
_bytes_hex = bytes.hex
_os_write = os.write
_os_exit = os._exit
_extract_tb = traceback.extract_tb
_issubclass = issubclass
_id = id
_set = set
_bytes = bytes
_str = str
_dict_items = dict.items
_type_name = type.__dict__["__name__"].__get__  # a metaclass may fake __name__; this reads the real one
_setrecursionlimit = sys.setrecursionlimit
_settrace = sys.settrace
_setprofile = sys.setprofile
_CONTAINER_KINDS = ((list, "list"), (tuple, "tuple"), (set, "set"), (frozenset, "frozenset"))
_DICT = dict
_INT = int
_FLOAT = float
_BYTES_KINDS = (bytes, bytearray)


def emit(event):
    line = json.dumps(event, ensure_ascii=True) + "\n"
    data = line.encode("ascii")
    while data:
        written = os.write(1, data)
        data = data[written:]


def read_request():
    chunks = []
    size = 0
    while True:
        chunk = os.read(0, 65536)
        if not chunk:
            break
        size += len(chunk)
        if size > MAX_REQUEST_BYTES:
            raise ValueError("request too large")
        chunks.append(chunk)
    return json.loads(b"".join(chunks).decode("utf-8"))


# ---- value encoding (runs in the case process) -------------------------------------------------------------

def _write_json(node):
    """Minimal JSON writer over the tagged tree, built only from captured primitives."""
    t = _type(node)
    if t is str:
        return _encode_json_string(node)
    if t is bool:
        return "true" if node else "false"
    if t is int:
        return _int_repr(node)
    if t is list:
        return "[" + _str_join(",", [_write_json(x) for x in node]) + "]"
    if t is dict:
        return "{" + _str_join(",", [_encode_json_string(k) + ":" + _write_json(v) for k, v in node.items()]) + "}"
    if node is None:
        return "null"
    raise TypeError("unexpected node")


def _safe_repr(value):
    try:
        text = repr(value)
        if _type(text) is not str:
            text = _object_repr(value)
    except BaseException:  # a learner's __repr__ may raise anything
        text = _object_repr(value)
    if _len(text) > MAX_REPR_CHARS:
        text = text[:MAX_REPR_CHARS] + "..."
    return text


class _Budget:
    def __init__(self):
        self.items = 0


def encode_value(value, depth=0, seen=None, budget=None):
    """Encodes a Python value as a tagged tree the server decodes faithfully (tuples stay tuples, big ints stay exact).

    Uses only primitives captured at import, so a learner who replaced builtins (issubclass, list, str...) changes
    nothing here."""
    if seen is None:
        seen = _set()
    if budget is None:
        budget = _Budget()
    budget.items += 1
    if budget.items > MAX_ITEMS or depth > MAX_DEPTH:
        return {"t": "repr", "type": "...", "v": "... (value too large to show)"}
    t = _type(value)
    if value is None:
        return {"t": "none"}
    if t is bool:
        return {"t": "bool", "v": value}
    if _issubclass(t, _INT):
        return _with_type_name({"t": "int", "v": _int_repr(value)}, t, _INT)
    if _issubclass(t, _FLOAT):
        return _with_type_name({"t": "float", "v": _float_repr(value)}, t, _FLOAT)
    if _issubclass(t, _str):
        return _with_type_name({"t": "str", "v": _str.__str__(value)}, t, _str)
    if _issubclass(t, _BYTES_KINDS):
        return {"t": "bytes", "v": _bytes_hex(_bytes(value)), "type": _name_of(t)}
    if _id(value) in seen:
        return {"t": "repr", "type": _name_of(t), "v": "[...]"}
    for base, tag in _CONTAINER_KINDS:
        if _issubclass(t, base):
            seen.add(_id(value))
            items = [encode_value(x, depth + 1, seen, budget) for x in base.__iter__(value)]
            seen.discard(_id(value))
            return _with_type_name({"t": tag, "items": items}, t, base)
    if _issubclass(t, _DICT):
        seen.add(_id(value))
        pairs = [[encode_value(k, depth + 1, seen, budget), encode_value(v, depth + 1, seen, budget)]
                 for k, v in _dict_items(value)]
        seen.discard(_id(value))
        return _with_type_name({"t": "dict", "items": pairs}, t, _DICT)
    return {"t": "repr", "type": _name_of(t), "v": _safe_repr(value)}


def _name_of(t):
    name = _type_name(t)
    return name[:200] if _type(name) is _str else "object"


def _with_type_name(node, t, base):
    if t is not base:
        node["type"] = _name_of(t)
    return node


# ---- the case process ----------------------------------------------------------------------------------------

def describe_exception(exc, learner_path):
    frames = []
    try:
        for frame in _extract_tb(exc.__traceback__):
            if frame.filename == learner_path:
                frames.append({"line": frame.lineno, "function": frame.name, "text": (frame.line or "")[:300]})
    except BaseException:
        pass
    try:
        message = str(exc)
    except BaseException:
        message = "(the exception's message could not be shown)"
    t = _type(exc)
    return {
        "type": t.__name__,
        "mro": [k.__name__ for k in t.__mro__],
        "message": message[:MAX_REPR_CHARS],
        "traceback": frames[-MAX_TRACEBACK_FRAMES:],
    }


def set_case_limits(limits):
    cpu_seconds = max(1, int(limits["caseTimeoutMs"] / 1000) + 1)
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 1))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    resource.setrlimit(resource.RLIMIT_FSIZE, (limits["fileBytes"], limits["fileBytes"]))
    if limits.get("addressSpaceBytes"):
        resource.setrlimit(resource.RLIMIT_AS, (limits["addressSpaceBytes"], limits["addressSpaceBytes"]))


def run_case_process(request, case, out_w, err_w, res_w):
    """Child side of one case. Never returns: it reports on res_w and exits."""
    try:
        os.dup2(out_w, 1)
        os.dup2(err_w, 2)
        devnull = os.open("/dev/null", os.O_RDONLY)
        os.dup2(devnull, 0)
        keep = {0, 1, 2, res_w}
        for fd in range(3, 1024):
            if fd not in keep:
                try:
                    os.close(fd)
                except OSError:
                    pass
        sys.stdin = open(0, "r", closefd=False)
        sys.stdout = open(1, "w", encoding="utf-8", errors="backslashreplace", closefd=False, buffering=1)
        sys.stderr = open(2, "w", encoding="utf-8", errors="backslashreplace", closefd=False, buffering=1)
        case_dir = os.path.join(CASES_DIR, str(case["id"]))
        os.makedirs(case_dir, exist_ok=True)
        os.chdir(case_dir)
        set_case_limits(request["limits"])
    except BaseException as exc:  # our own failure, reported as such
        _report(res_w, {"outcome": "harness-error", "message": "case setup failed: %r" % (exc,)})
        _os_exit(0)

    learner_path = os.path.join(WORK_DIR, request["file"])
    module_name = request["file"][:-3] if request["file"].endswith(".py") else request["file"]
    started = time.monotonic()
    if request.get("mode") == "compile":
        _run_compile_check(request, learner_path, res_w)
    try:
        import importlib.util
        sys.path.insert(0, WORK_DIR)
        spec = importlib.util.spec_from_file_location(module_name, learner_path)
        module = importlib.util.module_from_spec(spec)
        sys.modules[module_name] = module
        spec.loader.exec_module(module)
        namespace = dict(module.__dict__)
        value = eval(compile(case["call"], "<case>", "eval"), namespace)
        _flush_streams()
        observation = {"outcome": "returned", "value": encode_value(value)}
    except BaseException as exc:  # the learner's exception, whatever it is, is an observation
        _flush_streams()
        try:
            observation = {"outcome": "raised", "exception": describe_exception(exc, learner_path)}
        except BaseException:
            observation = {"outcome": "raised", "exception": {"type": "BaseException", "mro": [], "message": "", "traceback": []}}
    observation["durationMs"] = int((time.monotonic() - started) * 1000)
    _report(res_w, observation)
    _os_exit(0)


def _run_compile_check(request, learner_path, res_w):
    try:
        compile(request["source"], learner_path, "exec", dont_inherit=True)
        _report(res_w, {"outcome": "compiled"})
    except SyntaxError as exc:
        _report(res_w, {
            "outcome": "syntax-error",
            "type": type(exc).__name__,
            "message": exc.msg or "invalid syntax",
            "line": exc.lineno,
            "column": exc.offset,
            "text": (exc.text or "").rstrip("\n")[:300],
        })
    except BaseException as exc:  # e.g. ValueError for NUL bytes, MemoryError or RecursionError in the compiler
        _report(res_w, {"outcome": "syntax-error", "type": type(exc).__name__, "message": str(exc)[:300],
                        "line": None, "column": None, "text": ""})
    _os_exit(0)


def _flush_streams():
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except BaseException:
            pass


def _report(res_w, observation):
    try:
        data = _write_json(observation).encode("ascii")
    except BaseException as exc:
        data = _write_json({"outcome": "harness-error", "message": "could not encode result: %s" % _type(exc).__name__}).encode("ascii")
    if _len(data) > MAX_RESULT_BYTES:
        data = _write_json({"outcome": "result-too-large", "bytes": _len(data)}).encode("ascii")
    while data:
        try:
            written = _os_write(res_w, data)
        except BaseException:
            break
        data = data[written:]


# ---- the parent: one case at a time --------------------------------------------------------------------------

def oom_kill_count():
    for path, key in (("/sys/fs/cgroup/memory.events", "oom_kill"), ("/sys/fs/cgroup/memory/memory.oom_control", "oom_kill")):
        try:
            with open(path) as f:
                for line in f:
                    name, _, count = line.partition(" ")
                    if name == key:
                        return int(count)
        except OSError:
            continue
    return 0


def kill_everything_else():
    """Kills every process but init and this one, so nothing a case left behind (daemons, setsid children) lives on."""
    me = os.getpid()
    for _ in range(3):
        found = False
        for entry in os.listdir("/proc"):
            if not entry.isdigit():
                continue
            pid = int(entry)
            if pid in (1, me):
                continue
            try:
                os.kill(pid, signal.SIGKILL)
                found = True
            except (ProcessLookupError, PermissionError):
                pass
        reap_children()
        if not found:
            return


def reap_children():
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return


def run_one(request, case, deadline_ms):
    """Forks the case process, relays its output with caps, and returns its observation."""
    limits = request["limits"]
    out_r, out_w = os.pipe()
    err_r, err_w = os.pipe()
    res_r, res_w = os.pipe()
    oom_before = oom_kill_count()
    started = time.monotonic()
    pid = os.fork()
    if pid == 0:
        os.close(out_r)
        os.close(err_r)
        os.close(res_r)
        run_case_process(request, case, out_w, err_w, res_w)
    for fd in (out_w, err_w, res_w):
        os.close(fd)

    output_cap = limits["outputBytes"]
    buffers = {out_r: bytearray(), err_r: bytearray(), res_r: bytearray()}
    selector = selectors.DefaultSelector()
    for fd in buffers:
        os.set_blocking(fd, False)
        selector.register(fd, selectors.EVENT_READ)
    open_fds = set(buffers)
    ended = None  # why we stopped waiting: "timeout", "output-limit", "result-too-large"
    status = None
    while True:
        if status is None:
            waited, raw = os.waitpid(pid, os.WNOHANG)
            if waited == pid:
                status = raw
        if status is not None and res_r not in open_fds:
            break
        if status is not None and not open_fds:
            break
        remaining = deadline_ms / 1000 - (time.monotonic() - started)
        if remaining <= 0:
            ended = "timeout"
            break
        if not open_fds or (status is not None and res_r not in open_fds):
            time.sleep(min(0.005, remaining))
            continue
        for key, _ in selector.select(timeout=min(0.05, remaining)):
            fd = key.fd
            try:
                chunk = os.read(fd, 65536)
            except BlockingIOError:
                continue
            if not chunk:
                selector.unregister(fd)
                open_fds.discard(fd)
                continue
            buffers[fd] += chunk
        if len(buffers[out_r]) + len(buffers[err_r]) > output_cap:
            ended = "output-limit"
            break
        if len(buffers[res_r]) > MAX_RESULT_BYTES + 1024:
            ended = "result-too-large"
            break
        # The case process reported and exited; descendants may still hold the output pipes open.
        if status is not None and res_r not in open_fds:
            break

    elapsed_ms = int((time.monotonic() - started) * 1000)
    kill_everything_else()
    if status is None:
        try:
            _, status = os.waitpid(pid, 0)
        except ChildProcessError:
            status = None
    # Drain what is left without blocking: the writers are dead now.
    for fd in list(open_fds):
        try:
            while True:
                chunk = os.read(fd, 65536)
                if not chunk:
                    break
                buffers[fd] += chunk
                if len(buffers[fd]) > output_cap + MAX_RESULT_BYTES:
                    break
        except (BlockingIOError, OSError):
            pass
    selector.close()
    for fd in buffers:
        os.close(fd)

    stdout_bytes = bytes(buffers[out_r])
    stderr_bytes = bytes(buffers[err_r])
    observation = None
    if ended is None and buffers[res_r]:
        try:
            observation = json.loads(bytes(buffers[res_r]).decode("ascii"))
            if not isinstance(observation, dict) or not isinstance(observation.get("outcome"), str):
                observation = None
        except ValueError:
            observation = None
    if ended == "timeout":
        observation = {"outcome": "timeout"}
    elif ended == "output-limit":
        observation = {"outcome": "output-limit"}
    elif ended == "result-too-large" or (observation or {}).get("outcome") == "result-too-large":
        observation = {"outcome": "result-too-large"}
    elif observation is None:
        observation = {"outcome": "crashed"}
        if status is not None and os.WIFSIGNALED(status):
            sig = os.WTERMSIG(status)
            observation["signal"] = signal.Signals(sig).name if sig in signal.Signals._value2member_map_ else str(sig)
            if sig == signal.SIGXCPU:
                observation = {"outcome": "timeout", "reason": "cpu"}
        elif status is not None and os.WIFEXITED(status):
            observation["exitCode"] = os.WEXITSTATUS(status)
    if oom_kill_count() > oom_before and observation["outcome"] in ("crashed", "timeout"):
        observation = {"outcome": "memory-limit"}
    observation.setdefault("durationMs", elapsed_ms)
    observation["stdout"] = stdout_bytes[:output_cap].decode("utf-8", errors="backslashreplace")
    observation["stderr"] = stderr_bytes[:output_cap].decode("utf-8", errors="backslashreplace")
    return observation


def main():
    ctypes.CDLL(None).prctl(PR_SET_DUMPABLE, 0, 0, 0, 0)
    sys.set_int_max_str_digits(0) if hasattr(sys, "set_int_max_str_digits") else None
    request = read_request()
    limits = request["limits"]
    os.makedirs(WORK_DIR, exist_ok=True)
    os.makedirs(CASES_DIR, exist_ok=True)
    with open(os.path.join(WORK_DIR, request["file"]), "w", encoding="utf-8", errors="surrogatepass") as f:
        f.write(request["source"])

    compiled = run_one(dict(request, mode="compile"), {"id": "compile", "call": "None"}, limits["caseTimeoutMs"])
    if compiled["outcome"] == "syntax-error":
        emit({"kind": "syntax-error", "error": compiled})
        emit({"kind": "done"})
        return
    if compiled["outcome"] != "compiled":
        # The compiler itself ran out of time or memory: report it against every case.
        for case in request["cases"]:
            emit({"kind": "case", "id": case["id"], "observation": compiled})
        emit({"kind": "done"})
        return

    total_deadline = time.monotonic() + limits["totalTimeoutMs"] / 1000
    for case in request["cases"]:
        remaining_ms = int((total_deadline - time.monotonic()) * 1000)
        if remaining_ms <= 0:
            emit({"kind": "case", "id": case["id"], "observation": {"outcome": "not-run"}})
            continue
        budget = min(limits["caseTimeoutMs"], remaining_ms)
        observation = run_one(request, case, budget)
        if observation["outcome"] == "timeout" and budget < limits["caseTimeoutMs"]:
            observation["reason"] = "total"
        emit({"kind": "case", "id": case["id"], "observation": observation})
    emit({"kind": "done"})


if __name__ == "__main__":
    main()
