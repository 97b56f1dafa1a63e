// The pure parts of localization: the Ochiai spectrum, which lines it singles out, which edits of a search repair
// the code (judged like grading, outside the sandbox), the suspect lines, and which cases the search works with.
import type { Exercise, ExerciseCase } from "../../../server/exercises/exercise";
import type { TestResult } from "../../../server/grading/judge";
import { DEFAULT_LIMITS } from "../../../server/grading/limits";
import type { CaseObservation } from "../../../server/grading/observation";
import type { GradedSubmission } from "../../../server/tutor/facts";
import { failedInSearch, repairsIn } from "../../../server/tutor/localization/judging";
import { planOf } from "../../../server/tutor/localization/localize";
import type { RepairRun, TriedEdit } from "../../../server/tutor/localization/repair-run";
import { ochiai, rankLines, singledOut } from "../../../server/tutor/localization/spectrum";
import { suspectLines } from "../../../server/tutor/localization/suspects";

describe("ochiai", () => {
  test("is 1 for a line every failing case runs and no passing case does", () => {
    expect(ochiai(2, 0, 2)).toBe(1);
  });

  test("is 0 for a line no failing case runs, or when nothing fails", () => {
    expect(ochiai(0, 5, 2)).toBe(0);
    expect(ochiai(0, 0, 0)).toBe(0);
  });

  test("is ef / sqrt(F × (ef + ep))", () => {
    expect(ochiai(1, 3, 2)).toBeCloseTo(1 / Math.sqrt(2 * 4), 12);
    expect(ochiai(2, 2, 2)).toBeCloseTo(2 / Math.sqrt(2 * 4), 12);
  });

  test("falls as more passing cases run the line, and rises as more failing ones do", () => {
    expect(ochiai(2, 1, 3)).toBeGreaterThan(ochiai(2, 2, 3));
    expect(ochiai(3, 1, 3)).toBeGreaterThan(ochiai(2, 1, 3));
  });
});

describe("rankLines", () => {
  // def f(n):       1   every case
  //   if n < 0:     2   every case
  //     return 0    3   only the failing case (n = 0 goes the wrong way)
  //   return n + 1  4   only the passing cases
  const cases = [
    { lines: [1, 2, 3], failed: true },
    { lines: [1, 2, 4], failed: false },
    { lines: [1, 2, 4], failed: false },
  ];

  test("ranks the line only failing cases run first, and counts who ran each line", () => {
    const ranked = rankLines(cases);
    expect(ranked.map((l) => l.line)).toEqual([3, 1, 2, 4]);
    expect(ranked[0]).toEqual({ line: 3, score: 1, failing: 1, passing: 0 });
    expect(ranked.find((l) => l.line === 4)).toEqual({ line: 4, score: 0, failing: 0, passing: 2 });
    expect(ranked.find((l) => l.line === 1)!.score).toBeCloseTo(1 / Math.sqrt(3), 12);
  });

  test("counts a line once per case, whatever the order or repeats of its lines", () => {
    expect(rankLines([{ lines: [3, 3, 1], failed: true }])).toEqual([
      { line: 1, score: 1, failing: 1, passing: 0 },
      { line: 3, score: 1, failing: 1, passing: 0 },
    ]);
  });

  test("singles out the line that tells failing from passing cases", () => {
    expect(singledOut(rankLines(cases)).map((l) => l.line)).toEqual([3]);
  });

  test("singles out nothing without a passing case, when only lines every case runs score, or when too many tie", () => {
    expect(singledOut(rankLines([{ lines: [1, 2, 3], failed: true }, { lines: [1, 2], failed: true }]))).toEqual([]);
    expect(singledOut(rankLines([{ lines: [1, 2], failed: true }, { lines: [1, 2], failed: false }]))).toEqual([]);
    const wide = [{ lines: [1, 2, 3, 4, 5, 6], failed: true }, { lines: [1], failed: false }];
    expect(singledOut(rankLines(wide))).toEqual([]);
    expect(singledOut(rankLines(wide), 5).map((l) => l.line)).toEqual([2, 3, 4, 5, 6]);
  });
});

