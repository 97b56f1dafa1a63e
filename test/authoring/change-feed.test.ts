// Two web servers on one exercises folder and one database: an exercise created or saved through one is served
// by the other without a restart, because the change is announced through PostgreSQL.
import type { Platform } from "../../server/platform";
import { copyOfExercises, signedInInstructor } from "../support/authoring";
import { LearnerClient, startTestPlatform } from "../support/platform";

let first: Platform;
let second: Platform;
beforeAll(async () => {
  const root = copyOfExercises();
  first = await startTestPlatform({ exercisesDir: root }, false);
  second = await startTestPlatform({ exercisesDir: root }, false);
});
afterAll(async () => {
  await Promise.all([first?.stop(), second?.stop()]);
});

async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string): Promise<T> {
  for (let i = 0; i < 100; i++) {
    const value = await read();
    if (done(value)) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what} did not happen within 10 s`);
}

test("an exercise created on one web server is listed and served by the other", async () => {
  const instructor = await signedInInstructor(first);
  const created = await instructor.request("POST", "/api/authoring/exercises", { set: "basics", slug: "announced", title: "Announced" });
  expect(created.status).toBe(201);

  const learner = new LearnerClient(second.url);
  const list = await eventually(
    () => learner.request("GET", "/api/exercises"),
    (res) => res.json.exercises.some((e: { id: string }) => e.id === "basics/announced"),
    "the second server listing the new exercise",
  );
  expect(list.status).toBe(200);
  const page = await learner.request("GET", "/api/exercises/basics/announced");
  expect(page.status).toBe(200);
  expect(page.json.exercise.title).toBe("Announced");
});
