FROM node:22-alpine
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci && npm install && npm install --omit=dev --no-audit
RUN npm install -g typescript@5.4.5 @angular/cli@18.0.1 npm@^10.8.0 "pnpm@~9.4"
RUN npm i -D @types/node@20.14.9 eslint@8
RUN yarn add left-pad@1.3.0 && yarn global add serve@14.2.3 && pnpm add -g zx@8.1.3
RUN yarn install --frozen-lockfile && pnpm install --frozen-lockfile
# Paths, tarballs, git, GitHub and URL specs, aliases and expansions.
RUN npm install ./packages/lib ../shared /tmp/tool-1.0.0.tgz
RUN npm install git+https://github.com/acme/tool.git#v1.2.3 github:acme/tool acme/tool https://example.org/tool.tgz
RUN npm install lodash-es@npm:lodash@4.17.21 file:../lib
RUN npm install -g $TOOLS "typescript@${TS_VERSION}"
# Flag values are not packages.
RUN npm install --prefix /opt/tools --tag beta -w web --omit dev
RUN npm run build && npm test && npm prune --omit=dev && npm uninstall left-pad
RUN npx --yes serve@14.2.3 --version
RUN echo "npm install typescript" > /notes.txt
ONBUILD RUN npm install -g typescript@5.4.5
