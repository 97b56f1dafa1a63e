// A draft of an exercise as the authoring page edits it, and the two translations between a draft and the
// files of an exercise folder. Pure: no file system here. Whether a draft is a valid exercise is decided by the
// real loader once the files are written (folder.ts); this only refuses what could not be written faithfully.
import { createHash } from "node:crypto";
import { type Document, isMap, isScalar, isSeq, type Node as YamlNode, parseDocument, stringify } from "yaml";
import { z } from "zod";
import type { ExerciseProblem } from "../exercises/exercise";
import { parseYamlDocument, yamlNodeToPyValue } from "../exercises/yaml-values";
import { pyValueToYaml } from "../tutor/test-output";

/** One case of cases.yaml as a row of the page's table. `expect` is YAML text, as written in cases.yaml. */
export interface DraftCase {
  name: string;
  call?: string;
  /** The expected value as YAML (`"HELLO!"`, `3`, `!tuple [1, 2]`); absent: the reference solution's result. */
  expect?: string;
  raises?: string;
  tolerance?: number;
  stdin?: string;
  stdout?: string;
  hidden: boolean;
}

export interface ExerciseDraft {
  /** exercise.yaml's fields, as an object (fields the page does not edit, such as `source`, come back untouched). */
  manifest: Record<string, unknown>;
  instructions: string;
  starter: string;
  solution: string;
  cases: DraftCase[];
}

/** The editable files of an exercise folder, by name (cases.yaml is null when the folder has none). */
export interface EditableFiles {
  "exercise.yaml": string;
  "README.md": string;
  "starter.py": string;
  "solution.py": string;
  "cases.yaml": string | null;
}

export const EDITABLE_FILES = ["exercise.yaml", "README.md", "starter.py", "solution.py", "cases.yaml"] as const;

const text = (max: number, what: string) => z.string({ error: `${what} must be text` }).max(max, `${what} may be at most ${max} characters`);
const optionalText = (max: number, what: string) =>
  text(max, what)
    .optional()
    .transform((v) => (v === "" ? undefined : v));

/** The shape of a draft in a request body. Only types and sizes: the loader's schemas judge the content. */
export const draftSchema = z
  .object({
    manifest: z.record(z.string(), z.unknown(), { error: "manifest must be an object of exercise.yaml's fields" }),
    instructions: text(200_000, "instructions"),
    starter: text(100_000, "starter"),
    solution: text(100_000, "solution"),
    cases: z
      .array(
        z
          .object({
            name: text(1000, "a case's name"),
            call: optionalText(20_000, "a case's call"),
            expect: optionalText(20_000, "a case's expect"),
            raises: optionalText(200, "a case's raises"),
            tolerance: z.number().optional(),
            stdin: text(300_000, "a case's stdin").optional(),
            stdout: text(300_000, "a case's stdout").optional(),
            hidden: z.boolean().default(false),
          })
          .strict(),
      )
      .max(500, "an exercise may have at most 500 cases"),
  })
  .strict();

/** Identifies what was on disk when a draft was read, so a save over someone else's change is refused. */
export function filesVersion(files: EditableFiles): string {
  return createHash("sha256").update(JSON.stringify(EDITABLE_FILES.map((f) => files[f]))).digest("hex").slice(0, 20);
}

// ---- Files to draft -----------------------------------------------------------------------------------------

/** The text after `expect:` in the source, without its indentation: for values pyValueToYaml cannot write. */
function sourceText(source: string, keyEnd: number, valueEnd: number): string {
  const lines = source.slice(keyEnd, valueEnd).replace(/^\s*:[ \t]*/, "").replace(/^\n/, "").split("\n");
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => /^ */.exec(l)![0].length));
  return lines.map((l) => l.slice(Number.isFinite(indent) ? indent : 0)).join("\n").trimEnd();
}

function expectText(source: string, doc: Document.Parsed, item: YamlNode): string | undefined {
  if (!isMap(item) || !item.has("expect")) return undefined;
  const pair = item.items.find((p) => isScalar(p.key) && p.key.value === "expect")!;
  try {
    const written = pyValueToYaml(yamlNodeToPyValue(pair.value, doc));
    if (written !== null) return written;
  } catch {
    // Not a value the loader accepts: show it as written, and let the loader name the problem on save.
  }
  const keyEnd = (pair.key as YamlNode).range?.[1] ?? 0;
  const valueEnd = (pair.value as YamlNode | null)?.range?.[1] ?? keyEnd;
  return sourceText(source, keyEnd, valueEnd);
}

const stringField = (v: unknown) => (typeof v === "string" ? v : v === undefined || v === null ? undefined : String(v));

