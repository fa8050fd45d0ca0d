FROM node:22-slim
# want: copy-multiple-sources-dest "COPY of 2 sources"
COPY package.json package-lock.json /app
# want: copy-multiple-sources-dest "ADD of 3 sources"
ADD a.txt b.txt c.txt /data
# want: copy-multiple-sources-dest
COPY ["one.txt", "two.txt", "/opt/x"]
