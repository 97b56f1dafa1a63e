// A small client for OpenAI-compatible chat completions (OpenAI, Ollama, llama.cpp, vLLM, LM Studio...): one
// POST to {base}/chat/completions asking for a JSON answer that follows a schema, streamed as server-sent events.
// Every way the call can go wrong ends in one of the typed ModelErrors below; none of them, and nothing this
// file logs, contains the API key.
import type { ModelConfig } from "./config";

export interface ChatMessage {
  role: "system" | "user" | "assistant";
  content: string;
}

export interface ResponseSchema {
  /** Letters, digits, _ and - only (the API's rule for json_schema.name). */
  name: string;
  schema: Record<string, unknown>;
}

export interface ChatOptions {
  /** The answer's text so far, each time more arrives (once, whole, when the server did not stream). */
  onDelta?: (textSoFar: string) => void;
  /** Lets the caller give up early (e.g. the learner left); ends in a ModelAbortedError. */
  signal?: AbortSignal;
}

export interface ChatResult {
  text: string;
  streamed: boolean;
  finishReason: string | null;
}

// ---- errors ---------------------------------------------------------------------------------------------------

export type ModelFailureKind = "timeout" | "rate-limited" | "http" | "network" | "malformed" | "too-long" | "aborted";

export abstract class ModelError extends Error {
  abstract readonly kind: ModelFailureKind;
}

export class ModelTimeoutError extends ModelError {
  readonly kind = "timeout";
  constructor(readonly timeoutMs: number) {
    super(`the model did not finish answering within ${timeoutMs} ms`);
    this.name = "ModelTimeoutError";
  }
}

export class ModelRateLimitedError extends ModelError {
  readonly kind = "rate-limited";
  constructor(
    /** From the Retry-After header, when the server sent one. */
    readonly retryAfterSeconds: number | null,
    body: string,
  ) {
    super(`the model server is rate-limiting requests (HTTP 429${retryAfterSeconds !== null ? `, retry after ${retryAfterSeconds} s` : ""})${body ? `: ${body}` : ""}`);
    this.name = "ModelRateLimitedError";
  }
}

export class ModelHttpError extends ModelError {
  readonly kind = "http";
  constructor(
    /** The HTTP status, or null for an error the server reported inside a stream that had started fine. */
    readonly status: number | null,
    /** The start of the error body, whitespace collapsed, the API key removed. */
    readonly body: string,
  ) {
    super(`the model server answered ${status === null ? "with an error in the stream" : `HTTP ${status}`}${body ? `: ${body}` : ""}`);
    this.name = "ModelHttpError";
  }
}

export class ModelNetworkError extends ModelError {
  readonly kind = "network";
  constructor(
    /** The system error code (ECONNREFUSED, ENOTFOUND, ECONNRESET...), when there is one. */
    readonly code: string | null,
  ) {
    super(`could not talk to the model server${code ? ` (${code})` : ""}`);
    this.name = "ModelNetworkError";
  }
}

export class ModelMalformedError extends ModelError {
  readonly kind = "malformed";
  constructor(detail: string) {
    super(`the model server's response could not be read: ${detail}`);
    this.name = "ModelMalformedError";
  }
}

export class ModelTooLongError extends ModelError {
  readonly kind = "too-long";
  constructor(detail: string) {
    super(`the model's answer was cut off: ${detail}`);
    this.name = "ModelTooLongError";
  }
}

export class ModelAbortedError extends ModelError {
  readonly kind = "aborted";
  constructor() {
    super("the request to the model was cancelled");
    this.name = "ModelAbortedError";
  }
}

// ---- redaction ------------------------------------------------------------------------------------------------

/** Removes the API key (and anything shaped like a bearer token or an OpenAI-style key) from text we keep. */
export function redact(text: string, apiKey: string | null): string {
  let out = text;
  if (apiKey) out = out.split(apiKey).join("[redacted]");
  return out.replace(/(Bearer\s+)\S+/gi, "$1[redacted]").replace(/\bsk-[A-Za-z0-9_*.-]{6,}/g, "sk-[redacted]");
}

const ERROR_BODY_CHARS = 200;
const ERROR_BODY_BYTES = 4096;

function shortBody(raw: string, apiKey: string | null): string {
  let text = raw;
  try {
    const parsed: unknown = JSON.parse(raw);
    const message = messageOf(parsed);
    if (message) text = message;
  } catch {
    // not JSON: keep the text
  }
  const collapsed = redact(text, apiKey).replace(/\s+/g, " ").trim();
  return collapsed.length > ERROR_BODY_CHARS ? `${collapsed.slice(0, ERROR_BODY_CHARS)}…` : collapsed;
}

