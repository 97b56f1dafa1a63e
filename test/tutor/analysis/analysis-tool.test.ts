// The program-analysis tool (runner-image/analysis.py), run on the host as a child process exactly as the
// sandbox runs it (`python3 -I -B analysis.py`, one JSON request on stdin). Every mode: analyze (each detector on
// its fixture and on the offline tests' scenarios, nothing on clean code or the reference solutions, function
// facts, hostile input), insert-docstrings, mutants; and run-variants in the real sandbox container, since it
// must be PID 1 there.
import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { caseObservationSchema } from "../../../server/grading/observation";
import { realSandbox } from "../../support/sandbox";
import {
  analysisErrorSchema,
  codeAnalysisSchema,
  docstringInsertionSchema,
  mutantsSchema,
  runVariantsEventSchema,
} from "../../../server/tutor/analysis-schema";
import manifest from "../../../runner-image/tutor_analysis/manifests/concepts.json";
import type { CodeAnalysis, FunctionFacts } from "../../../server/tutor/contracts";
import { SCENARIOS } from "../offline/scenarios";

const ROOT = path.resolve(__dirname, "../../..");
const RUNNER_DIR = path.join(ROOT, "runner-image");
const TOOL = path.join(RUNNER_DIR, "analysis.py");
const FIXTURES = path.join(__dirname, "fixtures");
const PYTHON = process.env.TUTOR_TEST_PYTHON ?? "python3";
const CONCEPT_IDS = new Set(manifest.entries.map((e) => e.id));

interface Run {
  lines: unknown[];
  stdout: string;
  stderr: string;
  status: number | null;
  ms: number;
}

function finish(result: SpawnSyncReturns<string>, started: number): Run {
  // EPIPE: the tool answered and exited before reading all of an oversized request, as it should.
  if (result.error && (result.error as NodeJS.ErrnoException).code !== "EPIPE") throw result.error;
  const stdout = result.stdout ?? "";
  const lines = stdout
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => JSON.parse(l) as unknown);
  return { lines, stdout, stderr: result.stderr ?? "", status: result.status, ms: Date.now() - started };
}

/** Runs the tool with `input` (a request object, or raw text or bytes) on stdin. */
function runTool(input: unknown, timeoutMs = 30_000): Run {
  const started = Date.now();
  const data = typeof input === "string" || Buffer.isBuffer(input) ? input : JSON.stringify(input);
  return finish(spawnSync(PYTHON, ["-I", "-B", TOOL], { input: data, encoding: "utf8", timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 }), started);
}

/** The tool's single answer line, after checking it is exactly one clean JSON line. */
function answer(input: unknown): Record<string, unknown> {
  const run = runTool(input);
  expect(run.stderr).toBe("");
  expect(run.status).toBe(0);
  expect(run.lines).toHaveLength(1);
  return run.lines[0] as Record<string, unknown>;
}

function analyze(source: string, file = "solution.py"): CodeAnalysis {
  const result = answer({ mode: "analyze", file, source });
  return codeAnalysisSchema.parse(result);
}

function fn(analysis: CodeAnalysis, name: string): FunctionFacts {
  const found = analysis.functions.find((f) => f.name === name);
  if (!found) throw new Error(`no function ${name} in ${analysis.functions.map((f) => f.name).join(", ")}`);
  return found;
}

// ---- fixtures: `# expect: <concept> <line> ...` or `# expect: nothing` on their first line ---------------------

interface Fixture {
  file: string;
  source: string;
  expected: { concept: string; line: number }[];
}

function loadFixtures(): Fixture[] {
  return readdirSync(FIXTURES)
    .filter((f) => f.endsWith(".py"))
    .sort()
    .map((file) => {
      const source = readFileSync(path.join(FIXTURES, file), "utf8");
      const header = /^# expect: (.*)$/m.exec(source.split("\n")[0] ?? "")?.[1]?.trim();
      if (!header) throw new Error(`${file} has no "# expect:" first line`);
      const words = header === "nothing" ? [] : header.split(/\s+/);
      const expected: Fixture["expected"] = [];
      for (let i = 0; i < words.length; i += 2) expected.push({ concept: words[i]!, line: Number(words[i + 1]) });
      return { file, source, expected };
    });
}

const FIXTURE_LIST = loadFixtures();

function referenceSolutions(): { name: string; source: string }[] {
  const dir = path.join(ROOT, "exercises");
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith("solution.py"))
    .sort()
    .map((f) => ({ name: f, source: readFileSync(path.join(dir, f), "utf8") }));
}

