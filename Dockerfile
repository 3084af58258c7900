# The API in a container, configured by DATABASE_URL (PostgreSQL 13 or later):
#   docker build -t sales-api .
#   docker run -p 3000:3000 -e DATABASE_URL=postgres://user:pass@db:5432/sales \
#     -e JWT_SECRET=<32+ random characters> -e ADMIN_PASSWORD=<10+ characters> sales-api
# Without DATABASE_URL the app starts its embedded PostgreSQL. That is for local runs
# (`npm ci && npm start`, as root it creates a `postgres` system user to run the server)
# and is not meant for containers: its data would live in the container. Point
# DATABASE_URL at a real server.

FROM node:20-bookworm-slim AS build
WORKDIR /app
# argon2 is pinned to 0.44, whose prebuilt binary (Node-API 8) loads on Node 20:
# no compiler is needed. (0.45's needs Node-API 10 and crashes on Node 20.)
ENV SCARF_ANALYTICS=false
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY nest-cli.json tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY migrations ./migrations
COPY tools ./tools
# Migrations are compiled to dist/migrations and run at start. Fail the build here
# if argon2's native module cannot hash.
RUN npx nest build \
  && npm prune --omit=dev --no-audit --no-fund \
  && node -e "require('argon2').hash('probe').then(() => process.exit(0), () => process.exit(1))"

FROM node:20-bookworm-slim
ENV NODE_ENV=production PORT=3000
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# The code stays root-owned; the app may write only its data directory (./data),
# where it keeps a generated JWT secret if JWT_SECRET is unset. Set JWT_SECRET so
# tokens survive a new container and agree across replicas.
RUN mkdir data && chown node:node data
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/health/ready').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/src/main.js"]
