import CELConformance
import SignpostSource
import Testing

@Suite("TextProto reader")
struct TextProtoTests {
  private func field(_ text: String) throws -> TextProtoField {
    let message = try TextProto.parse(text)
    return try #require(message.fields.first)
  }

  @Test func fieldsAndNestedMessages() throws {
    let message = try TextProto.parse(
      """
      name: "basic"  # a comment
      section { name: 'a'; test: { expr: "1" }, test < expr: "2" > }
      section: < >
      """)
    #expect(message.fields.map(\.name) == ["name", "section", "section"])
    #expect(try message.string("name") == "basic")
    let section = try #require(try message.message("section"))
    #expect(section.fields.isEmpty)
    let first = try message.fields[1].message()
    #expect(first.fields.map(\.name) == ["name", "test", "test"])
    let tests = try first.fields(named: "test").map { try $0.message().string("expr") }
    #expect(tests == ["1", "2"])
  }

  @Test func repeatedListForm() throws {
    let message = try TextProto.parse("values: [1, -2, { a: 3 }] empty: []")
    #expect(message.fields(named: "values").count == 3)
    #expect(try message.fields[1].int64() == -2)
    #expect(!message.has("empty"))
  }

  @Test func stringEscapes() throws {
    #expect(
      try field(#"s: "\a\b\f\n\r\t\v\\\'\"\?""#).bytes()
        == [7, 8, 12, 10, 13, 9, 11, 92, 39, 34, 63])
    #expect(try field(#"s: '\000\377\1\12x'"#).bytes() == [0, 255, 1, 10, 120])
    #expect(try field(#"s: "\x0\xff\xAbc""#).bytes() == [0, 255, 0xAB, 99])
    #expect(try field(#"s: "\u270c""#).string() == "\u{270C}")
    #expect(try field(#"s: "\U0001f431""#).string() == "\u{1F431}")
    #expect(try field(#"s: "\ud83d\ude00""#).string() == "\u{1F600}")
    #expect(try field(#"s: "\xe2\x9c\x8c""#).string() == "\u{270C}")
    #expect(try field("s: \"ÿ\"").bytes() == [0xC3, 0xBF])
  }

  @Test func adjacentStringsConcatenate() throws {
    let value = try field(
      """
      expr:
        "a" 'b' # comment between
        "c"
      """)
    #expect(try value.string() == "abc")
  }

