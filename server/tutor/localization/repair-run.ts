// The repair search's one trip to the sandbox (runner-image/tutor_analysis/repairs.py, mode "repairs"): the learner's
// file, the cases' calls with their role (a case the code fails, or one it passes) and the lines to try first go in;
// what each edit's calls gave comes back, checked here before anything trusts it. No expected value is sent.
import { z } from "zod";
import type { Sandbox } from "../../grading/sandbox/sandbox";
import type { SandboxLimits } from "../../grading/limits";
import { type CaseObservation, caseObservationSchema } from "../../grading/observation";

export type CaseRole = "target" | "guard" | "observe";

/** A call in the learner's module, or (a program case) the file run as a program with this input. */
export type RepairInput = { call: string } | { stdin: string };

export type RepairCase = RepairInput & {
  /** The case's index in the exercise. */
  id: number;
  /**
   * "target": the code fails it, and a repair must make it pass. "guard": the code passes it, and must still.
   * "observe": run once on the code as written, for the lines it runs.
   */
  role: CaseRole;
  /** Shorter than the search's case timeout, for a case that already ran out of time in grading. */
  timeoutMs?: number;
};

export interface RepairSearchOptions {
  maxEdits: number;
  /** Time the search may spend trying edits, in the container (after one run of the code as written). */
  budgetMs: number;
  /** The longest one call of the code as written may take; edited calls get a few times what it took. */
  caseTimeoutMs: number;
  limits: SandboxLimits;
}

/** An edit that changed what every target case gave: a candidate repair, for the server to judge. */
export interface TriedEdit {
  id: number;
  line: number;
  kind: string;
  /** The edited line: for the guardrails only, never shown. */
  text: string;
  /** By case id; guard cases are there only if every target changed. */
  observations: Map<number, CaseObservation>;
}

export interface RepairRun {
  /** What each case gave with the code as written, in this same runner. */
  baseline: Map<number, CaseObservation>;
  /** The lines of the file each case ran (with the code as written), sorted; absent for a case that didn't finish. */
  coverage: Map<number, number[]>;
  candidates: TriedEdit[];
  generated: number;
  tried: number;
  elapsedMs: number;
  stopped: "time" | "edits" | null;
  /** Why the search could not run, in words; null when it ran. */
  error: string | null;
}

const observationsSchema = z.record(z.string().regex(/^\d+$/), z.unknown());
const lineSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("baseline"), observations: observationsSchema }),
  z.object({
    kind: z.literal("edit"),
    id: z.number().int().positive(),
    line: z.number().int().positive(),
    edit: z.string().max(40),
    text: z.string().max(2000),
    observations: observationsSchema,
  }),
  z.object({ kind: z.literal("error"), error: z.string().max(2000) }),
  z.object({
    kind: z.literal("done"),
    generated: z.number().int().nonnegative().optional(),
    tried: z.number().int().nonnegative().optional(),
    elapsedMs: z.number().int().nonnegative().optional(),
    stopped: z.enum(["time", "edits"]).nullable().optional(),
  }),
]);

const MAX_OUTPUT_BYTES = 16 * 1024 * 1024;
/** Beyond the search's budget and its run of the code as written: starting the container, generating the edits. */
const CONTAINER_ALLOWANCE_MS = 10_000;

function observationsOf(raw: Record<string, unknown>, ids: Set<number>): Map<number, CaseObservation> {
  const out = new Map<number, CaseObservation>();
  for (const [key, value] of Object.entries(raw)) {
    const id = Number(key);
    const parsed = caseObservationSchema.safeParse(value);
    if (ids.has(id)) out.set(id, parsed.success ? parsed.data : { outcome: "harness-error", message: "malformed observation" });
  }
  return out;
}

const linesSchema = z.object({ lines: z.array(z.number().int().positive()).max(100_000) });

function coverageOf(raw: Record<string, unknown>, ids: Set<number>): Map<number, number[]> {
  const out = new Map<number, number[]>();
  for (const [key, value] of Object.entries(raw)) {
    const parsed = linesSchema.safeParse(value);
    if (ids.has(Number(key)) && parsed.success) out.set(Number(key), [...new Set(parsed.data.lines)].sort((a, b) => a - b));
  }
  return out;
}

export async function runRepairSearch(sandbox: Sandbox, file: string, source: string, cases: RepairCase[], options: RepairSearchOptions): Promise<RepairRun> {
  const ids = new Set(cases.map((c) => c.id));
  const result: RepairRun = { baseline: new Map(), coverage: new Map(), candidates: [], generated: 0, tried: 0, elapsedMs: 0, stopped: null, error: null };
  const payload = {
    mode: "repairs",
    file,
    source,
    cases,
    maxEdits: options.maxEdits,
    budgetMs: options.budgetMs,
    caseTimeoutMs: options.caseTimeoutMs,
    limits: { fileBytes: options.limits.fileBytes, addressSpaceBytes: options.limits.memoryMb * 1024 * 1024, outputBytes: options.limits.outputBytes },
  };
  const run = await sandbox.analyse(payload, {
    deadlineMs: options.budgetMs + cases.length * options.caseTimeoutMs + CONTAINER_ALLOWANCE_MS,
    maxStdoutBytes: MAX_OUTPUT_BYTES,
    onLine: (raw) => {
      const parsed = lineSchema.safeParse(raw);
      if (!parsed.success) return;
      const line = parsed.data;
      if (line.kind === "baseline") {
        result.baseline = observationsOf(line.observations, ids);
        result.coverage = coverageOf(line.observations, ids);
      }
      else if (line.kind === "edit") result.candidates.push({ id: line.id, line: line.line, kind: line.edit, text: line.text, observations: observationsOf(line.observations, ids) });
      else if (line.kind === "error") result.error = line.error;
      else {
        result.generated = line.generated ?? 0;
        result.tried = line.tried ?? 0;
        result.elapsedMs = line.elapsedMs ?? 0;
        result.stopped = line.stopped ?? null;
      }
    },
  });
  if (run.end !== "done" && result.error === null) result.error = `the search ended early (${run.end})`;
  return result;
}
