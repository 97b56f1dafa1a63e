// Every concept the tutor knows: one per entry of the concept manifest (runner-image/tutor_analysis/manifests/
// concepts.json, which the analysis tool's detectors read too), each the module in this folder named after its
// id. The manifest's order also breaks ties in the ranking. Adding a concept: README.md, step by step.
import manifest from "../../../runner-image/tutor_analysis/manifests/concepts.json";
import type { Concept } from "../contracts";
import { manifestEntries, modulesNamedByEntries } from "../manifest";
import { assembleConcept, type ConceptModule, isConceptSpec } from "./concept-module";

const ENTRIES = manifestEntries("concepts", manifest);
const SPECS = modulesNamedByEntries(ENTRIES, __dirname, isConceptSpec, "a concept made with defineConcept({ lesson, detect, hints })");

export const CATALOGUE: readonly ConceptModule[] = ENTRIES.map((entry, i) => assembleConcept(entry, SPECS[i]!));

const BY_ID = new Map(CATALOGUE.map((m) => [m.id, m]));

export function conceptModule(id: string): ConceptModule | null {
  return BY_ID.get(id) ?? null;
}

/** A concept's lesson, for the "read about" link. */
export function concept(id: string): Concept | null {
  const m = BY_ID.get(id);
  return m ? { id: m.id, title: m.title, lesson: m.lesson } : null;
}
