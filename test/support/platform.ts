// Starts the real platform (PostgreSQL from global setup, real Docker, real exercises) on a free loopback port.
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { type PlatformConfig, readConfig } from "../../server/config";
import { startPlatform, type Platform } from "../../server/platform";

export function testConfig(overrides: Partial<PlatformConfig> = {}): PlatformConfig {
  return {
    ...readConfig(),
    databaseUrl: process.env.DATABASE_URL,
    dataDir: mkdtempSync(path.join(os.tmpdir(), "tutor-data-")),
    host: "127.0.0.1",
    port: 0,
    gradingConcurrency: 2,
    ...overrides,
  };
}

export function startTestPlatform(overrides: Partial<PlatformConfig> = {}, worker = true, env?: NodeJS.ProcessEnv): Promise<Platform> {
  return startPlatform(testConfig(overrides), { worker, log: () => undefined, env });
}

/** A learner as a browser would be: a cookie jar over fetch. */
export class LearnerClient {
  private cookie = "";
  constructor(readonly baseUrl: string) {}

  async request(method: string, route: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: any }> {
    const res = await fetch(this.baseUrl + route, {
      method,
      headers: { ...(this.cookie ? { cookie: this.cookie } : {}), ...(body !== undefined ? { "content-type": "application/json" } : {}), ...headers },
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    });
    const setCookie = res.headers.get("set-cookie");
    if (setCookie) this.cookie = setCookie.split(";")[0]!;
    const text = await res.text();
    let json: unknown = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = { raw: text };
    }
    return { status: res.status, json };
  }

  get cookieHeader(): string {
    return this.cookie;
  }

  /** Polls a submission until it is graded or failed, as the browser's fallback does. */
  async waitForVerdict(id: string, timeoutMs = 60_000): Promise<any> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const { json } = await this.request("GET", `/api/submissions/${id}`);
      if (json?.submission && (json.submission.state === "graded" || json.submission.state === "failed-to-grade")) return json.submission;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`submission ${id} was not graded within ${timeoutMs} ms`);
  }
}
