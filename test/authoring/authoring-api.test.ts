// Authoring over the API, against the real platform and sandbox, on a copy of exercises/: instructors read,
// preview, check, extend with proposed cases, save and create exercises; learners see the result and nothing
// more; invalid drafts, broken references and paths out of the folder are refused with nothing written.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Platform } from "../../server/platform";
import { copyOfExercises, signedInInstructor } from "../support/authoring";
import { LearnerClient, signedUpPerson, startTestPlatform } from "../support/platform";

const SHOUT = "/api/authoring/exercises/basics/shout";
let root: string;
let platform: Platform;
let instructor: LearnerClient;

beforeAll(async () => {
  root = copyOfExercises();
  platform = await startTestPlatform({ exercisesDir: root });
  instructor = await signedInInstructor(platform);
});
afterAll(async () => {
  await platform.stop();
});

/** Every file of a folder, by path, to show that nothing on disk changed. */
function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else files[path.relative(root, full)] = readFileSync(full, "utf8");
    }
  };
  walk(dir);
  return files;
}

async function readShout() {
  const { status, json } = await instructor.request("GET", SHOUT);
  expect(status).toBe(200);
  return json.exercise;
}

describe("who may author", () => {
  test("anonymous learners get 401 and signed-in learners 403, on every route, and nothing is created", async () => {
    const anonymous = new LearnerClient(platform.url);
    const learner = (await signedUpPerson(platform)).client;
    const { draft } = await readShout();
    const calls: [string, string, unknown?][] = [
      ["GET", SHOUT],
      ["GET", "/api/authoring/sets"],
      ["POST", `${SHOUT}/preview`, { draft }],
      ["POST", `${SHOUT}/check`, { draft }],
      ["POST", `${SHOUT}/proposals`, { draft }],
      ["PUT", SHOUT, { draft }],
      ["POST", "/api/authoring/exercises", { set: "basics", slug: "sneaky" }],
    ];
    for (const [method, route, body] of calls) {
      const a = await anonymous.request(method, route, body);
      expect([route, a.status]).toEqual([route, 401]);
      const l = await learner.request(method, route, body);
      expect([route, l.status]).toEqual([route, 403]);
      expect(JSON.stringify(a.json) + JSON.stringify(l.json)).not.toContain("return loud");
    }
    expect(existsSync(path.join(root, "basics", "sneaky"))).toBe(false);
  });
});

describe("reading and previewing", () => {
  test("an instructor reads the editable files: reference, hidden cases and all, as table rows", async () => {
    const exercise = await readShout();
    expect(exercise.draft.solution).toContain('return loud + "!"');
    expect(exercise.draft.manifest).toMatchObject({ title: "Shout it out", entry: "shout", file: "shout.py" });
    expect(exercise.draft.cases[0]).toEqual({ name: "one word", call: 'shout("hello")', expect: '"HELLO!"', hidden: false });
    expect(exercise.draft.cases.filter((c: { hidden: boolean }) => c.hidden).map((c: { call: string }) => c.call)).toEqual(['shout("")', 'shout("wow!!")', 'shout("ready?")']);
    expect(exercise.problems).toEqual([]);
    expect(exercise.version).toMatch(/^[0-9a-f]{20}$/);
  });

  test("the preview of an unchanged draft is exactly the learner's view, and follows an edit", async () => {
    const { draft } = await readShout();
    const learnerView = (await new LearnerClient(platform.url).request("GET", "/api/exercises/basics/shout")).json.exercise;
    const same = await instructor.request("POST", `${SHOUT}/preview`, { draft });
    expect(same.status).toBe(200);
    const { progress: _p, lastSubmission: _l, ...learnerFields } = learnerView;
    expect(same.json.preview).toMatchObject(learnerFields);
    expect(same.json.preview.hiddenCaseCount).toBe(3);
    expect(JSON.stringify(same.json)).not.toContain("wow!!");
    expect(JSON.stringify(same.json)).not.toContain("return loud");

    const edited = await instructor.request("POST", `${SHOUT}/preview`, { draft: { ...draft, instructions: "Make it **loud**." } });
    expect(edited.json.preview.instructionsHtml).toBe("<p>Make it <strong>loud</strong>.</p>\n");
    const broken = await instructor.request("POST", `${SHOUT}/preview`, { draft: { ...draft, manifest: { ...draft.manifest, difficulty: 0 } } });
    expect(broken.status).toBe(200);
    expect(broken.json.preview).toBeNull();
    expect(broken.json.problems).toEqual([expect.objectContaining({ file: "exercise.yaml", field: "difficulty" })]);
  });
});

