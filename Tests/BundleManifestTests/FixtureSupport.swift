import FileSystemSupport

enum Fixtures {
    /// Tests/Fixtures/BundleManifest, found from this file's path.
    static let directory: String = {
        let testsDirectory = PathComponents.dirname(PathComponents.dirname(#filePath))
        return PathComponents.join(testsDirectory, "Fixtures", "BundleManifest")
    }()

    static func text(_ name: String) throws -> String {
        try DiskFileSystem().readUTF8File(PathComponents.join(directory, name))
    }
}
