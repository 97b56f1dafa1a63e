// No network: the container has only the loopback interface and no route anywhere. Proven by inspecting the
// container (from inside and through Docker), never by sending traffic.
import { checkHostAfterFile, inspectRunningContainer, probeInside } from "./attack";

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
  const { inspection, graded } = await inspectRunningContainer();
  expect(inspection.HostConfig.NetworkMode).toBe("none");
  expect((inspection.Config as { NetworkDisabled?: boolean }).NetworkDisabled).toBe(true);
  for (const [name, settings] of Object.entries(inspection.NetworkSettings.Networks ?? {})) {
    expect(name).toBe("none");
    expect(settings.IPAddress).toBe("");
  }
  expect((inspection.NetworkSettings as { IPAddress?: string }).IPAddress ?? "").toBe("");
  expect(graded.result.status).toBe("passed");
});
