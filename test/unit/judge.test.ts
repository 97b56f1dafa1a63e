import type { ExerciseCase } from "../../server/exercises/exercise";
import { judgeCase, overallVerdict, type ResolvedExpectation, type Status, syntaxErrorMessage, type TestResult } from "../../server/grading/judge";
import { DEFAULT_LIMITS, type SandboxLimits } from "../../server/grading/limits";
import type { CaseObservation, ObservedException } from "../../server/grading/observation";
import { type PyValue } from "../../server/grading/values";

const LIMITS: SandboxLimits = { ...DEFAULT_LIMITS, caseTimeoutMs: 2000, totalTimeoutMs: 12_000, memoryMb: 128, outputBytes: 64 * 1024 };

function aCase(overrides: Partial<ExerciseCase> = {}): ExerciseCase {
  return { index: 0, name: "doubles two", call: "double(2)", hidden: false, expectation: { kind: "reference" }, ...overrides };
}
const value = (v: PyValue): ResolvedExpectation => ({ kind: "value", value: v });
const raises = (exception: string): ResolvedExpectation => ({ kind: "raises", exception });
const int = (v: number): PyValue => ({ t: "int", v: BigInt(v) });

function exception(type: string, mro: string[], message = "", line?: number): ObservedException {
  return { type, mro: [type, ...mro], message, traceback: line ? [{ line: 1, function: "<module>", text: "" }, { line, function: "double", text: "x / 0" }] : [] };
}
const returned = (v: unknown, stdout = ""): CaseObservation => ({ outcome: "returned", value: v, stdout, stderr: "" });

