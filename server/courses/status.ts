// Where a learner stands on one exercise, as every course view shows it.
import type { Progress } from "../database/generated/client";

export type ExerciseStatus = "solved" | "attempted" | "not-started";

/** Solved once any submission passed; attempted once one was graded; a submission still queued counts for nothing yet. */
export function exerciseStatus(progress: Pick<Progress, "attempts" | "firstSolvedAt"> | null | undefined): ExerciseStatus {
  if (progress?.firstSolvedAt) return "solved";
  return progress && progress.attempts > 0 ? "attempted" : "not-started";
}
