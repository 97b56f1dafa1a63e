// `tutor admin create <email>` makes the first admin (or gives an existing account the admin role), and
// `tutor admin role <email> <role>` changes anyone's role, from the machine the platform runs on. The password
// comes from standard input with --password-stdin, or is generated and printed once.
import { randomBytes } from "node:crypto";
import { ensureAccountWithRole, emailSchema, newPasswordSchema } from "../auth/accounts";
import { readConfig } from "../config";
import { openDatabase } from "../database/open";
import type { Role } from "../database/generated/client";

const USAGE = "usage: tutor admin create <email> [--password-stdin] | tutor admin role <email> learner|instructor|admin";
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

export async function adminCommand(args: string[]): Promise<number> {
  const [action, rawEmail, rawRole] = args;
  if ((action !== "create" && action !== "role") || !rawEmail) {
    console.error(USAGE);
    return 2;
  }
  const email = parseOrExplain(emailSchema, rawEmail, "the email");
  let role: Role = "admin";
  let password: string | null = null;
  let generated = false;
  if (action === "role") {
    if (!ROLES.includes(rawRole as Role)) {
      console.error(USAGE);
      return 2;
    }
    role = rawRole as Role;
  } else if (args.includes("--password-stdin")) {
    password = parseOrExplain(newPasswordSchema, await readStdin(), "the password");
  } else {
    password = randomBytes(12).toString("base64url");
    generated = true;
  }
  const database = await openDatabase(readConfig(), (line) => console.error(line));
  try {
    const { user, created } = await ensureAccountWithRole(database.db, email, password, role);
    console.log(`${created ? "created" : "updated"} ${user.email} with the role ${user.role}`);
    if (generated) console.log(`password: ${password}\n(shown once: sign in with it and keep it somewhere safe)`);
    return 0;
  } finally {
    await database.close();
  }
}
