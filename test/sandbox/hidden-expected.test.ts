// The hidden cases' expected values and the reference solution never enter a learner's container: a submission
// that searches every file, every process's command line and environment, and all the memory it can read finds
// neither, so it cannot pass the hidden case, and neither value appears anywhere in the grading result.
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { checkHostAfterFile, everything, gradeAttack } from "./attack";

checkHostAfterFile();

const SEARCH = readFileSync(path.join(__dirname, "attacks/search.py"), "utf8");

test("a submission searching the whole container finds no hidden expected value and no reference solution", async () => {
  const marker = `hidden-marker-${randomBytes(8).toString("hex")}`;
  const referenceMarker = `hidden-marker-${randomBytes(8).toString("hex")}`;
  const g = await gradeAttack(
    `${SEARCH.replace("__PATTERN__", "hidden-marker-[0-9a-f]{16}")}
FOUND = json.loads(probe())
def answer(kind):
    if kind == 'report':
        return json.dumps(FOUND)
    # A hidden case: return what was found, hoping it is the expected value.
    return FOUND['hits'][0][1] if FOUND['hits'] else None
`,
    {
      limits: { caseTimeoutMs: 15_000, totalTimeoutMs: 40_000 },
      files: {
        // The solution (whose results are the reference) carries its own marker, as a solution's constants would.
        solution: `def answer(kind):\n    return {'report': '', 'given': '${marker}', 'reference': '${referenceMarker}'}[kind]\n`,
        casesYaml: [
          "- name: report",
          "  call: answer('report')",
          "  expect: ''",
          "- name: hidden with a given value",
          "  call: answer('given')",
          `  expect: '${marker}'`,
          "  hidden: true",
          "- name: hidden with the reference's value",
          "  call: answer('reference')",
          "  hidden: true",
          "",
        ].join("\n"),
      },
    },
  );
  const obs = g.result.observations[0];
  expect(obs?.outcome).toBe("returned");
  const found = JSON.parse((obs as { value: { v: string } }).value.v) as { hits: unknown[]; totals: Record<string, number> };
  expect(found.hits).toEqual([]);
  expect(found.totals["file bytes"]).toBeGreaterThan(50 * 1024 * 1024);
  expect(g.result.tests[1]).toMatchObject({ status: "failed", hidden: true });
  expect(g.result.tests[2]).toMatchObject({ status: "failed", hidden: true });
  expect(everything(g.result)).not.toContain(marker);
  expect(everything(g.result)).not.toContain(referenceMarker);
});
