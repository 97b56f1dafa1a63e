// Every suggestion the review can make: one per entry of the suggestion manifest (runner-image/tutor_analysis/
// manifests/suggestions.json, which the reviewers in the sandbox read too), each the module in suggestions/ named
// after its id. Adding a suggestion: README.md.
import path from "node:path";
import { z } from "zod";
import manifest from "../../../runner-image/tutor_analysis/manifests/suggestions.json";
import { manifestEntries, modulesNamedByEntries } from "../manifest";
import { isSuggestionSpec, type SuggestionModule } from "./suggestion-module";

const ENTRIES = manifestEntries("suggestions", manifest);
const SEVERITIES = z.array(z.object({ severity: z.enum(["essential", "actionable", "celebratory"]) })).parse(manifest.entries);
const SPECS = modulesNamedByEntries(ENTRIES, path.join(__dirname, "suggestions"), isSuggestionSpec, "a suggestion made with defineSuggestion({ lesson, example })");

export const SUGGESTIONS: readonly SuggestionModule[] = ENTRIES.map((entry, i) => ({ ...SPECS[i]!, id: entry.id, title: entry.title, severity: SEVERITIES[i]!.severity }));

const BY_ID = new Map(SUGGESTIONS.map((s) => [s.id, s]));

export function suggestionModule(id: string): SuggestionModule | null {
  return BY_ID.get(id) ?? null;
}

/** The manifest's order, which breaks ties between suggestions of the same severity on the same line. */
export function suggestionOrder(id: string): number {
  const i = SUGGESTIONS.findIndex((s) => s.id === id);
  return i < 0 ? SUGGESTIONS.length : i;
}
