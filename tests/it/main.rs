//! One integration-test binary (saves link time on 2-core CI). Each module is one area.

mod bench_live;
mod cli;
mod corpus_classify;
mod corpus_ingest;
mod corpus_parse;
mod corpus_replies;
mod daemon_cli;
mod live_daemon;
mod live_net;
mod mailstack;
mod props;
mod scenarios;
mod support;
mod web;
mod web_browser;
mod web_support;
