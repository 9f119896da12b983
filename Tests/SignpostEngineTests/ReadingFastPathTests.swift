import Foundation
import SignpostRules
import SignpostSource
import SignpostTestSupport
import Testing

@testable import SignpostEngine

/// Spellings of every length from 0 to 20 bytes (around the 4-, 8- and 16-byte keys they are
/// compared by), many alike: a field is found exactly when it equals one, at that one's
/// position, and a field that differs in any single byte, or is one byte shorter or longer,
/// is not.
@Test func byteSpellingsFindExactlyTheEqualSpelling() {
  let spellings =
    (0...20).map { n in (0..<n).map { UInt8(ascii: "a") + UInt8($0 % 3) } }
    + [Array("NULL".utf8), Array("sen_support".utf8), Array("N/K".utf8)]
  let lookup = ByteSpellings(spellings)
  func index(_ field: [UInt8]) -> Int? {
    field.withUnsafeBufferPointer { lookup.firstIndex(of: $0) }
  }
  var fields: [[UInt8]] = []
  for spelling in spellings {
    fields.append(spelling)
    fields.append(spelling + [UInt8(ascii: "a")])
    if !spelling.isEmpty { fields.append(Array(spelling.dropLast())) }
    for i in spelling.indices {
      var changed = spelling
      changed[i] ^= 0x20
      fields.append(changed)
    }
  }
  for field in fields {
    #expect(index(field) == spellings.firstIndex(of: field), "\(field)")
  }
  #expect(index(Array("sen_support".utf8)) == 22)
  #expect(index(Array("sen_suppors".utf8)) == nil)
}

/// A long list of spellings (so that keys share slots and lookups probe past them), with
/// repeats (the first found) and spellings over 16 bytes: every spelling is found at its
/// first position, and fields near them, or between them in the probe order, are not.
@Test func byteSpellingsFindEverySpellingOfALongListWithRepeats() {
  var spellings = (0..<400).map { Array("c\($0 * 7)".utf8) }
  spellings += [Array("c7".utf8), Array("c0".utf8), Array(String(repeating: "z", count: 20).utf8)]
  spellings += (0..<40).map { Array("a long spelling, number \($0)".utf8) }
  spellings.append(Array("c14".utf8))
  let lookup = ByteSpellings(spellings)
  for n in 0..<3_000 {
    for field in [Array("c\(n)".utf8), Array("a long spelling, number \(n)".utf8)] {
      let found = field.withUnsafeBufferPointer { lookup.firstIndex(of: $0) }
      #expect(found == spellings.firstIndex(of: field), "\(String(decoding: field, as: UTF8.self))")
    }
  }
}

/// Spellings over 16 bytes that share their length and first and last eight bytes (so their
/// keys are equal and only the bytes between tell them apart), with repeats: each field is
/// found at the first spelling equal to it, and one that differs from all in one byte between
/// is not, against a search of the list.
@Test func byteSpellingsOverSixteenBytesAreToldApartByTheirMiddles() {
  var spellings = (0..<60).map { Array("physical_\($0 % 25)_abuse_adult".utf8) }
  spellings += (17...40).map { Array(String(repeating: "x", count: $0).utf8) }
  spellings += [Array("violence_without_injury".utf8), Array("violence_with_injury".utf8)]
  let lookup = ByteSpellings(spellings)
  var fields = spellings
  for spelling in spellings {
    for i in spelling.indices {
      var changed = spelling
      changed[i] ^= 0x01
      fields.append(changed)
    }
    fields.append(spelling + [UInt8(ascii: "x")])
  }
  for field in fields {
    let found = field.withUnsafeBufferPointer { lookup.firstIndex(of: $0) }
    #expect(found == spellings.firstIndex(of: field), "\(String(decoding: field, as: UTF8.self))")
  }
  #expect(Array("physical_7_abuse_adult".utf8).withUnsafeBufferPointer(lookup.firstIndex) == 7)
}

