import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// A test client that keeps cookies and signs in like a browser: it loads the sign-in form,
/// posts it with the form's token, and sends the session cookie from then on.
struct Browser {
  let client: any TestClientProtocol
  var cookies: [String: String] = [:]

  init(_ client: any TestClientProtocol) {
    self.client = client
  }

  /// Sends a request with the cookies held, keeping any the response sets.
  @discardableResult
  mutating func request(
    _ uri: String, method: HTTPRequest.Method = .get, form: [String: String]? = nil,
    headers extra: HTTPFields = [:]
  ) async throws -> TestResponse {
    var headers = extra
    if !cookies.isEmpty {
      headers[.cookie] = cookies.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        .joined(separator: "; ")
    }
    var body: ByteBuffer?
    if let form {
      headers[.contentType] = "application/x-www-form-urlencoded"
      body = ByteBuffer(string: Self.encode(form))
    }
    let response = try await client.execute(uri: uri, method: method, headers: headers, body: body)
    for field in response.headers[values: .setCookie] {
      let pair = field.split(separator: ";")[0].split(separator: "=", maxSplits: 1)
      let name = String(pair[0])
      let value = pair.count > 1 ? String(pair[1]) : ""
      cookies[name] = value.isEmpty ? nil : value
    }
    return response
  }

  /// Signs in; returns the response to the sign-in post.
  @discardableResult
  mutating func signIn(_ user: String, password: String = ServiceFixture.password) async throws
    -> TestResponse
  {
    let form = try await request("/login")
    let token = try #require(Self.csrf(in: form))
    return try await request(
      "/login", method: .post, form: ["username": user, "password": password, "csrf": token])
  }

  /// The CSRF token of the first form in a page.
  static func csrf(in response: TestResponse) -> String? {
    let text = String(buffer: response.body)
    guard let range = text.range(of: "name=\"csrf\" value=\"") else { return nil }
    return String(text[range.upperBound...].prefix { $0 != "\"" })
  }

  static func encode(_ form: [String: String]) -> String {
    var allowed = CharacterSet.alphanumerics
    allowed.insert(charactersIn: "-._~")
    return form.sorted { $0.key < $1.key }.map {
      "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")"
    }.joined(separator: "&")
  }
}

extension TestResponse {
  var text: String { String(buffer: body) }
}
