import Diagnostics

/// The two byte formats of webpack-worker-stats.json that django-webpack-loader understands.
public enum StatsFormat: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// webpack-bundle-tracker 0.4.x (pinned by edx-platform up to Teak): compact JSON, chunk files as
    /// `{"name", "publicPath"?, "path"}` objects. Read by django-webpack-loader 0.x.
    case tracker04
    /// webpack-bundle-tracker 1.x–3.x: indented JSON with `assets` and chunk files as plain names.
    /// Read by django-webpack-loader 1.0 and later.
    case tracker1

    public var description: String {
        switch self {
        case .tracker04: return "webpack-bundle-tracker 0.4 format"
        case .tracker1: return "webpack-bundle-tracker 1.x format"
        }
    }

    /// The format the given loader release reads.
    public static func readBy(_ loader: DjangoWebpackLoaderVersion) -> StatsFormat {
        loader.major == 0 ? .tracker04 : .tracker1
    }

    /// The `--stats-format` value that names this format (and the `statsFormat` of `--format json`).
    public var optionValue: String {
        switch self {
        case .tracker04: return "0.4"
        case .tracker1: return "1"
        }
    }

    /// The loader releases that read this format, as their lookup behaves.
    public var readingLoader: LoaderSemantics {
        switch self {
        case .tracker04: return .loader07
        case .tracker1: return .loader3
        }
    }

    /// The webpack-bundle-tracker major version that writes this format.
    public static func writtenBy(trackerMajor: Int) -> StatsFormat {
        trackerMajor >= 1 ? .tracker1 : .tracker04
    }

    /// The format a django-webpack-loader major version reads.
    public static func readBy(loaderMajor: Int) -> StatsFormat {
        loaderMajor >= 1 ? .tracker1 : .tracker04
    }
}

extension StatsFormat {
    /// What a loader that reads this format raises on the other one (edx_proctoring does not catch it).
    var crashWhenReadAsTheOther: String {
        switch self {
        case .tracker1: return "TypeError: expected string or bytes-like object"
        case .tracker04: return "TypeError: string indices must be integers"
        }
    }
}

/// The value of `--stats-format`.
public enum StatsFormatOption: Sendable, Hashable {
    case fixed(StatsFormat)
    case auto

    /// Parses `0.4`, `1` or `auto`.
    public static func parse(_ text: String, location: SourceLocation = .flag("--stats-format"))
        -> Result<StatsFormatOption, DiagnosticError>
    {
        switch text {
        case "auto": return .success(.auto)
        default:
            if let format = StatsFormat.allCases.first(where: { $0.optionValue == text }) { return .success(.fixed(format)) }
            return .failure(
                DiagnosticError(
                    Diagnostic(
                        .statsFormatOptionInvalid, "unknown stats format '\(text)'", at: location,
                        fix: "use --stats-format 0.4 (django-webpack-loader 0.x), 1 (1.0 and later) or auto")))
        }
    }
}

/// Picks the stats format from `--stats-format` and the django-webpack-loader found in site-packages.
public enum StatsFormatResolver {
    /// `auto` needs a detected loader; a fixed format that the detected loader cannot read is an error,
    /// because the LMS would crash on it.
    public static func resolve(
        option: StatsFormatOption, installedLoader: DjangoWebpackLoaderVersion?,
        optionLocation: SourceLocation = .flag("--stats-format")
    ) -> Result<StatsFormat, DiagnosticError> {
        switch option {
        case .auto:
            guard let installedLoader else {
                return .failure(
                    DiagnosticError(
                        Diagnostic(
                            .loaderNotInstalled,
                            "--stats-format auto needs the installed django-webpack-loader, but none was found",
                            at: optionLocation,
                            fix: "pass the LMS's site-packages with --site-packages, or use --stats-format 0.4 "
                                + "(loader 0.x, Redwood to Teak) or 1 (loader 1.0 and later)")))
            }
            return .success(StatsFormat.readBy(installedLoader))
        case .fixed(let format):
            if let installedLoader, StatsFormat.readBy(installedLoader) != format {
                let wanted = StatsFormat.readBy(installedLoader)
                return .failure(
                    DiagnosticError(
                        Diagnostic(
                            .statsFormatOverridesLoader,
                            "--stats-format asks for the \(format), but the installed django-webpack-loader "
                                + "\(installedLoader) reads only the \(wanted)",
                            at: optionLocation,
                            fix: "use --stats-format auto (or \(wanted.optionValue))",
                            notes: [
                                "django-webpack-loader \(installedLoader) would raise "
                                    + wanted.crashWhenReadAsTheOther
                                    + ", which edx_proctoring does not catch"
                            ])))
            }
            return .success(format)
        }
    }
}
