import Testing

@testable import SignpostSource

/// JSON escaping of ASCII text as the specification states it, a byte at a time: the model the
/// word-at-a-time scan of ``JSONText`` is checked against.
private func modelLiteral(_ value: String) -> String {
  var out = "\""
  for byte in value.utf8 {
    switch byte {
    case 0x0A: out += "\\n"
    case 0x0D: out += "\\r"
    case 0x09: out += "\\t"
    case 0..<0x20:
      let hex = String(byte, radix: 16)
      out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
    case UInt8(ascii: "\""): out += "\\\""
    case UInt8(ascii: "\\"): out += "\\\\"
    default: out.unicodeScalars.append(UnicodeScalar(byte))
    }
  }
  return out + "\""
}

@Test func jsonStringEscapesEveryByteThatNeedsItAtEveryPositionOfAWord() {
  let specials: [Character] = ["\n", "\r", "\t", "\u{0}", "\u{1}", "\u{1F}", "\"", "\\"]
  // Bytes next to the specials' values, which a wrong bit trick would take for them.
  let fillers: [Character] = [" ", "!", "#", "[", "]", "\u{7F}", "a"]
  for length in 0...24 {
    for filler in fillers {
      let plain = String(repeating: filler, count: length)
      #expect(JSONText.string(plain) == modelLiteral(plain))
      for position in 0..<length {
        for special in specials {
          var characters = Array(plain)
          characters[position] = special
          let value = String(characters)
          #expect(JSONText.string(value) == modelLiteral(value), "\(length) \(position)")
        }
      }
    }
  }
}

@Test func jsonStringKeepsUTF8AndEscapesAroundIt() {
  let value = "é — 😀\n\"quoted\" \\ ünïcödé text that runs past a word\u{1}"
  let expected =
    "\"é — 😀\\n\\\"quoted\\\" \\\\ ünïcödé text that runs past a word\\u0001\""
  #expect(JSONText.string(value) == expected)
}

@Test func wordCheckAgreesWithTheByteCheckForEveryByteInEveryLane() {
  // Each byte value in each of the eight lanes of a word of otherwise plain bytes, and next
  // to a high (UTF-8) byte, whose borrows must not be taken for a match.
  for background: UInt8 in [0x41, 0xC3, 0xFF, 0x20] {
    for lane in 0..<8 {
      for byte in UInt8.min...UInt8.max {
        var bytes = [UInt8](repeating: background, count: 8)
        bytes[lane] = byte
        let word = bytes.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
        #expect(
          JSONText.wordNeedsEscaping(word) == bytes.contains(where: JSONText.byteNeedsEscaping),
          "byte \(byte) in lane \(lane) over \(background)")
      }
    }
  }
}
