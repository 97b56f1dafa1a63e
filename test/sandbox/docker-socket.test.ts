// No way to the Docker engine: no socket file anywhere in the container, and the usual paths do not exist.
import { checkHostAfterFile, probeInside } from "./attack";

checkHostAfterFile();

test("there is no Docker socket, nor any other socket file, in the container", async () => {
  const { found } = await probeInside(`
import json, os, socket, stat
def probe():
    sockets = []
    for root, dirs, files in os.walk('/'):
        if root.startswith(('/proc', '/sys')):
            dirs[:] = []
            continue
        for name in files + dirs:
            try:
                if stat.S_ISSOCK(os.lstat(os.path.join(root, name)).st_mode):
                    sockets.append(os.path.join(root, name))
            except OSError:
                pass
    connects = {}
    for path in ('/var/run/docker.sock', '/run/docker.sock', '/run/containerd/containerd.sock', '/var/run/docker/containerd/containerd.sock'):
        s = socket.socket(socket.AF_UNIX)
        try:
            s.connect(path)
            connects[path] = 'connected'
        except OSError as e:
            connects[path] = e.strerror
        finally:
            s.close()
    return json.dumps({'sockets': sockets, 'connects': connects})
`);
  const f = found as { sockets: string[]; connects: Record<string, string> };
  expect(f.sockets).toEqual([]);
  for (const outcome of Object.values(f.connects)) expect(outcome).toBe("No such file or directory");
});
