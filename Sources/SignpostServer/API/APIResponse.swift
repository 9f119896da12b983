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
    let data = try encoder.encode(body)
    return Response(
      status: status,
      headers: [.contentType: "application/json", .cacheControl: "no-store"],
      body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
  }
}
