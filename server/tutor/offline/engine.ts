// The offline tutor engine: deterministic, no model, no I/O. Also the model engine's fallback.
import type { TutorEngine, TutorFacts } from "../contracts";
import { withoutAvoidedTerms } from "../guardrails";
import { docstringOffline } from "./docstring";
import { explainFailure } from "./explain";
import { explainFunctionOffline } from "./explain-function";
import { hintFor } from "./hints";

export { concept } from "../concepts/catalogue";

/** Said instead when every sentence of an answer used a term the exercise asks the tutor to avoid. */
const AVOIDED_FALLBACK = "Read the first failing test again, then follow your code line by line with that input and see where it goes a different way than you expected.";

/** The offline answers' text without the sentences that use a term of exercise.yaml's `tutor.avoid`. */
const keepToExercise = (facts: TutorFacts, text: string) => withoutAvoidedTerms(text, facts.exercise?.avoid ?? [], AVOIDED_FALLBACK);

export const offlineEngine: TutorEngine = {
  kind: "offline",
  async explainFailure(facts, onText) {
    const answer = explainFailure(facts);
    const explanation = keepToExercise(facts, answer.explanation);
    onText?.(explanation);
    return { ...answer, explanation };
  },
  async hint(facts, level, referenceSolution) {
    const hint = hintFor(facts, level, referenceSolution);
    return { ...hint, text: keepToExercise(facts, hint.text) };
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
