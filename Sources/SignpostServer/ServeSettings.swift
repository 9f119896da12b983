import Foundation
import SignpostSource
import SignpostYAML

/// The `serve:` section of the run configuration (`signpost serve --config signpost.yaml`):
///
/// ```yaml
/// serve:
///   address: 127.0.0.1          # behind a reverse proxy that terminates TLS
///   port: 8080
///   session_secret_file: session.key   # at least 32 bytes; keep it private
///   secure_cookies: true        # set when the proxy serves HTTPS (the default)
///   school_field: school        # the person field that scopes school users
///   ward_field: ward            # optional; a queue filter
///   users:
///     - { name: admin, role: admin, password_hash: "$2b$12$..." }
///     - { name: st-marys, role: school, password_hash: "...", schools: [St Mary's] }
///     - { name: pied-lead, role: programme_lead, password_hash: "...", programmes: [pied] }
///   tokens:                     # machine clients of /api/v1 (signpost serve --new-token)
///     - { name: referral-portal, role: triage, token_sha256: "64 hex digits" }
/// ```
///
/// Relative paths are relative to the folder the file is in.
public struct ServeSettings: Sendable {
  public var address: String
  public var port: Int
  /// The key that signs session cookies and CSRF tokens.
  public var sessionSecret: [UInt8]
  /// Whether cookies carry `Secure` (the service is reached over HTTPS through a proxy).
  public var secureCookies: Bool
  public var schoolField: String?
  public var wardField: String?
  public var users: [ServerUser]
  /// The API's machine clients.
  public var tokens: [APIToken]

  public init(
    address: String = "127.0.0.1", port: Int = 8080, sessionSecret: [UInt8],
    secureCookies: Bool = true, schoolField: String? = nil, wardField: String? = nil,
    users: [ServerUser], tokens: [APIToken] = []
  ) {
    self.address = address
    self.port = port
    self.sessionSecret = sessionSecret
    self.secureCookies = secureCookies
    self.schoolField = schoolField
    self.wardField = wardField
    self.users = users
    self.tokens = tokens
  }

  /// The shortest session secret accepted, in bytes.
  public static let minimumSecretLength = 32

  /// The user with a sign-in name, if any.
  public func user(named name: String) -> ServerUser? {
    users.first { $0.name == name }
  }

  /// Reads the `serve:` section of a configuration file; every problem is a positioned
  /// diagnostic. The file's other keys belong to `signpost run` and are not checked here.
  public static func load(path: String) -> Result<ServeSettings, DiagnosticsError> {
    guard let data = FileManager.default.contents(atPath: path),
      let text = String(data: data, encoding: .utf8)
    else {
      return .failure(
        DiagnosticsError([
          Diagnostic(id: .serveUnreadable, message: "cannot read the configuration \(path)")
        ]))
    }
    return parse(SourceFile(path: path, text: text))
  }

