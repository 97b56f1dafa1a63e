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

/**
 * The previous cases.yaml cut into its cases' text, each with the comment lines above it, plus the text before the
 * first case and after the last; null when it is not a plain block list (then nothing of it is reused).
 */
function caseChunks(source: string): { header: string; chunks: { row: string; name: string; lead: string; text: string }[]; trailer: string } | null {
  const doc = parseYamlDocument(source);
  if (doc.errors.length || !isSeq(doc.contents) || doc.contents.flow || doc.contents.items.length === 0) return null;
  const items = doc.contents.items as YamlNode[];
  if (items.some((item) => !isMap(item) || item.flow || !item.range)) return null;
  const rows = casesFromYaml(source).cases;
  const lineStart = (offset: number) => source.lastIndexOf("\n", offset - 1) + 1;
  const lineEnd = (offset: number) => {
    const newline = source.indexOf("\n", Math.max(0, offset - 1));
    return newline === -1 ? source.length : newline + 1;
  };
  const header = source.slice(0, lineStart(items[0]!.range![0]));
  let start = header.length;
  const chunks = items.map((item, i) => {
    const end = lineEnd(item.range![1]);
    const lead = source.slice(start, Math.max(start, lineStart(item.range![0])));
    const chunk = { row: JSON.stringify(rows[i]), name: rows[i]!.name, lead, text: source.slice(start, end) };
    start = end;
    return chunk;
  });
  return { header, chunks, trailer: source.slice(start) };
}

/**
 * cases.yaml for the draft, keeping the previous file's comments where it can: its header and trailing comments,
 * each case the draft left exactly as it was, written as it was, with the comments above it, and the comments
 * above a case the draft changed but did not rename.
 */
function casesKeepingComments(cases: DraftCase[], previous: string | null, problems: ExerciseProblem[]): string {
  // Written whole first, for its problems (each names its case's index) and as the answer when nothing is reused.
  const generated = casesToYaml(cases, problems);
  const old = previous === null || cases.length === 0 ? null : caseChunks(previous);
  if (!old) return generated;
  const unused = [...old.chunks];
  const parts = cases.map((c) => {
    const same = unused.findIndex((chunk) => chunk.row === JSON.stringify(c));
    if (same !== -1) return unused.splice(same, 1)[0]!.text;
    const renamed = unused.findIndex((chunk) => chunk.name === c.name);
    const lead = renamed === -1 ? "" : unused.splice(renamed, 1)[0]!.lead;
    return lead + casesToYaml([c], []);
  });
  const body = parts.map((p) => (p.endsWith("\n") ? p : `${p}\n`)).join("");
  return `${old.header}${body}${old.trailer}`;
}

/**
 * exercise.yaml from the draft's fields; a field left empty on the page is a field not given. Written over the
 * previous file when it is a mapping, so that its comments and the order of its fields stay.
 */
export function manifestToYaml(manifest: Record<string, unknown>, previous: string | null = null): string {
  const given = Object.fromEntries(Object.entries(manifest).filter(([, v]) => v !== undefined && v !== null && v !== ""));
  const doc = previous === null ? null : parseDocument(previous);
  if (!doc || doc.errors.length || !isMap(doc.contents)) return stringify(given, { lineWidth: 0 });
  for (const pair of [...doc.contents.items]) {
    const key = isScalar(pair.key) ? pair.key.value : pair.key;
    if (typeof key === "string" && !(key in given)) doc.delete(key);
  }
  for (const [key, value] of Object.entries(given)) {
    const current = doc.get(key, true) as YamlNode | undefined;
    if (current === undefined || JSON.stringify(current.toJSON()) !== JSON.stringify(value)) doc.set(key, doc.createNode(value));
  }
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}

/**
 * The files a draft becomes, or the problems that keep it from being written as the instructor meant. Given the
 * files it was read from, what the draft did not change keeps its comments.
 */
export function draftToFiles(draft: ExerciseDraft, previous: EditableFiles | null = null): { files: EditableFiles; problems: ExerciseProblem[] } {
  const problems: ExerciseProblem[] = [];
  const files: EditableFiles = {
    "exercise.yaml": manifestToYaml(draft.manifest, previous?.["exercise.yaml"] ?? null),
    "README.md": draft.instructions,
    "starter.py": draft.starter,
    "solution.py": draft.solution,
    "cases.yaml": casesKeepingComments(draft.cases, previous?.["cases.yaml"] ?? null, problems),
  };
  return { files, problems };
}