/// `yyyy-MM-dd` (read at fixed offsets) accepts and refuses exactly the dates that the
/// general loop reads through `dd/MM/yyyy` from the same digits, and gives the same day.
@Test func isoDatesReadAsTheGeneralPatternReadsThem() throws {
  let iso = try #require(DatePattern("yyyy-MM-dd"))
  let general = try #require(DatePattern("dd/MM/yyyy"))
  func parse(_ pattern: DatePattern, _ text: String) -> DatePattern.Parsed? {
    Array(text.utf8).withUnsafeBufferPointer { pattern.parseFields($0) }
  }
  let dates = [
    ("2024", "02", "29"), ("2023", "02", "29"), ("1900", "02", "29"), ("2000", "02", "29"),
    ("2011", "05", "27"), ("2024", "13", "01"), ("2024", "00", "10"), ("2024", "04", "31"),
    ("2024", "12", "31"), ("0000", "01", "01"), ("0001", "01", "01"), ("9999", "12", "31"),
    ("1970", "01", "01"), ("2024", "01", "00"), ("20a4", "01", "01"), ("2024", "1/", "01"),
  ]
  for (year, month, day) in dates {
    let fast = parse(iso, "\(year)-\(month)-\(day)")
    #expect(fast == parse(general, "\(day)/\(month)/\(year)"), "\(year)-\(month)-\(day)")
  }
  #expect(parse(iso, "2011-05-27")?.days == CivilCalendar.days(year: 2011, month: 5, day: 27))
  for refused in [
    "2024-1-01", "2024-01-1", "2024/01/01", "2024-01-011", " 2024-01-01", "2024-01-01 ", "",
    "2024-01-0\u{00E9}",
  ] {
    #expect(parse(iso, refused) == nil, "\(refused)")
  }
}

/// `yyyy-MM-dd` by table gives the day `DatePattern`'s own path gives for every day from
/// before the table's first year to after its last, and refuses what that path refuses
/// (days past a month's end, month 0 or 13, day 0, a non-digit anywhere, another length);
/// years outside the table are left to the patterns, which a reader still reads them by.
@Test func isoDateTableReadsWhatThePatternReads() throws {
  let iso = try #require(DatePattern("yyyy-MM-dd"))
  let table = ISODateTable.shared
  func check(_ text: String) { check(Array(text.utf8)) }
  func check(_ bytes: [UInt8]) {
    let general = bytes.withUnsafeBufferPointer { iso.parseFields($0) }
    let fast = bytes.withUnsafeBufferPointer { table.day($0) }
    let year = Int(String(decoding: bytes.prefix(4), as: UTF8.self)) ?? 0
    let held =
      year >= ISODateTable.firstYear && year < ISODateTable.firstYear + ISODateTable.years
    #expect(fast.map(Int64.init) == (held ? general?.days : nil), "\(bytes)")
  }
  func pad(_ n: Int, _ width: Int) -> String {
    String(repeating: "0", count: max(0, width - String(n).count)) + String(n)
  }
  for year in 1898...2101 {
    for month in 0...13 {
      for day in [0, 1, 2, 15, 27, 28, 29, 30, 31, 32, 39, 99] {
        check("\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))")
      }
    }
  }
  for text in [
    "0000-01-01", "0001-01-01", "9999-12-31", "1899-12-31", "2100-01-01", "2024-1-01",
    "2024-01-1", "2024/01/01", "2024-01-011", " 2024-01-01", "2024-01-01 ", "", "2024-01-0\u{00E9}",
    "2024-0a-01", "2a24-01-01", "2024-01-0:", "2024-01-0/", "2024-01+01", "2024+01-01",
  ] {
    check(text)
  }
  // Every byte in every place of a date, so that a word-at-a-time check lets no other byte
  // pass for a digit or a dash.
  for place in 0..<10 {
    for byte in UInt8.min...UInt8.max {
      var bytes = Array("2024-02-29".utf8)
      bytes[place] = byte
      check(bytes)
    }
  }
  var format = SourceFormat.standard
  format.dateFormats = ["yyyy-MM-dd", "dd/MM/yyyy"]
  let reader = ValueParser(format: format).reader(for: .date, codeList: "f")
  for (text, days) in [
    ("1850-03-01", CivilCalendar.days(year: 1850, month: 3, day: 1)),
    ("2150-12-31", CivilCalendar.days(year: 2150, month: 12, day: 31)),
    ("01/02/2000", CivilCalendar.days(year: 2000, month: 2, day: 1)),
    ("2000-02-01", CivilCalendar.days(year: 2000, month: 2, day: 1)),
  ] {
    let read = Array(text.utf8).withUnsafeBufferPointer { reader.read($0) }
    #expect(read == .success(.date(Int32(days))), "\(text)")
  }
}

