import Foundation

/// An SVG heat map of a square matrix of values in `[-1, 1]` (cosines), blue for
/// negative, white for 0, red for positive, with deterministic output.
///
/// Rows and columns carry the class names when the cells are large enough to read them
/// (at most 36 classes); a reference value (the predicted cosine, say) is marked on the
/// colour bar by a black line and a triangle, and described in its own line under the
/// bar, so its text never overlaps the bar's tick labels whatever the value.
public struct HeatMap: Sendable {
  public var title: String
  public var values: [[Double]]
  /// A value to mark on the colour bar (the predicted cosine, say).
  public var reference: (label: String, value: Double)?
  /// The name of every row (and column); empty for none.
  public var labels: [String]

  public init(
    title: String, values: [[Double]], reference: (label: String, value: Double)? = nil, labels: [String] = []
  ) {
    self.title = title
    self.values = values
    self.reference = reference
    self.labels = labels
  }

  public func svg() -> String {
    let n = values.count
    let cell = max(4.0, min(28.0, 360.0 / Double(max(n, 1))))
    let named = labels.count == n && cell >= 10
    // About 6.5 px per character at font size 11, capped so long names do not swallow the map.
    let labelSpace = named ? min(170.0, 6.5 * Double(labels.map(\.count).max() ?? 0) + 8) : 0
    let side = cell * Double(n)
    let (left, top) = (30.0 + labelSpace, 40.0)
    let columnLabelSpace = named ? labelSpace * 0.72 : 0
    let barHeight = 160.0
    let width = left + side + 330
    let height = max(top + side + columnLabelSpace + 20, top + barHeight + 60)
    var svg = """
      <svg xmlns="http://www.w3.org/2000/svg" width="\(f(width))" height="\(f(height))" viewBox="0 0 \(f(width)) \(f(height))" font-family="Helvetica, Arial, sans-serif" font-size="12">
      <rect width="100%" height="100%" fill="white"/>
      <text x="30" y="22" font-size="14" font-weight="bold">\(escape(title))</text>

      """
    for (i, row) in values.enumerated() {
      for (j, value) in row.enumerated() {
        svg +=
          "<rect x=\"\(f(left + Double(j) * cell))\" y=\"\(f(top + Double(i) * cell))\" width=\"\(f(cell))\" height=\"\(f(cell))\" fill=\"\(color(value))\"/>\n"
      }
    }
    svg +=
      "<rect x=\"\(f(left))\" y=\"\(f(top))\" width=\"\(f(side))\" height=\"\(f(side))\" fill=\"none\" stroke=\"#333\"/>\n"
    if named {
      for (index, label) in labels.enumerated() {
        let middle = Double(index) * cell + cell / 2
        svg +=
          "<text x=\"\(f(left - 5))\" y=\"\(f(top + middle + 4))\" text-anchor=\"end\" font-size=\"11\">\(escape(label))</text>\n"
        let (x, y) = (left + middle + 4, top + side + 6)
        svg +=
          "<text x=\"\(f(x))\" y=\"\(f(y))\" text-anchor=\"end\" font-size=\"11\" transform=\"rotate(-45 \(f(x)) \(f(y)))\">\(escape(label))</text>\n"
      }
    }
    // Colour bar from +1 (top) to −1 (bottom), ticks on its right.
    let barX = left + side + 30
    let steps = 20
    for step in 0..<steps {
      let value = 1 - (Double(step) + 0.5) * 2 / Double(steps)
      svg +=
        "<rect x=\"\(f(barX))\" y=\"\(f(top + Double(step) * barHeight / Double(steps)))\" width=\"16\" height=\"\(f(barHeight / Double(steps)))\" fill=\"\(color(value))\"/>\n"
    }
    svg +=
      "<rect x=\"\(f(barX))\" y=\"\(f(top))\" width=\"16\" height=\"\(f(barHeight))\" fill=\"none\" stroke=\"#333\"/>\n"
    for (value, label) in [(1.0, "+1"), (0.0, "0"), (-1.0, "−1")] {
      svg += "<text x=\"\(f(barX + 22))\" y=\"\(f(barY(value, top: top, height: barHeight) + 4))\">\(label)</text>\n"
    }
    svg += "<text x=\"\(f(barX - 4))\" y=\"\(f(top + barHeight + 18))\" font-size=\"11\">cosine</text>\n"
    if let reference {
      let y = barY(reference.value, top: top, height: barHeight)
      svg +=
        "<line x1=\"\(f(barX - 3))\" y1=\"\(f(y))\" x2=\"\(f(barX + 19))\" y2=\"\(f(y))\" stroke=\"black\" stroke-width=\"2\"/>\n"
      svg +=
        "<path d=\"M\(f(barX - 10)),\(f(y - 5)) L\(f(barX - 3)),\(f(y)) L\(f(barX - 10)),\(f(y + 5)) Z\" fill=\"black\"/>\n"
      let legendY = top + barHeight + 38
      svg +=
        "<path d=\"M\(f(barX - 10)),\(f(legendY - 9)) L\(f(barX - 3)),\(f(legendY - 4)) L\(f(barX - 10)),\(f(legendY + 1)) Z\" fill=\"black\"/>\n"
      svg +=
        "<text x=\"\(f(barX + 2))\" y=\"\(f(legendY))\" font-size=\"11\">\(escape(reference.label)) = \(String(format: "%.3f", reference.value))</text>\n"
    }
    return svg + "</svg>\n"
  }

  /// The height on a colour bar from `top` (+1) to `top + height` (−1) of `value`.
  private func barY(_ value: Double, top: Double, height: Double) -> Double {
    top + (1 - max(-1, min(1, value))) / 2 * height
  }

  private func escape(_ text: String) -> String {
    text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
      .replacingOccurrences(of: ">", with: "&gt;")
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