/** `{"error": {"message": "..."}}` (OpenAI), `{"error": "..."}` (Ollama) or `{"message": "..."}`. */
function messageOf(value: unknown): string | null {
  if (!value || typeof value !== "object") return null;
  const v = value as Record<string, unknown>;
  if (typeof v.error === "string") return v.error;
  if (v.error && typeof v.error === "object" && typeof (v.error as Record<string, unknown>).message === "string") return (v.error as Record<string, string>).message ?? null;
  if (typeof v.message === "string") return v.message;
  return null;
}

/** Retry-After is either seconds or an HTTP date. */
export function parseRetryAfter(header: string | null, now = Date.now()): number | null {
  if (!header) return null;
  const trimmed = header.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.ceil(Number(trimmed));
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return null;
  return Math.max(0, Math.ceil((date - now) / 1000));
}

// ---- the call -------------------------------------------------------------------------------------------------

function errorCode(error: unknown): string | null {
  for (let e: unknown = error, depth = 0; e && typeof e === "object" && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && /^[A-Z_]+$/.test(code)) return code;
  }
  return null;
}

function classify(error: unknown, signal: AbortSignal): ModelError {
  if (error instanceof ModelError) return error;
  if (signal.aborted && signal.reason instanceof ModelError) return signal.reason;
  return new ModelNetworkError(errorCode(error));
}

/** Asks the model for a JSON answer following `schema`; resolves to the answer's text (not yet parsed). */
export async function chatCompletion(config: ModelConfig, messages: ChatMessage[], responseSchema: ResponseSchema, options: ChatOptions = {}): Promise<ChatResult> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new ModelTimeoutError(config.timeoutMs)), config.timeoutMs);
  const onOuterAbort = () => controller.abort(new ModelAbortedError());
  if (options.signal?.aborted) onOuterAbort();
  else options.signal?.addEventListener("abort", onOuterAbort, { once: true });

  const headers: Record<string, string> = { "content-type": "application/json", accept: "text/event-stream, application/json" };
  if (config.apiKey) headers.authorization = `Bearer ${config.apiKey}`;
  const body = {
    model: config.model,
    messages,
    temperature: config.temperature,
    max_tokens: config.maxTokens,
    stream: true,
    response_format: { type: "json_schema", json_schema: { name: responseSchema.name, schema: responseSchema.schema, strict: true } },
  };

  try {
    const response = await fetch(`${config.baseUrl}/chat/completions`, { method: "POST", headers, body: JSON.stringify(body), signal: controller.signal, redirect: "error" });
    if (!response.ok) {
      const raw = await readCapped(response, ERROR_BODY_BYTES);
      if (response.status === 429) throw new ModelRateLimitedError(parseRetryAfter(response.headers.get("retry-after")), shortBody(raw, config.apiKey));
      throw new ModelHttpError(response.status, shortBody(raw, config.apiKey));
    }
    if (!response.body) throw new ModelMalformedError("the response had no body");
    return await readAnswer(response.body, config, options.onDelta ?? (() => undefined), (e) => controller.abort(e));
  } catch (error) {
    const classified = classify(error, controller.signal);
    if (!controller.signal.aborted) controller.abort(classified); // closes the connection of a half-read response
    throw classified;
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener("abort", onOuterAbort);
  }
}

async function readCapped(response: Response, maxBytes: number): Promise<string> {
  if (!response.body) return "";
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = "";
  let bytes = 0;
  try {
    while (bytes < maxBytes) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.byteLength;
      text += decoder.decode(value, { stream: true });
    }
  } catch {
    // an error body that breaks off is still an error: keep what arrived
  } finally {
    reader.cancel().catch(() => undefined);
  }
  return text;
}

interface StreamState {
  text: string;
  finishReason: string | null;
  done: boolean;
}

/**
 * Reads a streamed (SSE) or whole (JSON) answer. Whichever the server chose shows in the first character: a JSON
 * body starts with `{`, an event stream with a field name or a `:` comment. Content-Type is not trusted.
 */
