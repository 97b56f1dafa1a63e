// Authoring from the browser: read an exercise as a draft, preview a draft as learners would see it, check it
// in the sandbox, propose cases from its reference solution, save it, create a new exercise. Every write goes
// through a staging folder loaded by the real loader (folder.ts); saves of one exercise happen one at a time.
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import type { Database } from "../database/client";
import { announceExerciseChange } from "../exercises/change-feed";
import type { ExerciseCatalog } from "../exercises/catalog";
import { checkExercise, type CheckRow } from "../exercises/check";
import type { Exercise, ExerciseProblem } from "../exercises/exercise";
import { SLUG } from "../exercises/import-common";
import { loadExercise } from "../exercises/load";
import { type ExerciseDetail, exerciseDetail } from "../exercises/public-view";
import type { ReferenceCache } from "../grading/expectations";
import type { GradeResult } from "../grading/grade";
import type { Sandbox } from "../grading/sandbox/sandbox";
import type { Status } from "../grading/judge";
import { HttpError, notFound } from "../http/errors";
import { TutorRequestError, type TutorEvents, type TutorService } from "../tutor/service";
import { TutorInputError } from "../tutor/tasks";
import { casesFromYaml, type DraftCase, draftFromFiles, draftToFiles, type ExerciseDraft, filesVersion } from "./draft";
import { loadStaged, readEditableFiles, stageDraft, type StagedDraft, swapIn } from "./folder";
import { checkFolderName, exerciseFolder, STAGING_FOLDER } from "./paths";

export interface AuthoringDeps {
  db: Database;
  catalog: ExerciseCatalog;
  sandbox: () => Promise<Sandbox>;
  references: ReferenceCache;
  tutor: TutorService;
  /** Progress of a check, on the instructor's socket like the tutor's own progress (`tutor:progress`). */
  events: Pick<TutorEvents, "progress">;
}

/** A draft as the page edits it, with what is on disk now. */
export interface AuthoringView {
  id: string;
  set: string;
  slug: string;
  draft: ExerciseDraft;
  /** Sent back with a save, which is refused if the files changed on disk in between. */
  version: string;
  /** What is wrong with the folder as it is on disk (empty when it loads). */
  problems: ExerciseProblem[];
}

interface CheckedResult {
  status: Status;
  message: string | null;
}

/** `tutor check`'s row for the draft, with each case's result for the reference and the starter. */
export interface CheckView extends Omit<CheckRow, "dir"> {
  ready: boolean;
  rows: { name: string; hidden: boolean; inSandbox: boolean; reference: CheckedResult | null; starter: CheckedResult | null }[];
}

export interface Proposals {
  function: string;
  /** Cases whose expected values come from running the reference, minus calls the draft already has. */
  cases: DraftCase[];
  mutation: { total: number; killed: number };
  dropped: string[];
}

const describe = (problems: ExerciseProblem[]) => problems.map((p) => `${p.file}${p.field ? ` (${p.field})` : ""}: ${p.message}`).join("; ");

function invalidDraft(problems: ExerciseProblem[]): HttpError {
  return new HttpError(400, "invalid-draft", `The draft is not a valid exercise, so nothing was written: ${describe(problems)}.`, problems);
}

/** A function name from a folder name: `word-count` -> `word_count`. */
function moduleName(slug: string): string {
  const name = slug.replace(/-/g, "_");
  return /^[A-Za-z_]/.test(name) ? name : `exercise_${name}`;
}

/** What a new exercise starts as: small, valid, and already showing every part of the format. */
export function newExerciseDraft(slug: string, title: string | undefined): ExerciseDraft {
  const fn = moduleName(slug);
  const heading = title?.trim() || slug.replace(/[-_]+/g, " ").replace(/^./, (c) => c.toUpperCase());
  return {
    manifest: { title: heading, summary: "Say in one sentence what the learner writes.", difficulty: 1, concepts: [], file: `${fn}.py`, entry: fn },
    instructions: `Write a function \`${fn}(text)\` that returns \`text\` unchanged.\n\nReplace these instructions with your own.\n`,
    starter: `def ${fn}(text):\n    pass\n`,
    solution: `def ${fn}(text):\n    return text\n`,
    cases: [{ name: "returns the text", call: `${fn}("hello")`, expect: '"hello"', hidden: false }],
  };
}

