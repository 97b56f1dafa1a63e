import { chatCompletion, type ChatMessage, ModelHttpError, ModelMalformedError, ModelNetworkError, ModelRateLimitedError, ModelTimeoutError, ModelTooLongError, parseRetryAfter } from "../../../server/tutor/model/client";
import { hintResponseSchema } from "../../../server/tutor/model/schemas";
import { closedPortBaseUrl, type FakeModelServer, scripts, startFakeModelServer } from "../../support/fake-model-server";
import { testConfig } from "./fixtures";

const MESSAGES: ChatMessage[] = [
  { role: "system", content: "You are a tutor." },
  { role: "user", content: "Give a hint." },
];
const ANSWER = { text: "Look at line 3: which positions does the loop visit? Ünïcödé 😀 too." };

let server: FakeModelServer;
beforeEach(async () => {
  server = await startFakeModelServer();
});
afterEach(async () => {
  await server.close();
});

async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (e) {
    return e as Error;
  }
  throw new Error("expected the call to fail");
}

describe("chatCompletion: answers", () => {
  test("streams SSE in small chunks, reporting the text so far, and sends the OpenAI request", async () => {
    server.enqueue(scripts.streamed(ANSWER, { chunkChars: 4 }));
    const seen: string[] = [];
    const result = await chatCompletion(testConfig(server.baseUrl), MESSAGES, hintResponseSchema, { onDelta: (t) => seen.push(t) });
    expect(JSON.parse(result.text)).toEqual(ANSWER);
    expect(result).toMatchObject({ streamed: true, finishReason: "stop" });
    expect(seen.length).toBeGreaterThan(10);
    seen.forEach((t, i) => i > 0 && expect(t.startsWith(seen[i - 1]!)).toBe(true));
    expect(seen.at(-1)).toBe(result.text);

    expect(server.requests).toHaveLength(1);
    const req = server.requests[0]!;
    expect(req.method).toBe("POST");
    expect(req.path).toBe("/v1/chat/completions");
    expect(req.headers["content-type"]).toBe("application/json");
    expect(req.headers.authorization).toBeUndefined();
    expect(req.body).toEqual({
      model: "tutor-test-model",
      messages: MESSAGES,
      temperature: 0,
      max_tokens: 800,
      stream: true,
      response_format: { type: "json_schema", json_schema: { name: "hint", schema: hintResponseSchema.schema, strict: true } },
    });
  });

  test("accepts a whole JSON body from a server that ignores stream: true", async () => {
    server.enqueue(scripts.whole(ANSWER));
    const seen: string[] = [];
    const result = await chatCompletion(testConfig(server.baseUrl), MESSAGES, hintResponseSchema, { onDelta: (t) => seen.push(t) });
    expect(JSON.parse(result.text)).toEqual(ANSWER);
    expect(result.streamed).toBe(false);
    expect(seen).toEqual([result.text]);
  });

  test("survives bytes split anywhere (inside UTF-8 characters and lines), CRLF line ends and keep-alive comments", async () => {
    server.enqueue(scripts.streamed(ANSWER, { chunkChars: 2, byteSplit: 3, lineEnd: "\r\n", keepAliveComments: true }));
    // Hundreds of tiny writes: a busy machine can take longer than the default test timeout, and time is not what
    // this test is about.
    const result = await chatCompletion(testConfig(server.baseUrl, { timeoutMs: 10_000 }), MESSAGES, hintResponseSchema);
    expect(JSON.parse(result.text)).toEqual(ANSWER);
  });

  test("a stream that ends without [DONE] still counts", async () => {
    server.enqueue(scripts.streamed(ANSWER, { sendDone: false }));
    const result = await chatCompletion(testConfig(server.baseUrl), MESSAGES, hintResponseSchema);
    expect(JSON.parse(result.text)).toEqual(ANSWER);
  });

  test("the API key goes only in the Authorization header", async () => {
    const key = "sk-test-key-abcdef0123456789";
    server.enqueue(scripts.streamed(ANSWER));
    await chatCompletion(testConfig(server.baseUrl, { apiKey: key }), MESSAGES, hintResponseSchema);
    const req = server.requests[0]!;
    expect(req.headers.authorization).toBe(`Bearer ${key}`);
    expect(req.rawBody).not.toContain(key);
    expect(req.path).not.toContain(key);
  });
});

