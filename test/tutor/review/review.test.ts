// The review's pure parts: from the reviewers' findings to what a learner reads (the catalogue's titles and
// severities, the exercise's wishes, the order), what a model may and may not do to a review, and what the class
// dashboard counts.
import { readdirSync } from "node:fs";
import path from "node:path";
import manifest from "../../../runner-image/tutor_analysis/manifests/suggestions.json";
import type { DetectedSuggestion } from "../../../server/tutor/analysis-schema";
import type { ReviewFacts, ReviewSuggestion } from "../../../server/tutor/contracts";
import { groundReview } from "../../../server/tutor/model/engine";
import { SUGGESTIONS } from "../../../server/tutor/review/catalogue";
import { reviewSuggestions } from "../../../server/tutor/review/review";
import { commonReviewSuggestions } from "../../../server/progress/class-summary";
import { renderMarkdown } from "../../../server/markdown";

const found = (id: string, line: number, extra: Partial<DetectedSuggestion> = {}): DetectedSuggestion => ({ id, line, function: null, message: `\`x\` on line ${line} could be clearer.`, ...extra });

describe("the suggestion catalogue", () => {
  test("one lesson module per suggestion of the manifest, each with a lesson and an example of our own", () => {
    expect(SUGGESTIONS.map((s) => s.id)).toEqual(manifest.entries.map((e) => e.id));
    const files = readdirSync(path.resolve(__dirname, "../../../server/tutor/review/suggestions")).map((f) => f.replace(/\.ts$/, "")).sort();
    expect(files).toEqual(manifest.entries.map((e) => e.id).sort());
    for (const s of SUGGESTIONS) {
      expect([s.id, s.lesson.trim().length > 80]).toEqual([s.id, true]);
      expect([s.id, s.example.before.trim() !== "" && s.example.after.trim() !== "" && s.example.before !== s.example.after]).toEqual([s.id, true]);
      // Lessons are rendered for the browser: sanitised markdown, nothing that could run.
      expect(renderMarkdown(s.lesson)).not.toMatch(/<script|onerror=|javascript:/i);
    }
  });

  test("the required suggestions are all there, and each severity is used", () => {
    const ids = SUGGESTIONS.map((s) => s.id);
    for (const id of ["json-serialization", "enumerate", "with-open", "dict-get", "collections-counter", "comprehension", "string-join", "f-string", "compare-to-bool", "none-identity", "builtin-sum-max-min", "membership-test", "zip", "unused-variable", "bare-except", "global-statement", "magic-number", "mutable-default-argument"]) {
      expect(ids).toContain(id);
    }
    expect(new Set(SUGGESTIONS.map((s) => s.severity))).toEqual(new Set(["essential", "actionable", "celebratory"]));
    expect(SUGGESTIONS.find((s) => s.id === "json-serialization")!.lesson).toMatch(/Use JSON here/);
  });
});

describe("reviewSuggestions: the reviewers' findings as a learner reads them", () => {
  test("titles and usual severities from the catalogue, essential first, then by line; unknown ids dropped", () => {
    const out = reviewSuggestions([found("uses-with", 1), found("enumerate", 9), found("f-string", 3), found("mutable-default-argument", 12), found("no-such-thing", 2)], null);
    expect(out.map((s) => [s.id, s.severity, s.line])).toEqual([
      ["mutable-default-argument", "essential", 12],
      ["f-string", "actionable", 3],
      ["enumerate", "actionable", 9],
      ["uses-with", "celebratory", 1],
    ]);
    expect(out[0]).toMatchObject({ title: "A default value that is shared between calls", source: "detector" });
  });

  test("a reviewer can make one occurrence essential", () => {
    expect(reviewSuggestions([found("with-open", 4, { severity: "essential" })], null)[0]!.severity).toBe("essential");
  });

  test("an exercise's wishes: expected suggestions become essential, avoided ones are never made, praise stays praise", () => {
    const wishes = { expect: ["json-serialization", "uses-json"], avoid: ["builtin-sum-max-min"] };
    const out = reviewSuggestions([found("builtin-sum-max-min", 2), found("json-serialization", 5), found("uses-json", 7)], wishes);
    expect(out.map((s) => [s.id, s.severity])).toEqual([
      ["json-serialization", "essential"],
      ["uses-json", "celebratory"],
    ]);
  });
});

