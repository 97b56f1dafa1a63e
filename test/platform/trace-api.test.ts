// Stepping through a run over HTTP: a learner's own failing submission is traced at its first failing visible
// case; a hidden case, someone else's submission, an ungraded one and a spent hourly budget are each refused with
// a message; a call on pasted code is traced too. Real Docker, PostgreSQL and the shipped exercises.
import type { Platform } from "../../server/platform";
import { LearnerClient, startTestPlatform } from "../support/platform";

const SUBMIT = "/api/exercises/basics/running_total/submissions";
// A quiet bug: `total = number` where `total += number` was meant.
const BUGGY = "def running_total(numbers):\n    result = []\n    total = 0\n    for number in numbers:\n        total = number\n        result.append(total)\n    return result\n";
const PER_HOUR = 5;

let platform: Platform;
beforeAll(async () => {
  platform = await startTestPlatform({ tracesPerHour: PER_HOUR });
});
afterAll(async () => {
  await platform?.stop();
});

async function gradedSubmission(learner: LearnerClient, code = BUGGY): Promise<any> {
  const { json } = await learner.request("POST", SUBMIT, { code });
  return learner.waitForVerdict(json.submission.id);
}

test("the owner's failing submission is traced at its first failing visible case, with the code that ran", async () => {
  const learner = new LearnerClient(platform.url);
  const submission = await gradedSubmission(learner);
  expect(submission.verdict).toBe("failed");
  const { status, json } = await learner.request("POST", `/api/submissions/${submission.id}/trace`, {});
  expect(status).toBe(200);
  const trace = json.trace;
  expect(trace.case).toEqual({ name: "three numbers", call: "running_total([1, 2, 3])" });
  expect(trace.file).toBe("running_total.py");
  expect(trace.code).toBe(BUGGY);
  expect(trace.ending).toBe("returned [1, 2, 3]");
  expect(trace.steps.length).toBeGreaterThan(10);
  expect(trace.steps[0].frames[0]).toEqual({ function: "running_total", locals: { numbers: "[1, 2, 3]" } });

  const named = await learner.request("POST", `/api/submissions/${submission.id}/trace`, { case: "a negative number" });
  expect(named.status).toBe(200);
  expect(named.json.trace.case.call).toBe("running_total([10, -4, 2])");
});

test("refusals: a hidden case, an unknown case, another learner, nothing failing", async () => {
  const learner = new LearnerClient(platform.url);
  const submission = await gradedSubmission(learner);
  const hidden = await learner.request("POST", `/api/submissions/${submission.id}/trace`, { case: "empty list" });
  expect(hidden.status).toBe(403);
  expect(hidden.json.error.message).toMatch(/hidden test: hidden tests cannot be stepped through/);
  const unknown = await learner.request("POST", `/api/submissions/${submission.id}/trace`, { case: "no such test" });
  expect(unknown.status).toBe(404);
  expect(unknown.json.error.message).toContain('"three numbers"');

  const other = new LearnerClient(platform.url);
  const theirs = await other.request("POST", `/api/submissions/${submission.id}/trace`, {});
  expect(theirs.status).toBe(404);
  expect(JSON.stringify(theirs.json)).not.toContain("running_total");

  const passing = await gradedSubmission(learner, "def running_total(numbers):\n    out, total = [], 0\n    for n in numbers:\n        total += n\n        out.append(total)\n    return out\n");
  const nothing = await learner.request("POST", `/api/submissions/${passing.id}/trace`, {});
  expect(nothing.status).toBe(409);
  expect(nothing.json.error.message).toMatch(/Every test passed/);
});

test("a call on pasted code is traced; a bad body says what to send", async () => {
  const learner = new LearnerClient(platform.url);
  const { status, json } = await learner.request("POST", "/api/tutor/trace", { code: "def double(x):\n    y = x * 2\n    return y\n", call: "double(21)" });
  expect(status).toBe(200);
  expect(json.trace.case).toEqual({ name: "double(21)", call: "double(21)" });
  expect(json.trace.ending).toBe("returned 42");
  expect(json.trace.steps.map((s: { event: string }) => s.event)).toEqual(["call", "line", "line", "return"]);
  const bad = await learner.request("POST", "/api/tutor/trace", { code: "def f():\n    pass\n" });
  expect(bad.status).toBe(400);
  expect(bad.json.error.message).toMatch(/call/);
});

test(`each learner may step through ${PER_HOUR} runs an hour, then gets a 429 with Retry-After`, async () => {
  const learner = new LearnerClient(platform.url);
  const body = { code: "def one():\n    return 1\n", call: "one()" };
  for (let i = 0; i < PER_HOUR; i += 1) expect((await learner.request("POST", "/api/tutor/trace", body)).status).toBe(200);
  const refused = await learner.request("POST", "/api/tutor/trace", body);
  expect(refused.status).toBe(429);
  expect(refused.json.error.message).toMatch(/stepped through 5 runs this hour/);
  expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
  // Another learner has a budget of their own.
  expect((await new LearnerClient(platform.url).request("POST", "/api/tutor/trace", body)).status).toBe(200);
});
