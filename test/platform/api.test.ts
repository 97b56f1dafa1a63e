// The HTTP API and socket.io against the real platform: validation, who may read what, and the live path
// from submission to verdict and progress.
import { readFileSync } from "node:fs";
import path from "node:path";
import { io as connectSocket } from "socket.io-client";
import { loadExercise } from "../../server/exercises/load";
import type { Platform } from "../../server/platform";
import { connectLearnerSocket, LearnerClient, startTestPlatform } from "../support/platform";

const SHOUT_DIR = path.resolve(__dirname, "../../exercises/basics/shout");
const shout = loadExercise(SHOUT_DIR);
const SOLUTION = readFileSync(path.join(SHOUT_DIR, "solution.py"), "utf8");
const WRONG = "def shout(text):\n    return text.upper()\n";

let platform: Platform;
beforeAll(async () => {
  platform = await startTestPlatform();
});
afterAll(async () => {
  await platform.stop();
});

const socketFor = (learner: LearnerClient) => connectLearnerSocket(platform.url, learner);

describe("exercises", () => {
  test("the list carries every exercise in teaching order, with no progress for a new learner", async () => {
    const learner = new LearnerClient(platform.url);
    const { status, json } = await learner.request("GET", "/api/exercises");
    expect(status).toBe(200);
    // The course's units come first, in folder order, each with the learner's progress in it.
    expect(json.exercises.map((e: { id: string }) => e.id).slice(0, 2)).toEqual(["01-printing/greeting", "01-printing/three_ways"]);
    expect(json.units.map((u: { name: string }) => u.name).slice(0, 3)).toEqual(["01-printing", "02-arithmetic", "03-strings"]);
    expect(json.units[0]).toMatchObject({ title: "Unit 1: Printing and values", total: 7, solved: 0, attempted: 0 });
    expect(json.exercises.every((e: { progress: unknown }) => e.progress === null)).toBe(true);
    expect(learner.cookieHeader).toMatch(/^tutor_learner=/);
  });

  test("an exercise's page never carries the reference solution or a hidden case", async () => {
    const learner = new LearnerClient(platform.url);
    const { status, json } = await learner.request("GET", "/api/exercises/basics/shout");
    expect(status).toBe(200);
    const body = JSON.stringify(json);
    expect(json.exercise.visibleCases.length).toBe(shout.cases.filter((c) => !c.hidden).length);
    expect(json.exercise.hiddenCaseCount).toBe(shout.cases.filter((c) => c.hidden).length);
    for (const hidden of shout.cases.filter((c) => c.hidden)) expect(body).not.toContain(JSON.stringify(hidden.call).slice(1, -1));
    expect(body).not.toContain("solution");
    expect(body).not.toContain(SOLUTION.split("\n").find((l) => l.includes("loud"))!.trim());
    expect(json.exercise.instructionsHtml).toContain("<");
    expect(json.exercise.instructionsHtml).not.toMatch(/<script/i);
  });

  test("an unknown exercise is a 404 with a clear message", async () => {
    const { status, json } = await new LearnerClient(platform.url).request("GET", "/api/exercises/basics/no-such-thing");
    expect(status).toBe(404);
    expect(json.error.message).toMatch(/basics\/no-such-thing was not found/);
  });
});

describe("submitting: bad requests get a clear 4xx", () => {
  const learner = () => new LearnerClient(platform.url);
  const submit = "/api/exercises/basics/shout/submissions";

  test("code missing or not a string", async () => {
    for (const body of [{}, { code: 42 }, { code: "x", extra: 1 }]) {
      const { status, json } = await learner().request("POST", submit, body);
      expect(status).toBe(400);
      expect(json.error.code).toBe("validation");
      expect(json.error.message).toMatch(/not valid/);
    }
  });

  test("malformed JSON", async () => {
    const { status, json } = await learner().request("POST", submit, "{not json");
    expect(status).toBe(400);
    expect(json.error.code).toBe("malformed-json");
  });

  test("not JSON at all", async () => {
    const { status, json } = await learner().request("POST", submit, undefined, { "content-type": "text/plain" });
    expect(status).toBe(415);
    expect(json.error.message).toMatch(/JSON/);
  });

  test("from another site", async () => {
    const { status, json } = await learner().request("POST", submit, { code: WRONG }, { origin: "http://evil.example" });
    expect(status).toBe(403);
    expect(json.error.code).toBe("cross-origin");
  });

  test("code over the size limit", async () => {
    const { status, json } = await learner().request("POST", submit, { code: "#".repeat(200 * 1024) });
    expect(status).toBe(413);
    expect(json.error.message).toMatch(/the limit is 100 KB/);
  });

  test("a malformed submission id", async () => {
    const { status, json } = await learner().request("GET", "/api/submissions/not-a-uuid");
    expect(status).toBe(400);
    expect(json.error.message).toMatch(/UUID/);
  });
});

