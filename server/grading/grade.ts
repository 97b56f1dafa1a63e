// Grades one submission: the named steps are check the source, resolve expectations, run the cases (and the
// exercise's tests/ files) in the sandbox, and judge each observation as it arrives. Knows nothing of the queue or
// the database. Results come in a fixed order: cases.yaml's cases, then each test file's tests (or one result for a
// file whose tests could not be listed).
import type Docker from "dockerode";
import type { Exercise } from "../exercises/exercise";
import { resolveExpectations, type ReferenceCache } from "./expectations";
import {
  type DiscoveredTest,
  judgeCase,
  judgeDiscoveryFailure,
  judgeTest,
  judgeUnlistedTestFile,
  overallVerdict,
  type ResolvedExpectation,
  type Status,
  syntaxErrorMessage,
  type TestResult,
} from "./judge";
import { DEFAULT_LIMITS, formatBytes, resolveLimits, type SandboxLimits } from "./limits";
import { type CaseObservation, caseObservationSchema, discoveryObservationSchema, type HarnessEvent } from "./observation";
import { type ContainerPool, sameContainerLimits } from "./container-pool";
import { runInSandbox, runInStartedSandbox, runToolInSandbox, type SandboxCase, type SandboxRequest, type SandboxRun, type ToolRun } from "./sandbox";

/**
 * A Docker engine, the runner image to use there, the platform's default limits, and optionally a pool of
 * containers started ahead of time for submissions graded under those limits (others run in a new container).
 */
export class Sandbox {
  constructor(
    readonly docker: Docker,
    readonly image: string,
    readonly limits: SandboxLimits = DEFAULT_LIMITS,
    readonly pool: ContainerPool | null = null,
  ) {}
  async run(request: SandboxRequest, limits: SandboxLimits, onEvent?: (e: HarnessEvent) => void): Promise<SandboxRun> {
    const started = this.pool && sameContainerLimits(limits, this.pool.limits) ? await this.pool.take() : null;
    if (!started) return runInSandbox(this.docker, this.image, request, limits, { onEvent });
    try {
      const run = await runInStartedSandbox(started, request, limits, { onEvent });
      // Not a word from the harness, not even on a syntax error: the container died while it waited (before
      // Docker told the pool). Nothing of the submission ran, so it is graded again in a new container.
      if (run.events.length === 0 && run.end === "exited-early") return runInSandbox(this.docker, this.image, request, limits, { onEvent });
      return run;
    } finally {
      this.pool!.release(started);
    }
  }
  /** Removes the pool's containers; grading afterwards runs in new containers. */
  async close(): Promise<void> {
    await this.pool?.stop();
  }
  /** Runs the analysis tool (runner-image/analysis.py) on `payload`, under the same limits as grading. */
  analyse(payload: unknown, options: { deadlineMs: number; maxStdoutBytes: number; onLine?: (line: unknown) => void }): Promise<ToolRun> {
    return runToolInSandbox(this.docker, this.image, "analysis", payload, this.limits, options);
  }
}

/** Resolves the sandbox when grading starts (Docker or the image may not be ready before); close() releases it. */
export type SandboxSource = (() => Promise<Sandbox>) & { close(): Promise<void> };

export interface GradeResult {
  status: Status;
  message: string;
  tests: TestResult[];
  passedCount: number;
  totalCount: number;
  durationMs: number;
  /**
   * Raw observations by result index (cases first, then tests/ results), for the tutor and instructors; never sent
   * to a learner as such.
   */
  observations: Record<number, CaseObservation>;
}

export interface GradeHooks {
  onTest?: (index: number, totalCount: number, test: TestResult) => void;
}

