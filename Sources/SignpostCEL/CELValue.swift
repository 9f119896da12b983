/// A CEL value at run time. Errors and unknowns are values too, so that `&&` and `||`
/// can absorb them as the specification requires.
public enum CELValue: Sendable {
  case null
  case bool(Bool)
  case int(Int64)
  case uint(UInt64)
  case double(Double)
  case string(String)
  case bytes([UInt8])
  case list([CELValue])
  case map(CELMap)
  case timestamp(CELTimestamp)
  case duration(CELDuration)
  case type(CELType)
  /// A host record (a person, an event) whose fields the planner resolved to slots.
  case object(any CELObject)
  /// An evaluation error, such as division by zero or a missing key.
  case error(CELError)
  /// A value that depends on data that was not supplied; the attribute names say which.
  case unknown(CELUnknown)
}

/// A run-time error value.
public struct CELError: Sendable, Hashable, Error, CustomStringConvertible {
  public var message: String

  public init(_ message: String) {
    self.message = message
  }

  public var description: String { message }
}

/// A value that could not be computed because some inputs were missing.
public struct CELUnknown: Sendable, Hashable {
  /// The names of the missing attributes, such as `person.attendance` or `source police`.
  public var attributes: Set<String>

  public init(_ attributes: Set<String>) {
    self.attributes = attributes
  }

  /// The union of two unknowns.
  public func merged(with other: CELUnknown) -> CELUnknown {
    CELUnknown(attributes.union(other.attributes))
  }
}

extension CELObject {
  /// By default a field is set unless its value is unknown.
  public func has(_ slot: Int) -> CELValue {
    if case .unknown = field(at: slot) { return .bool(false) }
    return .bool(true)
  }
}

/// A host record exposed to expressions; fields are read by the slot the planner resolved.
public protocol CELObject: Sendable {
  /// The record type's name, as declared to the checker.
  var typeName: String { get }
  /// The value of the field at `slot`, or `.unknown` when the data is missing.
  func field(at slot: Int) -> CELValue
  /// The `has` macro's answer for the field at `slot`: `true` or `false`, or unknown when
  /// whether it is set cannot be known (its data was not supplied at all).
  func has(_ slot: Int) -> CELValue
  /// The value of a field looked up by name, for unchecked expressions; `nil` if no such field.
  func field(named name: String) -> CELValue?
}
