import Foundation
import SignpostSynth
import Testing

@Test func theSameSeedGivesTheSameBytes() throws {
  let first = try generate(people: 1500, seed: 11)
  let second = try generate(people: 1500, seed: 11)
  defer {
    removeFolder(first.folder)
    removeFolder(second.folder)
  }
  let a = try contents(of: first.folder)
  let b = try contents(of: second.folder)
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
    removeFolder(first.folder)
    removeFolder(second.folder)
  }
  let a = try Data(contentsOf: first.folder.appendingPathComponent("people.csv"))
  let b = try Data(contentsOf: second.folder.appendingPathComponent("people.csv"))
  #expect(a != b)
}
