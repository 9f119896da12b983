import ArgumentParser

/// The `signpost` command: rule packs, scoring and referral recommendations.
@main
struct Signpost: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "signpost",
    abstract: "Score young people's records against a rule pack and recommend referrals.",
    discussion: """
      Signpost recommends; people decide. Every score can be traced to the rules and the \
      input values behind it.
      """,
    subcommands: [
      Validate.self, Test.self, Score.self, Explain.self, Inspect.self, Run.self, Changes.self,
      Purge.self, Synth.self, Fairness.self, Profile.self, Docs.self, Impact.self,
      BacktestCommand.self,
    ])
}
