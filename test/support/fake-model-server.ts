// A real HTTP server on 127.0.0.1 (random port) that speaks the OpenAI chat-completions protocol with scripted
// answers, so the model engine and its client are tested over real sockets. It records every request so tests can
// assert what was sent. Each request takes the next queued script (or the default one).
import http, { type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  rawBody: string;
  /** The parsed JSON body, or null when it was not JSON. */
  body: any;
}

export type ModelScript =
  /** An answer streamed as SSE events of `chunkChars` characters of content each (or raw bytes split `byteSplit`). */
  | { type: "stream"; content: string; chunkChars?: number; delayMs?: number; byteSplit?: number; finishReason?: string; sendDone?: boolean; lineEnd?: "\n" | "\r\n"; keepAliveComments?: boolean }
  /** An answer in one JSON body (a server that ignores `stream: true`). */
  | { type: "json"; content: string; contentType?: string }
  /** Raw bytes with the given content type, e.g. an SSE stream whose events are not JSON. */
  | { type: "raw"; contentType: string; body: string; status?: number }
  /** An error status with a body and headers (429 with Retry-After, 500...). */
  | { type: "status"; status: number; body: string; headers?: Record<string, string> }
  /** Headers sent, then nothing ever again (or no answer at all when `headers` is false). */
  | { type: "hang"; headers?: boolean }
  /** A stream that never ends: a content event (or only a keep-alive comment) every `intervalMs`. */
  | { type: "endless"; intervalMs?: number; chunk?: string; keepAliveOnly?: boolean }
  /** Anything else: write the response yourself. */
  | { type: "custom"; handle: (req: RecordedRequest, res: http.ServerResponse) => void };

export interface FakeModelServer {
  /** The API root to configure, e.g. http://127.0.0.1:41234/v1 */
  baseUrl: string;
  requests: RecordedRequest[];
  /** Queue scripts for the next requests, in order. */
  enqueue(...scripts: ModelScript[]): void;
  /** The script used when the queue is empty (a 500 unless set). */
  setDefault(script: ModelScript): void;
  close(): Promise<void>;
}

function sseEvent(content: string | null, finishReason: string | null, extra: Record<string, unknown> = {}): string {
  const delta = content === null ? {} : { content };
  return `data: ${JSON.stringify({ id: "chatcmpl-fake", object: "chat.completion.chunk", created: 0, model: "fake", choices: [{ index: 0, delta, finish_reason: finishReason }], ...extra })}`;
}

export function chatCompletionBody(content: string, finishReason = "stop"): string {
  return JSON.stringify({ id: "chatcmpl-fake", object: "chat.completion", created: 0, model: "fake", choices: [{ index: 0, message: { role: "assistant", content }, finish_reason: finishReason }] });
}

