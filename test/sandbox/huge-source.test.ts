// Sources the grader refuses before any container starts (too large), or that Python cannot read.
import { createdContainers, checkHostAfterFile, expectPromptVerdict, gradeAttack } from "./attack";

checkHostAfterFile();

test("a 5 MB source file is refused at once, without a container", async () => {
  const before = createdContainers.size;
  const code = `def answer(x):\n    return x * 2\n# ${"x".repeat(5 * 1024 * 1024)}\n`;
  const g = await gradeAttack(code);
  expect(g.result.status).toBe("error");
  expect(g.result.message).toBe("Your file is 5 MB; the limit is 100 KB. Submit only your solution.");
  expect(g.result.tests.every((t) => t.status === "error")).toBe(true);
  expect(createdContainers.size).toBe(before);
  expect(g.wallMs).toBeLessThan(1000);
});

test("NUL bytes in the source are a syntax error that says so", async () => {
  const g = await gradeAttack("def answer(x):\n    return x * 2\x00\n");
  expect(g.result.status).toBe("syntax-error");
  expect(g.result.message).toBe("Python could not read your code: it contains NUL bytes. Remove them and submit again.");
  expectPromptVerdict(g);
});

test("source that is not valid UTF-8 is a syntax error", async () => {
  const g = await gradeAttack("def answer(x):\n    return '\udc80'\n");
  expect(g.result.status).toBe("syntax-error");
  expect(g.result.message).toMatch(/^Python could not read your code/);
  expect(g.result.message).not.toMatch(/[\ud800-\udfff]/);
  expectPromptVerdict(g);
});

test("nesting that overflows the compiler is a syntax error, not a crash", async () => {
  const g = await gradeAttack(`def answer(x):\n    return ${"(".repeat(1000)}x${")".repeat(1000)}\n`);
  expect(g.result.status).toBe("syntax-error");
  expect(g.result.message).toMatch(/^Python could not read your code.*(too many nested parentheses|nest)/);
  expectPromptVerdict(g);
});
