// A learner's timeline as the instructor of a course sees it: submissions (with the code and the learner-safe
// results), the feedback they read and the hints they took, newest first. It covers only the exercises of the
// sets the course assigns, so teaching one course does not open a learner's work for any other.
import { explanationConcepts } from "../progress/tutor-record";
import type { Database } from "../database/client";
import type { Submission, TutorAnswer } from "../database/generated/client";
import type { ExerciseCatalog } from "../exercises/catalog";
import type { TestResult } from "../grading/judge";
import { notFound } from "../http/errors";
import { assignedExercises, courseAssignments } from "./assignments";

/** Enough for weeks of a learner's work; older events are left off (`truncated`). */
export const TIMELINE_LIMIT = 300;

export interface TimelineEvent {
  at: string;
  kind: "submission" | "hint" | "feedback";
  exerciseId: string;
  submission?: { id: string; verdict: string | null; passedCount: number | null; totalCount: number | null; code: string; results: TestResult[] };
  hint?: { level: number };
  concepts?: string[];
}

export interface LearnerTimeline {
  learner: { id: string; displayName: string | null; email: string | null };
  events: TimelineEvent[];
  truncated: boolean;
}

const ORDER_AT_SAME_TIME = { submission: 0, feedback: 1, hint: 2 } as const;

function submissionEvent(s: Submission): TimelineEvent {
  // `results` is stored learner-safe (hidden cases carry name and status only); `observations` is never read here.
  const results = Array.isArray(s.results) ? (s.results as unknown as TestResult[]) : [];
  return {
    at: s.createdAt.toISOString(),
    kind: "submission",
    exerciseId: s.exerciseId,
    submission: { id: s.id, verdict: s.verdict, passedCount: s.passedCount, totalCount: s.totalCount, code: s.code, results },
  };
}

/**
 * The tutor records an answer each time it is shown (re-reading comes from its cache): the timeline keeps the
 * first feedback per submission and the first hint per submission and level, which is when the learner saw it.
 */
function tutorEvents(answers: TutorAnswer[], exerciseOf: Map<string, string>): TimelineEvent[] {
  const seen = new Set<string>();
  const events: TimelineEvent[] = [];
  for (const a of [...answers].sort((x, y) => x.createdAt.getTime() - y.createdAt.getTime())) {
    const exerciseId = a.submissionId ? exerciseOf.get(a.submissionId) : undefined;
    const key = `${a.submissionId}:${a.kind}:${a.level ?? ""}`;
    if (!exerciseId || seen.has(key)) continue;
    seen.add(key);
    const at = a.createdAt.toISOString();
    if (a.kind === "hint") events.push({ at, kind: "hint", exerciseId, hint: { level: a.level ?? 1 } });
    else events.push({ at, kind: "feedback", exerciseId, concepts: explanationConcepts(a.content).map((c) => c.id) });
  }
  return events;
}

export async function learnerTimeline(db: Database, catalog: ExerciseCatalog, courseId: string, learnerId: string): Promise<LearnerTimeline> {
  const learner = await db.user.findUnique({ where: { id: learnerId } });
  if (!learner) throw notFound("The learner");
  const exerciseIds = (await courseAssignments(db, courseId)).flatMap((a) => assignedExercises(catalog, a.setName).map((e) => e.id));
  const submissions = await db.submission.findMany({
    where: { userId: learnerId, exerciseId: { in: exerciseIds } },
    orderBy: { createdAt: "desc" },
    take: TIMELINE_LIMIT + 1,
  });
  const answers = await db.tutorAnswer.findMany({
    where: { userId: learnerId, kind: { in: ["hint", "explanation"] }, submissionId: { in: submissions.map((s) => s.id) } },
  });
  const exerciseOf = new Map(submissions.map((s) => [s.id, s.exerciseId]));
  const events = [...submissions.map(submissionEvent), ...tutorEvents(answers, exerciseOf)].sort(
    (a, b) => b.at.localeCompare(a.at) || ORDER_AT_SAME_TIME[b.kind] - ORDER_AT_SAME_TIME[a.kind],
  );
  return {
    learner: { id: learner.id, displayName: learner.displayName, email: learner.email },
    events: events.slice(0, TIMELINE_LIMIT),
    truncated: events.length > TIMELINE_LIMIT,
  };
}
