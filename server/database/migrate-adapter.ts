// Driver adapter for the wasm schema engine (migrate.ts), working around @prisma/adapter-pg bugs that break
// migrations when no native schema engine can be downloaded:
//  1. catalog columns of type "char" (oid 18) / name (19) are rejected (prisma/orm#27403): report them as text;
//  2. connectToShadowDb() spreads {...config, database} but pg lets connectionString win: pass discrete fields;
//  3. the shadow database is dropped before its pool is closed ("being accessed by other users"): close first;
//  4. executeScript() splits on ';', which breaks $$ bodies and literals: send the script as one simple query.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";

const REPORTED_AS_TEXT: Record<number, number> = { 18: 25, 19: 25, 1002: 1009, 1003: 1009 };

type QueryResultLike = { fields?: { dataTypeID: number }[] };
function withTextCatalogTypes<T>(result: T): T {
  for (const r of (Array.isArray(result) ? result : [result]) as QueryResultLike[]) {
    for (const field of r?.fields ?? []) {
      const replacement = REPORTED_AS_TEXT[field.dataTypeID];
      if (replacement) field.dataTypeID = replacement;
    }
  }
  return result;
}

class CatalogSafeClient extends pg.Client {
  // pg's overloads cannot be restated in a subclass; every call is forwarded unchanged.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override query(...args: unknown[]): any {
    const callbackIndex = args.findIndex((a) => typeof a === "function");
    if (callbackIndex >= 0) {
      const callback = args[callbackIndex] as (err: unknown, res: unknown) => void;
      args[callbackIndex] = (err: unknown, res: unknown) => callback(err, err ? res : withTextCatalogTypes(res));
    }
    const out = (super.query as (...a: unknown[]) => unknown)(...args);
    return out && typeof (out as Promise<unknown>).then === "function" ? (out as Promise<unknown>).then(withTextCatalogTypes) : out;
  }
}

type ScriptRunner = { executeScript(script: string): Promise<void> };
function runScriptsWhole<T extends ScriptRunner>(adapter: T): T {
  const a = adapter as unknown as {
    underlyingDriver(): pg.Pool;
    onError(e: unknown): never;
    executeScript(script: string): Promise<void>;
  };
  a.executeScript = async (script: string) => {
    try {
      await a.underlyingDriver().query(script);
    } catch (e) {
      a.onError(e);
    }
  };
  return adapter;
}

class MigratePg extends PrismaPg {
  constructor(private readonly poolConfig: pg.PoolConfig) {
    super(poolConfig);
  }
  override async connect() {
    return runScriptsWhole(await super.connect());
  }
  override async connectToShadowDb() {
    const admin = await super.connect();
    const database = `prisma_migrate_shadow_db_${randomUUID()}`;
    await admin.executeScript(`CREATE DATABASE "${database}"`);
    const shadow = runScriptsWhole(await new PrismaPg({ ...this.poolConfig, database }).connect());
    const closeShadow = shadow.dispose.bind(shadow);
    shadow.dispose = async () => {
      await closeShadow();
      await admin.executeScript(`DROP DATABASE IF EXISTS "${database}"`);
      await admin.dispose();
    };
    return shadow;
  }
}

export function migrateAdapter(databaseUrl: string) {
  const u = new URL(databaseUrl);
  return new MigratePg({
    host: u.hostname,
    port: Number(u.port || 5432),
    database: decodeURIComponent(u.pathname.slice(1)),
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    Client: CatalogSafeClient as unknown as typeof pg.Client,
    // Without these the process idles 10 s+ after the last query before it can exit.
    allowExitOnIdle: true,
    idleTimeoutMillis: 100,
  });
}