function checkedResult(result: GradeResult | null, index: number): CheckedResult | null {
  const test = result?.tests[index];
  return test ? { status: test.status, message: test.message ?? (test.expected !== undefined ? `expected ${test.expected}, got ${test.actual ?? "nothing"}` : null) } : null;
}

export class AuthoringService {
  private locks = new Map<string, Promise<unknown>>();
  constructor(private readonly deps: AuthoringDeps) {}

  private get root(): string {
    return this.deps.catalog.root;
  }

  /** The set folders on disk with their exercise folders (broken ones too: they can be mended here). */
  sets(): { name: string; title: string; exercises: { slug: string; title: string | null }[] }[] {
    if (!existsSync(this.root)) return [];
    const folders = (dir: string) =>
      readdirSync(dir, { withFileTypes: true })
        .filter((d) => d.isDirectory() && SLUG.test(d.name))
        .map((d) => d.name)
        .sort();
    return folders(this.root).map((set) => ({
      name: set,
      title: this.deps.catalog.setTitle(set),
      exercises: folders(path.join(this.root, set)).map((slug) => ({ slug, title: this.deps.catalog.get(`${set}/${slug}`)?.title ?? null })),
    }));
  }

  private existingFolder(set: string, slug: string): string {
    const dir = exerciseFolder(this.root, set, slug);
    if (!existsSync(dir)) throw notFound(`The exercise ${set}/${slug}`);
    return dir;
  }

  read(set: string, slug: string): AuthoringView {
    const dir = this.existingFolder(set, slug);
    const files = readEditableFiles(dir);
    const { draft, problems } = draftFromFiles(files);
    try {
      loadExercise(dir);
    } catch (e) {
      problems.push(...((e as { problems?: ExerciseProblem[] }).problems ?? [{ file: ".", message: (e as Error).message }]));
    }
    return { id: `${set}/${slug}`, set, slug, draft, version: filesVersion(files), problems };
  }

  /** Writes the draft to a staging folder and loads it; the caller must discard what it gets back. */
  private stage(set: string, slug: string, draft: ExerciseDraft): { staged: StagedDraft | null; exercise: Exercise | null; problems: ExerciseProblem[] } {
    const dir = exerciseFolder(this.root, set, slug);
    const existing = existsSync(dir) ? dir : null;
    const { files, problems } = draftToFiles(draft, existing ? readEditableFiles(existing) : null);
    if (problems.length) return { staged: null, exercise: null, problems };
    const staged = stageDraft(this.root, set, slug, files, existing);
    try {
      return { staged, ...loadStaged(staged) };
    } catch (e) {
      staged.discard();
      throw e;
    }
  }

  /** The learner's view of the draft, built by the same code as the learner's page; null while it does not load. */
  preview(set: string, slug: string, draft: ExerciseDraft): { preview: ExerciseDetail | null; problems: ExerciseProblem[] } {
    const { staged, exercise, problems } = this.stage(set, slug, draft);
    staged?.discard();
    return { preview: exercise ? exerciseDetail(exercise, null, null) : null, problems };
  }

  /** `tutor check` on the draft, in the real sandbox, reporting progress to the instructor's socket. */
  async check(userId: string, requestId: string, set: string, slug: string, draft: ExerciseDraft): Promise<CheckView> {
    const { staged, problems } = this.stage(set, slug, draft);
    if (!staged) throw invalidDraft(problems);
    try {
      return await this.checkStaged(userId, requestId, staged);
    } finally {
      staged.discard();
    }
  }

  private async checkStaged(userId: string, requestId: string, staged: StagedDraft): Promise<CheckView> {
    const say = (stage: string, message: string) => this.deps.events.progress(userId, requestId, stage, message);
    say("sandbox", "Starting the sandbox…");
    const graded: Record<"reference" | "starter", GradeResult | null> = { reference: null, starter: null };
    const who = { reference: "Reference solution", starter: "Starter" };
    const row = await checkExercise(staged.dir, await this.deps.sandbox(), this.deps.references, {
      onTest: (w, index, total) => say(w, `${who[w]}: ${index + 1} of ${total} results in`),
      onGraded: (w, result) => {
        graded[w] = result;
        if (w === "reference") say("starter", "Running the starter…");
      },
    });
    const { dir: _dir, ...summary } = row;
    const tests = graded.reference?.tests ?? graded.starter?.tests ?? [];
    return {
      ...summary,
      ready: row.problems.length === 0,
      rows: tests.map((t, i) => ({ name: t.name, hidden: t.hidden, inSandbox: t.inSandbox === true, reference: checkedResult(graded.reference, i), starter: checkedResult(graded.starter, i) })),
    };
  }

