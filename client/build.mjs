// Bundles client/src/main.ts into client/dist/app.js and copies index.html and styles.css next to it.
// Usage: node client/build.mjs [--watch]
import { build, context, formatMessages } from "esbuild";
import { copyFile, mkdir, stat } from "node:fs/promises";
import { watch as watchFile } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const clientDir = dirname(fileURLToPath(import.meta.url));
const distDir = join(clientDir, "dist");
const staticFiles = ["index.html", "styles.css"];
const watchMode = process.argv.includes("--watch");

/** @type {import("esbuild").BuildOptions} */
const options = {
  entryPoints: [join(clientDir, "src", "main.ts")],
  outfile: join(distDir, "app.js"),
  bundle: true,
  platform: "browser",
  format: "iife",
  target: "es2020",
  minify: true,
  sourcemap: true,
  legalComments: "none",
  define: { "process.env.NODE_ENV": '"production"' },
  logLevel: "silent",
  metafile: true,
};

async function copyStatic() {
  await mkdir(distDir, { recursive: true });
  await Promise.all(staticFiles.map((file) => copyFile(join(clientDir, file), join(distDir, file))));
}

async function report(messages, kind) {
  if (messages.length === 0) return;
  const lines = await formatMessages(messages, { kind, color: process.stderr.isTTY });
  process.stderr.write(lines.join(""));
}

async function summary(started) {
  const { size } = await stat(options.outfile);
  const where = relative(process.cwd(), options.outfile) || options.outfile;
  return `client: built ${where} (${Math.round(size / 1024)} kB) in ${Date.now() - started} ms`;
}

if (!watchMode) {
  const started = Date.now();
  try {
    const [result] = await Promise.all([build(options), copyStatic()]);
    await report(result.warnings, "warning");
    console.log(await summary(started));
  } catch (error) {
    if (error && Array.isArray(error.errors) && error.errors.length > 0) {
      await report(error.errors, "error");
      await report(error.warnings ?? [], "warning");
    } else {
      console.error(`client: build failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    process.exit(1);
  }
} else {
  let started = Date.now();
  const ctx = await context({
    ...options,
    plugins: [
      {
        name: "report",
        setup(pluginBuild) {
          pluginBuild.onStart(() => {
            started = Date.now();
          });
          pluginBuild.onEnd(async (result) => {
            await report(result.errors, "error");
            await report(result.warnings, "warning");
            if (result.errors.length === 0) {
              await copyStatic();
              console.log(await summary(started));
            }
          });
        },
      },
    ],
  });
  await ctx.watch();
  for (const file of staticFiles) {
    watchFile(join(clientDir, file), () => {
      copyStatic().then(
        () => console.log(`client: copied ${file}`),
        (error) => console.error(`client: could not copy ${file}: ${error.message}`),
      );
    });
  }
  console.log("client: watching for changes (Ctrl+C to stop)");
}
