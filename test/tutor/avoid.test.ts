// exercise.yaml's `tutor.avoid` (CodeHelp's "keywords to avoid"): the offline engine never ranks an avoided
// concept and leaves avoided terms out of its explanation and hints; the model is told the list, and its answer
// falls back to the offline one, with a note, when it uses an avoided term anyway. The model is the loopback fake.
import { loadExercise } from "../../server/exercises/load";
import { avoidedTermsIn, withoutAvoidedTerms } from "../../server/tutor/guardrails";
import { fallbackNote, ModelEngine } from "../../server/tutor/model/engine";
import { offlineEngine } from "../../server/tutor/offline/engine";
import type { HintLevel, TutorFacts } from "../../server/tutor/contracts";
import { writeExerciseFolder } from "../support/exercise-fixture";
import { type FakeModelServer, scripts, startFakeModelServer } from "../support/fake-model-server";
import { CATALOGUE, RecordingOfflineEngine, REFERENCE_SOLUTION, testConfig, visibleFacts } from "./model/fixtures";

const avoiding = (avoid: string[]): TutorFacts => {
  const facts = visibleFacts();
  return { ...facts, exercise: { ...facts.exercise!, avoid } };
};
const LEVELS: HintLevel[] = [1, 2, 3];

describe("matching avoided terms", () => {
  test("whole words in any case and plural; a concept id also by its title and its words", () => {
    expect(avoidedTermsIn("Try Recursion here.", ["recursion"])).toEqual(["recursion"]);
    expect(avoidedTermsIn("An incursion is not it.", ["recursion"])).toEqual([]);
    expect(avoidedTermsIn("Use two loops.", ["loop"])).toEqual(["loop"]);
    expect(avoidedTermsIn("Watch for off by one mistakes.", ["off-by-one"])).toEqual(["off-by-one"]);
    expect(avoidedTermsIn("Off-by-one errors are common.", ["off-by-one"])).toEqual(["off-by-one"]);
    expect(avoidedTermsIn("Call `sorted(xs)`.", ["sorted", "sum"])).toEqual(["sorted"]);
  });

  test("sentences using a term are dropped, list lines keep their place, and nothing left gives the fallback", () => {
    expect(withoutAvoidedTerms("Look at line 3. Use sorted here. Then test again.", ["sorted"], "F")).toBe("Look at line 3. Then test again.");
    expect(withoutAvoidedTerms("Plan:\n1. Read the test.\n2. Call sorted.\n3. Submit.", ["sorted"], "F")).toBe("Plan:\n1. Read the test.\n3. Submit.");
    expect(withoutAvoidedTerms("Use sorted.", ["sorted"], "F")).toBe("F");
    expect(withoutAvoidedTerms("Nothing to drop.", [], "F")).toBe("Nothing to drop.");
  });
});

test("exercise.yaml's tutor.avoid is loaded, and checked", () => {
  const yaml = (tutor: string) => `title: Fixture\nsummary: A test exercise.\ndifficulty: 1\nconcepts: []\nfile: answer.py\nentry: answer\n${tutor}`;
  const files = { solution: "def answer():\n    return 1\n", casesYaml: "- name: one\n  call: answer()\n  expect: 1\n" };
  const dir = writeExerciseFolder({ ...files, exerciseYaml: yaml("tutor:\n  avoid: [recursion, off-by-one]\n") });
  expect(loadExercise(dir, 0).tutorAvoid).toEqual(["recursion", "off-by-one"]);
  expect(loadExercise(writeExerciseFolder({ ...files, exerciseYaml: yaml("") }), 0).tutorAvoid).toEqual([]);
  expect(() => loadExercise(writeExerciseFolder({ ...files, exerciseYaml: yaml("tutor:\n  avoid: [x]\n") }), 0)).toThrow(/at least 2 characters/);
});

