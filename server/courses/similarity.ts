// The similarity report of one exercise in one course: pairs of learners whose final submissions (each learner's
// latest) are alike, ranked, with the matching fragments. Dolos (winnowing over tree-sitter tokens, made for
// education) does the comparing; the exercise's starter and reference are given to it as the boilerplate to ignore,
// so code every learner was handed, or was steered towards, does not count. It is a signal for a person to look
// at, never a verdict: nothing here acts on it.
import { spawn } from "node:child_process";
import path from "node:path";
import type { Database } from "../database/client";
import type { ExerciseCatalog } from "../exercises/catalog";
import type { Exercise } from "../exercises/exercise";
import { assignedExercise } from "./assignments";

/** Enough to read through in one sitting; the rest are less alike than the last one shown (`truncated`). */
export const SIMILARITY_PAIR_LIMIT = 50;

export const SIMILARITY_NOTE =
  "Similarity is only a signal: short exercises have few ways to be solved, and learners may have worked together as allowed. Read the two programs and talk with the learners before concluding anything. Nothing is done automatically.";

/** A program to compare: whose it is and its code. */
export interface Program {
  key: string;
  code: string;
}

/** Lines are numbered from 1, inclusive at both ends. */
export interface LineRange {
  startLine: number;
  endLine: number;
}

export interface ProgramPair {
  left: string;
  right: string;
  /** Dolos' similarity: the share of both programs' fingerprints that they share, from 0 to 1. */
  similarity: number;
  /** The longest run of shared fingerprints, in k-grams. */
  longest: number;
  fragments: { left: LineRange; right: LineRange }[];
}

/**
 * Every pair of programs that shares anything beyond the boilerplate, most alike first. Pure apart from the
 * parser: the same programs always give the same pairs.
 */
export async function comparePrograms(programs: Program[], boilerplate: string): Promise<ProgramPair[]> {
  if (programs.length < 2) return [];
  const pairs = await runDolos(programs, boilerplate);
  return pairs
    .map((pair) => ({
      left: pair.left,
      right: pair.right,
      similarity: Math.round(pair.similarity * 1000) / 1000,
      longest: pair.longest,
      fragments: pair.fragments.map((f) => ({ left: lines(f.left), right: lines(f.right) })).sort((a, b) => a.left.startLine - b.left.startLine),
    }))
    .sort((a, b) => b.similarity - a.similarity || b.longest - a.longest || a.left.localeCompare(b.left) || a.right.localeCompare(b.right));
}

interface DolosPair {
  left: string;
  right: string;
  similarity: number;
  longest: number;
  fragments: { left: { startRow: number; endRow: number }; right: { startRow: number; endRow: number } }[];
}

/** Dolos's pairs that share anything, from its own process (dolos-process.mjs says why). */
function runDolos(programs: Program[], boilerplate: string): Promise<DolosPair[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(__dirname, "dolos-process.mjs")], { stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString("utf8")));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString("utf8")));
    child.on("error", reject);
    child.on("close", (code) => {
      let answer: { pairs?: DolosPair[]; error?: string };
      try {
        answer = JSON.parse(stdout) as typeof answer;
      } catch {
        return reject(new Error(`the similarity checker stopped (exit ${code}): ${stderr.trim().slice(0, 300) || "no output"}`));
      }
      if (answer.error !== undefined || !answer.pairs) return reject(new Error(`the similarity checker failed: ${answer.error ?? "no pairs"}`));
      resolve(answer.pairs);
    });
    child.stdin.end(JSON.stringify({ programs, boilerplate }));
  });
}

/** Dolos counts rows from 0. */
function lines(region: { startRow: number; endRow: number }): LineRange {
  return { startLine: region.startRow + 1, endLine: region.endRow + 1 };
}

/** What the exercise hands out or points to: shared by every learner, so never evidence of copying. */
export function boilerplateOf(exercise: Exercise): string {
  return `${exercise.starter}\n${exercise.solution}\n`;
}

export interface SimilaritySide {
  learner: { id: string; displayName: string | null; email: string | null };
  submissionId: string;
  submittedAt: string;
  verdict: string | null;
  code: string;
}

export interface SimilarityReport {
  exercise: { id: string; title: string };
  note: string;
  /** Learners of the course with at least one submission of the exercise: each one's latest was compared. */
  comparedCount: number;
  pairs: (Omit<ProgramPair, "left" | "right"> & { left: SimilaritySide; right: SimilaritySide })[];
  truncated: boolean;
}

export async function similarityReport(db: Database, catalog: ExerciseCatalog, courseId: string, exerciseId: string): Promise<SimilarityReport> {
  const exercise = await assignedExercise(db, catalog, courseId, exerciseId);
  const learners = await db.courseMember.findMany({ where: { courseId, role: "learner" }, include: { user: true } });
  // Each learner's final submission: the latest, whatever its verdict.
  const latest = await db.submission.findMany({
    where: { exerciseId, userId: { in: learners.map((m) => m.userId) } },
    orderBy: [{ userId: "asc" }, { createdAt: "desc" }],
    distinct: ["userId"],
  });
  const pairs = await comparePrograms(
    latest.map((s) => ({ key: s.id, code: s.code })),
    boilerplateOf(exercise),
  );
  const userOf = new Map(learners.map((m) => [m.userId, m.user]));
  const side = new Map(
    latest.map((s): [string, SimilaritySide] => {
      const user = userOf.get(s.userId)!;
      const learner = { id: user.id, displayName: user.displayName, email: user.email };
      return [s.id, { learner, submissionId: s.id, submittedAt: s.createdAt.toISOString(), verdict: s.verdict, code: s.code }];
    }),
  );
  return {
    exercise: { id: exercise.id, title: exercise.title },
    note: SIMILARITY_NOTE,
    comparedCount: latest.length,
    pairs: pairs.slice(0, SIMILARITY_PAIR_LIMIT).map((p) => ({ ...p, left: side.get(p.left)!, right: side.get(p.right)! })),
    truncated: pairs.length > SIMILARITY_PAIR_LIMIT,
  };
}
