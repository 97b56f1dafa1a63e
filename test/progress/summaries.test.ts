// The pure rules behind the attempt history and the dashboards: streaks, activity days, concepts, what to try
// next, the heatmap, failed cases and hint usage. No database: rows are built here as the queries would return them.
import type { Submission } from "../../server/database/generated/client";
import type { TestResult } from "../../server/grading/judge";
import { cellSummary, heatmapCells, hintUsage, mostFailedCases } from "../../server/progress/class-summary";
import { attemptHistory } from "../../server/progress/history";
import { practisedConcepts, recentActivity, streakDays, trippingConcepts, whatToTryNext, type ExerciseState } from "../../server/progress/learner-summary";
import { causeConcepts, explanationConcepts, hintsTaken, type RecordedAnswer } from "../../server/progress/tutor-record";

const at = (iso: string) => new Date(iso);

describe("streakDays", () => {
  const now = at("2026-11-27T15:00:00Z");
  test("counts consecutive days ending today", () => {
    expect(streakDays(new Set(["2026-11-27", "2026-11-26", "2026-11-25", "2026-11-23"]), now)).toBe(3);
  });
  test("a streak that ended yesterday still counts until today is over", () => {
    expect(streakDays(new Set(["2026-11-26", "2026-11-25"]), now)).toBe(2);
  });
  test("a day without practice before today breaks it", () => {
    expect(streakDays(new Set(["2026-11-25", "2026-11-24"]), now)).toBe(0);
    expect(streakDays(new Set(), now)).toBe(0);
  });
  test("crosses month boundaries in UTC", () => {
    expect(streakDays(new Set(["2026-12-01", "2026-11-30", "2026-11-29"]), at("2026-12-01T00:30:00Z"))).toBe(3);
  });
});

describe("recentActivity", () => {
  test("one entry per day, oldest first, with submissions and first solves counted on their UTC day", () => {
    const now = at("2026-11-27T10:00:00Z");
    const days = recentActivity(
      [at("2026-11-27T09:00:00Z"), at("2026-11-27T01:00:00Z"), at("2026-11-25T23:59:59Z"), at("2026-10-01T12:00:00Z")],
      [at("2026-11-27T09:00:00Z")],
      now,
      7,
    );
    expect(days.map((d) => d.date)).toEqual(["2026-11-21", "2026-11-22", "2026-11-23", "2026-11-24", "2026-11-25", "2026-11-26", "2026-11-27"]);
    expect(days[6]).toEqual({ date: "2026-11-27", submissions: 2, solved: 1 });
    expect(days[4]).toEqual({ date: "2026-11-25", submissions: 1, solved: 0 });
    expect(days.reduce((n, d) => n + d.submissions, 0)).toBe(3);
  });
});

