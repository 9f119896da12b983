/// Renders values as CEL literals, for messages, explanations and test output.
extension CELValue: CustomStringConvertible {
  public var description: String { debugText }

  /// The value written as a CEL literal would be (`"a"`, `1u`, `[1, 2]`, `timestamp("...")`).
  public var debugText: String {
    switch self {
    case .null: return "null"
    case .bool(let b): return b ? "true" : "false"
    case .int(let i): return String(i)
    case .uint(let u): return "\(u)u"
    case .double(let d): return Conversions.format(d)
    case .string(let s): return "\"" + s.replacingOccurrences("\"", with: "\\\"") + "\""
    case .bytes(let b): return "b\"" + b.map { String(format2: $0) }.joined() + "\""
    case .list(let items): return "[" + items.map(\.debugText).joined(separator: ", ") + "]"
    case .map(let map):
      return "{" + map.entries.map { "\($0.debugText): \($1.debugText)" }.joined(separator: ", ")
        + "}"
    case .timestamp(let t): return "timestamp(\"\(TimeFunctions.format(t))\")"
    case .duration(let d): return "duration(\"\(TimeFunctions.format(d))\")"
    case .type(let t): return t.runtimeName
    case .object(let o): return "<\(o.typeName)>"
    case .error(let e): return "error(\(e.message))"
    case .unknown(let u): return "unknown(\(u.attributes.sorted().joined(separator: ", ")))"
    }
  }
}

extension String {
  fileprivate func replacingOccurrences(_ target: Character, with replacement: String) -> String {
    var out = ""
    for c in self { if c == target { out += replacement } else { out.append(c) } }
    return out
  }

  fileprivate init(format2 byte: UInt8) {
    let hex = String(byte, radix: 16)
    self = "\\x" + (hex.count == 1 ? "0" + hex : hex)
  }
}
