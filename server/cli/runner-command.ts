// `tutor runner build`: builds the runner image (and, offline, its base) if missing, showing progress.
import { checkDockerReachable, connectDocker } from "../grading/docker";
import { ensureRunnerImage } from "../grading/runner-image";

export async function runnerCommand(args: string[]): Promise<number> {
  if (args[0] !== "build") {
    console.error("usage: tutor runner build");
    return 2;
  }
  const docker = connectDocker();
  await checkDockerReachable(docker);
  const tag = await ensureRunnerImage(docker, (line) => console.log(line));
  console.log(`runner image ready: ${tag}`);
  return 0;
}