describe("the offline engine", () => {
  test("never ranks an avoided concept, nor names it in the explanation or any hint", async () => {
    const plain = await offlineEngine.explainFailure(visibleFacts());
    expect(plain.concepts[0]!.id).toBe("off-by-one"); // what it would have said
    const facts = avoiding(["off-by-one"]);
    const explained = await offlineEngine.explainFailure(facts);
    expect(explained.concepts.map((c) => c.id)).not.toContain("off-by-one");
    expect(avoidedTermsIn(explained.explanation, ["off-by-one"])).toEqual([]);
    for (const level of LEVELS) {
      const hint = await offlineEngine.hint(facts, level, REFERENCE_SOLUTION);
      expect(hint.concept).not.toBe("off-by-one");
      expect(avoidedTermsIn(hint.text, ["off-by-one"])).toEqual([]);
    }
  });

  test("leaves an avoided term out of the explanation and hints, and still says what went wrong", async () => {
    const plain = await offlineEngine.explainFailure(visibleFacts());
    expect(avoidedTermsIn(plain.explanation, ["range"])).toEqual(["range"]);
    const explained = await offlineEngine.explainFailure(avoiding(["range"]));
    expect(avoidedTermsIn(explained.explanation, ["range"])).toEqual([]);
    expect(explained.explanation).toMatch(/count_vowels\('hello'\)|counts the vowels in hello/);
    for (const level of LEVELS) expect(avoidedTermsIn((await offlineEngine.hint(avoiding(["range"]), level, REFERENCE_SOLUTION)).text, ["range"])).toEqual([]);
  });
});

describe("the model engine", () => {
  let server: FakeModelServer;
  const logs: string[] = [];
  beforeEach(async () => {
    server = await startFakeModelServer();
  });
  afterEach(async () => {
    await server.close();
  });
  const engine = () => new ModelEngine(testConfig(server.baseUrl), new RecordingOfflineEngine(), { concepts: CATALOGUE, log: (l) => logs.push(l) });

  test("the prompt names what to avoid, and the avoided concept is not among those it may name", async () => {
    server.enqueue(scripts.streamed({ explanation: "Line 3 stops one letter early, so the last vowel is never counted.", concepts: ["loops"] }));
    const result = await engine().explainFailure(avoiding(["off-by-one", "recursion"]));
    expect(result.engine).toBe("model");
    const body = server.requests[0]!.body;
    const prompt = body.messages[1].content as string;
    expect(prompt).toContain("never suggest or mention them: `off-by-one`, `recursion`");
    expect(prompt).not.toMatch(/"allowedConceptIds":\[[^\]]*"off-by-one"/);
    expect(JSON.stringify(body.response_format)).not.toContain('"off-by-one"');
  });

  test("an explanation using an avoided term falls back to the offline one, with a note", async () => {
    server.enqueue(scripts.streamed({ explanation: "You could solve this with recursion: call the function on the rest of the text.", concepts: ["loops"] }));
    const facts = avoiding(["recursion"]);
    const result = await engine().explainFailure(facts);
    const offline = await offlineEngine.explainFailure(facts);
    expect(result).toEqual({ ...offline, note: fallbackNote({ kind: "avoided" }, "explanation") });
    expect(result.note).toMatch(/asks you to do without/);
    expect(logs.join("\n")).toMatch(/recursion/);
  });

  test("a hint using an avoided term falls back to the offline hint, with a note; one without it is kept", async () => {
    const facts = avoiding(["sorted"]);
    server.enqueue(scripts.streamed({ text: "Maybe call sorted on the letters first?" }));
    const result = await engine().hint(facts, 1, REFERENCE_SOLUTION);
    expect(result).toEqual({ ...(await offlineEngine.hint(facts, 1, REFERENCE_SOLUTION)), note: fallbackNote({ kind: "avoided" }, "hint") });
    expect(server.requests[0]!.body.messages[1].content).toContain("never suggest or mention them: `sorted`");
    server.enqueue(scripts.streamed({ text: "Which positions does the loop on line 3 visit?" }));
    expect(await engine().hint(facts, 1, REFERENCE_SOLUTION)).toMatchObject({ engine: "model", note: null });
  });
});
