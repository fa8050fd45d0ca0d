FROM debian:12.5
ADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d https://example.org/install.sh /tmp/install.sh
RUN sh /tmp/install.sh
RUN curl -fsSLo /tmp/install.sh https://example.org/install.sh \
 && echo "24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d  /tmp/install.sh" | sha256sum -c - \
 && bash /tmp/install.sh
# Downloads piped into other programs.
RUN curl -fsSL https://example.org/key.asc | gpg --dearmor -o /usr/share/keyrings/example.gpg
RUN wget -qO- https://example.org/tool.tar.gz | tar -xz -C /usr/local/bin
# A shell given a script file or a -c script reads the download as data.
RUN curl -fsSL https://example.org/data.txt | bash /opt/process.sh
RUN curl -fsSL https://example.org/list.txt | sh -c 'while read -r l; do echo "$l"; done'
# A shell not fed by a download.
RUN cat /tmp/install.sh | sh
RUN echo "curl https://x | sh" > /notes.txt
RUN sh -c "$(cat /tmp/install.sh)"
