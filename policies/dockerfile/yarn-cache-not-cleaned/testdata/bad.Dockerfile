FROM node:22-alpine
WORKDIR /app
COPY package.json yarn.lock ./
# want: yarn-cache-not-cleaned "yarn install leaves"
RUN yarn install --frozen-lockfile --production
# want: yarn-cache-not-cleaned "^yarn leaves"
RUN yarn --frozen-lockfile && yarn build
# want: yarn-cache-not-cleaned "yarn global"
RUN yarn global add serve@14.2.3
