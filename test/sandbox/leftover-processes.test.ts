// Processes left behind: a child, a setsid daemon, a double-forked orphan, all sleeping after a correct answer.
// The verdict does not wait for them, they are killed before the next case, and orphans are reaped.
import { checkHostAfterFile, expectPromptVerdict, gradeAttack } from "./attack";

checkHostAfterFile();

test("daemons left sleeping after a correct answer neither delay the verdict nor survive into the next case", async () => {
  const g = await gradeAttack(`
import os, subprocess, time
def answer(x):
    if x == 1:
        subprocess.Popen(['sleep', '1000'])
        if os.fork() == 0:
            os.setsid()
            if os.fork() == 0:
                time.sleep(1000)
            os._exit(0)
        return 2
    # The harness's fork server (named tutor-forksrv) is the only process besides PID 1 and this case.
    others = [p for p in os.listdir('/proc') if p.isdigit() and int(p) not in (1, os.getpid())
              and open('/proc/%s/comm' % p).read().strip() != 'tutor-forksrv']
    return 42 if not others else others
`);
  expect(g.result.status).toBe("passed");
  // Two cases, each answering at once: far less than one case's time limit.
  expect(g.wallMs).toBeLessThan(g.limits.caseTimeoutMs + 2000);
  expectPromptVerdict(g);
});

test("orphans that exit are reaped as they go, so they never fill the process table", async () => {
  // 150 orphans, each exiting at once, paced so that at most a few are zombies at any moment if the harness
  // reaps while the case runs; without reaping, the pids limit (64) would stop the forks.
  const g = await gradeAttack(
    `
import os, time
def answer(x):
    made = 0
    for _ in range(150):
        child = os.fork()
        if child == 0:
            if os.fork() == 0:
                os._exit(0)
            os._exit(0)
        os.waitpid(child, 0)
        made += 1
        time.sleep(0.01)
    return made
`,
    { limits: { caseTimeoutMs: 6000, totalTimeoutMs: 6000 }, files: { casesYaml: "- name: orphans\n  call: answer(1)\n  expect: 150\n" } },
  );
  expect(g.result.tests[0]).toMatchObject({ status: "passed" });
});