describe("analyze: the static detectors", () => {
  test("every concept's detector catches a buggy program (its scenario's code, or a fixture), and clean fixtures exist", () => {
    const covered = new Set([...FIXTURE_LIST.flatMap((f) => f.expected.map((e) => e.concept)), ...SCENARIOS.flatMap((s) => s.facts.analysis.findings.map((f) => f.concept))]);
    expect([...CONCEPT_IDS].filter((id) => !covered.has(id))).toEqual([]);
    expect(FIXTURE_LIST.filter((f) => f.expected.length === 0).length).toBeGreaterThanOrEqual(3);
    for (const f of FIXTURE_LIST) for (const e of f.expected) expect(CONCEPT_IDS.has(e.concept)).toBe(true);
  });

  test.each(FIXTURE_LIST.map((f) => [f.file, f] as const))("%s: exactly the expected findings", (_name, fixture) => {
    const analysis = analyze(fixture.source, fixture.file);
    const got = analysis.findings.map((f) => ({ concept: f.concept, line: f.line }));
    expect(got.sort(byConceptLine)).toEqual([...fixture.expected].sort(byConceptLine));
    for (const f of analysis.findings) {
      expect(CONCEPT_IDS.has(f.concept)).toBe(true);
      // One factual sentence naming the code: it quotes code in backticks and ends with a full stop.
      expect(f.message).toMatch(/`[^`]+`/);
      expect(f.message).toMatch(/[.?]$/);
      expect(f.message).not.toMatch(/\n/);
    }
  });

  // The offline tutor's tests take each scenario's findings as given: they must be exactly what the tool says.
  test.each(SCENARIOS.map((s) => [s.concept, s] as const))("the %s scenario's findings are the tool's, word for word", (_id, s) => {
    expect(analyze(s.facts.code).findings).toEqual(s.facts.analysis.findings);
  });

  test.each(referenceSolutions().map((s) => [s.name, s.source] as const))("no findings on the reference solution %s", (_name, source) => {
    const analysis = analyze(source);
    expect(analysis.parsed).toBe(true);
    expect(analysis.findings).toEqual([]);
    // A program exercise's reference (input and print at module level) defines no function; any other lists its own.
    expect(analysis.functions.length > 0).toBe(/^\s*def\s/m.test(source));
  });

  test("one detector module per concept of the manifest, named after it, and no other", () => {
    const dir = path.join(RUNNER_DIR, "tutor_analysis", "detectors");
    const modules = readdirSync(dir)
      .filter((f) => f.endsWith(".py") && !f.startsWith("_"))
      .map((f) => f.replace(/\.py$/, ""))
      .sort();
    expect(modules).toEqual(manifest.entries.map((e) => e.id.replace(/-/g, "_")).sort());
    for (const name of modules) {
      const concept = /^CONCEPT = "([^"]+)"$/m.exec(readFileSync(path.join(dir, `${name}.py`), "utf8"))?.[1];
      expect(concept).toBe(name.replace(/_/g, "-"));
    }
  });

  test("a finding names its function, its line and the code", () => {
    const source = readFileSync(path.join(FIXTURES, "accumulator-reset.py"), "utf8");
    expect(analyze(source).findings).toEqual([
      {
        concept: "accumulator-reset",
        line: 5,
        function: "total_price",
        message: "`total = 0` is inside the `for` loop on line 4, so `total` starts again from 0 on every pass: give it its starting value once, before the loop.",
      },
    ]);
  });
});

function byConceptLine(a: { concept: string; line: number }, b: { concept: string; line: number }): number {
  return a.concept.localeCompare(b.concept) || a.line - b.line;
}

describe("analyze: code that doesn't parse", () => {
  test("an IndentationError: the error, an indentation finding, no functions", () => {
    const analysis = analyze("def shout(text):\n    loud = text.upper()\n      return loud\n");
    expect(analysis.parsed).toBe(false);
    expect(analysis.syntaxError).toMatchObject({ type: "IndentationError", line: 3 });
    expect(analysis.functions).toEqual([]);
    expect(analysis.findings.map((f) => [f.concept, f.line])).toEqual([["indentation", 3]]);
    expect(analysis.lineCount).toBe(3);
  });

  test("a TabError is an indentation finding too", () => {
    const analysis = analyze("def f(x):\n    if x:\n\treturn 1\n    return 2\n");
    expect(analysis.parsed).toBe(false);
    expect(analysis.findings.map((f) => f.concept)).toEqual(["indentation"]);
  });

  test("`if x = 3:` and `while n = 0:` are assignment-vs-comparison findings", () => {
    for (const [source, line] of [
      ["import math\n\ndef check(x):\n    if x = 3:\n        return True\n", 4],
      ["n = 5\nwhile n = 0:\n    n -= 1\n", 2],
      ["def f(x):\n    if x > 1:\n        return 1\n    elif x = 1:  # one\n        return 0\n", 4],
    ] as const) {
      const analysis = analyze(source);
      expect(analysis.parsed).toBe(false);
      expect(analysis.syntaxError?.type).toBe("SyntaxError");
      expect(analysis.findings.map((f) => [f.concept, f.line])).toEqual([["assignment-vs-comparison", line]]);
    }
    expect(analyze("import math\n\ndef check(x):\n    if x = 3:\n        return True\n").imports).toEqual(["math"]);
  });

  test("other syntax errors give no finding, and a keyword argument is not mistaken for `=`", () => {
    const analysis = analyze("def f(x):\n    if g(key=1):\n        return (x\n");
    expect(analysis.parsed).toBe(false);
    expect(analysis.findings).toEqual([]);
  });
});

describe("analyze: function facts", () => {
  test("running_total: params, calls, loops, steps and candidate calls", () => {
    const analysis = analyze(readFileSync(path.join(ROOT, "exercises/basics/running_total/solution.py"), "utf8"));
    const f = fn(analysis, "running_total");
    expect(f).toMatchObject({
      line: 1,
      endLine: 8,
      params: [{ name: "numbers", default: null, annotation: null, inferredType: "list" }],
      returnAnnotation: null,
      docstring: "Return a new list where item i is the sum of numbers[0] through numbers[i].",
      returnsValue: true,
      printCalls: 0,
      loops: 1,
      recursive: false,
      raises: [],
      calls: ["list.append"],
    });
    expect(f.steps).toEqual([
      { line: 3, text: "Starts `result` as an empty list." },
      { line: 4, text: "Starts `total` at 0." },
      { line: 5, text: "Loops over each item of `numbers`, calling it `number`." },
      { line: 6, text: "Adds `number` to `total`." },
      { line: 7, text: "Adds `total` to the end of `result`." },
      { line: 8, text: "Gives back `result`." },
    ]);
    expect(f.candidateCalls).toEqual([
      { kind: "typical", call: "running_total([3, 1, 2])" },
      { kind: "typical", call: "running_total([10, 20, 30, 40])" },
      { kind: "edge", call: "running_total([])" },
      { kind: "edge", call: "running_total([7])" },
      { kind: "error", call: "running_total(None)" },
    ]);
  });

  test("apply_discount: a default, a raise, and boundary values from its checks", () => {
    const f = fn(analyze(readFileSync(path.join(ROOT, "exercises/basics/apply_discount/solution.py"), "utf8")), "apply_discount");
    expect(f.params).toEqual([
      { name: "price", default: null, annotation: null, inferredType: "float" },
      { name: "percent", default: "10", annotation: null, inferredType: "int" },
    ]);
    expect(f.raises).toEqual(["ValueError"]);
    expect(f.calls).toEqual(["round"]);
    const calls = f.candidateCalls.map((c) => `${c.kind} ${c.call}`);
    expect(calls).toContain("typical apply_discount(2.5)");
    expect(calls).toContain("edge apply_discount(2.5, 0)");
    expect(calls).toContain("edge apply_discount(2.5, 100)");
    expect(calls).toContain("error apply_discount(2.5, -1)");
    expect(calls).toContain("error apply_discount(2.5, 101)");
    expect(f.candidateCalls.length).toBeLessThanOrEqual(8);
    expect(f.steps[0]).toEqual({ line: 6, text: "Checks whether `percent < 0 or percent > 100`." });
  });

  test("parameter types come from how the body uses them, from defaults and from annotations", () => {
    const source = [
      "def a(text):\n    return text.upper()",
      "def b(items):\n    for x in items:\n        print(x)",
      "def c(d):\n    for k, v in d.items():\n        pass",
      "def e(d, key):\n    d[key] = 1",
      "def f(n):\n    return list(range(n))",
      "def g(x, y):\n    return x / y + 1",
      "def h(flag):\n    return flag == True",
      "def i(limit=10, name='x', seen=None, ratio=0.5):\n    pass",
      "def j(values: list[int], label: 'str', maybe: Optional[dict] = None) -> int:\n    return 0",
      "def k(s):\n    return s[0].upper() + s[1:]",
      "def m(word):\n    return word + '!'",
      "def n(total):\n    return total - 1",
    ].join("\n\n\n");
    const analysis = analyze(source);
    const types = Object.fromEntries(analysis.functions.flatMap((f) => f.params.map((p) => [`${f.name}.${p.name}`, p.inferredType])));
    expect(types).toEqual({
      "a.text": "str",
      "b.items": "list",
      "c.d": "dict",
      "e.d": "dict",
      "e.key": "unknown",
      "f.n": "int",
      "g.x": "int",
      "g.y": "int",
      "h.flag": "bool",
      "i.limit": "int",
      "i.name": "str",
      "i.seen": "unknown",
      "i.ratio": "float",
      "j.values": "list",
      "j.label": "str",
      "j.maybe": "dict",
      "k.s": "str",
      "m.word": "str",
      "n.total": "int",
    });
    expect(fn(analysis, "j")).toMatchObject({ returnAnnotation: "int", params: [{ annotation: "list[int]" }, { annotation: "'str'" }, { annotation: "Optional[dict]", default: "None" }] });
  });

  test("printing, recursion, methods, shadowed builtins, imports and line count", () => {
    const source = [
      "import json, os.path",
      "from collections import Counter as C",
      "",
      "def fact(n):",
      "    if n <= 1:",
      "        return 1",
      "    return n * fact(n - 1)",
      "",
      "def report(values):",
      "    list = sorted(values)",
      "    print(list)",
      "    print(len(list))",
      "",
      "class Stack:",
      "    def push(self, item):",
      "        self.items.append(item)",
      "",
    ].join("\n");
    const analysis = analyze(source);
    expect(analysis.imports).toEqual(["json", "os.path", "collections"]);
    expect(analysis.shadowedBuiltins).toEqual(["list"]);
    expect(analysis.lineCount).toBe(16);
    expect(fn(analysis, "fact")).toMatchObject({ recursive: true, returnsValue: true, calls: ["fact"] });
    expect(fn(analysis, "report")).toMatchObject({ returnsValue: false, printCalls: 2, calls: ["sorted", "print", "len"] });
    const push = fn(analysis, "Stack.push");
    expect(push.params).toEqual([{ name: "item", default: null, annotation: null, inferredType: "unknown" }]);
    expect(push.candidateCalls).toEqual([]);
    expect(analysis.findings.map((f) => f.concept)).toEqual(["shadowed-builtin"]);
  });

  test("steps describe branches, loops and the usual statements in plain words", () => {
    const source = [
      "def describe(text, limit=3):", // 1
      '    """Doc."""', // 2
      "    words = text.split()", // 3
      "    result = ''", // 4
      "    count = 0", // 5
      "    for i in range(len(words)):", // 6
      "        if not words[i]:", // 7
      "            continue", // 8
      "        elif i > limit:", // 9
      "            break", // 10
      "        else:", // 11
      "            result += words[i]", // 12
      "    while count < 3:", // 13
      "        count += 1", // 14
      "    if not text:", // 15
      "        raise ValueError('empty')", // 16
      "    squares = [n * n for n in range(5)]", // 17
      "    return result", // 18
    ].join("\n");
    const f = fn(analyze(source), "describe");
    expect(f.steps.map((s) => `${s.line}: ${s.text}`)).toEqual([
      "3: Sets `words` to `text.split()`.",
      "4: Starts `result` as empty text.",
      "5: Starts `count` at 0.",
      "6: Loops over each position `i` of `words`, from 0 to one less than its length.",
      "7: Checks whether `not words[i]`.",
      "8: Skips the rest of this pass and goes on with the next one.",
      "9: Otherwise, checks whether `i > limit`.",
      "10: Leaves the loop straight away.",
      "12: Otherwise, adds `words[i]` to the end of the text `result`.",
      "13: Repeats the steps below while `count < 3`.",
      "14: Adds 1 to `count`.",
      "15: Checks whether `text` is empty.",
      "16: Stops the function with a `ValueError`: `'empty'`.",
      "17: Builds a list of `n * n` for each `n` in `range(5)`, and calls it `squares`.",
      "18: Gives back `result`.",
    ]);
  });
});

describe("analyze: robustness", () => {
  test.each([
    ["not JSON", "this is not json"],
    ["a JSON array", "[1, 2, 3]"],
    ["an unknown mode", JSON.stringify({ mode: "explode", source: "" })],
    ["a source that is not text", JSON.stringify({ mode: "analyze", source: 42 })],
    ["no request at all", ""],
    ["invalid UTF-8", Buffer.from([0x7b, 0xff, 0xfe, 0x7d])],
    ["a request larger than 8 MB", JSON.stringify({ mode: "analyze", source: "x = 1\n".repeat(1_500_000) })],
  ])("%s: a JSON error, never a traceback", (_name, input) => {
    const run = runTool(input);
    expect(run.status).toBe(0);
    expect(run.stderr).toBe("");
    expect(run.lines).toHaveLength(1);
    expect(analysisErrorSchema.parse(run.lines[0]).error.length).toBeGreaterThan(0);
  });

  test.each([
    ["NUL bytes", "x = 1\u0000\n"],
    ["a lone surrogate", 'x = "\ud800"\n'],
    ["deep nesting", `x = ${"(".repeat(3000)}1${")".repeat(3000)}\n`],
    ["a deep expression", `x = ${Array.from({ length: 5000 }, () => "1").join(" + ")}\n`],
    ["an empty file", ""],
    ["only comments", "# nothing here\n"],
    ["odd line endings", "def f(x):\r\n    return x\r\n\f\n"],
    ["a unicode identifier and strings", "def grüße(名前):\n    return f'Hallo {名前}' + 'é'\n"],
  ])("%s: still a CodeAnalysis", (_name, source) => {
    const analysis = analyze(source);
    expect(typeof analysis.parsed).toBe("boolean");
  });

  test("never runs the learner's code", () => {
    const marker = path.join(os.tmpdir(), `tutor-analysis-ran-${process.pid}`);
    rmSync(marker, { force: true });
    const source = `open(${JSON.stringify(marker)}, "w").write("ran")\nprint("EXECUTED")\nimport sys\nsys.exit(3)\n\ndef f(x):\n    return x + 1\n`;
    const runs = [
      runTool({ mode: "analyze", source }),
      runTool({ mode: "insert-docstrings", source, docstrings: { f: "Add one." } }),
      runTool({ mode: "mutants", source, function: "f" }),
    ];
    for (const run of runs) {
      expect(run.status).toBe(0);
      expect(run.stdout).not.toContain("EXECUTED\n");
    }
    expect(existsSync(marker)).toBe(false);
  });

  test("a 200-line file is analysed quickly", () => {
    const source = ["clean-basics.py", "clean-classes.py", "clean-script.py"].map((f) => readFileSync(path.join(FIXTURES, f), "utf8")).join("\n");
    expect(source.split("\n").length).toBeGreaterThanOrEqual(200);
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const run = runTool({ mode: "analyze", source });
      codeAnalysisSchema.parse(run.lines[0]);
      times.push(run.ms);
    }
    times.sort((a, b) => a - b);
    // About 60-100 ms on a developer machine, Python's own start included; generous here for busy CI machines.
    expect(times[2]).toBeLessThan(1000);
  });
});

// ---- insert-docstrings ---------------------------------------------------------------------------------------

function insert(source: string, docstrings: Record<string, string>) {
  return docstringInsertionSchema.parse(answer({ mode: "insert-docstrings", source, docstrings }));
}

/** Every line of `before` is in `after`, unchanged and in order (lines were only added). */
function onlyLinesAdded(before: string, after: string): boolean {
  const old = before.split("\n");
  let i = 0;
  for (const line of after.split("\n")) if (i < old.length && line === old[i]) i++;
  return i === old.length;
}

describe("insert-docstrings", () => {
  const SOURCE = [
    "import math",
    "",
    "def area(r):",
    "    # a circle",
    "    return math.pi * r ** 2",
    "",
    "class Stack:",
    "    def push(self, item):",
    '        """Old."""',
    "        self.items.append(item)",
    "",
    "    def peek(self): return self.items[-1]",
    "",
    "async def fetch(url,",
    "                timeout: int = 5) -> dict:",
    "    return {}",
    "",
  ].join("\n");

  test("inserts new docstrings, replaces an old one, and keeps the code the same", () => {
    const doc = "Return the area of a circle.\n\nArgs:\n    r (float): The radius.\n\nReturns:\n    float: The area.";
    const result = insert(SOURCE, { area: doc, "Stack.push": "Push an item.", peek: "Look at the top.", fetch: "Fetch it.", nothing: "No such function." });
    expect(result.sameAst).toBe(true);
    expect(result.inserted).toEqual(["area", "Stack.push", "peek", "fetch"]);
    expect(result.source).toContain('def area(r):\n    """Return the area of a circle.\n\n    Args:\n        r (float): The radius.\n');
    expect(result.source).toContain('        """Push an item."""\n        self.items.append(item)');
    expect(result.source).not.toContain("Old.");
    expect(result.source).toContain('    def peek(self):\n        """Look at the top."""\n        return self.items[-1]');
    expect(result.source).toContain('                timeout: int = 5) -> dict:\n    """Fetch it."""\n    return {}');
    const analysis = analyze(result.source);
    expect(fn(analysis, "area").docstring).toBe(doc);
    expect(fn(analysis, "fetch").docstring).toBe("Fetch it.");
    // Nothing else moved: the untouched functions' lines are all still there, byte for byte.
    expect(onlyLinesAdded(SOURCE.replace('        """Old."""\n', "").replace("    def peek(self): return self.items[-1]\n", ""), result.source)).toBe(true);
  });

  test("escapes backslashes, quotes and control characters", () => {
    const text = 'Tricky: """ and \'\'\' and \\n and \\ alone, ending with a quote "';
    const result = insert("def f():\n    pass\n", { f: text });
    expect(result.sameAst).toBe(true);
    expect(fn(analyze(result.source), "f").docstring).toBe(text);
    const odd = insert("def g():\n    pass\n", { g: 'x\u0000y\u001bz ""' });
    expect(odd.sameAst).toBe(true);
    expect(fn(analyze(odd.source), "g").docstring).toBe('x\u0000y\u001bz ""');
  });

  test("keeps tabs, CRLF line endings and every other line", () => {
    const tabs = "def f(x):\n\tif x:\n\t\treturn 1\n\treturn 2\n";
    const withTabs = insert(tabs, { f: "One or two.\n\nMore." });
    expect(withTabs.source).toBe('def f(x):\n\t"""One or two.\n\n\tMore.\n\t"""\n\tif x:\n\t\treturn 1\n\treturn 2\n');
    const crlf = "def f(x):\r\n    return x\r\n";
    const withCrlf = insert(crlf, { f: "Same.\n\nTwo lines." });
    expect(withCrlf.source).toBe('def f(x):\r\n    """Same.\r\n\r\n    Two lines.\r\n    """\r\n    return x\r\n');
    expect(withCrlf.sameAst).toBe(true);
  });

  test("code that doesn't parse, and docstrings that aren't an object, give an error", () => {
    expect(analysisErrorSchema.parse(answer({ mode: "insert-docstrings", source: "def f(:\n", docstrings: { f: "x" } })).error).toMatch(/does not parse/);
    expect(analysisErrorSchema.parse(answer({ mode: "insert-docstrings", source: "def f(): pass\n", docstrings: ["f"] })).error).toMatch(/docstrings/);
  });
});

// ---- mutants ---------------------------------------------------------------------------------------------------

/** Compiles each source with Python (compile only, nothing runs) and returns the errors, "" for success. */
function compileAll(sources: string[]): string[] {
  const script = [
    "import json, sys",
    "out = []",
    "for s in json.load(sys.stdin):",
    "    try:",
    "        compile(s, 'mutant.py', 'exec', dont_inherit=True)",
    "        out.append('')",
    "    except Exception as e:",
    "        out.append(repr(e))",
    "print(json.dumps(out))",
  ].join("\n");
  const result = spawnSync(PYTHON, ["-I", "-c", script], { input: JSON.stringify(sources), encoding: "utf8" });
  return JSON.parse(result.stdout) as string[];
}

describe("mutants", () => {
  const source = [
    readFileSync(path.join(ROOT, "exercises/basics/apply_discount/solution.py"), "utf8"),
    readFileSync(path.join(ROOT, "exercises/basics/running_total/solution.py"), "utf8"),
    "def first_big(values, limit=10):\n    for i in range(len(values)):\n        if values[i] > limit and values[i] != 99:\n            return True\n    return False\n",
  ].join("\n\n");
  const lines = source.split("\n");
  const span = (name: string) => {
    const start = lines.findIndex((l) => l.startsWith(`def ${name}(`)) + 1;
    let end = start;
    while (end < lines.length && (lines[end] === "" || /^\s/.test(lines[end]!))) end++;
    return [start, end] as const;
  };

  test.each(["apply_discount", "running_total", "first_big"])("%s: every mutant compiles, differs, and stays inside the function", (name) => {
    const result = mutantsSchema.parse(answer({ mode: "mutants", source, function: name, max: 20 }));
    expect(result.mutants.length).toBeGreaterThan(3);
    expect(result.mutants.length).toBeLessThanOrEqual(20);
    expect(result.mutants.map((m) => m.id)).toEqual(result.mutants.map((_, i) => i + 1));
    const sources = result.mutants.map((m) => m.source);
    expect(new Set(sources).size).toBe(sources.length);
    expect(sources).not.toContain(source);
    expect(compileAll(sources)).toEqual(sources.map(() => ""));
    const [start, end] = span(name);
    for (const m of result.mutants) {
      expect(m.line).toBeGreaterThanOrEqual(start);
      expect(m.line).toBeLessThanOrEqual(end);
      const changed = m.source.split("\n").flatMap((l, i) => (l !== lines[i] ? [i + 1] : []));
      expect(changed.length).toBeGreaterThan(0);
      for (const l of changed) expect(l >= start && l <= end).toBe(true);
    }
  });

  test("the classic operators, in a deterministic order", () => {
    const first = answer({ mode: "mutants", source, function: "first_big", max: 50 });
    const again = answer({ mode: "mutants", source, function: "first_big", max: 50 });
    expect(again).toEqual(first);
    const descriptions = mutantsSchema.parse(first).mutants.map((m) => m.description);
    expect(descriptions).toEqual(
      expect.arrayContaining([
        "changed `range(len(values))` to `range(len(values) + 1)`",
        "negated the condition `values[i] > limit and values[i] != 99`",
        "changed `>` to `>=`",
        "changed `and` to `or`",
        "changed `!=` to `==`",
        "changed `99` to `100`",
        "changed `True` to `False`",
        "replaced `return True` with `return None`",
      ]),
    );
    const running = mutantsSchema.parse(answer({ mode: "mutants", source, function: "running_total" })).mutants.map((m) => m.description);
    expect(running).toEqual(expect.arrayContaining(["changed `+=` to `-=`", "removed `total += number`", "removed `result.append(total)`", "changed `0` to `1`"]));
  });

  test("max limits the count, spread over the kinds of change", () => {
    const few = mutantsSchema.parse(answer({ mode: "mutants", source, function: "apply_discount", max: 4 })).mutants;
    expect(few).toHaveLength(4);
    expect(new Set(few.map((m) => m.description.split(" ")[0])).size).toBeGreaterThan(1);
  });

  test("code Python warns about is mutated without a word on stderr", () => {
    const result = mutantsSchema.parse(answer({ mode: "mutants", source: 'def f(x):\n    if x is 5:\n        return "\\d"\n    return x\n', function: "f" }));
    expect(result.mutants.map((m) => m.description)).toContain("changed `is` to `is not`");
  });

  test("an unknown function or broken code gives an error", () => {
    expect(analysisErrorSchema.parse(answer({ mode: "mutants", source, function: "nope" })).error).toMatch(/no function/);
    expect(analysisErrorSchema.parse(answer({ mode: "mutants", source: "def f(:", function: "f" })).error).toMatch(/does not parse/);
  });
});

// ---- run-variants ------------------------------------------------------------------------------------------------

const LIMITS = { caseTimeoutMs: 2000, totalTimeoutMs: 20_000, outputBytes: 64 * 1024, fileBytes: 1024 * 1024, addressSpaceBytes: 512 * 1024 * 1024 };

/**
 * run-variants must be PID 1 (the harness it drives kills every other process it can see, and empties /tmp,
 * after each case), so it is exercised where it really runs: the sandbox container, through our Sandbox.
 */
async function sandboxRun(request: unknown): Promise<{ status: number | null; lines: unknown[] }> {
  const sandbox = await realSandbox();
  const run = await sandbox.analyse(request, { deadlineMs: 60_000, maxStdoutBytes: 8 * 1024 * 1024 });
  return { status: run.exitCode, lines: run.lines };
}

describe("run-variants", () => {
  test("refuses to run unless it is PID 1, before reading anything else", () => {
    // Deliberately invalid otherwise: if the PID check were ever lost, this request still could not run a case.
    const run = runTool({ mode: "run-variants", file: "solution.py", variants: [{ id: "original", source: "x = 1\n" }], cases: [{ id: 0, call: "x" }] });
    expect(run.status).toBe(0);
    expect(run.lines.map((l) => runVariantsEventSchema.parse(l))).toEqual([
      { kind: "error", error: "run-variants only runs as the first process (PID 1) of the sandbox container" },
      { kind: "done" },
    ]);
  });

  test("streams one observation per case for each variant, through the harness", async () => {
    const original = "def add(a, b):\n    return a + b\n";
    const mutants = mutantsSchema.parse(answer({ mode: "mutants", source: original, function: "add" })).mutants;
    const mutated = mutants.find((m) => m.description === "changed `+` to `-`")!;
    expect(mutated.source).toBe("def add(a, b):\n    return a - b\n");
    const run = await sandboxRun({
      mode: "run-variants",
      file: "solution.py",
      variants: [
        { id: "original", source: original },
        { id: 1, source: mutated.source },
        { id: "broken", source: "def add(a, b)\n    return a\n" },
        { id: "printing", source: "def add(a, b):\n    print('adding')\n    raise ValueError('no')\n" },
      ],
      cases: [
        { id: 0, call: "add(1, 2)" },
        { id: "text", call: "add('a', 'b')" },
      ],
      limits: LIMITS,
    });
    expect(run.status).toBe(0);
    const events = run.lines.map((l) => runVariantsEventSchema.parse(l));
    expect(events.map((e) => (e.kind === "case" ? `${e.variant}/${e.id}/${e.observation.outcome}` : e.kind === "syntax-error" ? `${e.variant}/syntax-error` : e.kind))).toEqual([
      "original/0/returned",
      "original/text/returned",
      "1/0/returned",
      "1/text/raised",
      "broken/syntax-error",
      "printing/0/raised",
      "printing/text/raised",
      "done",
    ]);
    const cases = events.filter((e) => e.kind === "case");
    for (const e of cases) caseObservationSchema.parse(e.observation);
    const value = (variant: string | number, id: string | number) => {
      const e = cases.find((c) => c.variant === variant && c.id === id);
      return e && e.observation.outcome === "returned" ? e.observation.value : undefined;
    };
    expect(value("original", 0)).toEqual({ t: "int", v: "3" });
    expect(value("original", "text")).toEqual({ t: "str", v: "ab" });
    expect(value(1, 0)).toEqual({ t: "int", v: "-1" });
    const printing = cases.find((c) => c.variant === "printing" && c.id === 0)!;
    expect(printing.observation).toMatchObject({ outcome: "raised", exception: { type: "ValueError", message: "no" }, stdout: "adding\n" });
  });

  test("with `observe: {lines: true}`, each case of each variant reports the lines of that variant that ran; a case may be traced", async () => {
    const original = "def grade(score):\n    if score >= 50:\n        return 'pass'\n    return 'fail'\n";
    const mutant = "def grade(score):\n    if score > 50:\n        return 'pass'\n    return 'fail'\n";
    const run = await sandboxRun({
      mode: "run-variants",
      file: "solution.py",
      observe: { lines: true },
      variants: [
        { id: "original", source: original },
        { id: "mutant", source: mutant },
      ],
      cases: [
        { id: 0, call: "grade(50)", trace: { maxSteps: 50 } },
        { id: 1, call: "grade(10)" },
      ],
      limits: LIMITS,
    });
    const cases = run.lines.map((l) => runVariantsEventSchema.parse(l)).filter((e) => e.kind === "case");
    const seen = cases.map((e) => [e.variant, e.id, e.observation.outcome, e.observation.lines, e.observation.trace?.steps.length ?? null]);
    expect(seen).toEqual([
      ["original", 0, "returned", [1, 2, 3], expect.any(Number)],
      ["original", 1, "returned", [1, 2, 4], null],
      ["mutant", 0, "returned", [1, 2, 4], expect.any(Number)],
      ["mutant", 1, "returned", [1, 2, 4], null],
    ]);
    const traced = cases[2]!.observation.trace!;
    expect(traced.truncated).toBe(false);
    expect(traced.steps[traced.steps.length - 1]).toMatchObject({ event: "return", line: 4, value: "'fail'", frames: [{ function: "grade", locals: { score: "50" } }] });

    const bad = await sandboxRun({ mode: "run-variants", file: "solution.py", observe: { lines: "yes" }, variants: [{ id: "x", source: original }], cases: [], limits: LIMITS });
    expect(bad.lines.map((l) => runVariantsEventSchema.parse(l))).toEqual([{ kind: "error", error: expect.stringMatching(/`observe` must be/) }, { kind: "done" }]);
  });

  test("bad requests and a spent total budget are reported in the stream", async () => {
    const bad = await sandboxRun({ mode: "run-variants", file: "../../etc/passwd", variants: [{ id: "x", source: "" }], cases: [], limits: LIMITS });
    expect(bad.lines.map((l) => runVariantsEventSchema.parse(l)).map((e) => e.kind)).toEqual(["error", "done"]);
    const slow = "import time\ndef wait():\n    time.sleep(5)\n";
    const run = await sandboxRun({
      mode: "run-variants",
      file: "solution.py",
      variants: ["a", "b", "c"].map((id) => ({ id, source: slow })),
      cases: [{ id: 0, call: "wait()" }],
      limits: { ...LIMITS, caseTimeoutMs: 1000, totalTimeoutMs: 1000 },
    });
    const events = run.lines.map((l) => runVariantsEventSchema.parse(l));
    const outcomes = events.map((e) => (e.kind === "case" ? `${e.variant}:${e.observation.outcome}` : e.kind));
    // The whole request shares one total budget (the container is killed soon after it): the first variant uses
    // it up, the last one is not run.
    expect(outcomes[0]).toBe("a:timeout");
    expect(outcomes.slice(-2)).toEqual(["c:not-run", "done"]);
  });
});
