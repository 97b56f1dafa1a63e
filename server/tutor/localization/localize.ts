// Fault localization by execution, as named steps: choose the cases (which fail, which pass), look up their expected
// values on the server, run the repair search in the sandbox (which also records the lines each case runs), rank the
// lines by the spectrum, judge the repairs outside the sandbox, and rank the suspect lines. The sandbox receives the
// code and the cases' calls (or a program case's input) only.
import type { Exercise, ExerciseCase } from "../../exercises/exercise";
import { ExerciseBrokenError, memoryReferenceCache, type ReferenceCache, resolveExpectations } from "../../grading/expectations";
import type { Sandbox } from "../../grading/sandbox/sandbox";
import type { ResolvedExpectation, Status } from "../../grading/judge";
import { resolveLimits, type SandboxLimits } from "../../grading/limits";
import type { SuspectLine } from "../contracts";
import { failureFacts, type GradedSubmission, type Localization } from "../facts";
import { failedInSearch, repairsIn } from "./judging";
import { type RepairCase, type RepairInput, runRepairSearch } from "./repair-run";
import { rankLines } from "./spectrum";
import { suspectLines } from "./suspects";

export interface LocalizationOptions {
  /** Where reference results are cached, for cases whose expected value comes from the reference solution. */
  references?: ReferenceCache;
  /** At most this many edits are tried (the sandbox allows 300). */
  maxEdits?: number;
  /** Time the repair search may spend trying edits in the sandbox (after one run of the code as written). */
  budgetMs?: number;
}

export const DEFAULT_MAX_EDITS = 300;
export const DEFAULT_BUDGET_MS = 3000;
/** The longest a call of the code as written may take (edited calls get a few times what it took). */
const MAX_CASE_TIMEOUT_MS = 1000;
/** For a case that ran out of time in grading: it will again, and must not spend the search's budget doing so. */
const TIMED_OUT_CASE_MS = 300;

/** What the search did, for the benchmark and the docs: nothing here reaches a learner. */
export interface LocalizationStats {
  ran: boolean;
  targets: number;
  guards: number;
  /** Wall time of the search's trip to the sandbox, container included. */
  searchMs: number | null;
  /** Of that, the time the search itself took inside the container. */
  inContainerMs: number | null;
  editsGenerated: number;
  editsTried: number;
  candidates: number;
  repairs: number;
  stopped: "time" | "edits" | null;
  error: string | null;
}

export interface LocalizationResult {
  localization: Localization;
  stats: LocalizationStats;
}

const FAILING: readonly Status[] = ["failed", "error", "timeout"];

export interface Plan {
  /** Case indexes. Targets: failing cases a repair must fix (the visible ones, or the hidden ones if none is). */
  targets: number[];
  /** Passing cases a repair must keep passing, visible and hidden. */
  guards: number[];
  /** Every case (a call or a program) that passed or failed, with whether it failed, for the spectrum. */
  spectrum: { index: number; failed: boolean; timedOut: boolean }[];
}

/** Which cases the search works with, from the graded results; null when there is nothing to localize. */
export function planOf(exercise: Exercise, submission: GradedSubmission): Plan | null {
  if (!FAILING.includes(submission.verdict)) return null;
  const spectrum: Plan["spectrum"] = [];
  exercise.cases.forEach((c, index) => {
    const status = submission.tests[index]?.status;
    if (inputOf(c) === null || status === undefined) return;
    if (status === "passed" || FAILING.includes(status)) spectrum.push({ index, failed: status !== "passed", timedOut: status === "timeout" });
  });
  const failing = spectrum.filter((s) => s.failed).map((s) => s.index);
  const visible = failing.filter((i) => !exercise.cases[i]!.hidden);
  const targets = visible.length ? visible : failing;
  if (targets.length === 0) return null;
  return { targets, guards: spectrum.filter((s) => !s.failed).map((s) => s.index), spectrum };
}

/** What the search runs for a case: its call, or a program case's input; null for neither. */
function inputOf(c: ExerciseCase): RepairInput | null {
  if (c.call !== null) return { call: c.call };
  return c.stdin !== undefined ? { stdin: c.stdin } : null;
}

