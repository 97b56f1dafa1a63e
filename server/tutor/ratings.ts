// Learners' ratings of the tutor's answers: helpful or not, with an optional comment. A rating belongs to the
// learner who was given the answer; rating again replaces it. Anyone else's answer reads as a missing one.
import type { Database } from "../database/client";
import { TutorRequestError } from "./service";

/** Long enough for a sentence or two about what was missing; the instructors read every one. */
export const RATING_COMMENT_MAX = 500;

export interface RatingView {
  answerId: string;
  helpful: boolean;
  comment: string | null;
  ratedAt: string;
}

export async function rateAnswer(db: Database, userId: string, answerId: string, rating: { helpful: boolean; comment: string | null }): Promise<RatingView> {
  const answer = await db.tutorAnswer.findUnique({ where: { id: answerId }, select: { userId: true } });
  if (!answer || answer.userId !== userId) throw new TutorRequestError(404, "The tutor's answer was not found: you can rate only answers the tutor gave you.");
  const comment = rating.comment?.trim() || null;
  const row = await db.tutorRating.upsert({
    where: { answerId },
    create: { answerId, userId, helpful: rating.helpful, comment },
    update: { helpful: rating.helpful, comment },
  });
  return { answerId, helpful: row.helpful, comment: row.comment, ratedAt: row.updatedAt.toISOString() };
}
