// The instructors' answers page: what the tutor told a course's learners, newest first, a page at a time, with the
// learner's rating and the code each answer was about. Answers about submissions count only for the exercises
// the course assigns (like the timeline); the Explain code page's answers have no exercise and show as such.
import type { Database } from "../database/client";
import type { Prisma } from "../database/generated/client";
import type { ExerciseCatalog } from "../exercises/catalog";
import { HttpError } from "../http/errors";
import { renderMarkdown } from "../markdown";
import { answerMarkdown } from "./answer-text";
import { assignedExercises, courseAssignments } from "./assignments";

export const ANSWERS_PAGE_SIZE = 20;

export type RatingFilter = "helpful" | "not-helpful" | "unrated";

export interface AnswerFilters {
  exerciseId?: string;
  engine?: "offline" | "model";
  rating?: RatingFilter;
  page: number;
}

export interface CourseTutorAnswer {
  id: string;
  learner: { id: string; displayName: string | null; email: string | null };
  exercise: { id: string; title: string } | null;
  kind: string;
  level: number | null;
  engine: string;
  note: string | null;
  at: string;
  text: { markdown: string; html: string };
  rating: { helpful: boolean; comment: string | null; ratedAt: string } | null;
  /** The submission's code, or the code pasted into an Explain code tool; null when it was not kept. */
  code: string | null;
  codeSource: "submission" | "pasted" | "not-stored";
}

export interface CourseTutorAnswers {
  answers: CourseTutorAnswer[];
  page: number;
  pageCount: number;
  total: number;
  /** The exercises the course assigns, for the exercise filter. */
  exercises: { id: string; title: string }[];
}

const RATING_WHERE: Record<RatingFilter, Prisma.TutorAnswerWhereInput> = {
  helpful: { rating: { is: { helpful: true } } },
  "not-helpful": { rating: { is: { helpful: false } } },
  unrated: { rating: { is: null } },
};

/** The caller has checked that the asker teaches the course. */
export async function courseTutorAnswers(db: Database, catalog: ExerciseCatalog, courseId: string, filters: AnswerFilters): Promise<CourseTutorAnswers> {
  const [members, assignments] = await Promise.all([
    db.courseMember.findMany({ where: { courseId, role: "learner" }, select: { userId: true } }),
    courseAssignments(db, courseId),
  ]);
  const exercises = [...new Map(assignments.flatMap((a) => assignedExercises(catalog, a.setName)).map((e) => [e.id, { id: e.id, title: e.title }])).values()];
  if (filters.exerciseId && !exercises.some((e) => e.id === filters.exerciseId)) {
    throw new HttpError(400, "validation", `The course does not assign the exercise ${filters.exerciseId}: pick one of its assigned exercises, or leave exercise out.`);
  }
  const about: Prisma.TutorAnswerWhereInput[] = filters.exerciseId
    ? [{ submission: { is: { exerciseId: filters.exerciseId } } }]
    : [{ submission: { is: { exerciseId: { in: exercises.map((e) => e.id) } } } }, { submissionId: null }];
  const where: Prisma.TutorAnswerWhereInput = {
    userId: { in: members.map((m) => m.userId) },
    OR: about,
    ...(filters.engine ? { engine: filters.engine } : {}),
    ...(filters.rating ? RATING_WHERE[filters.rating] : {}),
  };
  const [total, rows] = await Promise.all([
    db.tutorAnswer.count({ where }),
    db.tutorAnswer.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
      skip: (filters.page - 1) * ANSWERS_PAGE_SIZE,
      take: ANSWERS_PAGE_SIZE,
      include: { rating: true, user: { select: { id: true, displayName: true, email: true } }, submission: { select: { exerciseId: true, code: true } } },
    }),
  ]);
  return {
    answers: rows.map((r) => {
      const markdown = answerMarkdown(r.kind, r.content);
      const code = r.submission?.code ?? r.code;
      return {
        id: r.id,
        learner: r.user,
        exercise: r.submission ? { id: r.submission.exerciseId, title: catalog.get(r.submission.exerciseId)?.title ?? r.submission.exerciseId } : null,
        kind: r.kind,
        level: r.level,
        engine: r.engine,
        note: r.note,
        at: r.createdAt.toISOString(),
        text: { markdown, html: renderMarkdown(markdown) },
        rating: r.rating ? { helpful: r.rating.helpful, comment: r.rating.comment, ratedAt: r.rating.updatedAt.toISOString() } : null,
        code,
        codeSource: r.submission ? "submission" : code !== null ? "pasted" : "not-stored",
      };
    }),
    page: filters.page,
    pageCount: Math.max(1, Math.ceil(total / ANSWERS_PAGE_SIZE)),
    total,
    exercises,
  };
}
