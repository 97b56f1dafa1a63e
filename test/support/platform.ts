// Starts the real platform (PostgreSQL from global setup, real Docker, real exercises) on a free loopback port.
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { io as connectSocket, type Socket } from "socket.io-client";
import { randomUUID } from "node:crypto";
import { ensureAccountWithRole } from "../../server/auth/accounts";
import { type PlatformConfig, readConfig } from "../../server/config";
import type { Role } from "../../server/database/generated/client";
import { startPlatform, type Platform } from "../../server/platform";

export function testConfig(overrides: Partial<PlatformConfig> = {}): PlatformConfig {
  return {
    ...readConfig(),
    databaseUrl: process.env.DATABASE_URL,
    dataDir: mkdtempSync(path.join(os.tmpdir(), "tutor-data-")),
    host: "127.0.0.1",
    port: 0,
    gradingConcurrency: 2,
    // Every test signs up from 127.0.0.1 into one database per run; tests of the limits set their own.
    rateLimits: { signInPerAccount: 1000, signInPerAddress: 100_000, signUpPerAddress: 100_000 },
    ...overrides,
  };
}

export function startTestPlatform(overrides: Partial<PlatformConfig> = {}, worker = true, env?: NodeJS.ProcessEnv): Promise<Platform> {
  return startPlatform(testConfig(overrides), { worker, log: () => undefined, env });
}

/** The cookies a browser would keep for one site, from Set-Cookie headers (a cleared cookie is dropped). */
export class CookieJar {
  readonly cookies = new Map<string, string>();

  store(headers: Headers): void {
    for (const line of headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(";");
      const [name, ...value] = pair!.split("=");
      const cleared = attributes.some((a) => /^\s*expires=Thu, 01 Jan 1970/i.test(a) || /^\s*max-age=0$/i.test(a)) || value.join("=") === "";
      if (cleared) this.cookies.delete(name!.trim());
      else this.cookies.set(name!.trim(), value.join("="));
    }
  }

  get header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }
}

/**
 * A learner as a browser would be: a cookie jar over fetch that, like the web client, echoes the CSRF token the
 * server last sent on every state-changing request. `headers` can override it (tests of the CSRF defence).
 */
export class LearnerClient {
  private csrfToken: string | null = null;
  constructor(
    readonly baseUrl: string,
    private jar = new CookieJar(),
  ) {}

  async request(method: string, route: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: any; headers: Headers }> {
    if (method !== "GET" && this.csrfToken === null) await this.request("GET", "/api/me");
    const res = await fetch(this.baseUrl + route, {
      method,
      headers: {
        ...(this.jar.cookies.size ? { cookie: this.cookieHeader } : {}),
        ...(body !== undefined ? { "content-type": "application/json" } : {}),
        ...(method !== "GET" && this.csrfToken ? { "x-csrf-token": this.csrfToken } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    });
    this.jar.store(res.headers);
    const csrf = res.headers.get("x-csrf-token");
    if (csrf) this.csrfToken = csrf;
    const text = await res.text();
    let json: unknown = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = { raw: text };
    }
    return { status: res.status, json, headers: res.headers };
  }

  /** The same learner (the same cookies, the same CSRF token) talking to another web server of the platform. */
  via(baseUrl: string): LearnerClient {
    const other = new LearnerClient(baseUrl, this.jar);
    other.csrfToken = this.csrfToken;
    return other;
  }

  get cookieHeader(): string {
    return this.jar.header;
  }

  /** Signs up (claiming this learner's anonymous progress) and keeps the session cookie. */
  async signUp(email: string, password = "correct horse battery", displayName?: string): Promise<any> {
    const res = await this.request("POST", "/api/auth/signup", { email, password, ...(displayName ? { displayName } : {}) });
    if (res.status !== 201) throw new Error(`sign-up failed: ${res.status} ${JSON.stringify(res.json)}`);
    return res.json.user;
  }

  async signIn(email: string, password = "correct horse battery"): Promise<any> {
    const res = await this.request("POST", "/api/auth/signin", { email, password });
    if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${JSON.stringify(res.json)}`);
    return res.json.user;
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

/** A socket.io connection as the learner's browser would open it, with their cookies. */
export function connectLearnerSocket(baseUrl: string, learner: LearnerClient): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connectSocket(baseUrl, { extraHeaders: { cookie: learner.cookieHeader }, transports: ["websocket"], reconnection: false });
    socket.on("connect", () => resolve(socket));
    socket.on("connect_error", reject);
  });
}

export interface Person {
  client: LearnerClient;
  id: string;
  email: string;
}

/**
 * A signed-up, signed-in account with `role`, made the way an admin would from the command line. Emails are
 * unique across test files, which share one database per run and may share a worker process.
 */
export async function signedUpPerson(platform: Platform, role: Role = "learner", displayName?: string): Promise<Person> {
  const client = new LearnerClient(platform.url);
  const email = `${role}.${randomUUID().slice(0, 8)}@school.example`;
  const user = await client.signUp(email, undefined, displayName);
  if (role !== "learner") await ensureAccountWithRole(platform.db, email, null, role);
  return { client, id: user.id, email };
}

/** Waits until `ok(read())`, for work the platform does on its own loops; fails naming `what` and the last value. */
export async function until<T>(what: string, read: () => T | Promise<T>, ok: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!ok(value)) {
    if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 100));
    value = await read();
  }
  return value;
}