/** The expected value of each case the search judges, looked up on the server; it never enters the sandbox. */
async function expectationsOf(sandbox: Sandbox, exercise: Exercise, references: ReferenceCache | undefined): Promise<(ResolvedExpectation | null)[]> {
  const explicit = exercise.cases.map((c) => (c.expectation.kind === "reference" ? null : c.expectation));
  if (!exercise.cases.some((c) => c.expectation.kind === "reference")) return explicit;
  try {
    // The reference solution runs in a container of its own (as for grading), never the learner's.
    return await resolveExpectations(exercise, sandbox, references ?? memoryReferenceCache());
  } catch (e) {
    if (e instanceof ExerciseBrokenError) return explicit;
    throw e;
  }
}

function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = Date.now();
  return work().then((value) => ({ value, ms: Date.now() - started }));
}

function noStats(): LocalizationStats {
  return { ran: false, targets: 0, guards: 0, searchMs: null, inContainerMs: null, editsGenerated: 0, editsTried: 0, candidates: 0, repairs: 0, stopped: null, error: null };
}

/** Where the bug most likely is, from running the code: see ./README.md. */
export async function localizeBug(sandbox: Sandbox, exercise: Exercise | null, submission: GradedSubmission, options: LocalizationOptions = {}): Promise<LocalizationResult> {
  const started = Date.now();
  const stats = noStats();
  const exceptionLine = exercise ? (failureFacts(exercise, submission)?.exception?.line ?? null) : null;
  const plan = exercise ? planOf(exercise, submission) : null;
  const finish = (suspects: SuspectLine[], repairedLines: string[]): LocalizationResult => ({
    localization: { suspectLines: suspects, localizationMs: stats.ran ? Date.now() - started : null, repairedLines },
    stats,
  });
  if (!exercise || !plan) return finish(suspectLines({ repairs: [], exceptionLine, spectrum: [] }), []);
  stats.ran = true;
  stats.targets = plan.targets.length;
  stats.guards = plan.guards.length;
  const limits: SandboxLimits = resolveLimits(exercise.limits, sandbox.limits);
  try {
    const [expectations, search] = await Promise.all([
      expectationsOf(sandbox, exercise, options.references),
      timed(() =>
        runRepairSearch(sandbox, exercise.file, submission.code, searchCases(exercise, plan), {
          maxEdits: options.maxEdits ?? DEFAULT_MAX_EDITS,
          budgetMs: options.budgetMs ?? DEFAULT_BUDGET_MS,
          caseTimeoutMs: Math.min(limits.caseTimeoutMs, MAX_CASE_TIMEOUT_MS),
          limits,
        }),
      ),
    ]);
    const run = search.value;
    Object.assign(stats, { searchMs: search.ms, inContainerMs: run.elapsedMs, editsGenerated: run.generated, editsTried: run.tried, candidates: run.candidates.length, stopped: run.stopped, error: run.error });
    const judge = { cases: exercise.cases, expectations, limits };
    const spectrum = rankLines(plan.spectrum.flatMap((c) => (run.coverage.has(c.index) ? [{ lines: run.coverage.get(c.index)!, failed: failedInSearch(judge, run, c.index, c.failed) }] : [])));
    const repairs = repairsIn(run, judge, plan.targets, plan.guards);
    stats.repairs = repairs.length;
    return finish(suspectLines({ repairs, exceptionLine, spectrum }), [...new Set(repairs.map((r) => r.text))]);
  } catch (e) {
    // Localization only sharpens an answer: without it the tutor still explains, so a failure here is recorded, not raised.
    stats.error = e instanceof Error ? e.message : String(e);
    return finish(suspectLines({ repairs: [], exceptionLine, spectrum: [] }), []);
  }
}

/** Every case of the plan once, with its role in the search: targets and guards, and the other failing cases to observe. */
function searchCases(exercise: Exercise, plan: Plan): RepairCase[] {
  const role = (index: number): RepairCase["role"] => (plan.targets.includes(index) ? "target" : plan.guards.includes(index) ? "guard" : "observe");
  return plan.spectrum.map(({ index, timedOut }) => ({ id: index, ...inputOf(exercise.cases[index]!)!, role: role(index), ...(timedOut ? { timeoutMs: TIMED_OUT_CASE_MS } : {}) }));
}
