// Developer entry point for migrations: `npm run migrate:dev -- <name>` and `npm run migrate:deploy`.
import { applyMigrations, createMigration } from "./migrate";

async function main() {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: point it at the PostgreSQL database to migrate.");
  const [command, name = "migration"] = process.argv.slice(2);
  if (command === "deploy") {
    const applied = await applyMigrations(url);
    console.log(`applied: ${applied.join(", ") || "(none pending)"}`);
  } else if (command === "dev") {
    const dir = await createMigration(url, name);
    console.log(dir ? `created ${dir}` : "no schema changes");
  } else {
    throw new Error("usage: migrate-cli.ts deploy | dev <name>");
  }
}

// The wasm engine leaves a 10 s timer armed after it finishes; exit as soon as the work is done.
main().then(() => process.exit(0), (e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
