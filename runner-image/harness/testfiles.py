"""The exercise's tests/test_*.py files, in a case process: listing their tests (which imports the learner's module
too) and running one test. Runs after learner code, so it uses pinned builtins (pinned.py)."""

import os
import sys

from .pinned import os_exit, pin_builtins
from .protocol import CASE_SETUP_FAILED, TESTS_DIR, WORK_DIR, read_json_line

pin_builtins(globals())


def _import_test_module(name):
    import importlib.util
    module_name = name[:-3]
    spec = importlib.util.spec_from_file_location(module_name, os.path.join(TESTS_DIR, name))
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module
    spec.loader.exec_module(module)
    return module


def _list_tests(module, module_name, unittest):
    """Test functions (test* defined in the file) and the test* methods of unittest.TestCase classes defined there."""
    found = []
    loader = unittest.TestLoader()
    for key, value in list(vars(module).items()):
        if not (type(key) is str and len(key) <= 200):
            continue
        if type(value) is type(_list_tests) and key.startswith("test") and getattr(value, "__module__", None) == module_name:
            found.append({"class": None, "name": key})
        elif isinstance(value, type) and issubclass(value, unittest.TestCase) and value.__module__ == module_name:
            for method in loader.getTestCaseNames(value):
                found.append({"class": key, "name": method})
    return found


def run_discovery(run, test_files, next_spec_fd=None):
    """Lists the tests of every test file: compiles each (a syntax error is the exercise's), then imports it, which
    imports the learner's module too. Runs in a case process, so the learner's code never runs in the parent.

    With `next_spec_fd`, the listing is reported as a line and the process then runs the test the parent names there
    with the modules already imported: it is then what that test's own process would have been (the imports, then
    the test, on one clock and one output cap), one process and one import fewer for every exercise with tests."""
    files = []
    modules = {}
    try:
        import unittest
        sys.path.insert(0, WORK_DIR)
        sys.path.append(TESTS_DIR)  # the helper files the tests import; after the standard library, never over it
        run.watch()
        for name in test_files:
            test_path = os.path.join(TESTS_DIR, name)
            try:
                with open(test_path, "rb") as f:
                    source = f.read()
                compile(source, test_path, "exec", dont_inherit=True)
            except SyntaxError as exc:
                files.append({"file": name, "syntaxError": {"message": str(exc.msg or "invalid syntax")[:300],
                                                            "line": exc.lineno, "text": (exc.text or "").rstrip("\n")[:300]}})
                continue
            except BaseException as exc:
                files.append({"file": name, "syntaxError": {"message": str(exc)[:300], "line": None, "text": ""}})
                continue
            try:
                module = modules[name] = _import_test_module(name)
                files.append({"file": name, "tests": _list_tests(module, name[:-3], unittest)})
            except BaseException as exc:
                files.append({"file": name, "exception": run.raised(exc, test_path)["exception"]})
                run.watch()  # the next test file imports the learner's module too
        run.learner_code_ended()
        observation = {"outcome": "discovered", "files": files}
    except BaseException as exc:
        observation = run.raised(exc)
    if next_spec_fd is None or observation["outcome"] != "discovered":
        run.finish(observation, observed=False)
    run.report(observation)
    try:
        spec = read_json_line(next_spec_fd)
        if spec is None:
            os_exit(0)
        test = spec["case"]["test"]
        module = modules.get(test["file"])
    except BaseException:
        os_exit(CASE_SETUP_FAILED)
    run_test(run, test, module)


def run_test(run, test, module=None):
    """One test: a test function called plainly, or one TestCase method run through unittest (with its setUp,
    tearDown and class fixtures). Reports the exception it ended with; the server decides failed or error. `module`:
    the test file, if this process has imported it already (listing it)."""
    test_path = os.path.join(TESTS_DIR, test["file"])
    try:
        import unittest
        run.watch()
        if module is None:
            sys.path.insert(0, WORK_DIR)
            sys.path.append(TESTS_DIR)
            module = _import_test_module(test["file"])
        skipped = None
        if test["class"] is None:
            getattr(module, test["name"])()
        else:
            skipped = _run_test_method(unittest, getattr(module, test["class"]), test["name"])
        run.learner_code_ended()
        observation = {"outcome": "test-passed"}
        if skipped is not None:
            observation["skipped"] = skipped
    except BaseException as exc:
        observation = run.raised(exc, test_path)
    run.finish(observation)


def _run_test_method(unittest, test_class, name):
    """Runs one TestCase method through unittest; raises what it failed with, else returns why it was skipped (or
    None)."""
    outcome = {"problem": None, "skipped": None}

    class Result(unittest.TestResult):
        def addError(self, t, err):
            outcome["problem"] = outcome["problem"] or err[1]

        def addFailure(self, t, err):
            outcome["problem"] = outcome["problem"] or err[1]

        def addSubTest(self, t, subtest, err):
            if err is not None:
                outcome["problem"] = outcome["problem"] or err[1]

        def addSkip(self, t, reason):
            outcome["skipped"] = str(reason)[:300]

        def addUnexpectedSuccess(self, t):
            outcome["problem"] = outcome["problem"] or AssertionError("the test is marked expectedFailure, but it passed")

    unittest.TestSuite([test_class(name)]).run(Result())
    if outcome["problem"] is not None:
        raise outcome["problem"]
    return outcome["skipped"]

