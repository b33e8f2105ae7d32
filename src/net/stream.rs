//! One byte stream type for plaintext and TLS connections, with `TCP_NODELAY` set.
//!
//! Both clients write a command in several small pieces (async-imap: tag, space, command, CRLF;
//! lettre: body, then `\r\n.\r\n`). With Nagle's algorithm on, the second small write waits for
//! the server's delayed ACK, about 40 ms on Linux (MAILSERVERS.md pitfall 9), so every TCP
//! connection made here sets `TCP_NODELAY`.

use std::io;
use std::net::SocketAddr;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::TcpStream;
use tokio_rustls::client::TlsStream;

/// A connected socket, plaintext or TLS, that remembers whether the peer closed it.
///
/// async-imap ends a response stream at EOF without an error: a NOOP, a CAPABILITY or even a
/// `UID FETCH` cut short by a closed connection returns `Ok` (with partial results), and IDLE
/// reports EOF as a manual interrupt. [`NetStream::saw_eof`] lets the session notice.
#[derive(Debug)]
pub(crate) struct NetStream {
    kind: Kind,
    eof: bool,
}

#[derive(Debug)]
enum Kind {
    Plain(TcpStream),
    Tls(Box<TlsStream<TcpStream>>),
}

impl NetStream {
    pub(crate) fn plain(tcp: TcpStream) -> NetStream {
        NetStream {
            kind: Kind::Plain(tcp),
            eof: false,
        }
    }

    pub(crate) fn tls(s: TlsStream<TcpStream>) -> NetStream {
        NetStream {
            kind: Kind::Tls(Box::new(s)),
            eof: false,
        }
    }

    /// The plaintext socket, for a STARTTLS upgrade.
    pub(crate) fn into_plain(self) -> Option<TcpStream> {
        match self.kind {
            Kind::Plain(tcp) => Some(tcp),
            Kind::Tls(_) => None,
        }
    }

    pub(crate) fn tcp(&self) -> &TcpStream {
        match &self.kind {
            Kind::Plain(s) => s,
            Kind::Tls(s) => s.get_ref().0,
        }
    }

    pub(crate) fn is_tls(&self) -> bool {
        matches!(self.kind, Kind::Tls(_))
    }

    /// True once a read returned end-of-file: the peer closed the connection.
    pub(crate) fn saw_eof(&self) -> bool {
        self.eof
    }
}

/// Connects to `host:port` (every resolved address in turn, as tokio does), within `timeout`,
/// and sets `TCP_NODELAY`.
pub(crate) async fn connect_tcp(host: &str, port: u16, timeout: Duration) -> io::Result<TcpStream> {
    let host = host.trim_start_matches('[').trim_end_matches(']');
    let tcp = tokio::time::timeout(timeout, TcpStream::connect((host, port)))
        .await
        .map_err(|_| {
            io::Error::new(
                io::ErrorKind::TimedOut,
                format!("no TCP connection within {} s", timeout.as_secs()),
            )
        })??;
    tcp.set_nodelay(true)?;
    Ok(tcp)
}

/// Refuses a plaintext connection whose peer is not a loopback address (defence in depth: the
/// config check already looked at the host name).
pub(crate) fn check_plain_peer(tcp: &TcpStream) -> io::Result<SocketAddr> {
    let peer = tcp.peer_addr()?;
    if !peer.ip().is_loopback() {
        return Err(io::Error::new(
            io::ErrorKind::PermissionDenied,
            format!("plaintext refused: the peer {peer} is not a loopback address"),
        ));
    }
    Ok(peer)
}

impl AsyncRead for NetStream {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        let before = buf.filled().len();
        let wanted = buf.remaining() > 0;
        let res = match &mut this.kind {
            Kind::Plain(s) => Pin::new(s).poll_read(cx, buf),
            Kind::Tls(s) => Pin::new(s.as_mut()).poll_read(cx, buf),
        };
        if let Poll::Ready(Ok(())) = res
            && wanted
            && buf.filled().len() == before
        {
            this.eof = true;
        }
        res
    }
}

impl AsyncWrite for NetStream {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        match &mut self.get_mut().kind {
            Kind::Plain(s) => Pin::new(s).poll_write(cx, buf),
            Kind::Tls(s) => Pin::new(s.as_mut()).poll_write(cx, buf),
        }
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        match &mut self.get_mut().kind {
            Kind::Plain(s) => Pin::new(s).poll_write_vectored(cx, bufs),
            Kind::Tls(s) => Pin::new(s.as_mut()).poll_write_vectored(cx, bufs),
        }
    }

    fn is_write_vectored(&self) -> bool {
        match &self.kind {
            Kind::Plain(s) => s.is_write_vectored(),
            Kind::Tls(s) => s.is_write_vectored(),
        }
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        match &mut self.get_mut().kind {
            Kind::Plain(s) => Pin::new(s).poll_flush(cx),
            Kind::Tls(s) => Pin::new(s.as_mut()).poll_flush(cx),
        }
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        match &mut self.get_mut().kind {
            Kind::Plain(s) => Pin::new(s).poll_shutdown(cx),
            Kind::Tls(s) => Pin::new(s.as_mut()).poll_shutdown(cx),
        }
    }
}

/// lettre accepts any stream through `AsyncSmtpConnection::connect_with_transport`.
impl lettre::transport::smtp::client::AsyncTokioStream for NetStream {
    fn peer_addr(&self) -> io::Result<SocketAddr> {
        self.tcp().peer_addr()
    }
}
