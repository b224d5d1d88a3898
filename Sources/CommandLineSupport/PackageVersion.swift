/// The one version string of the package, printed by `--version` of every executable.
public enum PackageVersion {
  public static let current = "0.9.0"
}
