import SignpostServer
import Testing

@Suite struct MessageSignerTests {
  /// RFC 4231 test cases 2 and 6 (a key longer than the block size).
  @Test func matchesRFC4231() {
    #expect(
      MessageSigner(key: Array("Jefe".utf8)).mac("what do ya want for nothing?")
        == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    #expect(
      MessageSigner(key: [UInt8](repeating: 0xaa, count: 131))
        .mac("Test Using Larger Than Block-Size Key - Hash Key First")
        == "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54")
  }

  @Test func verifiesOnlyItsOwnMAC() {
    let signer = MessageSigner(key: Array("a key of some length".utf8))
    let mac = signer.mac("session:abc")
    #expect(signer.verify("session:abc", mac: mac))
    #expect(!signer.verify("session:abd", mac: mac))
    #expect(!MessageSigner(key: Array("another key".utf8)).verify("session:abc", mac: mac))
    #expect(!signer.verify("session:abc", mac: String(mac.dropLast())))
  }
}
