import SignpostSource

/// JSON text written straight into bytes, for the answers the API sends most often
/// (`POST /api/v1/score`): members in the order they are written, strings escaped by
/// ``JSONText``, commas placed by the writer.
///
/// ```swift
/// var json = JSONWriter()
/// json.object {
///   $0.member("id", "REF-1")
///   $0.member("score", 50)
/// }
/// json.bytes  // {"id":"REF-1","score":50}
/// ```
struct JSONWriter {
  private(set) var bytes: [UInt8] = []
  /// Whether the next value opens its object or list (or follows a key): no comma before it.
  private var opening = true

  init(capacity: Int = 4096) {
    bytes.reserveCapacity(capacity)
  }

  /// A comma, unless the value is the first of its object or list or follows its key.
  private mutating func separate() {
    if !opening { bytes.append(UInt8(ascii: ",")) }
    opening = false
  }

  /// An object whose members `body` writes.
  mutating func object(_ body: (inout JSONWriter) -> Void) {
    separate()
    bytes.append(UInt8(ascii: "{"))
    opening = true
    body(&self)
    bytes.append(UInt8(ascii: "}"))
    opening = false
  }

  /// A list of `items`, each written by `item`.
  mutating func array<Item>(_ items: [Item], _ item: (inout JSONWriter, Item) -> Void) {
    separate()
    bytes.append(UInt8(ascii: "["))
    opening = true
    for element in items { item(&self, element) }
    bytes.append(UInt8(ascii: "]"))
    opening = false
  }

  /// A member's key; its value is written next.
  mutating func key(_ name: StaticString) {
    separate()
    bytes.append(UInt8(ascii: "\""))
    bytes.append(
      contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
    bytes.append(UInt8(ascii: "\""))
    bytes.append(UInt8(ascii: ":"))
    opening = true
  }

  mutating func string(_ value: String) {
    separate()
    JSONText.append(value, to: &bytes)
  }

  mutating func int(_ value: Int) {
    separate()
    bytes.append(contentsOf: String(value).utf8)
  }

  mutating func bool(_ value: Bool) {
    separate()
    bytes.append(contentsOf: (value ? "true" : "false").utf8)
  }

  mutating func member(_ name: StaticString, _ value: String) {
    key(name)
    string(value)
  }

  mutating func member(_ name: StaticString, _ value: Int) {
    key(name)
    int(value)
  }

  mutating func member(_ name: StaticString, _ value: Bool) {
    key(name)
    bool(value)
  }
}
