// `tutor check <dir> [--json]`: checks one exercise folder, or every exercise below a folder, with the real
// sandbox: the files validate, the instructions render, the reference passes every case and the starter fails
// one. Exit 0 when all is well, 1 when any exercise has a problem, 2 when checking was impossible.
import { checkExercises, formatCheckTable } from "../exercises/check";
import { fileReferenceCache } from "../grading/expectations";
import { commandSandbox } from "./command-sandbox";

export const CHECK_CONCURRENCY = 2;

export async function checkCommand(args: string[]): Promise<number> {
  const json = args.includes("--json");
  const [root, ...extra] = args.filter((a) => !a.startsWith("--"));
  if (!root || extra.length) {
    console.error("usage: tutor check <exercise-dir | folder of exercises> [--json]");
    return 2;
  }
  const sandbox = await commandSandbox("no reference solution can be run");
  if (!sandbox) return 2;
  const rows = await checkExercises(root, sandbox, fileReferenceCache(), {
    concurrency: CHECK_CONCURRENCY,
    onRow: (row) => {
      if (!json) console.error(`${row.problems.length ? "✗" : "✓"} ${row.exercise}`);
    },
  });
  console.log(json ? JSON.stringify(rows) : formatCheckTable(rows));
  return rows.some((r) => r.problems.length) ? 1 : 0;
}
