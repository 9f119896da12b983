import Foundation
import SignpostSynth
import SignpostTestSupport
import Testing

@Test func theSameSeedGivesTheSameBytes() throws {
  let first = try generate(people: 1500, seed: 11)
  let second = try generate(people: 1500, seed: 11)
  defer {
    first.folder.remove()
    second.folder.remove()
  }
  let a = try contents(of: first.folder.url)
  let b = try contents(of: second.folder.url)
  #expect(a.map(\.name) == b.map(\.name))
  #expect(a.count == 13)
  for (x, y) in zip(a, b) {
    #expect(x.data == y.data, "\(x.name) differs between two runs with the same seed")
  }
}

@Test func anotherSeedGivesOtherPeople() throws {
  let first = try generate(people: 500, seed: 1)
  let second = try generate(people: 500, seed: 2)
  defer {
    first.folder.remove()
    second.folder.remove()
  }
  let a = try Data(contentsOf: first.folder.url.appendingPathComponent("people.csv"))
  let b = try Data(contentsOf: second.folder.url.appendingPathComponent("people.csv"))
  #expect(a != b)
}