  /** Cases proposed by the tutor's test generation from the draft's reference solution, to accept one by one. */
  async propose(userId: string, requestId: string, draft: ExerciseDraft): Promise<Proposals> {
    const entry = typeof draft.manifest.entry === "string" && draft.manifest.entry ? draft.manifest.entry : undefined;
    let generated;
    try {
      generated = await this.deps.tutor.tests(userId, draft.solution, entry, requestId);
    } catch (e) {
      if (e instanceof TutorRequestError) throw new HttpError(e.status, e.status === 429 ? "budget" : "tutor", e.message);
      if (e instanceof TutorInputError) throw new HttpError(400, "reference", `The reference solution: ${e.message}`);
      throw e;
    }
    const known = new Set(draft.cases.map((c) => c.call).filter(Boolean));
    const names = new Set(draft.cases.map((c) => c.name));
    const cases = casesFromYaml(generated.casesYaml).cases.filter((c) => !known.has(c.call) && !names.has(c.name));
    return { function: generated.function, cases, mutation: { total: generated.mutation.total, killed: generated.mutation.killed }, dropped: generated.dropped };
  }

  /** Checks the draft, and only if it is ready puts it in place of the exercise and shows it to learners. */
  async save(userId: string, requestId: string, set: string, slug: string, draft: ExerciseDraft, baseVersion?: string): Promise<AuthoringView & { check: CheckView }> {
    return this.exclusive(`${set}/${slug}`, async () => {
      const dir = this.existingFolder(set, slug);
      if (baseVersion && filesVersion(readEditableFiles(dir)) !== baseVersion) {
        throw new HttpError(409, "changed-on-disk", "This exercise's files changed since you opened it (someone saved it, or edited the files). Copy what you need, reload the page, and make your change again.");
      }
      const { staged, problems } = this.stage(set, slug, draft);
      if (!staged) throw invalidDraft(problems);
      try {
        if (problems.length) throw invalidDraft(problems);
        const check = await this.checkStaged(userId, requestId, staged);
        if (!check.ready) {
          throw new HttpError(422, "check-failed", `The checker found problems, so nothing was saved: ${check.problems.join("; ")}.`, check);
        }
        swapIn(staged, dir);
        await this.publish(`${set}/${slug}`);
        return { ...this.read(set, slug), check };
      } finally {
        staged.discard();
      }
    });
  }

  /** A new exercise folder in `set` (created if needed), from a small valid template to edit on the page. */
  async create(set: string, slug: string, title?: string): Promise<AuthoringView> {
    checkFolderName(set, "set");
    checkFolderName(slug, "slug");
    if (set === STAGING_FOLDER) throw new HttpError(400, "bad-name", `"${set}" is reserved: choose another set name.`);
    return this.exclusive(`${set}/${slug}`, async () => {
      const dir = exerciseFolder(this.root, set, slug);
      if (existsSync(dir)) throw new HttpError(409, "exists", `The exercise ${set}/${slug} already exists: open it to edit it, or choose another name.`);
      const { staged, problems } = this.stage(set, slug, newExerciseDraft(slug, title));
      if (!staged) throw invalidDraft(problems);
      try {
        if (problems.length) throw invalidDraft(problems);
        swapIn(staged, dir);
      } finally {
        staged.discard();
      }
      await this.publish(`${set}/${slug}`);
      return this.read(set, slug);
    });
  }

  /**
   * Learners see the folders as they now are: the catalog is read again and mirrored into the database, and
   * every other web server and worker is told to read its folders again (change-feed.ts).
   */
  private async publish(exerciseId: string): Promise<void> {
    this.deps.catalog.reload();
    await this.deps.catalog.syncTo(this.deps.db);
    await announceExerciseChange(this.deps.db, exerciseId);
  }

  /** Runs `work` after any earlier work on the same exercise has finished. */
  private async exclusive<T>(key: string, work: () => Promise<T>): Promise<T> {
    const run = (this.locks.get(key) ?? Promise.resolve()).catch(() => undefined).then(work);
    const tail = run.catch(() => undefined);
    this.locks.set(key, tail);
    try {
      return await run;
    } finally {
      if (this.locks.get(key) === tail) this.locks.delete(key);
    }
  }
}
