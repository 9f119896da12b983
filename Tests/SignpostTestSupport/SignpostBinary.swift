import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The real `signpost` executable, built beside the test bundle by `swift build` (which
/// `.ci/run` runs before `swift test`); `SIGNPOST_BINARY` overrides where it is.
public enum SignpostBinary {
  /// The path of the executable, or `nil` if it has not been built.
  public static var path: String? {
    var candidates: [String] = []
    if let override = ProcessInfo.processInfo.environment["SIGNPOST_BINARY"] {
      candidates.append(override)
    }
    // The test runner is `<scratch>/debug/SignpostPackageTests.xctest` (a file on Linux, a
    // bundle on macOS): the products of the same build are beside it.
    let starts: [String?] = [
      Bundle.main.executablePath, Bundle.main.bundlePath, CommandLine.arguments.first,
    ]
    for start in starts {
      guard let start else { continue }
      var url = URL(fileURLWithPath: start)
      for _ in 0..<4 {
        url.deleteLastPathComponent()
        candidates.append(url.appendingPathComponent("signpost").path)
      }
    }
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
  }

  /// The path, or a test failure that says how to build it.
  public static func require() throws -> String {
    try #require(
      path,
      "the signpost executable was not found beside the test bundle: run `swift build` (all products) before `swift test`"
    )
  }

  /// What a finished command did.
  public struct Outcome {
    public var status: Int32
    public var stdout: String
    public var stderr: String
  }

  /// Runs `signpost arguments...` in `directory` and waits for it; with `umask`, under that
  /// file-creation mask (through `/bin/sh`).
  public static func run(
    _ arguments: [String], in directory: String, environment: [String: String] = [:],
    umask: String? = nil
  ) throws -> Outcome {
    let process = Process()
    if let umask {
      process.executableURL = URL(fileURLWithPath: "/bin/sh")
      process.arguments = ["-c", "umask \(umask) && exec \"$0\" \"$@\"", try require()] + arguments
    } else {
      process.executableURL = URL(fileURLWithPath: try require())
      process.arguments = arguments
    }
    process.currentDirectoryURL = URL(fileURLWithPath: directory)
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    let out = directory + "/.stdout-\(UUID().uuidString)"
    let err = directory + "/.stderr-\(UUID().uuidString)"
    _ = FileManager.default.createFile(atPath: out, contents: nil)
    _ = FileManager.default.createFile(atPath: err, contents: nil)
    defer {
      try? FileManager.default.removeItem(atPath: out)
      try? FileManager.default.removeItem(atPath: err)
    }
    process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: out))
    process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: err))
    try process.run()
    process.waitUntilExit()
    return Outcome(
      status: process.terminationStatus,
      stdout: (try? String(contentsOfFile: out, encoding: .utf8)) ?? "",
      stderr: (try? String(contentsOfFile: err, encoding: .utf8)) ?? "")
  }

  /// How a killed run ended.
  public struct Kill {
    /// Whether the process was still running when the signal was sent (it had not finished).
    public var killedWhileRunning: Bool
    public var stderr: String
    /// The exit status, or the signal that ended it.
    public var status: Int32
    public var endedBySignal: Bool
  }

  /// Starts `signpost arguments...` and sends it `signal` (SIGKILL unless told) when its
  /// standard error says it has paused at `pausePoint` (through `SIGNPOST_TEST_PAUSE_AT`), or
  /// after `delay` if no point is named; then waits for it to end.
  public static func killRun(
    _ arguments: [String], in directory: String, pausePoint: String? = nil,
    after delay: Duration = .zero, signal: Int32 = SIGKILL, timeout: Duration = .seconds(300)
  ) throws -> Kill {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: try require())
    process.arguments = arguments
    process.currentDirectoryURL = URL(fileURLWithPath: directory)
    var environment = ProcessInfo.processInfo.environment
    if let pausePoint { environment["SIGNPOST_TEST_PAUSE_AT"] = pausePoint }
    process.environment = environment
    let err = directory + "/.stderr-\(UUID().uuidString)"
    _ = FileManager.default.createFile(atPath: err, contents: nil)
    defer { try? FileManager.default.removeItem(atPath: err) }
    process.standardOutput = FileHandle.nullDevice
    process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: err))
    let clock = ContinuousClock()
    let start = clock.now
    try process.run()
    func stderr() -> String { (try? String(contentsOfFile: err, encoding: .utf8)) ?? "" }
    if let pausePoint {
      let marker = "paused at \(pausePoint) "
      while !stderr().contains(marker) {
        guard process.isRunning, clock.now - start < timeout else {
          process.terminate()
          process.waitUntilExit()
          Issue.record("the run never paused at \(pausePoint); stderr:\n\(stderr())")
          return Kill(
            killedWhileRunning: false, stderr: stderr(), status: process.terminationStatus,
            endedBySignal: process.terminationReason == .uncaughtSignal)
        }
        usleep(10_000)
      }
    } else {
      while clock.now - start < delay && process.isRunning { usleep(5_000) }
    }
    let wasRunning = process.isRunning
    if wasRunning { kill(process.processIdentifier, signal) }
    process.waitUntilExit()
    return Kill(
      killedWhileRunning: wasRunning, stderr: stderr(), status: process.terminationStatus,
      endedBySignal: process.terminationReason == .uncaughtSignal)
  }
}
