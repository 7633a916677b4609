# One image recipe for the three services: docker build --build-arg MODULE=ingest-api .
FROM maven:3.9-eclipse-temurin-17 AS build
ARG MODULE
WORKDIR /src
COPY . .
RUN mvn -B -q -DskipTests -pl ${MODULE} -am package

FROM eclipse-temurin:17-jre
ARG MODULE
WORKDIR /app
COPY --from=build /src/${MODULE}/target/${MODULE}.jar /app/service.jar
COPY --from=build /src/${MODULE}/target/lib /app/lib
RUN useradd --system --uid 10001 gateway && mkdir -p /data && chown gateway /data
USER gateway
ENV DATA_DIR=/data
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/service.jar"]
