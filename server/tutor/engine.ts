// Which engine answers: the model engine when TUTOR_MODEL_BASE_URL and TUTOR_MODEL are set (it falls back to the
// offline engine whenever the model fails), else the offline engine alone.
import { CATALOGUE } from "./concepts/catalogue";
import type { TutorEngine } from "./contracts";
import { readModelConfig } from "./model/config";
import { ModelEngine } from "./model/engine";
import { offlineEngine } from "./offline/engine";

export function createTutorEngine(env: NodeJS.ProcessEnv = process.env, log: (line: string) => void = () => undefined): TutorEngine {
  const config = readModelConfig(env);
  if (!config) return offlineEngine;
  return new ModelEngine(config, offlineEngine, { concepts: CATALOGUE.map((c) => ({ id: c.id, title: c.title })), log, env });
}

/** A short name for what answered, for cache keys and records ("offline", or "model:<name>"). */
export function engineLabel(engine: TutorEngine, env: NodeJS.ProcessEnv = process.env): string {
  return engine.kind === "offline" ? "offline" : `model:${env.TUTOR_MODEL ?? "unknown"}`;
}
