// `tutor serve` (and `npm start`): runs the whole platform until interrupted. `--no-worker` (or TUTOR_WORKER=0)
// serves the site only, for when separate `tutor worker` processes grade.
import { readConfig } from "../config";
import { startPlatform } from "../platform";

/** The first SIGINT/SIGTERM stops gracefully; a second one exits at once (a lease returns any job to the queue). */
export function stopOnSignal(message: string, stop: () => Promise<void>): void {
  let stopping = false;
  const shutdown = () => {
    if (stopping) process.exit(1);
    stopping = true;
    console.log(message);
    stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
}

export async function serveCommand(args: string[]): Promise<number> {
  const portFlag = args.indexOf("--port");
  if (portFlag >= 0) process.env.PORT = args[portFlag + 1];
  const config = readConfig();
  if (args.includes("--no-worker")) config.runWorker = false;
  const platform = await startPlatform(config);
  console.log(`Tutor is running at ${platform.url}${platform.worker ? "" : " (web only: separate workers grade)"}`);
  stopOnSignal("stopping: finishing the submissions being graded...", () => platform.stop());
  return 0;
}
