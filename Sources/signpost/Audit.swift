import ArgumentParser
import SignpostStore

/// `signpost audit --person ID`: who looked at a person's record through the service, and
/// what was decided, for a subject access request.
struct Audit: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Show who read a person's record through the service, and every decision on them.",
    discussion: """
      Lists each person-level read (page, user, role, time; shown or refused) and each \
      decision recorded, oldest first. Exit status: 0 done; 5 store error; 6 configuration \
      error.
      """)

  @Option(help: "The person's id.")
  var person: String

  @OptionGroup var location: StoreLocation

  func run() throws {
    let (store, _) = try location.open()
    do {
      let audit = try store.personAudit(personID: person)
      try store.recordRead(
        command: "audit", runID: nil, user: StoreClock.currentUser,
        detail: "reads=\(audit.reads.count) decisions=\(audit.decisions.count)")
      print(audit.text, terminator: "")
    } catch {
      printError("error: \(error.description)")
      throw RunExit.storeError
    }
  }
}
