import Hummingbird
import HummingbirdCore
import Logging
import NIOCore

/// Hummingbird's HTTP/1 child channel, each connection's requests handled by a task that
/// prefers the connection's event loop as its executor (``EventLoopTaskExecutor``).
///
/// With NIO's event loops as Swift concurrency's global executor, a loop runs each job as a
/// serial executor of its own: a task without a preference, continuing after an `await` on
/// the generic executor, is enqueued on a loop again instead of continuing where it is (a
/// trip through the loop's task queue, several a request), and a task resumed from a thread
/// outside NIO (the audit's commit queue) goes to whichever loop NIO hands out next, not
/// the one its answer is written on. A task that prefers its connection's loop continues
/// those hops in place, and is always resumed on that loop.
struct LoopBoundHTTP1Channel: ServerChildChannel {
  let http1: HTTP1Channel

  func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<HTTP1Channel.Value> {
    http1.setup(channel: channel, logger: logger)
  }

  func handle(value: HTTP1Channel.Value, logger: Logger) async {
    await withTaskExecutorPreference(EventLoopTaskExecutor(value.channel.eventLoop)) {
      await http1.handle(value: value, logger: logger)
    }
  }
}

extension HTTPServerBuilder {
  /// HTTP/1 as `.http1()` serves it, each connection's requests handled on its own event
  /// loop (``LoopBoundHTTP1Channel``).
  static var loopBoundHTTP1: HTTPServerBuilder {
    HTTPServerBuilder { responder in
      LoopBoundHTTP1Channel(http1: HTTP1Channel(responder: responder))
    }
  }
}
