// A hidden case's expected value stays on the server: it is never in what a learner sees, and it never enters
// the learner's container, not even in memory. The markers below exist only in this test process; the code
// that searches the container is given their SHA-256 digests, which reveal nothing about them.
import { createHash, randomBytes } from "node:crypto";
import { gradeSubmission, type GradeResult } from "../../server/grading/grade";
import type { TestResult } from "../../server/grading/judge";
import { fixtureExercise } from "../support/exercise-fixture";
import { jsonWithBigInts, recordingSandbox } from "../support/recording-sandbox";
import { freshReferenceCache } from "../support/sandbox";

const PREFIX = "TUTORHIDDEN";
const newMarker = () => PREFIX + randomBytes(16).toString("hex");
const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/**
 * The learner's submission. scan() looks through every regular file under / (not /proc or /sys, except every
 * process's cmdline and environ) and through the memory of its own process, which is a fork of the harness and
 * so holds everything the harness received. It reports the digests it found and prints what it covered.
 * `planted` is a control: written to a file and present in the request, it must be found.
 */
const SCANNER = String.raw`
import ctypes, hashlib, json, os, re, stat

PATTERN = re.compile(re.escape(b"TUTOR" + b"HIDDEN") + rb"[0-9a-f]{32}")
CHUNK = 1 << 20


def _check(data, digests, found):
    for m in PATTERN.finditer(data):
        d = hashlib.sha256(m.group(0)).hexdigest()
        if d in digests:
            found.add(d)


def _scan_file(path, digests, found, stats):
    try:
        with open(path, "rb") as f:
            tail = b""
            while True:
                block = f.read(CHUNK)
                if not block:
                    break
                stats["bytes"] += len(block)
                _check(tail + block, digests, found)
                tail = block[-64:]
        stats["files"] += 1
        return True
    except OSError:
        stats["unreadable"] += 1
        return False


def _scan_memory(digests, found, stats):
    # The case process inherits the harness's non-dumpable flag, which hides its own /proc/self/mem.
    ctypes.CDLL(None).prctl(4, 1, 0, 0, 0)
    with open("/proc/self/maps") as maps, open("/proc/self/mem", "rb", 0) as mem:
        for line in maps:
            fields = line.split()
            if "r" not in fields[1] or (len(fields) > 5 and fields[5] in ("[vvar]", "[vsyscall]")):
                continue
            start, end = (int(x, 16) for x in fields[0].split("-"))
            try:
                data = os.pread(mem.fileno(), end - start, start)
            except OSError:
                continue
            stats["memory"] += len(data)
            _check(data, digests, found)


def scan(digests, planted):
    with open("/tmp/planted.txt", "w") as f:
        f.write("before " + planted + " after")
    digests = set(digests)
    found = set()
    stats = {"files": 0, "bytes": 0, "unreadable": 0, "memory": 0, "proc": 0, "learner_file": False}
    for pid in os.listdir("/proc"):
        if pid.isdigit():
            for name in ("cmdline", "environ"):
                if _scan_file("/proc/%s/%s" % (pid, name), digests, found, stats):
                    stats["proc"] += 1
    for root, dirs, files in os.walk("/"):
        if root == "/":
            dirs[:] = [d for d in dirs if d not in ("proc", "sys")]
        for name in files:
            path = os.path.join(root, name)
            try:
                st = os.lstat(path)
            except OSError:
                stats["unreadable"] += 1
                continue
            if stat.S_ISREG(st.st_mode):
                if _scan_file(path, digests, found, stats) and os.path.samefile(path, __file__):
                    stats["learner_file"] = True
    _scan_memory(digests, found, stats)
    print(json.dumps(stats))
    return sorted(found)


def answer():
    return "not the secret"
`;

function expectNoMarker(text: string, markers: string[]) {
  for (const m of markers) {
    expect(text).not.toContain(m);
    expect(text).not.toContain(m.slice(PREFIX.length));
  }
}

function expectHiddenResultsBare(tests: TestResult[]) {
  for (const t of tests.filter((t) => t.hidden)) expect(Object.keys(t).sort()).toEqual(["hidden", "message", "name", "status"]);
}