  @Test func bytesNeedNotBeUTF8() throws {
    let value = try field(#"b: "\377\000""#)
    #expect(try value.bytes() == [255, 0])
    #expect(throws: TextProtoError.self) { try value.string() }
  }

  @Test func numbers() throws {
    #expect(try field("n: 42").int64() == 42)
    #expect(try field("n: -42").int64() == -42)
    #expect(try field("n: -9223372036854775808").int64() == Int64.min)
    #expect(try field("n: 18446744073709551615").uint64() == UInt64.max)
    #expect(try field("n: 0x1F").int64() == 31)
    #expect(try field("n: -0X10").int64() == -16)
    #expect(try field("n: 017").int64() == 15)
    #expect(try field("n: 0").int64() == 0)
    #expect(try field("n: 2.5").double() == 2.5)
    #expect(try field("n: -2.3e+1").double() == -23)
    #expect(try field("n: 1E-2").double() == 0.01)
    #expect(try field("n: .5").double() == 0.5)
    #expect(try field("n: 1.5f").double() == 1.5)
    #expect(try field("n: 7").double() == 7)
    #expect(try field("n: inf").double() == .infinity)
    #expect(try field("n: -inf").double() == -.infinity)
    #expect(try field("n: -Infinity").double() == -.infinity)
    #expect(try field("n: nan").double().isNaN)
    #expect(try field("n: 18446744073709551616").double() == 18_446_744_073_709_551_616.0)
    #expect(throws: TextProtoError.self) { try field("n: 2.5").int64() }
    #expect(throws: TextProtoError.self) { try field("n: -1").uint64() }
    #expect(throws: TextProtoError.self) { try field("n: 9223372036854775808").int64() }
    #expect(throws: TextProtoError.self) { try field("n: 3000000000").int32() }
  }

  @Test func identifiersAndEnums() throws {
    let value = try field("null_value: NULL_VALUE")
    #expect(value.value == .identifier("NULL_VALUE"))
    #expect(try value.enumValue(["NULL_VALUE": 0]) == 0)
    #expect(try field("null_value: 0").enumValue(["NULL_VALUE": 0]) == 0)
    #expect(throws: TextProtoError.self) { try value.enumValue(["OTHER": 1]) }
    #expect(try field("b: true").bool())
    #expect(try !field("b: False").bool())
    #expect(try field("b: 1").bool())
  }

  @Test func anyExpansion() throws {
    let value = try field(
      "object_value { [type.googleapis.com/google.protobuf.Int64Value] { value: 1 } }")
    let expansion = try #require(try value.message().fields.first)
    #expect(expansion.name == "[type.googleapis.com/google.protobuf.Int64Value]")
    #expect(expansion.expansionTypeURL == "type.googleapis.com/google.protobuf.Int64Value")
    #expect(try expansion.message().field(named: "value")?.int64() == 1)
  }

  @Test func byteOrderMarkIsIgnored() throws {
    #expect(try TextProto.parse("\u{FEFF}a: 1").fields.map(\.name) == ["a"])
  }

  @Test func fieldLocations() throws {
    let message = try TextProto.parse("a: 1\n  bb { }\n")
    #expect(message.fields[0].location == SourceLocation(line: 1, column: 1))
    #expect(message.fields[1].location == SourceLocation(line: 2, column: 3))
    #expect(try message.fields[1].message().location == SourceLocation(line: 2, column: 6))
  }

  @Test(arguments: [
    ("a: \"abc", "1:4: unterminated string literal"),
    ("a: \"x\ny\"", "1:4: unterminated string literal"),
    ("a: 'ü\\q'", "1:6: unknown escape sequence '\\q'"),
    ("a: '\\400'", "1:5: octal escape out of range"),
    ("a: '\\u12'", "1:5: '\\u' needs four hexadecimal digits"),
    ("a: '\\UFFFFFFFF'", "1:5: escape is not a Unicode scalar value"),
    ("a {\n  b: 1\n", "3:1: expected '}'"),
    ("a < b: 1 }", "1:10: expected a field name"),
    ("a 1", "1:3: expected ':' or '{' after field name 'a'"),
    ("a: }", "1:4: expected a value"),
    ("a: 12abc", "1:6: unexpected character after a number"),
    ("a: 1e", "1:4: missing exponent digits"),
    ("a: -x", "1:5: expected a number after '-'"),
    ("a: [1 2]", "1:7: expected ',' or ']' in a list"),
    ("[type.googleapis.com/x { }", "1:24: expected a type name and ']' in an extension field name"),
    ("é: 1", "1:1: expected a field name"),
  ])
  func syntaxErrors(text: String, expected: String) {
    #expect {
      try TextProto.parse(text)
    } throws: { error in
      (error as? TextProtoError)?.description == expected
    }
  }

  @Test func typeMismatchErrorsPointAtTheField() throws {
    let message = try TextProto.parse("x: 1\ny: 'text'")
    #expect {
      try message.fields[1].int64()
    } throws: { error in
      (error as? TextProtoError)?.description
        == "2:1: field 'y' expects a 64-bit signed integer"
    }
    #expect {
      try message.checkFields(["x"], of: "Test")
    } throws: { error in
      (error as? TextProtoError)?.description == "2:1: unknown field 'y' in Test"
    }
  }

  @Test func deepNestingIsAnError() {
    let text = String(repeating: "a {", count: 200) + String(repeating: "}", count: 200)
    #expect(throws: TextProtoError.self) { try TextProto.parse(text) }
  }
}
