# A builder stage's cache stays behind.
FROM node:22-alpine AS build
WORKDIR /app
COPY . .
RUN yarn install --frozen-lockfile && yarn build

FROM node:22-alpine
WORKDIR /app
COPY --from=build /app/dist ./dist
COPY package.json yarn.lock ./
RUN yarn install --frozen-lockfile --production && yarn cache clean
RUN --mount=type=cache,target=/usr/local/share/.cache/yarn yarn add left-pad@1.3.0
RUN yarn global add serve@14.2.3 && rm -rf /usr/local/share/.cache/yarn
# Not installs.
RUN yarn run build && yarn test && yarn --version
