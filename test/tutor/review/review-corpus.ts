// The review corpora (corpus/ for the tests, held-out/ for the benchmark only): one working Python program per
// file, its first line `# review: <id> <line> [<id> <line> ...]` (the suggestions it should get) or
// `# review: clean` (idiomatic code: no essential or actionable suggestion).
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

export interface ReviewProgram {
  file: string;
  source: string;
  expected: { id: string; line: number }[];
}

export function loadReviewCorpus(dir: string): ReviewProgram[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".py"))
    .sort()
    .map((file) => {
      const source = readFileSync(path.join(dir, file), "utf8");
      const header = /^# review: (.*)$/.exec(source.split("\n")[0] ?? "")?.[1]?.trim();
      if (!header) throw new Error(`${path.join(dir, file)} has no "# review:" first line`);
      const words = header === "clean" ? [] : header.split(/\s+/);
      const expected: ReviewProgram["expected"] = [];
      for (let i = 0; i < words.length; i += 2) {
        const line = Number(words[i + 1]);
        if (!Number.isInteger(line) || line < 1) throw new Error(`${file}: "# review:" needs "<id> <line>" pairs, got ${header}`);
        expected.push({ id: words[i]!, line });
      }
      return { file, source, expected };
    });
}
