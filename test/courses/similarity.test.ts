// The similarity report against the real PostgreSQL and sandbox: a class where two learners hand in near-copies
// (renamed variables, other comments) and two solve the exercise each their own way. The copies rank first, the
// different solutions do not, each learner's latest submission is the one compared, the starter's lines do not
// count, and only the course's instructors see the report (through the API or the machine's CLI).
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { comparePrograms } from "../../server/courses/similarity";
import type { Platform } from "../../server/platform";
import { runTutor } from "../support/cli";
import { writeExerciseFolder } from "../support/exercise-fixture";
import { LearnerClient, type Person, signedUpPerson, startTestPlatform } from "../support/platform";

// A starter with a helper every learner keeps: long enough that it would make everyone alike if it counted.
const STARTER = [
  "def read_scores(text):",
  '    """Turns "3, 4, 5" into [3, 4, 5]."""',
  "    scores = []",
  '    for part in text.split(","):',
  "        part = part.strip()",
  "        if part:",
  "            scores.append(int(part))",
  "    return scores",
  "",
  "",
  "def answer(text):",
  "    pass",
  "",
].join("\n");
const HELPER = STARTER.split("def answer")[0]!;
const SOLUTION = `${HELPER}def answer(text):\n    scores = read_scores(text)\n    return max(scores) - min(scores)\n`;
const CASES = '- name: a spread\n  call: answer("3, 9, 4")\n  expect: 6\n- name: one score\n  call: answer("5")\n  expect: 0\n';

const ORIGINAL = `${HELPER}def answer(text):
    scores = read_scores(text)
    highest = scores[0]
    lowest = scores[0]
    for score in scores:
        if score > highest:
            highest = score
        if score < lowest:
            lowest = score
    return highest - lowest
`;
// The same program with every name changed and a comment added: what copying usually looks like.
const NEAR_COPY = `${HELPER}def answer(text):
    # find the biggest and the smallest
    values = read_scores(text)
    top = values[0]
    bottom = values[0]
    for v in values:
        if v > top:
            top = v
        if v < bottom:
            bottom = v
    return top - bottom
`;
const SORTING = `${HELPER}def answer(text):
    ordered = sorted(read_scores(text))
    if len(ordered) == 0:
        return 0
    return ordered[len(ordered) - 1] - ordered[0]
`;
const WHILE_LOOP = `${HELPER}def answer(text):
    scores = read_scores(text)
    i = 1
    spread = 0
    while i < len(scores):
        for j in range(i):
            spread = max(spread, abs(scores[i] - scores[j]))
        i += 1
    return spread
`;

let platform: Platform;
let exercisesDir: string;
let teacher: Person, ada: Person, bob: Person, cy: Person, dee: Person, otherTeacher: Person;
let courseId: string;

async function submit(who: Person, code: string) {
  const res = await who.client.request("POST", "/api/exercises/tests/spread/submissions", { code });
  expect(res.status).toBe(202);
  return who.client.waitForVerdict(res.json.submission.id);
}

beforeAll(async () => {
  const dir = writeExerciseFolder({ starter: STARTER, solution: SOLUTION, casesYaml: CASES }, "spread");
  exercisesDir = path.dirname(path.dirname(dir));
  platform = await startTestPlatform({ exercisesDir });
  teacher = await signedUpPerson(platform, "instructor", "Ms Teacher");
  otherTeacher = await signedUpPerson(platform, "instructor", "Mr Elsewhere");
  ada = await signedUpPerson(platform, "learner", "Ada");
  bob = await signedUpPerson(platform, "learner", "Bob");
  cy = await signedUpPerson(platform, "learner", "Cy");
  dee = await signedUpPerson(platform, "learner", "Dee");
  const course = (await teacher.client.request("POST", "/api/courses", { name: "Spreads" })).json.course;
  courseId = course.id;
  expect((await teacher.client.request("POST", `/api/courses/${courseId}/assignments`, { setName: "tests" })).status).toBe(201);
  for (const learner of [ada, bob, cy, dee]) expect((await learner.client.request("POST", "/api/courses/join", { code: course.joinCode })).status).toBe(200);
  // Bob first hands in a program of his own, then the copy: the copy is his final submission.
  await submit(bob, SORTING);
  await Promise.all([submit(ada, ORIGINAL), submit(cy, SORTING.replace("if len(ordered) == 0:\n        return 0\n    ", "")), submit(dee, WHILE_LOOP)]);
  await submit(bob, NEAR_COPY);
});
afterAll(async () => {
  await platform?.stop();
});

