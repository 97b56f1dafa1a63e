// The browser's part of an LTI launch, over fetch with a cookie jar: the LMS sends it to the tool's login
// initiation, the tool redirects it to the platform's authorization endpoint, and the platform's page posts the
// id_token back to the tool. Tests of a bad token take the state and nonce from the middle step and post their own.
import type { PlatformConfig } from "../../server/config";
import { registerPlatform } from "../../server/lti/platforms";
import type { Platform } from "../../server/platform";
import { type LaunchOptions, LtiTestPlatform } from "./lti-platform";
import { CookieJar, startTestPlatform } from "./platform";

export interface LoginStarted {
  state: string;
  nonce: string;
  redirectUri: string;
  /** The platform's authorization URL the tool sent the browser to. */
  location: string;
}

export class LtiBrowser {
  constructor(
    readonly toolUrl: string,
    readonly jar = new CookieJar(),
  ) {}

  private async fetch(url: string, init: RequestInit = {}): Promise<Response> {
    const res = await fetch(url, { ...init, redirect: "manual", headers: { ...(init.headers as Record<string, string>), ...(url.startsWith(this.toolUrl) && this.jar.cookies.size ? { cookie: this.jar.header } : {}) } });
    if (url.startsWith(this.toolUrl)) this.jar.store(res.headers);
    return res;
  }

  /** The login initiation: the tool's redirect to the platform, with the state and nonce it chose. */
  async startLogin(platform: LtiTestPlatform, hint: string): Promise<LoginStarted> {
    const res = await this.fetch(platform.loginUrl(this.toolUrl, hint));
    if (res.status !== 302) throw new Error(`login initiation answered ${res.status}: ${await res.text()}`);
    const location = new URL(res.headers.get("location")!);
    return { state: location.searchParams.get("state")!, nonce: location.searchParams.get("nonce")!, redirectUri: location.searchParams.get("redirect_uri")!, location: location.toString() };
  }

  /** Posts a launch form to the tool, as the platform's auto-submitting page does. */
  postLaunch(fields: Record<string, string>): Promise<Response> {
    return this.fetch(`${this.toolUrl}/lti/launch`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams(fields).toString() });
  }

  /** A whole launch through the platform's authorization endpoint; returns the tool's answer to the post. */
  async launch(platform: LtiTestPlatform, options: LaunchOptions): Promise<Response> {
    const started = await this.startLogin(platform, platform.prepareLaunch(options));
    const page = await (await fetch(started.location)).text();
    const field = (name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(page)?.[1];
    const [idToken, state] = [field("id_token"), field("state")];
    if (!idToken || !state) throw new Error(`the platform did not answer the login with a form: ${page}`);
    return this.postLaunch({ id_token: idToken, state });
  }

  /** Posts a form to another of the tool's pages (the deep linking picker's answer). */
  postForm(path: string, fields: Record<string, string>): Promise<Response> {
    return this.fetch(`${this.toolUrl}${path}`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams(fields).toString() });
  }
}

export interface ToolAndLms {
  tool: Platform;
  lms: LtiTestPlatform;
}

/** The real platform (without a grading worker unless asked) and a loopback LMS registered with it, for one test file. */
export function toolWithLms(overrides: Partial<PlatformConfig> = {}, worker = false): ToolAndLms {
  const session = {} as ToolAndLms;
  beforeAll(async () => {
    session.tool = await startTestPlatform(overrides, worker);
    session.lms = await new LtiTestPlatform().start();
    session.lms.toolJwksUrl = `${session.tool.url}/lti/jwks`;
    await registerPlatform(session.tool.db, session.lms.registration());
  });
  afterAll(async () => {
    await session.lms?.stop();
    await session.tool?.stop();
  });
  return session;
}
