// The real sandbox for a command that runs code (`tutor grade`, `tutor check`, and `tutor import` confirming
// refactoring exercises): Docker reached, the runner image built (its progress on stderr, so that --json output
// stays one clean object on stdout). When Docker cannot be reached it says so, naming where it looked, what the
// command could not do and what to do (the server's wording says grading resumes by itself; a command does not
// wait), and gives null.
import { checkDockerReachable, connectDocker } from "../grading/docker";
import { Sandbox } from "../grading/sandbox/sandbox";
import { ensureRunnerImage } from "../grading/runner-image";
import { SandboxUnavailableError } from "../grading/sandbox/container-policy";

/** `cannotDo` completes "The Docker engine cannot be reached (tried ...), so ...". */
export async function commandSandbox(cannotDo: string): Promise<Sandbox | null> {
  const docker = connectDocker();
  try {
    await checkDockerReachable(docker);
  } catch (e) {
    if (!(e instanceof SandboxUnavailableError)) throw e;
    const where = process.env.DOCKER_HOST ? `DOCKER_HOST=${process.env.DOCKER_HOST}` : "the local socket /var/run/docker.sock";
    console.error(
      `The Docker engine cannot be reached (tried ${where}), so ${cannotDo}. Start Docker (for example \`sudo systemctl start docker\`), or point DOCKER_HOST at a running engine, then run this command again.`,
    );
    return null;
  }
  const image = await ensureRunnerImage(docker, (line) => console.error(line));
  return new Sandbox(docker, image);
}
