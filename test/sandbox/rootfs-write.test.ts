// The root file system is read-only: the learner can change neither the system, nor Python, nor the harness.
import { checkHostAfterFile, probeInside } from "./attack";

checkHostAfterFile();

test("nothing outside the scratch mounts can be written, created or changed", async () => {
  const { found } = await probeInside(`
import json, os
def probe():
    attempts = {}
    def attempt(name, action):
        try:
            action()
            attempts[name] = 'done'
        except OSError as e:
            attempts[name] = e.strerror
    attempt('append to the harness', lambda: open('/opt/tutor/harness/case.py', 'a').write('# changed'))
    attempt('rename the harness', lambda: os.rename('/opt/tutor/harness', '/opt/tutor/old'))
    attempt('change a stdlib module', lambda: open(os.__file__, 'a').write('# changed'))
    attempt('create a file in /', lambda: open('/planted', 'w').write('x'))
    attempt('create a file in /var/tmp', lambda: open('/var/tmp/planted', 'w').write('x'))
    attempt('create a file in /etc', lambda: open('/etc/planted', 'w').write('x'))
    attempt('change /etc/passwd', lambda: open('/etc/passwd', 'a').write('me::0:0::/:/bin/sh'))
    attempt('make a folder in /usr', lambda: os.mkdir('/usr/planted'))
    attempt('chmod python', lambda: os.chmod('/usr/bin/python3', 0o777))
    attempt('write the cgroup memory limit', lambda: open('/sys/fs/cgroup/memory/memory.limit_in_bytes', 'w').write('-1'))
    return json.dumps(attempts)
`);
  const attempts = found as Record<string, string>;
  expect(Object.keys(attempts)).toHaveLength(10);
  for (const [what, outcome] of Object.entries(attempts)) {
    expect([what, outcome]).toEqual([what, expect.stringMatching(/^(Read-only file system|Permission denied|Operation not permitted|No such file or directory)$/)]);
  }
  expect(attempts["create a file in /var/tmp"]).toBe("Read-only file system");
});
