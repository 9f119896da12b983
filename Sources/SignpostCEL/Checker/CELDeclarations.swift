/// One signature of a function: parameter types (the receiver first for a receiver-style
/// call) and the result type; `.parameter("A")` stands for a type variable.
public struct CELOverload: Sendable {
  public var id: String
  public var receiverStyle: Bool
  public var parameters: [CELType]
  public var result: CELType

  public init(_ id: String, receiverStyle: Bool = false, _ parameters: [CELType], _ result: CELType)
  {
    self.id = id
    self.receiverStyle = receiverStyle
    self.parameters = parameters
    self.result = result
  }
}

/// How a function computes its value at run time.
public enum CELImplementation: Sendable {
  case unary(@Sendable (CELValue) -> CELValue)
  case binary(@Sendable (CELValue, CELValue) -> CELValue)
  case ternary(@Sendable (CELValue, CELValue, CELValue) -> CELValue)
  case nary(@Sendable ([CELValue]) -> CELValue)
}

/// A function: its overloads for the checker and one implementation that dispatches on the
/// run-time values, so that unchecked (`dyn`) programs behave as checked ones do.
public struct CELFunction: Sendable {
  public var name: String
  public var overloads: [CELOverload]
  public var implementation: CELImplementation
  /// Variables appended to the arguments at plan time; the domain library uses this to pass
  /// `as_of` to `within` without the rule author writing it.
  public var implicitArguments: [String]

  public init(
    _ name: String, overloads: [CELOverload], implicitArguments: [String] = [],
    implementation: CELImplementation
  ) {
    self.name = name
    self.overloads = overloads
    self.implementation = implementation
    self.implicitArguments = implicitArguments
  }
}

/// The record types and closed string sets a host exposes to expressions.
public protocol CELTypeProvider: Sendable {
  /// The type of `field` of the record type `object`, or `nil` if it has no such field.
  func fieldType(of object: String, field: String) -> CELType?
  /// The fields of the record type, for "did you mean" suggestions.
  func fieldNames(of object: String) -> [String]
  /// The slot a field is read from at run time, as ``CELObject/field(at:)`` expects.
  func fieldSlot(of object: String, field: String) -> Int?
  /// The allowed values of an enumeration type, or `nil` if the name is not an enumeration.
  func enumValues(of enumeration: String) -> [String]?
}
