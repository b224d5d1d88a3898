import Foundation

/// An SVG heat map of a square matrix of values in `[-1, 1]` (cosines), blue for
/// negative, white for 0, red for positive, with deterministic output.
public struct HeatMap: Sendable {
  public var title: String
  public var values: [[Double]]
  /// A value to mark in the legend (the simplex cosine, say).
  public var reference: (label: String, value: Double)?

  public init(title: String, values: [[Double]], reference: (label: String, value: Double)? = nil) {
    self.title = title
    self.values = values
    self.reference = reference
  }

  public func svg() -> String {
    let n = values.count
    let cell = max(4.0, min(28.0, 360.0 / Double(max(n, 1))))
    let side = cell * Double(n)
    let (left, top) = (30.0, 40.0)
    let width = left + side + 210
    let height = max(top + side + 30, top + 200)
    var svg = """
      <svg xmlns="http://www.w3.org/2000/svg" width="\(f(width))" height="\(f(height))" viewBox="0 0 \(f(width)) \(f(height))" font-family="Helvetica, Arial, sans-serif" font-size="12">
      <rect width="100%" height="100%" fill="white"/>
      <text x="\(f(left))" y="22" font-size="14" font-weight="bold">\(title)</text>

      """
    for (i, row) in values.enumerated() {
      for (j, value) in row.enumerated() {
        svg +=
          "<rect x=\"\(f(left + Double(j) * cell))\" y=\"\(f(top + Double(i) * cell))\" width=\"\(f(cell))\" height=\"\(f(cell))\" fill=\"\(color(value))\"/>\n"
      }
    }
    svg +=
      "<rect x=\"\(f(left))\" y=\"\(f(top))\" width=\"\(f(side))\" height=\"\(f(side))\" fill=\"none\" stroke=\"#333\"/>\n"
    // Legend: a colour bar from −1 to 1.
    let barX = left + side + 24
    for step in 0...20 {
      let value = 1 - Double(step) / 10
      svg +=
        "<rect x=\"\(f(barX))\" y=\"\(f(top + Double(step) * 8))\" width=\"16\" height=\"8\" fill=\"\(color(value))\"/>\n"
    }
    svg += "<text x=\"\(f(barX + 22))\" y=\"\(f(top + 8))\">+1</text>\n"
    svg += "<text x=\"\(f(barX + 22))\" y=\"\(f(top + 84))\">0</text>\n"
    svg += "<text x=\"\(f(barX + 22))\" y=\"\(f(top + 168))\">−1</text>\n"
    if let reference {
      let y = top + (1 - reference.value) * 80 + 4
      svg +=
        "<line x1=\"\(f(barX - 4))\" y1=\"\(f(y))\" x2=\"\(f(barX + 20))\" y2=\"\(f(y))\" stroke=\"black\" stroke-width=\"2\"/>\n"
      svg += "<text x=\"\(f(barX + 22))\" y=\"\(f(y + 4))\">\(reference.label)</text>\n"
    }
    return svg + "</svg>\n"
  }

  /// Diverging colour map: −1 blue, 0 white, +1 red.
  private func color(_ value: Double) -> String {
    let t = max(-1, min(1, value.isFinite ? value : 0))
    let (r, g, b): (Double, Double, Double) =
      t >= 0 ? (255, 255 * (1 - t), 255 * (1 - t)) : (255 * (1 + t), 255 * (1 + t), 255)
    return String(format: "#%02x%02x%02x", Int(r.rounded()), Int(g.rounded()), Int(b.rounded()))
  }

  private func f(_ value: Double) -> String { String(format: "%.1f", value) }
}
