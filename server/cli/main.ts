// Entry point of the `tutor` command: dispatches to one module per command and turns errors into a clear
// message and a non-zero exit, never a stack trace.
import { ExerciseFolderError } from "../exercises/exercise";
import { SandboxUnavailableError } from "../grading/sandbox/container-policy";
import { ExerciseBrokenError } from "../grading/expectations";
import { adminCommand } from "./admin-command";
import { ltiCommand } from "./lti-command";
import { checkCommand } from "./check-command";
import { gradeCommand } from "./grade-command";
import { importCommand } from "./import-command";
import { runnerCommand } from "./runner-command";
import { regradeCommand } from "./regrade-command";
import { seedCommand } from "./seed-command";
import { serveCommand } from "./serve-command";
import { similarityCommand } from "./similarity-command";
import { workerCommand } from "./worker-command";
import { docstringsCommand, explainCommand, feedbackCommand, reviewCommand, testsCommand } from "./tutor-commands";
import { TutorInputError } from "../tutor/tasks";
import { TraceRequestError } from "../trace/choose-case";
import { traceCommand } from "./trace-command";

const USAGE = `usage: tutor <command>

  serve [--port N] [--no-worker]            run the platform (database, runner image, exercises, web server);
                                            --no-worker (or TUTOR_WORKER=0): web only, separate workers grade
  worker                                    grade submissions from the queue at DATABASE_URL on this machine's
                                            Docker engine (DOCKER_HOST), alongside any number of other workers
  grade <exercise-dir> <file> [--json]      grade one file with the real sandbox (needs only Docker)
  runner build                              build the runner image if it is missing
  check <dir> [--json]                      check one exercise, or every exercise below a folder: files valid,
                                            reference passes, starter fails, instructions render (exit 1 on a problem)
  import exercism <path> [--into DIR]       import Exercism-style Python exercises (one, or a folder of them)
  import jsonl <file> --format humaneval [--into DIR]
                                            import HumanEval-style problems from a JSON Lines file
  feedback <exercise-dir> <file> [--json]   grade a file and explain the first failure, with three hints
  explain <file> [--function NAME] [--json] explain what a function does, with an example run
  review <file> [--exercise DIR] [--json]   what a teacher would still suggest about working code (essential,
                                            actionable, celebratory); --exercise applies its review wishes
  docstrings <file>                         print the file with docstrings written for each function
  tests <file> [--function NAME] [--json]   propose unit tests (cases.yaml and pytest) and score them on mutants
  trace <exercise-dir> <file> [--case NAME] [--json]
                                            step through the first failing visible test (or the one named)
  trace <file> --call "f(1, 2)" [--json]    step through any call on a file
  admin create <email> [--password-stdin]   create the first admin (a password is generated unless given on stdin)
  admin role <email> <role>                 make an account a learner, instructor or admin
  admin password <email> [--password-stdin] set a forgotten password (generated unless given on stdin)
  lti add-platform --name N --issuer URL --client-id ID --deployment ID --auth-login-url URL --token-url URL --jwks-url URL
                                            register a learning platform for LTI 1.3 (docs/lti.md)
  lti list [--url URL] | remove-platform <id> | rotate-key
                                            the registrations and the URLs to paste into the LMS; remove one;
                                            give the tool a new signing key
  lti sync-roster --course ID               make a course's members match its LMS course (Names and Roles)
  similarity <set>/<slug> --course ID [--json]
                                            pairs of the course's learners whose latest submissions of the
                                            exercise are alike, most alike first (starter and reference left out)
  regrade <set>/<slug> [--course ID] [--all]
                                            after an exercise changed, grade its stale submissions again (each
                                            learner's latest, or --all; one course's learners, or everyone's),
                                            behind new submissions; waits, printing progress and the summary
  seed demo                                 create a demo course with learners and two weeks of graded history

The tutor works offline; set TUTOR_MODEL_BASE_URL and TUTOR_MODEL to use an OpenAI-compatible model.
`;

/** Commands that keep running after `run` returns, until a signal stops them. */
const LONG_RUNNING = new Set(["serve", "worker"]);

async function run(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  switch (command) {
    case "serve":
      return serveCommand(args);
    case "worker":
      return workerCommand(args);
    case "admin":
      return adminCommand(args);
    case "seed":
      return seedCommand(args);
    case "lti":
      return ltiCommand(args);
    case "similarity":
      return similarityCommand(args);
    case "regrade":
      return regradeCommand(args);
    case "grade":
      return gradeCommand(args);
    case "runner":
      return runnerCommand(args);
    case "check":
      return checkCommand(args);
    case "import":
      return importCommand(args);
    case "feedback":
      return feedbackCommand(args);
    case "explain":
      return explainCommand(args);
    case "review":
      return reviewCommand(args);
    case "docstrings":
      return docstringsCommand(args);
    case "tests":
      return testsCommand(args);
    case "trace":
      return traceCommand(args);
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
    if (code !== 0 || !LONG_RUNNING.has(process.argv[2] ?? "")) process.exit(code);
  },
  (e: unknown) => {
    if (e instanceof ExerciseFolderError) {
      console.error(`The exercise folder is not valid:\n${e.problems.map((p) => `  ${e.dir}/${p.file}${p.field ? ` (${p.field})` : ""}: ${p.message}`).join("\n")}`);
    } else if (e instanceof SandboxUnavailableError || e instanceof ExerciseBrokenError || e instanceof TutorInputError || e instanceof TraceRequestError) {
      console.error(e.message);
    } else {
      console.error(`tutor: ${e instanceof Error ? e.message : String(e)}`);
      if (process.env.DEBUG) console.error(e);
    }
    process.exit(2);
  },
);
