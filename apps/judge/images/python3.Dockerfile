# Production image for Python 3 (JUDGE_RUNTIME=images). Build from apps/judge:
#   docker build -f images/python3.Dockerfile -t roguelearn/judge-python3:1 .
FROM gcc:13 AS harness
COPY sandbox/harness.c /src/harness.c
RUN gcc -O2 -static -o /harness /src/harness.c -lm

FROM python:3.12-slim
COPY --from=harness /harness /opt/rl/harness
RUN ln -sf /usr/local/bin/python3 /usr/bin/python3
LABEL dev.roguelearn.version="Python 3.12"
ENTRYPOINT ["/opt/rl/harness"]
