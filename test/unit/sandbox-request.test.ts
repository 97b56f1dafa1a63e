// What the harness is handed for a request: exactly the request's own fields and the limits, with the optional
// observations a request or a case may ask for (traces, executed lines) passed through as they are.
import { DEFAULT_LIMITS } from "../../server/grading/limits";
import { harnessRequest, type SandboxRequest } from "../../server/grading/sandbox/protocol";

const LIMITS_SENT = {
  caseTimeoutMs: DEFAULT_LIMITS.caseTimeoutMs,
  totalTimeoutMs: DEFAULT_LIMITS.totalTimeoutMs,
  outputBytes: DEFAULT_LIMITS.outputBytes,
  fileBytes: DEFAULT_LIMITS.fileBytes,
  addressSpaceBytes: DEFAULT_LIMITS.memoryMb * 1024 * 1024,
};

test("a request without optional observations is sent as its file, source, cases, tests and the limits", () => {
  const request: SandboxRequest = { file: "shout.py", source: "def shout(t):\n    return t\n", cases: [{ id: 0, call: "shout('a')" }, { id: 1, stdin: "x\n" }] };
  expect(harnessRequest(request, DEFAULT_LIMITS)).toEqual({ ...request, tests: [], limits: LIMITS_SENT });
  expect(Object.keys(harnessRequest(request, DEFAULT_LIMITS))).toEqual(["file", "source", "cases", "tests", "limits"]);
});

test("a case's trace options and the request's observe options reach the harness unchanged", () => {
  const request: SandboxRequest = {
    file: "f.py",
    source: "def f(n):\n    return n\n",
    cases: [{ id: 0, call: "f(1)", trace: { maxSteps: 1000 } }, { id: 1, call: "f(2)" }],
    tests: [{ name: "test_f.py", source: "import f\n" }],
    observe: { lines: true },
  };
  const sent = harnessRequest(request, DEFAULT_LIMITS);
  expect(sent.cases).toEqual([{ id: 0, call: "f(1)", trace: { maxSteps: 1000 } }, { id: 1, call: "f(2)" }]);
  expect(sent.observe).toEqual({ lines: true });
  expect(sent.tests).toEqual(request.tests);
});

test("nothing but the request's own fields enters, whatever else the object passed in holds", () => {
  const request = { file: "f.py", source: "x = 1\n", cases: [], expected: "a hidden value" } as SandboxRequest;
  expect(JSON.stringify(harnessRequest(request, DEFAULT_LIMITS))).not.toContain("a hidden value");
});
