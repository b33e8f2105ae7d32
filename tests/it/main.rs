//! One integration-test binary (saves link time on 2-core CI). Each module is one area.

mod support;
mod live_net;
mod mailstack;
