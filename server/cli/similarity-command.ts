// `tutor similarity <set>/<slug> --course ID [--json]`: the similarity report of one exercise in one course
// (server/courses/similarity.ts), for whoever runs the platform's machine. Needs the database the platform uses
// (DATABASE_URL, or the embedded one) and the exercises folder, for the starter and reference to leave out.
import { z } from "zod";
import { readConfig } from "../config";
import { ExerciseCatalog } from "../exercises/catalog";
import { type SimilarityReport, type SimilaritySide, similarityReport } from "../courses/similarity";
import { withCourseDatabase } from "./course-database";

const USAGE = "usage: tutor similarity <set>/<slug> --course ID [--json]";
const courseId = z.uuid();

function who(side: SimilaritySide): string {
  const name = side.learner.displayName ?? side.learner.email ?? side.learner.id;
  return side.learner.email && side.learner.email !== name ? `${name} <${side.learner.email}>` : name;
}

function formatReport(report: SimilarityReport): string {
  const lines = [`Similarity of ${report.exercise.id} (${report.exercise.title}): the latest submissions of ${report.comparedCount} learners.`, report.note, ""];
  if (report.pairs.length === 0) lines.push("No two learners' programs share anything beyond the starter and the reference.");
  report.pairs.forEach((p, i) => {
    const fragments = p.fragments.map((f) => `${f.left.startLine}-${f.left.endLine} ~ ${f.right.startLine}-${f.right.endLine}`).join(", ");
    lines.push(`${i + 1}. ${Math.round(p.similarity * 100)}%  ${who(p.left)}  and  ${who(p.right)}  (matching lines: ${fragments})`);
  });
  if (report.truncated) lines.push(`(the ${report.pairs.length} most alike pairs are shown)`);
  return lines.join("\n");
}

export async function similarityCommand(args: string[]): Promise<number> {
  const json = args.includes("--json");
  const courseAt = args.indexOf("--course");
  const course = courseAt >= 0 ? args[courseAt + 1] : undefined;
  const exerciseId = args.find((a, i) => !a.startsWith("--") && i !== courseAt + 1);
  if (!exerciseId || !course) {
    console.error(USAGE);
    return 2;
  }
  if (!courseId.safeParse(course).success) {
    console.error(`"${course}" is not a course id: a course id is a UUID, shown in the course page's address (#/courses/<id>).`);
    return 2;
  }
  const config = readConfig();
  const { catalog, errors } = ExerciseCatalog.load(config.exercisesDir);
  for (const e of errors) console.error(`exercise skipped: ${e.message}`);
  return withCourseDatabase(config, course, async (db) => {
    const report = await similarityReport(db, catalog, course, exerciseId);
    console.log(json ? JSON.stringify(report, null, 2) : formatReport(report));
    return 0;
  });
}
