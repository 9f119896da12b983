import SignpostCEL
import SignpostSource
import Testing

/// Compiles (checked) and evaluates, rendering the value as a CEL literal or the compile error.
private func run(_ expression: String) -> String {
  switch CELEnvironment().compile(expression) {
  case .success(let program): return program.evaluate().debugText
  case .failure(let error):
    return "compile error: " + error.diagnostics.map(\.message).joined(separator: "; ")
  }
}

/// The strings extension, with the examples and edge cases cel-go documents for `ext.Strings()`.
@Test(arguments: [
  ("'hello'.charAt(4)", "\"o\""),
  ("'hello'.charAt(5)", "\"\""),
  ("'hello'.charAt(-1)", "error(index out of range: -1)"),
  ("'hello'.charAt(6)", "error(index out of range: 6)"),
  ("''.charAt(0)", "\"\""),
  ("'©αT'.charAt(1)", "\"α\""),
  ("'hello mellow'.indexOf('')", "0"),
  ("'hello mellow'.indexOf('ello')", "1"),
  ("'hello mellow'.indexOf('jello')", "-1"),
  ("'hello mellow'.indexOf('', 2)", "2"),
  ("'hello mellow'.indexOf('ello', 2)", "7"),
  ("'hello mellow'.indexOf('ello', 20)", "error(index out of range: 20)"),
  ("'hello mellow'.indexOf('ello', -1)", "error(index out of range: -1)"),
  ("''.indexOf('')", "0"),
  ("''.indexOf('a')", "-1"),
  ("'ab'.indexOf('abc')", "-1"),
  ("''.lastIndexOf('@@')", "-1"),
  ("'tacocat'.lastIndexOf('a', 30)", "error(index out of range: 30)"),
  ("'bananananana'.lastIndexOf('nana', 7)", "6"),
  ("'ta©o©αT'.indexOf('©αT')", "4"),
  ("'hello mellow'.lastIndexOf('')", "12"),
  ("'hello mellow'.lastIndexOf('ello')", "7"),
  ("'hello mellow'.lastIndexOf('jello')", "-1"),
  ("'hello mellow'.lastIndexOf('ello', 6)", "1"),
  ("'hello mellow'.lastIndexOf('ello', -1)", "error(index out of range: -1)"),
  ("'ta©o©αT'.lastIndexOf('©')", "4"),
  ("'TacoCat'.lowerAscii()", "\"tacocat\""),
  ("'TacoCÆt Xii'.lowerAscii()", "\"tacocÆt xii\""),
  ("'TacoCat'.upperAscii()", "\"TACOCAT\""),
  ("'TacoCÆt Xii'.upperAscii()", "\"TACOCÆT XII\""),
  ("''.upperAscii()", "\"\""),
  ("'hello hello'.replace('he', 'we')", "\"wello wello\""),
  ("'hello hello'.replace('he', 'we', -1)", "\"wello wello\""),
  ("'hello hello'.replace('he', 'we', 1)", "\"wello hello\""),
  ("'hello hello'.replace('he', 'we', 0)", "\"hello hello\""),
  ("'hello hello'.replace('', '_')", "\"_h_e_l_l_o_ _h_e_l_l_o_\""),
  ("'hello hello'.replace('h', '')", "\"ello ello\""),
  ("'é€'.replace('', '.', 2)", "\".é.€\""),
  ("'hello hello hello'.split(' ')", "[\"hello\", \"hello\", \"hello\"]"),
  ("'hello hello hello'.split(' ', 0)", "[]"),
  ("'hello hello hello'.split(' ', 1)", "[\"hello hello hello\"]"),
  ("'hello hello hello'.split(' ', 2)", "[\"hello\", \"hello hello\"]"),
  ("'hello hello hello'.split(' ', -1)", "[\"hello\", \"hello\", \"hello\"]"),
  ("''.split(',')", "[\"\"]"),
  ("''.split('')", "[]"),
  ("'aé€'.split('')", "[\"a\", \"é\", \"€\"]"),
  ("'aé€'.split('', 2)", "[\"a\", \"é€\"]"),
  ("'a,,b,'.split(',')", "[\"a\", \"\", \"b\", \"\"]"),
  ("'tacocat'.substring(4)", "\"cat\""),
  ("'tacocat'.substring(0, 4)", "\"taco\""),
  ("'tacocat'.substring(7)", "\"\""),
  ("'tacocat'.substring(-1)", "error(index out of range: -1)"),
  ("'tacocat'.substring(8)", "error(index out of range: 8)"),
  ("'tacocat'.substring(2, 1)", "error(invalid substring range. start: 2, end: 1)"),
  ("'tacocat'.substring(1, 9)", "error(index out of range: 9)"),
  ("'ta©o©αT'.substring(2, 6)", "\"©o©α\""),
  ("'  \\ttrim\\n    '.trim()", "\"trim\""),
  ("'\\u00a0\\u2003 x \\u3000'.trim()", "\"x\""),
  ("'\\u200bx'.trim()", "\"\u{200B}x\""),
  ("'   '.trim()", "\"\""),
  ("['hello', 'mellow'].join()", "\"hellomellow\""),
  ("['hello', 'mellow'].join(' ')", "\"hello mellow\""),
  ("[].join()", "\"\""),
  ("[].join('/')", "\"\""),
  ("'gums'.reverse()", "\"smug\""),
  ("'John Smith'.reverse()", "\"htimS nhoJ\""),
  ("'©αT'.reverse()", "\"Tα©\""),
  ("''.reverse()", "\"\""),
  (
    #"strings.quote('single-quote with "double quote"') == r'"single-quote with \"double quote\""'"#,
    "true"
  ),
  (#"strings.quote("two escape sequences \a\n") == r'"two escape sequences \a\n"'"#, "true"),
  ("strings.quote('')", #""\"\"""#),
  ("strings.quote('é')", #""\"é\"""#),
])
func stringsExtension(_ expression: String, _ expected: String) {
  #expect(run(expression) == expected)
}

/// `format`, with cel-go's examples for each clause.
@Test(arguments: [
  (
    "'this is a string: %s\\nand an integer: %d'.format(['str', 42])",
    "\"this is a string: str\nand an integer: 42\""
  ),
  ("'a double substituted with %%s: %s'.format([64.2])", "\"a double substituted with %s: 64.2\""),
  ("'string type: %s'.format([type(string)])", "\"string type: type\""),
  (
    "'timestamp: %s'.format([timestamp('2023-02-03T23:31:20+00:00')])",
    "\"timestamp: 2023-02-03T23:31:20Z\""
  ),
  ("'duration: %s'.format([duration('1h45m47s')])", "\"duration: 6347s\""),
  ("'%f'.format([3.14])", "\"3.140000\""),
  ("'%.2f'.format([2.675])", "\"2.67\""),
  ("'%.0f'.format([7])", "\"7\""),
  ("'%e'.format([2.71828])", "\"2.718280e+00\""),
  ("'5 in binary: %b'.format([5])", "\"5 in binary: 101\""),
  ("'%b %b'.format([true, false])", "\"1 0\""),
  ("'26 in hex: %x'.format([26])", "\"26 in hex: 1a\""),
  ("'26 in hex (uppercase): %X'.format([26])", "\"26 in hex (uppercase): 1A\""),
  ("'%x'.format(['Hi'])", "\"4869\""),
  ("'30 in octal: %o'.format([30])", "\"30 in octal: 36\""),
  ("'%s'.format([[1, 'two', 3.5, null]])", "\"[1, two, 3.5, null]\""),
  ("'%s'.format([{'b': 2, 'a': 1}])", "\"{a: 1, b: 2}\""),
  ("'%s %s'.format([true, 1u])", "\"true 1\""),
  ("'%s'.format([1e21])", "\"1000000000000000000000\""),
  ("'%s'.format([0.000001])", "\"0.000001\""),
  ("'%d'.format([double('NaN')])", "\"NaN\""),
  ("'%f'.format([-double('Infinity')])", "\"-Infinity\""),
  ("''.format([])", "\"\""),
  ("'é %s'.format(['€'])", "\"é €\""),
  ("'%d %d'.format(dyn([1]))", "error(error during formatting: index 1 out of range)"),
  (
    "'%d'.format(dyn(['x']))",
    "error(error during formatting: decimal clause can only be used on integers and doubles, was given string)"
  ),
  (
    "'%q'.format(dyn([1]))",
    "error(error during formatting: could not parse formatting clause: unrecognized formatting clause \"q\")"
  ),
  (
    "'50%'.format(dyn([]))",
    "error(error during formatting: could not parse formatting clause: unexpected end of string)"
  ),
])
func stringFormat(_ expression: String, _ expected: String) {
  #expect(run(expression) == expected)
}

/// The two-variable comprehensions of cel-go's `ext.TwoVarComprehensions()`.
@Test(arguments: [
  ("[1, 2, 3].all(i, j, i < j)", "true"),
  ("{'hello': 'world', 'taco': 'taco'}.all(k, v, k != v)", "false"),
  (
    "{'h': ['hello', 'hi'], 'j': ['joke', 'jog']}.all(k, vals, vals.all(v, v.startsWith(k)))",
    "true"
  ),
  (
    "{'greeting': 'hello', 'farewell': 'goodbye'}.exists(k, v, k.startsWith('good') || v.endsWith('bye'))",
    "true"
  ),
  ("[1, 2, 4, 8, 16].exists(i, v, v == 1024 && i == 10)", "false"),
  ("[1, 2, 1, 3, 1, 4].existsOne(i, v, i == 1 || v == 1)", "false"),
  ("[1, 1, 2, 2, 3, 3].existsOne(i, v, i == 2 && v == 2)", "true"),
  ("{'i': 0, 'j': 1, 'k': 2}.exists_one(i, v, i == 'l' || v == 1)", "true"),
  ("[1, 2, 3].transformList(i, v, (i * v) + v)", "[1, 4, 9]"),
  ("[1, 2, 3].transformList(i, v, i % 2 == 0, (i * v) + v)", "[1, 9]"),
  (
    "{'greeting': 'hello', 'farewell': 'goodbye'}.transformList(k, _, k)",
    "[\"greeting\", \"farewell\"]"
  ),
  (
    "{'greeting': 'hello', 'farewell': 'goodbye'}.transformList(_, v, v)",
    "[\"hello\", \"goodbye\"]"
  ),
  ("[1, 2, 3].transformMap(i, v, (i * v) + v)", "{0: 1, 1: 4, 2: 9}"),
  ("[1, 2, 3].transformMap(i, v, i % 2 == 0, (i * v) + v)", "{0: 1, 2: 9}"),
  ("{'greeting': 'hello'}.transformMap(k, v, v + '!')", "{\"greeting\": \"hello!\"}"),
  ("{'greeting': 'hello'}.transformMapEntry(k, v, {v: k})", "{\"hello\": \"greeting\"}"),
  ("[1, 2, 3].transformMapEntry(i, v, {v: i})", "{1: 0, 2: 1, 3: 2}"),
  ("[1, 2, 3].transformMapEntry(i, v, v > 1, {v: i})", "{2: 1, 3: 2}"),
  (
    "{'greeting': 'aloha', 'farewell': 'aloha'}.transformMapEntry(k, v, {v: k})",
    "error(insert failed: key \"aloha\" already exists)"
  ),
  ("[].all(i, v, false)", "true"),
  ("{}.transformMap(k, v, v)", "{}"),
  ("[1, 0].all(i, v, 1 / v > 0)", "error(divide by zero)"),
  ("[1, 0].exists(i, v, 1 / v > 0)", "true"),
])
func twoVariableComprehensions(_ expression: String, _ expected: String) {
  #expect(run(expression) == expected)
}

@Test func twoVariableComprehensionsAreTypeChecked() throws {
  let environment = CELEnvironment()
  #expect(
    try environment.compile("[1, 2].transformMap(i, v, v * 2)").get().type == .map(.int, .int))
  #expect(try environment.compile("{'a': 1}.transformList(k, v, k)").get().type == .list(.string))
  #expect(try environment.compile("['a'].all(i, v, i == 0)").get().type == .bool)
  #expect(
    run("[1, 2].all(i, v, v.startsWith('a'))").contains(
      "no matching overload for 'startsWith' applied to (int, string)"))
  #expect(run("[1].all(i, i, true)") == "compile error: duplicate variable name: i")
  #expect(
    run("[1].all(i, v.w, true)") == "compile error: the variables of all() must be simple names")
  #expect(
    run("1.all(i, v, true)")
      == "compile error: all() needs a list or a map, not a value of type int")
}

