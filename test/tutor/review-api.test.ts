// The review of working code through the platform and the command line: after a pass, the learner gets the
// suggestions a teacher would make ("use JSON here" for a hand-made `|` record format), with lessons; who may ask;
// pasted code; the class dashboard's counts; the model rewording and adding, and falling back; and what the
// sandbox container is sent (the code and its file name, nothing of the exercise's cases or solution).
// Real Docker, PostgreSQL and a scripted model server on loopback.
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { ensureAccountWithRole } from "../../server/auth/accounts";
import { assignSet } from "../../server/courses/assignments";
import { createCourse } from "../../server/courses/courses";
import { ExerciseCatalog } from "../../server/exercises/catalog";
import { loadExercise } from "../../server/exercises/load";
import type { Platform } from "../../server/platform";
import { offlineEngine } from "../../server/tutor/offline/engine";
import { reviewCode } from "../../server/tutor/tasks";
import { runTutor } from "../support/cli";
import { startFakeModelServer, type FakeModelServer } from "../support/fake-model-server";
import { LearnerClient, signedUpPerson, startTestPlatform } from "../support/platform";
import { recordingSandbox } from "../support/recording-sandbox";

const EXERCISE_DIR = path.resolve(__dirname, "../../exercises/09-files-json/guest_book");
const SUBMIT = "/api/exercises/09-files-json/guest_book/submissions";

/** Passes every test, with a record format of its own: fields glued with "|" and split apart again. */
const PIPE_WRITER = `def save_guests(path, guests):
    with open(path, "w") as file:
        for guest in guests:
            file.write(guest["name"] + "|" + guest["city"] + "|" + str(guest["nights"]) + "\\n")


def load_guests(path):
    guests = []
    with open(path) as file:
        for line in file:
            name, city, nights = line.strip().split("|")
            guests.append({"name": name, "city": city, "nights": int(nights)})
    return guests
`;

const STARTER_LIKE = "def save_guests(path, guests):\n    pass\n\n\ndef load_guests(path):\n    return []\n";

async function graded(learner: LearnerClient, code: string): Promise<any> {
  const { json } = await learner.request("POST", SUBMIT, { code });
  return learner.waitForVerdict(json.submission.id);
}

