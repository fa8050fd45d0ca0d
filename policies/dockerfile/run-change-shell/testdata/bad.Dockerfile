FROM debian:12.5
# want: run-change-shell "/bin/sh /bin/bash"
RUN ln -sf /bin/bash /bin/sh
# want: run-change-shell "bash"
RUN rm /bin/sh && ln -s bash /bin/sh