/// A constant format string with a list literal is checked when the expression compiles, as
/// cel-go's format validator does; other calls are checked when they run.
@Test func formatCallsWithAConstantPatternAreCheckedAtCompileTime() {
  #expect(
    run("'%d %d'.format([1])") == "compile error: error during formatting: index 1 out of range")
  #expect(
    run("'%d'.format([1, 2])")
      == "compile error: too many arguments supplied to string.format (expected 1, got 2)")
  #expect(
    run("'%d'.format(['x'])")
      == "compile error: error during formatting: '%d' cannot format a value of type string")
  #expect(
    run("'%q'.format([1])")
      == "compile error: error during formatting: could not parse formatting clause: unrecognized formatting clause \"q\""
  )
  #expect(run("'%s %x %b'.format([[1], 'hi', true])") == "\"[1] 6869 1\"")
  #expect(run("'%d'.format([dyn('x')])").hasPrefix("error(error during formatting: decimal clause"))
}

@Test func stringFunctionsAreTypeChecked() {
  #expect(
    run("'abc'.charAt('1')")
      == "compile error: no matching overload for 'charAt' applied to (string, string)")
  #expect(
    run("[1, 2].join()") == "compile error: no matching overload for 'join' applied to (list(int))")
  #expect(
    run("'a'.split(1)")
      == "compile error: no matching overload for 'split' applied to (string, int)")
  #expect(
    run("strings.quote(1)")
      == "compile error: no matching overload for 'strings.quote' applied to (int)")
  #expect(run("dyn([1, 'a']).join()") == "error(join: invalid input: 1)")
}

/// Reserved words are not names, but the grammar's SELECTOR lets them select a field or name a
/// receiver call; keywords stay out.
@Test func reservedWordsAsSelectorsAndReceiverCalls() {
  let environment = CELEnvironment(variables: ["x": .map(.string, .int)])
  let program = try? environment.compile("x.as + x.if + x.while").get()
  #expect(
    program?.evaluate([
      "x": .map(
        try! CELMap.make([
          (.string("as"), .int(1)), (.string("if"), .int(2)), (.string("while"), .int(3)),
        ]).get())
    ]).debugText == "6")
  #expect(run("'a'.if()").contains("undeclared function 'if'"))
  #expect(run("as") == "compile error: 'as' is a reserved word and cannot be used as a name")
  #expect(run("{'in': 1}.in").hasPrefix("compile error: expected a field name after '.'"))
  #expect(run("{'null': 1}.null").hasPrefix("compile error: expected a field name after '.'"))
}
