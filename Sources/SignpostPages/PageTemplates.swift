import Foundation
import Mustache

/// The templates every Signpost page shares: `head` (the document up to `<body>`, with the
/// page's `title` and an optional `extraStyle`) and `stylesheet` (the one stylesheet). A module's renderer adds its own
/// templates to them, so the service's pages and the nightly `report.html` share one look,
/// and one escaping path: mustache escapes every `{{value}}` for HTML.
public enum PageTemplates {
  /// A library of the shared templates and every `.mustache` file in `folder`, by file name
  /// without the extension.
  ///
  /// - Throws: ``PageTemplatesError`` if a folder is missing or a template does not parse.
  public static func library(adding folder: URL?) throws(PageTemplatesError) -> MustacheLibrary {
    guard let shared = Bundle.module.url(forResource: "Templates", withExtension: nil) else {
      throw PageTemplatesError("the shared page templates are missing from the resources")
    }
    var library = MustacheLibrary()
    for source in [shared, folder] {
      guard let source else {
        throw PageTemplatesError("a module's page templates are missing from its resources")
      }
      for (name, text) in try templates(in: source) {
        do {
          try library.register(text, named: name)
        } catch {
          throw PageTemplatesError("the template \(name).mustache does not parse: \(error)")
        }
      }
    }
    return library
  }

  private static func templates(in folder: URL) throws(PageTemplatesError)
    -> [(name: String, text: String)]
  {
    let files: [String]
    do {
      files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
    } catch {
      throw PageTemplatesError("cannot list the templates in \(folder.path)")
    }
    var templates: [(name: String, text: String)] = []
    for file in files.sorted() where file.hasSuffix(".mustache") {
      let url = folder.appendingPathComponent(file)
      guard let data = FileManager.default.contents(atPath: url.path),
        let text = String(data: data, encoding: .utf8)
      else { throw PageTemplatesError("cannot read the template \(url.path)") }
      templates.append((String(file.dropLast(".mustache".count)), text))
    }
    return templates
  }
}

/// A page template that is missing or does not parse: a packaging fault, reported as text.
public struct PageTemplatesError: Error, Sendable, CustomStringConvertible {
  public var description: String
  public init(_ description: String) { self.description = description }
}
