// Headless Chromium from Debian (playwright-core cannot download its own browser here), started with the
// flags that keep it off the network.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import type { PlatformConfig } from "../../server/config";
import type { Platform } from "../../server/platform";
import { createMigratedDatabase, dropDatabase } from "./database";
import { startTestPlatform } from "./platform";

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}

/** Where browser tests save screenshots (the README's come from here). */
export const SCREENSHOTS = path.resolve(__dirname, "../../test-artifacts");

export interface BrowserSession {
  platform: Platform;
  browser: Browser;
}

/**
 * The real platform and a headless Chromium for one test file, started before its tests and stopped after.
 * Without a worker (`worker: false`), submissions wait in the queue until the test grades them. A test that counts
 * what is in the queue names a database of its own (`ownDatabase`): in the run's shared one, submissions that other
 * test files left queued count too.
 */
export function platformWithBrowser(overrides: Partial<PlatformConfig> = {}, worker = true, ownDatabase?: string): BrowserSession {
  const session = {} as BrowserSession;
  beforeAll(async () => {
    const databaseUrl = ownDatabase ? await createMigratedDatabase(ownDatabase) : undefined;
    session.platform = await startTestPlatform({ ...overrides, ...(databaseUrl ? { databaseUrl } : {}) }, worker);
    session.browser = await launchBrowser();
    mkdirSync(SCREENSHOTS, { recursive: true });
  });
  afterAll(async () => {
    await session.browser?.close();
    await session.platform?.stop();
    if (ownDatabase) await dropDatabase(ownDatabase);
  });
  return session;
}

/** Signs in through the sign-in page, as a person would, and waits until the header shows who is signed in. */
export async function signInPage(page: Page, baseUrl: string, email: string, password = "correct horse battery"): Promise<void> {
  await page.goto(`${baseUrl}/#/signin`);
  await page.locator('[data-testid="signin-email"]').fill(email);
  await page.locator('[data-testid="signin-password"]').fill(password);
  await page.locator('[data-testid="signin-submit"]').click();
  await page.locator('[data-testid="signed-in-as"]').waitFor();
}
