// No network: the container has only the loopback interface and no route anywhere. Proven by inspecting the
// container (from inside and through Docker), never by sending traffic.
import { checkHostAfterFile, createdContainers, docker, gradeAttack, probeInside, sandboxContainers } from "./attack";
import { SANDBOX_LABEL } from "../../server/grading/sandbox";

checkHostAfterFile();

test("inside, the only network interface is lo, and there are no routes", async () => {
  const { found } = await probeInside(`
import json, os
def probe():
    dev = [line.split(':')[0].strip() for line in open('/proc/net/dev').read().splitlines()[2:]]
    routes = open('/proc/net/route').read().splitlines()[1:]
    routes6 = [l for l in open('/proc/net/ipv6_route').read().splitlines() if not l.rstrip().endswith('lo')]
    return json.dumps({'sysClassNet': sorted(os.listdir('/sys/class/net')), 'procNetDev': dev, 'routes': routes, 'routes6': routes6})
`);
  expect(found).toEqual({ sysClassNet: ["lo"], procNetDev: ["lo"], routes: [], routes6: [] });
});

test("Docker reports the running container on network mode none, with no network and no address", async () => {
  const running = gradeAttack("import time\ndef answer(x):\n    time.sleep(3)\n    return x * 2\n", {
    limits: { caseTimeoutMs: 5000, totalTimeoutMs: 5000 },
    files: { casesYaml: "- name: one\n  call: answer(1)\n  expect: 2\n" },
  });
  let inspected: Awaited<ReturnType<ReturnType<typeof docker.getContainer>["inspect"]>> | undefined;
  for (let i = 0; i < 40 && !inspected; i++) {
    await new Promise((r) => setTimeout(r, 100));
    const live = (await sandboxContainers()).find((c) => c.State === "running" && c.Labels[SANDBOX_LABEL] === "1" && createdContainers.has(c.Id));
    if (live) inspected = await docker.getContainer(live.Id).inspect();
  }
  expect(inspected).toBeDefined();
  expect(inspected!.HostConfig.NetworkMode).toBe("none");
  expect((inspected!.Config as { NetworkDisabled?: boolean }).NetworkDisabled).toBe(true);
  const networks = Object.entries(inspected!.NetworkSettings.Networks ?? {});
  for (const [name, settings] of networks) {
    expect(name).toBe("none");
    expect(settings.IPAddress).toBe("");
  }
  expect((inspected!.NetworkSettings as { IPAddress?: string }).IPAddress ?? "").toBe("");
  expect((await running).result.status).toBe("passed");
});
