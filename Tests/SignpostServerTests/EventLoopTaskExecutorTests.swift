import Foundation
import GRDB
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

  /// The score route's wait for an audit commit still in progress is resumed through the
  /// request's loop when the commit queue finishes it: behind a job that holds the loop, not
  /// on another thread while the loop is busy. A finished commit returns at once.
  @Test func anAuditWaitResumesThroughTheRequestsLoop() async throws {
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
      try await commit.wait(resumingOn: loop)
      return loopJobDone.isSet
    }
    while audit.largestGroup < 1 { try await Task.sleep(for: .milliseconds(5)) }
    try await Task.sleep(for: .milliseconds(20))
    // The loop is busy when the commit finishes: the waiter, resumed through it, runs after.
    loop.execute {
      Thread.sleep(forTimeInterval: 0.3)
      loopJobDone.set()
    }
    try await blocker.writeWithoutTransaction { db in try db.execute(sql: "COMMIT") }
    #expect(try await waiter.value)
    #expect(commit.isFinished)
    try await commit.wait(resumingOn: loop)
    try await group.shutdownGracefully()
  }
}

/// A flag set once, read from any thread.
private final class Flag: Sendable {
  private let value = Mutex(false)
  var isSet: Bool { value.withLock { $0 } }
  func set() { value.withLock { $0 = true } }
}
