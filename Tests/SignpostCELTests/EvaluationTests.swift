import SignpostCEL
import SignpostSource
import Testing

/// Compiles and evaluates, returning the value rendered as a CEL literal.
private func eval(
  _ expression: String, _ variables: [String: CELType] = [:],
  _ bindings: [String: CELValue] = [:], checked: Bool = true
) -> String {
  switch CELEnvironment(variables: variables).compile(expression, checked: checked) {
  case .success(let program): return program.evaluate(bindings).debugText
  case .failure(let error): return "compile error: \(error.diagnostics.map(\.message))"
  }
}

@Test(arguments: [
  ("1 + 2 * 3", "7"),
  ("7 / 2", "3"),
  ("-7 % 3", "-1"),
  ("2u + 3u", "5u"),
  ("1.5 + 2.0", "3.5"),
  ("'ab' + 'cd'", "\"abcd\""),
  ("[1, 2] + [3]", "[1, 2, 3]"),
  ("size('héllo')", "5"),
  ("'hello'.startsWith('he') && 'hello'.endsWith('lo')", "true"),
  ("'hello'.contains('ell')", "true"),
  ("'abc123'.matches('[a-z]+[0-9]+')", "true"),
  ("{'a': 1, 'b': 2}['b']", "2"),
  ("2 in [1, 2, 3]", "true"),
  ("'a' in {'a': 1}", "true"),
  ("[1, 2, 3].all(x, x > 0)", "true"),
  ("[1, 2, 3].exists(x, x > 2)", "true"),
  ("[1, 2, 3].exists_one(x, x > 1)", "false"),
  ("[1, 2, 3].map(x, x * 2)", "[2, 4, 6]"),
  ("[1, 2, 3].map(x, x > 1, x * 10)", "[20, 30]"),
  ("[1, 2, 3].filter(x, x % 2 == 1)", "[1, 3]"),
  ("true ? 1 : 2", "1"),
  ("int('42') + int(3.9)", "45"),
  ("double(1) / 4.0", "0.25"),
  ("string(12) + string(true)", "\"12true\""),
  ("type(1) == int", "true"),
  ("timestamp('2025-03-28T00:00:00Z') - duration('24h')", "timestamp(\"2025-03-27T00:00:00Z\")"),
  ("timestamp('2025-03-28T10:20:30Z').getFullYear()", "2025"),
  ("timestamp('2025-03-28T10:20:30Z').getMonth()", "2"),
  ("timestamp('2025-03-28T10:20:30Z').getDayOfWeek()", "5"),
  ("duration('1h30m').getMinutes()", "90"),
  ("-9223372036854775808", "-9223372036854775808"),
])
func evaluates(_ expression: String, _ expected: String) {
  #expect(eval(expression) == expected)
}

@Test(arguments: [
  ("9223372036854775807 + 1", "return error for overflow"),
  ("1 / 0", "divide by zero"),
  ("1 % 0", "modulus by zero"),
  ("[1][3]", "index out of range: 3"),
  ("{'a': 1}['b']", "no such key: \"b\""),
  ("-9223372036854775807 - 2", "return error for overflow"),
])
func errorsAreValues(_ expression: String, _ message: String) {
  #expect(eval(expression) == "error(\(message))")
}

@Test func logicalOperatorsAbsorbErrors() {
  #expect(eval("1 / 0 == 1 && false") == "false")
  #expect(eval("false && 1 / 0 == 1") == "false")
  #expect(eval("1 / 0 == 1 || true") == "true")
  #expect(eval("true || 1 / 0 == 1") == "true")
  #expect(eval("1 / 0 == 1 && true") == "error(divide by zero)")
  #expect(eval("[1, 0].exists(x, 1 / x > 0)") == "true")
  #expect(eval("[0, 1].all(x, 1 / x > 0)") == "error(divide by zero)")
}

@Test func unknownsWinOverErrorsButLoseToShortCircuit() {
  let vars: [String: CELType] = ["x": .int]
  let unknown = CELValue.unknown(CELUnknown(["x"]))
  #expect(eval("x > 1 || true", vars, ["x": unknown]) == "true")
  #expect(eval("x > 1 && false", vars, ["x": unknown]) == "false")
  #expect(eval("x > 1 && 1 / 0 == 1", vars, ["x": unknown]) == "unknown(x)")
  #expect(eval("x + 1", vars, ["x": unknown]) == "unknown(x)")
}

@Test func heterogeneousNumericComparison() {
  #expect(eval("1 == 1.0", checked: false) == "true")
  #expect(eval("1u == 1", checked: false) == "true")
  #expect(eval("dyn(1) < 1.5") == "true")
  #expect(eval("dyn(2u) > -1") == "true")
  #expect(eval("[1] == [1.0]", checked: false) == "true")
  #expect(eval("{1: 'a'}[1u]", checked: false) == "\"a\"")
}

@Test func variablesAndQualifiedNames() {
  #expect(eval("a.b.c + 1", ["a.b.c": .int], ["a.b.c": .int(1)]) == "2")
  #expect(
    eval(
      "m.k", ["m": .map(.string, .int)],
      ["m": .map(try! CELMap.make([(.string("k"), .int(3))]).get())]) == "3")
}

/// The calls of an expression in pre-order, each with the overload the checker chose.
private func chosenOverloads(_ expression: String, _ variables: [String: CELType]) throws
  -> [String]
{
  let program = try CELEnvironment(variables: variables).compile(expression, checked: true).get()
  var found: [String] = []
  func visit(_ expr: Expr) {
    guard case .call(let target, let function, let args) = expr.kind else { return }
    found.append("\(function):\(program.overload(at: expr.id) ?? "-")")
    if let target { visit(target) }
    args.forEach(visit)
  }
  visit(program.expression.root)
  return found
}

/// Engines compile a call by the overload the checker resolved, not by its name again; with
/// a `dyn` operand more than one fits and none is chosen.
@Test func theCheckerRecordsTheOverloadItChose() throws {
  #expect(
    try chosenOverloads("n < x && size(s) >= 1", ["n": .int, "x": .double, "s": .string]) == [
      "_&&_:logical_and", "_<_:less_int64_double", "_>=_:greater_equals_int64",
      "size:size_string",
    ])
  #expect(try chosenOverloads("d + d", ["d": .dyn]) == ["_+_:-"])
}
