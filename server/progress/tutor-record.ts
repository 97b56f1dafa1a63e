// What the tutor's recorded answers (TutorAnswer rows of kind "explanation" and "hint") say about a submission,
// for histories and dashboards: the concepts an explanation showed, the concepts the tutor named as the cause,
// and the hints taken. Pure: rows come in, plain values go out.
import { concept } from "../tutor/concepts/catalogue";
import type { ConceptRef } from "../tutor/contracts";
import { CONFIDENT_SCORE } from "../tutor/offline/rank";

export interface RecordedAnswer {
  submissionId: string | null;
  kind: string;
  level: number | null;
  content: unknown;
  createdAt: Date;
}

/** The concept's title from the catalogue; an id the catalogue does not know (a model's, an old one) shows as is. */
export function conceptTitle(id: string): string {
  return concept(id)?.title ?? id;
}

interface StoredConcept {
  id?: unknown;
  title?: unknown;
  score?: unknown;
}

function storedConcepts(content: unknown): StoredConcept[] {
  const concepts = (content as { concepts?: unknown } | null)?.concepts;
  return Array.isArray(concepts) ? (concepts as StoredConcept[]).filter((c) => typeof c?.id === "string") : [];
}

/** Every concept an explanation showed the learner, best first. */
export function explanationConcepts(content: unknown): ConceptRef[] {
  return storedConcepts(content).map((c) => ({ id: c.id as string, title: typeof c.title === "string" ? c.title : conceptTitle(c.id as string) }));
}

/**
 * The concepts the tutor presented as the cause of a failure: an explanation's confident concepts (a lower score
 * only means "this exercise practises it"), and the concept each hint was about. Each id once.
 */
export function causeConcepts(answers: RecordedAnswer[]): string[] {
  const ids = new Set<string>();
  for (const a of answers) {
    if (a.kind === "explanation") {
      for (const c of storedConcepts(a.content)) if (typeof c.score === "number" && c.score >= CONFIDENT_SCORE) ids.add(c.id as string);
    } else if (a.kind === "hint") {
      const about = (a.content as { concept?: unknown } | null)?.concept;
      if (typeof about === "string") ids.add(about);
    }
  }
  return [...ids];
}

/**
 * The hints taken on one submission, by level. The tutor records an answer each time one is shown (again from its
 * cache), so a level counts once, at the time it was first shown.
 */
export function hintsTaken(answers: RecordedAnswer[]): { level: number; at: Date }[] {
  const first = new Map<number, Date>();
  for (const a of answers) {
    if (a.kind !== "hint" || a.level === null) continue;
    const seen = first.get(a.level);
    if (!seen || a.createdAt < seen) first.set(a.level, a.createdAt);
  }
  return [...first].sort(([a], [b]) => a - b).map(([level, at]) => ({ level, at }));
}

/** Answers grouped by their submission. */
export function answersBySubmission<T extends RecordedAnswer>(answers: T[]): Map<string, T[]> {
  const by = new Map<string, T[]>();
  for (const a of answers) {
    if (!a.submissionId) continue;
    const list = by.get(a.submissionId);
    if (list) list.push(a);
    else by.set(a.submissionId, [a]);
  }
  return by;
}

/** Counts of concept ids as {id, title, count}, most frequent first (ties by id, so the order is stable). */
export function conceptCounts(ids: Iterable<string>): { id: string; title: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const id of ids) counts.set(id, (counts.get(id) ?? 0) + 1);
  return [...counts].sort(([a, x], [b, y]) => y - x || a.localeCompare(b)).map(([id, count]) => ({ id, title: conceptTitle(id), count }));
}
