// `npm run bench`: how fast grading is, measured through the real platform (a `tutor serve` process with its own
// PostgreSQL database, the real queue, the runner image and Docker), against bare python3 on the same checks.
//   1. HumanEval: the 164 canonical solutions, one submission each, by one learner over HTTP and socket.io, one
//      after another (latency: submission to verdict), then all at once (throughput); and the same checks as bare
//      python3 subprocesses, one after another and then one per core.
//   2. A burst: 100 learners submit 5 each at once; time to drain, waits, the server's peak memory, and every
//      submission's verdict counted (lost and duplicated must be 0).
//   3. The first 60 problems one at a time again, on a server whose container pool holds only what its grading slots
//      need, so that Docker's work for each container overlaps the run (as once a stream outlasts a large pool).
// The one-at-a-time runs start once the server's pool is full, as it is on a server that has been up a while (and
// between bursts).
// The last line is `sandbox cost ratio (p50): R`, our p50 over bare python3's. Figures go to docs/performance.md.
//   npm run bench [-- path/to/HumanEval.jsonl]
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { readConfig } from "../server/config";
import { poolFloorFor } from "../server/grading/container-pool";
import { ownerLabel, SANDBOX_OWNER_LABEL } from "../server/grading/sandbox/container-owner";
import { humanEvalExercise, importHumanEval, readHumanEvalFile } from "../server/exercises/import-humaneval";
import { connectDocker } from "../server/grading/docker";
import { ensureRunnerImage } from "../server/grading/runner-image";
import { SANDBOX_LABEL } from "../server/grading/sandbox/container-policy";
import { createMigratedDatabase, dropDatabase } from "../test/support/database";
import { type BareProblem, barePython, runBareChecks, writeBareProblems } from "./bare-python";
import { deliveryCounts, latencyFigures, ms, percentile, perSecond } from "./figures";
import { SimulatedLearner, type Timing } from "./learners";

const ROOT = path.resolve(__dirname, "..");
const BURST_LEARNERS = 100;
const BURST_PER_LEARNER = 5;
const WARM_UP = 3;
/**
 * The paced run: this many problems, each submitted this long after the previous verdict, as a learner reading
 * their result would. Not the issue's figure (that is back to back); it shows what a submission costs when
 * Docker's work for the previous one (removing its container, starting the next) is off its path.
 */
const PACED_PROBLEMS = 40;
/** How many problems the comparison run with the smallest pool grades one at a time. */
const SMALL_POOL_PROBLEMS = 60;
const PACE_MS = 1000;
const VERDICT_TIMEOUT_MS = 10 * 60 * 1000;

const log = (line: string) => process.stderr.write(`${line}\n`);

interface Problem extends BareProblem {
  exerciseId: string;
}

function loadProblems(file: string, exercisesDir: string): Problem[] {
  importHumanEval(file, path.join(exercisesDir, "humaneval"));
  return readHumanEvalFile(file).map((p) => {
    const e = humanEvalExercise(p);
    const [testFile, testSource] = Object.entries(e.tests)[0]!;
    return { slug: e.slug, exerciseId: `humaneval/${e.slug}`, solution: e.solution, testFile, testSource };
  });
}

/** `tutor serve` in a process of its own, so its memory is the server's alone. Resolves once it listens. */
function startServer(env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [path.join(ROOT, "bin/tutor.js"), "serve"], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  return new Promise((resolve, reject) => {
    let output = "";
    const onData = (d: Buffer) => {
      output += d.toString();
      const m = /Tutor is running at (\S+)/.exec(output);
      if (m) resolve({ child, url: m[1]! });
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", (d: Buffer) => (output += d.toString()));
    child.on("exit", (code) => reject(new Error(`the server exited (${code}) before listening:\n${output.slice(-2000)}`)));
  });
}

function stopServer(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.on("exit", () => resolve());
    child.kill("SIGTERM");
  });
}

/** The resident memory of a process, now and at its peak, in MB (Linux /proc). */
function memoryOf(pid: number): { rssMb: number; peakMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? Number.NaN);
  return { rssMb: kb("VmRSS") / 1024, peakMb: kb("VmHWM") / 1024 };
}

/**
 * Waits until the server has started its whole container pool (a server that has run a while has), counting the
 * running sandbox containers its process owns; resolves with how long that took.
 */
