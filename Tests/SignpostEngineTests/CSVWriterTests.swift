import SignpostEngine
import Testing

@Suite struct CSVWriterTests {
  @Test func quotesFieldsThatNeedIt() {
    var csv = CSVWriter(header: ["a", "b"])
    csv.append(["x,y", "say \"hi\""])
    #expect(csv.text == "a,b\r\n\"x,y\",\"say \"\"hi\"\"\"\r\n")
  }

  @Test func safeCellsNeutraliseFormulasButNotNumbers() {
    var csv = CSVWriter(header: ["note"], safeCells: true)
    for field in ["=1+2", "+cmd", "-x", "@SUM(A1)", "\tlead", "-12", "+3.5", "plain"] {
      csv.append([field])
    }
    #expect(
      csv.text.split(separator: "\r\n").map(String.init) == [
        "note", "'=1+2", "'+cmd", "'-x", "'@SUM(A1)", "'\tlead", "-12", "+3.5", "plain",
      ])
  }

  @Test func withoutSafeCellsTheTextIsUnchanged() {
    var csv = CSVWriter(header: ["note"])
    csv.append(["=1+2"])
    #expect(csv.text == "note\r\n=1+2\r\n")
  }
}
