import Foundation
import Mustache
import SignpostPages

/// The service's HTML: mustache templates from the module's `Templates` folder, each filling
/// the `layout` template's `main` block, over the head and stylesheet the nightly report
/// shares (``PageTemplates``). Mustache escapes every `{{value}}` for HTML, so no value
/// reaches a page unescaped.
public struct PageRenderer: Sendable {
  private let library: MustacheLibrary
  private let rowCache = QueueRowCache()

  /// Loads the templates shipped with the module.
  public static func load() throws -> PageRenderer {
    do {
      return PageRenderer(
        library: try PageTemplates.library(
          adding: Bundle.module.url(forResource: "Templates", withExtension: nil)))
    } catch {
      throw ServeError("the service's templates: \(error)")
    }
  }

  /// The page rendered with a template; a missing template is a programming error reported
  /// as text rather than a crash.
  public func render<Content>(_ template: String, _ page: Page<Content>) -> String {
    library.render(page, withTemplate: template) ?? "missing template \(template)"
  }

  /// A queue's rows as the `queue-row` template renders them, each rendered once and kept
  /// (``QueueRowCache``).
  func queueRows(of queue: QueueView) -> [String] {
    let keys = queue.rows.map {
      QueueRowCache.Key(row: $0, hasWard: queue.hasWard, hasSchool: queue.hasSchool)
    }
    return rowCache.html(keys) { key in
      library.render(key, withTemplate: "queue-row") ?? "missing template queue-row"
    }
  }
}