function observationFromEvent(event: HarnessEvent | undefined): CaseObservation | null {
  if (event?.kind !== "case" && event?.kind !== "test") return null;
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
  const tests: TestResult[] = [
    ...exercise.cases.map((c): TestResult => ({ name: c.name, status: "error", hidden: c.hidden, message })),
    ...exercise.tests.map((f): TestResult => ({ name: f.name, status: "error", hidden: false, message, inSandbox: true })),
  ];
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
  const caseCount = exercise.cases.length;
  // Until the harness has listed the tests, each test file counts as one; the listing comes before any case runs.
  let totalCount = caseCount + exercise.tests.length;
  const tests: (TestResult | undefined)[] = new Array(caseCount);
  const observations: Record<number, CaseObservation> = {};
  const record = (index: number, test: TestResult, obs?: CaseObservation) => {
    if (tests[index]) return;
    if (obs) observations[index] = obs;
    tests[index] = test;
    hooks.onTest?.(index, totalCount, test);
  };
  const judge = (index: number, obs: CaseObservation) => {
    const c = exercise.cases[index];
    if (c) record(index, judgeCase(c, expectations[index]!, obs, limits), obs);
  };

  // The tests from tests/, as discovered inside the sandbox: test id (the harness's numbering) -> result index.
  let discovered: { test: DiscoveredTest; index: number }[] | null = null;
  const onDiscovery = (raw: unknown) => {
    if (discovered || exercise.tests.length === 0) return;
    discovered = [];
    const parsed = discoveryObservationSchema.safeParse(raw);
    const obs = parsed.success ? parsed.data : ({ outcome: "harness-error", message: "malformed observation" } as const);
    const ourFiles = exercise.tests.map((f) => f.name);
    const listed = obs.outcome === "discovered" && obs.files.map((f) => f.file).join("/") === ourFiles.join("/") ? obs.files : null;
    const fileResults: { index: number; result: TestResult; obs?: CaseObservation }[] = [];
    let next = caseCount;
    if (listed) {
      for (const file of listed) {
        const unlisted = judgeUnlistedTestFile(file, limits);
        if (unlisted) fileResults.push({ index: next++, result: unlisted });
        else if ("tests" in file) for (const t of file.tests) discovered.push({ test: { file: file.file, class: t.class, name: t.name }, index: next++ });
      }
    } else {
      const failure: CaseObservation = obs.outcome === "discovered" ? { outcome: "harness-error", message: "the test listing named other files" } : obs;
      for (const name of ourFiles) fileResults.push({ index: next++, result: judgeDiscoveryFailure(name, failure, limits), obs: failure });
    }
    totalCount = next;
    tests.length = next;
    for (const r of fileResults) record(r.index, r.result, r.obs);
  };
  const judgeTestEvent = (id: number, obs: CaseObservation) => {
    const slot = discovered?.[id];
    if (slot) record(slot.index, judgeTest(slot.test, obs, limits), obs);
  };

  // Only the call expressions and program stdin go in (with the exercise's test files and the helpers they import);
  // expected values stay here.
  const request: SandboxRequest = {
    file: exercise.file,
    source: code,
    cases: exercise.cases.map((c): SandboxCase => (c.call !== null ? { id: c.index, call: c.call } : { id: c.index, stdin: c.stdin ?? "" })),
    ...(exercise.tests.length ? { tests: exercise.tests.map((t) => ({ name: t.name, source: t.source })) } : {}),
    ...(exercise.tests.length && exercise.helpers.length ? { helpers: exercise.helpers.map((t) => ({ name: t.name, source: t.source })) } : {}),
  };
  const run = await sandbox.run(request, limits, (event) => {
    if (event.kind === "case") judge(event.id, observationFromEvent(event)!);
    else if (event.kind === "discovery") onDiscovery(event.observation);
    else if (event.kind === "test") judgeTestEvent(event.id, observationFromEvent(event)!);
  });

  const syntax = run.events.find((e) => e.kind === "syntax-error");
  if (syntax?.kind === "syntax-error") {
    const message = syntaxErrorMessage(syntax.error);
    const line = syntax.error.line ?? undefined;
    // The message is about the learner's own file, so hidden cases may carry it too.
    const all: TestResult[] = [
      ...exercise.cases.map((c): TestResult => ({
        name: c.name,
        status: "syntax-error",
        hidden: c.hidden,
        ...(c.hidden || c.call === null ? {} : { call: c.call }),
        message,
        ...(line ? { line } : {}),
      })),
      // No test could be listed: each test file gets one result.
      ...exercise.tests.map((f): TestResult => ({ name: f.name, status: "syntax-error", hidden: false, message, ...(line ? { line } : {}), inSandbox: true })),
    ];
    all.forEach((test, index) => hooks.onTest?.(index, all.length, test));
    return { status: "syntax-error", message, tests: all, passedCount: 0, totalCount: all.length, durationMs: Date.now() - started, observations: {} };
  }
  exercise.cases.forEach((c) => judge(c.index, unreportedCase(run)));
  if (exercise.tests.length && !discovered) {
    const unreported = unreportedCase(run);
    onDiscovery({ ...unreported, ...(unreported.outcome === "harness-error" ? { message: "the harness finished without listing the tests" } : {}) });
  }
  (discovered ?? ([] as { test: DiscoveredTest; index: number }[])).forEach((_slot, id) => judgeTestEvent(id, unreportedCase(run)));
  const finalTests = tests as TestResult[];
  const verdict = overallVerdict(finalTests);
  return { ...verdict, tests: finalTests, durationMs: Date.now() - started, observations };
}
