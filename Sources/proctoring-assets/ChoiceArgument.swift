import ArgumentParser
import Diagnostics
import ProctoringAssets

/// A flag value chosen from an enum's raw strings (`--format json`, `--bundler native`).
///
/// The help texts are spelled out here with the values ArgumentParser's generic defaults give (the raw
/// strings, no per-value descriptions). Those defaults reach the raw value through a conditional conformance
/// (`RawValue: ExpressibleByArgument`), and the Swift runtime answers each first such question by searching
/// every protocol conformance of the binary — on every command line, since every command has `--format`.
protocol ChoiceArgument: ExpressibleByArgument, CaseIterable, RawRepresentable where RawValue == String {}

extension ChoiceArgument {
    public var defaultValueDescription: String { rawValue }
    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
    public static var allValueDescriptions: [String: String] { [:] }
}

extension OutputFormat: ChoiceArgument {}
extension ColorMode: ChoiceArgument {}
extension BundlerChoice: ChoiceArgument {}
extension SmokeRunOptions.Expectation: ChoiceArgument {}
