import ArgumentParser
import SignpostRules
import SignpostSynth

extension Synth {
  /// `--snapshot`: the same borough as of each date, and the outcomes that follow.
  func writeHistory(schema: Schema, configuration: SynthConfiguration) throws {
    let output: SynthHistory.Output
    do {
      output = try SynthHistory.generate(
        schema: schema, configuration: configuration,
        snapshots: snapshot.compactMap { PackDate(iso: $0) }, to: out)
    } catch {
      printError("error: \(error)")
      throw RunExit.outputsNotWritten
    }
    for written in output.snapshots {
      print("snapshot \(written.date): \(written.manifest.files.count) files in \(written.folder)")
    }
    print(
      "outcomes: \(output.outcomes) first \(SynthHistory.outcome) rows in \(out)/outcomes.csv "
        + "(a modelled outcome, not a calibrated one; see docs/synthetic-data.md)")
  }
}