describe("offline", () => {
  let platform: Platform;
  beforeAll(async () => {
    platform = await startTestPlatform({ tutorDailyRequests: 200, tutorDailyModelAnswers: 50 }, true, {});
  });
  afterAll(async () => {
    await platform.stop();
  });

  test("a passing `|` record writer gets the JSON suggestion, essential in this exercise, with its lesson and an example", async () => {
    const learner = new LearnerClient(platform.url);
    await learner.signUp(`reviewed.${process.pid}@review.example`);
    const submission = await graded(learner, PIPE_WRITER);
    expect(submission.verdict).toBe("passed");
    const { status, json } = await learner.request("GET", `/api/submissions/${submission.id}/review`);
    expect(status).toBe(200);
    const review = json.review;
    expect(review.engine).toBe("offline");
    const suggestion = review.suggestions[0];
    expect(suggestion).toMatchObject({ id: "json-serialization", title: "Use JSON for structured data", severity: "essential", source: "detector" });
    expect(suggestion.line).toBeGreaterThanOrEqual(4);
    expect(suggestion.message.html).toContain("<code>");
    expect(suggestion.lesson.markdown).toMatch(/Use JSON here/);
    expect(suggestion.lesson.html).not.toMatch(/<script/i);
    expect(suggestion.example.after).toMatch(/json/);
    expect(suggestion.example.before).not.toContain("guest");
    // It passed: the review never calls it wrong.
    for (const s of review.suggestions) expect(s.message.markdown).not.toMatch(/\b(wrong|incorrect|mistake|bug)\b/i);
    const recorded = await platform.db.tutorAnswer.findMany({ where: { submissionId: submission.id, kind: "review" } });
    expect(recorded).toHaveLength(1);
  });

  test("who may ask: not for a failed submission (409), not someone else's, signed in or anonymous (404)", async () => {
    const owner = new LearnerClient(platform.url);
    await owner.signUp(`owner.${process.pid}@review.example`);
    const failed = await graded(owner, STARTER_LIKE);
    expect(failed.verdict).not.toBe("passed");
    const notYet = await owner.request("GET", `/api/submissions/${failed.id}/review`);
    expect(notYet.status).toBe(409);
    expect(notYet.json.error.message).toMatch(/passes every test/);
    const passed = await graded(owner, PIPE_WRITER);
    const other = new LearnerClient(platform.url);
    await other.signUp(`other.${process.pid}@review.example`);
    expect((await other.request("GET", `/api/submissions/${passed.id}/review`)).status).toBe(404);
    // A visitor with no account is an anonymous learner of their own, and this is not their submission either.
    expect((await new LearnerClient(platform.url).request("GET", `/api/submissions/${passed.id}/review`)).status).toBe(404);
  });

  test("pasted code is reviewed too (the Explain code page's Review tab); unreadable code gets a clear error", async () => {
    const learner = new LearnerClient(platform.url);
    await learner.signUp(`paster.${process.pid}@review.example`);
    const code = "def describe(name, age):\n    if age == None:\n        return name\n    return name + ' is ' + str(age)\n";
    const { status, json } = await learner.request("POST", "/api/tutor/review", { code });
    expect(status).toBe(200);
    expect(json.review.suggestions.map((s: any) => [s.id, s.line])).toEqual(expect.arrayContaining([["none-identity", 2], ["f-string", 4]]));
    const broken = await learner.request("POST", "/api/tutor/review", { code: "def f(:\n" });
    expect(broken.status).toBe(400);
    expect(broken.json.error.message).toMatch(/Python cannot read this code \(line 1\).*fix it first/);
    const empty = await learner.request("POST", "/api/tutor/review", { code: "  \n" });
    expect(empty.status).toBe(400);
  });

  test("the class dashboard counts the suggestions learners' passing code got, per exercise", async () => {
    const teacher = await signedUpPerson(platform, "instructor");
    const course = await createCourse(platform.db, "Review class", teacher.id);
    await assignSet(platform.db, ExerciseCatalog.load(path.resolve(__dirname, "../../exercises")).catalog, course.id, "09-files-json", null);
    for (const name of ["Ama", "Ben"]) {
      const learner = await signedUpPerson(platform, "learner", name);
      await platform.db.courseMember.create({ data: { courseId: course.id, userId: learner.id, role: "learner" } });
      const submission = await graded(learner.client, PIPE_WRITER);
      expect((await learner.client.request("GET", `/api/submissions/${submission.id}/review`)).status).toBe(200);
    }
    const { status, json } = await teacher.client.request("GET", `/api/courses/${course.id}/dashboard`);
    expect(status).toBe(200);
    const guestBook = json.reviewSuggestions.find((r: any) => r.exerciseId === "09-files-json/guest_book");
    expect(guestBook.suggestions[0]).toEqual({ id: "json-serialization", title: "Use JSON for structured data", severity: "essential", learners: 2 });
  });
});

test("the sandbox is sent the code and its file name, nothing of the exercise's cases or solution", async () => {
  const sandbox = await recordingSandbox();
  const exercise = loadExercise(EXERCISE_DIR);
  const review = await reviewCode(sandbox, offlineEngine, PIPE_WRITER, exercise);
  expect(review.suggestions.map((s) => s.id)).toContain("json-serialization");
  expect(sandbox.toolRequests).toEqual([{ mode: "review", file: "guest_book.py", source: PIPE_WRITER }]);
  expect(sandbox.requests).toEqual([]);
});

test("`tutor review <file> --exercise DIR --json` prints the suggestions in the documented shape", async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "tutor-review-"));
  const file = path.join(dir, "guest_book.py");
  writeFileSync(file, PIPE_WRITER);
  const run = await runTutor(["review", file, "--exercise", EXERCISE_DIR, "--json"], dir);
  expect(run.code).toBe(0);
  const out = JSON.parse(run.stdout);
  expect(Object.keys(out)).toEqual(["suggestions"]);
  for (const s of out.suggestions) expect(Object.keys(s)).toEqual(["id", "title", "line", "severity", "message"]);
  expect(out.suggestions[0]).toMatchObject({ id: "json-serialization", severity: "essential" });
  // Without the exercise, the same suggestion is only actionable: the exercise is what makes it essential.
  const plain = JSON.parse((await runTutor(["review", file, "--json"], dir)).stdout);
  expect(plain.suggestions.find((s: any) => s.id === "json-serialization").severity).toBe("actionable");
  const missing = await runTutor(["review", path.join(dir, "nope.py")], dir);
  expect(missing.code).not.toBe(0);
  expect(missing.stderr).toMatch(/cannot read .*nope\.py: check the path/);
}, 120_000);

