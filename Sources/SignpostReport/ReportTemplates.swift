import Foundation
import Mustache
import SignpostPages

/// The report's mustache templates (`Templates` in this module's resources) over the head and
/// stylesheet the service's pages share (``PageTemplates``).
enum ReportTemplates {
  private static let library = Result { () throws(PageTemplatesError) -> MustacheLibrary in
    try PageTemplates.library(
      adding: Bundle.module.url(forResource: "Templates", withExtension: nil))
  }

  /// `view` rendered with a template; a missing or broken template (a packaging fault the
  /// tests catch) is reported as text in the page rather than a crash.
  static func render(_ view: Any, _ template: String) -> String {
    switch library {
    case .success(let library):
      library.render(view, withTemplate: template) ?? "<p>missing template \(template)</p>\n"
    case .failure(let error):
      "<p>\(HTMLText.escape(error.description))</p>\n"
    }
  }
}
