FROM mcr.microsoft.com/dotnet/aspnet:8.0-jammy-chiseled AS chiseled
FROM quay.io/jupyter/base-notebook:2024-05-01
RUN pip install --no-cache-dir pandas==2.2.2
