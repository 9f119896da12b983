import Foundation

/// Counts the pixels of a PNG screenshot by colour, with python3's zlib (the test machine has
/// CPython; Foundation on Linux has no image decoder).
public enum PNGColours {
  static let script = #"""
    import struct, sys, zlib
    data = open(sys.argv[1], 'rb').read()
    pos, idat = 8, b''
    while pos < len(data):
        length, kind = struct.unpack('>I4s', data[pos:pos + 8])
        chunk = data[pos + 8:pos + 8 + length]
        if kind == b'IHDR':
            width, height, depth, colour = struct.unpack('>IIBB', chunk[:10])
        elif kind == b'IDAT':
            idat += chunk
        pos += 12 + length
    bpp = {2: 3, 6: 4}[colour]
    raw = zlib.decompress(idat)
    stride = width * bpp
    previous = bytearray(stride)
    counts = {}
    for y in range(height):
        base = y * (stride + 1)
        kind = raw[base]
        line = bytearray(raw[base + 1:base + 1 + stride])
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b = previous[x]
            c = previous[x - bpp] if x >= bpp else 0
            if kind == 1: line[x] = (line[x] + a) & 255
            elif kind == 2: line[x] = (line[x] + b) & 255
            elif kind == 3: line[x] = (line[x] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pr = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                line[x] = (line[x] + pr) & 255
        for x in range(0, stride, bpp):
            key = '%02x%02x%02x' % (line[x], line[x + 1], line[x + 2])
            counts[key] = counts.get(key, 0) + 1
        previous = line
    print(width, height)
    for key, count in counts.items():
        print(key, count)
    """#

  /// The image's size and its pixel count per colour (`rrggbb`), or `nil` without python3.
  public static func count(_ png: String) -> (width: Int, height: Int, colours: [String: Int])? {
    let python = ["/usr/bin/python3", "/usr/local/bin/python3"].first {
      FileManager.default.isExecutableFile(atPath: $0)
    }
    guard let python else { return nil }
    let output = Chromium.run(python, ["-c", script, png], timeout: 300).stdout
    var lines = output.split(separator: "\n")
    guard !lines.isEmpty else { return nil }
    let size = lines.removeFirst().split(separator: " ").compactMap { Int($0) }
    guard size.count == 2 else { return nil }
    var colours: [String: Int] = [:]
    for line in lines {
      let parts = line.split(separator: " ")
      if parts.count == 2, let n = Int(parts[1]) { colours[String(parts[0])] = n }
    }
    return (size[0], size[1], colours)
  }
}
