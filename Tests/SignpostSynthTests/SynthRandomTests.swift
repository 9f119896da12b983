import SignpostSynth
import Testing

@Test func theSameSeedGivesTheSameNumbers() {
  var a = SynthRandom(seed: 42)
  var b = SynthRandom(seed: 42)
  let first = (0..<100).map { _ in a.next() }
  #expect(first == (0..<100).map { _ in b.next() })
  var c = SynthRandom(seed: 43)
  #expect(first != (0..<100).map { _ in c.next() })
}

@Test func streamsAreIndependentOfEachOther() {
  var a = SynthRandom(seed: 1, stream: 1, index: 0)
  var b = SynthRandom(seed: 1, stream: 1, index: 1)
  var c = SynthRandom(seed: 1, stream: 2, index: 0)
  let values = [a.next(), b.next(), c.next()]
  #expect(Set(values).count == 3)
}

@Test func drawsStayInRangeAndHaveTheRightMeans() {
  var random = SynthRandom(seed: 7)
  var total = 0.0
  var poisson = 0
  var gamma = 0.0
  let count = 20_000
  for _ in 0..<count {
    let value = random.int(below: 10)
    #expect((0..<10).contains(value))
    let u = random.uniform()
    #expect(u >= 0 && u < 1)
    total += random.normal()
    poisson += random.poisson(2.5)
    gamma += random.gammaMeanOne(shape: 0.3)
  }
  #expect(abs(total / Double(count)) < 0.05)
  #expect(abs(Double(poisson) / Double(count) - 2.5) < 0.1)
  #expect(abs(gamma / Double(count) - 1) < 0.1)
}
