# dq-monitor's image, built from this repository by docker compose (or: docker build -t dq-monitor .).
# The build stage needs only Maven Central; the embedded stack and the tests stay out of the image.
FROM eclipse-temurin:25-jdk AS build
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml ./
COPY src/main src/main
RUN ./mvnw -B -ntp -Dmaven.test.skip=true package \
 && cp target/dq-monitor-*.jar /dq-monitor.jar

FROM eclipse-temurin:25-jre
# curl serves the container health check (readiness: Kafka, Redis and the database all reachable)
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --no-create-home dq
# The heap follows the container's memory limit: 37.5% of compose's 512 MB is 192 MB, with which a 10-minute soak at
# PostgreSQL's full write rate peaked at about 445 MB resident and kept 30 MB after a full GC (BENCHMARKS.md).
# The rest of the limit is for metaspace, code, threads and buffers outside the heap.
# The parallel collector, named because under 2 GB the JVM would pick the serial one: with this heap it drained a
# topic about a quarter faster than G1 and needs less memory beside the heap (BENCHMARKS.md).
# Half the heap for the young generation: batches of 2,000 records are garbage within a second, and with the
# collector's own sizing (a young generation of about 20 MB) they were promoted and filled the old generation
# every half second (BENCHMARKS.md).
ENV JAVA_TOOL_OPTIONS="-XX:+UseParallelGC -XX:MaxRAMPercentage=37.5 -XX:NewRatio=1 -XX:+ExitOnOutOfMemoryError"
# The AOT cache (JDK 25): trained here, with the options above, over the captured records the application ships with;
# no Kafka, database or Redis is needed. A process started with it creates its beans in half the CPU time. The
# method profiles of the training are not replayed: replayed, they made the warm drain's CPU a record a fifth higher
# and the cold one no lower (BENCHMARKS.md). A cache that does not fit (another JVM) is ignored, with a warning.
COPY --from=build /dq-monitor.jar /tmp/dq-monitor.jar
COPY aot/build-cache.sh /tmp/build-cache.sh
RUN sh /tmp/build-cache.sh /tmp/dq-monitor.jar /app && rm /tmp/dq-monitor.jar /tmp/build-cache.sh
USER dq
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=3 \
  CMD curl -fsS http://localhost:8080/actuator/health/readiness || exit 1
ENTRYPOINT ["java", "-XX:AOTCache=/app/dq-monitor.aot", "-XX:+UnlockDiagnosticVMOptions", "-XX:-AOTReplayTraining", \
  "-jar", "/app/dq-monitor.jar"]
