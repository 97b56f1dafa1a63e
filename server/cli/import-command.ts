// `tutor import exercism <path> [--into DIR] [--force]` and `tutor import jsonl <file> --format humaneval
// [--into DIR] [--force]`: writes exercise folders in our format into a set folder (exercises/exercism or
// exercises/humaneval by default). Run `tutor check` on the set afterwards. Exit 0 when everything was imported,
// 1 when some source was skipped, 2 when nothing could be done. An Exercism exercise that presents itself as a
// refactoring has its starter run in the sandbox, and is marked `kind: refactor` when that starter passes.
import path from "node:path";
import { fileReferenceCache } from "../grading/expectations";
import { ImportInputError, type ImportOutcome } from "../exercises/import-common";
import { confirmRefactoring, type ExercismImportOutcome, importExercism } from "../exercises/import-exercism";
import { importHumanEval } from "../exercises/import-humaneval";
import { commandSandbox } from "./command-sandbox";

const USAGE = `usage: tutor import exercism <exercise-or-folder> [--into exercises/<set>] [--force]
       tutor import jsonl <file.jsonl> --format humaneval [--into exercises/<set>] [--force]`;

/** The value after `--name` (or in `--name=value`), and the arguments left once options are taken out. */
function parseArgs(args: string[]): { positional: string[]; options: Map<string, string | true> } {
  const positional: string[] = [];
  const options = new Map<string, string | true>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (!a.startsWith("--")) positional.push(a);
    else if (a.includes("=")) options.set(a.slice(2, a.indexOf("=")), a.slice(a.indexOf("=") + 1));
    else if (a === "--force") options.set("force", true);
    else if (args[i + 1] !== undefined && !args[i + 1]!.startsWith("--")) options.set(a.slice(2), args[++i]!);
    else options.set(a.slice(2), true);
  }
  return { positional, options };
}

/** Runs the starters of the exercises Exercism calls refactorings: what became `kind: refactor`, in words. */
async function markRefactoring(outcome: ExercismImportOutcome): Promise<string[]> {
  if (!outcome.refactoring.length) return [];
  const names = outcome.refactoring.map((d) => path.basename(d)).join(", ");
  const sandbox = await commandSandbox(`the starters of ${names}, which Exercism calls refactorings, cannot be run: if one passes its tests, add kind: refactor to its exercise.yaml`);
  if (!sandbox) return [];
  return (await confirmRefactoring(outcome.refactoring, sandbox, fileReferenceCache())).map((check) =>
    check.marked
      ? `${path.basename(check.dir)}: its starter passes all ${check.total} tests, so it is a refactoring exercise (kind: refactor): make it cleaner, keep it passing`
      : `${path.basename(check.dir)}: Exercism calls it a refactoring, but its starter passes ${check.passed} of ${check.total} tests, so it stays an exercise to solve${
          check.unanswered ? ` (${check.unanswered} ended without an answer, such as a timeout: if \`tutor check\` finds its starter passing, set kind: refactor)` : ""
        }`,
  );
}

function report(outcome: ImportOutcome, into: string, notes: string[] = []): number {
  for (const dir of outcome.written) console.log(`wrote ${path.relative(process.cwd(), dir) || dir}`);
  for (const s of outcome.skipped) console.error(`skipped ${s.source}: ${s.reason}`);
  for (const note of notes) console.log(note);
  console.log(`\nimported ${outcome.written.length} exercise${outcome.written.length === 1 ? "" : "s"} into ${into}; check them with: tutor check ${into}`);
  return outcome.skipped.length ? 1 : 0;
}

export async function importCommand(args: string[]): Promise<number> {
  const { positional, options } = parseArgs(args);
  const [kind, source, ...extra] = positional;
  const into = options.get("into");
  const known = new Set(["into", "format", "force"]);
  const unknown = [...options.keys()].filter((k) => !known.has(k));
  if (!kind || !source || extra.length || unknown.length || into === true) {
    console.error(unknown.length ? `unknown option --${unknown[0]}\n${USAGE}` : USAGE);
    return 2;
  }
  const overwrite = options.get("force") === true;
  try {
    if (kind === "exercism") {
      const target = typeof into === "string" ? into : path.join("exercises", "exercism");
      const outcome = importExercism(source, target, { overwrite });
      return report(outcome, target, await markRefactoring(outcome));
    }
    if (kind === "jsonl") {
      const format = options.get("format");
      if (format !== "humaneval") {
        console.error(`${format === undefined || format === true ? "give the file's format with --format" : `unknown format "${format}"`}: the format understood is humaneval\n${USAGE}`);
        return 2;
      }
      const target = typeof into === "string" ? into : path.join("exercises", "humaneval");
      return report(importHumanEval(source, target, { overwrite }), target);
    }
  } catch (e) {
    if (!(e instanceof ImportInputError)) throw e;
    console.error(e.message);
    return 2;
  }
  console.error(`unknown source "${kind}": the sources are exercism and jsonl\n${USAGE}`);
  return 2;
}