describe("with a model configured", () => {
  let model: FakeModelServer;
  let platform: Platform;
  beforeAll(async () => {
    model = await startFakeModelServer();
    const env = { TUTOR_MODEL_BASE_URL: model.baseUrl, TUTOR_MODEL: "scripted-tutor", TUTOR_MODEL_TIMEOUT_MS: "1500", TUTOR_MODEL_API_KEY: "sk-test-secret-key-5678" };
    platform = await startTestPlatform({ tutorDailyRequests: 200, tutorDailyModelAnswers: 50 }, true, env);
  });
  afterAll(async () => {
    await platform.stop();
    await model.close();
  });

  async function passing(email: string, code = PIPE_WRITER): Promise<{ learner: LearnerClient; id: string }> {
    const learner = new LearnerClient(platform.url);
    await learner.signUp(email);
    return { learner, id: (await graded(learner, code)).id };
  }

  test("the model rewords the reviewers' suggestions and adds its own, labelled; the prompt holds no case or solution", async () => {
    const { learner, id } = await passing(`model.${process.pid}@review.example`);
    model.enqueue({
      type: "json",
      content: JSON.stringify({
        suggestions: [
          { id: "json-serialization", line: 11, title: "", message: "Your `|` format works today; `json` would keep a name with a `|` in it safe too." },
          { id: "model", line: 10, title: "Name the pieces", message: "`line.strip().split(...)` could go in a helper called `parse_guest`." },
        ],
      }),
    });
    const { status, json } = await learner.request("GET", `/api/submissions/${id}/review`);
    expect(status).toBe(200);
    expect(json.review.engine).toBe("model");
    const mine = json.review.suggestions.find((s: any) => s.id === "json-serialization");
    expect(mine).toMatchObject({ severity: "essential", source: "detector" });
    expect(mine.message.markdown).toMatch(/keep a name with a `\|` in it safe/);
    expect(json.review.suggestions.find((s: any) => s.source === "model")).toMatchObject({ id: "model", title: "Name the pieces", line: 10, lesson: null, example: null });
    const prompt = JSON.stringify(model.requests.at(-1)!.body.messages);
    expect(prompt).toContain("json-serialization");
    expect(prompt).not.toMatch(/Zed|json\.dump\(guests|sk-test-secret-key-5678/);
  });

  test("a model that quotes the reference solution, or is down, is replaced by the reviewers' own words, with a note", async () => {
    // Other code than the previous test's, whose model answer is cached by the code it answered.
    const { learner, id } = await passing(`leak.${process.pid}@review.example`, PIPE_WRITER.replace("for line in file", "for row in file").replace("line.strip()", "row.strip()"));
    model.enqueue({ type: "json", content: JSON.stringify({ suggestions: [{ id: "json-serialization", line: 11, title: "", message: "Just write `json.dump(guests, file)`." }] }) });
    const leaked = (await learner.request("GET", `/api/submissions/${id}/review`)).json.review;
    expect(leaked.engine).toBe("offline");
    expect(leaked.note).toMatch(/gave away the fix/);
    expect(JSON.stringify(leaked)).not.toContain("json.dump(guests, file)");
    expect(leaked.suggestions[0].id).toBe("json-serialization");

    const other = await passing(`down.${process.pid}@review.example`, PIPE_WRITER.replace("guests = []", "guests = list()"));
    model.enqueue({ type: "status", status: 500, body: '{"error":{"message":"down"}}' });
    const down = (await other.learner.request("GET", `/api/submissions/${other.id}/review`)).json.review;
    expect(down.engine).toBe("offline");
    expect(down.note).toMatch(/reported a problem/);
    expect(down.suggestions.map((s: any) => s.id)).toContain("json-serialization");
  });
});