/// Short strings taken from the interner's cache are the strings their bytes make: values
/// of every length up to and past 15 bytes, more distinct ones than the cache has slots (so
/// slots are taken over), repeats, the empty value and bytes that are not UTF-8.
@Test func internedStringsAreTheStringsOfTheirBytes() {
  var values: [[UInt8]] = (0...20).map { n in (0..<n).map { UInt8(ascii: "a") + UInt8($0 % 26) } }
  values += (0..<600).map { Array("W\($0 * 7919 % 1000)".utf8) }
  // Alike but for their last bytes (the same first word), so that some share a slot.
  values += (0..<200).map { Array("Winstanley\($0 % 10)\($0 / 10 % 10)".utf8) }
  values += (0..<200).map { Array("Wigan\($0)".utf8) }
  values += [[0xFF, 0x41], [0xC3, 0xA9], [0xE2, 0x80], Array("Winstanley".utf8), [0x41, 0x00]]
  var strings = StringInterner()
  for round in 0..<3 {
    for (i, value) in values.enumerated() where (i + round) % 2 == 0 || round == 2 {
      let made = value.withUnsafeBufferPointer { strings.string($0) }
      #expect(made == String(decoding: value, as: UTF8.self), "\(value)")
      #expect(Array(made.utf8) == Array(String(decoding: value, as: UTF8.self).utf8))
    }
  }
}

/// The column-at-a-time parse of the person tables' workers stores what `read` reads, for
/// every field type, null spelling, code (codes that are also null markers, values or yes/no
/// spellings among them), bound and pattern; a value `read` refuses or keeps as an unknown
/// code is stored missing and reported at its place with `read`'s problem. Every other value
/// is taken from a buffer of unescaped values, as a value that held `""` escapes is.
@Test func typedParseStoresWhatReadReads() {
  var format = SourceFormat.standard
  format.dateFormats = ["yyyy-MM-dd", "dd/MM/yyyy"]
  format.codes = [
    "sex": ["F": "female", "M": "male", "X": "neither"], "flag": ["J": "true"],
    // Codes that are also a value, a null marker or a yes/no spelling: the order of the
    // general path (null markers, then codes, then the type) decides.
    "swap": ["male": "female", "NULL": "male", "female": "nobody"], "yes": ["N": "true", "0": "x"],
  ]
  let parser = ValueParser(format: format)
  func field(_ type: FieldType, _ edit: (inout FieldChecks) -> Void = { _ in })
    -> FieldDeclaration
  {
    var declaration = FieldDeclaration(
      name: "f", type: type, description: "", sources: ["s"],
      location: SourceLocation(line: 1, column: 1))
    edit(&declaration.checks)
    return declaration
  }
  let cases: [(FieldType, String, FieldDeclaration?, [String])] = [
    (
      .date, "f", nil,
      ["2011-05-27", "27/05/2011", "2011-02-30", "", "NULL", "2011-5-27", "x", "31/04/2011"]
    ),
    (
      .enumeration(["female", "male"]), "sex", nil,
      ["female", "male", "F", "M", "X", "Q", "", "femalf", "null"]
    ),
    (
      .enumeration(["female", "male"]), "sex",
      field(.enumeration(["female", "male"])) {
        $0.keepUnknownCodes = true
      }, ["female", "Q", "F", ""]
    ),
    (.bool, "flag", nil, ["true", "0", "Yes", "J", "maybe", "", "TRUE"]),
    (
      .enumeration(["female", "male"]), "swap", nil,
      ["male", "female", "NULL", "", "F", "nobody"]
    ),
    (.bool, "yes", nil, ["N", "0", "false", "true", "", "NULL", "x"]),
    (.bool, "yes", field(.bool) { $0.nullValues = ["N", "true"] }, ["N", "0", "true", "", "1"]),
    (
      .int, "f",
      field(.int) {
        $0.minimum = 0
        $0.maximum = 14
      }, ["0", "14", "15", "-1", " 7 ", "x", ""]
    ),
    (
      .double, "f", field(.double) { $0.maximum = 100 },
      ["90.4255", "100", "100.5", "-3", "1e2", "", "."]
    ),
    (.string, "f", nil, ["Winstanley", "", "NULL", "Leigh West Catholic High School 2"]),
    (.string, "f", field(.string) { $0.pattern = "[0-9]{6}" }, ["922303", "92230", "abcdef", ""]),
    (.string, "f", field(.string) { $0.nullValues = [] }, ["", "NULL"]),
  ]
  for (type, codeList, declaration, texts) in cases {
    let reader = parser.reader(for: type, codeList: codeList, field: declaration)
    let template = Column(type: type, missingAttribute: "person.f")
    var builder = ColumnBuilder(template, capacity: texts.count)
    var expected = template
    var expectedProblems: [(Int, ReadProblem)] = []
    for (i, text) in texts.enumerated() {
      switch Array(text.utf8).withUnsafeBufferPointer({ reader.read($0) }) {
      case .success(let value): expected.append(value)
      case .failure(let problem):
        expected.append(.missing)
        expectedProblems.append((i, problem))
      }
    }
    var problems: [(Int, ReadProblem)] = []
    withSpans(texts) { reader.parse($0, into: &builder) { problems.append(($0, $1)) } }
    let built = builder.column
    #expect(
      (0..<built.count).map(built.fieldValue) == (0..<expected.count).map(expected.fieldValue),
      "\(type)")
    #expect(problems.map(\.0) == expectedProblems.map(\.0), "\(type)")
    #expect(problems.map(\.1) == expectedProblems.map(\.1), "\(type)")
  }
}

