import FileSystemSupport
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

@testable import ProctoringAssets

/// The input check's folder listings (`FolderListing`) and file-system facts (`FileSystemType`) against
/// `stat`/`lstat` on real files: a name the listing answers gets the answer the system call gives, whatever
/// it is (a file, a folder, a link to either, a dangling link, a FIFO, a name differing only in case, a
/// missing name).
struct FolderListingTests {
    /// A folder holding one entry of each kind.
    struct Folder {
        let path: String
        static let names = [
            "module.js", "Module.JS", "sub", "link-to-file.js", "link-to-folder", "dangling.js", "fifo", "é-accent.js",
        ]

        init() throws {
            path = try DiskFileSystem().realPath(try CommandLineRunner.temporaryFolder("folder-listing"))
            let manager = FileManager.default
            try Data("module.exports = 1;\n".utf8).write(to: URL(fileURLWithPath: path + "/module.js"))
            try Data("module.exports = 2;\n".utf8).write(to: URL(fileURLWithPath: path + "/Module.JS"))
            try Data("module.exports = 3;\n".utf8).write(to: URL(fileURLWithPath: path + "/é-accent.js"))
            try manager.createDirectory(atPath: path + "/sub", withIntermediateDirectories: false)
            try manager.createSymbolicLink(atPath: path + "/link-to-file.js", withDestinationPath: path + "/module.js")
            try manager.createSymbolicLink(atPath: path + "/link-to-folder", withDestinationPath: path + "/sub")
            try manager.createSymbolicLink(atPath: path + "/dangling.js", withDestinationPath: path + "/nowhere.js")
            #expect(mkfifo(path + "/fifo", 0o644) == 0)
        }

        /// Every name above, names that differ from them only in case, and names that are not there.
        var askedNames: [String] {
            Self.names + ["MODULE.js", "module.JS", "Sub", "É-accent.js", "missing.js", "module", ".", "..", "sub/module.js"]
        }

        func listing() throws -> FolderListing? {
            let descriptor = open(path, Int32(0o10_000_000) | O_DIRECTORY | O_CLOEXEC)
            try #require(descriptor >= 0)
            defer { close(descriptor) }
            let type = try #require(FileSystemType.of(descriptor: descriptor))
            return FolderListing(folder: descriptor, type: type)
        }
    }

    @Test func everyAnswerOfTheListingIsWhatStatGives() throws {
        let folder = try Folder()
        let descriptor = open(folder.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        try #require(descriptor >= 0)
        defer { close(descriptor) }
        let type = try #require(FileSystemType.of(descriptor: descriptor))
        guard let listing = try folder.listing() else {
            // Only a file system whose listing types are not exact is left unlisted.
            #expect(!type.listsExactTypes, "\(type)")
            return
        }
        var answered = 0
        for name in folder.askedNames {
            let path = folder.path + "/" + name
            var followed = stat()
            var own = stat()
            let exists = stat(path, &followed) == 0
            let ownExists = lstat(path, &own) == 0
            switch listing.lookup(name) {
            case .file:
                #expect(ownExists && (own.st_mode & S_IFMT) == S_IFREG, "\(name)")
                #expect(exists && (followed.st_mode & S_IFMT) == S_IFREG, "\(name)")
                answered += 1
            case .directory:
                #expect(ownExists && (own.st_mode & S_IFMT) == S_IFDIR, "\(name)")
                #expect(exists && (followed.st_mode & S_IFMT) == S_IFDIR, "\(name)")
                answered += 1
            case .missing:
                #expect(!exists && !ownExists, "\(name)")
                answered += 1
            case .askStat:
                break
            }
        }
        // On this machine's local file systems the listing really answers (the shortcut is exercised), a
        // missing name too where lookups compare bytes (a temporary folder without the casefold attribute).
        #expect(answered >= 4, "\(type)")
        if type == .ext4 || type == .tmpfs || type == .btrfs { #expect(listing.lookup("missing.js") == .missing, "\(type)") }
    }

    @Test func linksOtherKindsAndOtherCasesAreLeftToStat() throws {
        let folder = try Folder()
        guard let listing = try folder.listing() else { return }
        for name in ["link-to-file.js", "link-to-folder", "dangling.js", "fifo", ".", "..", "sub/module.js"] {
            #expect(listing.lookup(name) == .askStat, "\(name)")
        }
        #expect(listing.lookup("module.js") == .file)
        #expect(listing.lookup("Module.JS") == .file)
        #expect(listing.lookup("sub") == .directory)
        // Absent names are only "missing" where lookups compare bytes; "MODULE.js" exists on a casefold folder.
        let other = listing.lookup("MODULE.js")
        #expect(other == .missing || other == .askStat)
        #expect(listing.lookup("missing.js") == other)
    }

    @Test func theFileSystemTypeIsTheMountsOne() throws {
        for (path, expected) in [("/proc/self", Int64(0x9FA0)), ("/sys/kernel", Int64(0x6265_6572))] {
            let descriptor = open(path, Int32(0o10_000_000) | O_DIRECTORY | O_CLOEXEC)
            guard descriptor >= 0 else { continue }
            defer { close(descriptor) }
            let type = try #require(FileSystemType.of(descriptor: descriptor))
            #expect(type.magic == expected, "\(path)")
            #expect(!type.listsExactTypes && !type.shortReadIsEndOfFile, "\(path)")
        }
    }
}
