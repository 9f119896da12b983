import SignpostRules

/// The pack in use, shown on every page: id, version and content hash.
public struct PackBadge: Sendable {
  public var id: String
  public var version: String
  public var hash: String
  /// The first 12 hex digits of the hash (stored, since templates read stored properties).
  public var shortHash: String

  public init(id: String, version: String, hash: String) {
    self.id = id
    self.version = version
    self.hash = hash
    shortHash = String(hash.prefix(12))
  }

  /// The badge of a compiled pack (borrowed: a copy of the pack retains every one of its
  /// fields).
  public init(_ pack: borrowing CompiledPack) {
    self.init(id: pack.manifest.id, version: pack.manifest.version, hash: pack.contentHash)
  }
}
