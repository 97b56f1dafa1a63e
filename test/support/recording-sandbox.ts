// The real sandbox, remembering what was sent into each container (grading runs and the analysis tool's requests):
// for tests that check what crosses the boundary (never an expected value) and how often the reference solution
// runs. Nothing is faked.
import type { HarnessEvent } from "../../server/grading/observation";
import { Sandbox } from "../../server/grading/sandbox/sandbox";
import type { SandboxLimits } from "../../server/grading/limits";
import type { SandboxRequest, SandboxRun } from "../../server/grading/sandbox/protocol";
import { realSandbox } from "./sandbox";

export class RecordingSandbox extends Sandbox {
  readonly requests: SandboxRequest[] = [];
  /** What the analysis tool was sent (analysis, run-variants, the repair search...). */
  readonly toolRequests: unknown[] = [];
  override run(request: SandboxRequest, limits: SandboxLimits, onEvent?: (e: HarnessEvent) => void): Promise<SandboxRun> {
    this.requests.push(structuredClone(request));
    return super.run(request, limits, onEvent);
  }
  override analyse(payload: unknown, options: Parameters<Sandbox["analyse"]>[1]): ReturnType<Sandbox["analyse"]> {
    this.toolRequests.push(structuredClone(payload));
    return super.analyse(payload, options);
  }
}

export async function recordingSandbox(limits?: SandboxLimits): Promise<RecordingSandbox> {
  const real = await realSandbox(limits);
  return new RecordingSandbox(real.docker, real.image, real.limits);
}

/** JSON that also holds bigints (as strings), for searching a result for text it must not contain. */
export function jsonWithBigInts(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
}