async function readAnswer(body: ReadableStream<Uint8Array>, config: ModelConfig, onDelta: (textSoFar: string) => void, abort: (e: ModelError) => void): Promise<ChatResult> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const state: StreamState = { text: "", finishReason: null, done: false };
  let mode: "unknown" | "sse" | "json" = "unknown";
  let buffer = "";
  let pendingData: string[] = [];
  let bytes = 0;

  const fail = (e: ModelError): never => {
    abort(e);
    throw e;
  };
  const deliver = () => {
    if (state.text.length > config.maxAnswerChars) fail(new ModelTooLongError(`it passed ${config.maxAnswerChars} characters`));
    try {
      onDelta(state.text);
    } catch {
      // a listener's mistake must not end the answer
    }
  };
  const dispatch = () => {
    if (pendingData.length === 0) return;
    const data = pendingData.join("\n");
    pendingData = [];
    const before = state.text;
    handleEvent(data, state, config.apiKey);
    if (state.text !== before) deliver();
  };
  const line = (raw: string) => {
    const l = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    if (l === "") return dispatch();
    if (l.startsWith(":")) return; // comment / keep-alive
    const colon = l.indexOf(":");
    const field = colon === -1 ? l : l.slice(0, colon);
    let value = colon === -1 ? "" : l.slice(colon + 1);
    if (value.startsWith(" ")) value = value.slice(1);
    if (field !== "data") return; // event:, id:, retry:
    // Servers that omit the blank line between events: a complete JSON event is sent before the next begins.
    if (pendingData.length > 0 && isCompleteJson(pendingData.join("\n"))) dispatch();
    pendingData.push(value);
  };

  try {
    while (!state.done) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.byteLength;
      if (bytes > config.maxResponseBytes) fail(new ModelTooLongError(`the response passed ${config.maxResponseBytes} bytes`));
      buffer += decoder.decode(value, { stream: true });
      if (mode === "unknown") {
        const start = buffer.trimStart();
        if (start === "") continue;
        mode = start.startsWith("{") ? "json" : "sse";
      }
      if (mode === "json") {
        if (buffer.length > config.maxAnswerChars * 2 + 4096) fail(new ModelTooLongError(`it passed ${config.maxAnswerChars} characters`));
        continue;
      }
      let newline = buffer.indexOf("\n");
      while (newline !== -1 && !state.done) {
        line(buffer.slice(0, newline));
        buffer = buffer.slice(newline + 1);
        newline = buffer.indexOf("\n");
      }
    }
    buffer += decoder.decode();
    if (mode === "json") {
      const whole = wholeAnswer(buffer, config.apiKey);
      state.text = whole.text;
      state.finishReason = whole.finishReason;
      if (state.text) deliver();
    } else if (!state.done) {
      if (buffer) line(buffer);
      dispatch();
    }
  } finally {
    reader.cancel().catch(() => undefined);
  }

  if (state.finishReason === "length") throw new ModelTooLongError(`it reached the ${config.maxTokens}-token limit`);
  if (state.text.trim() === "") throw new ModelMalformedError("the answer was empty");
  return { text: state.text, streamed: mode === "sse", finishReason: state.finishReason };
}

function isCompleteJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

type Choice = { delta?: { content?: unknown }; message?: { content?: unknown }; finish_reason?: unknown };

function firstChoice(value: unknown): Choice | null {
  if (!value || typeof value !== "object") return null;
  const choices = (value as { choices?: unknown }).choices;
  if (!Array.isArray(choices) || choices.length === 0) return null;
  const c: unknown = choices[0];
  return c && typeof c === "object" ? (c as Choice) : null;
}

function handleEvent(data: string, state: StreamState, apiKey: string | null): void {
  if (data.trim() === "[DONE]") {
    state.done = true;
    return;
  }
  let event: unknown;
  try {
    event = JSON.parse(data);
  } catch {
    throw new ModelMalformedError("a streamed event was not JSON");
  }
  const error = event && typeof event === "object" ? (event as { error?: unknown }).error : undefined;
  if (error) throw new ModelHttpError(null, shortBody(JSON.stringify(event), apiKey));
  const choice = firstChoice(event);
  if (!choice) return; // e.g. a usage-only event
  if (typeof choice.delta?.content === "string") state.text += choice.delta.content;
  else if (typeof choice.message?.content === "string") state.text += choice.message.content;
  if (typeof choice.finish_reason === "string") state.finishReason = choice.finish_reason;
}

function wholeAnswer(body: string, apiKey: string | null): { text: string; finishReason: string | null } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new ModelMalformedError("the response body was not JSON");
  }
  if (parsed && typeof parsed === "object" && (parsed as { error?: unknown }).error) throw new ModelHttpError(null, shortBody(body, apiKey));
  const choice = firstChoice(parsed);
  const content = choice?.message?.content;
  if (typeof content !== "string") throw new ModelMalformedError("the response had no choices[0].message.content");
  return { text: content, finishReason: typeof choice?.finish_reason === "string" ? choice.finish_reason : null };
}
