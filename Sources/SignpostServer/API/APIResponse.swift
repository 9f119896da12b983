import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// JSON responses of the API: snake_case keys, never cached.
enum APIResponse {
  static let encoder: JSONEncoder = {
    let encoder = JSONEncoder()
    encoder.keyEncodingStrategy = .convertToSnakeCase
    encoder.outputFormatting = [.sortedKeys]
    return encoder
  }()

  /// A body encoded as JSON with its status.
  static func json<Body: Encodable>(_ body: Body, status: HTTPResponse.Status = .ok) throws
    -> Response
  {
    json(ByteBuffer(bytes: try encoder.encode(body)), status: status)
  }

  /// JSON text written by hand (``JSONWriter``) with its status.
  static func json(_ text: [UInt8], status: HTTPResponse.Status = .ok) -> Response {
    json(ByteBuffer(bytes: text), status: status)
  }

  private static func json(_ buffer: ByteBuffer, status: HTTPResponse.Status) -> Response {
    Response(
      status: status,
      headers: [.contentType: "application/json", .cacheControl: "no-store"],
      body: ResponseBody(byteBuffer: buffer))
  }
}