describe("judgeCase: the function returned", () => {
  test("an equal value passes, and shows expected and actual as Python reprs", () => {
    const r = judgeCase(aCase(), value(int(4)), returned({ t: "float", v: "4.0" }), LIMITS);
    expect(r).toEqual({ name: "doubles two", status: "passed", hidden: false, call: "double(2)", expected: "4", actual: "4.0" });
  });

  test("a different value fails, naming both", () => {
    const r = judgeCase(aCase(), value({ t: "list", items: [int(1), int(2)] }), returned({ t: "tuple", items: [{ t: "int", v: "1" }, { t: "int", v: "2" }] }), LIMITS);
    expect(r.status).toBe("failed");
    expect(r.expected).toBe("[1, 2]");
    expect(r.actual).toBe("(1, 2)");
    expect(r.message).toBe("Expected [1, 2] but got (1, 2).");
  });

  test("a tolerance lets a nearly equal float pass", () => {
    const obs = returned({ t: "float", v: "0.30000000000000004" });
    expect(judgeCase(aCase(), value({ t: "float", v: 0.3 }), obs, LIMITS).status).toBe("failed");
    expect(judgeCase(aCase({ tolerance: 1e-9 }), value({ t: "float", v: 0.3 }), obs, LIMITS).status).toBe("passed");
  });

  test("printing the answer and returning None gets its own explanation, with the printed text", () => {
    const r = judgeCase(aCase(), value(int(4)), returned({ t: "none" }, "4\n"), LIMITS);
    expect(r.status).toBe("failed");
    expect(r.actual).toBe("None");
    expect(r.message).toMatch(/printed something but returned None: use return/);
    expect(r.stdout).toBe("4\n");
  });

  test("returning None without printing is an ordinary wrong answer", () => {
    const r = judgeCase(aCase(), value(int(4)), returned({ t: "none" }, "  \n"), LIMITS);
    expect(r.message).toBe("Expected 4 but got None.");
  });

  test("returning when an exception was expected fails", () => {
    const r = judgeCase(aCase(), raises("ValueError"), returned({ t: "int", v: "7" }), LIMITS);
    expect(r.status).toBe("failed");
    expect(r.expected).toBe("raises ValueError");
    expect(r.actual).toBe("7");
    expect(r.message).toBe("Expected ValueError to be raised, but the function returned 7.");
  });

  test("long values are shortened in messages", () => {
    const long = "x".repeat(5000);
    const r = judgeCase(aCase(), value({ t: "str", v: "y" }), returned({ t: "str", v: long }), LIMITS);
    expect(r.message!.length).toBeLessThan(400);
    expect(r.actual!.length).toBeLessThanOrEqual(2001);
    expect(r.actual!.endsWith("…")).toBe(true);
  });

  test("a value the grader cannot read is an internal error, not the learner's fault", () => {
    const r = judgeCase(aCase(), value(int(4)), returned({ t: "int", v: "four" }), LIMITS);
    expect(r.status).toBe("internal-error");
    expect(r.message).toMatch(/not read your function's result/);
  });
});

describe("judgeCase: the function raised", () => {
  const zeroDivision = exception("ZeroDivisionError", ["ArithmeticError", "Exception", "BaseException", "object"], "division by zero", 3);

  test("without a raises expectation it is an error naming the exception, its message and line", () => {
    const r = judgeCase(aCase(), value(int(4)), { outcome: "raised", exception: zeroDivision, stdout: "", stderr: "" }, LIMITS);
    expect(r.status).toBe("error");
    expect(r.message).toBe("ZeroDivisionError: division by zero (line 3)");
    expect(r.line).toBe(3);
    expect(r.actual).toBe("raised ZeroDivisionError");
    expect(r.expected).toBe("4");
  });

  test("the expected exception passes", () => {
    const e = exception("ValueError", ["Exception", "BaseException", "object"], "bad percent", 4);
    const r = judgeCase(aCase(), raises("ValueError"), { outcome: "raised", exception: e }, LIMITS);
    expect(r.status).toBe("passed");
    expect(r.expected).toBe("raises ValueError");
  });

  test("a subclass of the expected exception passes, through its mro", () => {
    const e = exception("UnicodeDecodeError", ["UnicodeError", "ValueError", "Exception", "BaseException", "object"], "bad byte", 2);
    expect(judgeCase(aCase(), raises("ValueError"), { outcome: "raised", exception: e }, LIMITS).status).toBe("passed");
    const custom = exception("NegativePriceError", ["ValueError", "Exception", "BaseException", "object"]);
    expect(judgeCase(aCase(), raises("ValueError"), { outcome: "raised", exception: custom }, LIMITS).status).toBe("passed");
  });

  test("a different exception than the expected one fails, naming both", () => {
    const e = exception("TypeError", ["Exception", "BaseException", "object"], "unsupported operand", 5);
    const r = judgeCase(aCase(), raises("ValueError"), { outcome: "raised", exception: e }, LIMITS);
    expect(r.status).toBe("failed");
    expect(r.message).toBe("Expected ValueError, but your code raised TypeError: unsupported operand (line 5).");
    expect(r.line).toBe(5);
  });

  test("a superclass of the expected exception does not pass", () => {
    const e = exception("Exception", ["BaseException", "object"]);
    expect(judgeCase(aCase(), raises("ValueError"), { outcome: "raised", exception: e }, LIMITS).status).toBe("failed");
  });

  test("RecursionError explains the missing base case", () => {
    const e = exception("RecursionError", ["RuntimeError", "Exception", "BaseException", "object"], "maximum recursion depth exceeded", 2);
    const r = judgeCase(aCase(), value(int(4)), { outcome: "raised", exception: e }, LIMITS);
    expect(r.status).toBe("error");
    expect(r.message).toMatch(/^RecursionError: the function called itself too many times \(line 2\).*base case/);
  });

  test("SystemExit says to return instead of exiting", () => {
    const e = exception("SystemExit", ["BaseException", "object"], "0", 4);
    const r = judgeCase(aCase(), value(int(4)), { outcome: "raised", exception: e }, LIMITS);
    expect(r.status).toBe("error");
    expect(r.message).toMatch(/exit\(\) \(line 4\).*return the value instead/);
  });

  test("escape sequences in an exception's message are shown, not executed", () => {
    const e = exception("ValueError", ["Exception", "BaseException", "object"], "bad \u001b[2Jvalue", 2);
    const r = judgeCase(aCase(), value(int(4)), { outcome: "raised", exception: e, stdout: "\u001b[31mred\n" }, LIMITS);
    expect(r.message).toBe("ValueError: bad \\x1b[2Jvalue (line 2)");
    expect(r.stdout).toBe("\\x1b[31mred\n");
  });

  test("MemoryError is the memory limit, with the limit in MB", () => {
    const e = exception("MemoryError", ["Exception", "BaseException", "object"], "", 2);
    const r = judgeCase(aCase(), value(int(4)), { outcome: "raised", exception: e }, LIMITS);
    expect(r.status).toBe("memory-limit");
    expect(r.message).toBe("Your code used more than 128 MB of memory: is a list or string growing without end?");
  });
});

describe("judgeCase: the case did not finish", () => {
  const cases: [string, CaseObservation, Status, RegExp][] = [
    ["a case timeout", { outcome: "timeout" }, "timeout", /^Your code ran longer than 2 s on this test: is there a loop that never ends\?$/],
    ["the CPU limit", { outcome: "timeout", reason: "cpu" }, "timeout", /ran longer than 2 s on this test/],
    ["the total timeout", { outcome: "timeout", reason: "total" }, "timeout", /^All tests together ran longer than 12 s, so this one was stopped/],
    ["not run", { outcome: "not-run" }, "timeout", /^Not run: all tests together may take 12 s, and that time ran out before this one\.$/],
    ["the memory limit", { outcome: "memory-limit" }, "memory-limit", /more than 128 MB of memory/],
    ["the output limit", { outcome: "output-limit" }, "output-limit", /printed more than 64 KB: is there a print inside a loop/],
    ["a result too large", { outcome: "result-too-large" }, "output-limit", /returned a value too large to check/],
    ["exit()", { outcome: "crashed", exitCode: 3 }, "error", /^Your code ended the program \(exit code 3\) before the function returned: remove calls to exit\(\)/],
    ["a signal", { outcome: "crashed", signal: "SIGTERM" }, "error", /^Your code was stopped by SIGTERM before the function returned/],
    ["SIGKILL", { outcome: "crashed", signal: "SIGKILL" }, "error", /killed \(SIGKILL\) before the function returned/],
    ["a segmentation fault", { outcome: "crashed", signal: "SIGSEGV" }, "error", /^Python crashed \(segmentation fault\).*recursion/],
    ["an unknown crash", { outcome: "crashed" }, "error", /^Your code was stopped by a signal before the function returned/],
    ["an unreadable result", { outcome: "unreadable-result" }, "error", /could not read what your function returned or raised/],
    ["a harness error", { outcome: "harness-error", message: "case setup failed" }, "internal-error", /This is not your fault: please submit again/],
  ];
  test.each(cases)("%s", (_name, obs, status, message) => {
    const r = judgeCase(aCase(), value(int(4)), obs, LIMITS);
    expect(r.status).toBe(status);
    expect(r.message).toMatch(message);
    expect(r.actual).toBeUndefined();
    expect(r.expected).toBe("4");
    expect(r.call).toBe("double(2)");
  });

  test("the harness's internal message is never shown to the learner", () => {
    const r = judgeCase(aCase(), value(int(4)), { outcome: "harness-error", message: "case setup failed: OSError(28)" }, LIMITS);
    expect(JSON.stringify(r)).not.toContain("OSError");
  });
});

describe("judgeCase: hidden cases keep their input and expected value to themselves", () => {
  const SECRET_INPUT = "secret-input-8f3a";
  const SECRET_EXPECTED = "secret-expected-51c9";
  const hidden = aCase({ hidden: true, name: "an edge case", call: `double("${SECRET_INPUT}")` });
  const expected = value({ t: "str", v: SECRET_EXPECTED });
  const echo = `${SECRET_INPUT} ${SECRET_EXPECTED}`;
  const observations: [string, CaseObservation, Status][] = [
    ["a wrong value", returned({ t: "str", v: echo }, `printed ${echo}`), "failed"],
    ["None after printing", returned({ t: "none" }, `printed ${echo}`), "failed"],
    [
      "an exception whose message holds the input",
      { outcome: "raised", exception: exception("KeyError", ["LookupError", "Exception", "BaseException", "object"], echo, 7), stdout: echo, stderr: echo },
      "error",
    ],
    ["a timeout", { outcome: "timeout", stdout: echo }, "timeout"],
    ["not run", { outcome: "not-run" }, "timeout"],
    ["the memory limit", { outcome: "memory-limit", stdout: echo }, "memory-limit"],
    ["a MemoryError", { outcome: "raised", exception: exception("MemoryError", ["Exception", "BaseException", "object"], echo, 2) }, "memory-limit"],
    ["the output limit", { outcome: "output-limit", stdout: echo.repeat(100) }, "output-limit"],
    ["a result too large", { outcome: "result-too-large" }, "output-limit"],
    ["an unreadable result", { outcome: "unreadable-result", stdout: echo }, "error"],
    ["exit()", { outcome: "crashed", exitCode: 1, stdout: echo }, "error"],
    ["a signal", { outcome: "crashed", signal: "SIGSEGV", stdout: echo }, "error"],
    ["a harness error", { outcome: "harness-error", message: echo }, "internal-error"],
  ];

  test.each(observations)("%s", (_name, obs, status) => {
    const r = judgeCase(hidden, expected, obs, LIMITS);
    expect(r.status).toBe(status);
    expect(r.hidden).toBe(true);
    expect(Object.keys(r).sort()).toEqual(["hidden", "message", "name", "status"]);
    expect(r.message).toEqual(expect.any(String));
    const shown = JSON.stringify(r);
    expect(shown).not.toContain(SECRET_INPUT);
    expect(shown).not.toContain(SECRET_EXPECTED);
    expect(shown).not.toContain("secret");
  });

  test("a raised exception is named, with its line, but not its message", () => {
    const obs: CaseObservation = { outcome: "raised", exception: exception("KeyError", ["LookupError", "Exception", "BaseException", "object"], SECRET_INPUT, 7) };
    expect(judgeCase(hidden, expected, obs, LIMITS).message).toBe("Your code raised KeyError on this hidden test (line 7).");
  });

  test("a hidden raises case that fails does not say which exception was expected", () => {
    const hiddenRaises = aCase({ hidden: true, name: "rejects a negative price" });
    const r = judgeCase(hiddenRaises, raises("NegativePriceError"), returned({ t: "int", v: "-5" }), LIMITS);
    expect(r.status).toBe("failed");
    expect(JSON.stringify(r)).not.toContain("NegativePriceError");
    expect(JSON.stringify(r)).not.toContain("-5");
  });

  test("a passing hidden case carries only its name and status", () => {
    expect(judgeCase(hidden, expected, returned({ t: "str", v: SECRET_EXPECTED }), LIMITS)).toEqual({ name: "an edge case", status: "passed", hidden: true });
  });
});

describe("overallVerdict", () => {
  const t = (status: Status, message?: string): TestResult => ({ name: `a ${status} test`, status, hidden: false, ...(message ? { message } : {}) });

  test("all passed", () => {
    expect(overallVerdict([t("passed"), t("passed"), t("passed")])).toEqual({ status: "passed", message: "All 3 tests passed.", passedCount: 3, totalCount: 3 });
  });

  test("wrong answers only: the count, without repeating one test's message", () => {
    expect(overallVerdict([t("passed"), t("failed", "Expected 4 but got 5."), t("failed", "Expected 1 but got 2.")])).toEqual({
      status: "failed",
      message: "1 of 3 tests passed.",
      passedCount: 1,
      totalCount: 3,
    });
  });

  test("other statuses add the first such test's message", () => {
    const v = overallVerdict([t("failed", "x"), t("error", "ZeroDivisionError: division by zero (line 3)"), t("error", "TypeError")]);
    expect(v.status).toBe("error");
    expect(v.message).toBe("0 of 3 tests passed. ZeroDivisionError: division by zero (line 3)");
  });

  test("priority: internal-error, syntax-error, timeout, memory-limit, output-limit, error, failed", () => {
    const order: Status[] = ["internal-error", "syntax-error", "timeout", "memory-limit", "output-limit", "error", "failed"];
    order.forEach((status, i) => {
      const lower = order.slice(i + 1).map((s) => t(s, `${s} message`));
      const tests = [t("passed"), ...lower.reverse(), t(status, `${status} message`)];
      const v = overallVerdict(tests);
      expect(v.status).toBe(status);
      expect(v.passedCount).toBe(1);
      expect(v.totalCount).toBe(tests.length);
      if (status !== "failed") expect(v.message).toBe(`1 of ${tests.length} tests passed. ${status} message`);
    });
  });

  test("no tests at all is never a pass", () => {
    expect(overallVerdict([]).status).not.toBe("passed");
  });
});

describe("syntaxErrorMessage", () => {
  test("gives the line and column", () => {
    expect(syntaxErrorMessage({ outcome: "syntax-error", type: "SyntaxError", message: "expected ':'", line: 1, column: 14, text: "def f(x)" })).toBe(
      "Python could not read your code at line 1, column 14: expected ':'.",
    );
  });
  test("names indentation errors", () => {
    expect(syntaxErrorMessage({ outcome: "syntax-error", type: "IndentationError", message: "unexpected indent", line: 3, column: null, text: "" })).toBe(
      "Python could not read your code at line 3: IndentationError: unexpected indent.",
    );
  });
  test("explains NUL bytes", () => {
    expect(
      syntaxErrorMessage({ outcome: "syntax-error", type: "ValueError", message: "source code string cannot contain null bytes", line: null, column: null, text: "" }),
    ).toMatch(/contains NUL bytes/);
  });
});
