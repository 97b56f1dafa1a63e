// Runs the `tutor` command as a user would: a real process from the repository's root, its exit code and output.
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";

const ROOT = path.resolve(__dirname, "../..");

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `cacheDir` keeps cached reference results in the test's scratch folder, not the user's home. */
export function runTutor(args: string[], cacheDir: string, env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, "bin/tutor.js"), ...args], {
      cwd: ROOT,
      env: { ...process.env, TUTOR_CACHE_DIR: cacheDir, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

export interface TutorProcess {
  child: ChildProcess;
  /** The groups of `ready`'s match on the line that said the process is up (its URL, its worker id). */
  ready: RegExpMatchArray;
  output(): string;
  /** SIGTERM, as a process manager stops it; resolves with its exit code once it has exited. */
  stop(): Promise<number | null>;
}

/** Starts a long-running `tutor` command (serve, worker) and resolves once its output matches `ready`. */
export function startTutorProcess(args: string[], env: NodeJS.ProcessEnv, ready: RegExp): Promise<TutorProcess> {
  const child = spawn(process.execPath, [path.join(ROOT, "bin/tutor.js"), ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const onData = (d: Buffer) => {
      output += d.toString();
      const match = output.match(ready);
      if (match) {
        child.stdout!.off("data", onData);
        child.stderr!.off("data", onData);
        child.stdout!.on("data", (more: Buffer) => (output += more.toString()));
        child.stderr!.on("data", (more: Buffer) => (output += more.toString()));
        resolve({
          child,
          ready: match,
          output: () => output,
          stop: () => {
            if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
            return exited;
          },
        });
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.on("error", reject);
    void exited.then((code) => reject(new Error(`tutor ${args.join(" ")} exited with ${code} before it was ready:\n${output}`)));
  });
}
