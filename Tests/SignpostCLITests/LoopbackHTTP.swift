import Foundation
import SignpostTestSupport

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A minimal HTTP/1.1 client for a server on loopback, one request per connection: enough
/// for `chromedriver`, whose header lines (`Content-Length:251`, no space) Foundation's
/// URLSession on Linux refuses ("Failed writing header").
enum LoopbackHTTP {
  /// Sends a request to `127.0.0.1:port` and returns the response's body.
  static func send(_ method: String, port: Int, path: String, body: Data? = nil) throws -> Data {
    #if canImport(Glibc)
      let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    #else
      let descriptor = socket(AF_INET, SOCK_STREAM, 0)
    #endif
    guard descriptor >= 0 else { throw WebDriverError("no socket: errno \(errno)") }
    defer { close(descriptor) }
    var timeout = timeval(tv_sec: 120, tv_usec: 0)
    setsockopt(
      descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = in_port_t(UInt16(port).bigEndian)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let connected = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    guard connected == 0 else { throw WebDriverError("cannot connect to port \(port)") }
    var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n"
    if let body {
      head += "Content-Type: application/json; charset=utf-8\r\nContent-Length: \(body.count)\r\n"
    }
    let request = Array((head + "\r\n").utf8) + Array(body ?? Data())
    var sent = 0
    while sent < request.count {
      let written = request[sent...].withUnsafeBytes {
        write(descriptor, $0.baseAddress, $0.count)
      }
      guard written > 0 else { throw WebDriverError("cannot send to port \(port)") }
      sent += written
    }
    return try readResponse(descriptor)
  }

  /// Reads the response to its `Content-Length`, or to the end of the connection.
  private static func readResponse(_ descriptor: Int32) throws -> Data {
    var received: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65_536)
    let separator: [UInt8] = Array("\r\n\r\n".utf8)
    var bodyStart: Int?
    var length: Int?
    while true {
      if let start = bodyStart, let length, received.count - start >= length { break }
      let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
      guard count >= 0 else { throw WebDriverError("no answer: errno \(errno)") }
      if count == 0 { break }
      received += buffer[..<count]
      if bodyStart == nil, let end = received.firstRange(of: separator) {
        bodyStart = end.upperBound
        let head = String(decoding: received[..<end.lowerBound], as: UTF8.self)
        for line in head.split(separator: "\r\n") {
          let parts = line.split(separator: ":", maxSplits: 1)
          if parts.count == 2, parts[0].lowercased() == "content-length" {
            length = Int(parts[1].trimmingCharacters(in: .whitespaces))
          }
        }
      }
    }
    guard let start = bodyStart else { throw WebDriverError("no HTTP response") }
    return Data(received[start...])
  }
}
