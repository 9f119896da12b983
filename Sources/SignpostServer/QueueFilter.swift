/// The filters of a queue page, from its query string: `?ward=…&school=…&band=…&new=1`.
public struct QueueFilter: Sendable, Hashable {
  public var ward: String?
  public var school: String?
  public var band: String?
  /// Only people not referred to the programme in the run before.
  public var newOnly: Bool

  public init(
    ward: String? = nil, school: String? = nil, band: String? = nil, newOnly: Bool = false
  ) {
    self.ward = ward
    self.school = school
    self.band = band
    self.newOnly = newOnly
  }

  /// Reads the filters from query parameters; empty values mean no filter.
  public init(query: (String) -> String?) {
    func value(_ key: String) -> String? { query(key).flatMap { $0.isEmpty ? nil : $0 } }
    self.init(
      ward: value("ward"), school: value("school"), band: value("band"),
      newOnly: value("new") == "1")
  }
}
