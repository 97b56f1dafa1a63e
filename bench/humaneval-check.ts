// Imports all of HumanEval (../shared/datasets/humaneval/HumanEval.jsonl, or the file given) into a scratch
// folder and runs `tutor check` on every problem with the real sandbox: every reference must pass its tests and
// every starter fail them. Prints the table's problems and a summary; exit 1 if any exercise has a problem.
//   npm run bench:humaneval [-- path/to/HumanEval.jsonl]
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { checkExercises, formatCheckTable } from "../server/exercises/check";
import { importHumanEval } from "../server/exercises/import-humaneval";
import { connectDocker } from "../server/grading/docker";
import { fileReferenceCache } from "../server/grading/expectations";
import { Sandbox } from "../server/grading/sandbox/sandbox";
import { ensureRunnerImage } from "../server/grading/runner-image";
import { CHECK_CONCURRENCY } from "../server/cli/check-command";

async function main(): Promise<number> {
  const file = process.argv[2] ?? path.resolve(__dirname, "../../shared/datasets/humaneval/HumanEval.jsonl");
  const scratch = mkdtempSync(path.join(os.tmpdir(), "tutor-humaneval-"));
  try {
    const into = path.join(scratch, "exercises", "humaneval");
    const imported = importHumanEval(file, into);
    console.error(`imported ${imported.written.length} problems from ${file}`);
    const docker = connectDocker();
    const image = await ensureRunnerImage(docker, (line) => console.error(line));
    const started = Date.now();
    let done = 0;
    const rows = await checkExercises(into, new Sandbox(docker, image), fileReferenceCache(path.join(scratch, "cache")), {
      concurrency: CHECK_CONCURRENCY,
      onRow: (row) => {
        done++;
        if (row.problems.length || done % 20 === 0) console.error(`${done}/${imported.written.length} ${row.exercise}: ${row.problems.length ? row.problems.join("; ") : "ok"}`);
      },
    });
    const bad = rows.filter((r) => r.problems.length);
    if (bad.length) console.log(formatCheckTable(bad));
    const referencesPassed = rows.filter((r) => r.reference.startsWith("passed")).length;
    const startersFailed = rows.filter((r) => r.starter.startsWith("fails")).length;
    console.log(
      `\nHumanEval: ${rows.length} problems, ${referencesPassed} references pass, ${startersFailed} starters fail, ${bad.length} with problems (${Math.round((Date.now() - started) / 1000)} s, concurrency ${CHECK_CONCURRENCY})`,
    );
    return bad.length || rows.length !== imported.written.length ? 1 : 0;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e);
    process.exit(2);
  },
);
