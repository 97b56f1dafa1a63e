// Grades one submission, as named steps over one context (`Grading`), read top to bottom in gradeSubmission:
// check the source, resolve the expectations, run the cases (and the exercise's tests/ files) in the sandbox,
// judging each case as its event arrives, fill in the cases the harness never reported, and sum up the verdict.
// Storing it is the worker's (worker.ts). Knows nothing of the queue or the database. Results come in a fixed
// order: cases.yaml's cases, then each test file's tests (or one result for a file whose tests could not be
// listed), and each is handed to hooks.onTest as soon as it is known, so a learner watches them arrive.
import type { Exercise } from "../exercises/exercise";
import { type ReferenceCache, resolveExpectations } from "./expectations";
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
import { formatBytes, resolveLimits, type SandboxLimits } from "./limits";
import { type CaseObservation, caseObservationSchema, discoveryObservationSchema, type HarnessEvent, type ObservedSyntaxError } from "./observation";
import type { SandboxCase, SandboxRequest, SandboxRun } from "./sandbox/protocol";
import type { Sandbox } from "./sandbox/sandbox";

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

/** One submission being graded: what every step reads, and the results they fill in. */
interface Grading {
  readonly exercise: Exercise;
  readonly code: string;
  readonly sandbox: Sandbox;
  /** The exercise's limits within the platform's. */
  readonly limits: SandboxLimits;
  readonly hooks: GradeHooks;
  readonly startedAt: number;
  /** Each case's expected outcome, by case index; filled in by the second step. */
  expectations: ResolvedExpectation[];
  /** Results by index; a hole is a result not known yet. */
  results: (TestResult | undefined)[];
  observations: Record<number, CaseObservation>;
  /** How many results there will be. Until the harness has listed the tests, each test file counts as one. */
  totalCount: number;
  /** The tests from tests/ as the harness listed them: its test id -> where its result goes. Null until listed. */
  listed: { test: DiscoveredTest; index: number }[] | null;
}

export async function gradeSubmission(sandbox: Sandbox, references: ReferenceCache, exercise: Exercise, code: string, hooks: GradeHooks = {}): Promise<GradeResult> {
  const grading = startGrading(sandbox, exercise, code, hooks);
  // 1. A file over the size limit is not run at all.
  const oversized = checkSource(grading);
  if (oversized) return oversized;
  // 2. Cases written without `expect` take the reference solution's results (run in a sandbox of its own, once).
  grading.expectations = await resolveExpectations(exercise, sandbox, references);
  // 3 and 4. Each case is judged, and its result handed on, as soon as its event arrives.
  const run = await runCases(grading);
  // 5. What the harness never reported: a file Python could not read, or cases the run ended before.
  const syntax = run.events.find((e) => e.kind === "syntax-error");
  if (syntax?.kind === "syntax-error") return syntaxErrorResult(grading, syntax.error);
  fillInUnreported(grading, run);
  // 6. The verdict, which the worker stores.
  return sumUp(grading);
}

function startGrading(sandbox: Sandbox, exercise: Exercise, code: string, hooks: GradeHooks): Grading {
  return {
    exercise,
    code,
    sandbox,
    limits: resolveLimits(exercise.limits, sandbox.limits),
    hooks,
    startedAt: Date.now(),
    expectations: [],
    results: new Array(exercise.cases.length),
    observations: {},
    totalCount: exercise.cases.length + exercise.tests.length,
    listed: null,
  };
}

// ---- 1. Check the source --------------------------------------------------------------------------------------------

/** A file over the size limit is not run at all: every result says why. Null for a file within the limit. */
function checkSource(g: Grading): GradeResult | null {
  const size = Buffer.byteLength(g.code, "utf8");
  if (size <= g.limits.sourceBytes) return null;
  const message = `Your file is ${formatBytes(size)}; the limit is ${formatBytes(g.limits.sourceBytes)}. Submit only your solution.`;
  const tests: TestResult[] = [
    ...g.exercise.cases.map((c): TestResult => ({ name: c.name, status: "error", hidden: c.hidden, message })),
    ...g.exercise.tests.map((f): TestResult => ({ name: f.name, status: "error", hidden: false, message, inSandbox: true })),
  ];
  return announceAll(g, { status: "error", message, tests, passedCount: 0, totalCount: tests.length, durationMs: Date.now() - g.startedAt, observations: {} });
}

// ---- 3. Run in the sandbox ------------------------------------------------------------------------------------------

/** Only the call expressions and program stdin go in (with the exercise's test files); expected values stay here. */
function sandboxRequest(exercise: Exercise, code: string): SandboxRequest {
  return {
    file: exercise.file,
    source: code,
    cases: exercise.cases.map((c): SandboxCase => (c.call !== null ? { id: c.index, call: c.call } : { id: c.index, stdin: c.stdin ?? "" })),
    ...(exercise.tests.length ? { tests: exercise.tests.map((t) => ({ name: t.name, source: t.source })) } : {}),
  };
}

function runCases(g: Grading): Promise<SandboxRun> {
  return g.sandbox.run(sandboxRequest(g.exercise, g.code), g.limits, (event) => judgeEvent(g, event));
}

// ---- 4. Judge each case as its event arrives ------------------------------------------------------------------------