export async function startFakeModelServer(): Promise<FakeModelServer> {
  const requests: RecordedRequest[] = [];
  const queue: ModelScript[] = [];
  let fallbackScript: ModelScript = { type: "status", status: 500, body: '{"error":{"message":"no script queued"}}' };
  const timers = new Set<NodeJS.Timeout>();

  const later = (ms: number, fn: () => void) => {
    const t = setTimeout(() => {
      timers.delete(t);
      fn();
    }, ms);
    timers.add(t);
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const rawBody = Buffer.concat(chunks).toString("utf8");
      let body: any = null;
      try {
        body = JSON.parse(rawBody);
      } catch {
        body = null;
      }
      const recorded: RecordedRequest = { method: req.method ?? "", path: req.url ?? "", headers: req.headers, rawBody, body };
      requests.push(recorded);
      if (req.method !== "POST" || req.url !== "/v1/chat/completions") {
        res.writeHead(404, { "content-type": "application/json" }).end('{"error":{"message":"not found"}}');
        return;
      }
      play(queue.shift() ?? fallbackScript, recorded, res);
    });
  });

  function play(script: ModelScript, recorded: RecordedRequest, res: http.ServerResponse): void {
    let closed = false;
    res.on("close", () => {
      closed = true;
    });
    switch (script.type) {
      case "json":
        res.writeHead(200, { "content-type": script.contentType ?? "application/json" }).end(chatCompletionBody(script.content));
        return;
      case "raw":
        res.writeHead(script.status ?? 200, { "content-type": script.contentType }).end(script.body);
        return;
      case "status":
        res.writeHead(script.status, { "content-type": "application/json", ...script.headers }).end(script.body);
        return;
      case "hang":
        if (script.headers) res.writeHead(200, { "content-type": "text/event-stream" }).flushHeaders();
        return; // the client's timeout ends it
      case "custom":
        script.handle(recorded, res);
        return;
      case "endless": {
        res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
        const tick = () => {
          if (closed) return;
          res.write(script.keepAliveOnly ? `: ${"keep-alive ".repeat(40)}\n\n` : `${sseEvent(script.chunk ?? "and on and on ", null)}\n\n`);
          later(script.intervalMs ?? 1, tick);
        };
        tick();
        return;
      }
      case "stream": {
        const end = script.lineEnd ?? "\n";
        const size = script.chunkChars ?? 3;
        const events: string[] = [`${sseEvent(null, null, {})}`.replace('"delta":{}', '"delta":{"role":"assistant"}')];
        const chars = Array.from(script.content); // whole code points, so a chunk never splits a character
        for (let i = 0; i < chars.length; i += size) events.push(sseEvent(chars.slice(i, i + size).join(""), null));
        events.push(sseEvent(null, script.finishReason ?? "stop"));
        if (script.sendDone !== false) events.push("data: [DONE]");
        const pieces = events.map((e, i) => `${script.keepAliveComments && i % 5 === 0 ? `: ping${end}` : ""}${e}${end}${end}`);
        if (script.byteSplit) {
          const all = Buffer.from(pieces.join(""), "utf8");
          const split: Buffer[] = [];
          for (let i = 0; i < all.length; i += script.byteSplit) split.push(all.subarray(i, i + script.byteSplit));
          writeAll(res, split, script.delayMs ?? 0, () => closed);
          return;
        }
        writeAll(res, pieces.map((p) => Buffer.from(p, "utf8")), script.delayMs ?? 0, () => closed);
        return;
      }
    }
  }

  function writeAll(res: http.ServerResponse, pieces: Buffer[], delayMs: number, isClosed: () => boolean): void {
    res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
    let i = 0;
    const next = () => {
      if (isClosed()) return;
      if (i >= pieces.length) {
        res.end();
        return;
      }
      res.write(pieces[i++]);
      if (delayMs > 0) later(delayMs, next);
      else setImmediate(next);
    };
    next();
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    enqueue: (...scripts) => void queue.push(...scripts),
    setDefault: (script) => {
      fallbackScript = script;
    },
    close: async () => {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** An API root on 127.0.0.1 where nothing listens: connecting is refused. */
export async function closedPortBaseUrl(): Promise<string> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/v1`;
}

// ---- ready-made scripts ----------------------------------------------------------------------------------------

export const scripts = {
  /** A good answer (any JSON value) streamed in small SSE chunks. */
  streamed: (answer: unknown, options: Omit<Extract<ModelScript, { type: "stream" }>, "type" | "content"> = {}): ModelScript => ({ type: "stream", content: JSON.stringify(answer), ...options }),
  /** A good answer in one non-streamed JSON body. */
  whole: (answer: unknown): ModelScript => ({ type: "json", content: JSON.stringify(answer) }),
  /** Content that is not JSON at all, streamed. */
  malformedJson: (): ModelScript => ({ type: "stream", content: '{"explanation": "Your loop stops one step early, because', sendDone: true }),
  /** An SSE stream whose events are not JSON. */
  malformedStream: (): ModelScript => ({ type: "raw", contentType: "text/event-stream", body: "data: {this is not json\n\ndata: [DONE]\n\n" }),
  /** Never answers. */
  timeout: (): ModelScript => ({ type: "hang" }),
  rateLimited: (retryAfter: string): ModelScript => ({ type: "status", status: 429, headers: { "retry-after": retryAfter }, body: '{"error":{"message":"Rate limit reached for requests","type":"requests"}}' }),
  serverError: (): ModelScript => ({ type: "status", status: 500, body: '{"error":{"message":"The server had an error while processing your request."}}' }),
  endless: (): ModelScript => ({ type: "endless", intervalMs: 1, chunk: "and on ".repeat(20) }),
};
