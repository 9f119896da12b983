import SignpostRules

extension PackDate {
  /// Reads `YYYY-MM-DD` from the text's bytes, as ``PackDate/init(iso:)`` does but without
  /// splitting it into substrings: the dates of a referral's record (`POST /api/v1/score`).
  init?(isoBytes text: String) {
    var text = text
    guard
      let date = text.withUTF8({ bytes -> PackDate? in
        let dash = UInt8(ascii: "-")
        guard bytes.count == 10, bytes[4] == dash, bytes[7] == dash else { return nil }
        func number(_ digits: Range<Int>) -> Int? {
          var value = 0
          for i in digits {
            let digit = Int(bytes[i]) - Int(UInt8(ascii: "0"))
            guard (0...9).contains(digit) else { return nil }
            value = value * 10 + digit
          }
          return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10)
        else { return nil }
        return PackDate(year: year, month: month, day: day)
      })
    else { return nil }
    self = date
  }
}
