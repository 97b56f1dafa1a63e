// Which edits of the repair search repair the code: judged here, outside the sandbox, by the same judge as grading
// (grading/judge.ts), with expected values the container never saw. Pure functions.
import type { ExerciseCase } from "../../exercises/exercise";
import { judgeCase, type ResolvedExpectation } from "../../grading/judge";
import type { SandboxLimits } from "../../grading/limits";
import type { CaseObservation } from "../../grading/observation";
import type { RepairRun, TriedEdit } from "./repair-run";

export interface CaseJudge {
  cases: readonly ExerciseCase[];
  /** By case index; null where the expectation is unknown (such a case is never judged). */
  expectations: readonly (ResolvedExpectation | null)[];
  limits: SandboxLimits;
}

export function passes(judge: CaseJudge, id: number, obs: CaseObservation | undefined): boolean {
  const c = judge.cases[id];
  const expectation = judge.expectations[id];
  if (!c || !expectation || !obs) return false;
  return judgeCase(c, expectation, obs, judge.limits).status === "passed";
}

/**
 * Whether a case failed in the search's own run of the code as written: what the spectrum and the repairs go by, so
 * that both read the same runs. A case whose expected value is unknown here keeps its graded status.
 */
export function failedInSearch(judge: CaseJudge, run: RepairRun, id: number, graded: boolean): boolean {
  const obs = run.baseline.get(id);
  if (!obs || !judge.expectations[id]) return graded;
  return !passes(judge, id, obs);
}

/**
 * The edits that make every target case pass and keep every guard case passing. Only the cases whose graded status
 * the search's own run of the code as written agrees with count: a target that passed there (grading ran out of
 * time on a busy machine, say) needs no repair, and a guard that failed there cannot be kept passing.
 */
export function repairsIn(run: RepairRun, judge: CaseJudge, targets: readonly number[], guards: readonly number[]): TriedEdit[] {
  const failing = targets.filter((id) => !passes(judge, id, run.baseline.get(id)));
  const passing = guards.filter((id) => passes(judge, id, run.baseline.get(id)));
  if (failing.length === 0) return [];
  return run.candidates.filter((edit) => failing.every((id) => passes(judge, id, edit.observations.get(id))) && passing.every((id) => passes(judge, id, edit.observations.get(id))));
}
