# Production image for Java 17 (paths match languages.ts):
#   docker build -f images/java.Dockerfile -t roguelearn/judge-java:1 .
FROM gcc:13 AS harness
COPY sandbox/harness.c /src/harness.c
RUN gcc -O2 -static -o /harness /src/harness.c -lm

FROM eclipse-temurin:17-jdk-jammy
COPY --from=harness /harness /opt/rl/harness
RUN mkdir -p /usr/lib/jvm && ln -s /opt/java/openjdk /usr/lib/jvm/java-17-openjdk-amd64
LABEL dev.roguelearn.version="Java 17 (Temurin)"
ENTRYPOINT ["/opt/rl/harness"]