/** cases.yaml as table rows; a file that is not a list of cases gives no rows and says why. */
export function casesFromYaml(source: string): { cases: DraftCase[]; problems: ExerciseProblem[] } {
  const doc = parseYamlDocument(source);
  if (doc.errors.length) return { cases: [], problems: [{ file: "cases.yaml", message: `is not valid YAML (${doc.errors[0]!.message.split("\n")[0]}): its cases cannot be shown in the table` }] };
  if (doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null)) return { cases: [], problems: [] };
  if (!isSeq(doc.contents)) return { cases: [], problems: [{ file: "cases.yaml", message: "is not a list of cases: its cases cannot be shown in the table" }] };
  const cases = doc.contents.items.map((item): DraftCase => {
    const fields = (isMap(item) ? item.toJS(doc) : {}) as Record<string, unknown>;
    const expect = expectText(source, doc, item as YamlNode);
    const tolerance = typeof fields.tolerance === "bigint" ? Number(fields.tolerance) : fields.tolerance;
    return {
      name: stringField(fields.name) ?? "",
      ...(fields.call !== undefined ? { call: stringField(fields.call) } : {}),
      ...(expect !== undefined ? { expect } : {}),
      ...(fields.raises !== undefined ? { raises: stringField(fields.raises) } : {}),
      ...(typeof tolerance === "number" ? { tolerance } : {}),
      ...(fields.stdin !== undefined ? { stdin: stringField(fields.stdin) } : {}),
      ...(fields.stdout !== undefined ? { stdout: stringField(fields.stdout) } : {}),
      hidden: fields.hidden === true,
    };
  });
  return { cases, problems: [] };
}

/** A folder's editable files as a draft, with what could not be read into it. */
export function draftFromFiles(files: EditableFiles): { draft: ExerciseDraft; problems: ExerciseProblem[] } {
  const problems: ExerciseProblem[] = [];
  const manifestDoc = parseDocument(files["exercise.yaml"]);
  const manifest = manifestDoc.errors.length ? null : (manifestDoc.toJS() as unknown);
  if (manifest === null || typeof manifest !== "object" || Array.isArray(manifest)) {
    problems.push({ file: "exercise.yaml", message: "is not a mapping of fields: its fields start empty here" });
  }
  const cases = files["cases.yaml"] === null ? { cases: [], problems: [] } : casesFromYaml(files["cases.yaml"]);
  problems.push(...cases.problems);
  return {
    draft: {
      manifest: problems.some((p) => p.file === "exercise.yaml") ? {} : (manifest as Record<string, unknown>),
      instructions: files["README.md"],
      starter: files["starter.py"],
      solution: files["solution.py"],
      cases: cases.cases,
    },
    problems,
  };
}

// ---- Draft to files -----------------------------------------------------------------------------------------

const quoted = (s: string) => JSON.stringify(s); // a JSON string is a YAML double-quoted scalar

/**
 * `expect:` and its value. The value is parsed on its own first, so that what the instructor typed cannot spill
 * into the case's other fields; one-line scalars and flow collections stay on the key's line, anything else
 * (a block list, a mapping written `a: 1`) goes below it, indented.
 */
function expectLines(value: string, field: string, problems: ExerciseProblem[]): string[] {
  const doc = parseYamlDocument(value);
  const issue = doc.errors[0] ?? doc.warnings[0];
  if (issue) {
    problems.push({ file: "cases.yaml", field, message: `is not a YAML value (${issue.message.split("\n")[0]!.replace(/:$/, "")}): write it as in cases.yaml, such as "HELLO!", 3, [1, 2] or !tuple [1, 2]` });
    return [];
  }
  const root = doc.contents as (YamlNode & { flow?: boolean }) | null;
  const inline = !value.includes("\n") && (root === null || isScalar(root) || root.flow === true);
  return inline ? [`  expect: ${value.trim()}`] : ["  expect:", ...value.split("\n").map((l) => `    ${l}`)];
}

export function casesToYaml(cases: DraftCase[], problems: ExerciseProblem[]): string {
  if (cases.length === 0) return "[]\n";
  const lines: string[] = [];
  cases.forEach((c, i) => {
    lines.push(`- name: ${quoted(c.name)}`);
    if (c.call !== undefined) lines.push(`  call: ${quoted(c.call)}`);
    if (c.expect !== undefined) lines.push(...expectLines(c.expect, `[${i}].expect`, problems));
    if (c.raises !== undefined) lines.push(`  raises: ${quoted(c.raises)}`);
    if (c.tolerance !== undefined) lines.push(`  tolerance: ${c.tolerance}`);
    if (c.stdin !== undefined) lines.push(`  stdin: ${quoted(c.stdin)}`);
    if (c.stdout !== undefined) lines.push(`  stdout: ${quoted(c.stdout)}`);
    if (c.hidden) lines.push("  hidden: true");
  });
  return `${lines.join("\n")}\n`;
}

/** exercise.yaml from the draft's fields; a field left empty on the page is a field not given. */
export function manifestToYaml(manifest: Record<string, unknown>): string {
  const given = Object.fromEntries(Object.entries(manifest).filter(([, v]) => v !== undefined && v !== null && v !== ""));
  return stringify(given, { lineWidth: 0 });
}

/** The files a draft becomes, or the problems that keep it from being written as the instructor meant. */
export function draftToFiles(draft: ExerciseDraft): { files: EditableFiles; problems: ExerciseProblem[] } {
  const problems: ExerciseProblem[] = [];
  const files: EditableFiles = {
    "exercise.yaml": manifestToYaml(draft.manifest),
    "README.md": draft.instructions,
    "starter.py": draft.starter,
    "solution.py": draft.solution,
    "cases.yaml": casesToYaml(draft.cases, problems),
  };
  return { files, problems };
}
