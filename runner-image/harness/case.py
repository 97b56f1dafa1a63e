"""The case process: runs one case (a call, a program, a test, the test listing or the compile check) in a process
of its own and reports what it did on its result pipe (CASE_FD). It holds only what PID 1 wrote to its stdin: its own
case, the file name and the limits (see enter_case_process).

Every harness module this process uses after the learner's code is imported here, at the top, before any learner
code runs (pinned.py explains why nothing may be imported later)."""

import ctypes
import os
import signal
import sys

from . import testfiles
from .encoding import encode_value
from .isolation import PR_SET_NAME, set_case_limits
from .pinned import os_exit, pin_builtins
from .protocol import CASE_FD, CASE_SETUP_FAILED, CASES_DIR, WORK_DIR, read_json_line
from .report import CaseRun, write_report
from .tracing import observer_for

pin_builtins(globals())

PACKAGE_DIR = os.path.dirname(os.path.abspath(__file__))


def enter_case_process(out_w, err_w, res_w, case_r, forked):
    """Child side of the fork: moves the pipes onto fixed descriptors and becomes the case process.

    A fork of PID 1 would hand the case a copy of PID 1's memory, which holds every case's call, hidden ones
    included, and what earlier cases printed; the learner's code could walk the stack or read its own memory to find
    them. So a case process is either a fresh interpreter (exec) or, when `forked`, a fork of the fork server, which
    never saw the request (see forkserver.py). Either way it holds only what the parent writes to its stdin: its own
    call (or stdin, or test), file name and limits.
    """
    try:
        import fcntl
        # Out of the way first, so that moving one onto 0..3 never overwrites another still to be moved.
        high = [fcntl.fcntl(fd, fcntl.F_DUPFD, 64) for fd in (case_r, out_w, err_w, res_w)]
        for target, fd in enumerate(high):
            os.dup2(fd, target)
        os.closerange(CASE_FD + 1, 65536)
        if forked:
            ctypes.CDLL(None).prctl(PR_SET_NAME, b"python3", 0, 0, 0)
            case_main()
        os.execv(sys.executable, [sys.executable, "-I", "-B", PACKAGE_DIR, "--case"])
    except BaseException:
        pass
    # Only the parent may report harness errors (a case could forge one), so exit with a code it recognises.
    os_exit(CASE_SETUP_FAILED)


def case_main():
    """Entry point of a case process (`harness --case`, or a fork): reads its one case from stdin and runs it."""
    try:
        spec = read_json_line(0)
        run_case_process(spec, spec["case"], spec["caseDir"], CASE_FD)
    except BaseException:
        os_exit(CASE_SETUP_FAILED)


def run_case_process(request, case, case_dir, res_w):
    """One case, in its own fresh process. Never returns: it reports on res_w and exits."""
    try:
        # Signals reach this process normally again (the parent, as PID 1, left SIGINT at its default).
        signal.signal(signal.SIGINT, signal.default_int_handler)
        # A listing that runs the first test too reads which one here, after reporting the listing.
        next_spec_fd = os.dup(0) if request.get("thenTest") else None
        if "stdin" in case:
            _program_stdin(case["stdin"])
        else:
            devnull = os.open("/dev/null", os.O_RDONLY)
            os.dup2(devnull, 0)
            os.close(devnull)
        learner_path = os.path.join(WORK_DIR, request["file"])
        observer = observer_for(request, case, learner_path)
        sys.stdin = open(0, "r", encoding="utf-8", closefd=False)
        if observer is not None and observer.traced:
            sys.stdout, sys.stderr = observer.tee_streams()
        else:
            sys.stdout = open(1, "w", encoding="utf-8", errors="backslashreplace", closefd=False, buffering=1)
            sys.stderr = open(2, "w", encoding="utf-8", errors="backslashreplace", closefd=False, buffering=1)
        os.chdir(case_dir)
        set_case_limits(request["limits"])
        # Big ints must be written out exactly. Only here: the parent keeps Python's limit, so a forged report
        # with a huge number cannot make it spend seconds converting digits.
        if hasattr(sys, "set_int_max_str_digits"):
            sys.set_int_max_str_digits(0)
        _hide_harness()
    except BaseException:
        os_exit(CASE_SETUP_FAILED)

    run = CaseRun(res_w, learner_path, observer)
    if request.get("mode") == "compile" or request.get("compileFirst"):
        _compile_check(learner_path, res_w, report_success=request.get("mode") == "compile")
    if request.get("mode") == "discover":
        testfiles.run_discovery(run, request["testFiles"], next_spec_fd)
    if "stdin" in case:
        _run_program(run)
    if "test" in case:
        testfiles.run_test(run, case["test"])
    _run_call(run, request["file"], case)


