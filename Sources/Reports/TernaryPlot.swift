import Foundation

/// A small, dependency-free SVG ternary (barycentric) map of categorised points with a legend,
/// deterministic so that a regenerated report is byte-identical.
///
/// A point `(ρ₁, ρ₂, ρ₃)` with `Σ ρᵢ = 1` is drawn at `ρ₁·A + ρ₂·B + ρ₃·C`, where `A` (ρ₁ = 1)
/// is the bottom-left corner, `B` (ρ₂ = 1) the bottom-right and `C` (ρ₃ = 1) the top; grid
/// lines mark `ρᵢ = 0.2, 0.4, 0.6, 0.8`, with `ρ₁` read off the left edge, `ρ₂` off the bottom
/// and `ρ₃` off the right.
public struct TernaryPlot: Sendable {
  /// A category of points: its legend label and fill colour.
  public struct Category: Sendable {
    public var label: String
    public var color: String

    public init(label: String, color: String) {
      self.label = label
      self.color = color
    }
  }

  /// One marker: barycentric coordinates, a category index, and whether to ring it (a highlight).
  public struct Marker: Sendable {
    public var coordinates: (Double, Double, Double)
    public var category: Int
    public var ringed: Bool

    public init(coordinates: (Double, Double, Double), category: Int, ringed: Bool = false) {
      self.coordinates = coordinates
      self.category = category
      self.ringed = ringed
    }
  }

  public var title: String
  /// The names of the three coordinates, e.g. `ρ₁`, `ρ₂`, `ρ₃`.
  public var axisLabels: (String, String, String)
  public var categories: [Category]
  public var markers: [Marker]
  /// A note under the legend, e.g. what a ring means.
  public var ringLabel: String?
  /// The marker radius in pixels.
  public var markerRadius: Double

  public init(
    title: String, axisLabels: (String, String, String), categories: [Category], markers: [Marker],
    ringLabel: String? = nil, markerRadius: Double = 7
  ) {
    self.title = title
    self.axisLabels = axisLabels
    self.categories = categories
    self.markers = markers
    self.ringLabel = ringLabel
    self.markerRadius = markerRadius
  }

  private let width = 720.0, height = 520.0
  private let side = 440.0, originX = 60.0, baseY = 450.0

  /// The map as a standalone SVG document.
  ///
  /// - Complexity: O(number of markers).
  public func svg() -> String {
    let a = (originX, baseY)
    let b = (originX + side, baseY)
    let c = (originX + side / 2, baseY - side * 3.0.squareRoot() / 2)
    func position(_ p: (Double, Double, Double)) -> (Double, Double) {
      (p.0 * a.0 + p.1 * b.0 + p.2 * c.0, p.0 * a.1 + p.1 * b.1 + p.2 * c.1)
    }
    var svg = """
      <svg xmlns="http://www.w3.org/2000/svg" width="\(f(width))" height="\(f(height))" viewBox="0 0 \(f(width)) \(f(height))" font-family="Helvetica, Arial, sans-serif" font-size="12">
      <rect width="100%" height="100%" fill="white"/>
      <text x="\(f(width / 2))" y="24" text-anchor="middle" font-size="15">\(escape(title))</text>

      """
    // Grid lines of constant ρᵢ, each labelled where it meets the edge on which ρᵢ grows.
    for step in 1...4 {
      let t = Double(step) / 5
      let lines: [((Double, Double, Double), (Double, Double, Double))] = [
        ((t, 1 - t, 0), (t, 0, 1 - t)), ((1 - t, t, 0), (0, t, 1 - t)), ((1 - t, 0, t), (0, 1 - t, t)),
      ]
      for (index, line) in lines.enumerated() {
        let (p, q) = (position(line.0), position(line.1))
        svg +=
          "<line x1=\"\(f(p.0))\" y1=\"\(f(p.1))\" x2=\"\(f(q.0))\" y2=\"\(f(q.1))\" stroke=\"#dddddd\" stroke-width=\"1\"/>\n"
        // ρ₁ is read off the left edge, ρ₂ off the bottom, ρ₃ off the right.
        let (tick, dx, dy, align) = [
          (position(line.1), -8.0, 4.0, "end"), (position(line.0), 0.0, 16.0, "middle"),
          (position(line.1), 8.0, 4.0, "start"),
        ][index]
        svg +=
          "<text x=\"\(f(tick.0 + dx))\" y=\"\(f(tick.1 + dy))\" text-anchor=\"\(align)\" font-size=\"10\" fill=\"#777777\">\(String(format: "%.1f", t))</text>\n"
      }
    }
    svg +=
      "<polygon points=\"\(f(a.0)),\(f(a.1)) \(f(b.0)),\(f(b.1)) \(f(c.0)),\(f(c.1))\" fill=\"none\" stroke=\"#333333\" stroke-width=\"1.5\"/>\n"
    svg += "<text x=\"\(f(a.0 - 8))\" y=\"\(f(a.1 + 30))\" text-anchor=\"middle\">\(escape(axisLabels.0)) = 1</text>\n"
    svg += "<text x=\"\(f(b.0 + 8))\" y=\"\(f(b.1 + 30))\" text-anchor=\"middle\">\(escape(axisLabels.1)) = 1</text>\n"
    svg += "<text x=\"\(f(c.0))\" y=\"\(f(c.1 - 10))\" text-anchor=\"middle\">\(escape(axisLabels.2)) = 1</text>\n"
    svg +=
      "<text x=\"\(f((a.0 + b.0) / 2))\" y=\"\(f(a.1 + 44))\" text-anchor=\"middle\" font-size=\"11\" fill=\"#555555\">ticks: \(escape(axisLabels.0)) on the left edge, \(escape(axisLabels.1)) on the bottom, \(escape(axisLabels.2)) on the right</text>\n"
    for marker in markers {
      let p = position(marker.coordinates)
      let color = categories[marker.category].color
      svg +=
        "<circle cx=\"\(f(p.0))\" cy=\"\(f(p.1))\" r=\"\(f(markerRadius))\" fill=\"\(color)\" stroke=\"white\" stroke-width=\"0.8\"/>\n"
      if marker.ringed {
        svg +=
          "<circle cx=\"\(f(p.0))\" cy=\"\(f(p.1))\" r=\"\(f(markerRadius + 3))\" fill=\"none\" stroke=\"black\" stroke-width=\"2\"/>\n"
      }
    }
    let legendX = originX + side + 40
    var y = 80.0
    for (index, category) in categories.enumerated() {
      let count = markers.filter { $0.category == index }.count
      svg +=
        "<circle cx=\"\(f(legendX))\" cy=\"\(f(y - 4))\" r=\"6\" fill=\"\(category.color)\"/>\n<text x=\"\(f(legendX + 14))\" y=\"\(f(y))\">\(escape(category.label)) (\(count))</text>\n"
      y += 22
    }
    if let ringLabel, markers.contains(where: \.ringed) {
      svg +=
        "<circle cx=\"\(f(legendX))\" cy=\"\(f(y - 4))\" r=\"8\" fill=\"none\" stroke=\"black\" stroke-width=\"2\"/>\n<text x=\"\(f(legendX + 14))\" y=\"\(f(y))\">\(escape(ringLabel))</text>\n"
    }
    return svg + "</svg>\n"
  }

  private func f(_ value: Double) -> String { String(format: "%.1f", value) }

  private func escape(_ text: String) -> String {
    text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
      .replacingOccurrences(of: ">", with: "&gt;")
  }
}
