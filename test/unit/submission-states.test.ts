// The table of a submission's states (server/grading/states.ts): its transitions stay within it, the API names
// each state, and the order in which the browser merges updates moves only forward.
import { apiState, FINISHED_STATES, isFinished, stageOf, SUBMISSION_STATES, TRANSITIONS, UNFINISHED_STATES } from "../../server/grading/states";

test("every transition starts and ends in a state of the table, and only a regrade leaves a finished state", () => {
  for (const [name, t] of Object.entries(TRANSITIONS)) {
    expect(Object.keys(SUBMISSION_STATES)).toContain(t.to);
    if (t.from !== null && name !== "regrade") expect(UNFINISHED_STATES).toContain(t.from);
  }
  // A regrade takes a verdict back to the queue, and only a verdict: a submission that failed to grade is not regraded.
  expect(TRANSITIONS.regrade).toMatchObject({ from: "graded", to: "queued" });
  expect(FINISHED_STATES.sort()).toEqual(["failed_to_grade", "graded"]);
  expect(UNFINISHED_STATES.sort()).toEqual(["queued", "running"]);
});

test("each state has its API name, and only the final ones count as finished", () => {
  expect(apiState("failed_to_grade")).toBe("failed-to-grade");
  expect(apiState("queued")).toBe("queued");
  expect((["queued", "running"] as const).map((s) => isFinished(s))).toEqual([false, false]);
  expect((["graded", "failed-to-grade"] as const).map((s) => isFinished(s))).toEqual([true, true]);
});

test("queued, then each attempt's run, then queued again after it, then a verdict: always forward", () => {
  const way: [Parameters<typeof stageOf>[0], number][] = [
    ["queued", 0],
    ["running", 1],
    ["queued", 1],
    ["running", 2],
    ["graded", 2],
  ];
  const stages = way.map(([state, attempt]) => stageOf(state, attempt));
  expect(stages).toEqual([...stages].sort((a, b) => a - b));
  expect(new Set(stages).size).toBe(stages.length);
  // A test result arriving before the running event counts as attempt 1 running.
  expect(stageOf("running", 0)).toBe(stageOf("running", 1));
});
