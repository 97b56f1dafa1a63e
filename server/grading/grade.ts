// Grades one submission: the named steps are check the source, resolve expectations, run the cases in the
// sandbox, and judge each observation as it arrives. Knows nothing of the queue or the database.
import type Docker from "dockerode";
import type { Exercise } from "../exercises/exercise";
import { resolveExpectations, type ReferenceCache } from "./expectations";
import { judgeCase, overallVerdict, type ResolvedExpectation, type Status, syntaxErrorMessage, type TestResult } from "./judge";
import { DEFAULT_LIMITS, formatBytes, resolveLimits, type SandboxLimits } from "./limits";
import { type CaseObservation, caseObservationSchema, type HarnessEvent } from "./observation";
import { runInSandbox, runToolInSandbox, type SandboxRequest, type SandboxRun, type ToolRun } from "./sandbox";

/** A Docker engine, the runner image to use there, and the platform's default limits. */
export class Sandbox {
  constructor(
    readonly docker: Docker,
    readonly image: string,
    readonly limits: SandboxLimits = DEFAULT_LIMITS,
  ) {}
  run(request: SandboxRequest, limits: SandboxLimits, onEvent?: (e: HarnessEvent) => void): Promise<SandboxRun> {
    return runInSandbox(this.docker, this.image, request, limits, { onEvent });
  }
  /** Runs the analysis tool (runner-image/analysis.py) on `payload`, under the same limits as grading. */
  analyse(payload: unknown, options: { deadlineMs: number; maxStdoutBytes: number; onLine?: (line: unknown) => void }): Promise<ToolRun> {
    return runToolInSandbox(this.docker, this.image, "analysis", payload, this.limits, options);
  }
}

export interface GradeResult {
  status: Status;
  message: string;
  tests: TestResult[];
  passedCount: number;
  totalCount: number;
  durationMs: number;
  /** Raw observations by case index, for the tutor and instructors; never sent to a learner as such. */
  observations: Record<number, CaseObservation>;
}

export interface GradeHooks {
  onTest?: (index: number, totalCount: number, test: TestResult) => void;
}

function observationFromEvent(event: HarnessEvent | undefined): CaseObservation | null {
  if (event?.kind !== "case") return null;
  const parsed = caseObservationSchema.safeParse(event.observation);
  return parsed.success ? parsed.data : { outcome: "harness-error", message: "malformed observation" };
}

/** What became of a case the harness never reported on, judged from how the container ended. */
function unreportedCase(run: SandboxRun): CaseObservation {
  if (run.end === "timeout") return { outcome: "timeout", reason: "total" };
  if (run.end === "output-limit") return { outcome: "output-limit" };
  if (run.oomKilled) return { outcome: "memory-limit" };
  // The harness said it was done yet skipped this case: our fault, not the learner's.
  if (run.end === "done") return { outcome: "harness-error", message: "the harness finished without reporting this case" };
  // The grader's process ended before it got here, most likely killed by the learner's code.
  return { outcome: "crashed" };
}

function rejectOversizedSource(exercise: Exercise, code: string, limits: SandboxLimits, started: number): GradeResult | null {
  const size = Buffer.byteLength(code, "utf8");
  if (size <= limits.sourceBytes) return null;
  const message = `Your file is ${formatBytes(size)}; the limit is ${formatBytes(limits.sourceBytes)}. Submit only your solution.`;
  const tests: TestResult[] = exercise.cases.map((c) => ({ name: c.name, status: "error", hidden: c.hidden, message }));
  return { status: "error", message, tests, passedCount: 0, totalCount: tests.length, durationMs: Date.now() - started, observations: {} };
}

export async function gradeSubmission(sandbox: Sandbox, references: ReferenceCache, exercise: Exercise, code: string, hooks: GradeHooks = {}): Promise<GradeResult> {
  const started = Date.now();
  const limits = resolveLimits(exercise.limits, sandbox.limits);
  const oversized = rejectOversizedSource(exercise, code, limits, started);
  if (oversized) {
    oversized.tests.forEach((test, index) => hooks.onTest?.(index, oversized.totalCount, test));
    return oversized;
  }

  const expectations: ResolvedExpectation[] = await resolveExpectations(exercise, sandbox, references);
  const totalCount = exercise.cases.length;
  const tests: (TestResult | undefined)[] = new Array(totalCount);
  const observations: Record<number, CaseObservation> = {};
  const judge = (index: number, obs: CaseObservation) => {
    const c = exercise.cases[index];
    if (!c || tests[index]) return;
    observations[index] = obs;
    tests[index] = judgeCase(c, expectations[index]!, obs, limits);
    hooks.onTest?.(index, totalCount, tests[index]);
  };

  // Only the call expressions go in; expected values stay on this side.
  const request: SandboxRequest = { file: exercise.file, source: code, cases: exercise.cases.map((c) => ({ id: c.index, call: c.call })) };
  const run = await sandbox.run(request, limits, (event) => {
    if (event.kind === "case") judge(event.id, observationFromEvent(event)!);
  });

  const syntax = run.events.find((e) => e.kind === "syntax-error");
  if (syntax?.kind === "syntax-error") {
    const message = syntaxErrorMessage(syntax.error);
    const line = syntax.error.line ?? undefined;
    // The message is about the learner's own file, so hidden cases may carry it too.
    const all: TestResult[] = exercise.cases.map((c) => ({
      name: c.name,
      status: "syntax-error",
      hidden: c.hidden,
      ...(c.hidden ? {} : { call: c.call }),
      message,
      ...(line ? { line } : {}),
    }));
    all.forEach((test, index) => hooks.onTest?.(index, totalCount, test));
    return { status: "syntax-error", message, tests: all, passedCount: 0, totalCount, durationMs: Date.now() - started, observations: {} };
  }
  exercise.cases.forEach((c) => judge(c.index, unreportedCase(run)));
  const finalTests = tests as TestResult[];
  const verdict = overallVerdict(finalTests);
  return { ...verdict, tests: finalTests, durationMs: Date.now() - started, observations };
}
