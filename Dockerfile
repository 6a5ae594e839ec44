# syntax=docker/dockerfile:1.7
#
# One multi-stage Dockerfile for the Rød Løber node apps.
#
#   target  api     NestJS REST API          (docker compose service "api"; also "migrate")
#   target  worker  BullMQ worker            (service "worker")
#   target  web     nginx serving the Vite build of apps/web, proxying /api → api:3000
#
# The node apps run TypeScript directly with @swc-node/register (no separate compile step),
# exactly like `npm start`; the start commands live in docker-compose.yml (CMD here is only a
# default). Build one target by hand:  docker build --target api -t rodlober-api .
#
# The api and worker images default to NODE_ENV=production: started without configuration they
# refuse dev login and demand JWT_SECRET (and a /metrics token or port) instead of running with
# demo logins. docker-compose.yml sets development mode explicitly for the local demo stack.

# Node 24: an LTS line supported until April 2028 (20 reached end of life in April 2026). Node 26
# became the Active LTS in October 2026; move to it once the stack has been tested on it.
ARG NODE_IMAGE=node:24-bookworm-slim
ARG NGINX_IMAGE=nginx:1.27-alpine

# ---------------------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS base
ENV NPM_CONFIG_UPDATE_NOTIFIER=false \
    NPM_CONFIG_FUND=false \
    NPM_CONFIG_AUDIT=false
WORKDIR /app

# ---------------------------------------------------------------------------------------------
# Collect only the package manifests (root + every npm workspace) so that the `npm ci` layer
# below stays cached while sources change. This stage is rebuilt on every source change, but
# its output (/manifests) only changes when a package.json / the lockfile changes.
FROM base AS manifests
COPY . /src
RUN mkdir -p /manifests \
 && cd /src \
 && find . -name node_modules -prune -o -type f \( -name package.json -o -name package-lock.json \) -print \
    | xargs -r cp --parents -t /manifests

# ---------------------------------------------------------------------------------------------
# Dependencies. Dev dependencies are needed at runtime too (@swc-node/register, @swc/core) and
# for the web build (vite), so this is a full `npm ci`.
FROM base AS deps
COPY --from=manifests /manifests/ ./
RUN --mount=type=cache,target=/root/.npm \
    npm ci --no-audit --no-fund

# ---------------------------------------------------------------------------------------------
# Sources on top of node_modules (.dockerignore keeps node_modules, dist, .git, .data out).
FROM deps AS source
# Same tsconfig as scripts/run.js (decorator metadata for NestJS, @rl/* path aliases).
ENV TS_NODE_PROJECT=/app/tsconfig.base.json \
    SWC_NODE_PROJECT=/app/tsconfig.base.json
# Writable document storage and state (the generated development signing key, DATA_DIR) for
# the unprivileged `node` user (compose mounts volumes here and sets STORAGE_ROOT=/data/documents,
# DATA_DIR=/data/state; a fresh named volume inherits this ownership).
RUN mkdir -p /data/documents /data/state && chown -R node:node /data
COPY . .
# After `npm ci` (deps stage), which needs the dev dependencies; secure by default from here on.
ENV NODE_ENV=production \
    DATA_DIR=/data/state

# ---------------------------------------------------------------------------------------------
FROM source AS web-build
RUN npx vite build --config apps/web/vite.config.ts

# ---------------------------------------------------------------------------------------------
FROM ${NGINX_IMAGE} AS web
COPY docker/nginx.conf /etc/nginx/conf.d/default.conf
COPY --from=web-build /app/apps/web/dist /usr/share/nginx/html
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=5s --retries=3 \
    CMD wget -q -O /dev/null http://127.0.0.1:8080/healthz || exit 1

# ---------------------------------------------------------------------------------------------
FROM source AS worker
USER node
CMD ["node", "-r", "@swc-node/register", "apps/worker/src/main.ts"]

# ---------------------------------------------------------------------------------------------
# Last stage = default target of a plain `docker build .`.
FROM source AS api
ENV PORT=3000
EXPOSE 3000
USER node
CMD ["node", "-r", "@swc-node/register", "apps/api/src/main.ts"]
