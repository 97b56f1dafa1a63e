import { readdirSync } from "node:fs";
import path from "node:path";
import manifest from "../../../runner-image/tutor_analysis/manifests/concepts.json";
import { CATALOGUE, concept, conceptModule } from "../../../server/tutor/concepts/catalogue";
import { SCENARIOS } from "./scenarios";

const CONCEPTS_DIR = path.join(__dirname, "../../../server/tutor/concepts");
const SUPPORT_FILES = ["catalogue.ts", "concept-module.ts", "python-literals.ts", "reading-facts.ts", "wording.ts"];

describe("the concept catalogue", () => {
  test("is the concept manifest: every entry once, in its order, with its title", () => {
    expect(CATALOGUE.map((m) => ({ id: m.id, title: m.title }))).toEqual(manifest.entries);
    expect(new Set(CATALOGUE.map((m) => m.id)).size).toBe(CATALOGUE.length);
  });

  test("has one file per concept of the manifest, named after its id, and no other", () => {
    const conceptFiles = readdirSync(CONCEPTS_DIR)
      .filter((f) => f.endsWith(".ts") && !SUPPORT_FILES.includes(f))
      .map((f) => f.replace(/\.ts$/, ""))
      .sort();
    expect(conceptFiles).toEqual(CATALOGUE.map((m) => m.id).sort());
  });

  test("every exercise's concepts are in the catalogue", () => {
    const exercisesDir = path.join(__dirname, "../../../exercises");
    const yamlConcepts = readdirSync(exercisesDir, { recursive: true, encoding: "utf8" })
      .filter((f) => f.endsWith("exercise.yaml"))
      .flatMap((f) => {
        const text: string = require("node:fs").readFileSync(path.join(exercisesDir, f), "utf8");
        return /concepts:\s*\[([^\]]*)\]/.exec(text)?.[1]?.split(",").map((s) => s.trim()).filter(Boolean) ?? [];
      });
    expect(yamlConcepts.length).toBeGreaterThan(0);
    for (const id of yamlConcepts) expect(conceptModule(id)).not.toBeNull();
  });

  test.each(CATALOGUE.map((m) => [m.id, m] as const))("%s has a lesson with the idea, a tiny example and the usual mistake", (_id, m) => {
    expect(m.title.length).toBeGreaterThan(2);
    expect(m.lesson).toMatch(/\*\*The idea\.\*\*/);
    expect(m.lesson).toMatch(/```python\n[\s\S]+?\n```/);
    expect(m.lesson).toMatch(/\*\*The usual mistake\.\*\*/);
    expect(m.lesson.split("\n").length).toBeLessThan(25);
  });

  test("the json lesson says to use JSON, with json.dumps and json.loads", () => {
    const lesson = concept("json-serialization")!.lesson;
    expect(lesson).toMatch(/use JSON here/i);
    expect(lesson).toContain("json.dumps");
    expect(lesson).toContain("json.loads");
  });

  test("concept(id) gives the lesson, and null for an unknown id", () => {
    expect(concept("off-by-one")).toEqual({ id: "off-by-one", title: "Off-by-one errors", lesson: expect.stringContaining("range(n)") });
    expect(concept("no-such-concept")).toBeNull();
  });

  test("every concept's hints give text at all three levels", () => {
    for (const s of SCENARIOS) {
      const m = conceptModule(s.concept)!;
      const lead = m.signals(s.facts)[0]!;
      expect(m.hints.nudge(s.facts, lead)).toMatch(/\?/);
      expect(m.hints.where(s.facts, lead).length).toBeGreaterThan(20);
      expect(m.hints.plan(s.facts, lead).length).toBeGreaterThanOrEqual(3);
    }
  });
});