/// Calls `body` with `texts` as a block's values: the even ones in a file's bytes, the odd
/// ones in a buffer of unescaped values.
private func withSpans(_ texts: [String], _ body: (ValueSpans) -> Void) {
  var file: [UInt8] = [0x2C]
  var unescaped: [UInt8] = []
  var spans: [Int] = []
  for (i, text) in texts.enumerated() {
    if i % 2 == 0 {
      spans.append(file.count)
      file += Array(text.utf8) + [0x2C]
    } else {
      spans.append(~unescaped.count)
      unescaped += Array(text.utf8)
    }
    spans.append(text.utf8.count)
  }
  file.withUnsafeBufferPointer { file in
    unescaped.withUnsafeBufferPointer { unescaped in
      spans.withUnsafeBufferPointer { spans in
        guard let base = file.baseAddress else { return }
        body(
          ValueSpans(
            file: base, unescaped: unescaped.baseAddress, spans: spans, count: texts.count))
      }
    }
  }
}

/// Records whose words hold tabs, vertical tabs, form feeds and other control bytes beside
/// the line ends (which the word-at-a-time reader must not take for them) are split as a
/// plain split on commas and line ends (LF, CRLF, lone CR) splits them, with their lines, at
/// every alignment in a word.
@Test func recordsWithControlBytesSplitAsAPlainSplitDoes() {
  let pool = ["a\tb", "\u{0B}", "x\u{0C}y", "\u{0E}\u{01}", "plain text", "", "é\tz", "1234567\t"]
  let ends = ["\r\n", "\n", "\r"]
  for shift in 1...8 {
    var expected = [[String(repeating: "p", count: shift)]]
    var text = expected[0][0] + "\n"
    for r in 0..<15 {
      let row = (0..<3).map { pool[(r * 3 + $0 + shift) % pool.count] }
      expected.append(row)
      text += row.joined(separator: ",") + ends[(r + shift) % ends.count]
    }
    let bytes = Array(text.utf8)
    bytes.withUnsafeBufferPointer { buffer in
      guard let base = buffer.baseAddress else { return }
      var tokenizer = CSVTokenizer(
        base: base, range: 0..<buffer.count, limit: buffer.count, firstLine: 1)
      var record = CSVRecord()
      let scratch = FieldScratch()
      var read: [[String]] = []
      var lines: [Int] = []
      while case .record = tokenizer.next(&record) {
        read.append(
          (0..<record.count).map {
            String(decoding: record.field($0, in: base, scratch: scratch), as: UTF8.self)
          })
        lines.append(record.line)
      }
      #expect(read == expected, "shift \(shift)")
      #expect(lines == Array(1...expected.count), "shift \(shift)")
    }
  }
}

