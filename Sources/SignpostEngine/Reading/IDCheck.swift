/// Checks an id read from a file (a person id, or a partner's own id): spaces around it,
/// control characters, NUL and invisible characters would each make a new, different person
/// of the same child, so they are refused with the reason.
enum IDCheck {
  /// Why the id cannot be used, or `nil` when it can. An id of printable ASCII with no space
  /// at either end (nearly every id) is passed inline; any other is looked at out of line.
  @inline(__always)
  static func problem(_ id: UnsafeBufferPointer<UInt8>) -> String? {
    if let first = id.first, let last = id.last, first != 0x20, first != 0x09, last != 0x20,
      last != 0x09, isPrintableASCII(id)
    {
      return nil
    }
    return reason(id)
  }

  /// Why the id cannot be used, or `nil` when it can: ``problem(_:)``'s out-of-line part.
  @inline(never)
  private static func reason(_ id: UnsafeBufferPointer<UInt8>) -> String? {
    guard let first = id.first, let last = id.last else { return "the id is empty" }
    if first == 0x20 || first == 0x09 { return "the id '\(shown(id))' starts with a space" }
    if last == 0x20 || last == 0x09 { return "the id '\(shown(id))' ends with a space" }
    if isPrintableASCII(id) { return nil }
    var i = 0
    while i < id.count {
      let byte = id[i]
      if byte == 0 { return "the id '\(shown(id))' holds a NUL byte" }
      if byte < 0x20 || byte == 0x7F {
        return "the id '\(shown(id))' holds a control character"
      }
      if byte >= 0x80 {
        // C1 controls (U+0080-U+009F), zero-width spaces and joiners (U+200B-U+200F),
        // word joiner (U+2060) and the byte order mark (U+FEFF).
        if byte == 0xC2, i + 1 < id.count, id[i + 1] >= 0x80, id[i + 1] <= 0x9F {
          return "the id '\(shown(id))' holds a control character"
        }
        if byte == 0xE2, i + 2 < id.count,
          (id[i + 1] == 0x80 && (0x8B...0x8F).contains(id[i + 2]))
            || (id[i + 1] == 0x81 && id[i + 2] == 0xA0)
        {
          return "the id '\(shown(id))' holds an invisible (zero-width) character"
        }
        if byte == 0xEF, i + 2 < id.count, id[i + 1] == 0xBB, id[i + 2] == 0xBF {
          return "the id '\(shown(id))' holds an invisible (zero-width) character"
        }
        if byte == 0xC2, i + 1 < id.count, id[i + 1] == 0xA0 {
          return "the id '\(shown(id))' holds a no-break space"
        }
      }
      i += 1
    }
    return nil
  }

  /// Whether every byte is printable ASCII (space to `~`), eight at a time: such an id has
  /// none of the characters ``problem(_:)`` looks for.
  @inline(__always)
  private static func isPrintableASCII(_ id: UnsafeBufferPointer<UInt8>) -> Bool {
    let raw = UnsafeRawBufferPointer(id)
    let ones: UInt64 = 0x0101_0101_0101_0101
    let highs: UInt64 = 0x8080_8080_8080_8080
    var i = 0
    while i + 8 <= id.count {
      let word = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
      // Some byte below 0x20, or at or above 0x7F (either test may also flag a byte beside
      // one that is: then the byte loop decides).
      if (word &- 0x20 &* ones) & ~word & highs != 0 || ((word &+ ones) | word) & highs != 0 {
        return false
      }
      i += 8
    }
    while i < id.count {
      guard id[i] >= 0x20, id[i] < 0x7F else { return false }
      i += 1
    }
    return true
  }

  static func problem(_ id: String) -> String? {
    var id = id
    return id.withUTF8 { problem($0) }
  }

  /// The id with control and invisible characters written as `\u{…}`, so a reject shows them.
  static func shown(_ id: UnsafeBufferPointer<UInt8>) -> String {
    var out = ""
    for scalar in String(decoding: id, as: UTF8.self).unicodeScalars {
      let v = scalar.value
      if v < 0x20 || v == 0x7F || (0x80...0x9F).contains(v) || (0x200B...0x200F).contains(v)
        || v == 0x2060 || v == 0xFEFF || v == 0xA0
      {
        out += "\\u{\(String(v, radix: 16, uppercase: true))}"
      } else {
        out.unicodeScalars.append(scalar)
      }
    }
    return out
  }
}
