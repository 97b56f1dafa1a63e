// The offline tutor engine: deterministic, no model, no I/O. Also the model engine's fallback.
import type { TutorEngine } from "../contracts";
import { docstringOffline } from "./docstring";
import { explainFailure } from "./explain";
import { explainFunctionOffline } from "./explain-function";
import { hintFor } from "./hints";

export { concept } from "../concepts/catalogue";

export const offlineEngine: TutorEngine = {
  kind: "offline",
  async explainFailure(facts, onText) {
    const answer = explainFailure(facts);
    onText?.(answer.explanation);
    return answer;
  },
  async hint(facts, level, referenceSolution) {
    return hintFor(facts, level, referenceSolution);
  },
  async explainFunction(analysis, fn, code, example) {
    return explainFunctionOffline(analysis, fn, code, example);
  },
  async docstring(request) {
    return docstringOffline(request);
  },
  // The reviewers' words are the offline review: they already name the learner's code.
  async review(facts) {
    return { suggestions: facts.suggestions, engine: "offline", note: null };
  },
};
