/// A released version of django-webpack-loader, e.g. `0.7.0` or `3.2.3`.
public struct DjangoWebpackLoaderVersion: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var major: Int
    public var minor: Int
    public var patch: Int
    /// The version as written in the distribution's name (may carry a suffix such as `rc1`).
    public var text: String

    public init(major: Int, minor: Int, patch: Int = 0, text: String? = nil) {
        self.major = major
        self.minor = minor
        self.patch = patch
        self.text = text ?? "\(major).\(minor).\(patch)"
    }

    /// Parses the leading `N[.N[.N]]` of a PEP 440 version; nil when it does not start with a number.
    public init?(_ text: String) {
        var numbers: [Int] = []
        for part in text.split(separator: ".", maxSplits: 2, omittingEmptySubsequences: false) {
            let digits = part.prefix(while: { $0.isASCII && $0.isNumber })
            guard let number = Int(digits) else { break }
            numbers.append(number)
            if digits.count != part.count { break }
        }
        guard let major = numbers.first else { return nil }
        self.init(
            major: major, minor: numbers.count > 1 ? numbers[1] : 0, patch: numbers.count > 2 ? numbers[2] : 0,
            text: text)
    }

    public var description: String { text }

    /// Which code path of the loader decides URLs: 0.x behaves like 0.7.0, later ones like 3.x.
    public var semantics: LoaderSemantics { major == 0 ? .loader07 : .loader3 }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.major, lhs.minor, lhs.patch) < (rhs.major, rhs.minor, rhs.patch)
    }
}

/// The two URL-building behaviours of django-webpack-loader this tool reproduces.
public enum LoaderSemantics: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// 0.7.0 (`webpack_loader/loader.py`): chunk dicts, `BUNDLE_DIR_NAME + name`, any truthy publicPath.
    case loader07
    /// 3.x (`webpack_loader/loaders.py`): `assets` lookup, `os.path.normpath`, publicPath "auto" ignored.
    case loader3

    public var description: String {
        switch self {
        case .loader07: return "django-webpack-loader 0.7"
        case .loader3: return "django-webpack-loader 3.x"
        }
    }

    public var statsFormat: StatsFormat {
        switch self {
        case .loader07: return .tracker04
        case .loader3: return .tracker1
        }
    }
}