test("hidden expected values never reach the learner's container nor the result", async () => {
  const secret = newMarker(); // a hidden case's expected value, written in cases.yaml
  const nested = newMarker(); // another, inside a structure
  const fromReference = newMarker(); // a hidden case without `expect`: only the reference solution knows it
  const control = newMarker(); // sent into the container on purpose, to show the search finds what is there
  const digests = [secret, nested, fromReference, control].map(sha256);

  const exercise = fixtureExercise({
    exerciseYaml: "title: Hidden\nsummary: Hidden values.\ndifficulty: 1\nfile: scanner.py\nentry: answer\nlimits: {timeoutMs: 15000}\n",
    solution: `def answer():\n    return "${fromReference}"\n`,
    casesYaml: [
      "- name: the secret",
      "  call: answer()",
      `  expect: "${secret}"`,
      "  hidden: true",
      "- name: a secret inside a structure",
      "  call: answer()",
      `  expect: {"${nested}": !tuple [1, "${nested}"]}`,
      "  hidden: true",
      "- name: the reference's secret",
      "  call: answer()",
      "  hidden: true",
      "- name: nothing hidden is in the sandbox",
      `  call: scan(${JSON.stringify(digests)}, "${control}")`,
      `  expect: ["${sha256(control)}"]`,
      "",
    ].join("\n"),
  });
  const sandbox = await recordingSandbox();
  const streamed: TestResult[] = [];
  const result: GradeResult = await gradeSubmission(sandbox, freshReferenceCache(), exercise, SCANNER, { onTest: (_i, _n, t) => streamed.push(t) });

  // The search ran over the whole container and found only the control.
  const scan = result.observations[3]!;
  expect(scan).toMatchObject({ outcome: "returned", value: { t: "list", items: [{ t: "str", v: sha256(control) }] } });
  const stats = JSON.parse((scan.stdout ?? "").trim()) as Record<string, number | boolean>;
  expect(stats.files).toBeGreaterThan(1000);
  expect(stats.bytes).toBeGreaterThan(10_000_000);
  expect(stats.memory).toBeGreaterThan(1_000_000);
  expect(stats.proc).toBeGreaterThanOrEqual(2);
  expect(stats.learner_file).toBe(true);
  expect(result.tests[3]).toMatchObject({ name: "nothing hidden is in the sandbox", status: "passed" });

  // The hidden cases were judged, and failed, on the server.
  expect(result.tests.slice(0, 3).map((t) => [t.status, t.hidden])).toEqual([
    ["failed", true],
    ["failed", true],
    ["failed", true],
  ]);
  expectHiddenResultsBare(result.tests);

  // Two containers ran: the reference's (only the case without expect) and the learner's (calls only).
  expect(sandbox.requests).toHaveLength(2);
  const [referenceRequest, learnerRequest] = sandbox.requests;
  expect(referenceRequest!.cases).toEqual([{ id: 2, call: "answer()" }]);
  expectNoMarker(jsonWithBigInts(referenceRequest), [secret, nested]);
  expect(learnerRequest!.source).toBe(SCANNER);
  for (const c of learnerRequest!.cases) expect(Object.keys(c).sort()).toEqual(["call", "id"]);
  expectNoMarker(jsonWithBigInts(learnerRequest), [secret, nested, fromReference]);

  // Nothing the learner or an instructor's view gets holds the secrets.
  expectNoMarker(jsonWithBigInts(result), [secret, nested, fromReference]);
  expectNoMarker(jsonWithBigInts(streamed), [secret, nested, fromReference]);
});

test("a reference-free exercise sends only call expressions, and observations hold no expected value", async () => {
  const secret = newMarker();
  const exercise = fixtureExercise({
    solution: `def answer(x):\n    return "${secret}" if x else "visible"\n`,
    casesYaml: [
      "- name: visible",
      "  call: answer(0)",
      '  expect: "visible"',
      "- name: hidden",
      "  call: answer(1)",
      `  expect: "${secret}"`,
      "  hidden: true",
      "- name: hidden raises",
      "  call: answer(None)",
      "  raises: SecretError",
      "  hidden: true",
      "",
    ].join("\n"),
  });
  const sandbox = await recordingSandbox();
  const result = await gradeSubmission(sandbox, freshReferenceCache(), exercise, 'def answer(x):\n    return "visible"\n');

  expect(result.tests.map((t) => t.status)).toEqual(["passed", "failed", "failed"]);
  expect(sandbox.requests).toEqual([
    {
      file: "answer.py",
      source: 'def answer(x):\n    return "visible"\n',
      cases: [
        { id: 0, call: "answer(0)" },
        { id: 1, call: "answer(1)" },
        { id: 2, call: "answer(None)" },
      ],
    },
  ]);
  const observations = jsonWithBigInts(result.observations);
  expect(Object.keys(result.observations)).toEqual(["0", "1", "2"]);
  expectNoMarker(observations, [secret]);
  expect(observations).not.toContain("SecretError");
  expect(observations).not.toMatch(/"expect/);
  expectNoMarker(jsonWithBigInts(result), [secret]);
  expect(jsonWithBigInts(result.tests)).not.toContain("SecretError");
  expectHiddenResultsBare(result.tests);
});
