import CELConformance
import Testing

/// Skips are decided before anything is compiled, so these tests go through the runner.
@Suite("Skipped cases")
struct SkipListTests {
  private func outcome(_ test: SimpleTest) -> CaseOutcome {
    ConformanceRunner().run(test)
  }

  @Test(arguments: [
    ("TestAllTypes{}.single_int64 == 0", "needs protobuf message type TestAllTypes"),
    (
      "google.protobuf.Int64Value{value: 1} == 1",
      "needs protobuf message type google.protobuf.Int64Value"
    ),
    ("dyn(google.protobuf.Value{}) == null", "needs protobuf message type google.protobuf.Value"),
    (
      "x == cel.expr.conformance.proto3.GlobalEnum.GAR",
      "needs protobuf message types of cel.expr.conformance"
    ),
    ("a.b.Msg {f: 1}.f", "uses message construction syntax a.b.Msg{...}"),
    (".Msg{}", "uses message construction syntax Msg{...}"),
  ])
  func protobufExpressions(expression: String, reason: String) {
    #expect(outcome(SimpleTest(name: "t", expression: expression)) == .skipped(reason))
  }

  @Test func protoContainer() {
    let test = SimpleTest(name: "t", expression: "x", container: "cel.expr.conformance.proto3")
    #expect(
      outcome(test)
        == .skipped("container-dependent proto lookup (container cel.expr.conformance.proto3)"))
  }

  @Test func declarationsThatAreNotVariables() {
    let function = SimpleTest(
      name: "t", expression: "f(1)", typeEnvironment: [SpecDecl(name: "f", kind: .function)])
    #expect(outcome(function) == .skipped("declares a custom function 'f'"))
    let constant = SimpleTest(
      name: "t", expression: "c", typeEnvironment: [SpecDecl(name: "c", kind: .constant(.dyn))])
    #expect(outcome(constant) == .skipped("declares a constant 'c'"))
  }

  @Test func unsupportedInputsAndResults() {
    let wrapper = SimpleTest(
      name: "t", expression: "x",
      typeEnvironment: [SpecDecl(name: "x", kind: .ident(.wrapper(.int64)))])
    #expect(outcome(wrapper) == .skipped("needs protobuf message type google.protobuf.Int64Value"))
    let enumResult = SimpleTest(
      name: "t", expression: "1", matcher: .value(.enumValue(type: "a.E", value: 1)))
    #expect(outcome(enumResult) == .skipped("needs protobuf enum type a.E"))
    let unknown = SimpleTest(name: "t", expression: "x", matcher: .unknown([1]))
    #expect(outcome(unknown) == .skipped("unknowns need the partial-evaluation API"))
    let unknownBinding = SimpleTest(name: "t", expression: "x", bindings: ["x": .unknown([1])])
    #expect(outcome(unknownBinding) == .skipped("unknowns need the partial-evaluation API"))
    let locale = SimpleTest(name: "t", expression: "1", locale: "de")
    #expect(outcome(locale) == .skipped("needs locale 'de' for evaluation"))
  }

  @Test(arguments: [
    "google.protobuf.Timestamp == type(timestamp(0))",
    "type(duration('1s')) == google.protobuf.Duration",
    "1 in {1: 2}",
    "'TestAllTypes{} google.protobuf.Int64Value' == r\"Msg{\"",
    "'''a ' Msg{''' == \"\"\"x\"\"\"",
    "'\\'Msg{'.size() > 0",
  ])
  func notSkipped(expression: String) {
    let result = outcome(SimpleTest(name: "t", expression: expression))
    if case .skipped(let reason) = result {
      Issue.record("\(expression) was skipped: \(reason)")
    }
  }
}
