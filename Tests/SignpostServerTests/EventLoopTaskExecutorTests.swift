import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import NIOCore
import NIOPosix
import SignpostStore
import SignpostTestSupport
import Synchronization
import Testing

@testable import SignpostServer

@Suite struct EventLoopTaskExecutorTests {
  /// A task that prefers the executor runs on its loop after a thread outside NIO resumes it.
  @Test func aTaskResumedFromAnotherThreadRunsOnTheLoop() async throws {
    let group = MultiThreadedEventLoopGroup(numberOfThreads: 2)
    for loop in group.makeIterator() {
      let onLoop = await withTaskExecutorPreference(EventLoopTaskExecutor(loop)) {
        await withCheckedContinuation { resumed in
          DispatchQueue.global().asyncAfter(deadline: .now() + .milliseconds(20)) {
            resumed.resume()
          }
        }
        return loop.inEventLoop
      }
      #expect(onLoop)
    }
    try await group.shutdownGracefully()
  }

  /// A request served by ``LoopBoundHTTP1Channel`` runs on its connection's loop, and after
  /// a thread outside NIO resumes it (as the audit's commit queue does), it is back on that
  /// loop. Served by Hummingbird's plain `.http1()`, the handler runs on Swift
  /// concurrency's own threads in this process (no loop at all), so this would fail.
  @Test func aRequestIsHandledAndResumedOnItsConnectionsLoop() async throws {
    let router = Router(context: LoopContext.self)
    router.get("/where") { _, context in
      let before = context.eventLoop.inEventLoop
      await withCheckedContinuation { resumed in
        DispatchQueue.global().asyncAfter(deadline: .now() + .milliseconds(5)) {
          resumed.resume()
        }
      }
      return "\(before) \(context.eventLoop.inEventLoop)"
    }
    let app = Application(
      router: router, server: .loopBoundHTTP1,
      configuration: .init(address: .hostname("127.0.0.1", port: 0)))
    try await app.test(.live) { client in
      for _ in 0..<5 {
        try await client.execute(uri: "/where", method: .get) { response in
          #expect(response.status == .ok)
          #expect(String(buffer: response.body) == "true true")
        }
      }
    }
  }

  /// An audit wait still in progress, in a task that prefers a loop, is resumed through that
  /// loop when the commit queue finishes it: behind a job that holds the loop, not on
  /// another thread while the loop is busy. A finished commit returns at once.
  @Test func anAuditWaitResumesThroughThePreferredLoop() async throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let path = folder.path + "/runs.sqlite"
    let audit = AuditGroupCommit(store: try RunStore(path: path))
    // Another connection holds the write lock, so the commit waits for it.
    var configuration = Configuration()
    configuration.allowsUnsafeTransactions = true
    let blocker = try DatabaseQueue(path: path, configuration: configuration)
    try await blocker.writeWithoutTransaction { db in try db.execute(sql: "BEGIN IMMEDIATE") }
    let group = MultiThreadedEventLoopGroup(numberOfThreads: 2)
    let loop = group.next()
    let commit = audit.begin(
      PersonReadRequest(personIDs: ["A"], page: "api:score", user: "client", role: "triage"))
    #expect(!commit.isFinished)
    let loopJobDone = Flag()
    let waiter = Task {
      try await withTaskExecutorPreference(EventLoopTaskExecutor(loop)) {
        () async throws(StoreError) in try await commit.wait()
      }
      return loopJobDone.isSet
    }
    // The lock is let go from a thread of its own, so that the commit's wait for it (at most
    // the store's 10 s busy timeout) does not hang on this task being scheduled: in a loaded
    // test run the few threads of Swift concurrency's pool can be held for longer.
    let released = Mutex<(any Error)?>(nil)
    let release = Thread {
      while audit.largestGroup < 1 { Thread.sleep(forTimeInterval: 0.005) }
      Thread.sleep(forTimeInterval: 0.02)
      // The loop is busy when the commit finishes: the waiter, resumed through it, runs after.
      loop.execute {
        Thread.sleep(forTimeInterval: 0.3)
        loopJobDone.set()
      }
      do {
        try blocker.writeWithoutTransaction { db in try db.execute(sql: "COMMIT") }
      } catch {
        released.withLock { $0 = error }
      }
    }
    release.start()
    #expect(try await waiter.value)
    #expect(released.withLock { $0 } == nil)
    #expect(commit.isFinished)
    try await commit.wait()
    try await group.shutdownGracefully()
  }
}

/// A request context that keeps the loop of the request's connection.
private struct LoopContext: RequestContext {
  var coreContext: CoreRequestContextStorage
  let eventLoop: any EventLoop

  init(source: ApplicationRequestContextSource) {
    coreContext = .init(source: source)
    eventLoop = source.channel.eventLoop
  }
}

/// A flag set once, read from any thread.
private final class Flag: Sendable {
  private let value = Mutex(false)
  var isSet: Bool { value.withLock { $0 } }
  func set() { value.withLock { $0 = true } }
}
