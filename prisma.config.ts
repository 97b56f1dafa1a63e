// Prisma 7's CLI downloads a native schema engine before `generate`, although generate only uses the
// bundled wasm. Pointing the override at an existing file skips that download, which cannot work offline.
// Migrations run through server/database/migrate.ts (the wasm engine), so the native engine is never needed.
import { defineConfig } from "prisma/config";

process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= "/bin/false";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
});
