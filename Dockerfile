# The service as a container image (docker-compose.yml runs two of them behind HAProxy). Not built on
# the development machines, which have no Docker: kept correct by reading (docs/operations.md).
#   docker build -t attacktracker .
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/AttackTracker.Api -c Release -o /app --nologo

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
# Production by default: the development key is revoked and the samples do not load.
ENV ASPNETCORE_ENVIRONMENT=Production \
    ASPNETCORE_URLS=http://+:8080
EXPOSE 8080
# The image's unprivileged account.
USER app
ENTRYPOINT ["dotnet", "AttackTracker.Api.dll"]
