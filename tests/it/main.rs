//! One integration-test binary (saves link time on 2-core CI). Each module is one area.

mod corpus_parse;
mod support;
