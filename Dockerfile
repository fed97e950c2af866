# Multi-stage build: the jar is built with the Maven wrapper, the runtime image holds only a JRE and the jar.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY mvnw pom.xml ./
COPY .mvn .mvn
RUN ./mvnw -B -ntp -q dependency:go-offline
COPY src src
RUN ./mvnw -B -ntp -q package -DskipTests

FROM eclipse-temurin:17-jre
RUN groupadd --system reskontro && useradd --system --gid reskontro --home /app reskontro
WORKDIR /app
COPY --from=build /src/target/reskontro.jar /app/reskontro.jar
COPY config /app/config
RUN mkdir -p /app/var && chown -R reskontro:reskontro /app/var
USER reskontro
VOLUME ["/app/config", "/app/var"]
# batch work: the throughput collector (docs/operations.md)
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+UseParallelGC"
ENTRYPOINT ["java", "-jar", "/app/reskontro.jar"]
CMD ["serve"]
