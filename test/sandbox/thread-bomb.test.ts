// Threads count against the pids limit too: a thread bomb gets an error that says what happened.
import { checkHostAfterFile, expectPromptVerdict, gradeAttack } from "./attack";

checkHostAfterFile();

test("a thread bomb is stopped by the process limit and told so", async () => {
  const g = await gradeAttack(`
import threading, time
def answer(x):
    while True:
        threading.Thread(target=time.sleep, args=(100,)).start()
`);
  expect(g.result.status).toBe("error");
  expect(g.result.tests[0]!.message).toMatch(/started too many processes or threads \(line 5\): at most 64 may run at once/);
  expectPromptVerdict(g);
});
