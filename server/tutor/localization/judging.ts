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
 * The edits that make every target case pass and keep every guard case passing. The search's own run of the code
 * as written must agree with grading first: every target failing there too (else its runner sees another program,
 * and nothing it says can be trusted), and a guard it saw fail is not counted (it does not reliably pass).
 */
export function repairsIn(run: RepairRun, judge: CaseJudge, targets: readonly number[], guards: readonly number[]): TriedEdit[] {
  if (targets.length === 0 || targets.some((id) => passes(judge, id, run.baseline.get(id)))) return [];
  const steadyGuards = guards.filter((id) => passes(judge, id, run.baseline.get(id)));
  return run.candidates.filter((edit) => targets.every((id) => passes(judge, id, edit.observations.get(id))) && steadyGuards.every((id) => passes(judge, id, edit.observations.get(id))));
}
