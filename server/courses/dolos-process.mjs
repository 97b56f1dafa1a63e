// Dolos, run in a process of its own for comparePrograms (similarity.ts): one JSON request on stdin
// ({programs: [{key, code}], boilerplate}), one JSON answer on stdout ({pairs: [...]} or {error}). Its parsers are
// native tree-sitter addons, which Node loads once per process, and comparing a class's programs is CPU work that
// would stall the web server's event loop; a child process keeps both away from the server.
import { Dolos, File } from "@dodona/dolos-lib";

async function readStdin() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return Buffer.concat(chunks).toString("utf8");
}

try {
  const { programs, boilerplate } = JSON.parse(await readStdin());
  const dolos = new Dolos({ language: "python" });
  const report = await dolos.analyze(
    programs.map((p) => new File(p.key, p.code)),
    undefined,
    new File("boilerplate.py", boilerplate),
  );
  const pairs = report
    .allPairs()
    .filter((pair) => pair.similarity > 0)
    .map((pair) => ({
      left: pair.leftFile.path,
      right: pair.rightFile.path,
      similarity: pair.similarity,
      longest: pair.longest,
      fragments: pair.buildFragments().map((f) => ({ left: f.leftSelection, right: f.rightSelection })),
    }));
  process.stdout.write(JSON.stringify({ pairs }));
} catch (error) {
  process.stdout.write(JSON.stringify({ error: String(error?.message ?? error) }));
}
