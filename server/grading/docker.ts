// The Docker engine connection: DOCKER_HOST if set, else the local socket, checked with a clear message.
import Docker from "dockerode";
import { describeDockerFailure, SandboxUnavailableError } from "./sandbox/container-policy";

export function connectDocker(): Docker {
  return new Docker();
}

export async function checkDockerReachable(docker: Docker): Promise<void> {
  try {
    await docker.ping();
  } catch (e) {
    throw describeDockerFailure(e, "") ?? new SandboxUnavailableError(`The Docker engine did not answer: ${(e as Error).message}. Start Docker and try again.`);
  }
}