describe("saving", () => {
  test("an instructor edits and saves: the files change, and learners see the new instructions at once", async () => {
    const { draft, version } = await readShout();
    const instructions = "# Shout it out\n\nTurn `text` into a **shout**: upper case, ending with one `!`.\n";
    const cases = [...draft.cases, { name: "a tuple of words", call: 'tuple(shout(w) for w in ["a", "b"])', expect: '!tuple ["A!", "B!"]', hidden: false }];
    const saved = await instructor.request("PUT", SHOUT, { draft: { ...draft, instructions, cases }, baseVersion: version });
    expect(saved.status).toBe(200);
    expect(saved.json.exercise.check).toMatchObject({ ready: true, reference: "passed 8/8", starter: expect.stringMatching(/^fails /) });
    expect(saved.json.exercise.version).not.toBe(version);
    expect(readFileSync(path.join(root, "basics/shout/README.md"), "utf8")).toBe(instructions);
    expect(readFileSync(path.join(root, "basics/shout/cases.yaml"), "utf8")).toContain('  expect: !tuple ["A!", "B!"]');
    expect(existsSync(path.join(root, ".authoring"))).toBe(false);

    const learner = new LearnerClient(platform.url);
    const { json } = await learner.request("GET", "/api/exercises/basics/shout");
    expect(json.exercise.instructionsHtml).toContain("into a <strong>shout</strong>");
    expect(json.exercise.visibleCases.at(-1)).toEqual({ name: "a tuple of words", call: 'tuple(shout(w) for w in ["a", "b"])', expected: "('A!', 'B!')", raises: null });
    const row = await platform.db.exercise.findUnique({ where: { id: "basics/shout" } });
    expect(row?.contentHash).not.toBeNull();

    // A second save based on the old version is refused: someone changed the files in between.
    const stale = await instructor.request("PUT", SHOUT, { draft, baseVersion: version });
    expect(stale.status).toBe(409);
    expect(readFileSync(path.join(root, "basics/shout/README.md"), "utf8")).toBe(instructions);

    // Whatever was edited, no learner response carries the reference or a hidden case.
    const bodies = [JSON.stringify(json), JSON.stringify((await learner.request("GET", "/api/exercises")).json)];
    const submitted = await learner.request("POST", "/api/exercises/basics/shout/submissions", { code: "def shout(text):\n    return text\n" });
    const graded = await learner.waitForVerdict(submitted.json.submission.id);
    bodies.push(JSON.stringify(graded));
    for (const body of bodies) {
      expect(body).not.toContain("return loud");
      expect(body).not.toContain("wow!!");
      expect(body).not.toContain("READY?!");
    }
    expect(graded.totalCount).toBe(8);
  });

  test("an invalid draft gets a 400 naming each file and field, and nothing on disk changes", async () => {
    const { draft, version } = await readShout();
    const before = snapshot(root);
    const cases = [...draft.cases, { name: "both", call: 'shout("x")', expect: '"X!"', raises: "ValueError", hidden: false }, { name: "bad yaml", call: 'shout("y")', expect: "[1, 2", hidden: false }];
    const first = await instructor.request("PUT", SHOUT, { draft: { ...draft, cases }, baseVersion: version });
    expect(first.status).toBe(400);
    expect(first.json.error.code).toBe("invalid-draft");
    expect(first.json.error.details).toEqual([expect.objectContaining({ file: "cases.yaml", field: `[${cases.length - 1}].expect`, message: expect.stringContaining("is not a YAML value") })]);

    const second = await instructor.request("PUT", SHOUT, { draft: { ...draft, manifest: { ...draft.manifest, difficulty: 9 }, cases: cases.slice(0, -1) }, baseVersion: version });
    expect(second.status).toBe(400);
    expect(second.json.error.details).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ file: "exercise.yaml", field: "difficulty" }),
        expect.objectContaining({ file: "cases.yaml", field: `[${cases.length - 2}].raises`, message: "give either expect or raises, not both" }),
      ]),
    );
    expect(second.json.error.message).toContain("exercise.yaml (difficulty)");

    const wrongType = await instructor.request("PUT", SHOUT, { draft: { ...draft, cases: "none" } });
    expect(wrongType.status).toBe(400);
    expect(snapshot(root)).toEqual(before);
  });
});

describe("checking", () => {
  test("Check catches a broken reference case by case, and a save with it is refused with nothing written", async () => {
    const { draft, version } = await readShout();
    const broken = { ...draft, solution: "def shout(text):\n    return text.upper() + '!'\n" };
    const { status, json } = await instructor.request("POST", `${SHOUT}/check`, { draft: broken, requestId: "check-1" });
    expect(status).toBe(200);
    expect(json.check.ready).toBe(false);
    expect(json.check.reference).toMatch(/^failed \d+\/\d+$/);
    const byName = Object.fromEntries(json.check.rows.map((r: { name: string }) => [r.name, r]));
    expect(byName["one word"].reference.status).toBe("passed");
    expect(byName["already ends with an exclamation mark"].reference).toMatchObject({ status: "failed" });
    expect(byName["empty string"]).toMatchObject({ hidden: true, reference: { status: "failed" } });
    expect(json.check.problems.join("\n")).toContain('the reference solution fails "already ends with an exclamation mark"');

    const before = snapshot(root);
    const save = await instructor.request("PUT", SHOUT, { draft: broken, baseVersion: version });
    expect(save.status).toBe(422);
    expect(save.json.error.code).toBe("check-failed");
    expect(save.json.error.details.reference).toMatch(/^failed/);
    expect(snapshot(root)).toEqual(before);
  });

  test("Check passes the exercise as it is: the reference passes every case and the starter fails one", async () => {
    const { draft } = await readShout();
    const { json } = await instructor.request("POST", `${SHOUT}/check`, { draft });
    expect(json.check).toMatchObject({ ready: true, problems: [] });
    expect(json.check.rows.every((r: { reference: { status: string } }) => r.reference.status === "passed")).toBe(true);
    expect(json.check.rows.some((r: { starter: { status: string } }) => r.starter.status !== "passed")).toBe(true);
  });
});

