import Hummingbird
import NIOCore

extension Response {
  /// An HTML page with its status, never cached (pages hold personal data).
  static func html(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
    .text(text, status: status, contentType: "text/html; charset=utf-8")
  }

  /// Text with its status and content type, never cached.
  static func text(
    _ text: String, status: HTTPResponse.Status = .ok,
    contentType: String = "text/plain; charset=utf-8", headers extra: HTTPFields = [:]
  ) -> Response {
    var headers = extra
    headers[.contentType] = contentType
    headers[.cacheControl] = "no-store"
    return Response(
      status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
  }
}
