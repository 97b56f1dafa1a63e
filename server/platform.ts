// Starts the platform in named steps: database, migrations, exercises, sandbox, worker, web server. The serve
// command and the end-to-end tests start it through here, and `tutor worker` starts the grading role alone.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { PlatformConfig } from "./config";
import type { Database } from "./database/client";
import { sweepAuthStateHourly } from "./auth/housekeeping";
import { followExerciseChanges } from "./exercises/change-feed";
import { type OpenDatabase, openDatabase } from "./database/open";
import { ExerciseCatalog } from "./exercises/catalog";
import { connectDocker } from "./grading/docker";
import { fileReferenceCache } from "./grading/expectations";
import { ContainerPool } from "./grading/container-pool";
import { Sandbox, type SandboxSource } from "./grading/sandbox/sandbox";
import { DEFAULT_LIMITS, LONGEST_RUN_MS } from "./grading/limits";
import { ensureRunnerImage } from "./grading/runner-image";
import { removeLeftoverContainers } from "./grading/sandbox/leftovers";
import { GradingWorker } from "./grading/worker";
import { ScoreSender } from "./lti/score-sender";
import { createApp } from "./http/app";
import { AuthoringService } from "./authoring/service";
import { connectEventBus, startEventPublisher } from "./realtime/event-bus";
import { attachRealtime } from "./realtime/socket-server";
import type { SubmissionEvents } from "./realtime/submission-events";
import { createTutorEngine } from "./tutor/engine";
import { TutorService } from "./tutor/service";
import { TraceService } from "./trace/service";
import path from "node:path";

export interface Platform {
  url: string;
  db: Database;
  worker: GradingWorker | null;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Run a grading worker in this process (config.runWorker unless given); tests of the queue start their own. */
  worker?: boolean;
  log?: (line: string) => void;
  /** Where the tutor reads its model settings (TUTOR_MODEL_*); process.env unless given. */
  env?: NodeJS.ProcessEnv;
}

/**
 * The sandbox is resolved lazily and retried, so the site serves even while Docker is down or the image builds.
 * Grading takes containers from a pool started ahead of time (filled from the first submission on, so a web server
 * that never grades starts none); close() removes them.
 */
function lazySandbox(config: PlatformConfig, log: (l: string) => void): SandboxSource {
  const docker = connectDocker();
  let ready: Promise<Sandbox> | null = null;
  const get = () => {
    ready ??= ensureRunnerImage(docker, (line) => log(`runner image: ${line}`)).then(
      (image) => new Sandbox(docker, image, DEFAULT_LIMITS, new ContainerPool(docker, image, DEFAULT_LIMITS, { bounds: config.containerPool, log })),
      (e: unknown) => {
        ready = null;
        throw e;
      },
    );
    return ready;
  };
  const close = async () => {
    const sandbox = await ready?.catch(() => null);
    await sandbox?.close();
  };
  return Object.assign(get, { close });
}

/** How often a process looks for sandbox containers that crashed processes left on its Docker engine. */
const LEFTOVER_SWEEP_MS = 10 * 60_000;

/** This process's Docker engine, ready ahead of the first job: the runner image built, leftover containers gone. */
function prepareSandbox(config: PlatformConfig, log: (l: string) => void): SandboxSource {
  const sandbox = lazySandbox(config, log);
  // Build the image now rather than on the first submission; failure here is logged, and grading retries.
  sandbox().catch((e: unknown) => log(`grading is not ready yet: ${(e as Error).message}`));
  const docker = connectDocker();
  const sweep = () =>
    removeLeftoverContainers(docker, LONGEST_RUN_MS).then(
      (n) => n && log(`removed ${n} sandbox container(s) left behind by a process that stopped`),
      () => undefined,
    );
  void sweep();
  // Not only at start: on an engine shared by several processes, the others outlive one that crashes.
  const sweeping = setInterval(sweep, LEFTOVER_SWEEP_MS).unref();
  const close = async () => {
    clearInterval(sweeping);
    await sandbox.close();
  };
  return Object.assign(() => sandbox(), { close });
}

/** The LTI grade outbox's sender, started next to each grading worker (whose verdicts fill the outbox). */
function startScoreSender(config: PlatformConfig, db: Database, log: (l: string) => void): ScoreSender {
  const sender = new ScoreSender({ db, retryMs: config.ltiScoreRetryMs, log });
  sender.start();
  return sender;
}

