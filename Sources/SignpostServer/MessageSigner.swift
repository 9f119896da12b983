import SignpostSource

/// HMAC-SHA-256 (RFC 2104) under the service's session secret: signs session cookies and
/// derives CSRF tokens, so a forged or altered value is refused before any lookup.
public struct MessageSigner: Sendable {
  private let innerKey: [UInt8]
  private let outerKey: [UInt8]

  public init(key: [UInt8]) {
    let blockSize = 64
    var block = key.count > blockSize ? Self.digest(key) : key
    block += [UInt8](repeating: 0, count: blockSize - block.count)
    innerKey = block.map { $0 ^ 0x36 }
    outerKey = block.map { $0 ^ 0x5c }
  }

  /// The MAC of `message` as lowercase hex.
  public func mac(_ message: String) -> String {
    var outer = SHA256()
    outer.update(outerKey)
    outer.update(Self.digest(innerKey + Array(message.utf8)))
    return outer.hexDigest()
  }

  /// Whether `mac` is the MAC of `message`, compared in constant time.
  public func verify(_ message: String, mac: String) -> Bool {
    let expected = Array(self.mac(message).utf8)
    let given = Array(mac.utf8)
    guard expected.count == given.count else { return false }
    var difference: UInt8 = 0
    for (a, b) in zip(expected, given) { difference |= a ^ b }
    return difference == 0
  }

  private static func digest(_ bytes: [UInt8]) -> [UInt8] {
    var hash = SHA256()
    hash.update(bytes)
    let hex = Array(hash.hexDigest().utf8)
    func nibble(_ c: UInt8) -> UInt8 { c <= 0x39 ? c - 0x30 : c - 0x61 + 10 }
    return stride(from: 0, to: hex.count, by: 2).map { nibble(hex[$0]) << 4 | nibble(hex[$0 + 1]) }
  }
}
