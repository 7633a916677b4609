# One image recipe for the three services: docker build --build-arg MODULE=ingest-api .
# Both images are pinned to a release; settings come from each service's environment (docker-compose.yml), so
# this file sets none (DeployFilesTest checks both).
FROM maven:3.9.9-eclipse-temurin-17 AS build
ARG MODULE
WORKDIR /src
COPY . .
RUN mvn -B -q -DskipTests -pl ${MODULE} -am package

FROM eclipse-temurin:17.0.13_11-jre-jammy
ARG MODULE
WORKDIR /app
COPY --from=build /src/${MODULE}/target/${MODULE}.jar /app/service.jar
COPY --from=build /src/${MODULE}/target/lib /app/lib
# /data is where dedup-streams keeps its RocksDB state (DATA_DIR=/data in docker-compose.yml); a named volume
# mounted there starts owned by this user.
RUN useradd --system --uid 10001 --no-create-home gateway && mkdir -p /data && chown gateway /data
USER 10001
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/service.jar"]
