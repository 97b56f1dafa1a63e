"""The order in which one request's processes run and the time they share: the compile check (in the first process
that loads the learner's file anyway), the test listing (whose process goes on with the first test), each case,
then each test, every one within its own budget and what is left of the total. It writes the events; PID 1
(main.py) and the analysis tool's run-variants (one schedule per variant) both run requests through it."""

import time

from .relay import run_one


class Schedule:
    """Runs one request's cases and tests and emits their events (all but "done", which the caller writes).

    `prestarted`: a case process already waiting for its case, used for the first process. `total_deadline`: when
    the request's total time runs out (time.monotonic()), if it is shared with other schedules; else it is counted
    from when the learner's file is known to compile. `tests_refused`: the request's test files were refused (and
    removed from it), which is reported as the listing's failure."""

    def __init__(self, request, launcher, emit, prestarted=None, total_deadline=None, tests_refused=False):
        self.request = request
        self.tests_refused = tests_refused
        self.limits = request["limits"]
        self.launcher = launcher
        self.emit = emit
        self.prestarted = prestarted
        self.total_deadline = total_deadline
        self.tests = []  # the discovered tests, in the listing's order
        self.listed = False
        self.first_test_budget = None

    def report_all(self, observation):
        """The same observation for the test listing (if there are test files) and every case: nothing ran."""
        if self.request.get("tests"):
            self.emit({"kind": "discovery", "observation": observation})
        for case in self.request["cases"]:
            self.emit({"kind": "case", "id": case["id"], "observation": observation})

    def run(self):
        request = self.request
        # The learner's file is compiled, before any of it runs, by the first process that loads it anyway: the test
        # listing, or else the first case. A process of its own does it only when there is neither (or the test files
        # were refused, whose discovery event must not come before a syntax error).
        compile_in_first_case = not request.get("tests") and not self.tests_refused and bool(request["cases"])
        if not request.get("tests") and not compile_in_first_case:
            budget = self.budget_left()
            if budget is None:
                return
            compiled = run_one(dict(request, mode="compile"), {"id": "compile", "call": "None"}, budget, self.launcher,
                               self._first_process())
            if self._syntax_error(compiled):
                return
            if compiled["outcome"] != "compiled":
                # The compiler itself ran out of time or memory: report it against every case (and the tests).
                self.report_all(compiled)
                return
        if self.total_deadline is None:
            self.total_deadline = time.monotonic() + self.limits["totalTimeoutMs"] / 1000
        if self.tests_refused:
            self._list_tests({"outcome": "harness-error", "message": "invalid test file names"})
        elif request.get("tests") and not self._discover():
            return
        for case in request["cases"]:
            budget = self.budget_left()
            if budget is None:
                self.emit({"kind": "case", "id": case["id"], "observation": {"outcome": "not-run"}})
                continue
            if compile_in_first_case:
                compile_in_first_case = False
                observation = run_one(dict(request, compileFirst=True), case, budget, self.launcher, self._first_process())
                if self._syntax_error(observation):
                    return
            else:
                observation = run_one(request, case, budget, self.launcher)
            self._emit_within("case", case["id"], observation, budget)
        for index, test in enumerate(self.tests):
            if index == 0 and self.first_test_budget is not None:
                continue  # run by the listing's process
            budget = self.budget_left()
            if budget is None:
                self.emit({"kind": "test", "id": index, "observation": {"outcome": "not-run"}})
                continue
            observation = run_one(request, {"id": "test-%d" % index, "test": test}, budget, self.launcher)
            self._emit_within("test", index, observation, budget)

    def budget_left(self):
        """The next process's budget in ms: its own, or less when the total runs out (None once it has)."""
        if self.total_deadline is None:
            return self.limits["caseTimeoutMs"]
        remaining_ms = int((self.total_deadline - time.monotonic()) * 1000)
        return min(self.limits["caseTimeoutMs"], remaining_ms) if remaining_ms > 0 else None

    def _first_process(self):
        process, self.prestarted = self.prestarted, None
        return process

    def _syntax_error(self, observation):
        if observation["outcome"] != "syntax-error":
            return False
        self.emit({"kind": "syntax-error", "error": observation})
        return True

    def _emit_within(self, kind, id, observation, budget):
        if observation["outcome"] == "timeout" and observation.get("reason") != "steps" and budget < self.limits["caseTimeoutMs"]:
            observation["reason"] = "total"
        self.emit({"kind": kind, "id": id, "observation": observation})

    def _discover(self):
        """Lists the tests (compiling the learner's file first); the listing's process goes on with the first test.
        False if the file has a syntax error."""
        discovery, first_test = run_one(dict(self.request, mode="discover", compileFirst=True), {"id": "discover"},
                                        self.budget_left() or 1, self.launcher, self._first_process(), then=self._run_first_test)
        if self._syntax_error(discovery):
            return False
        if not self.listed:
            self._list_tests(discovery)
        if first_test is not None:
            self._emit_within("test", 0, first_test, self.first_test_budget)
        return True

    def _list_tests(self, discovery):
        self.listed = True
        self.emit({"kind": "discovery", "observation": discovery})
        if discovery["outcome"] == "discovered":
            self.tests.extend(dict(t, file=f["file"]) for f in discovery["files"] for t in f.get("tests", []))

    def _run_first_test(self, discovery):
        """Once the listing is out, the listing's process goes on with the first test (see testfiles.run_discovery)."""
        self._list_tests(discovery)
        self.first_test_budget = self.budget_left() if self.tests else None
        return ({"id": "test-0", "test": self.tests[0]}, self.first_test_budget) if self.first_test_budget else None
