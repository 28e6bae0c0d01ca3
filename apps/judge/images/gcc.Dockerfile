# Production image for C and C++:
#   docker build -f images/gcc.Dockerfile -t roguelearn/judge-gcc:1 .
FROM gcc:13
COPY sandbox/harness.c /src/harness.c
RUN mkdir -p /opt/rl && gcc -O2 -static -o /opt/rl/harness /src/harness.c -lm \
 && ln -sf /usr/local/bin/gcc /usr/bin/gcc && ln -sf /usr/local/bin/g++ /usr/bin/g++ && rm -rf /src
LABEL dev.roguelearn.version="GCC 13"
ENTRYPOINT ["/opt/rl/harness"]
