import Foundation
import Testing
import TestSupport

/// The wheel of scripts/package: its name, metadata and RECORD, and the binary it installs working in a
/// fresh virtualenv with no Swift toolchain on PATH.
@Suite(.serialized) struct WheelTests {
    @Test func nameCarriesTheVersionAndAManylinuxTagForTheGlibcTheBinaryNeeds() throws {
        let wheel = try PackagedWheel.fromEnvironment()
        let pattern = #/proctoring_assets-(\d+\.\d+\.\d+)-py3-none-manylinux_2_(\d+)_x86_64\.whl/#
        let match = try #require(try pattern.wholeMatch(in: wheel.fileName), "unexpected wheel name \(wheel.fileName)")
        let tagMinor = Int(match.2) ?? -1

        // The newest GLIBC_2.N symbol version the binary needs is exactly the tag's N.
        let check = try ExternalProcess.run(try PackagedWheel.basePython(), ["-c", Self.newestGlibcScript, wheel.path])
        try #require(check.status == 0, "\(check.standardError)")
        #expect(Int(check.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)) == tagMinor)
        // Ubuntu 22.04 (Tutor's base image) has glibc 2.35: pip must be able to install the wheel there.
        #expect(tagMinor <= 35, "the binary needs glibc 2.\(tagMinor); Ubuntu 22.04 has 2.35")
    }

