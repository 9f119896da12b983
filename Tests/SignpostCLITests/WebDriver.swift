import Foundation
import SignpostTestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Headless Chromium driven through W3C WebDriver by Debian's `chromedriver` (package
/// `chromium-driver`), over plain HTTP on loopback: a browser that signs in, clicks and types
/// like a person. Tests never install it: `.ci/run` does.
final class WebDriver {
  /// The driver's process, its port and the session it opened.
  private let driver: Process
  private let port: Int
  private let session: String
  private let profile: TemporaryFolder

  /// The executables, found on `PATH`; a test failure naming the Debian package if missing.
  static func requireExecutables() throws -> (driver: String, browser: String) {
    let driver = try #require(
      Chromium.find(["chromedriver"]),
      "chromedriver is missing: Debian package chromium-driver, which .ci/run provides")
    let browser = try #require(
      Chromium.path, "Chromium is missing: Debian package chromium, which .ci/run provides")
    return (driver, browser)
  }

  /// Starts `chromedriver` on a free loopback port and opens a headless browser session with
  /// a window of `width` × `height`.
  init(width: Int = 1280, height: Int = 1000) throws {
    let (driverPath, browserPath) = try Self.requireExecutables()
    port = Int.random(in: 40_000..<50_000)
    driver = Process()
    driver.executableURL = URL(fileURLWithPath: driverPath)
    driver.arguments = ["--port=\(port)", "--allowed-ips=127.0.0.1"]
    driver.standardOutput = FileHandle.nullDevice
    driver.standardError = FileHandle.nullDevice
    try driver.run()
    profile = try TemporaryFolder("signpost-chromium")
    var ready = false
    for _ in 0..<200 where driver.isRunning {
      if let status = try? Self.send("GET", port: port, "/status"),
        (status["value"] as? [String: Any])?["ready"] as? Bool == true
      {
        ready = true
        break
      }
      usleep(100_000)
    }
    guard ready else {
      kill(driver.processIdentifier, SIGKILL)
      driver.waitUntilExit()
      throw WebDriverError("chromedriver did not start on port \(port)")
    }
    let capabilities: [String: Any] = [
      "capabilities": [
        "alwaysMatch": [
          "browserName": "chrome",
          "goog:chromeOptions": [
            "binary": browserPath,
            "args": [
              "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
              "--hide-scrollbars", "--window-size=\(width),\(height)",
              "--user-data-dir=\(profile.path)",
            ],
          ],
        ]
      ]
    ]
    do {
      let opened = try Self.send("POST", port: port, "/session", capabilities)
      let value = opened["value"] as? [String: Any]
      guard let id = value?["sessionId"] as? String else {
        throw WebDriverError("no browser session: \(opened)")
      }
      session = "/session/" + id
    } catch {
      kill(driver.processIdentifier, SIGKILL)
      driver.waitUntilExit()
      throw error
    }
  }

  /// Closes the browser and stops the driver (it does not stop on SIGTERM: its `/shutdown`,
  /// then SIGKILL if it is still running after five seconds).
  func quit() {
    _ = try? Self.send("DELETE", port: port, session)
    _ = try? Self.send("GET", port: port, "/shutdown")
    for _ in 0..<50 where driver.isRunning { usleep(100_000) }
    if driver.isRunning { kill(driver.processIdentifier, SIGKILL) }
    driver.waitUntilExit()
    profile.remove()
  }

  /// Opens `url` and waits for it to load.
  func open(_ url: String) throws {
    _ = try command("POST", "/url", ["url": url])
  }

  /// The address of the page shown.
  func currentURL() throws -> String {
    try command("GET", "/url") as? String ?? ""
  }

  /// The address of the page shown once it is `expected` (after a click or a form, the next
  /// page may still be loading), or whatever it is after a minute.
  func currentURL(becoming expected: String) throws -> String {
    for _ in 0..<600 {
      if try currentURL() == expected { return expected }
      usleep(100_000)
    }
    return try currentURL()
  }

  /// The page's title.
  func title() throws -> String {
    try command("GET", "/title") as? String ?? ""
  }

  /// The text a person sees in the page's `main` element.
  func mainText() throws -> String {
    let main = try element("main")
    return try command("GET", "/element/\(main)/text") as? String ?? ""
  }

  /// The element matching a CSS selector once the page shows it (a page a click or a form
  /// led to may still be loading), waiting up to thirty seconds; a thrown error if none does.
  func element(_ selector: String) throws -> String {
    for _ in 0..<300 {
      if let found = try? findElement(selector) { return found }
      usleep(100_000)
    }
    return try findElement(selector)
  }

  private func findElement(_ selector: String) throws -> String {
    let value = try command(
      "POST", "/element", ["using": "css selector", "value": selector])
    guard let found = (value as? [String: Any])?.values.first as? String else {
      throw WebDriverError("no element matches \(selector)")
    }
    return found
  }

  /// Types `text` into the element matching `selector`.
  func type(_ text: String, into selector: String) throws {
    let id = try element(selector)
    _ = try command("POST", "/element/\(id)/value", ["text": text])
  }

  /// Clicks the element matching `selector` (a link, a button, a radio button, an option).
  func click(_ selector: String) throws {
    let id = try element(selector)
    _ = try command("POST", "/element/\(id)/click", [:])
  }

  /// Saves a screenshot of the window as a PNG file.
  func screenshot(to path: String) throws {
    guard let encoded = try command("GET", "/screenshot") as? String,
      let png = Data(base64Encoded: encoded)
    else { throw WebDriverError("no screenshot") }
    try png.write(to: URL(fileURLWithPath: path))
  }

  private func command(_ method: String, _ path: String, _ body: [String: Any]? = nil)
    throws -> Any?
  {
    let answer = try Self.send(method, port: port, session + path, body)
    if let error = answer["value"] as? [String: Any], let message = error["error"] as? String {
      throw WebDriverError("\(method) \(path): \(message): \(error["message"] ?? "")")
    }
    return answer["value"]
  }

  private static func send(
    _ method: String, port: Int, _ path: String, _ body: [String: Any]? = nil
  ) throws -> [String: Any] {
    let data = try LoopbackHTTP.send(
      method, port: port, path: path,
      body: try body.map { try JSONSerialization.data(withJSONObject: $0) })
    return try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
  }
}

/// A WebDriver command that failed, with the driver's message.
struct WebDriverError: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = description }
}
