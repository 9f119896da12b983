import SignpostCEL
import SignpostSource
import Testing

private func diagnostics(_ expression: String, _ variables: [String: CELType] = [:]) -> String {
  switch CELEnvironment(variables: variables).compile(expression) {
  case .success: return "compiled"
  case .failure(let error):
    return error.diagnostics.map(DiagnosticRenderer.render).joined(separator: "\n")
  }
}

@Test func undeclaredReferenceSuggestsAName() {
  #expect(
    diagnostics("attendence < 0.9", ["attendance": .double]) == """
      <expression>:1:1: error: undeclared reference to 'attendence'; did you mean 'attendance'?
      attendence < 0.9
      ^
      """)
}

@Test func noMatchingOverloadNamesTheTypes() {
  #expect(
    diagnostics("age + 'x'", ["age": .int]) == """
      <expression>:1:5: error: no matching overload for '+' applied to (int, string)
      age + 'x'
          ^
      """)
}

@Test func syntaxErrorPointsAtTheToken() {
  #expect(
    diagnostics("a < ") == """
      <expression>:1:5: error: expected an expression, found the end of the expression
      a < 
          ^
      """)
}

@Test func unterminatedStringIsASyntaxError() {
  #expect(diagnostics("'abc").hasPrefix("<expression>:1:1: error: unterminated string literal"))
}

@Test func deepNestingIsRejectedNotACrash() {
  let deep = String(repeating: "(", count: 5000) + "1" + String(repeating: ")", count: 5000)
  #expect(diagnostics(deep).contains("nests too deeply"))
}
