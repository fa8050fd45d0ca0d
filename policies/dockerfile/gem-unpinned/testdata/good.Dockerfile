FROM ruby:3.3-slim
RUN gem install bundler:2.5.14 rake:13.2.1
RUN gem install bundler -v 2.5.14 && gem install rails --version "~> 7.1.3"
RUN gem install --version=6.4.2 puma && gem install -v6.4.2 puma
RUN gem install nokogiri -v 1.16.6 -- --use-system-libraries
# Local .gem files, paths and expansions.
RUN gem install ./vendor/tool-1.0.0.gem /tmp/other-2.0.gem $GEMS "rails:${RAILS_VERSION}"
RUN gem install -g Gemfile && gem install --file Gemfile.deps
# Flag values are not gems.
RUN gem install --install-dir /opt/gems --source https://rubygems.example.org bundler:2.5.14
RUN bundle install && gem update --system 3.5.14 && gem uninstall -a -x rake && gem list
RUN echo "gem install rails" > /notes.txt
ONBUILD RUN gem install rubocop:1.64.1
