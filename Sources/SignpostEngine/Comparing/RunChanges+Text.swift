extension RunChanges {
  /// The changes as RFC 4180 CSV (text cells made safe for spreadsheets by ``CSVWriter``), one
  /// row per band change and per new recommendation:
  /// `change, programme, person_id, band_before, band_after, score_before, score_after,
  /// indicators_added, indicators_removed`.
  public var csv: String {
    var csv = CSVWriter(header: [
      "change", "programme", "person_id", "band_before", "band_after", "score_before",
      "score_after", "indicators_added", "indicators_removed",
    ])
    for change in people {
      csv.append(
        [
          change.kind.rawValue, "", change.personID, change.bandBefore ?? "",
          change.bandAfter ?? "", change.scoreBefore.map(String.init) ?? "",
          change.scoreAfter.map(String.init) ?? "", change.indicators.added.joined(separator: ";"),
          change.indicators.removed.joined(separator: ";"),
        ])
    }
    let bands = Dictionary(
      people.map { ($0.personID, ($0.bandBefore, $0.bandAfter)) }, uniquingKeysWith: { a, _ in a })
    for recommendation in recommendations {
      let band = bands[recommendation.personID]
      csv.append(
        [
          "new_recommendation", recommendation.programme, recommendation.personID,
          (band?.0).flatMap { $0 } ?? "", (band?.1).flatMap { $0 } ?? "", "",
          String(recommendation.score), recommendation.indicators.added.joined(separator: ";"),
          recommendation.indicators.removed.joined(separator: ";"),
        ])
    }
    return csv.text
  }

  /// The changes as a person reads them on a terminal.
  public var text: String {
    var lines: [String] = []
    if let previous {
      lines.append("\(run.label)\ncompared with \(previous.label)")
      if rulesChanged {
        lines.append(
          "note: the rules changed between the two runs (pack hash \(previous.packHash?.prefix(12) ?? "") → \(run.packHash?.prefix(12) ?? ""))"
        )
      }
    } else {
      lines.append(run.label)
      lines.append(note ?? "nothing to compare with")
      return lines.joined(separator: "\n") + "\n"
    }
    for (kind, count) in counts {
      lines.append("\(kind.title.lowercased()): \(count)")
      for change in people(kind) {
        let band = "\(change.bandBefore ?? "not in run") -> \(change.bandAfter ?? "not in run")"
        let score =
          "\(change.scoreBefore.map(String.init) ?? "-") -> \(change.scoreAfter.map(String.init) ?? "-")"
        lines.append("  \(change.personID)  \(band)  score \(score)  \(change.indicators.text)")
      }
    }
    lines.append("new recommendations: \(recommendations.count)")
    for recommendation in recommendations {
      let before = recommendation.statusBefore.map { " (was \($0.rawValue))" } ?? ""
      lines.append(
        "  \(recommendation.programme)  #\(recommendation.rank)  \(recommendation.personID)"
          + "  score \(recommendation.score)\(before)  \(recommendation.indicators.text)")
    }
    return lines.joined(separator: "\n") + "\n"
  }
}
