// Applies and creates Prisma migrations through @prisma/schema-engine-wasm, so no native schema engine is
// downloaded. The folders under prisma/migrations are ordinary Prisma migrations: on a machine that can fetch
// Prisma's binaries, `prisma migrate deploy` applies the same ones.
import { readFileSync, existsSync, readdirSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { migrateAdapter } from "./migrate-adapter";

const ROOT = path.resolve(__dirname, "../..");
const SCHEMA = path.join(ROOT, "prisma/schema.prisma");
const MIGRATIONS = path.join(ROOT, "prisma/migrations");
const filters = { externalTables: [], externalEnums: [] };

type WasmBindings = typeof import("@prisma/schema-engine-wasm/schema_engine_bg");
type SchemaEngine = WasmBindings["SchemaEngine"]["prototype"];

let bindings: Promise<WasmBindings> | undefined;
function loadWasm(): Promise<WasmBindings> {
  bindings ??= (async () => {
    const bg = await import("@prisma/schema-engine-wasm/schema_engine_bg");
    const wasmPath = path.join(path.dirname(require.resolve("@prisma/schema-engine-wasm/schema_engine_bg")), "schema_engine_bg.wasm");
    const { instance } = await WebAssembly.instantiate(readFileSync(wasmPath), { "./schema_engine_bg.js": bg as never });
    (bg as unknown as { __wbg_set_wasm(e: unknown): void }).__wbg_set_wasm(instance.exports);
    (instance.exports as unknown as { __wbindgen_start(): void }).__wbindgen_start();
    return bg;
  })();
  return bindings;
}

/**
 * The wasm engine arms a 10 s timer per advisory-lock wait and never clears it, which would keep a process
 * (a CLI, a test run) alive 10 s after the work is done. While the engine runs, such long timers are unref'd.
 */
async function withLongTimersUnref<T>(work: () => Promise<T>): Promise<T> {
  const original = globalThis.setTimeout;
  globalThis.setTimeout = ((callback: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => {
    const timer = original(callback, ms, ...args);
    if ((ms ?? 0) >= 10_000) timer.unref();
    return timer;
  }) as typeof setTimeout;
  try {
    return await work();
  } finally {
    globalThis.setTimeout = original;
  }
}

// A fresh engine per step: after applyMigrations applies something, an instance loses its shadow database.
async function withEngine<T>(databaseUrl: string, step: (engine: SchemaEngine) => Promise<T>): Promise<T> {
  return withLongTimersUnref(() => runEngine(databaseUrl, step));
}

async function runEngine<T>(databaseUrl: string, step: (engine: SchemaEngine) => Promise<T>): Promise<T> {
  const bg = await loadWasm();
  const { bindMigrationAwareSqlAdapterFactory } = await import("@prisma/driver-adapter-utils");
  const adapter = bindMigrationAwareSqlAdapterFactory(migrateAdapter(databaseUrl));
  const log = (line: string) => {
    if (process.env.DEBUG_MIGRATIONS) console.error(line);
  };
  const engine = await bg.SchemaEngine.new({ datamodels: [[SCHEMA, readFileSync(SCHEMA, "utf8")]] }, log, adapter);
  try {
    return await step(engine);
  } finally {
    engine.free();
  }
}

function migrationsList() {
  const lock = path.join(MIGRATIONS, "migration_lock.toml");
  const dirs = existsSync(MIGRATIONS)
    ? readdirSync(MIGRATIONS, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort()
    : [];
  return {
    baseDir: MIGRATIONS,
    shadowDbInitScript: "",
    lockfile: { path: "migration_lock.toml", content: existsSync(lock) ? readFileSync(lock, "utf8") : null },
    migrationDirectories: dirs.map((d) => ({
      path: d,
      migrationFile: {
        path: "migration.sql",
        content: { tag: "ok" as const, value: readFileSync(path.join(MIGRATIONS, d, "migration.sql"), "utf8") },
      },
    })),
  };
}

const schemaFiles = () => ({ files: [{ path: SCHEMA, content: readFileSync(SCHEMA, "utf8") }] });

/** Applies every pending migration; returns the names of those applied now. */
export async function applyMigrations(databaseUrl: string): Promise<string[]> {
  const result = await withEngine(databaseUrl, (e) => e.applyMigrations({ migrationsList: migrationsList(), filters }));
  return result.appliedMigrationNames;
}

/** Creates a migration from the difference between the migrations and the schema, then applies it. */
export async function createMigration(databaseUrl: string, name: string): Promise<string | null> {
  await applyMigrations(databaseUrl);
  // createMigration only finds the shadow database after devDiagnostic ran on the same engine.
  const created = await withEngine(databaseUrl, async (e) => {
    const diagnostic = await e.devDiagnostic({ migrationsList: migrationsList(), filters });
    if (diagnostic.action.tag === "reset") throw new Error(`the database drifted from the migrations: ${diagnostic.action.reason}`);
    return e.createMigration({ draft: false, migrationName: name, migrationsList: migrationsList(), schema: schemaFiles(), filters });
  });
  if (!created.migrationScript) return null;
  const dir = path.join(MIGRATIONS, created.generatedMigrationName);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, "migration.sql"), created.migrationScript);
  writeFileSync(path.join(MIGRATIONS, "migration_lock.toml"), `provider = "${created.connectorType}"\n`);
  await applyMigrations(databaseUrl);
  return dir;
}
