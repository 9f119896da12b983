/// The opening of a self-contained HTML page in the reports' style, up to and including
/// `<body>`.
enum HTMLPage {
  static func opening(title: String, extraStyle: String = "") -> String {
    """
    <!DOCTYPE html>
    <html lang="en">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>\(HTMLText.escape(title))</title>
    <style>\(HTMLRunReport.stylesheet)\(extraStyle)</style>
    </head>
    <body>

    """
  }
}
