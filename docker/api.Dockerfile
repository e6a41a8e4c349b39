# syntax=docker/dockerfile:1
# Mend API + the built web app in one image. Build from the repository root:
#   docker build -f docker/api.Dockerfile -t mend .

FROM node:20-bookworm-slim AS build
WORKDIR /src
ENV NX_DAEMON=false NX_NO_CLOUD=true NX_TUI=false CI=true
COPY package.json package-lock.json .npmrc ./
RUN npm install --no-audit --no-fund
COPY . .
RUN npx nx run-many -t build -p api web --output-style=static

# Production dependencies only, from the package.json the API build generates.
FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY --from=build /src/dist/apps/api/package.json /src/dist/apps/api/package-lock.json ./
RUN npm install --omit=dev --no-audit --no-fund && npm cache clean --force

FROM node:20-bookworm-slim AS runtime
# A fixed mmap threshold: each password hash's 19 MiB goes back to the system when it is done,
# instead of staying in a malloc arena (about 80 MB of RSS after a burst of sign-ins).
ENV MALLOC_MMAP_THRESHOLD_=131072 \
    NODE_ENV=production \
    PORT=3000 \
    HOST=0.0.0.0 \
    WEB_DIST_DIR=/app/web
WORKDIR /app
COPY --from=deps --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /src/dist/apps/api ./
COPY --from=build --chown=node:node /src/dist/apps/web/browser ./web
COPY --chown=node:node docker/entrypoint.sh ./entrypoint.sh
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s \
  CMD node -e "fetch('http://127.0.0.1:'+process.env.PORT+'/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
ENTRYPOINT ["./entrypoint.sh"]
