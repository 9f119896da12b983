import Foundation
import SignpostFairness

extension Backtest {
  /// The backtest for a terminal.
  public var text: String {
    let scope = outcomes.isEmpty ? "any outcome" : outcomes.joined(separator: " or ")
    var out = "outcome: \(scope), within \(windowDays) days of each snapshot\n\nsnapshots:\n"
    for snapshot in snapshots {
      out +=
        "  \(snapshot.date): \(snapshot.scored) scored, \(snapshot.alreadyHad) left out (had it already), "
        + "\(snapshot.positives) had it within the window\n"
    }
    out += "\ncalibration (outcome rate per band):\n"
    out +=
      TextTable(
        header: ["band", "people", "outcomes", "rate"],
        rows: bands.indices.map { b in
          let t = calibration[b]
          return [bands[b], String(t.selected), String(t.truePositives), Self.percent(t.precision)]
        }
      ).text
    out += "\nselecting each band and those above it:\n"
    out +=
      TextTable(
        header: ["band and above", "selected", "precision", "recall"],
        rows: bands.indices.map { b in
          let t = atOrAbove[b]
          return [bands[b], String(t.selected), Self.percent(t.precision), Self.percent(t.recall)]
        }
      ).text
    out += "\nprogrammes (recommended, within capacity):\n"
    out +=
      TextTable(
        header: ["programme", "capacity", "recommended", "precision", "recall"],
        rows: programmes.map {
          [
            $0.id, $0.capacity.map(String.init) ?? "no limit", String($0.tally.selected),
            Self.percent($0.tally.precision), Self.percent($0.tally.recall),
          ]
        }
      ).text
    if !groups.isEmpty {
      out += "\nby group (selected: any band above the lowest):\n"
      out +=
        TextTable(
          header: [
            "field", "group", "people", "outcomes", "rate", "selected", "precision", "recall",
          ],
          rows: groups.map {
            let t = $0.tally
            return [
              $0.field, $0.group, String(t.people), String(t.positives), Self.percent(t.rate),
              String(t.selected), Self.percent(t.precision), Self.percent(t.recall),
            ]
          }, textColumns: [0, 1]
        ).text
    }
    return out
  }

  static func percent(_ value: Double?) -> String {
    value.map { String(format: "%.1f%%", $0 * 100) } ?? "-"
  }
}
