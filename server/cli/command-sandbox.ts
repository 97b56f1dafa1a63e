// The real sandbox for a command that runs code (`tutor grade`, `tutor check`, `tutor trace`, the tutor commands,
// and `tutor import` confirming refactoring exercises): Docker reached, the runner image built (its progress on
// stderr, so that --json output stays one clean object on stdout). When Docker cannot be reached the message names
// where it looked, what the command could not do and what to do (the server's wording says grading resumes by
// itself; a command does not wait).
import { checkDockerReachable, connectDocker } from "../grading/docker";
import { Sandbox } from "../grading/sandbox/sandbox";
import { ensureRunnerImage } from "../grading/runner-image";
import { SandboxUnavailableError } from "../grading/sandbox/container-policy";

/**
 * The sandbox, or a SandboxUnavailableError saying what to do. `cannotDo` completes "The Docker engine cannot be
 * reached (tried ...), so ...".
 */
export async function requireCommandSandbox(cannotDo: string): Promise<Sandbox> {
  const docker = connectDocker();
  try {
    await checkDockerReachable(docker);
  } catch (e) {
    if (!(e instanceof SandboxUnavailableError)) throw e;
    const where = process.env.DOCKER_HOST ? `DOCKER_HOST=${process.env.DOCKER_HOST}` : "the local socket /var/run/docker.sock";
    throw new SandboxUnavailableError(
      `The Docker engine cannot be reached (tried ${where}), so ${cannotDo}. Start Docker (for example \`sudo systemctl start docker\`), or point DOCKER_HOST at a running engine, then run this command again.`,
    );
  }
  return new Sandbox(docker, await ensureRunnerImage(docker, (line) => console.error(line)));
}

/** The same for a command with an exit code of its own for it: the message goes to stderr, and it gives null. */
export async function commandSandbox(cannotDo: string): Promise<Sandbox | null> {
  try {
    return await requireCommandSandbox(cannotDo);
  } catch (e) {
    if (!(e instanceof SandboxUnavailableError)) throw e;
    console.error(e.message);
    return null;
  }
}