test("the two near-copies rank first, and the two different solutions are not paired above them", async () => {
  const res = await teacher.client.request("GET", `/api/courses/${courseId}/similarity/tests/spread`);
  expect(res.status).toBe(200);
  const report = res.json;
  expect(report.exercise).toEqual({ id: "tests/spread", title: "Fixture" });
  expect(report.note).toMatch(/only a signal/);
  expect(report.comparedCount).toBe(4);
  const [first, ...rest] = report.pairs;
  expect(new Set([first.left.learner.id, first.right.learner.id])).toEqual(new Set([ada.id, bob.id]));
  expect(first.similarity).toBeGreaterThan(0.8);
  // Bob's final submission is the copy, shown in full beside Ada's, with the matching lines marked.
  const bobSide = first.left.learner.id === bob.id ? first.left : first.right;
  expect(bobSide.code).toBe(NEAR_COPY);
  expect(first.fragments.length).toBeGreaterThan(0);
  for (const pair of rest) expect(pair.similarity).toBeLessThan(first.similarity / 2);
  const cyAndDee = rest.find((p: any) => new Set([p.left.learner.id, p.right.learner.id]).has(cy.id) && new Set([p.left.learner.id, p.right.learner.id]).has(dee.id));
  expect(cyAndDee?.similarity ?? 0).toBeLessThan(0.4);
});

test("the starter's lines do not count: programs that share only the starter are not alike", async () => {
  const programs = [
    { key: "a", code: SORTING },
    { key: "b", code: WHILE_LOOP },
  ];
  const helperLines = HELPER.split("\n").length - 1;
  // Were the starter to count, its helper alone would make the two solutions look half alike, from line 1 on.
  const [counted] = await comparePrograms(programs, "");
  expect(counted!.similarity).toBeGreaterThan(0.4);
  expect(counted!.fragments[0]!.left.startLine).toBe(1);
  // Left out, what remains is a sliver where the helper's end meets each learner's own code.
  const [left] = await comparePrograms(programs, STARTER);
  expect(left?.similarity ?? 0).toBeLessThan(0.15);
  for (const f of left?.fragments ?? []) expect(f.left.endLine).toBeGreaterThan(helperLines);
});

test("only the course's instructors see the report; others get the course's usual refusals", async () => {
  const route = `/api/courses/${courseId}/similarity/tests/spread`;
  const refusals: [LearnerClient, number][] = [
    [new LearnerClient(platform.url), 401],
    [ada.client, 403],
    [otherTeacher.client, 404],
  ];
  for (const [client, status] of refusals) {
    const res = await client.request("GET", route);
    expect(res.status).toBe(status);
    expect(JSON.stringify(res.json)).not.toContain("top - bottom");
  }
});

test("an exercise the course does not assign, or a malformed one, gets a clear error", async () => {
  const missing = await teacher.client.request("GET", `/api/courses/${courseId}/similarity/tests/nothing_here`);
  expect(missing.status).toBe(404);
  expect(missing.json.error.message).toContain('"tests/nothing_here"');
  const malformed = await teacher.client.request("GET", `/api/courses/${courseId}/similarity/tests/Bad%20Name`);
  expect(malformed.status).toBe(400);
  expect(malformed.json.error.message).toMatch(/slug/);
});

test("npx tutor similarity <set>/<slug> --course ID --json prints the same ranking", async () => {
  const scratch = mkdtempSync(path.join(os.tmpdir(), "tutor-similarity-"));
  const env = { DATABASE_URL: process.env.DATABASE_URL, TUTOR_EXERCISES_DIR: exercisesDir, TUTOR_DATA_DIR: scratch };
  const run = await runTutor(["similarity", "tests/spread", "--course", courseId, "--json"], scratch, env);
  expect(run.code).toBe(0);
  const report = JSON.parse(run.stdout);
  expect(new Set([report.pairs[0].left.learner.id, report.pairs[0].right.learner.id])).toEqual(new Set([ada.id, bob.id]));
  const text = await runTutor(["similarity", "tests/spread", "--course", courseId], scratch, env);
  expect(text.stdout).toMatch(/^1\. \d+%\s+(Ada|Bob) <.*>\s+and\s+(Ada|Bob) </m);
  const badCourse = await runTutor(["similarity", "tests/spread", "--course", "12"], scratch, env);
  expect(badCourse.code).toBe(2);
  expect(badCourse.stderr).toMatch(/is not a course id/);
});
