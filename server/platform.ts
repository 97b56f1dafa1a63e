// Starts the whole platform in named steps: database, migrations, exercises, sandbox, worker, web server.
// The serve command and the end-to-end tests both start it through here.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { PlatformConfig } from "./config";
import type { Database } from "./database/client";
import { openDatabase } from "./database/open";
import { ExerciseCatalog } from "./exercises/catalog";
import { connectDocker } from "./grading/docker";
import { fileReferenceCache } from "./grading/expectations";
import { Sandbox } from "./grading/grade";
import { STARTUP_ALLOWANCE_MS } from "./grading/limits";
import { ensureRunnerImage } from "./grading/runner-image";
import { removeLeftoverContainers } from "./grading/sandbox";
import { GradingWorker } from "./grading/worker";
import { createApp } from "./http/app";
import { attachRealtime } from "./realtime/socket-server";
import { createTutorEngine } from "./tutor/engine";
import { TutorService } from "./tutor/service";
import path from "node:path";

export interface Platform {
  url: string;
  db: Database;
  worker: GradingWorker | null;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Run a grading worker in this process (the default); tests of the queue start their own. */
  worker?: boolean;
  log?: (line: string) => void;
  /** Where the tutor reads its model settings (TUTOR_MODEL_*); process.env unless given. */
  env?: NodeJS.ProcessEnv;
}

/** The sandbox is resolved lazily and retried, so the site serves even while Docker is down or the image builds. */
function lazySandbox(log: (l: string) => void): () => Promise<Sandbox> {
  const docker = connectDocker();
  let ready: Promise<Sandbox> | null = null;
  return () => {
    ready ??= ensureRunnerImage(docker, (line) => log(`runner image: ${line}`)).then(
      (image) => new Sandbox(docker, image),
      (e: unknown) => {
        ready = null;
        throw e;
      },
    );
    return ready;
  };
}

export async function startPlatform(config: PlatformConfig, options: StartOptions = {}): Promise<Platform> {
  const log = options.log ?? ((line: string) => console.log(line));
  const database = await openDatabase(config, log);
  const db = database.db;

  const { catalog, errors } = ExerciseCatalog.load(config.exercisesDir);
  for (const e of errors) log(`exercise skipped: ${e.message}`);
  await catalog.syncTo(db);
  log(`serving ${catalog.list().length} exercises from ${path.relative(process.cwd(), config.exercisesDir) || "."}`);

  const sandbox = lazySandbox(log);
  // Build the image now rather than on the first submission; failure here is logged, and grading retries.
  sandbox().catch((e: unknown) => log(`grading is not ready yet: ${(e as Error).message}`));
  removeLeftoverContainers(connectDocker(), STARTUP_ALLOWANCE_MS * 4).then(
    (n) => n && log(`removed ${n} sandbox container(s) left behind by an earlier run`),
    () => undefined,
  );

  // socket.io must see the request listener when it attaches (it routes /socket.io/ around it), while the app
  // needs socket.io's event sink: the listener forwards to the app created just below.
  let app: ReturnType<typeof createApp> | null = null;
  const httpServer = createServer((req, res) => app!(req, res));
  const { io, events, tutorEvents } = attachRealtime(httpServer, db);
  const tutor = new TutorService({
    db,
    catalog,
    sandbox,
    engine: createTutorEngine(options.env ?? process.env, (line) => log(`tutor: ${line}`)),
    events: tutorEvents,
    limits: { dailyRequests: config.tutorDailyRequests, dailyModelAnswers: config.tutorDailyModelAnswers },
  });
  let worker: GradingWorker | null = null;
  if (options.worker !== false) {
    worker = new GradingWorker({ db, databaseUrl: database.url, catalog, sandbox, references: fileReferenceCache(path.join(config.dataDir, "references")), events, concurrency: config.gradingConcurrency, leaseMs: config.leaseMs, log });
    await worker.start();
  }
  app = createApp({ db, catalog, events, tutor, onQueued: () => worker?.wake(), secureCookies: config.secureCookies, rateLimits: config.rateLimits, log });
  await new Promise<void>((resolve, reject) => {
    httpServer.once("error", reject);
    httpServer.listen(config.port, config.host, resolve);
  });
  const address = httpServer.address() as AddressInfo;
  const url = `http://${config.host.includes(":") ? `[${config.host}]` : config.host}:${address.port}`;

  return {
    url,
    db,
    worker,
    async stop() {
      await new Promise<void>((resolve) => {
        void io.close(() => resolve());
      });
      await worker?.stop();
      await database.close();
    },
  };
}
