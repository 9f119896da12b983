import SignpostCEL
import SignpostSource

/// Runs conformance cases through Signpost's CEL: compile (parse, check unless
/// `disable_check`, plan), evaluate with the bindings, and match the result.
public struct ConformanceRunner: Sendable {
  public init() {}

  /// Runs every test of `file`.
  public func run(_ file: SimpleTestFile, path: String) -> FileReport {
    FileReport(path: path, results: file.tests.map { CaseResult(test: $0, outcome: run($0)) })
  }

  /// Runs one test.
  public func run(_ test: SimpleTest) -> CaseOutcome {
    let prepared: PreparedCase
    switch SkipList.plan(for: test) {
    case .skip(let reason): return .skipped(reason)
    case .invalid(let message):
      return .failed(expected: "usable test data", actual: "invalid test data: \(message)")
    case .run(let plan): prepared = plan
    }
    let environment = CELEnvironment(
      variables: prepared.variables, container: test.container, macros: !test.disableMacros)
    let program: CELProgram
    switch environment.compile(test.expression, checked: !test.disableCheck) {
    case .success(let compiled): program = compiled
    case .failure(let error):
      // The simple tests sometimes expect an error that a checker reports before evaluation
      // (an unknown identifier or function), so a compile error matches an expected error.
      if case .error = prepared.expectation { return .passed }
      let messages = error.diagnostics.map(\.message).joined(separator: "; ")
      return .failed(
        expected: prepared.expectation.description, actual: "compile error: \(messages)")
    }
    if case .typed(_, let type?) = prepared.expectation, !test.disableCheck, program.type != type {
      return .failed(
        expected: prepared.expectation.description, actual: "checked type \(program.type)")
    }
    if test.checkOnly { return .passed }
    let actual = program.evaluate(prepared.bindings)
    let matched: Bool
    switch prepared.expectation {
    case .value(let expected), .typed(let expected?, _):
      matched = ValueComparison.matches(actual, expected)
    case .typed(nil, _):
      matched = true
    case .error:
      // Any error will do: the expected messages are another implementation's wording.
      if case .error = actual { matched = true } else { matched = false }
    }
    return matched
      ? .passed
      : .failed(expected: prepared.expectation.description, actual: String(describing: actual))
  }
}