def _hide_harness():
    """The learner's code finds modules by name as if the harness were not there: a learner file called
    harness.py, imported by a test file, is the learner's, as it would be under plain `python3`. The harness's own
    modules hold one another directly and import nothing after this."""
    for name in [name for name in sys.modules if name == "harness" or name.startswith("harness.")]:
        del sys.modules[name]
    parent = os.path.dirname(PACKAGE_DIR)
    sys.path[:] = [entry for entry in sys.path if entry != parent]


def _run_call(run, file, case):
    """A call case: imports the learner's module and evaluates the case's call in its namespace."""
    module_name = file[:-3] if file.endswith(".py") else file
    try:
        import importlib.util
        sys.path.insert(0, WORK_DIR)
        spec = importlib.util.spec_from_file_location(module_name, run.learner_path)
        module = importlib.util.module_from_spec(spec)
        sys.modules[module_name] = module
        run.watch()
        spec.loader.exec_module(module)
        namespace = dict(module.__dict__)
        value = eval(compile(case["call"], "<case>", "eval"), namespace)
        run.learner_code_ended()
        observation = {"outcome": "returned", "value": encode_value(value)}
    except BaseException as exc:  # the learner's exception, whatever it is, is an observation
        observation = run.raised(exc)
    run.finish(observation)


def _program_stdin(text):
    """Makes the program case's stdin the process's fd 0: an anonymous in-memory file, so nothing is left on disk
    and no pipe can fill up before the program reads it."""
    data = text.encode("utf-8", errors="surrogatepass")
    try:
        fd = os.memfd_create("stdin", 0)
    except (AttributeError, OSError):
        fd = os.open(os.path.join(CASES_DIR, ".stdin"), os.O_RDWR | os.O_CREAT | os.O_TRUNC, 0o600)
        os.unlink(os.path.join(CASES_DIR, ".stdin"))
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]
    os.lseek(fd, 0, os.SEEK_SET)
    os.dup2(fd, 0)
    os.close(fd)


def _exit_code(exc):
    """The exit status Python itself would give for this SystemExit (and its message on stderr, as Python prints)."""
    code = exc.code
    if code is None:
        return 0
    if type(code) is int or type(code) is bool:
        return int(code) if -(2 ** 31) <= code < 2 ** 31 else 1
    try:
        sys.stderr.write(str(code) + "\n")
    except BaseException:
        pass
    return 1


def _run_program(run):
    """A program case: the learner's file runs as __main__ (as `python file.py` would) with the case's stdin. Only
    how it ended is reported here; what it printed is captured by the parent, and compared on the server."""
    try:
        import runpy
        sys.path.insert(0, WORK_DIR)
        sys.argv = [run.learner_path]
        run.watch()
        try:
            runpy.run_path(run.learner_path, run_name="__main__")
            code = 0
        except SystemExit as exc:  # sys.exit() ends a program normally; its code is reported
            code = _exit_code(exc)
        run.learner_code_ended()
        observation = {"outcome": "finished", "exitCode": code}
    except BaseException as exc:
        observation = run.raised(exc)
    run.finish(observation)


def _compile_check(learner_path, res_w, report_success):
    """Compiles the learner's file before any of it runs. A syntax error is reported and ends the process; a file
    that compiles is reported only by a compile-only process, else the case (or discovery) goes on in this one."""
    try:
        with open(learner_path, "rb") as f:
            source = f.read()
        compile(source, learner_path, "exec", dont_inherit=True)
        if not report_success:
            return
        write_report(res_w, {"outcome": "compiled"})
    except SyntaxError as exc:
        write_report(res_w, {
            "outcome": "syntax-error",
            "type": type(exc).__name__,
            "message": exc.msg or "invalid syntax",
            "line": exc.lineno,
            "column": exc.offset,
            "text": (exc.text or "").rstrip("\n")[:300],
        })
    except BaseException as exc:  # e.g. ValueError for NUL bytes, MemoryError or RecursionError in the compiler
        write_report(res_w, {"outcome": "syntax-error", "type": type(exc).__name__, "message": str(exc)[:300],
                             "line": None, "column": None, "text": ""})
    os_exit(0)
