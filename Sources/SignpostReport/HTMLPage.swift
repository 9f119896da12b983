/// The opening of a self-contained HTML page in the reports' style, up to and including
/// `<body>`: the shared `head` template, for the pages not built from templates (the pack's
/// public record, the impact report).
enum HTMLPage {
  static func opening(title: String, extraStyle: String = "") -> String {
    ReportTemplates.render(
      Head(title: title, extraStyle: extraStyle.isEmpty ? nil : extraStyle), "head")
  }

  /// What `head.mustache` shows.
  struct Head {
    var title: String
    /// CSS from the code (never from data) added after the shared stylesheet.
    var extraStyle: String?
  }
}
