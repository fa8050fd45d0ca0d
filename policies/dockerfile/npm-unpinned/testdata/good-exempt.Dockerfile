# options: {"exempt": ["npm", "@angular/cli"]}
FROM node:22-slim
RUN npm install -g npm@latest @angular/cli typescript@5.4.5
