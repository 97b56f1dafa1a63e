// A learner's attempt history on one exercise: every submission with its result, the feedback concepts and hints
// the tutor showed for it, and the time since the attempt before. Pure: rows in, the API's shape out.
import type { Submission } from "../database/generated/client";
import { type SubmissionView, submissionView } from "../grading/submission-view";
import type { ConceptRef } from "../tutor/contracts";
import { answersBySubmission, explanationConcepts, hintsTaken, type RecordedAnswer } from "./tutor-record";

export interface Attempt {
  submission: SubmissionView;
  /** The first explanation the learner read for this submission, if they asked for one. */
  feedback?: { concepts: ConceptRef[]; engine: string };
  hints: { level: number; at: string }[];
  /** Seconds between the previous submission and this one; null for the first. */
  secondsSincePrevious: number | null;
}

export interface AttemptHistory {
  attempts: Attempt[];
  activeSeconds: number;
}

interface EngineAnswer extends RecordedAnswer {
  engine: string;
}

/** Newest first, as the submission list is. `answers` may hold other submissions' rows; they are ignored. */
export function attemptHistory(submissions: Submission[], answers: EngineAnswer[], activeSeconds: number): AttemptHistory {
  const chronological = [...submissions].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  const bySubmission = answersBySubmission(answers);
  const attempts = chronological.map((s, i): Attempt => {
    const mine = bySubmission.get(s.id) ?? [];
    const explanation = mine.filter((a) => a.kind === "explanation").sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())[0];
    const previous = chronological[i - 1];
    return {
      submission: submissionView(s),
      ...(explanation ? { feedback: { concepts: explanationConcepts(explanation.content), engine: explanation.engine } } : {}),
      hints: hintsTaken(mine).map((h) => ({ level: h.level, at: h.at.toISOString() })),
      secondsSincePrevious: previous ? Math.round((s.createdAt.getTime() - previous.createdAt.getTime()) / 1000) : null,
    };
  });
  return { attempts: attempts.reverse(), activeSeconds };
}
