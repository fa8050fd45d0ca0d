FROM debian:12.5
# want: sudo-usage "sudo runs \"apt-get\""
RUN sudo apt-get update
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
# want: sudo-usage "sudo runs \"chown\""
 && sudo -u root chown -R app /srv
# want: sudo-usage "sudo runs \"make\""
RUN sh -c 'cd /src && sudo -E make install'
# want: sudo-usage "sudo used in RUN"
RUN sudo -v
# want: sudo-usage
RUN /usr/bin/sudo tee /etc/motd < /dev/null
# want: sudo-usage "sudo runs \"npm\""
ONBUILD RUN sudo npm ci
# want: sudo-usage
RUN ["sudo", "apt-get", "clean"]
RUN <<EOF
set -e
# want: sudo-usage "sudo runs \"systemctl\""
sudo systemctl enable foo
EOF
