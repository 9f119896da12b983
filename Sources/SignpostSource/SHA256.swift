import Crypto

/// SHA-256 content hashes of packs and input files, fed a piece at a time (swift-crypto's
/// implementation) and written as 64 lowercase hex digits.
public struct SHA256: Sendable {
  private var hasher = Crypto.SHA256()

  public init() {}

  /// Adds bytes to the message.
  public mutating func update(_ bytes: UnsafeBufferPointer<UInt8>) {
    hasher.update(bufferPointer: UnsafeRawBufferPointer(bytes))
  }

  /// Adds bytes to the message.
  public mutating func update(_ bytes: some Sequence<UInt8>) {
    let handled: Void? = bytes.withContiguousStorageIfAvailable { update($0) }
    if handled == nil { Array(bytes).withUnsafeBufferPointer { update($0) } }
  }

  /// The digest as 64 lowercase hex digits.
  public func hexDigest() -> String {
    let digits = Array("0123456789abcdef".utf8)
    var out: [UInt8] = []
    out.reserveCapacity(64)
    for byte in hasher.finalize() {
      out.append(digits[Int(byte >> 4)])
      out.append(digits[Int(byte & 0xF)])
    }
    return String(decoding: out, as: UTF8.self)
  }
}