describe("concepts", () => {
  const explanation = (concepts: { id: string; score: number }[], submissionId = "s1"): RecordedAnswer => ({
    submissionId,
    kind: "explanation",
    level: null,
    content: { concepts: concepts.map((c) => ({ ...c, title: `title of ${c.id}`, evidence: [] })) },
    createdAt: at("2026-11-27T10:00:00Z"),
  });
  const hint = (level: number, concept: string | null, minute = 0, submissionId = "s1"): RecordedAnswer => ({
    submissionId,
    kind: "hint",
    level,
    content: { level, concept },
    createdAt: new Date(Date.parse("2026-11-27T10:00:00Z") + minute * 60_000),
  });

  test("an explanation's confident concepts and each hint's concept are the cause; a prior-only guess is not", () => {
    const answers = [explanation([{ id: "return-vs-print", score: 0.9 }, { id: "off-by-one", score: 0.1 }]), hint(1, "string-immutability"), hint(2, "return-vs-print")];
    expect(causeConcepts(answers)).toEqual(["return-vs-print", "string-immutability"]);
    expect(explanationConcepts(answers[0]!.content).map((c) => c.id)).toEqual(["return-vs-print", "off-by-one"]);
  });

  test("practised concepts count each solved exercise once", () => {
    expect(practisedConcepts([["off-by-one", "off-by-one", "return-vs-print"], ["off-by-one"]])).toEqual([
      { id: "off-by-one", title: "Off-by-one errors", count: 2 },
      { id: "return-vs-print", title: expect.any(String), count: 1 },
    ]);
  });

  test("tripping concepts come from failures on exercises not solved since, once per failed submission", () => {
    const tripping = trippingConcepts(
      [
        { exerciseId: "basics/shout", concepts: ["return-vs-print"] },
        { exerciseId: "basics/shout", concepts: ["return-vs-print", "return-vs-print"] },
        { exerciseId: "basics/sum_digits", concepts: ["integer-division"] },
        { exerciseId: "basics/count_words", concepts: [] },
      ],
      new Set(["basics/sum_digits"]),
    );
    expect(tripping).toEqual([{ id: "return-vs-print", title: expect.any(String), failures: 2 }]);
  });

  test("a hint level shown twice counts once, at its first showing", () => {
    expect(hintsTaken([hint(2, null, 5), hint(1, null, 1), hint(1, null, 3)])).toEqual([
      { level: 1, at: at("2026-11-27T10:01:00Z") },
      { level: 2, at: at("2026-11-27T10:05:00Z") },
    ]);
  });

  test("the attempt history is newest first, with feedback concepts, hints and the time between attempts", () => {
    const submission = (id: string, iso: string, verdict: string): Submission =>
      ({ id, exerciseId: "basics/shout", userId: "u", code: "x", state: "graded", verdict, message: null, results: [], observations: { secret: 1 }, passedCount: 1, totalCount: 2, durationMs: 5, createdAt: at(iso) }) as unknown as Submission;
    const history = attemptHistory(
      [submission("s2", "2026-11-27T10:03:00Z", "passed"), submission("s1", "2026-11-27T10:00:00Z", "failed")],
      [{ ...explanation([{ id: "return-vs-print", score: 0.9 }]), engine: "offline" }, { ...hint(1, "return-vs-print"), engine: "offline" }],
      95,
    );
    expect(history.activeSeconds).toBe(95);
    expect(history.attempts.map((a) => a.submission.id)).toEqual(["s2", "s1"]);
    expect(history.attempts[0]).toMatchObject({ secondsSincePrevious: 180, hints: [] });
    expect(history.attempts[0]!.feedback).toBeUndefined();
    expect(history.attempts[1]).toMatchObject({ secondsSincePrevious: null, feedback: { concepts: [{ id: "return-vs-print" }], engine: "offline" }, hints: [{ level: 1 }] });
    expect(JSON.stringify(history)).not.toContain("secret");
  });
});

describe("whatToTryNext", () => {
  const exercises = ["a", "b", "c", "d", "e"].map((id) => ({ id: `set/${id}`, title: id.toUpperCase(), setTitle: "Set" }));
  const state = (s: Partial<ExerciseState>): ExerciseState => ({ attempts: 1, solved: false, bestPassed: 0, bestTotal: 0, lastSubmittedAt: null, ...s });
  const now = at("2026-11-27T12:00:00Z");

  test("due assignments first (soonest first), then unsolved attempts, then the next in teaching order; solved never", () => {
    const states = new Map([
      ["set/a", state({ solved: true })],
      ["set/c", state({ attempts: 3, bestPassed: 4, bestTotal: 7, lastSubmittedAt: at("2026-11-26T00:00:00Z") })],
    ]);
    const assigned = [
      { exerciseId: "set/a", courseName: "Class", dueAt: at("2026-11-28T12:00:00Z") },
      { exerciseId: "set/e", courseName: "Class", dueAt: at("2026-11-30T12:00:00Z") },
      { exerciseId: "set/d", courseName: "Class", dueAt: at("2026-11-28T13:00:00Z") },
    ];
    const next = whatToTryNext(exercises, states, assigned, now, 4);
    expect(next.map((n) => [n.id, n.kind])).toEqual([
      ["set/d", "due"],
      ["set/e", "due"],
      ["set/c", "unsolved"],
      ["set/b", "next"],
    ]);
    expect(next[0]!.reason).toBe("Class: due tomorrow");
    expect(next[1]!.reason).toBe("Class: due in 3 days (2026-11-30)");
    expect(next[2]!.reason).toMatch(/3 attempts so far, best 4 of 7 tests/);
  });

  test("stops at the limit and says nothing when everything is solved", () => {
    expect(whatToTryNext(exercises, new Map(), [], now)).toHaveLength(3);
    const allSolved = new Map(exercises.map((e) => [e.id, state({ solved: true })]));
    expect(whatToTryNext(exercises, allSolved, [], now)).toEqual([]);
  });
});