    /// Prints N of the newest GLIBC_2.N the wheel's binary needs (objdump -T on the extracted binary).
    static let newestGlibcScript = #"""
        import re, subprocess, sys, tempfile, zipfile
        with zipfile.ZipFile(sys.argv[1]) as wheel, tempfile.TemporaryDirectory() as folder:
            name = next(n for n in wheel.namelist() if n.endswith(".data/scripts/proctoring-assets"))
            path = wheel.extract(name, folder)
            symbols = subprocess.run(["objdump", "-T", path], check=True, capture_output=True, text=True).stdout
        print(max(int(minor) for minor in re.findall(r"GLIBC_2\.(\d+)", symbols)))
        """#

    @Test func metadataAndRecordAreValid() throws {
        let wheel = try PackagedWheel.fromEnvironment()
        let check = try ExternalProcess.run(try PackagedWheel.basePython(), ["-c", Self.wheelCheckScript, wheel.path])
        #expect(check.status == 0, "\(check.standardOutput)\n\(check.standardError)")
        let fields = check.standardOutput
        #expect(fields.contains("Name: proctoring-assets\n"))
        #expect(fields.contains("Version: \(wheel.version)\n"))
        #expect(fields.contains("License: "))
        #expect(fields.contains("Summary: "))
        #expect(fields.contains("Project-URL: "))
        #expect(fields.contains("entry point: tutor.plugin.v1 proctoring-assets = proctoring_assets.tutor_plugin"))
        #expect(fields.contains("script: proctoring-assets 755"))
    }

    /// Checks every RECORD line against the zip (sha256, size, every file listed once), prints the
    /// metadata fields, the entry points and the scripts with their modes.
    static let wheelCheckScript = #"""
        import base64, configparser, hashlib, sys, zipfile
        with zipfile.ZipFile(sys.argv[1]) as wheel:
            names = wheel.namelist()
            record_name = next(n for n in names if n.endswith(".dist-info/RECORD"))
            listed = set()
            for line in wheel.read(record_name).decode().splitlines():
                path, digest, size = line.rsplit(",", 2)
                assert path not in listed, f"{path} listed twice"
                listed.add(path)
                if path == record_name:
                    assert digest == "" and size == "", "RECORD lists a hash for itself"
                    continue
                data = wheel.read(path)
                expected = "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
                assert digest == expected, f"{path}: RECORD says {digest}, the file hashes to {expected}"
                assert int(size) == len(data), f"{path}: RECORD says {size} bytes, the file has {len(data)}"
            assert listed == set(names), f"not in RECORD: {set(names) - listed}; not in the wheel: {listed - set(names)}"
            metadata = wheel.read(next(n for n in names if n.endswith(".dist-info/METADATA"))).decode()
            print(metadata.split("\n\n", 1)[0])
            entry_points = configparser.ConfigParser()
            entry_points.read_string(wheel.read(next(n for n in names if n.endswith(".dist-info/entry_points.txt"))).decode())
            for group in entry_points.sections():
                for name, value in entry_points.items(group):
                    print(f"entry point: {group} {name} = {value}")
            for info in wheel.infolist():
                if ".data/scripts/" in info.filename:
                    print(f"script: {info.filename.rsplit('/', 1)[1]} {oct(info.external_attr >> 16 & 0o777)[2:]}")
        """#

    @Test func installsIntoAFreshVirtualenvAndRunsWithoutSwift() throws {
        let wheel = try PackagedWheel.fromEnvironment()
        let venv = try wheel.installIntoFreshVirtualenv(label: "wheel")
        defer { try? FileManager.default.removeItem(atPath: venv.root) }
        let binary = venv.bin + "/proctoring-assets"
        #expect(FileManager.default.isExecutableFile(atPath: binary))

        let version = try venv.run("proctoring-assets", ["--version"])
        #expect(version.status == 0, "\(version.standardError)")
        let printed = version.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try #/\d+\.\d+\.\d+ \(commit [0-9a-f]{40}(-modified)?\)/#.wholeMatch(in: printed) != nil, "\(printed)")
        #expect(printed.hasPrefix(wheel.version + " "))

        // The example comes from inside the binary: the copy equals Examples/deployment.
        let scratch = venv.root + "/example"
        let build = try venv.run("proctoring-assets", ["build", "--example", "--example-dir", scratch])
        #expect(build.status == 0, "\(build.standardOutput)\n\(build.standardError)")
        #expect(build.standardOutput.contains("https://lms.example.edu/static/bundles/example-proctor-worker.js"))
        let bundle = try String(contentsOfFile: scratch + "/openedx/staticfiles/bundles/example-proctor-worker.js", encoding: .utf8)
        #expect(bundle.contains("https://proctor.example.com/api"))
        let original = try Data(contentsOf: URL(fileURLWithPath: PackagedWheel.packageRoot + "/Examples/deployment/openedx/config/lms.yml"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: scratch + "/openedx/config/lms.yml")) == original)

        // The same binary through the Python package.
        let module = try venv.run("python", ["-m", "proctoring_assets", "--version"])
        #expect(module.status == 0, "\(module.standardError)")
        #expect(module.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines) == printed)
    }

    @Test func needsNoLibraryOfTheSwiftToolchain() throws {
        let wheel = try PackagedWheel.fromEnvironment()
        let venv = try wheel.installIntoFreshVirtualenv(label: "ldd")
        defer { try? FileManager.default.removeItem(atPath: venv.root) }
        let ldd = try ExternalProcess.run("/usr/bin/ldd", [venv.bin + "/proctoring-assets"])
        #expect(ldd.status == 0, "\(ldd.standardError)")
        let libraries = ldd.standardOutput.split(separator: "\n").compactMap { line in
            line.split(whereSeparator: { $0 == " " || $0 == "\t" }).first.map(String.init)
        }
        // glibc's and libgcc_s only: libstdc++, SQLite (serve's attempt store) and zlib are linked statically.
        let allowed = ["linux-vdso.so.1", "libc.so.6", "libm.so.6", "libgcc_s.so.1", "/lib64/ld-linux-x86-64.so.2"]
        #expect(!libraries.isEmpty)
        for library in libraries {
            #expect(allowed.contains(library), "the packaged binary needs \(library)")
        }
        #expect(!ldd.standardOutput.contains("/opt/swift"))
        #expect(!ldd.standardOutput.lowercased().contains("swift"))
        #expect(!ldd.standardOutput.contains("Foundation"))
    }

    @Test func pipUninstallRemovesEverything() throws {
        let wheel = try PackagedWheel.fromEnvironment()
        let venv = try wheel.installIntoFreshVirtualenv(label: "uninstall")
        defer { try? FileManager.default.removeItem(atPath: venv.root) }
        let sitePackages = try venv.sitePackages
        let before = Set(try FileManager.default.contentsOfDirectory(atPath: sitePackages))
        #expect(before.contains("proctoring_assets"))
        #expect(before.contains("proctoring_assets-\(wheel.version).dist-info"))

        let uninstall = try venv.run("pip", ["uninstall", "--yes", "--disable-pip-version-check", "proctoring-assets"])
        #expect(uninstall.status == 0, "\(uninstall.standardError)")
        #expect(!FileManager.default.fileExists(atPath: venv.bin + "/proctoring-assets"))
        let after = Set(try FileManager.default.contentsOfDirectory(atPath: sitePackages))
        #expect(after.filter { $0.lowercased().contains("proctoring") }.isEmpty, "left behind: \(after)")
        let show = try venv.run("pip", ["show", "proctoring-assets"])
        #expect(show.status != 0)
    }
}