async function poolFilled(pid: number, size: number): Promise<number> {
  const started = Date.now();
  const owner = ownerLabel(pid);
  const docker = connectDocker();
  let steadySince = Date.now();
  let last = -1;
  for (;;) {
    const mine = (await docker.listContainers({ filters: { label: [`${SANDBOX_LABEL}=1`] } })).filter((c) => c.Labels[SANDBOX_OWNER_LABEL] === owner).length;
    if (mine !== last) steadySince = Date.now();
    last = mine;
    if (mine >= size && Date.now() - steadySince > 2000) return Date.now() - started;
    if (Date.now() - started > 10 * 60_000) throw new Error(`the container pool reached only ${mine} of ${size} in 10 minutes`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** A learner who has made the warm-up submissions (the first of which starts the server's pool). */
async function warmedLearner(url: string, problems: readonly Problem[]): Promise<SimulatedLearner> {
  const learner = await SimulatedLearner.join(url);
  for (const p of problems.slice(0, WARM_UP)) await learner.submit(p.exerciseId, p.solution, VERDICT_TIMEOUT_MS);
  return learner;
}

async function humanEvalOneByOne(learner: SimulatedLearner, problems: readonly Problem[], pauseMs = 0): Promise<{ latencies: number[]; gradings: number[]; notPassed: string[] }> {
  const latencies: number[] = [];
  const gradings: number[] = [];
  const notPassed: string[] = [];
  for (const [i, p] of problems.entries()) {
    if (pauseMs) await new Promise((r) => setTimeout(r, pauseMs));
    const t = await learner.submit(p.exerciseId, p.solution, VERDICT_TIMEOUT_MS);
    latencies.push(t.verdict.at - t.sentAt);
    if (t.verdict.gradingMs !== null) gradings.push(t.verdict.gradingMs);
    if (t.verdict.status !== "passed") notPassed.push(`${p.slug}: ${t.verdict.status}`);
    if ((i + 1) % 40 === 0) log(`  ${i + 1}/${problems.length}`);
  }
  return { latencies, gradings, notPassed };
}

async function allAtOnce(submissions: { learner: SimulatedLearner; problem: Problem }[]): Promise<{ timings: PromiseSettledResult<Timing>[]; elapsedMs: number }> {
  const started = performance.now();
  const timings = await Promise.allSettled(submissions.map(({ learner, problem }) => learner.submit(problem.exerciseId, problem.solution, VERDICT_TIMEOUT_MS)));
  const done = timings.flatMap((t) => (t.status === "fulfilled" ? [t.value.verdict.at] : []));
  return { timings, elapsedMs: (done.length ? Math.max(...done) : performance.now()) - started };
}

function fulfilled(timings: PromiseSettledResult<Timing>[]): Timing[] {
  return timings.flatMap((t) => (t.status === "fulfilled" ? [t.value] : []));
}

async function machine(): Promise<string> {
  const info = (await connectDocker().info()) as { ServerVersion?: string; CgroupVersion?: string; KernelVersion?: string };
  const cpus = os.cpus();
  return `${os.availableParallelism()} cores (${cpus[0]?.model.trim() ?? "unknown cpu"}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, Docker ${info.ServerVersion}, cgroup v${info.CgroupVersion ?? "?"}, kernel ${info.KernelVersion ?? os.release()}, node ${process.version}`;
}

async function main(): Promise<void> {
  const file = process.argv[2] ?? process.env.TUTOR_HUMANEVAL_JSONL ?? path.resolve(ROOT, "../shared/datasets/humaneval/HumanEval.jsonl");
  const scratch = mkdtempSync(path.join(os.tmpdir(), "tutor-bench-grading-"));
  const database = `tutor_bench_${process.pid}`;
  let server: ChildProcess | null = null;
  const learners: SimulatedLearner[] = [];
  try {
    const exercisesDir = path.join(scratch, "exercises");
    const problems = loadProblems(file, exercisesDir);
    log(`imported ${problems.length} HumanEval problems from ${file}`);
    await ensureRunnerImage(connectDocker(), (line) => log(`runner image: ${line}`));
    const databaseUrl = await createMigratedDatabase(database);
    const { gradingConcurrency: concurrency, containerPool } = readConfig();
    const serverEnv = {
      ...process.env,
      DATABASE_URL: databaseUrl,
      HOST: "127.0.0.1",
      PORT: "0",
      TUTOR_EXERCISES_DIR: exercisesDir,
      TUTOR_DATA_DIR: path.join(scratch, "data"),
    };
    const started = await startServer(serverEnv);
    server = started.child;
    log(`server at ${started.url} (pid ${server.pid}), grading concurrency ${concurrency}, container pool ${containerPool}`);

    // 1. HumanEval through the platform.
    const alone = await warmedLearner(started.url, problems);
    learners.push(alone);
    const fillMs = await poolFilled(server.pid!, containerPool);
    log(`container pool: ${containerPool} containers started, ${(fillMs / 1000).toFixed(1)} s after the warm-up`);
    log(`HumanEval, one submission at a time...`);
    const oneByOne = await humanEvalOneByOne(alone, problems);
    // A class at a learner's pace is not a burst: its pool is full, and refills between submissions.
    await poolFilled(server.pid!, containerPool);
    log(`HumanEval, ${PACED_PROBLEMS} at a learner's pace (${PACE_MS} ms after each verdict)...`);
    const paced = await humanEvalOneByOne(alone, problems.slice(0, PACED_PROBLEMS), PACE_MS);
    log(`HumanEval, all ${problems.length} at once...`);
    const burst164 = await allAtOnce(problems.map((problem) => ({ learner: alone, problem })));

    // The same checks with bare python3.
    const python = barePython();
    const dirs = writeBareProblems(path.join(scratch, "bare"), problems);
    await runBareChecks(python, dirs.slice(0, WARM_UP), problems.slice(0, WARM_UP), 1);
    log(`bare ${python}, one at a time, then ${os.availableParallelism()} at a time...`);
    const bareOne = await runBareChecks(python, dirs, problems, 1);
    const bareParallel = await runBareChecks(python, dirs, problems, os.availableParallelism());

    // 2. The burst.
    log(`burst: ${BURST_LEARNERS} learners join...`);
    for (let i = 0; i < BURST_LEARNERS; i++) learners.push(await SimulatedLearner.join(started.url));
    const crowd = learners.slice(1);
    const burst = crowd.flatMap((learner, i) => Array.from({ length: BURST_PER_LEARNER }, (_, j) => ({ learner, problem: problems[(i * BURST_PER_LEARNER + j) % problems.length]! })));
    let peakRssMb = memoryOf(server.pid!).rssMb;
    const sampler = setInterval(() => {
      peakRssMb = Math.max(peakRssMb, memoryOf(server!.pid!).rssMb);
    }, 100);
    log(`burst: ${burst.length} submissions at once...`);
    const burstRun = await allAtOnce(burst);
    clearInterval(sampler);
    const memory = memoryOf(server.pid!);
    // Let any late duplicate arrive before counting.
    await new Promise((r) => setTimeout(r, 1000));
    const burstTimings = fulfilled(burstRun.timings);
    const submittedIds = burstTimings.map((t) => t.submissionId);
    const verdictIds = crowd.flatMap((l) => l.verdicts.map((v) => v.submissionId));
    const delivery = deliveryCounts(submittedIds, verdictIds);
    const lost = delivery.lost + (burst.length - burstTimings.length);
    const burstNotPassed = burstTimings.filter((t) => t.verdict.status !== "passed").length;

    for (const l of learners) l.leave();
    learners.length = 0;
    await stopServer(server);
    server = null;
    const leftovers = await connectDocker().listContainers({ all: true, filters: { label: [`${SANDBOX_LABEL}=1`] } });

    // 3. One at a time again, on a server whose pool holds only what its grading slots need: Docker's work for each
    // submission's container then overlaps the submissions, as it does once a stream outlasts a large pool.
    const smallPool = poolFloorFor(concurrency);
    log(`HumanEval, the first ${SMALL_POOL_PROBLEMS} one at a time with a pool of ${smallPool}...`);
    const small = await startServer({ ...serverEnv, TUTOR_CONTAINER_POOL: String(smallPool) });
    server = small.child;
    const smallLearner = await warmedLearner(small.url, problems);
    learners.push(smallLearner);
    await poolFilled(server.pid!, smallPool);
    const smallRun = await humanEvalOneByOne(smallLearner, problems.slice(0, SMALL_POOL_PROBLEMS));
    smallLearner.leave();
    learners.length = 0;
    await stopServer(server);
    server = null;

    // Figures.
    const ours = latencyFigures(oneByOne.latencies);
    const bare = latencyFigures(bareOne.times);
    const ours164 = fulfilled(burst164.timings);
    const loaded = latencyFigures(ours164.map((t) => t.verdict.at - t.sentAt));
    const waits = burstTimings.flatMap((t) => (t.runningAt === null ? [] : [t.runningAt - t.sentAt]));
    const ratio = ours.p50Ms / bare.p50Ms;
    const pacedFigures = latencyFigures(paced.latencies);
    const smallFigures = latencyFigures(smallRun.latencies);
    const lines = [
      `machine: ${await machine()}`,
      `grading concurrency: ${concurrency}; container pool: ${containerPool} (started ${(fillMs / 1000).toFixed(1)} s after the warm-up); bare python: ${python}`,
      "",
      `HumanEval, ${problems.length} canonical solutions, one at a time (submission to verdict):`,
      `  tutor (HTTP + queue + sandbox): p50 ${ms(ours.p50Ms)}, p95 ${ms(ours.p95Ms)}, ${oneByOne.notPassed.length} not passed${oneByOne.notPassed.length ? ` (${oneByOne.notPassed.slice(0, 5).join(", ")})` : ""}`,
      `    of which grading (take a container, run the harness, judge): p50 ${ms(percentile(oneByOne.gradings, 50))}`,
      `  bare python3:                   p50 ${ms(bare.p50Ms)}, p95 ${ms(bare.p95Ms)}, ${bareOne.failed} failed`,
      `HumanEval, the first ${paced.latencies.length} at a learner's pace (${PACE_MS} ms after each verdict; not the issue's measure):`,
      `  tutor: p50 ${ms(pacedFigures.p50Ms)}, p95 ${ms(pacedFigures.p95Ms)} (${(pacedFigures.p50Ms / bare.p50Ms).toFixed(2)} × bare p50), ${paced.notPassed.length} not passed`,
      `    of which grading (take a container, run the harness, judge): p50 ${ms(percentile(paced.gradings, 50))}`,
      `HumanEval, the first ${smallRun.latencies.length} one at a time with a pool of ${smallPool} (Docker's work for each container during the run; not the issue's measure):`,
      `  tutor: p50 ${ms(smallFigures.p50Ms)}, p95 ${ms(smallFigures.p95Ms)} (${(smallFigures.p50Ms / bare.p50Ms).toFixed(2)} × bare p50), ${smallRun.notPassed.length} not passed`,
      `    of which grading (take a container, run the harness, judge): p50 ${ms(percentile(smallRun.gradings, 50))}`,
      `HumanEval, all ${problems.length} at once:`,
      `  tutor: ${perSecond(ours164.length, burst164.elapsedMs).toFixed(1)} submissions/s (${(burst164.elapsedMs / 1000).toFixed(1)} s; verdict p50 ${ms(loaded.p50Ms)}, p95 ${ms(loaded.p95Ms)}), ${problems.length - ours164.length} without a verdict`,
      `  bare python3, ${os.availableParallelism()} at a time: ${perSecond(problems.length, bareParallel.elapsedMs).toFixed(1)} checks/s (${(bareParallel.elapsedMs / 1000).toFixed(1)} s)`,
      `burst: ${burst.length} submissions by ${crowd.length} learners at once:`,
      `  drained in ${(burstRun.elapsedMs / 1000).toFixed(1)} s (${perSecond(burstTimings.length, burstRun.elapsedMs).toFixed(1)} submissions/s)`,
      `  wait in the queue (submitted to running): p50 ${ms(percentile(waits, 50))}, p95 ${ms(percentile(waits, 95))}; submission to verdict p95 ${ms(percentile(burstTimings.map((t) => t.verdict.at - t.sentAt), 95))}`,
      `  server memory: peak RSS during the burst ${peakRssMb.toFixed(0)} MB (lifetime peak ${memory.peakMb.toFixed(0)} MB)`,
      `  results: ${lost} lost, ${delivery.duplicated} duplicated, ${delivery.unknown} for unknown submissions, ${burstNotPassed} not passed`,
      `sandbox containers on this Docker engine after the server stopped (other processes' included): ${leftovers.length}`,
      "",
      `sandbox cost ratio (p50): ${ratio.toFixed(2)}`,
    ];
    console.log(lines.join("\n"));
    if (lost || delivery.duplicated || delivery.unknown) process.exitCode = 1;
  } finally {
    for (const l of learners) l.leave();
    if (server) await stopServer(server);
    await dropDatabase(database).catch((e: unknown) => log(`could not drop the database ${database}: ${(e as Error).message}`));
    rmSync(scratch, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.stack ?? e.message : e);
  process.exit(1);
});