describe("proposed cases", () => {
  test("cases proposed from the reference pass it, and the ones accepted are saved", async () => {
    const { draft, version } = await readShout();
    const { status, json } = await instructor.request("POST", `${SHOUT}/proposals`, { draft, requestId: "propose-1" });
    expect(status).toBe(200);
    const proposals = json.proposals.cases;
    expect(json.proposals.function).toBe("shout");
    expect(proposals.length).toBeGreaterThan(1);
    const existingCalls = new Set(draft.cases.map((c: { call: string }) => c.call));
    for (const p of proposals) {
      expect(p.call).toMatch(/^shout\(/);
      expect(existingCalls.has(p.call)).toBe(false);
    }
    // Accept two, one by one; discard the rest.
    const accepted = proposals.slice(0, 2);
    const saved = await instructor.request("PUT", SHOUT, { draft: { ...draft, cases: [...draft.cases, ...accepted] }, baseVersion: version });
    expect(saved.status).toBe(200);
    expect(saved.json.exercise.check.ready).toBe(true);
    const onDisk = readFileSync(path.join(root, "basics/shout/cases.yaml"), "utf8");
    for (const p of accepted) expect(onDisk).toContain(`call: ${JSON.stringify(p.call)}`);
    expect(onDisk).not.toContain(JSON.stringify(proposals[2]?.call ?? "no third proposal"));
    expect(saved.json.exercise.draft.cases.slice(-2)).toEqual(accepted);
  });
});

describe("creating", () => {
  test("a new exercise in a set is written from a template that checks, and learners find it in the list", async () => {
    const created = await instructor.request("POST", "/api/authoring/exercises", { set: "basics", slug: "echo-words", title: "Echo words" });
    expect(created.status).toBe(201);
    expect(created.json.exercise).toMatchObject({ id: "basics/echo-words", problems: [] });
    expect(existsSync(path.join(root, "basics/echo-words/solution.py"))).toBe(true);
    const again = await instructor.request("POST", "/api/authoring/exercises", { set: "basics", slug: "echo-words" });
    expect(again.status).toBe(409);

    const check = await instructor.request("POST", "/api/authoring/exercises/basics/echo-words/check", { draft: created.json.exercise.draft });
    expect(check.json.check).toMatchObject({ ready: true });
    const list = (await new LearnerClient(platform.url).request("GET", "/api/exercises")).json.exercises;
    expect(list.map((e: { id: string }) => e.id)).toContain("basics/echo-words");
    const sets = (await instructor.request("GET", "/api/authoring/sets")).json.sets;
    expect(sets.find((s: { name: string }) => s.name === "basics").exercises).toContainEqual({ slug: "echo-words", title: "Echo words" });
  });
});

describe("paths", () => {
  test("names that would leave the exercises folder are refused, and nothing is written outside it", async () => {
    const parent = path.dirname(root);
    const before = readdirSync(parent);
    const { draft } = await readShout();
    const attempts: [string, string, unknown?][] = [
      ["GET", "/api/authoring/exercises/..%2F..%2Fetc/passwd"],
      ["GET", "/api/authoring/exercises/basics/..%2F..%2F..%2Fetc"],
      ["GET", "/api/authoring/exercises/basics/%2e%2e"],
      ["GET", "/api/authoring/exercises/.authoring/x"],
      ["PUT", "/api/authoring/exercises/basics/..", { draft }],
      ["POST", "/api/authoring/exercises/%2e%2e/shout/check", { draft }],
      ["POST", "/api/authoring/exercises", { set: "../outside", slug: "x" }],
      ["POST", "/api/authoring/exercises", { set: "basics", slug: "../../outside" }],
      ["POST", "/api/authoring/exercises", { set: "/tmp", slug: "x" }],
      ["POST", "/api/authoring/exercises", { set: "basics", slug: "a/b" }],
    ];
    for (const [method, route, body] of attempts) {
      const { status, json } = await instructor.request(method, route, body);
      // 400 for a name that is not a folder name; 404 where the URL's own ".." already took the segment away.
      expect({ route, body, refused: status === 400 || status === 404 }).toEqual({ route, body, refused: true });
      expect(JSON.stringify(json)).not.toContain("root:");
    }
    expect(readdirSync(parent)).toEqual(before);
    expect(existsSync(path.join(root, "outside"))).toBe(false);
  });
});