function judgeEvent(g: Grading, event: HarnessEvent): void {
  if (event.kind === "case") judgeCaseAt(g, event.id, observationOf(event.observation));
  else if (event.kind === "discovery") listTests(g, event.observation);
  else if (event.kind === "test") judgeTestAt(g, event.id, observationOf(event.observation));
}

/** What the harness observed, checked at the boundary: anything malformed is the harness's failure. */
function observationOf(raw: unknown): CaseObservation {
  const parsed = caseObservationSchema.safeParse(raw);
  return parsed.success ? parsed.data : { outcome: "harness-error", message: "malformed observation" };
}

/** Keeps a result and hands it on at once; the first result for an index stands. */
function record(g: Grading, index: number, test: TestResult, obs?: CaseObservation): void {
  if (g.results[index]) return;
  if (obs) g.observations[index] = obs;
  g.results[index] = test;
  g.hooks.onTest?.(index, g.totalCount, test);
}

function judgeCaseAt(g: Grading, index: number, obs: CaseObservation): void {
  const c = g.exercise.cases[index];
  if (c) record(g, index, judgeCase(c, g.expectations[index]!, obs, g.limits), obs);
}

function judgeTestAt(g: Grading, id: number, obs: CaseObservation): void {
  const slot = g.listed?.[id];
  if (slot) record(g, slot.index, judgeTest(slot.test, obs, g.limits), obs);
}

/**
 * The harness listed the tests of tests/ (before any runs): each listed test gets a result index after the cases,
 * and a file whose tests could not be listed gets one result of its own. If the listing failed, or named other
 * files than the exercise's, each file gets one result saying so.
 */
function listTests(g: Grading, raw: unknown): void {
  if (g.listed || g.exercise.tests.length === 0) return;
  const listed: { test: DiscoveredTest; index: number }[] = [];
  g.listed = listed;
  const parsed = discoveryObservationSchema.safeParse(raw);
  const obs = parsed.success ? parsed.data : ({ outcome: "harness-error", message: "malformed observation" } as const);
  const ourFiles = g.exercise.tests.map((f) => f.name);
  const files = obs.outcome === "discovered" && obs.files.map((f) => f.file).join("/") === ourFiles.join("/") ? obs.files : null;
  const fileResults: { index: number; result: TestResult; obs?: CaseObservation }[] = [];
  let next = g.exercise.cases.length;
  if (files) {
    for (const file of files) {
      const unlisted = judgeUnlistedTestFile(file, g.limits);
      if (unlisted) fileResults.push({ index: next++, result: unlisted });
      else if ("tests" in file) for (const t of file.tests) listed.push({ test: { file: file.file, class: t.class, name: t.name }, index: next++ });
    }
  } else {
    const failure: CaseObservation = obs.outcome === "discovered" ? { outcome: "harness-error", message: "the test listing named other files" } : obs;
    for (const name of ourFiles) fileResults.push({ index: next++, result: judgeDiscoveryFailure(name, failure, g.limits), obs: failure });
  }
  g.totalCount = next;
  g.results.length = next;
  for (const r of fileResults) record(g, r.index, r.result, r.obs);
}

// ---- 5. Fill in what the harness never reported ---------------------------------------------------------------------

/** Python could not read the learner's file, so nothing ran: every result says why. */
function syntaxErrorResult(g: Grading, error: ObservedSyntaxError): GradeResult {
  const message = syntaxErrorMessage(error);
  const line = error.line ?? undefined;
  // The message is about the learner's own file, so hidden cases may carry it too.
  const tests: TestResult[] = [
    ...g.exercise.cases.map((c): TestResult => ({
      name: c.name,
      status: "syntax-error",
      hidden: c.hidden,
      ...(c.hidden || c.call === null ? {} : { call: c.call }),
      message,
      ...(line ? { line } : {}),
    })),
    // No test could be listed: each test file gets one result.
    ...g.exercise.tests.map((f): TestResult => ({ name: f.name, status: "syntax-error", hidden: false, message, ...(line ? { line } : {}), inSandbox: true })),
  ];
  return announceAll(g, { status: "syntax-error", message, tests, passedCount: 0, totalCount: tests.length, durationMs: Date.now() - g.startedAt, observations: {} });
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

/** Judges every case and test without a result from how the run ended; those with one keep it. */
function fillInUnreported(g: Grading, run: SandboxRun): void {
  g.exercise.cases.forEach((c) => judgeCaseAt(g, c.index, unreportedCase(run)));
  if (g.exercise.tests.length && !g.listed) {
    const unreported = unreportedCase(run);
    listTests(g, { ...unreported, ...(unreported.outcome === "harness-error" ? { message: "the harness finished without listing the tests" } : {}) });
  }
  (g.listed ?? []).forEach((_slot, id) => judgeTestAt(g, id, unreportedCase(run)));
}

// ---- 6. Sum up the verdict ------------------------------------------------------------------------------------------

function sumUp(g: Grading): GradeResult {
  const tests = g.results as TestResult[];
  return { ...overallVerdict(tests), tests, durationMs: Date.now() - g.startedAt, observations: g.observations };
}

/** Hands on every result of a submission that ran no case (too large, or a syntax error) at once. */
function announceAll(g: Grading, result: GradeResult): GradeResult {
  result.tests.forEach((test, index) => g.hooks.onTest?.(index, result.totalCount, test));
  return result;
}
