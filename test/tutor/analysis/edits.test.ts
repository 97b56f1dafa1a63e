// The repair search's edits (runner-image/tutor_analysis/edits.py, mode "edits"), run on the host exactly as the
// sandbox runs the tool: each kind of single-token slip is proposed, in functions and in a program's own code, every
// edit compiles and is a different program, and docstrings are left alone. Mode "repairs" runs learner code, so it refuses to run
// anywhere but as the sandbox container's first process.
import { spawnSync } from "node:child_process";
import path from "node:path";

const TOOL = path.resolve(__dirname, "../../../runner-image/analysis.py");
const PYTHON = process.env.TUTOR_TEST_PYTHON ?? "python3";

interface Edit {
  id: number;
  line: number;
  kind: string;
  text: string;
  source: string;
}

function tool(request: object): Record<string, unknown>[] {
  const run = spawnSync(PYTHON, ["-I", "-B", TOOL], { input: JSON.stringify(request), encoding: "utf8", timeout: 30_000 });
  expect(run.stderr).toBe("");
  expect(run.status).toBe(0);
  return run.stdout
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

function editsOf(source: string, max?: number): Edit[] {
  const [answer] = tool({ mode: "edits", source, ...(max ? { max } : {}) });
  expect(answer).toHaveProperty("edits");
  return (answer as { edits: Edit[] }).edits;
}

const SOURCE = [
  "LIMIT = 10",
  "",
  "def count_up(n, step):",
  '    """Counts from 1 up to n, LIMIT at most: 1 <= i <= n."""',
  "    out = []",
  "    for i in range(n):",
  "        if i < LIMIT and step > 0:",
  "            out.append(i - step)",
  "        print(out)",
  "    return out",
  "",
].join("\n");

test("proposes each kind of slip: comparison, and/or, range, ±1, swapped operands, print for return, another variable, indentation", () => {
  const edits = editsOf(SOURCE);
  const texts = (kind: string) => edits.filter((e) => e.kind === kind).map((e) => `${e.line}: ${e.text}`);
  // Whether the boundary counts is a kind of its own (the off-by-one slip); other comparison slips are "comparison".
  expect(texts("boundary")).toEqual(expect.arrayContaining(["7: if i <= LIMIT and step > 0:", "7: if i < LIMIT and step >= 0:"]));
  expect(texts("comparison")).toEqual(expect.arrayContaining(["7: if i > LIMIT and step > 0:"]));
  expect(texts("boolean")).toEqual(["7: if i < LIMIT or step > 0:"]);
  expect(texts("range")).toEqual(expect.arrayContaining(["6: for i in range(1, n):", "6: for i in range(n + 1):", "6: for i in range(n - 1):"]));
  expect(texts("plus-one")).toEqual(expect.arrayContaining(["7: if i < LIMIT and step > 1:"]));
  expect(texts("swap")).toEqual(expect.arrayContaining(["8: out.append(step - i)"]));
  expect(texts("operator")).toEqual(expect.arrayContaining(["8: out.append(i + step)"]));
  expect(texts("return")).toEqual(["9: return out"]);
  expect(texts("variable")).toEqual(expect.arrayContaining(["8: out.append(n - step)", "10: return i"]));
  // `print(out)` moved out of the loop, `return out` moved into it.
  expect(texts("indentation")).toEqual(expect.arrayContaining(["9: print(out)", "10: return out"]));
  const moved = edits.find((e) => e.kind === "indentation" && e.line === 10)!;
  expect(moved.source.split("\n")[9]).toBe("        return out");
  // A start value set just before a loop, moved to the top of its body.
  const sunk = edits.find((e) => e.kind === "indentation" && e.line === 5)!;
  expect(sunk.source.split("\n").slice(4, 7)).toEqual(["    for i in range(n):", "        out = []", "        if i < LIMIT and step > 0:"]);
});

test("proposes the slips of text and of updates: an opposite method, a lost new string, = for +=, a start value inside the loop", () => {
  const source = ["def shout_all(words, counts):", "    for w in words:", "        best = 0", "        w.lower()", "        counts[w] = best", "    return min(words)", ""].join("\n");
  const texts = editsOf(source).map((e) => `${e.kind} ${e.line}: ${e.text}`);
  expect(texts).toEqual(
    expect.arrayContaining(["method 4: w.upper()", "keep 4: w = w.lower()", "update 5: counts[w] += best", "swap 5: counts[best] = w", "method 6: return max(words)"]),
  );
  // `best = 0` at the top of the loop, moved before it.
  const hoisted = editsOf(source).find((e) => e.kind === "indentation" && e.line === 3)!;
  expect(hoisted.source.split("\n").slice(1, 3)).toEqual(["    best = 0", "    for w in words:"]);
  expect(hoisted.text).toBe("best = 0");
});

test("every edit changes one line (or moves one), compiles, and no two edits make the same program", () => {
  const edits = editsOf(SOURCE);
  expect(edits.length).toBeGreaterThan(20);
  const original = SOURCE.split("\n");
  for (const e of edits) {
    const lines = e.source.split("\n");
    expect(lines).toHaveLength(original.length);
    const changed = lines.flatMap((l, i) => (l !== original[i] ? [i + 1] : []));
    if (changed.length === 2) {
      // A statement moved past its neighbour: the same statements, one of them re-indented.
      expect(e.kind).toBe("indentation");
      expect(lines.map((l) => l.trim()).sort()).toEqual(original.map((l) => l.trim()).sort());
      continue;
    }
    expect(changed).toEqual([e.line]);
    expect(lines[e.line - 1]!.trim()).toBe(e.text);
  }
  // Never the docstring (line 4); the module's own code, yes (line 1).
  expect(edits.some((e) => e.line === 4)).toBe(false);
  expect(edits.filter((e) => e.line === 1).map((e) => e.text)).toEqual(["LIMIT = 11", "LIMIT = 9"]);
  expect(new Set(edits.map((e) => e.source)).size).toBe(edits.length);
  const [checked] = tool({ mode: "analyze", file: "count.py", source: edits.map((e) => e.source).join("\n\n") });
  expect(checked!.syntaxError).toBeNull();
});

test("a program (code outside any function) gets edits too, its statements moved in and out of its loops", () => {
  const program = ["total = 0", "for line in open(0):", "    total += int(line)", "print(total)", ""].join("\n");
  const texts = editsOf(program).map((e) => `${e.kind} ${e.line}: ${e.text}`);
  expect(texts).toEqual(expect.arrayContaining(["plus-one 1: total = 1", "indentation 4: print(total)", "variable 3: total += int(total)"]));
  // `return` outside a function does not compile: no such edit.
  expect(texts.some((t) => t.startsWith("return"))).toBe(false);
});

test("at most `max` edits, and a clear error for code that does not parse", () => {
  expect(editsOf(SOURCE, 5)).toHaveLength(5);
  expect(tool({ mode: "edits", source: "def f(:\n" })[0]).toEqual({ error: expect.stringMatching(/^the source does not parse/) });
});

test("the repair search runs only as the sandbox container's first process", () => {
  const lines = tool({ mode: "repairs", file: "f.py", source: "def f():\n    return 1\n", cases: [{ id: 0, call: "f()", role: "target" }], maxEdits: 10, budgetMs: 1000, caseTimeoutMs: 500, limits: { fileBytes: 1000, addressSpaceBytes: 1 << 28 } });
  expect(lines).toEqual([{ kind: "error", error: expect.stringContaining("PID 1") }, { kind: "done" }]);
});
