// `npm run bench:tutor`: how well the offline tutor names the concept behind each buggy program of the corpus
// (test/tutor/corpus), whether its explanation names the failing case, whether the explanation or the level-2
// hint names the line of each labelled bug (`located`), and the time localization added. Grades every program in the real
// sandbox (two at a time), so it needs a running Docker engine; the runner image is built if missing. Then the same
// for the typical wrong attempts at the course's own exercises (test/tutor/corpus/course), with figures of their own.
// Last, the review of working code (test/tutor/review): recall on habit programs and false positives on clean ones,
// for the corpus the tests check and for a held-out corpus written without looking at the reviewers.
// `npm run bench:tutor -- --review` prints only the review's figures.
// Prints figures only; the corpus's targets are checked by test/tutor/corpus.test.ts.
import os from "node:os";
import { connectDocker } from "../server/grading/docker";
import { fileReferenceCache } from "../server/grading/expectations";
import { Sandbox } from "../server/grading/sandbox/sandbox";
import { ensureRunnerImage } from "../server/grading/runner-image";
import { evaluateCorpus, type EntryResult, figuresOf, figuresReport, missesReport } from "../test/tutor/corpus/evaluate";
import { COURSE_ATTEMPTS_DIR, loadCorpus } from "../test/tutor/corpus/load";
import { reviewCorpus, reviewFigures } from "../test/tutor/review/evaluate-review";
import { loadReviewCorpus } from "../test/tutor/review/review-corpus";
import { mkdtempSync, rmSync } from "node:fs";
import path from "node:path";

const CONCURRENCY = 2;

function progressLine(r: EntryResult): string {
  const concept = r.entry.concept === null ? "" : `, top ${r.ranked[0] ?? "(none)"}${r.top1 ? "" : r.top3 ? " (label 2nd/3rd)" : " (MISS)"}`;
  const located = r.located === null ? "" : r.located ? ", line named" : ", line NOT named";
  return `${r.entry.id}: ${r.grade.status}${concept}${located}`;
}

async function main(): Promise<void> {
  const started = Date.now();
  const docker = connectDocker();
  const image = await ensureRunnerImage(docker, (line) => {
    if (!line.startsWith("  ")) process.stderr.write(`runner image: ${line}\n`);
  });
  const sandbox = new Sandbox(docker, image);
  const referenceDir = mkdtempSync(path.join(os.tmpdir(), "tutor-bench-ref-"));
  let programs = 0;
  try {
    const reviewOnly = process.argv.includes("--review");
    for (const [title, dir] of reviewOnly ? [] : ([["the corpus", undefined], ["the course's wrong attempts", COURSE_ATTEMPTS_DIR]] as const)) {
      const corpus = loadCorpus(dir);
      try {
        const total = corpus.entries.length;
        programs += total;
        process.stderr.write(`grading and explaining ${total} programs of ${title}, ${CONCURRENCY} at a time...\n`);
        const results = await evaluateCorpus(sandbox, fileReferenceCache(referenceDir), corpus.entries, {
          concurrency: CONCURRENCY,
          onResult: (r, done) => process.stderr.write(`  [${String(done).padStart(3)}/${total}] ${progressLine(r)}\n`),
        });
        const figures = figuresOf(results);
        console.log(`== ${title} (${total} programs)`);
        console.log(missesReport(results));
        console.log("");
        console.log(figuresReport(figures));
        console.log("");
        if (figures.passed.length || figures.leaking.length) process.exitCode = 1;
      } finally {
        corpus.cleanup();
      }
    }
    for (const [title, folder] of [["the review corpus", "corpus"], ["the held-out review corpus", "held-out"]] as const) {
      const working = loadReviewCorpus(path.join(__dirname, "../test/tutor/review", folder));
      programs += working.length;
      process.stderr.write(`reviewing ${working.length} working programs of ${title}...\n`);
      const results = await reviewCorpus(sandbox, working, (r, done) => process.stderr.write(`  [${String(done).padStart(3)}/${working.length}] ${r.program.file}: ${r.found.map((f) => f.id).join(", ") || "nothing"}\n`));
      console.log(`== ${title} (${working.length} programs)`);
      console.log(reviewFigures(results));
      console.log("");
    }
    const cpus = os.cpus();
    console.log(`machine: ${cpus.length} × ${cpus[0]?.model.trim() ?? "unknown cpu"}, node ${process.version}, ${os.platform()} ${os.release()}`);
    console.log(`total time: ${((Date.now() - started) / 1000).toFixed(1)} s (${programs} programs, concurrency ${CONCURRENCY})`);
  } finally {
    rmSync(referenceDir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
