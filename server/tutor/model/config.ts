// The model engine's settings, read from the environment. Without a base URL and a model name the tutor runs
// offline (readModelConfig returns null); everything else has a default.

export interface ModelConfig {
  /** OpenAI-compatible API root, without a trailing slash: http://127.0.0.1:11434/v1, https://api.openai.com/v1. */
  baseUrl: string;
  model: string;
  /** Sent only as `Authorization: Bearer <key>`; never logged, never put in an error or a prompt. */
  apiKey: string | null;
  /** The whole request, from connecting to the last streamed character. */
  timeoutMs: number;
  temperature: number;
  maxTokens: number;
  /** Cap on the answer's characters: a stream that goes past it is cut off (endless or runaway answers). */
  maxAnswerChars: number;
  /** Cap on the raw response bytes (SSE framing, keep-alive comments included), for streams that carry no text. */
  maxResponseBytes: number;
}

export const MODEL_DEFAULTS = { timeoutMs: 20_000, temperature: 0, maxTokens: 800 } as const;

/** A token is a few characters; 16 per token leaves room for any honest answer and stops a runaway one. */
export function answerCharsFor(maxTokens: number): number {
  return Math.max(4_000, maxTokens * 16);
}

export function responseBytesFor(maxTokens: number): number {
  return Math.max(1024 * 1024, maxTokens * 1024);
}

function text(env: NodeJS.ProcessEnv, name: string): string | null {
  const raw = env[name]?.trim();
  return raw ? raw : null;
}

function wholeNumber(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number): number {
  const raw = text(env, name);
  if (raw === null) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be a whole number of at least ${min}, not "${raw}"`);
  return value;
}

function temperature(env: NodeJS.ProcessEnv): number {
  const raw = text(env, "TUTOR_MODEL_TEMPERATURE");
  if (raw === null) return MODEL_DEFAULTS.temperature;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0 || value > 2) throw new Error(`TUTOR_MODEL_TEMPERATURE must be a number from 0 to 2, not "${raw}"`);
  return value;
}

function baseUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error("TUTOR_MODEL_BASE_URL must be an http:// or https:// URL, such as http://127.0.0.1:11434/v1");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new Error("TUTOR_MODEL_BASE_URL must be an http:// or https:// URL");
  if (url.username || url.password) throw new Error("TUTOR_MODEL_BASE_URL must not contain a user name or password: put the key in TUTOR_MODEL_API_KEY");
  return url.toString().replace(/\/+$/, "");
}

/**
 * The model settings, or null when no model is configured (offline mode). Setting only one of
 * TUTOR_MODEL_BASE_URL and TUTOR_MODEL is a mistake worth stopping for, so it throws, like any invalid value.
 * Error messages never include the API key.
 */
export function readModelConfig(env: NodeJS.ProcessEnv = process.env): ModelConfig | null {
  const base = text(env, "TUTOR_MODEL_BASE_URL");
  const model = text(env, "TUTOR_MODEL");
  if (base === null && model === null) return null;
  if (base === null) throw new Error("TUTOR_MODEL is set but TUTOR_MODEL_BASE_URL is not: set both to use a model, or neither to stay offline");
  if (model === null) throw new Error("TUTOR_MODEL_BASE_URL is set but TUTOR_MODEL is not: set both to use a model, or neither to stay offline");
  const maxTokens = wholeNumber(env, "TUTOR_MODEL_MAX_TOKENS", MODEL_DEFAULTS.maxTokens, 1);
  return {
    baseUrl: baseUrl(base),
    model,
    apiKey: text(env, "TUTOR_MODEL_API_KEY"),
    timeoutMs: wholeNumber(env, "TUTOR_MODEL_TIMEOUT_MS", MODEL_DEFAULTS.timeoutMs, 1),
    temperature: temperature(env),
    maxTokens,
    maxAnswerChars: answerCharsFor(maxTokens),
    maxResponseBytes: responseBytesFor(maxTokens),
  };
}
