// Account administration from the machine the platform runs on: `tutor admin create <email>` makes the first
// admin (or gives an existing account the admin role), `tutor admin role <email> <role>` changes anyone's role,
// and `tutor admin password <email>` sets a forgotten password (signing the account out everywhere). A password
// comes from standard input with --password-stdin, or is generated and printed once.
import { randomBytes } from "node:crypto";
import { AccountError, emailSchema, ensureAccountWithRole, newPasswordSchema, resetPassword } from "../auth/accounts";
import { readConfig } from "../config";
import type { Database } from "../database/client";
import type { Role } from "../database/generated/client";
import { openDatabase } from "../database/open";

const USAGE = `usage: tutor admin create <email> [--password-stdin]
       tutor admin role <email> learner|instructor|admin
       tutor admin password <email> [--password-stdin]`;
const ROLES: Role[] = ["learner", "instructor", "admin"];

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8").replace(/\r?\n$/, "");
}

function parseOrExplain<T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: { message: string }[] } } }, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new Error(`${what}: ${parsed.error.issues[0]!.message}`);
  return parsed.data;
}

/** The password given on standard input, or a generated one that is printed once the work succeeds. */
async function choosePassword(args: string[]): Promise<{ password: string; generated: boolean }> {
  if (args.includes("--password-stdin")) return { password: parseOrExplain(newPasswordSchema, await readStdin(), "the password"), generated: false };
  return { password: randomBytes(12).toString("base64url"), generated: true };
}

export async function withDatabase<T>(work: (db: Database) => Promise<T>): Promise<T> {
  const database = await openDatabase(readConfig(), (line) => console.error(line));
  try {
    return await work(database.db);
  } catch (e) {
    if (e instanceof AccountError) throw new Error(e.message);
    throw e;
  } finally {
    await database.close();
  }
}

export async function adminCommand(args: string[]): Promise<number> {
  const [action, rawEmail, rawRole] = args;
  if (!["create", "role", "password"].includes(action ?? "") || !rawEmail || (action === "role" && !ROLES.includes(rawRole as Role))) {
    console.error(USAGE);
    return 2;
  }
  const email = parseOrExplain(emailSchema, rawEmail, "the email");
  if (action === "role") {
    const { user } = await withDatabase((db) => ensureAccountWithRole(db, email, null, rawRole as Role));
    console.log(`updated ${user.email} with the role ${user.role}`);
    return 0;
  }
  const { password, generated } = await choosePassword(args);
  if (action === "create") {
    const { user, created } = await withDatabase((db) => ensureAccountWithRole(db, email, password, "admin"));
    console.log(`${created ? "created" : "updated"} ${user.email} with the role ${user.role}`);
  } else {
    const user = await withDatabase((db) => resetPassword(db, email, password));
    console.log(`set a new password for ${user.email} and signed the account out everywhere`);
  }
  if (generated) console.log(`password: ${password}\n(shown once: sign in with it and keep it somewhere safe)`);
  return 0;
}
