// Non-UTF-8 bytes, NUL bytes and terminal escape sequences in what a submission prints, returns or raises: the
// verdict is unaffected, everything shown to the learner has them as visible escapes (so no terminal or page is
// repainted), and the result can be stored in PostgreSQL (which refuses NUL and lone surrogates).
import pg from "pg";
import { storableJson } from "../../server/grading/observation";
import { ADMIN_DATABASE_URL } from "../support/database";
import { checkHostAfterFile, expectPromptVerdict, gradeAttack } from "./attack";

checkHostAfterFile();

const HOSTILE = `
import sys
def hostile_output():
    sys.stdout.buffer.write(b'\\xff\\xfe not utf-8, NUL \\x00, clear screen \\x1b[2J, title \\x1b]0;pwned\\x07, bell\\x07\\n')
    sys.stdout.flush()
    print('carriage return\\rhidden, right-to-left \\u202eevil, escape \\x1b[31mred\\x1b[0m, lone \\udc80')
    sys.stderr.write('\\x1b[2J\\x00 on stderr\\n')
`;

/** Controls other than newline and tab, bidi overrides, and lone surrogates: none may reach a learner. */
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function strings(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === "object") return Object.values(value).flatMap(strings);
  return [];
}

async function expectStorable(value: unknown): Promise<void> {
  const client = new pg.Client({ connectionString: process.env.TEST_ADMIN_DATABASE_URL ?? ADMIN_DATABASE_URL });
  await client.connect();
  try {
    const row = await client.query("SELECT $1::jsonb AS stored", [JSON.stringify(value)]);
    expect(row.rows[0].stored).toBeDefined();
  } finally {
    await client.end();
  }
}

test("a correct answer that prints hostile bytes passes, and shows them as escapes", async () => {
  const g = await gradeAttack(`${HOSTILE}
def answer(x):
    hostile_output()
    return x * 2
`);
  expect(g.result.status).toBe("passed");
  expectPromptVerdict(g);
});

test("a wrong answer full of hostile characters fails, with every learner-facing string made safe", async () => {
  const g = await gradeAttack(`${HOSTILE}
def answer(x):
    hostile_output()
    if x == 1:
        return '\\x00\\x1b[2J\\u202e\\udc80'
    raise type('Bad\\x1b[2JName', (Exception,), {})('message \\x00 \\x1b[31m \\udc80')
`);
  expect(g.result.tests.map((t) => t.status)).toEqual(["failed", "error"]);
  const visible = g.result.tests[0]!;
  expect(visible.stdout).toContain("\\xff\\xfe not utf-8, NUL \\x00, clear screen \\x1b[2J");
  expect(visible.stdout).toContain("carriage return\\rhidden, right-to-left \\u202eevil");
  expect(visible.actual).toBe("'\\x00\\x1b[2J\\u202e\\udc80'");
  for (const text of [...strings(g.result.tests), g.result.message]) expect(text).not.toMatch(UNSAFE);
  await expectStorable({ message: g.result.message, tests: g.result.tests });
  await expectStorable(storableJson(g.result.observations));
  expectPromptVerdict(g);
});

test("the exception's name and message are escaped too, visible or hidden", async () => {
  const g = await gradeAttack(`
def answer(x):
    raise type('Bad\\x1b[2JName', (Exception,), {})('message \\x00 \\x1b[31m \\udc80 \\r')
`);
  expect(g.result.tests[0]!.message).toBe("Bad\\x1b[2JName: message \\x00 \\x1b[31m \\udc80 \\r (line 3)");
  expect(g.result.tests[1]!.message).toBe("Your code raised Bad\\x1b[2JName on this hidden test (line 3).");
  for (const text of [...strings(g.result.tests), g.result.message]) expect(text).not.toMatch(UNSAFE);
});