describe("suspectLines", () => {
  const spectrum = rankLines([
    { lines: [1, 2, 3], failed: true },
    { lines: [1, 2, 4], failed: false },
  ]);

  test("a single repaired line comes first, then where Python stopped, then the spectrum", () => {
    expect(suspectLines({ repairs: [{ line: 2, kind: "comparison" }], exceptionLine: 4, spectrum })).toEqual([
      { line: 2, score: 0.971, evidence: "repair", aspect: "condition" },
      { line: 4, score: 0.7, evidence: "exception" },
      { line: 3, score: 0.6, evidence: "spectrum" },
    ]);
  });

  test("one entry per line, under its strongest evidence; the first repair of a line names its aspect", () => {
    const lines = suspectLines({ repairs: [{ line: 3, kind: "range" }, { line: 3, kind: "plus-one" }], exceptionLine: 3, spectrum });
    expect(lines).toEqual([{ line: 3, score: 1, evidence: "repair", aspect: "range" }]);
  });

  test("repairs on several lines weigh a little less each, ordered by the spectrum", () => {
    const lines = suspectLines({ repairs: [{ line: 1, kind: "variable" }, { line: 3, kind: "swap" }], exceptionLine: null, spectrum });
    expect(lines.map((l) => [l.line, l.evidence])).toEqual([
      [3, "repair"],
      [1, "repair"],
    ]);
    expect(lines[0]!.score).toBe(0.9);
  });

  test("nothing found, nothing suspected", () => {
    expect(suspectLines({ repairs: [], exceptionLine: null, spectrum: [] })).toEqual([]);
  });
});

// ---- judging ------------------------------------------------------------------------------------------------------

const call = (i: number, call: string, expect: bigint, hidden = false): ExerciseCase => ({ index: i, name: `case ${i}`, call, hidden, expectation: { kind: "value", value: { t: "int", v: expect } } });
const CASES = [call(0, "f(0)", 1n), call(1, "f(2)", 3n), call(2, "f(5)", 6n, true)];
const returned = (v: bigint): CaseObservation => ({ outcome: "returned", value: { t: "int", v: v.toString() } });

function edit(id: number, line: number, observations: [number, CaseObservation][]): TriedEdit {
  return { id, line, kind: "comparison", text: `edited line ${line}`, observations: new Map(observations) };
}

function searchRun(candidates: TriedEdit[], baseline: [number, CaseObservation][] = [[0, returned(0n)], [1, returned(3n)], [2, returned(6n)]]): RepairRun {
  return { baseline: new Map(baseline), coverage: new Map(), candidates, generated: candidates.length, tried: candidates.length, elapsedMs: 1, stopped: null, error: null };
}

