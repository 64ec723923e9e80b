import FileSystemSupport

/// Which `STORAGES["staticfiles"]` backend the LMS runs with, as far as URLs are concerned.
public enum StaticFilesStorageKind: Sendable, Hashable {
    /// `StaticFilesStorage`: STATIC_URL + quoted name.
    case plain
    /// `ManifestStaticFilesStorage` (and edx-platform's ProductionStorage built on it): names go through
    /// `STATIC_ROOT/staticfiles.json`. `strict` is `manifest_strict` (Django's default true).
    case manifest(strict: Bool)
}

/// The Django settings that decide a static file's URL.
public struct StaticFilesConfiguration: Sendable, Hashable {
    /// STATIC_URL as written in the settings (None → nil; "" counts as "/" as in Django).
    public var staticURL: String?
    public var staticRoot: String?
    public var storage: StaticFilesStorageKind
    /// settings.DEBUG: hashing storages return unhashed URLs in DEBUG.
    public var debug: Bool
    /// MEDIA_URL (Django's default ""; edx-platform sets "/media/"): the storage refuses a STATIC_URL equal to it.
    public var mediaURL: String?

    public init(
        staticURL: String?, staticRoot: String? = nil, storage: StaticFilesStorageKind = .plain, debug: Bool = false,
        mediaURL: String? = ""
    ) {
        self.staticURL = staticURL
        self.staticRoot = staticRoot
        self.storage = storage
        self.debug = debug
        self.mediaURL = mediaURL
    }
}

/// `staticfiles_storage.url(name)` for the configured storage.
struct StaticFilesURLBuilder {
    let configuration: StaticFilesConfiguration
    let fileSystem: any FileSystem

    func url(of name: String) -> Result<String, UpstreamException> {
        // Django's settings add the script prefix ("/") to a relative STATIC_URL, so "" becomes "/"; only None fails.
        guard let staticURL = configuration.staticURL else {
            return .failure(
                UpstreamException(
                    "ImproperlyConfigured",
                    "You're using the staticfiles app without having set the required STATIC_URL setting.",
                    code: .staticURLMissing))
        }
        var baseURL = PythonURL.addScriptPrefix(staticURL)
        // staticfiles.utils.check_settings, run when the storage is created.
        if let mediaURL = configuration.mediaURL, PythonURL.addScriptPrefix(mediaURL) == baseURL {
            return .failure(
                UpstreamException(
                    "ImproperlyConfigured", "The MEDIA_URL and STATIC_URL settings must have different values",
                    code: .staticURLMissing))
        }
        if !baseURL.hasSuffix("/") { baseURL += "/" }
        switch configuration.storage {
        case .plain:
            return .success(fileSystemStorageURL(name, baseURL: baseURL))
        case .manifest(let strict):
            // The storage loads staticfiles.json when it is created, so a broken manifest fails even in DEBUG.
            let manifest: StaticFilesManifest
            switch loadManifest() {
            case .failure(let error): return .failure(error)
            case .success(let loaded): manifest = loaded
            }
            if configuration.debug || PythonURL.split(name).path.hasSuffix("/") {
                return .success(PythonURL.unquote(fileSystemStorageURL(name, baseURL: baseURL)))
            }
            return storedName(name, in: manifest, strict: strict).map {
                PythonURL.unquote(fileSystemStorageURL($0, baseURL: baseURL))
            }
        }
    }

    /// `FileSystemStorage.url`.
    private func fileSystemStorageURL(_ name: String, baseURL: String) -> String {
        var relative = PythonURL.filepathToURI(name)
        while relative.hasPrefix("/") { relative.removeFirst() }
        return PythonURL.join(baseURL, relative)
    }

    /// `ManifestFilesMixin.stored_name`.
    private func storedName(_ name: String, in manifest: StaticFilesManifest, strict: Bool)
        -> Result<String, UpstreamException>
    {
        var parsed = PythonURL.split(PythonURL.unquote(name))
        let cleanName = parsed.path.trimmingPythonWhitespace()
        var cacheName = manifest.hashedName(of: cleanName)
        if cacheName == nil {
            if strict {
                return .failure(
                    UpstreamException(
                        "ValueError", "Missing staticfiles manifest entry for '\(cleanName)'",
                        code: .staticFilesManifestEntryMissing))
            }
            // manifest_strict = False: hash the collected file on the fly.
            let filePath = PathComponents.join(configuration.staticRoot ?? "", cleanName)
            guard let content = try? fileSystem.readFile(filePath) else {
                return .failure(
                    UpstreamException(
                        "ValueError", "The file '\(cleanName)' could not be found",
                        code: .staticFilesManifestEntryMissing))
            }
            cacheName = StaticFilesManifest.hashedName(of: cleanName, content: content)
        }
        parsed.path = cacheName ?? cleanName
        return .success(PythonURL.unsplit(parsed))
    }

    /// `load_manifest`: a missing file is an empty manifest; anything unreadable is ValueError.
    private func loadManifest() -> Result<StaticFilesManifest, UpstreamException> {
        let path = PathComponents.join(configuration.staticRoot ?? "", StaticFilesManifest.fileName)
        let bytes: [UInt8]
        do throws(FileSystemError) {
            bytes = try fileSystem.readFile(path)
        } catch {
            if case .notFound = error { return .success(StaticFilesManifest()) }
            return .failure(UpstreamException("PermissionError", "\(error)", code: .staticFilesManifestInvalid))
        }
        return StaticFilesManifest.parse(bytes: bytes, path: path).mapError { _ in
            UpstreamException(
                "ValueError",
                "Couldn't load manifest '\(StaticFilesManifest.fileName)' (version \(StaticFilesManifest.currentVersion))",
                code: .staticFilesManifestInvalid)
        }
    }
}

extension String {
    /// `str.strip()` for the ASCII whitespace Python strips.
    fileprivate func trimmingPythonWhitespace() -> String {
        let whitespace: Set<Character> = [" ", "\t", "\n", "\r", "\u{0B}", "\u{0C}"]
        var text = Substring(self)
        while let first = text.first, whitespace.contains(first) { text.removeFirst() }
        while let last = text.last, whitespace.contains(last) { text.removeLast() }
        return String(text)
    }
}