function gradingWorker(config: PlatformConfig, database: OpenDatabase, catalog: ExerciseCatalog, sandbox: () => Promise<Sandbox>, events: SubmissionEvents, log: (l: string) => void): GradingWorker {
  const references = fileReferenceCache(path.join(config.dataDir, "references"));
  return new GradingWorker({ db: database.db, databaseUrl: database.url, catalog, sandbox, references, events, concurrency: config.gradingConcurrency, leaseMs: config.leaseMs, log });
}

export async function startPlatform(config: PlatformConfig, options: StartOptions = {}): Promise<Platform> {
  const log = options.log ?? ((line: string) => console.log(line));
  const database = await openDatabase(config, log);
  const db = database.db;

  const { catalog, errors } = ExerciseCatalog.load(config.exercisesDir);
  for (const e of errors) log(`exercise skipped: ${e.message}`);
  await catalog.syncTo(db);
  const stopSweeping = sweepAuthStateHourly(db, log);
  const stopFollowing = followExerciseChanges(database.url, catalog, log);
  log(`serving ${catalog.list().length} exercises from ${path.relative(process.cwd(), config.exercisesDir) || "."}`);

  // The tutor runs its program analysis in the sandbox, so a web server without a worker needs Docker too.
  const sandbox = prepareSandbox(config, log);

  // socket.io must see the request listener when it attaches (it routes /socket.io/ around it), while the app
  // needs socket.io's event sink: the listener forwards to the app created just below.
  let app: ReturnType<typeof createApp> | null = null;
  const httpServer = createServer((req, res) => app!(req, res));
  const bus = connectEventBus(database.url, log);
  const { io, events, tutorEvents } = attachRealtime(httpServer, db, bus);
  const tutor = new TutorService({
    db,
    catalog,
    sandbox,
    engine: createTutorEngine(options.env ?? process.env, (line) => log(`tutor: ${line}`)),
    events: tutorEvents,
    limits: { dailyRequests: config.tutorDailyRequests, dailyModelAnswers: config.tutorDailyModelAnswers },
  });
  let worker: GradingWorker | null = null;
  let scoreSender: ScoreSender | null = null;
  if (options.worker ?? config.runWorker) {
    worker = gradingWorker(config, database, catalog, sandbox, events, log);
    await worker.start();
    scoreSender = startScoreSender(config, db, log);
  }
  const authoring = new AuthoringService({ db, catalog, sandbox, references: fileReferenceCache(path.join(config.dataDir, "references")), tutor, events: tutorEvents });
  const traces = new TraceService({ db, catalog, sandbox, perHour: config.tracesPerHour });
  app = createApp({ db, catalog, events, tutor, traces, authoring, onQueued: () => worker?.wake(), secureCookies: config.secureCookies, trustProxy: config.trustProxy, rateLimits: config.rateLimits, log });
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
      // The worker's last events still reach the learners connected to the other web servers.
      await worker?.stop();
      await scoreSender?.stop();
      await sandbox.close();
      stopSweeping();
      await stopFollowing();
      await bus.close();
      await database.close();
    },
  };
}

export interface WorkerProcess {
  worker: GradingWorker;
  stop(): Promise<void>;
}

/**
 * The grading role alone (`tutor worker`): jobs from the shared PostgreSQL queue, graded on this machine's Docker
 * engine, events published to the web servers. It reads the exercise folders but does not mirror them into the
 * database: that is the web servers' job, and a worker with an older copy must not mark exercises unavailable.
 */
export async function startWorkerProcess(config: PlatformConfig, log: (line: string) => void = (line) => console.log(line)): Promise<WorkerProcess> {
  if (!config.databaseUrl) {
    throw new Error("tutor worker needs DATABASE_URL: the PostgreSQL database the web servers use (a worker never starts the embedded one).");
  }
  const database = await openDatabase(config, log);
  const { catalog, errors } = ExerciseCatalog.load(config.exercisesDir);
  for (const e of errors) log(`exercise skipped: ${e.message}`);
  log(`grading ${catalog.list().length} exercises from ${path.relative(process.cwd(), config.exercisesDir) || "."}`);
  const publisher = startEventPublisher(connectEventBus(database.url, log));
  const sandbox = prepareSandbox(config, log);
  const worker = gradingWorker(config, database, catalog, sandbox, publisher.events, log);
  const stopFollowing = followExerciseChanges(database.url, catalog, log);
  await worker.start();
  const scoreSender = startScoreSender(config, database.db, log);
  return {
    worker,
    async stop() {
      await worker.stop();
      await scoreSender.stop();
      await stopFollowing();
      await sandbox.close();
      await publisher.close();
      await database.close();
    },
  };
}
