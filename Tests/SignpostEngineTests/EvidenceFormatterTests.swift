import SignpostCEL
import SignpostEngine
import Testing

/// Filling a sentence's `{name}` placeholders in one pass: each by its own value, a value
/// never read as a placeholder itself, an unknown placeholder and stray braces kept.
@Test func evidenceFillsEachPlaceholderOnceInOnePass() {
  let fill: (String, [String], [CELValue]) -> String = EvidenceFormatter.fill
  #expect(
    fill("{n} suspensions, last {last}", ["n", "last"], [.int(2), .string("2025-03-10")])
      == "2 suspensions, last 2025-03-10")
  // A value that looks like another placeholder stays as it is (before, the next name's
  // replacement rewrote it).
  #expect(fill("{a} and {b}", ["a", "b"], [.string("{b}"), .int(2)]) == "{b} and 2")
  #expect(fill("{a}{a} {unknown} {a", ["a"], [.bool(true)]) == "yesyes {unknown} {a")
  #expect(fill("{ {a}} é {a}", ["a"], [.double(1.2)]) == "{ 1.2} é 1.2")
  #expect(fill("no placeholders", ["a"], [.int(1)]) == "no placeholders")
  // A name without a value is left.
  #expect(fill("{a} {b}", ["a", "b"], [.int(1)]) == "1 {b}")
}
