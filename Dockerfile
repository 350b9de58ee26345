# Camlab as a container image (docs/deploy.md). Two stages: the SDK publishes the camlab command, the ASP.NET Core
# runtime image runs it as the image's non-root user. The RUN steps are scripts under deploy/container/ that
# tests/Camlab.Server.Tests (Deploy/) run on the build machine, so what the image does is exercised without Docker.
#
#   docker build -t camlab .
#   docker run --rm -p 8080:8080 -p 8554:8554 -v camlab-data:/var/lib/camlab camlab \
#     serve --http 0.0.0.0:8080 --rtsp 0.0.0.0:8554 --data /var/lib/camlab
#
# Without --http the server listens on 127.0.0.1 inside the container (reachable by the health check only):
# listening on every interface is a choice made on the command line, never a default.

FROM mcr.microsoft.com/dotnet/sdk:10.0-noble AS build
WORKDIR /src
COPY Directory.Build.props Directory.Packages.props ./
COPY src/ src/
COPY deploy/container/build.sh deploy/container/build.sh
RUN bash deploy/container/build.sh /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble AS runtime
COPY scripts/prerequisites.sh /opt/camlab-setup/scripts/prerequisites.sh
COPY deploy/container/runtime-setup.sh /opt/camlab-setup/runtime-setup.sh
# APP_UID is the non-root user the .NET images ship (uid 1654, "app").
RUN bash /opt/camlab-setup/runtime-setup.sh /var/lib/camlab "$APP_UID"
COPY --from=build /app /opt/camlab
USER $APP_UID
WORKDIR /var/lib/camlab
VOLUME ["/var/lib/camlab"]
EXPOSE 8080 8554
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 CMD ["curl", "-fsS", "-o", "/dev/null", "http://127.0.0.1:8080/healthz"]
ENTRYPOINT ["dotnet", "/opt/camlab/camlab.dll"]
CMD ["serve", "--data", "/var/lib/camlab"]