  /// Parses the `serve:` section of a configuration file's text.
  public static func parse(_ file: SourceFile) -> Result<ServeSettings, DiagnosticsError> {
    let (node, diagnostics) = YAMLParser.parse(file)
    guard let node, !diagnostics.contains(where: { $0.severity == .error }) else {
      return .failure(DiagnosticsError(diagnostics))
    }
    let sink = YAMLDiagnosticSink()
    let top = YAMLMappingReader(node, context: "configuration", diagnostics: sink)
    guard let reader = top.mapping("serve", required: true) else {
      return .failure(DiagnosticsError(sink.diagnostics))
    }
    let address = reader.string("address") ?? "127.0.0.1"
    let port = reader.int("port") ?? 8080
    let secretNode = reader.node("session_secret_file", required: true)
    let secretFile = reader.string("session_secret_file")
    let secureCookies = reader.bool("secure_cookies") ?? true
    let schoolField = reader.string("school_field")
    let wardField = reader.string("ward_field")
    var users: [ServerUser] = []
    for item in reader.sequence("users", required: true) ?? [] {
      if let (user, _) = readUser(
        item, credential: "password_hash", schoolField: schoolField, users: users, sink: sink)
      {
        users.append(user)
      }
    }
    var tokens: [APIToken] = []
    for item in reader.sequence("tokens") ?? [] {
      if let (user, hash) = readUser(
        item, credential: "token_sha256", schoolField: schoolField,
        users: users + tokens.map(\.user), sink: sink)
      {
        tokens.append(APIToken(user: user, sha256: hash))
      }
    }
    reader.reportUnknownKeys()
    if !(1...65535).contains(port) {
      sink.report(
        Diagnostic(
          id: .servePort, message: "'port' in serve must be 1 to 65535, not \(port)", file: file,
          range: reader.node("port")?.range))
    }
    var secret: [UInt8] = []
    if let secretFile, let secretNode {
      let folder = (file.path as NSString).deletingLastPathComponent
      let path =
        secretFile.hasPrefix("/") || folder.isEmpty ? secretFile : folder + "/" + secretFile
      if let data = FileManager.default.contents(atPath: path) {
        secret = Array(data)
      }
      if secret.count < minimumSecretLength {
        sink.report(
          Diagnostic(
            id: .serveSecret,
            message:
              "the session secret file \(path) must exist and hold at least \(minimumSecretLength) bytes",
            file: file, range: secretNode.range,
            notes: ["make one with: head -c 48 /dev/urandom > \(secretFile)"]))
      }
    }
    guard !sink.hasErrors else { return .failure(DiagnosticsError(sink.diagnostics)) }
    return .success(
      ServeSettings(
        address: address, port: port, sessionSecret: secret, secureCookies: secureCookies,
        schoolField: schoolField, wardField: wardField, users: users, tokens: tokens))
  }

  /// A user (`credential: password_hash`) or a token (`token_sha256`) and its credential.
  private static func readUser(
    _ item: YAMLNode, credential: String, schoolField: String?, users: [ServerUser],
    sink: YAMLDiagnosticSink
  ) -> (ServerUser, String)? {
    let isToken = credential == "token_sha256"
    let reader = YAMLMappingReader(
      item, context: isToken ? "a token in serve.tokens" : "a user in serve.users",
      diagnostics: sink)
    let name = reader.string("name", required: true)
    let roleText = reader.string("role", required: true)
    let hash = reader.string(credential, required: true)
    let schools = reader.stringList("schools") ?? []
    let programmes = reader.stringList("programmes") ?? []
    reader.reportUnknownKeys()
    guard let name, let roleText, let hash else { return nil }
    func problem(_ id: DiagnosticID, _ message: String, at key: String) {
      sink.report(
        Diagnostic(
          id: id, message: message, file: item.file, range: reader.node(key)?.range ?? item.range))
    }
    guard let role = ServerRole(rawValue: roleText) else {
      let roles = ServerRole.allCases.map(\.rawValue).joined(separator: ", ")
      problem(
        .serveRole, "user '\(name)' has an unknown role '\(roleText)' (\(roles))", at: "role")
      return nil
    }
    if users.contains(where: { $0.name == name }) {
      problem(
        .serveDuplicateUser, "'\(name)' is listed twice in users and tokens", at: "name")
    }
    if isToken && !APIToken.isDigest(hash) {
      problem(
        .serveTokenHash,
        "token '\(name)': token_sha256 must be 64 lowercase hex digits (signpost serve --new-token)",
        at: credential)
    } else if !isToken && !hash.hasPrefix("$2") {
      problem(
        .servePasswordHash,
        "user '\(name)': password_hash must be a bcrypt hash (signpost serve --hash-password)",
        at: "password_hash")
    }
    if role == .school && (schools.isEmpty || schoolField == nil) {
      problem(
        .serveSchoolScope,
        "school user '\(name)' needs 'schools', and serve needs 'school_field'", at: "role")
    }
    if role == .programmeLead && programmes.isEmpty {
      problem(.serveProgrammeScope, "programme lead '\(name)' needs 'programmes'", at: "role")
    }
    let user = ServerUser(
      name: name, role: role, passwordHash: isToken ? "" : hash, schools: schools,
      programmes: programmes)
    return (user, hash)
  }
}
