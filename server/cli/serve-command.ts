// `tutor serve` (and `npm start`): runs the whole platform until interrupted.
import { readConfig } from "../config";
import { startPlatform } from "../platform";

export async function serveCommand(args: string[]): Promise<number> {
  const portFlag = args.indexOf("--port");
  if (portFlag >= 0) process.env.PORT = args[portFlag + 1];
  const platform = await startPlatform(readConfig());
  console.log(`Tutor is running at ${platform.url}`);
  let stopping = false;
  const shutdown = () => {
    if (stopping) process.exit(1);
    stopping = true;
    console.log("stopping: finishing the submissions being graded...");
    platform.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
  return 0;
}
