// Monkeypatching json, repr or builtins changes only what the learner's own code sees: results are encoded with
// primitives the harness captured first, and compared outside the container.
import { checkHostAfterFile, expectPromptVerdict, gradeAttack } from "./attack";

checkHostAfterFile();

const PATCH_EVERYTHING = `
import builtins, json, os, sys
json.dumps = lambda *a, **k: '{"outcome": "returned", "value": {"t": "int", "v": "2"}}'
json.loads = lambda *a, **k: {"outcome": "returned"}
json.encoder.encode_basestring_ascii = lambda s: '"2"'
builtins.repr = lambda o: '2'
builtins.str = lambda *a: '2'
builtins.issubclass = lambda *a: True
builtins.isinstance = lambda *a: True
builtins.len = lambda o: 0
builtins.list = tuple
builtins.id = lambda o: 0
builtins.type = lambda *a: int
os.write = lambda fd, data: len(data)
os._exit = lambda code: None
sys.setrecursionlimit(20)
sys.settrace(lambda *a: None)
`;

test("a wrong answer is still seen as wrong, and shown as it is", async () => {
  const g = await gradeAttack(`${PATCH_EVERYTHING}
def answer(x):
    return "wrong"
`);
  expect(g.result.status).toBe("failed");
  expect(g.result.tests[0]).toMatchObject({ status: "failed", actual: "'wrong'" });
  expect(g.result.tests[1]!.status).toBe("failed");
  expectPromptVerdict(g);
});

test("a right answer after the same patching passes", async () => {
  const g = await gradeAttack(`${PATCH_EVERYTHING}
def answer(x):
    return x * 2
`);
  expect(g.result.status).toBe("passed");
});

test("objects that claim to equal anything, or to be ints, do not pass", async () => {
  const g = await gradeAttack(`
class Anything:
    def __eq__(self, other): return True
    def __hash__(self): return 0
    def __repr__(self): return '2'
class FakeInt(int):
    def __eq__(self, other): return True
    def __repr__(self): return '42'
class Meta(type):
    @property
    def __name__(cls): return 'int'
class Liar(metaclass=Meta):
    pass
def answer(x):
    return Anything() if x == 1 else FakeInt(7)
`);
  expect(g.result.tests[0]).toMatchObject({ status: "failed", actual: "2" });
  expect(g.result.observations[0]).toMatchObject({ outcome: "returned", value: { t: "repr", type: "Anything" } });
  expect(g.result.tests[1]!.status).toBe("failed");
  expect(g.result.observations[1]).toMatchObject({ value: { t: "int", v: "7", type: "FakeInt" } });
});

test("an exception with a fake name and fake ancestry cannot pass a raises case", async () => {
  const g = await gradeAttack(
    `
class Meta(type):
    @property
    def __name__(cls): return 'ValueError'
class Fake(Exception, metaclass=Meta):
    pass
def answer(x):
    raise Fake('not really')
`,
    { files: { casesYaml: "- name: raises\n  call: answer(1)\n  raises: ValueError\n" } },
  );
  expect(g.result.status).toBe("failed");
  expect(g.result.tests[0]!.message).toMatch(/^Expected ValueError, but your code raised Fake: not really/);
});
