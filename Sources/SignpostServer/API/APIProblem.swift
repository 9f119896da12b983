import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// A refusal of an API request as a problem body (RFC 9457, `application/problem+json`):
/// the status, a sentence, and the request field it is about, if any. Messages name no
/// person's data.
public struct APIProblem: Error, Sendable, Equatable, Encodable {
  public var status: Int
  public var title: String
  public var detail: String
  /// The request field, as a path (`person.suspensions[0].reason`), or `nil`.
  public var field: String?
  public var type = "about:blank"

  public init(_ status: HTTPResponse.Status, _ detail: String, field: String? = nil) {
    self.status = status.code
    title = status.reasonPhrase
    self.detail = field.map { "\($0): \(detail)" } ?? detail
    self.field = field
  }

  /// The problem for a refusal of the service.
  public init(_ error: TriageError) {
    self.init(ErrorPageMiddleware.status(error.kind), error.message)
  }

  /// The problem as a response; a 401 says how to authenticate.
  public var response: Response {
    var headers: HTTPFields = [.contentType: "application/problem+json", .cacheControl: "no-store"]
    if status == 401 { headers[.wwwAuthenticate] = "Bearer" }
    let body = (try? APIResponse.encoder.encode(self)) ?? Data()
    return Response(
      status: HTTPResponse.Status(code: status), headers: headers,
      body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
  }
}
