// The real sandbox for a command that runs code (`tutor check`, and `tutor import` confirming refactoring
// exercises): Docker reached, the runner image built (its progress on stderr). When Docker cannot be reached it
// says so, naming where it looked and what the command could not do, and gives null.
import { checkDockerReachable, connectDocker } from "../grading/docker";
import { Sandbox } from "../grading/grade";
import { ensureRunnerImage } from "../grading/runner-image";
import { SandboxUnavailableError } from "../grading/sandbox";

/** `cannotDo` completes "The Docker engine cannot be reached (tried ...), so ...". */
export async function commandSandbox(cannotDo: string): Promise<Sandbox | null> {
  const docker = connectDocker();
  try {
    await checkDockerReachable(docker);
  } catch (e) {
    if (!(e instanceof SandboxUnavailableError)) throw e;
    const where = process.env.DOCKER_HOST ? `DOCKER_HOST=${process.env.DOCKER_HOST}` : "the local socket /var/run/docker.sock";
    console.error(`The Docker engine cannot be reached (tried ${where}), so ${cannotDo}. Start Docker, then run this command again.`);
    return null;
  }
  const image = await ensureRunnerImage(docker, (line) => console.error(line));
  return new Sandbox(docker, image);
}
