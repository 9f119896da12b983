import SignpostCEL

/// A test whose declarations, bindings and expected result have been converted to CEL
/// types and values, ready to compile and evaluate.
struct PreparedCase {
  var variables: [String: CELType]
  var bindings: [String: CELValue]
  var expectation: Expectation

  /// What a run must produce.
  enum Expectation {
    case value(CELValue)
    /// A value (unless the test is check-only) and a checked type (unless not checked).
    case typed(value: CELValue?, type: CELType?)
    /// Any error: the suite's error messages are one implementation's wording, and CEL
    /// implementations word their errors differently, so only the kind of result is compared.
    case error
  }

  /// Converts `test`'s inputs; throws when something has no CEL counterpart or is invalid.
  /// Matchers for unknowns are left to the ``SkipList``.
  init(_ test: SimpleTest) throws(ConversionError) {
    variables = [:]
    for declaration in test.typeEnvironment {
      guard case .ident(let type) = declaration.kind else {
        throw .unsupported("declares '\(declaration.name)', which is not a variable")
      }
      variables[declaration.name] = try type.celType()
    }
    bindings = [:]
    for (name, value) in test.bindings {
      bindings[name] = try value.celValue()
    }
    switch test.matcher {
    case .value(let value):
      expectation = .value(try value.celValue())
    case .typedResult(let result, let deducedType):
      expectation = .typed(value: try result?.celValue(), type: try deducedType?.celType())
    case .evalError, .anyEvalErrors:
      expectation = .error
    case .unknown, .anyUnknowns:
      throw .unsupported("unknowns need the partial-evaluation API")
    }
  }
}

extension PreparedCase.Expectation: CustomStringConvertible {
  var description: String {
    switch self {
    case .value(let value): String(describing: value)
    case .typed(let value?, let type?): "\(value) of type \(type)"
    case .typed(let value?, nil): String(describing: value)
    case .typed(nil, let type?): "type \(type)"
    case .typed(nil, nil): "anything"
    case .error: "an error"
    }
  }
}
