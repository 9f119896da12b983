import Foundation

/// Headless Chromium (Debian's `chromium` package) for rendering the run report the way a
/// browser shows it.
enum Chromium {
  /// The browser's path: found on `PATH`, or installed with `apt-get` when running as root
  /// (`.ci/run` installs it first, so in CI it is always there). `nil` only if it is neither
  /// installed nor installable.
  static let path: String? = find() ?? (installIfPossible() ? find() : nil)

  private static func find() -> String? {
    let folders = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
      .split(separator: ":").map(String.init)
    for name in ["chromium", "chromium-browser", "google-chrome"] {
      for folder in folders where FileManager.default.isExecutableFile(atPath: folder + "/" + name)
      {
        return folder + "/" + name
      }
    }
    return nil
  }

  private static func installIfPossible() -> Bool {
    guard geteuid() == 0, FileManager.default.isExecutableFile(atPath: "/usr/bin/apt-get") else {
      return false
    }
    for arguments in [["update"], ["install", "-y", "chromium"]] {
      let status = run("/usr/bin/apt-get", arguments, timeout: 900).status
      if status != 0 { return false }
    }
    return true
  }

  /// Runs a program to its end (or kills it after `timeout` seconds); returns its status and
  /// standard output.
  static func run(_ executable: String, _ arguments: [String], timeout: Double)
    -> (status: Int32, stdout: String)
  {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let output = FileManager.default.temporaryDirectory
      .appendingPathComponent("signpost-out-\(UUID().uuidString)")
    _ = FileManager.default.createFile(atPath: output.path, contents: nil)
    defer { try? FileManager.default.removeItem(at: output) }
    guard let handle = try? FileHandle(forWritingTo: output) else { return (-1, "") }
    process.standardOutput = handle
    process.standardError = FileHandle.nullDevice
    process.standardInput = FileHandle.nullDevice
    do { try process.run() } catch { return (-1, "") }
    let deadline = Date().addingTimeInterval(timeout)
    while process.isRunning && Date() < deadline { usleep(20_000) }
    if process.isRunning {
      process.terminate()
    }
    process.waitUntilExit()
    try? handle.close()
    return (process.terminationStatus, (try? String(contentsOf: output, encoding: .utf8)) ?? "")
  }

  /// The DOM after Chromium has loaded and laid out the page.
  static func dumpDOM(_ file: String) -> String {
    guard let path else { return "" }
    return run(
      path,
      ["--headless", "--disable-gpu", "--no-sandbox", "--dump-dom", "file://" + file],
      timeout: 120
    ).stdout
  }

  /// Takes a screenshot of the page into `png`; returns whether the file was written.
  static func screenshot(_ file: String, to png: String, width: Int, height: Int) -> Bool {
    guard let path else { return false }
    _ = run(
      path,
      [
        "--headless", "--disable-gpu", "--no-sandbox", "--hide-scrollbars",
        "--screenshot=" + png, "--window-size=\(width),\(height)", "file://" + file,
      ], timeout: 120)
    return FileManager.default.fileExists(atPath: png)
  }
}
