FROM node:22-alpine
# want: npm-unpinned "package \"typescript\" is not pinned to a version"
RUN npm install -g typescript
# A scope is not a version.
# want: npm-unpinned "package \"@angular/cli\""
RUN npm i -g @angular/cli
RUN npm ci \
 && npm install --save-dev \
      prettier@3.3.2 \
# want: npm-unpinned "package \"eslint@latest\""
      eslint@latest \
 && npm cache clean --force
# want: npm-unpinned "package \"pm2\""
RUN sudo npm add --global pm2
# want: npm-unpinned "package \"nodemon\""
RUN npm install --registry https://registry.example.org -g nodemon
# want: npm-unpinned "package \"left-pad\""
ONBUILD RUN yarn add left-pad
# want: npm-unpinned "package \"serve\""
RUN yarn global add serve
# want: npm-unpinned "package \"zx\""
RUN pnpm add -g zx
# want: npm-unpinned "package \"tsx\""
RUN ["npm", "install", "-g", "tsx"]
