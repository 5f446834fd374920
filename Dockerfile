# syntax=docker/dockerfile:1
#
# The image makes the bot the way the tested production path does (tests/e2e/production.test.ts; README,
# "Development and production installs"): `npm ci --omit=dev`, `npm run build`, then node dist/main.js.
# No Docker engine runs where this project is developed and tested, so the image itself is never built there;
# tests/deploy.test.ts fails when these steps and the production test stop running the same commands.
# docs/deploy.md: how to run it (compose, reverse proxy, replicas, upgrades).

ARG NODE_VERSION=20

# 1. Production dependencies only. better-sqlite3 is native: npm installs its prebuilt binary, or compiles it with
#    the tools installed here when none fits the platform. Neither the tools nor npm's cache reach the final image.
FROM node:${NODE_VERSION}-bookworm-slim AS deps
WORKDIR /app
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund

# 2. dist/: compiled by the TypeScript of the production install (typescript is a regular dependency), with the
#    data files under src/ copied beside their modules and dist/.build-stamp written.
FROM deps AS build
COPY tsconfig.json tsconfig.build.json ./
COPY scripts ./scripts
COPY src ./src
RUN npm run build

# 3. What runs: Node, the production node_modules, dist/, the bot's words and the corpus. No src/, no compilers.
#    The files belong to root and are read-only to the bot; only .cache/ is its own.
FROM node:${NODE_VERSION}-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# package.json says "type": "module", which dist/*.js needs.
COPY package.json ./
COPY locales ./locales
COPY corpus ./corpus
# .cache/: the index snapshot, the language choices (without Redis) and the polling journal. Made here with its
# owner and mode so that a new named volume starts as a copy of it (owned by node, 0700); a bind mount must be
# writable by uid 1000.
RUN mkdir -m 700 .cache && chown node:node .cache
VOLUME /app/.cache
# The official image's unprivileged user (uid 1000).
USER node
EXPOSE 8080
# No curl in this image: node asks /healthz itself. 200 once Telegram has answered getMe, 503 before and while
# shutting down.
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||8080)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
STOPSIGNAL SIGTERM
# Exec form, node itself as PID 1: SIGTERM (docker stop) reaches the bot, whose handlers in src/main.ts finish the
# updates in flight and exit within 9 s. Not `npm start`: npm would be PID 1 and stand between the signal and the
# bot. Not `node scripts/run.mjs main` either, although that is node too: in production it imports this same
# dist/main.js, but first hashes src/ to check that the build is current (and compiles at start if not); this stage
# has no src/, and dist/ was built in stage 2.
CMD ["node", "dist/main.js"]
