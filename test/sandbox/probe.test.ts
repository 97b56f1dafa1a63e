import { gradeSubmission } from "../../server/grading/grade";
import { DEFAULT_LIMITS } from "../../server/grading/limits";
import { fixtureExercise } from "../support/exercise-fixture";
import { freshReferenceCache, realSandbox } from "../support/sandbox";

const ex = () => fixtureExercise({ solution: "def answer(x):\n    return x * 2\n", casesYaml: "- name: one\n  call: answer(1)\n  expect: 2\n- name: hidden\n  call: answer(21)\n  expect: 42\n  hidden: true\n" });
const codes: Record<string, string> = JSON.parse(process.env.PROBE ?? "{}");
for (const [name, code] of Object.entries(codes)) {
  test(name, async () => {
    const sb = await realSandbox({ ...DEFAULT_LIMITS, caseTimeoutMs: 1000, totalTimeoutMs: 4000 });
    const t = Date.now();
    const r = await gradeSubmission(sb, freshReferenceCache(), ex(), code);
    console.log(name, Date.now() - t, process.env.RAW ? JSON.stringify(r.observations) : JSON.stringify({ ...r, observations: undefined }, null, 1).slice(0, 6000));
  });
}
