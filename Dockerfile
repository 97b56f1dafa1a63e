# The Tutor web server and grading worker, for docker-compose.yml. Sandboxes run as sibling containers on the
# host's engine through the mounted Docker socket; the runner image is built there on first start.
FROM node:20-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
COPY prisma ./prisma
COPY prisma.config.ts tsconfig.json ./
COPY client ./client
RUN npm ci --no-audit --no-fund
COPY . .
ENV NODE_ENV=production
EXPOSE 3000
CMD ["node", "bin/tutor.js", "serve"]
