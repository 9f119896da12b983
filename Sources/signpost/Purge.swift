import ArgumentParser
import Foundation
import SignpostRun
import SignpostStore

/// `signpost purge --older-than 90d`: the retention control.
struct Purge: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Delete person-level results older than the retention period; keep run summaries.",
    discussion: """
      Deletes the results and referrals of every run started more than the given period ago \
      (90d, 13w), keeping each run's row: its pack, input hashes, counts and summary. \
      Deleted rows are overwritten in the file, and the purge is recorded in the audit \
      table. With --config, the output folders (run-ID) of purged runs are deleted too. This \
      is the storage-limitation control of UK GDPR Article 5(1)(e): schedule it daily. \
      Exit status: 0 done; 5 store error; 6 configuration error; 64 bad arguments.
      """)

  @Option(help: "The retention period: a number of days or weeks, such as 90d or 13w.")
  var olderThan: String

  @OptionGroup var location: StoreLocation

  func validate() throws {
    guard RetentionPeriod(olderThan) != nil else {
      throw ValidationError("--older-than '\(olderThan)' is not a period such as 90d or 13w")
    }
  }

  func run() throws {
    guard let period = RetentionPeriod(olderThan) else { throw ExitCode.validationFailure }
    let (store, settings) = try location.open()
    let report: PurgeReport
    var foldersRemoved = 0
    do {
      report = try store.purge(before: period.cutoff(from: Date()), user: StoreClock.currentUser)
      if let output = settings?.output {
        for run in try store.runs() where run.resultsPurgedAt != nil {
          let folder = output + "/run-\(run.id)"
          if FileManager.default.fileExists(atPath: folder) {
            try FileManager.default.removeItem(atPath: folder)
            foldersRemoved += 1
          }
        }
      }
    } catch let error as StoreError {
      printError("error: \(error.description)")
      throw RunExit.storeError
    } catch {
      printError("error: cannot delete an output folder: \(error)")
      throw RunExit.storeError
    }
    print(
      "purged runs started before \(report.cutoff): \(report.runIDs.count) runs, "
        + "\(report.results) results, \(report.referrals) referrals deleted"
        + (settings == nil ? "" : ", \(foldersRemoved) output folders removed")
        + "; run summaries kept")
  }
}
