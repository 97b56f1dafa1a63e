// `tutor check <dir> [--json]`: checks one exercise folder, or every exercise below a folder, with the real
// sandbox: the files validate, the instructions render, the reference passes every case and the starter fails
// one. Exit 0 when all is well, 1 when any exercise has a problem, 2 when checking was impossible.
import { checkExercises, formatCheckTable } from "../exercises/check";
import { checkDockerReachable, connectDocker } from "../grading/docker";
import { fileReferenceCache } from "../grading/expectations";
import { Sandbox } from "../grading/sandbox/sandbox";
import { ensureRunnerImage } from "../grading/runner-image";
import { SandboxUnavailableError } from "../grading/sandbox/container-policy";

export const CHECK_CONCURRENCY = 2;

export async function checkCommand(args: string[]): Promise<number> {
  const json = args.includes("--json");
  const [root, ...extra] = args.filter((a) => !a.startsWith("--"));
  if (!root || extra.length) {
    console.error("usage: tutor check <exercise-dir | folder of exercises> [--json]");
    return 2;
  }
  const docker = connectDocker();
  try {
    await checkDockerReachable(docker);
  } catch (e) {
    if (!(e instanceof SandboxUnavailableError)) throw e;
    const where = process.env.DOCKER_HOST ? `DOCKER_HOST=${process.env.DOCKER_HOST}` : "the local socket /var/run/docker.sock";
    console.error(`The Docker engine cannot be reached (tried ${where}), so no reference solution can be run. Start Docker, then run this command again.`);
    return 2;
  }
  const image = await ensureRunnerImage(docker, (line) => console.error(line));
  const rows = await checkExercises(root, new Sandbox(docker, image), fileReferenceCache(), {
    concurrency: CHECK_CONCURRENCY,
    onRow: (row) => {
      if (!json) console.error(`${row.problems.length ? "✗" : "✓"} ${row.exercise}`);
    },
  });
  console.log(json ? JSON.stringify(rows) : formatCheckTable(rows));
  return rows.some((r) => r.problems.length) ? 1 : 0;
}
