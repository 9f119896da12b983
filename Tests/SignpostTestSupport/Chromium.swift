import Foundation

/// Headless Chromium (Debian's `chromium` package) for rendering the run report the way a
/// browser shows it. Tests never install it: `.ci/run` does, and the README says which test
/// needs it.
public enum Chromium {
  /// The browser's path, found on `PATH`; `nil` if it is not installed.
  public static let path: String? = find(["chromium", "chromium-browser", "google-chrome"])

  /// The first of `names` that is an executable on `PATH`.
  public static func find(_ names: [String]) -> String? {
    let folders = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
      .split(separator: ":").map(String.init)
    for name in names {
      for folder in folders where FileManager.default.isExecutableFile(atPath: folder + "/" + name)
      {
        return folder + "/" + name
      }
    }
    return nil
  }

  /// Runs a program to its end (or kills it after `timeout` seconds); returns its status and
  /// standard output.
  public static func run(_ executable: String, _ arguments: [String], timeout: Double)
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
  public static func dumpDOM(_ file: String) -> String {
    guard let path else { return "" }
    return run(
      path,
      ["--headless", "--disable-gpu", "--no-sandbox", "--dump-dom", "file://" + file],
      timeout: 120
    ).stdout
  }

  /// Takes a screenshot of the page into `png`; returns whether the file was written.
  public static func screenshot(_ file: String, to png: String, width: Int, height: Int) -> Bool {
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
