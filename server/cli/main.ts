// Entry point of the `tutor` command: dispatches to one module per command and turns errors into a clear
// message and a non-zero exit, never a stack trace.
import { ExerciseFolderError } from "../exercises/exercise";
import { SandboxUnavailableError } from "../grading/sandbox";
import { ExerciseBrokenError } from "../grading/expectations";
import { gradeCommand } from "./grade-command";
import { runnerCommand } from "./runner-command";
import { serveCommand } from "./serve-command";

const USAGE = `usage: tutor <command>

  serve [--port N]                          run the platform (database, runner image, exercises, web server)
  grade <exercise-dir> <file> [--json]      grade one file with the real sandbox (needs only Docker)
  runner build                              build the runner image if it is missing
`;

async function run(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  switch (command) {
    case "serve":
      return serveCommand(args);
    case "grade":
      return gradeCommand(args);
    case "runner":
      return runnerCommand(args);
    case undefined:
    case "help":
    case "--help":
      console.log(USAGE);
      return command ? 0 : 2;
    default:
      console.error(`unknown command "${command}"\n\n${USAGE}`);
      return 2;
  }
}

run(process.argv.slice(2)).then(
  (code) => {
    if (code !== 0 || process.argv[2] !== "serve") process.exit(code);
  },
  (e: unknown) => {
    if (e instanceof ExerciseFolderError) {
      console.error(`The exercise folder is not valid:\n${e.problems.map((p) => `  ${e.dir}/${p.file}${p.field ? ` (${p.field})` : ""}: ${p.message}`).join("\n")}`);
    } else if (e instanceof SandboxUnavailableError || e instanceof ExerciseBrokenError) {
      console.error(e.message);
    } else {
      console.error(`tutor: ${e instanceof Error ? e.message : String(e)}`);
      if (process.env.DEBUG) console.error(e);
    }
    process.exit(2);
  },
);
