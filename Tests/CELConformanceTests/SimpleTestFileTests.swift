import CELConformance
import Testing

@Suite("SimpleTestFile model")
struct SimpleTestFileTests {
  @Test func decodesTestsWithEveryInput() throws {
    let file = try SimpleTestFile.parse(
      """
      name: "sample"
      description: "d"
      section {
        name: "s"
        test {
          name: "lookup"
          expr: "x + y.z"
          disable_check: true
          disable_macros: true
          check_only: false
          container: "com.example"
          type_env: { name: "x", ident: { type: { primitive: INT64 } } }
          type_env {
            name: "f"
            function { overloads { overload_id: "f_int" params { primitive: INT64 } } }
          }
          bindings: { key: "x" value: { value: { int64_value: 1 } } }
          bindings { key: "e" value { error { errors { message: "boom" } } } }
          value: { int64_value: 2 }
        }
        test { name: "default" expr: "true" }
      }
      """)
    #expect(file.name == "sample")
    #expect(file.sections.map(\.name) == ["s"])
    let test = try #require(file.tests.first)
    #expect(test.section == "s")
    #expect(test.name == "lookup")
    #expect(test.expression == "x + y.z")
    #expect(test.disableCheck && test.disableMacros && !test.checkOnly)
    #expect(test.container == "com.example")
    #expect(
      test.typeEnvironment == [
        SpecDecl(name: "x", kind: .ident(.primitive(.int64))),
        SpecDecl(name: "f", kind: .function),
      ])
    #expect(test.bindings == ["x": .value(.int64(1)), "e": .error(["boom"])])
    #expect(test.matcher == .value(.int64(2)))
    #expect(test.location.line == 5)
    #expect(file.tests[1].matcher == .value(.bool(true)))
  }

  @Test func decodesEveryMatcher() throws {
    func matcher(_ text: String) throws -> ResultMatcher {
      try SimpleTestFile.parse("section { test { name: 't' expr: '1' \(text) } }").tests[0].matcher
    }
    #expect(try matcher("eval_error { errors { message: 'a' } }") == .evalError(["a"]))
    #expect(
      try matcher(
        "any_eval_errors { errors { errors { message: 'a' } } errors { errors { message: 'b' } } }")
        == .anyEvalErrors([["a"], ["b"]]))
    #expect(try matcher("unknown { exprs: 1 exprs: 2 }") == .unknown([1, 2]))
    #expect(try matcher("any_unknowns { unknowns { exprs: 3 } }") == .anyUnknowns([[3]]))
    #expect(
      try matcher(
        "typed_result { result { string_value: 'a' } deduced_type { list_type { elem_type { dyn {} } } } }"
      ) == .typedResult(result: .string("a"), deducedType: .list(.dyn)))
    #expect(
      try matcher("typed_result { deduced_type { primitive: BOOL } }")
        == .typedResult(result: nil, deducedType: .primitive(.bool)))
  }

  @Test func decodesValues() throws {
    func value(_ text: String) throws -> SpecValue {
      try SpecValue(TextProto.parse(text))
    }
    #expect(try value("null_value: NULL_VALUE") == .null)
    #expect(try value("uint64_value: 18446744073709551615") == .uint64(.max))
    #expect(try value("bytes_value: '\\303\\277'") == .bytes([0xC3, 0xBF]))
    #expect(try value("type_value: 'int'") == .type("int"))
    #expect(
      try value("enum_value { type: 'a.E' value: 2 }") == .enumValue(type: "a.E", value: 2))
    #expect(
      try value("list_value { values { int64_value: 1 } values: { bool_value: true } }")
        == .list([.int64(1), .bool(true)]))
    #expect(
      try value("map_value { entries { key { string_value: 'k' } value { double_value: -inf } } }")
        == .map([SpecMapEntry(key: .string("k"), value: .double(-.infinity))]))
    let object = try value(
      "object_value { [type.googleapis.com/google.protobuf.Duration] { seconds: 1 } }")
    guard case .object(let any) = object else {
      Issue.record("expected an object value, got \(object)")
      return
    }
    #expect(any.typeName == "google.protobuf.Duration")
    #expect(try any.message?.field(named: "seconds")?.int64() == 1)
    #expect(
      try value("object_value { type_url: 'type.googleapis.com/a.B' value: '\\001' }")
        == .object(SpecAny(typeURL: "type.googleapis.com/a.B", message: nil, encoded: [1])))
  }

  @Test func decodesTypes() throws {
    func type(_ text: String) throws -> SpecType {
      try SpecType(TextProto.parse(text))
    }
    #expect(
      try type("map_type { key_type { primitive: STRING } value_type { wrapper: INT64 } }")
        == .map(key: .primitive(.string), value: .wrapper(.int64)))
    #expect(try type("well_known: TIMESTAMP") == .wellKnown(.timestamp))
    #expect(try type("message_type: 'a.B'") == .message("a.B"))
    #expect(try type("type { primitive: 2 }") == .type(.primitive(.int64)))
    #expect(try type("null: NULL_VALUE") == .null)
    #expect(try type("type_param: 'T'") == .typeParameter("T"))
    #expect(try type("error {}") == .error)
    #expect(
      try type("abstract_type { name: 'optional' parameter_types { dyn {} } }")
        == .abstract(name: "optional", parameters: [.dyn]))
    #expect(
      try type("function { result_type { primitive: BOOL } arg_types { dyn {} } }")
        == .function(result: .primitive(.bool), arguments: [.dyn]))
  }

  @Test(arguments: [
    ("section { tset { } }", "1:11: unknown field 'tset' in SimpleTestSection"),
    (
      "section { test { value { int64_value: 1 } eval_error { } } }",
      "1:43: 'value' and 'eval_error' are alternatives of one result matcher"
    ),
    (
      "section { test { value { int64_value: 1 string_value: 'a' } } }",
      "1:41: 'int64_value' and 'string_value' are alternative kinds of one cel.expr.Value"
    ),
    ("section { test { value { } } }", "1:24: cel.expr.Value sets no kind"),
    (
      "section { test { value { int64_value: 'a' } } }",
      "1:26: field 'int64_value' expects a 64-bit signed integer"
    ),
    (
      "section { test { type_env { name: 'x' } } }",
      "1:27: a declaration needs 'ident' or 'function'"
    ),
    (
      "section { test { type_env { ident { type { primitive: LONG } } } } }",
      "1:44: 'LONG' is not a value of the enum of field 'primitive'"
    ),
  ])
  func schemaErrors(text: String, expected: String) {
    #expect {
      try SimpleTestFile.parse(text)
    } throws: { error in
      (error as? TextProtoError)?.description == expected
    }
  }
}
