import type { RankedConcept } from "../../../server/tutor/contracts";
import { docstringMessages, failureMessages, functionMessages, groundedFacts, hintMessages, numberedCode, SYSTEM_PROMPT } from "../../../server/tutor/model/prompts";
import { ANALYSIS, CATALOGUE, CODE, FN, HIDDEN, hiddenFacts, REFERENCE_SOLUTION, visibleFacts } from "./fixtures";

const SECRET = "s3cr3t-VALUE-from-the-environment-9f8e7d";
const RANKED: RankedConcept[] = [{ id: "off-by-one", title: "Off-by-one errors", score: 0.9, evidence: ["Line 3 stops at len(text) - 1."] }];

function allText(messages: { content: string }[]): string {
  return messages.map((m) => m.content).join("\n");
}

describe("prompts", () => {
  beforeEach(() => {
    process.env.TUTOR_TEST_SECRET_TOKEN = SECRET;
    process.env.TUTOR_MODEL_API_KEY = "sk-prompt-test-key-000111222";
  });
  afterEach(() => {
    delete process.env.TUTOR_TEST_SECRET_TOKEN;
    delete process.env.TUTOR_MODEL_API_KEY;
  });

  test("no prompt carries hidden-case data or an environment secret, even when the facts do", () => {
    const facts = hiddenFacts();
    facts.code = `${CODE}# ${SECRET}\n`; // a secret that reached the facts is still kept out
    const evidenceWithHidden: RankedConcept[] = [{ ...RANKED[0]!, evidence: [`The hidden call ${HIDDEN.call} returned ${HIDDEN.actual}.`] }];
    const prompts = [
      failureMessages(facts, evidenceWithHidden, CATALOGUE),
      hintMessages(facts, 1, evidenceWithHidden, "off-by-one"),
      hintMessages(facts, 3, evidenceWithHidden, null),
      functionMessages(facts.analysis, FN, facts.code, { call: "count_vowels('hello')", result: "1" }),
      docstringMessages({ fn: FN, code: facts.code, examples: [{ call: "count_vowels('hello')", result: "1" }] }),
    ];
    for (const messages of prompts) {
      const text = allText(messages);
      for (const hidden of [HIDDEN.input, HIDDEN.call, HIDDEN.expected, HIDDEN.actual, "ACTUAL-HIDDEN-VALUE", HIDDEN.stdout, "ZANZIBAR", HIDDEN.exceptionMessage]) {
        expect(text).not.toContain(hidden);
      }
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain("sk-prompt-test-key-000111222");
      expect(text).not.toContain(REFERENCE_SOLUTION.split("\n")[3]!.trim()); // "for ch in text.lower():"
    }
    // What the model may know of the hidden case: its kind, status and where the exception was.
    const failure = groundedFacts(facts).failingTest as Record<string, unknown>;
    expect(failure).toEqual({ hidden: true, status: "error", description: HIDDEN.description, exception: { type: "ValueError", line: 4, lineText: '        if text[i] in "aeiou":' } });
    expect(allText(prompts[0]!)).toContain(HIDDEN.description);
  });

  test("the messages: a system prompt with the rules, and the task with the facts as compact JSON", () => {
    const messages = failureMessages(visibleFacts(), RANKED, CATALOGUE);
    expect(messages.map((m) => m.role)).toEqual(["system", "user"]);
    expect(messages[0]!.content).toBe(SYSTEM_PROMPT);
    expect(SYSTEM_PROMPT).toMatch(/never write the solution/i);
    expect(SYSTEM_PROMPT).toMatch(/JSON schema/);
    const user = messages[1]!.content;
    const json = JSON.parse(user.slice(user.indexOf("{"))) as Record<string, any>;
    expect(json.code).toBe(numberedCode(CODE));
    expect(json.code).toContain("3|     for i in range(len(text) - 1):");
    expect(json.failingTest).toMatchObject({ hidden: false, call: "count_vowels('hello')", expected: "2", actual: "1" });
    expect(json.analysis.findings).toEqual(ANALYSIS.findings);
    expect(json.candidateConcepts).toEqual([{ id: "off-by-one", title: "Off-by-one errors", score: 0.9, evidence: ["Line 3 stops at len(text) - 1."] }]);
    expect(json.allowedConceptIds).toEqual(CATALOGUE.map((c) => c.id));
  });

  test("each hint level asks for a different kind of hint", () => {
    const texts = ([1, 2, 3] as const).map((level) => hintMessages(visibleFacts(), level, RANKED, "off-by-one")[1]!.content.split("\n")[0]);
    expect(new Set(texts).size).toBe(3);
    expect(texts[2]).toMatch(/plan/);
  });

  test("a long program is cut, with a note", () => {
    const long = Array.from({ length: 3000 }, (_, i) => `x${i} = ${i}`).join("\n");
    const numbered = numberedCode(long);
    expect(numbered.length).toBeLessThan(13_000);
    expect(numbered).toMatch(/is cut/);
  });
});
