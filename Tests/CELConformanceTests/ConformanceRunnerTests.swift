import CELConformance
import SignpostCEL
import Testing

@Suite("Running cases")
struct ConformanceRunnerTests {
  private let runner = ConformanceRunner()

  @Test func valueMatch() {
    #expect(
      runner.run(SimpleTest(name: "t", expression: "1 + 1", matcher: .value(.int64(2)))) == .passed)
    let wrong = runner.run(SimpleTest(name: "t", expression: "1 + 1", matcher: .value(.int64(3))))
    #expect(wrong == .failed(expected: "3", actual: "2"))
  }

  @Test func defaultMatcherIsTrue() {
    #expect(runner.run(SimpleTest(name: "t", expression: "true")) == .passed)
    #expect(runner.run(SimpleTest(name: "t", expression: "false")) != .passed)
  }

  @Test func variablesAndBindings() {
    let test = SimpleTest(
      name: "t", expression: "x * 2",
      typeEnvironment: [SpecDecl(name: "x", kind: .ident(.primitive(.int64)))],
      bindings: ["x": .value(.int64(21))], matcher: .value(.int64(42)))
    #expect(runner.run(test) == .passed)
  }

  @Test func errorsMatchAnyError() {
    let test = SimpleTest(name: "t", expression: "1 / 0", matcher: .evalError(["divide by zero"]))
    #expect(runner.run(test) == .passed)
    let anyError = SimpleTest(
      name: "t", expression: "1 / 0", matcher: .anyEvalErrors([["a"], ["b"]]))
    #expect(runner.run(anyError) == .passed)
    let noError = SimpleTest(name: "t", expression: "1 / 1", matcher: .evalError(["x"]))
    #expect(runner.run(noError) == .failed(expected: "an error", actual: "1"))
  }

  @Test func compileErrors() {
    let expected = SimpleTest(name: "t", expression: "1 +", matcher: .evalError(["syntax"]))
    #expect(runner.run(expected) == .passed)
    let unexpected = runner.run(
      SimpleTest(name: "t", expression: "1 +", matcher: .value(.int64(1))))
    guard case .failed(let expectedText, let actual) = unexpected else {
      Issue.record("expected a failure, got \(unexpected)")
      return
    }
    #expect(expectedText == "1")
    #expect(actual.hasPrefix("compile error: "))
  }

  @Test func typedResults() {
    let test = SimpleTest(
      name: "t", expression: "[1]",
      matcher: .typedResult(result: .list([.int64(1)]), deducedType: .list(.primitive(.int64))))
    #expect(runner.run(test) == .passed)
    let wrongType = SimpleTest(
      name: "t", expression: "1",
      matcher: .typedResult(result: .int64(1), deducedType: .primitive(.string)))
    #expect(
      runner.run(wrongType) == .failed(expected: "1 of type string", actual: "checked type int"))
    let checkOnly = SimpleTest(
      name: "t", expression: "1 / 0", checkOnly: true,
      matcher: .typedResult(result: nil, deducedType: .primitive(.int64)))
    #expect(runner.run(checkOnly) == .passed)
  }

  @Test func reportRendering() {
    let report = FileReport(
      path: "f.textproto",
      results: [
        CaseResult(test: SimpleTest(section: "s", name: "ok", expression: "1"), outcome: .passed),
        CaseResult(
          test: SimpleTest(section: "s", name: "bad", expression: "b'\u{1}'\n+ 1"),
          outcome: .failed(expected: "1", actual: "2")),
        CaseResult(
          test: SimpleTest(section: "s", name: "proto", expression: "x"),
          outcome: .skipped("needs protobuf message type X")),
      ])
    #expect((report.passed, report.failed, report.skipped) == (1, 1, 1))
    #expect(
      report.render() == """
        f.textproto: 1 passed, 1 failed, 1 skipped
          FAIL s/bad
            expr:     b'\\x01'\\n+ 1
            expected: 1
            actual:   2
          SKIP s/proto: needs protobuf message type X
        """)
    #expect(report.render(verbose: true).contains("  PASS s/ok\n"))
    #expect(FileReport.summary(passed: 3, failed: 0, skipped: 2) == "3 passed, 0 failed, 2 skipped")
  }
}