describe("grading through the queue", () => {
  test("a learner sees each state live over socket.io, then the verdict and progress are stored", async () => {
    const learner = new LearnerClient(platform.url);
    await learner.request("GET", "/api/me");
    const socket = await socketFor(learner);
    const seen: string[] = [];
    const finished = new Promise<any>((resolve) => {
      socket.on("submission:queued", () => seen.push("queued"));
      socket.on("submission:running", () => seen.push("running"));
      socket.on("submission:test", (e: { test: { status: string } }) => seen.push(`test:${e.test.status}`));
      socket.on("submission:finished", (e: { submission: unknown }) => {
        seen.push("finished");
        resolve(e.submission);
      });
    });
    const { status, json } = await learner.request("POST", "/api/exercises/basics/shout/submissions", { code: WRONG });
    expect(status).toBe(202);
    expect(json.submission.state).toBe("queued");
    const final = await finished;
    socket.close();

    expect(seen[0]).toBe("queued");
    expect(seen[1]).toBe("running");
    expect(seen.filter((s) => s.startsWith("test:"))).toHaveLength(shout.cases.length);
    expect(seen.at(-1)).toBe("finished");
    expect(final.verdict).toBe("failed");
    const failedVisible = final.tests.find((t: any) => !t.hidden && t.status === "failed");
    expect(failedVisible).toMatchObject({ name: "one word", expected: "'HELLO!'", actual: "'HELLO'" });

    const again = await learner.request("POST", "/api/exercises/basics/shout/submissions", { code: SOLUTION });
    const solved = await learner.waitForVerdict(again.json.submission.id);
    expect(solved.verdict).toBe("passed");
    const list = await learner.request("GET", "/api/exercises");
    const progress = list.json.exercises.find((e: { id: string }) => e.id === "basics/shout").progress;
    expect(progress).toMatchObject({ attempts: 2, solved: true, bestPassed: shout.cases.length, bestTotal: shout.cases.length, bestVerdict: "passed" });

    const history = await learner.request("GET", "/api/exercises/basics/shout/submissions");
    expect(history.json.submissions.map((s: { verdict: string }) => s.verdict)).toEqual(["passed", "failed"]);
    const events = await platform.db.submissionEvent.findMany({ where: { submissionId: final.id }, orderBy: { id: "asc" } });
    expect(events.map((e) => e.kind)).toEqual(["queued", "running", "graded"]);
  });

  test("a learner cannot read another learner's submission, nor receive its events", async () => {
    const owner = new LearnerClient(platform.url);
    const other = new LearnerClient(platform.url);
    await other.request("GET", "/api/me");
    const otherSocket = await socketFor(other);
    const leaked: unknown[] = [];
    otherSocket.onAny((_name, payload) => leaked.push(payload));

    const { json } = await owner.request("POST", "/api/exercises/basics/shout/submissions", { code: SOLUTION });
    const id = json.submission.id as string;
    await owner.waitForVerdict(id);
    const peek = await other.request("GET", `/api/submissions/${id}`);
    expect(peek.status).toBe(404);
    expect(JSON.stringify(peek.json)).not.toContain(SOLUTION.slice(0, 20));
    otherSocket.close();
    expect(leaked).toEqual([]);
  });

  test("output PostgreSQL cannot store as it is (NUL, lone surrogates) is still graded and stored", async () => {
    const learner = new LearnerClient(platform.url);
    const code = "def shout(text):\n    print('\\x00 \\udc80')\n    return '\\x00' + text\n";
    const { json } = await learner.request("POST", "/api/exercises/basics/shout/submissions", { code });
    const graded = await learner.waitForVerdict(json.submission.id);
    expect(graded.state).toBe("graded");
    expect(graded.verdict).toBe("failed");
    expect(graded.tests[0].actual).toContain("x00");
  });

  test("a socket without a learner cookie is refused", async () => {
    const error = await new Promise<Error>((resolve) => {
      const socket = connectSocket(platform.url, { transports: ["websocket"], reconnection: false });
      socket.on("connect_error", (e) => {
        socket.close();
        resolve(e);
      });
    });
    expect(error.message).toMatch(/unknown learner/);
  });
});
