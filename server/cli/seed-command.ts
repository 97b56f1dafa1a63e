// `tutor seed demo`: fills the database with a demo course, its instructor and learners with two weeks of real,
// graded history, so the dashboards can be seen at once (server/seed/seed-demo.ts). Needs Docker, and the database
// the platform uses (DATABASE_URL, or the embedded one).
import path from "node:path";
import { readConfig } from "../config";
import { openDatabase } from "../database/open";
import { ExerciseCatalog } from "../exercises/catalog";
import { connectDocker } from "../grading/docker";
import { fileReferenceCache } from "../grading/expectations";
import { Sandbox } from "../grading/sandbox/sandbox";
import { ensureRunnerImage } from "../grading/runner-image";
import { connectEventBus, startEventPublisher } from "../realtime/event-bus";
import { seedDemo, SeedError } from "../seed/seed-demo";

const USAGE = "usage: tutor seed demo";

export async function seedCommand(args: string[]): Promise<number> {
  if (args.length !== 1 || args[0] !== "demo") {
    console.error(USAGE);
    return 2;
  }
  const config = readConfig();
  const log = (line: string) => console.error(line);
  const { catalog, errors } = ExerciseCatalog.load(config.exercisesDir);
  for (const e of errors) log(`exercise skipped: ${e.message}`);
  const docker = connectDocker();
  let sandbox: Promise<Sandbox> | null = null;
  const database = await openDatabase(config, log);
  // Learners with a page open on a web server see their own submissions' results live if this run's worker grades them.
  const publisher = startEventPublisher(connectEventBus(database.url, log));
  try {
    const report = await seedDemo({
      db: database.db,
      databaseUrl: database.url,
      catalog,
      sandbox: () => (sandbox ??= ensureRunnerImage(docker, (line) => log(`runner image: ${line}`)).then((image) => new Sandbox(docker, image))),
      references: fileReferenceCache(path.join(config.dataDir, "references")),
      events: publisher.events,
      gradingConcurrency: config.gradingConcurrency,
      log,
    });
    console.log(
      [
        `The demo course "${report.course.name}" is ready (join code ${report.course.joinCode}).`,
        report.learnersSeeded > 0 ? `Wrote the histories of ${report.learnersSeeded} learners: ${report.submissionsGraded} submissions graded in the sandbox.` : "Every demo learner already had a history: nothing was added.",
        `instructor: ${report.instructorEmail}`,
        `password: ${report.password}`,
        `learners (same password): ${report.learnerEmails.join(", ")}`,
        "The password is new on every run. Sign in as the instructor and open the course's class dashboard.",
      ].join("\n"),
    );
    return 0;
  } catch (e) {
    if (e instanceof SeedError) {
      console.error(e.message);
      return 1;
    }
    throw e;
  } finally {
    await publisher.close();
    await database.close();
  }
}
