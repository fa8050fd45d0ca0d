FROM ruby:3.3-slim
# want: gem-unpinned "gem \"bundler\" is not pinned to a version"
RUN gem install bundler
RUN gem update --system 3.5.14 \
 && gem install --no-document \
# want: gem-unpinned "gem \"rake\""
      rake \
# want: gem-unpinned "gem \"rails\""
      rails \
      puma:6.4.2
# want: gem-unpinned "gem \"foreman\""
RUN sudo gem install -N --install-dir /usr/local/bundle foreman
# want: gem-unpinned "gem \"rubocop\""
ONBUILD RUN gem install rubocop
# want: gem-unpinned "gem \"nokogiri\""
RUN ["gem", "install", "nokogiri", "--", "--use-system-libraries"]
# want: gem-unpinned "gem \"pry\""
RUN sh -c 'gem install pry'
