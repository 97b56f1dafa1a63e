// The exercises the platform serves, loaded from the folders under exercises/ and mirrored into the database
// so that submissions and progress can refer to them. Broken folders are reported and skipped, never fatal.
import type { Database } from "../database/client";
import type { Exercise, ExerciseFolderError } from "./exercise";
import { loadExerciseTree } from "./load";
import type { SetManifest } from "./schema";

/** A problem set: a folder under exercises/ with at least one exercise that loaded. */
export interface ExerciseSet {
  name: string;
  /** set.yaml's title, or else the folder name made readable ("string_tricks" -> "String tricks"). */
  title: string;
  /** set.yaml's summary, or "" when it gives none. */
  summary: string;
  /** What the set teaches (set.yaml's `concepts` and `topics`; empty when it gives none). */
  concepts: string[];
  topics: string[];
  /** Its exercises in teaching order. */
  exercises: Exercise[];
}

export function humaniseSetName(name: string): string {
  const words = name.replace(/[-_]+/g, " ").trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export class ExerciseCatalog {
  private byId = new Map<string, Exercise>();
  private setManifests = new Map<string, SetManifest>();
  private constructor(readonly root: string) {}

  static load(root: string): { catalog: ExerciseCatalog; errors: ExerciseFolderError[] } {
    const catalog = new ExerciseCatalog(root);
    const { exercises, errors, setManifests } = loadExerciseTree(root);
    for (const e of exercises) catalog.byId.set(e.id, e);
    catalog.setManifests = setManifests;
    return { catalog, errors };
  }

  /** Reads the folders again (after an instructor saved one from the browser), so learners see the change at once. */
  reload(): ExerciseFolderError[] {
    const { exercises, errors, setManifests } = loadExerciseTree(this.root);
    this.byId = new Map(exercises.map((e) => [e.id, e]));
    this.setManifests = setManifests;
    return errors;
  }

  get(id: string): Exercise | undefined {
    return this.byId.get(id);
  }

  /** In teaching order: by set, then by the set's own order. */
  list(): Exercise[] {
    return [...this.byId.values()].sort((a, b) => a.set.localeCompare(b.set) || a.order - b.order);
  }

  /** The sets that have exercises, by name (a course numbers its units' folders, "01-printing", to order them). */
  sets(): ExerciseSet[] {
    const byName = new Map<string, Exercise[]>();
    for (const e of this.list()) byName.set(e.set, [...(byName.get(e.set) ?? []), e]);
    return [...byName].map(([name, exercises]) => {
      const manifest = this.setManifests.get(name);
      return { name, title: this.setTitle(name), summary: manifest?.summary ?? "", concepts: manifest?.concepts ?? [], topics: manifest?.topics ?? [], exercises };
    });
  }

  set(name: string): ExerciseSet | undefined {
    return this.sets().find((s) => s.name === name);
  }

  setTitle(name: string): string {
    return this.setManifests.get(name)?.title ?? humaniseSetName(name);
  }

  /** Mirrors the catalog into the database; exercises whose folder is gone stay, marked unavailable. */
  async syncTo(db: Database): Promise<void> {
    const exercises = this.list();
    const syncedAt = new Date();
    // One batch, in one transaction: an interactive transaction would run out of its time limit on a busy machine
    // once a course has a hundred exercises, each upsert waiting for the one before.
    await db.$transaction([
      ...exercises.map((e) => {
        const row = { setName: e.set, slug: e.slug, title: e.title, summary: e.summary, difficulty: e.difficulty, concepts: e.concepts, contentHash: e.contentHash, available: true, syncedAt };
        return db.exercise.upsert({ where: { id: e.id }, create: { id: e.id, ...row }, update: row });
      }),
      db.exercise.updateMany({ where: { id: { notIn: exercises.map((e) => e.id) } }, data: { available: false } }),
    ]);
  }
}
