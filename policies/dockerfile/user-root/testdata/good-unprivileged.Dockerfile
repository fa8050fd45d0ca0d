# An image whose default user is not root (see the non_root_images option).
FROM nginxinc/nginx-unprivileged:1.27-alpine
COPY site/ /usr/share/nginx/html/
