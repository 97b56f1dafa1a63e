// `tutor regrade <set>/<slug> [--course ID] [--all]`: after an exercise changed, grade its stale submissions again
// (server/regrade/): each learner's latest, or with --all every one; those of one course's learners with --course,
// otherwise everyone's (anonymous learners too). It queues them at low priority, then waits while the platform's
// workers grade them (a running `tutor serve` or `tutor worker` on the same database), printing progress and the
// summary. Stopping it stops only the waiting: the regrade goes on, and its summary is on the course page.
import { z } from "zod";
import { readConfig } from "../config";
import { assignedExercise } from "../courses/assignments";
import { ExerciseCatalog } from "../exercises/catalog";
import { HttpError } from "../http/errors";
import { type LearnerRef, regradeView, type RegradeView, requestRegrade } from "../regrade/regrade";
import { withCourseDatabase } from "./course-database";

const USAGE = "usage: tutor regrade <set>/<slug> [--course ID] [--all]";
const courseId = z.uuid();
const POLL_MS = 1000;

const count = (n: number) => n.toLocaleString("en-US");
const who = (l: LearnerRef) => (l.displayName && l.email ? `${l.displayName} <${l.email}>` : (l.displayName ?? l.email ?? `anonymous learner ${l.id}`));

export function formatRegradeSummary(r: RegradeView): string {
  const lines = [`${count(r.regradedCount)} of ${count(r.queuedCount)} regraded; ${count(r.changedCount)} verdict${r.changedCount === 1 ? "" : "s"} changed.`];
  lines.push(r.nowPassing.length ? `Now passing (failed before): ${r.nowPassing.map(who).join(", ")}` : "No learner went from failed to passed.");
  lines.push(r.nowFailing.length ? `Now failing (passed before): ${r.nowFailing.map(who).join(", ")}` : "No learner went from passed to failed.");
  return lines.join("\n");
}

export async function regradeCommand(args: string[]): Promise<number> {
  const courseAt = args.indexOf("--course");
  const course = courseAt >= 0 ? args[courseAt + 1] : undefined;
  const isCourseValue = (i: number) => courseAt >= 0 && i === courseAt + 1;
  const unknown = args.filter((a, i) => a.startsWith("--") && a !== "--course" && a !== "--all" && !isCourseValue(i));
  const positional = args.filter((a, i) => !a.startsWith("--") && !isCourseValue(i));
  if (positional.length !== 1 || unknown.length > 0 || (courseAt >= 0 && !course)) {
    console.error(USAGE);
    return 2;
  }
  const exerciseId = positional[0]!;
  if (course !== undefined && !courseId.safeParse(course).success) {
    console.error(`"${course}" is not a course id: a course id is a UUID, shown in the course page's address (#/courses/<id>).`);
    return 2;
  }
  const config = readConfig();
  const { catalog, errors } = ExerciseCatalog.load(config.exercisesDir);
  for (const e of errors) console.error(`exercise skipped: ${e.message}`);
  const exercise = catalog.get(exerciseId);
  if (!exercise) {
    console.error(`There is no exercise "${exerciseId}" in ${config.exercisesDir}: name it as <set>/<slug>, the folders under exercises/ (set TUTOR_EXERCISES_DIR if the platform uses another folder).`);
    return 1;
  }
  return withCourseDatabase(config, course, async (db) => {
    if (course !== undefined) await assignedExercise(db, catalog, course, exercise.id);
    const scope = args.includes("--all") ? "all" : "latest";
    let regrade: RegradeView;
    try {
      regrade = await requestRegrade(db, exercise, course ? { courseId: course } : null, scope, null);
    } catch (e) {
      if (e instanceof HttpError && e.status === 409) {
        console.log(`Nothing to regrade. ${e.message}`);
        return 0;
      }
      throw e;
    }
    console.log(`Queued ${count(regrade.queuedCount)} submission${regrade.queuedCount === 1 ? "" : "s"} of ${exercise.id} for regrading (regrade ${regrade.id}), behind learners' new submissions.`);
    console.log("The platform's workers grade them (tutor serve, or tutor worker, running on this database). Stopping this command stops only the waiting.");
    let shown = -1;
    for (;;) {
      const row = await db.regrade.findUniqueOrThrow({ where: { id: regrade.id } });
      regrade = await regradeView(db, row, exercise.title);
      if (regrade.regradedCount !== shown) {
        shown = regrade.regradedCount;
        if (!regrade.done) console.log(`${count(regrade.regradedCount)} of ${count(regrade.queuedCount)} regraded`);
      }
      if (regrade.done) break;
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
    console.log(formatRegradeSummary(regrade));
    return 0;
  });
}
