import { connectDocker } from "./server/grading/docker";
import { fileReferenceCache } from "./server/grading/expectations";
import { Sandbox } from "./server/grading/grade";
import { ensureRunnerImage } from "./server/grading/runner-image";
import { evaluateCorpus, figuresOf, figuresReport, missesReport } from "./test/tutor/corpus/evaluate";
import { loadCorpus } from "./test/tutor/corpus/load";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
async function main() {
  const docker = connectDocker();
  const image = await ensureRunnerImage(docker, () => {});
  const sandbox = new Sandbox(docker, image);
  const corpus = loadCorpus();
  const pick = process.argv.slice(2);
  const entries = corpus.entries.filter((e) => pick.some((p) => e.id.startsWith(p)));
  const results = await evaluateCorpus(sandbox, fileReferenceCache(mkdtempSync(path.join(os.tmpdir(), "ref-"))), entries, { concurrency: 1 });
  for (const r of results) console.log(`--- ${r.entry.id} ${r.grade.status} ${r.grade.tests.map((t) => t.status[0]).join("")} lines=${r.namedLines} located=${r.located} leaks=${JSON.stringify(r.leaks)} ms=${r.localizationMs} suspects=${JSON.stringify(r.facts.suspectLines)}\n${r.explanation.explanation}\n>> HINT: ${r.hint}`);
  console.log(missesReport(results)); console.log(figuresReport(figuresOf(results)));
  corpus.cleanup();
}
main();