/// Records read a word at a time give the rows, rejects and lines the general loop gives: a
/// byte that is not UTF-8 at the start of the next line (in the same eight bytes as this
/// line's end) rejects only the next row, at its id; quoted fields, CRLF and lone CR line
/// ends, a row with too few fields, one with more fields than a record first has room for,
/// and a last row with no line end (too near the end for a whole word).
@Test func recordsReadAWordAtATimeKeepRowsRejectsAndLines() throws {
  let fixture = try PackFixture.councilPeople(
    """
    ward: { type: string, source: council }
    born: { type: date, source: council }
    """)
  defer { fixture.remove() }
  var bytes = Array("person_id,ward,born\n".utf8)
  bytes += Array("P1,a,\n".utf8)
  bytes += [0xE9] + Array("2,b,\n".utf8)
  bytes += Array("P3,\"quoted, with a comma\",2011-05-27\r\n".utf8)
  bytes += Array("P4,\"two\nlines\",\r".utf8)
  bytes += Array("P5,plain\n".utf8)
  bytes += Array("P6,\"say \"\"hi\"\"\",27/05/2011\n".utf8)
  bytes += Array(("P8" + String(repeating: ",x", count: 40) + "\n").utf8)
  bytes += Array("P7,last,2011-05-27".utf8)
  let result = try fixture.read(bytes: bytes, at: "people.csv")
  #expect(result.population.ids == ["P1", "P3", "P4", "P7"])
  #expect(result.rejects.map(\.line) == [3, 7, 8, 9])
  #expect(result.rejects.map(\.field) == ["person_id", nil, "born", nil])
  #expect(result.rejects[3].reason.contains("41 columns where the header has 3"))
  #expect(result.rejects[0].reason.contains("not valid UTF-8"))
  #expect(result.rejects[1].reason.contains("2 columns where the header has 3"))
  let ward = result.population.fields[0]
  #expect(
    (0..<4).map(ward.fieldValue) == [
      .string("a"), .string("quoted, with a comma"), .string("two\nlines"), .string("last"),
    ])
  let file = try #require(result.files.first)
  #expect((file.rowsRead, file.rowsUsed, file.rowsRejected) == (8, 4, 4))
}

/// The interner gives two bytes the same place exactly when they are equal, and the string
/// at a place is the string its bytes make: values of every length to past 16 bytes, more
/// distinct ones than the cache has slots, long values whose length and first and last eight
/// bytes are alike (one key, so only the full comparison tells them apart), repeats in
/// another order, and bytes that are not UTF-8.
@Test func internedPositionsAreEqualExactlyForEqualBytes() {
  var values: [[UInt8]] = (0...40).map { n in (0..<n).map { UInt8(ascii: "a") + UInt8($0 % 26) } }
  values += (0..<700).map { Array("W\($0 * 7919 % 1000)".utf8) }
  values += (0..<300).map {
    Array("Winstanley Community \($0 % 10)\($0 / 10 % 10)\($0 / 100) School".utf8)
  }
  values += [[0xFF, 0x41], [0xC3, 0xA9], [0xE2, 0x80], Array("Winstanley".utf8), [0x41, 0x00]]
  values += [[0xFF] + Array("Winstanley Community High School".utf8)]
  var interner = StringInterner()
  var placeOf: [[UInt8]: Int] = [:]
  for round in 0..<3 {
    let order = round == 1 ? values.indices.reversed() : Array(values.indices)
    for i in order where (i + round) % 2 == 0 || round == 2 {
      let value = values[i]
      let position = value.withUnsafeBufferPointer { interner.position(of: $0) }
      #expect(interner.strings[position] == String(decoding: value, as: UTF8.self), "\(value)")
      if let known = placeOf[value] {
        #expect(position == known, "\(value)")
      } else {
        #expect(!placeOf.values.contains(position), "\(value)")
        placeOf[value] = position
      }
    }
  }
  #expect(interner.strings.count == placeOf.count)
}
