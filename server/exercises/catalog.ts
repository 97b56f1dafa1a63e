// The exercises the platform serves, loaded from the folders under exercises/ and mirrored into the database
// so that submissions and progress can refer to them. Broken folders are reported and skipped, never fatal.
import type { Database } from "../database/client";
import type { Exercise, ExerciseFolderError } from "./exercise";
import { loadExerciseTree } from "./load";

export class ExerciseCatalog {
  private byId = new Map<string, Exercise>();
  private constructor(readonly root: string) {}

  static load(root: string): { catalog: ExerciseCatalog; errors: ExerciseFolderError[] } {
    const catalog = new ExerciseCatalog(root);
    const { exercises, errors } = loadExerciseTree(root);
    for (const e of exercises) catalog.byId.set(e.id, e);
    return { catalog, errors };
  }

  get(id: string): Exercise | undefined {
    return this.byId.get(id);
  }

  /** In teaching order: by set, then by the set's own order. */
  list(): Exercise[] {
    return [...this.byId.values()].sort((a, b) => a.set.localeCompare(b.set) || a.order - b.order);
  }

  /** Mirrors the catalog into the database; exercises whose folder is gone stay, marked unavailable. */
  async syncTo(db: Database): Promise<void> {
    const exercises = this.list();
    await db.$transaction(async (tx) => {
      for (const e of exercises) {
        const row = { setName: e.set, slug: e.slug, title: e.title, summary: e.summary, difficulty: e.difficulty, concepts: e.concepts, contentHash: e.contentHash, available: true, syncedAt: new Date() };
        await tx.exercise.upsert({ where: { id: e.id }, create: { id: e.id, ...row }, update: row });
      }
      await tx.exercise.updateMany({ where: { id: { notIn: exercises.map((e) => e.id) } }, data: { available: false } });
    });
  }
}