describe("repairsIn", () => {
  const judge = { cases: CASES, expectations: CASES.map((c) => c.expectation as { kind: "value"; value: { t: "int"; v: bigint } }), limits: DEFAULT_LIMITS };

  test("keeps the edits that make every target pass and keep every guard passing", () => {
    const fixes = edit(1, 2, [[0, returned(1n)], [1, returned(3n)], [2, returned(6n)]]);
    const breaksAGuard = edit(2, 2, [[0, returned(1n)], [1, returned(3n)], [2, returned(7n)]]);
    const stillWrong = edit(3, 3, [[0, returned(2n)], [1, returned(3n)], [2, returned(6n)]]);
    expect(repairsIn(searchRun([fixes, breaksAGuard, stillWrong]), judge, [0], [1, 2]).map((e) => e.id)).toEqual([1]);
  });

  test("an edit whose guard did not run (or raised) is no repair", () => {
    const unguarded = edit(1, 2, [[0, returned(1n)]]);
    const raising = edit(2, 2, [[0, returned(1n)], [1, { outcome: "raised", exception: { type: "ValueError", mro: ["ValueError"], message: "", traceback: [] } }], [2, returned(6n)]]);
    expect(repairsIn(searchRun([unguarded, raising]), judge, [0], [1, 2])).toEqual([]);
  });

  test("a target the search's own run saw pass needs no repair; with none left failing, nothing is a repair", () => {
    const fixes = edit(1, 2, [[0, returned(1n)], [1, returned(3n)], [2, returned(6n)]]);
    expect(repairsIn(searchRun([fixes], [[0, returned(1n)], [1, returned(3n)], [2, returned(6n)]]), judge, [0], [1, 2])).toEqual([]);
    // Case 1 graded as failing (it ran out of time on a busy machine) but passed in the search: case 0 alone is the target.
    const onlyZero = edit(2, 2, [[0, returned(1n)], [1, returned(3n)], [2, returned(6n)]]);
    expect(repairsIn(searchRun([onlyZero]), judge, [0, 1], [2]).map((e) => e.id)).toEqual([2]);
  });

  test("failedInSearch: the search's own run decides, where the expected value is known", () => {
    const run = searchRun([], [[0, returned(1n)], [1, returned(4n)]]);
    expect(failedInSearch(judge, run, 0, true)).toBe(false);
    expect(failedInSearch(judge, run, 1, false)).toBe(true);
    expect(failedInSearch(judge, run, 2, true)).toBe(true); // not run: the graded status
    expect(failedInSearch({ ...judge, expectations: [null, null, null] }, run, 0, true)).toBe(true);
  });

  test("a guard the search saw fail as written does not count against an edit", () => {
    const fixes = edit(1, 2, [[0, returned(1n)], [1, returned(3n)], [2, returned(9n)]]);
    const run = searchRun([fixes], [[0, returned(0n)], [1, returned(3n)], [2, returned(9n)]]);
    expect(repairsIn(run, judge, [0], [1, 2]).map((e) => e.id)).toEqual([1]);
  });
});

// ---- planning -----------------------------------------------------------------------------------------------------

function graded(statuses: TestResult["status"][], verdict: TestResult["status"] = "failed"): GradedSubmission {
  return { code: "", verdict, tests: statuses.map((status, i) => ({ name: `case ${i}`, status, hidden: CASES[i]?.hidden ?? false })), observations: {}, passedCount: 0, totalCount: statuses.length };
}

describe("planOf", () => {
  const exercise = { cases: CASES } as Exercise;

  test("targets the failing visible cases and guards with every passing one", () => {
    expect(planOf(exercise, graded(["failed", "passed", "passed"]))).toEqual({
      targets: [0],
      guards: [1, 2],
      spectrum: [
        { index: 0, failed: true, timedOut: false },
        { index: 1, failed: false, timedOut: false },
        { index: 2, failed: false, timedOut: false },
      ],
    });
  });

  test("targets the failing hidden cases when no visible case fails", () => {
    expect(planOf(exercise, graded(["passed", "passed", "error"]))?.targets).toEqual([2]);
  });

  test("observes a failing hidden case when a visible one is the target", () => {
    const plan = planOf(exercise, graded(["timeout", "passed", "failed"]))!;
    expect(plan.targets).toEqual([0]);
    expect(plan.guards).toEqual([1]);
    expect(plan.spectrum).toContainEqual({ index: 2, failed: true, timedOut: false });
    expect(plan.spectrum).toContainEqual({ index: 0, failed: true, timedOut: true });
  });

  test("has nothing to do for a pass, a syntax error, or cases that only hit limits", () => {
    expect(planOf(exercise, graded(["passed", "passed", "passed"], "passed"))).toBeNull();
    expect(planOf(exercise, graded(["syntax-error", "syntax-error", "syntax-error"], "syntax-error"))).toBeNull();
    expect(planOf(exercise, graded(["memory-limit", "passed", "passed"], "memory-limit"))).toBeNull();
  });
});