describe("groundReview: what a model may do to a review", () => {
  const code = "def save(path, rows):\n    f = open(path, 'w')\n    for r in rows:\n        f.write(r[0] + '|' + r[1])\n    f.close()\n";
  const detected = reviewSuggestions([found("json-serialization", 4), found("with-open", 2)], null);
  const facts: ReviewFacts = { exercise: null, code, suggestions: detected };
  const reference = "import json\n\ndef save(path, rows):\n    with open(path, 'w') as out:\n        json.dump(rows, out)\n";
  const item = (id: string, line: number, message: string, title = "") => ({ id, line, title, message });

  test("rewords the reviewers' suggestions and adds its own, labelled as the model's", () => {
    const answer = { suggestions: [item("json-serialization", 4, "Here `'|'` glues fields together; `json` would keep them apart for you."), item("model", 3, "`r` could be called `row`, which says what it holds.", "A clearer name")] };
    const result = groundReview(answer, facts, reference);
    expect(result.ok).toBe(true);
    const suggestions = (result as { value: { suggestions: ReviewSuggestion[] } }).value.suggestions;
    expect(suggestions.map((s) => [s.id, s.line, s.source])).toEqual([
      ["with-open", 2, "detector"],
      ["model", 3, "model"],
      ["json-serialization", 4, "detector"],
    ]);
    expect(suggestions.find((s) => s.id === "json-serialization")!.message).toMatch(/glues fields together/);
    expect(suggestions.find((s) => s.id === "with-open")!.message).toBe(detected.find((s) => s.id === "with-open")!.message);
    expect(suggestions.find((s) => s.source === "model")).toMatchObject({ title: "A clearer name", severity: "actionable" });
  });

  test("cannot drop a suggestion, call working code wrong, invent lines, or add more than three", () => {
    const answer = {
      suggestions: [
        item("json-serialization", 4, "This line is wrong: it breaks."),
        item("model", 99, "`x` is on a line that does not exist.", "Nowhere"),
        ...[1, 2, 3, 4].map((n) => item("model", n, `Idea ${n} about \`f\`.`, `Idea ${n}`)),
      ],
    };
    const result = groundReview(answer, facts, reference);
    const suggestions = (result as { value: { suggestions: ReviewSuggestion[] } }).value.suggestions;
    expect(suggestions.filter((s) => s.source === "detector").map((s) => s.id).sort()).toEqual(["json-serialization", "with-open"]);
    expect(suggestions.find((s) => s.id === "json-serialization")!.message).toBe(detected.find((s) => s.id === "json-serialization")!.message);
    expect(suggestions.filter((s) => s.source === "model").map((s) => s.line)).toEqual([1, 2, 3]);
  });

  test("an answer that quotes the reference solution is not used at all", () => {
    const answer = { suggestions: [item("json-serialization", 4, "Write `json.dump(rows, out)` instead.")] };
    expect(groundReview(answer, facts, reference)).toMatchObject({ ok: false, reason: { kind: "fix-leak" } });
  });
});

describe("commonReviewSuggestions: what the class's passing code could still learn", () => {
  test("per exercise, each suggestion counts a learner once, most learners first, essential first among equals; praise and the model's additions are left out", () => {
    const review = (...ids: [string, string][]) => ({ suggestions: ids.map(([id, severity]) => ({ id, title: id.toUpperCase(), severity, source: id === "model" ? "model" : "detector" })) });
    const out = commonReviewSuggestions(
      ["a/one", "a/two", "a/three"],
      [
        { learnerId: "ana", exerciseId: "a/one", content: review(["json-serialization", "essential"], ["uses-with", "celebratory"]) },
        { learnerId: "ana", exerciseId: "a/one", content: review(["json-serialization", "essential"]) },
        { learnerId: "bo", exerciseId: "a/one", content: review(["json-serialization", "essential"], ["f-string", "actionable"], ["model", "actionable"]) },
        { learnerId: "bo", exerciseId: "a/two", content: { nonsense: true } },
        { learnerId: "cy", exerciseId: "a/three", content: review(["enumerate", "actionable"], ["with-open", "essential"]) },
      ],
    );
    expect(out).toEqual([
      {
        exerciseId: "a/one",
        suggestions: [
          { id: "json-serialization", title: "JSON-SERIALIZATION", severity: "essential", learners: 2 },
          { id: "f-string", title: "F-STRING", severity: "actionable", learners: 1 },
        ],
      },
      {
        exerciseId: "a/three",
        suggestions: [
          { id: "with-open", title: "WITH-OPEN", severity: "essential", learners: 1 },
          { id: "enumerate", title: "ENUMERATE", severity: "actionable", learners: 1 },
        ],
      },
    ]);
  });
});
