/// A CEL map: keys are bool, int, uint or string values (numeric keys compare by value,
/// so `1`, `1u` and `1.0` find the same entry); entries keep their insertion order.
public struct CELMap: Sendable {
  public private(set) var keys: [CELValue] = []
  public private(set) var values: [CELValue] = []
  private var index: [MapKey: Int] = [:]

  public init() {}

  /// Creates a map from entries, or returns an error for an invalid or repeated key.
  public static func make(_ entries: [(CELValue, CELValue)]) -> Result<CELMap, CELError> {
    var map = CELMap()
    for (key, value) in entries {
      guard let mapKey = MapKey(key) else {
        return .failure(CELError("unsupported key type"))
      }
      if map.index[mapKey] != nil {
        return .failure(CELError("Failed with repeated key"))
      }
      map.index[mapKey] = map.keys.count
      map.keys.append(key)
      map.values.append(value)
    }
    return .success(map)
  }

  public var count: Int { keys.count }

  /// The value for `key`, or `nil` when absent. Doubles with an integral value find int keys.
  public subscript(key: CELValue) -> CELValue? {
    guard let mapKey = MapKey(key, lookup: true), let position = index[mapKey] else { return nil }
    return values[position]
  }

  /// The entries in insertion order.
  public var entries: Zip2Sequence<[CELValue], [CELValue]> { zip(keys, values) }
}

/// The hashable identity of a map key; numbers are normalised so equal values collide.
private enum MapKey: Hashable {
  case bool(Bool)
  case signed(Int64)
  case unsigned(UInt64)
  /// UTF-8 bytes: Swift's String equality would merge canonically equivalent keys.
  case string([UInt8])

  init?(_ value: CELValue, lookup: Bool = false) {
    switch value {
    case .bool(let b): self = .bool(b)
    case .int(let i): self = i >= 0 ? .unsigned(UInt64(i)) : .signed(i)
    case .uint(let u): self = .unsigned(u)
    case .string(let s): self = .string(Array(s.utf8))
    case .double(let d) where lookup:
      if d >= 0, d < 18_446_744_073_709_551_616.0, d.rounded(.towardZero) == d {
        self = .unsigned(UInt64(d))
      } else if d < 0, d >= -9_223_372_036_854_775_808.0, d.rounded(.towardZero) == d {
        self = .signed(Int64(d))
      } else {
        return nil
      }
    default: return nil
    }
  }
}
