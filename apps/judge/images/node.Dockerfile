# Production image for JavaScript and TypeScript (esbuild compiles TypeScript):
#   docker build -f images/node.Dockerfile -t roguelearn/judge-node:1 .
FROM gcc:13 AS harness
COPY sandbox/harness.c /src/harness.c
RUN gcc -O2 -static -o /harness /src/harness.c -lm

FROM node:22-slim AS esbuild
RUN npm install -g esbuild@0.28.2

FROM node:22-slim
COPY --from=harness /harness /opt/rl/harness
COPY --from=esbuild /usr/local/lib/node_modules/esbuild/bin/esbuild /opt/rl/esbuild
RUN ln -sf /usr/local/bin/node /usr/bin/node
LABEL dev.roguelearn.version="Node.js 22"
ENTRYPOINT ["/opt/rl/harness"]
