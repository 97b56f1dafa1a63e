// What a recorded tutor answer said, as one markdown text for the instructors' answers page. Each kind stores its
// own shape (server/tutor/service.ts); this reads what it needs and never trusts a field to be there, since old
// rows and model answers vary. Pure: stored content in, markdown out (rendered and sanitised by the caller).

type Stored = Record<string, unknown>;

const text = (v: unknown): string => (typeof v === "string" ? v : "");
const markdownOf = (v: unknown): string => text((v as Stored | null)?.markdown);
const list = (v: unknown): Stored[] => (Array.isArray(v) ? (v as Stored[]).filter((x) => x && typeof x === "object") : []);
const fenced = (code: string, lang = "") => `\`\`\`${lang}\n${code.replace(/```/g, "`\u200b``")}\n\`\`\``;

const names = (v: unknown): string => (Array.isArray(v) ? v.filter((n) => typeof n === "string").map((n) => `\`${n}\``).join(", ") : "") || "the code";

function reviewText(content: Stored): string {
  const suggestions = list(content.suggestions);
  if (suggestions.length === 0) return "No suggestions: the tutor found nothing to improve.";
  return suggestions
    .map((s) => `- **${text(s.title)}**${typeof s.line === "number" ? ` (line ${s.line})` : ""}: ${markdownOf(s.message).replace(/\n+/g, " ")}`)
    .join("\n");
}

function functionText(content: Stored): string {
  const parts = [`**${text(content.function)}**: ${text(content.summary)}`];
  const steps = list(content.steps).map((s) => `- Line ${String(s.line)}: ${text(s.text)}`);
  if (steps.length) parts.push(steps.join("\n"));
  const inputs = list(content.inputs).map((i) => `- \`${text(i.name)}\`: ${text(i.description)}`);
  if (inputs.length) parts.push(`Inputs:\n${inputs.join("\n")}`);
  if (text(content.output)) parts.push(`Output: ${text(content.output)}`);
  const example = content.example as Stored | null;
  if (example) parts.push(`Example: \`${text(example.call)}\` gives \`${text(example.result)}\``);
  return parts.join("\n\n");
}

function testsText(content: Stored): string {
  const mutation = (content.mutation ?? {}) as Stored;
  const score = typeof mutation.total === "number" ? ` They catch ${String(mutation.killed)} of ${mutation.total} mutants.` : "";
  return `${list(content.cases).length} test cases for \`${text(content.function)}\`.${score}\n\n${fenced(text(content.casesYaml), "yaml")}`;
}

export function answerMarkdown(kind: string, content: unknown): string {
  const c = (content && typeof content === "object" ? content : {}) as Stored;
  switch (kind) {
    case "explanation":
      return markdownOf(c.explanation);
    case "hint":
      return markdownOf(c.text);
    case "review":
      return reviewText(c);
    case "explain-function":
      return functionText(c);
    case "docstrings":
      return `Docstrings for ${names(c.functions)}:\n\n${fenced(text(c.code), "python")}`;
    case "tests":
      return testsText(c);
    default:
      return "";
  }
}
