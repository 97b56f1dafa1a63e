import { concept, offlineEngine } from "../../../server/tutor/offline/engine";
import { aFunction, anAnalysis } from "../support/facts-builder";
import { SCENARIOS } from "./scenarios";

describe("offlineEngine", () => {
  const facts = SCENARIOS.find((s) => s.concept === "missing-dict-key")!.facts;

  test("is the offline kind, and sends the whole explanation to onText once", async () => {
    expect(offlineEngine.kind).toBe("offline");
    const seen: string[] = [];
    const answer = await offlineEngine.explainFailure(facts, (t) => seen.push(t));
    expect(seen).toEqual([answer.explanation]);
    expect(answer.concepts[0]!.id).toBe("missing-dict-key");
  });

  test("hints, function explanations and docstrings", async () => {
    expect((await offlineEngine.hint(facts, 2, null)).concept).toBe("missing-dict-key");
    const fn = aFunction({ name: "f" });
    expect((await offlineEngine.explainFunction(anAnalysis({ functions: [fn] }), fn, "def f():\n    return 1\n", null)).engine).toBe("offline");
    expect(await offlineEngine.docstring({ fn, code: "", examples: [] })).toMatch(/^Return a result\./);
  });

  test("lessons are looked up by concept id", () => {
    expect(concept("missing-dict-key")?.title).toBe("Missing dictionary keys");
  });
});
