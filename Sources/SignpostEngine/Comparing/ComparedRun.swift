/// A stored run as the change list between two runs names it: its id and label, the pack it
/// was scored with and that pack's bands, highest first.
public struct ComparedRun: Sendable, Hashable {
  public var id: Int64
  /// `run 12 (complete, as of 2025-04-01, pack wigan 1.2.0)`.
  public var label: String
  public var asOf: String?
  public var packID: String?
  public var packVersion: String?
  public var packHash: String?
  /// The pack's bands, highest first; the last is the lowest.
  public var bands: [String]

  public init(
    id: Int64, label: String, asOf: String?, packID: String?, packVersion: String?,
    packHash: String?, bands: [String]
  ) {
    self.id = id
    self.label = label
    self.asOf = asOf
    self.packID = packID
    self.packVersion = packVersion
    self.packHash = packHash
    self.bands = bands
  }
}
