/// The `result_matcher` of a ``SimpleTest``: what the evaluation must produce.
public enum ResultMatcher: Sendable, Equatable {
  /// A value, equal by value semantics (maps unordered, NaN matching NaN).
  case value(SpecValue)
  /// A value and the type the checker deduced; either may be absent.
  case typedResult(result: SpecValue?, deducedType: SpecType?)
  /// An error; the messages are the suite's wording, which implementations need not share.
  case evalError([String])
  /// One of several error sets.
  case anyEvalErrors([[String]])
  /// An unknown result, by the ids of the unknown expressions.
  case unknown([Int64])
  /// One of several unknown sets.
  case anyUnknowns([[Int64]])

  /// Decodes the matcher from the fields of a `SimpleTest` message.
  init(test message: TextProtoMessage) throws(TextProtoError) {
    let names = [
      "value", "typed_result", "eval_error", "any_eval_errors", "unknown", "any_unknowns",
    ]
    let present = message.fields.filter { names.contains($0.name) }
    guard let field = present.last else {
      self = .value(.bool(true))
      return
    }
    if let other = present.first(where: { $0.name != field.name }) {
      throw TextProtoError(
        "'\(other.name)' and '\(field.name)' are alternatives of one result matcher",
        at: field.location)
    }
    let body = try field.message()
    switch field.name {
    case "value":
      self = .value(try SpecValue(body))
    case "typed_result":
      try body.checkFields(["result", "deduced_type"], of: "TypedResult")
      let result = try body.message("result").map { (m) throws(TextProtoError) in try SpecValue(m) }
      let type = try body.message("deduced_type").map { (m) throws(TextProtoError) in
        try SpecType(m)
      }
      self = .typedResult(result: result, deducedType: type)
    case "eval_error":
      self = .evalError(try Self.errorMessages(body))
    case "any_eval_errors":
      try body.checkFields(["errors"], of: "ErrorSetMatcher")
      var sets: [[String]] = []
      for set in body.fields(named: "errors") {
        sets.append(try Self.errorMessages(set.message()))
      }
      self = .anyEvalErrors(sets)
    case "unknown":
      self = .unknown(try Self.unknownIDs(body))
    default:
      try body.checkFields(["unknowns"], of: "UnknownSetMatcher")
      var sets: [[Int64]] = []
      for set in body.fields(named: "unknowns") {
        sets.append(try Self.unknownIDs(set.message()))
      }
      self = .anyUnknowns(sets)
    }
  }

  /// The messages of a `cel.expr.ErrorSet`.
  static func errorMessages(_ set: TextProtoMessage) throws(TextProtoError) -> [String] {
    try set.checkFields(["errors"], of: "cel.expr.ErrorSet")
    var messages: [String] = []
    for error in set.fields(named: "errors") {
      let status = try error.message()
      try status.checkFields(["code", "message", "details"], of: "cel.expr.Status")
      messages.append(try status.string("message"))
    }
    return messages
  }

  /// The expression ids of a `cel.expr.UnknownSet`.
  static func unknownIDs(_ set: TextProtoMessage) throws(TextProtoError) -> [Int64] {
    try set.checkFields(["exprs"], of: "cel.expr.UnknownSet")
    var ids: [Int64] = []
    for id in set.fields(named: "exprs") {
      ids.append(try id.int64())
    }
    return ids
  }
}
