// docker-compose.yml cannot be run here (no registry to pull images from), so it is read and checked: the roles
// run the commands the Dockerfile's entry point accepts, with settings the platform reads, wired to one database.
import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { LEARNER_COOKIE, SESSION_COOKIE } from "../../server/auth/identity";
import { readConfig } from "../../server/config";

const ROOT = path.resolve(__dirname, "../..");

interface Service {
  image?: string;
  build?: unknown;
  command?: string[];
  environment?: Record<string, string>;
  volumes?: string[];
  ports?: string[];
  expose?: string[];
  deploy?: { replicas?: number };
}

const compose = parse(readFileSync(path.join(ROOT, "docker-compose.yml"), "utf8"), { merge: true }) as { services: Record<string, Service> };
const { web, worker, db, proxy } = compose.services;
const dockerfile = readFileSync(path.join(ROOT, "Dockerfile"), "utf8");

test("there are web servers, workers, PostgreSQL and a proxy, and only the proxy is published", () => {
  expect(Object.keys(compose.services).sort()).toEqual(["db", "proxy", "web", "worker"]);
  expect(web!.deploy?.replicas).toBeGreaterThan(1);
  expect(worker!.deploy?.replicas).toBeGreaterThan(1);
  expect(web!.ports).toBeUndefined();
  expect(worker!.ports).toBeUndefined();
  expect(proxy!.ports).toEqual(["127.0.0.1:3000:80"]);
});

test("web and worker run the platform's image with the commands of their role", () => {
  expect(dockerfile).toMatch(/^ENTRYPOINT \["node", "bin\/tutor\.js"\]$/m);
  expect(web!.image).toBe(worker!.image);
  expect(web!.command).toEqual(["serve", "--no-worker"]);
  expect(worker!.command).toEqual(["worker"]);
});

test("their settings are ones the platform accepts, pointing at the compose database", () => {
  const dbEnv = db!.environment!;
  for (const role of [web!, worker!]) {
    const config = readConfig(role.environment);
    const url = new URL(config.databaseUrl!);
    expect([url.hostname, url.username, url.password, url.pathname]).toEqual(["db", dbEnv.POSTGRES_USER, dbEnv.POSTGRES_PASSWORD, `/${dbEnv.POSTGRES_DB}`]);
    // Sandboxes start on the host's engine; the exercises are the same folder for every role.
    expect(role.volumes).toEqual(expect.arrayContaining(["/var/run/docker.sock:/var/run/docker.sock", "./exercises:/app/exercises:ro"]));
  }
  expect(readConfig(web!.environment).runWorker).toBe(false);
  expect(readConfig(worker!.environment).runWorker).toBe(true);
});

test("the proxy sends requests to the web servers' port, and socket.io's to one server per learner", () => {
  const port = web!.environment!.PORT;
  expect(web!.expose).toEqual([port]);
  const nginx = readFileSync(path.join(ROOT, "deploy/nginx.conf"), "utf8");
  const upstreams = [...nginx.matchAll(/upstream (\w+) \{([^}]*)\}/g)];
  expect(upstreams.map((u) => u[1])).toEqual(["tutor_web", "tutor_live"]);
  for (const u of upstreams) expect(u[2]).toContain(`server web:${port};`);
  // The cookies that identify a learner (auth/identity.ts), so the choice of server follows the learner.
  expect(upstreams[1]![2]).toContain(`hash $cookie_${SESSION_COOKIE}$cookie_${LEARNER_COOKIE} consistent;`);
  expect(nginx).toMatch(/location \/socket\.io\/ \{[^}]*proxy_pass http:\/\/tutor_live;[^}]*Upgrade \$http_upgrade/);
});
