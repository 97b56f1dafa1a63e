# The Tutor platform, one image for every role (docker-compose.yml): `serve` (web server, grading too unless
# `--no-worker`), `worker` (grading only), or any other `tutor` command. Sandboxes run as sibling containers on
# the Docker engine behind the mounted socket (or DOCKER_HOST); the runner image is built there on first start.
FROM node:20-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
COPY prisma ./prisma
COPY prisma.config.ts tsconfig.json ./
COPY client ./client
# Dolos's tree-sitter parsers (the similarity report) are native addons built at install: the build tools are
# installed for that step only.
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && npm ci --no-audit --no-fund \
  && apt-get purge -y python3 make g++ && apt-get autoremove -y && rm -rf /var/lib/apt/lists/* /root/.cache/node-gyp
COPY . .
ENV NODE_ENV=production
EXPOSE 3000
ENTRYPOINT ["node", "bin/tutor.js"]
CMD ["serve"]