describe("class summary", () => {
  const failedCase = (name: string, hidden = false, status: TestResult["status"] = "failed"): TestResult => ({ name, status, hidden });
  const passed = (name: string): TestResult => ({ name, status: "passed", hidden: false });

  test("the heatmap has a cell per learner and exercise, with status, attempts and distinct hints", () => {
    const cells = heatmapCells(
      ["l1", "l2"],
      ["e1", "e2"],
      [
        { userId: "l1", exerciseId: "e1", attempts: 2, firstSolvedAt: at("2026-11-27T00:00:00Z") },
        { userId: "l1", exerciseId: "e2", attempts: 1, firstSolvedAt: null },
        // Active time alone (no graded attempt yet) is not an attempt.
        { userId: "l2", exerciseId: "e1", attempts: 0, firstSolvedAt: null },
      ],
      [
        { learnerId: "l1", exerciseId: "e2", submissionId: "s", level: 1 },
        { learnerId: "l1", exerciseId: "e2", submissionId: "s", level: 1 },
        { learnerId: "l1", exerciseId: "e2", submissionId: "s", level: 2 },
      ],
    );
    expect(cells.map((c) => [c.learnerId, c.exerciseId, c.status, c.attempts, c.hintsUsed])).toEqual([
      ["l1", "e1", "solved", 2, 0],
      ["l1", "e2", "attempted", 1, 2],
      ["l2", "e1", "not-started", 0, 0],
      ["l2", "e2", "not-started", 0, 0],
    ]);
    expect(cellSummary(2, cells)).toEqual({ learners: 2, solvedCells: 1, attemptedCells: 1, notStartedCells: 2 });
  });

  test("most failed cases count failing submissions and learners; syntax errors and passes do not count", () => {
    const cases = mostFailedCases([
      { learnerId: "l1", exerciseId: "e1", tests: [passed("one"), failedCase("empty", true)] },
      { learnerId: "l1", exerciseId: "e1", tests: [passed("one"), failedCase("empty", true, "error")] },
      { learnerId: "l2", exerciseId: "e1", tests: [failedCase("one"), failedCase("empty", true, "timeout")] },
      { learnerId: "l3", exerciseId: "e1", tests: [failedCase("one", false, "syntax-error"), failedCase("empty", true, "syntax-error")] },
    ]);
    expect(cases).toEqual([
      { exerciseId: "e1", caseName: "empty", hidden: true, failures: 3, learners: 2 },
      { exerciseId: "e1", caseName: "one", hidden: false, failures: 1, learners: 1 },
    ]);
  });

  test("hint usage per exercise and level, zeros included, each level of a submission once", () => {
    expect(
      hintUsage(
        ["e1", "e2"],
        [
          { learnerId: "l1", exerciseId: "e1", submissionId: "s1", level: 1 },
          { learnerId: "l1", exerciseId: "e1", submissionId: "s1", level: 1 },
          { learnerId: "l2", exerciseId: "e1", submissionId: "s2", level: 1 },
          { learnerId: "l2", exerciseId: "e1", submissionId: "s2", level: 3 },
        ],
      ),
    ).toEqual([
      { exerciseId: "e1", level1: 2, level2: 0, level3: 1 },
      { exerciseId: "e2", level1: 0, level2: 0, level3: 0 },
    ]);
  });
});
