// A hidden case's input never reaches the processes that run other cases: each case runs in a freshly exec'd
// interpreter that is handed only its own call. A submission that walks the stack, the garbage collector's
// objects and its own memory, looking for the other cases' calls, finds nothing.
import { randomBytes } from "node:crypto";
import { checkHostAfterFile, gradeAttack } from "./attack";

checkHostAfterFile();

const SNOOP = `
import gc, sys, re

PATTERN = re.compile(rb"secret-input-[0-9a-f]{16}")

def snoop():
    found = set()
    frame = sys._getframe()
    while frame is not None:
        for value in list(frame.f_locals.values()) + list(frame.f_globals.values()):
            found.update(PATTERN.findall(repr(value).encode("utf-8", "replace")))
        frame = frame.f_back
    for obj in gc.get_objects():
        try:
            found.update(PATTERN.findall(repr(obj).encode("utf-8", "replace")[:100000]))
        except Exception:
            pass
    with open("/proc/self/maps") as maps:
        for line in maps:
            parts = line.split()
            if len(parts) < 2 or "r" not in parts[1] or (len(parts) > 5 and parts[5].startswith("[v")):
                continue
            start, end = (int(x, 16) for x in parts[0].split("-"))
            try:
                with open("/proc/self/mem", "rb") as mem:
                    mem.seek(start)
                    found.update(PATTERN.findall(mem.read(min(end - start, 64 * 1024 * 1024))))
            except (OSError, ValueError, OverflowError):
                pass
    return sorted(x.decode() for x in found)

def answer(x):
    return snoop()
`;

test("no case process can find another case's input, hidden or not", async () => {
  const marker = () => `secret-input-${randomBytes(8).toString("hex")}`;
  const [visible, hiddenOne, hiddenTwo] = [marker(), marker(), marker()];
  const g = await gradeAttack(SNOOP, {
    limits: { caseTimeoutMs: 10_000, totalTimeoutMs: 30_000 },
    files: {
      solution: "def answer(x):\n    return []\n",
      casesYaml: [
        "- name: the hidden ones run first",
        `  call: answer('${hiddenOne}')`,
        "  expect: []",
        "  hidden: true",
        "- name: another hidden one",
        `  call: answer('${hiddenTwo}')`,
        "  expect: []",
        "  hidden: true",
        "- name: visible",
        `  call: answer('${visible}')`,
        "  expect: []",
        "",
      ].join("\n"),
    },
  });
  const seenBy = (index: number) => {
    const observed = g.result.observations[index];
    expect(observed?.outcome).toBe("returned");
    return (observed as { value: { items: { v: string }[] } }).value.items.map((i) => i.v);
  };
  // Each case finds its own input (it is in its own call) and nothing else.
  expect(seenBy(0)).toEqual([hiddenOne]);
  expect(seenBy(1)).toEqual([hiddenTwo]);
  expect(seenBy(2)).toEqual([visible]);
  // What the learner is shown mentions no hidden input (observations stay on the server).
  const shown = JSON.stringify({ status: g.result.status, message: g.result.message, tests: g.result.tests });
  expect(shown).toContain(visible);
  expect(shown).not.toContain(hiddenOne);
  expect(shown).not.toContain(hiddenTwo);
});