describe("chatCompletion: failures, each a typed error", () => {
  test("timeout: a server that never answers", async () => {
    server.enqueue(scripts.timeout());
    const started = Date.now();
    const e = await failure(chatCompletion(testConfig(server.baseUrl, { timeoutMs: 300 }), MESSAGES, hintResponseSchema));
    expect(e).toBeInstanceOf(ModelTimeoutError);
    expect(Date.now() - started).toBeLessThan(1500);
  });

  test("timeout: a server that sends headers and then nothing", async () => {
    server.enqueue({ type: "hang", headers: true });
    const e = await failure(chatCompletion(testConfig(server.baseUrl, { timeoutMs: 300 }), MESSAGES, hintResponseSchema));
    expect(e).toBeInstanceOf(ModelTimeoutError);
  });

  test("rate-limited: 429 with Retry-After", async () => {
    server.enqueue(scripts.rateLimited("7"));
    const e = await failure(chatCompletion(testConfig(server.baseUrl), MESSAGES, hintResponseSchema));
    expect(e).toBeInstanceOf(ModelRateLimitedError);
    expect((e as ModelRateLimitedError).retryAfterSeconds).toBe(7);
    expect(e.message).toContain("Rate limit reached");
  });

  test("HTTP error: status and the start of the body", async () => {
    server.enqueue(scripts.serverError());
    const e = await failure(chatCompletion(testConfig(server.baseUrl), MESSAGES, hintResponseSchema));
    expect(e).toBeInstanceOf(ModelHttpError);
    expect((e as ModelHttpError).status).toBe(500);
    expect((e as ModelHttpError).body).toBe("The server had an error while processing your request.");
  });

  test("an error body is cut short and never carries the API key, even when the server echoes it", async () => {
    const key = "sk-echoed-key-0123456789abcdef";
    server.enqueue({
      type: "custom",
      handle: (req, res) => res.writeHead(401, { "content-type": "text/plain" }).end(`Incorrect API key: ${String(req.headers.authorization)} ${key} ${"x".repeat(5000)}`),
    });
    const e = await failure(chatCompletion(testConfig(server.baseUrl, { apiKey: key }), MESSAGES, hintResponseSchema));
    expect(e).toBeInstanceOf(ModelHttpError);
    expect((e as ModelHttpError).status).toBe(401);
    expect(e.message).not.toContain(key);
    expect(e.message).not.toContain(key.slice(3));
    expect(JSON.stringify(e)).not.toContain(key);
    expect(e.message.length).toBeLessThan(400);
  });

  test("network: connection refused on a closed port", async () => {
    const e = await failure(chatCompletion(testConfig(await closedPortBaseUrl()), MESSAGES, hintResponseSchema));
    expect(e).toBeInstanceOf(ModelNetworkError);
    expect((e as ModelNetworkError).code).toBe("ECONNREFUSED");
  });

  test("malformed: stream events that are not JSON, or a body that is not JSON", async () => {
    server.enqueue(scripts.malformedStream(), { type: "raw", contentType: "application/json", body: "{oops" }, { type: "json", content: "" });
    for (let i = 0; i < 3; i++) {
      const e = await failure(chatCompletion(testConfig(server.baseUrl), MESSAGES, hintResponseSchema));
      expect(e).toBeInstanceOf(ModelMalformedError);
    }
  });

  test("an error reported inside a stream is an HTTP error", async () => {
    server.enqueue({ type: "raw", contentType: "text/event-stream", body: 'data: {"error":{"message":"model overloaded"}}\n\n' });
    const e = await failure(chatCompletion(testConfig(server.baseUrl), MESSAGES, hintResponseSchema));
    expect(e).toBeInstanceOf(ModelHttpError);
    expect(e.message).toContain("model overloaded");
  });

  test("too long: an endless stream is cut at the character cap, long before the timeout", async () => {
    server.enqueue(scripts.endless());
    const started = Date.now();
    const e = await failure(chatCompletion(testConfig(server.baseUrl, { timeoutMs: 5000, maxAnswerChars: 4000 }), MESSAGES, hintResponseSchema));
    expect(e).toBeInstanceOf(ModelTooLongError);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  test("too long: an endless stream of keep-alive comments is cut at the byte cap", async () => {
    server.enqueue({ type: "endless", intervalMs: 0, keepAliveOnly: true });
    const e = await failure(chatCompletion(testConfig(server.baseUrl, { timeoutMs: 5000, maxResponseBytes: 16 * 1024 }), MESSAGES, hintResponseSchema));
    expect(e).toBeInstanceOf(ModelTooLongError);
  });

  test("too long: the model hit max_tokens (finish_reason length)", async () => {
    server.enqueue({ type: "stream", content: '{"text": "and so', finishReason: "length" });
    const e = await failure(chatCompletion(testConfig(server.baseUrl), MESSAGES, hintResponseSchema));
    expect(e).toBeInstanceOf(ModelTooLongError);
  });

  test("an empty answer is malformed", async () => {
    server.enqueue({ type: "stream", content: "" });
    const e = await failure(chatCompletion(testConfig(server.baseUrl), MESSAGES, hintResponseSchema));
    expect(e).toBeInstanceOf(ModelMalformedError);
  });
});

test("parseRetryAfter: seconds or an HTTP date", () => {
  expect(parseRetryAfter("30")).toBe(30);
  expect(parseRetryAfter(null)).toBeNull();
  expect(parseRetryAfter("soon")).toBeNull();
  const now = Date.parse("2025-01-01T00:00:00Z");
  expect(parseRetryAfter("Wed, 01 Jan 2025 00:00:20 GMT", now)).toBe(20);
});
