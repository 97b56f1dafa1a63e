// `tutor worker`: a grading worker alone, for as many machines as there is grading to do. It takes submissions
// from the PostgreSQL queue at DATABASE_URL and grades them on the Docker engine DOCKER_HOST names (the local one
// by default), until SIGTERM or SIGINT: then it takes no more, finishes those in hand, and exits.
import { readConfig } from "../config";
import { startWorkerProcess } from "../platform";
import { stopOnSignal } from "./serve-command";

export async function workerCommand(args: string[]): Promise<number> {
  if (args.length > 0) {
    console.error(`tutor worker takes no arguments (got ${args.join(" ")}); it is configured by DATABASE_URL, DOCKER_HOST and TUTOR_* variables.`);
    return 2;
  }
  const config = readConfig();
  const running = await startWorkerProcess(config);
  console.log(`Tutor worker ${running.worker.id} is grading (up to ${config.gradingConcurrency} at once)`);
  stopOnSignal("stopping: finishing the submissions in hand...", () => running.stop());
  return 0;
}
