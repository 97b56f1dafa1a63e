// The tutor through the platform, offline and with a model: feedback after a failure, three hints in order and
// recorded with the submission, lessons, and the code tools; who may ask; the model streaming, failing over to
// the offline engine, and the daily budgets. Real Docker, PostgreSQL and a scripted model server on loopback.
import { io as connectSocket, type Socket } from "socket.io-client";
import type { Platform } from "../../server/platform";
import { startFakeModelServer, type FakeModelServer } from "../support/fake-model-server";
import { LearnerClient, startTestPlatform } from "../support/platform";

const PRINTS_INSTEAD = "def shout(text):\n    print(text.upper() + '!')\n";
const SUBMIT = "/api/exercises/basics/shout/submissions";

async function failedSubmission(learner: LearnerClient, code = PRINTS_INSTEAD): Promise<any> {
  const { json } = await learner.request("POST", SUBMIT, { code });
  return learner.waitForVerdict(json.submission.id);
}

function socketFor(platform: Platform, learner: LearnerClient): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connectSocket(platform.url, { extraHeaders: { cookie: learner.cookieHeader }, transports: ["websocket"], reconnection: false });
    socket.on("connect", () => resolve(socket));
    socket.on("connect_error", reject);
  });
}

describe("offline (no model configured)", () => {
  let platform: Platform;
  beforeAll(async () => {
    platform = await startTestPlatform({ tutorDailyRequests: 200, tutorDailyModelAnswers: 50 }, true, {});
  });
  afterAll(async () => {
    await platform.stop();
  });

  test("a failed submission gets an explanation naming the failing case and the concept, as sanitised HTML", async () => {
    const learner = new LearnerClient(platform.url);
    const submission = await failedSubmission(learner);
    const { status, json } = await learner.request("GET", `/api/submissions/${submission.id}/feedback`);
    expect(status).toBe(200);
    const feedback = json.feedback;
    expect(feedback.engine).toBe("offline");
    expect(feedback.concepts[0].id).toBe("return-vs-print");
    expect(feedback.explanation.markdown).toMatch(/shout\("hello"\)|HELLO!/);
    expect(feedback.explanation.html).toContain("<p>");
    expect(feedback.explanation.html).not.toMatch(/<script/i);
    const answers = await platform.db.tutorAnswer.findMany({ where: { submissionId: submission.id } });
    expect(answers.map((a) => a.kind)).toEqual(["explanation"]);
  });

  test("the feedback carries the lines localization suspects, for the stepper to mark, and never what a repair changed", async () => {
    const learner = new LearnerClient(platform.url);
    const lowered = 'def shout(text):\n    text = text.lower()\n    if text.endswith("!"):\n        return text\n    return text + "!"\n';
    const submission = await failedSubmission(learner, lowered);
    const { status, json } = await learner.request("GET", `/api/submissions/${submission.id}/feedback`);
    expect(status).toBe(200);
    expect(json.feedback.suspectLines[0]).toEqual({ line: 2, score: expect.any(Number), evidence: "repair" });
    for (const suspect of json.feedback.suspectLines) expect(Object.keys(suspect).sort()).toEqual(["evidence", "line", "score"]);
    expect(JSON.stringify(json.feedback)).not.toContain("text = text.upper()");
  });

  test("hints come in order, never hand over the solution, and are recorded with the submission", async () => {
    const learner = new LearnerClient(platform.url);
    const submission = await failedSubmission(learner);
    const early = await learner.request("POST", `/api/submissions/${submission.id}/hints`, { level: 2 });
    expect(early.status).toBe(409);
    expect(early.json.error.message).toMatch(/ask for hint 1 first/);
    const texts: string[] = [];
    for (const level of [1, 2, 3]) {
      const { status, json } = await learner.request("POST", `/api/submissions/${submission.id}/hints`, { level });
      expect(status).toBe(200);
      expect(json.hint.level).toBe(level);
      texts.push(json.hint.text.markdown);
    }
    expect(new Set(texts).size).toBe(3);
    for (const text of texts) expect(text).not.toMatch(/```[\s\S]*\n[\s\S]*\n[\s\S]*\n[\s\S]*```/);
    const listed = await learner.request("GET", `/api/submissions/${submission.id}/hints`);
    expect(listed.json.hints.map((h: { level: number }) => h.level)).toEqual([1, 2, 3]);
    expect(listed.json.nextLevel).toBeNull();
    const recorded = await platform.db.tutorAnswer.findMany({ where: { submissionId: submission.id, kind: "hint" }, orderBy: { createdAt: "asc" } });
    expect(recorded.map((r) => r.level)).toEqual([1, 2, 3]);
  });

  test("a hidden case's failure is explained without revealing its input or expected value", async () => {
    const learner = new LearnerClient(platform.url);
    // Right on every visible case, wrong on the hidden "empty string" one (it crashes on text[-1]).
    const code = "def shout(text):\n    loud = text.upper()\n    if loud[-1] == '!':\n        return loud\n    return loud + '!'\n";
    const submission = await failedSubmission(learner, code);
    const failing = submission.tests.find((t: { status: string }) => t.status !== "passed");
    expect(failing.hidden).toBe(true);
    const { json } = await learner.request("GET", `/api/submissions/${submission.id}/feedback`);
    const said = JSON.stringify(json.feedback);
    expect(said).not.toContain('shout("")');
    expect(said).toMatch(/empty string/);
    expect(json.feedback.concepts.map((c: { id: string }) => c.id).slice(0, 3)).toContain("index-out-of-range");
  });

  test("only the submission's owner may ask about it", async () => {
    const owner = new LearnerClient(platform.url);
    const stranger = new LearnerClient(platform.url);
    const submission = await failedSubmission(owner);
    expect((await stranger.request("GET", `/api/submissions/${submission.id}/feedback`)).status).toBe(404);
    expect((await stranger.request("POST", `/api/submissions/${submission.id}/hints`, { level: 1 })).status).toBe(404);
    expect((await stranger.request("GET", `/api/submissions/${submission.id}/hints`)).status).toBe(404);
  });

  test("a concept's lesson is served as sanitised HTML; an unknown one is a 404", async () => {
    const learner = new LearnerClient(platform.url);
    const { status, json } = await learner.request("GET", "/api/concepts/json-serialization");
    expect(status).toBe(200);
    expect(json.concept.lesson.markdown).toMatch(/json/i);
    expect(json.concept.lesson.html).toContain("<");
    expect((await learner.request("GET", "/api/concepts/no-such-concept")).status).toBe(404);
  });

  test("explain, docstrings and tests work on pasted code, with examples run in the sandbox", async () => {
    const learner = new LearnerClient(platform.url);
    const code = "def total(numbers):\n    result = 0\n    for n in numbers:\n        result += n\n    return result\n";
    const explained = await learner.request("POST", "/api/tutor/explain", { code });
    expect(explained.status).toBe(200);
    expect(explained.json.explanation.function).toBe("total");
    expect(explained.json.explanation.steps.length).toBeGreaterThan(0);
    expect(explained.json.explanation.example).not.toBeNull();

    const documented = await learner.request("POST", "/api/tutor/docstrings", { code });
    expect(documented.status).toBe(200);
    expect(documented.json.result.sameAst).toBe(true);
    expect(documented.json.result.code).toMatch(/def total\(numbers\):\n    """/);
    expect(documented.json.result.code).toContain(">>> total(");

    const tests = await learner.request("POST", "/api/tutor/tests", { code });
    expect(tests.status).toBe(200);
    expect(tests.json.tests.cases.length).toBeGreaterThan(0);
    expect(tests.json.tests.casesYaml).toContain("call: ");
    expect(tests.json.tests.pytest).toContain("from solution import total");
    expect(tests.json.tests.mutation.total).toBeGreaterThan(0);
    expect(tests.json.tests.mutation.killed).toBeGreaterThan(0);
  });

  test("code the tutor cannot work with gets a 400 that says what to fix", async () => {
    const learner = new LearnerClient(platform.url);
    const none = await learner.request("POST", "/api/tutor/explain", { code: "x = 1\n" });
    expect(none.status).toBe(400);
    expect(none.json.error.message).toMatch(/no function/);
    const broken = await learner.request("POST", "/api/tutor/explain", { code: "def f(:\n" });
    expect(broken.status).toBe(400);
    expect(broken.json.error.message).toMatch(/cannot read this code/);
    const wrongName = await learner.request("POST", "/api/tutor/explain", { code: "def f():\n    return 1\n", function: "g" });
    expect(wrongName.status).toBe(400);
    expect(wrongName.json.error.message).toMatch(/no function called g/);
  });

  test("the daily request budget answers 429 with when it resets", async () => {
    const limited = await startTestPlatform({ tutorDailyRequests: 1, tutorDailyModelAnswers: 1 }, true, {});
    try {
      const learner = new LearnerClient(limited.url);
      const first = await learner.request("POST", "/api/tutor/explain", { code: "def f(x):\n    return x * 2\n" });
      expect(first.status).toBe(200);
      const second = await learner.request("POST", "/api/tutor/explain", { code: "def g(x):\n    return x * 3\n" });
      expect(second.status).toBe(429);
      expect(second.json.error.message).toMatch(/resets at midnight UTC/);
    } finally {
      await limited.stop();
    }
  });
});

describe("with a model configured", () => {
  let model: FakeModelServer;
  let platform: Platform;
  beforeAll(async () => {
    model = await startFakeModelServer();
    const env = { TUTOR_MODEL_BASE_URL: model.baseUrl, TUTOR_MODEL: "scripted-tutor", TUTOR_MODEL_TIMEOUT_MS: "1500", TUTOR_MODEL_API_KEY: "sk-test-secret-key-1234" };
    platform = await startTestPlatform({ tutorDailyRequests: 200, tutorDailyModelAnswers: 2 }, true, env);
  });
  afterAll(async () => {
    await platform.stop();
    await model.close();
  });

  test("the model's explanation streams to the browser over socket.io, grounded in the facts", async () => {
    const learner = new LearnerClient(platform.url);
    const submission = await failedSubmission(learner);
    const socket = await socketFor(platform, learner);
    const streamed: string[] = [];
    socket.on("tutor:text", (e: { requestId: string; text: string }) => {
      if (e.requestId === submission.id) streamed.push(e.text);
    });
    const explanation = "Your function prints the loud text but gives back None. Use return instead of print.";
    model.enqueue({ type: "stream", content: JSON.stringify({ explanation, concepts: ["return-vs-print"] }), chunkChars: 8 });
    const { json } = await learner.request("GET", `/api/submissions/${submission.id}/feedback`);
    // The socket and the HTTP response travel on different connections: the last streamed text may land just after.
    for (let i = 0; i < 100 && streamed.at(-1) !== explanation; i++) await new Promise((r) => setTimeout(r, 50));
    socket.close();
    expect(json.feedback.engine).toBe("model");
    expect(json.feedback.explanation.markdown).toBe(explanation);
    expect(json.feedback.concepts[0].id).toBe("return-vs-print");
    expect(streamed.length).toBeGreaterThan(2);
    expect(streamed.at(-1)).toBe(explanation);
    const sent = model.requests.at(-1)!;
    expect(sent.body.model).toBe("scripted-tutor");
    expect(sent.body.temperature).toBe(0);
    expect(sent.headers.authorization).toBe("Bearer sk-test-secret-key-1234");
    expect(sent.rawBody).toContain("print(text.upper()");
    expect(sent.rawBody).not.toContain("sk-test-secret-key-1234");
  });

  test("a model that rate-limits or leaks the solution is replaced by the offline answer, with a note", async () => {
    const learner = new LearnerClient(platform.url);
    const submission = await failedSubmission(learner, "def shout(text):\n    return text\n");
    model.enqueue({ type: "status", status: 429, body: '{"error":{"message":"slow down"}}', headers: { "retry-after": "1" } });
    const { json } = await learner.request("GET", `/api/submissions/${submission.id}/feedback`);
    expect(json.feedback.engine).toBe("offline");
    expect(json.feedback.note).toMatch(/busy/);
  });

  test("after the day's model answers, the offline engine answers with a note saying why", async () => {
    // The previous test's 429 asked for one second of quiet (Retry-After), which the engine honours.
    await new Promise((r) => setTimeout(r, 1200));
    const learner = new LearnerClient(platform.url);
    const answers = { explanation: "Look at what your function returns.", concepts: [] };
    for (let i = 0; i < 3; i++) model.enqueue({ type: "json", content: JSON.stringify(answers) });
    const codes = ["def shout(t):\n    return t.lower()\n", "def shout(t):\n    return t + '?'\n", "def shout(t):\n    return t * 2\n"];
    const engines: string[] = [];
    let lastNote = "";
    for (const code of codes) {
      const submission = await failedSubmission(learner, code);
      const { json } = await learner.request("GET", `/api/submissions/${submission.id}/feedback`);
      engines.push(json.feedback.engine);
      lastNote = json.feedback.note ?? "";
    }
    expect(engines).toEqual(["model", "model", "offline"]);
    expect(lastNote).toMatch(/used today's 2 answers from the AI tutor/);
  });
});
