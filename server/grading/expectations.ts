// Fills in the expected values of cases written without `expect`, by running the reference solution in its own
// sandbox (never in a learner's container), and caches them by the exercise's content hash.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Exercise } from "../exercises/exercise";
import type { ResolvedExpectation } from "./judge";
import { resolveLimits } from "./limits";
import { caseObservationSchema } from "./observation";
import type { Sandbox } from "./sandbox/sandbox";
import { decodeObservedValue, encodeValue, type PyValue } from "./values";

/** The exercise itself is broken (its reference does not run): the instructor must fix it, not the learner. */
export class ExerciseBrokenError extends Error {}

export interface ReferenceCache {
  get(key: string): Record<string, unknown> | undefined;
  set(key: string, value: Record<string, unknown>): void;
}

/** A cache that lives as long as the caller keeps it: nothing on disk. */
export function memoryReferenceCache(): ReferenceCache {
  const entries = new Map<string, Record<string, unknown>>();
  return { get: (key) => entries.get(key), set: (key, value) => void entries.set(key, value) };
}

export function fileReferenceCache(dir = process.env.TUTOR_CACHE_DIR ?? path.join(os.homedir(), ".cache", "tutor", "references")): ReferenceCache {
  return {
    get(key) {
      try {
        return JSON.parse(readFileSync(path.join(dir, `${key}.json`), "utf8")) as Record<string, unknown>;
      } catch {
        return undefined;
      }
    },
    set(key, value) {
      mkdirSync(dir, { recursive: true });
      const target = path.join(dir, `${key}.json`);
      const temporary = `${target}.${process.pid}.tmp`;
      writeFileSync(temporary, JSON.stringify(value));
      renameSync(temporary, target);
    },
  };
}

function decodeCached(entry: unknown): ResolvedExpectation | null {
  const e = entry as { kind?: string; value?: unknown; exception?: unknown };
  if (e?.kind === "raises" && typeof e.exception === "string") return { kind: "raises", exception: e.exception };
  if (e?.kind === "value") {
    try {
      return { kind: "value", value: decodeObservedValue(e.value) };
    } catch {
      return null;
    }
  }
  return null;
}

/** Returns every case's expectation, by case index, running the reference solution only when the cache lacks it. */
export async function resolveExpectations(exercise: Exercise, sandbox: Sandbox, cache: ReferenceCache): Promise<ResolvedExpectation[]> {
  const resolved: (ResolvedExpectation | null)[] = exercise.cases.map((c) => (c.expectation.kind === "reference" ? null : c.expectation));
  const missing = exercise.cases.filter((c) => c.expectation.kind === "reference");
  if (missing.length === 0) return resolved as ResolvedExpectation[];

  const key = `${exercise.contentHash}-${sandbox.image.replace(/[^a-zA-Z0-9]/g, "_")}`;
  const cached = cache.get(key) ?? {};
  const stillMissing = missing.filter((c) => {
    const hit = decodeCached(cached[c.name]);
    if (hit) resolved[c.index] = hit;
    return !hit;
  });
  if (stillMissing.length) {
    const run = await sandbox.run(
      { file: exercise.file, source: exercise.solution, cases: stillMissing.flatMap((c) => (c.call !== null ? [{ id: c.index, call: c.call }] : [])) },
      resolveLimits(exercise.limits, sandbox.limits),
    );
    const syntax = run.events.find((e) => e.kind === "syntax-error");
    if (syntax) throw new ExerciseBrokenError(`${exercise.id}: the reference solution has a syntax error: ${syntax.error.message} (line ${syntax.error.line})`);
    const fresh: Record<string, unknown> = { ...cached };
    for (const c of stillMissing) {
      const event = run.events.find((e) => e.kind === "case" && e.id === c.index);
      const parsed = event?.kind === "case" ? caseObservationSchema.safeParse(event.observation) : null;
      const obs = parsed?.success ? parsed.data : null;
      if (obs?.outcome === "returned") {
        let value: PyValue;
        try {
          value = decodeObservedValue(obs.value);
        } catch (e) {
          throw new ExerciseBrokenError(`${exercise.id}: the reference solution's result for case "${c.name}" could not be read (${(e as Error).message}).`);
        }
        resolved[c.index] = { kind: "value", value };
        fresh[c.name] = { kind: "value", value: encodeValue(value) };
      } else if (obs?.outcome === "raised") {
        resolved[c.index] = { kind: "raises", exception: obs.exception.type };
        fresh[c.name] = { kind: "raises", exception: obs.exception.type };
      } else {
        throw new ExerciseBrokenError(`${exercise.id}: the reference solution did not finish case "${c.name}" (${obs?.outcome ?? run.end}).`);
      }
    }
    cache.set(key, fresh);
  }
  return resolved as ResolvedExpectation[];
}
