import BenchmarkWorkload
import Foundation

// compare-bundlers: the benchmark of issue 15. Lays out both workloads (reference: babel-polyfill over
// Debian's core-js 3 + regenerator-runtime + the real Proctortrack worker; large: a worker pulling in
// core-js `full`, lodash-es, acorn, js-yaml, esprima, escodegen and semver from Debian's JS packages),
// runs ours (`bundle`), esbuild 0.17 and webpack 5.75 (the same worker config) alternately as whole
// processes, checks in node that the three bundles post the same worker messages, and prints the table
// with ratios, plus our unchanged rebuild with `--cache`. From the repository root:
//   eval "$(scripts/install-test-tools)"
//   swift build -c release --product proctoring-assets
//   swift run -c release --package-path Benchmarks compare-bundlers [--runs N]

let usage = """
    usage: compare-bundlers [--runs N] [--workload reference|large]... [--ours PATH] [--esbuild PATH] [--webpack PATH]
                            [--skip-webpack] [--keep]
      --runs N         measured runs per bundler and workload (default 5), alternating between the bundlers
      --workload NAME  only this workload (repeatable; default both)
      --ours PATH      our binary (default: <root>/.build/release/proctoring-assets)
      --esbuild PATH   esbuild 0.17 (default: PA_TEST_ESBUILD, then esbuild on PATH)
      --webpack PATH   webpack 5.75 (default: PA_TEST_WEBPACK, then webpack on PATH)
      --skip-webpack   leave webpack out (it takes seconds per run)
      --keep           keep the workloads and outputs (the paths are printed)
    Needs PA_TEST_PROCTORTRACK_V1 and PA_TEST_EDX_PROCTORING (scripts/install-test-tools prints them) and node.
    """

let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().path

struct Options {
    var runs = 5
    var workloads: [String] = []
    var ours = packageRoot + "/.build/release/proctoring-assets"
    var esbuild: String?
    var webpack: String?
    var skipWebpack = false
    var keep = false
}

func parseOptions(_ arguments: [String]) -> Options {
    var options = Options()
    var index = 0
    func value(_ flag: String) -> String {
        index += 1
        guard index < arguments.count else { fail("\(flag) needs a value\n\(usage)") }
        return arguments[index]
    }
    while index < arguments.count {
        switch arguments[index] {
        case "--runs":
            guard let runs = Int(value("--runs")), runs > 0 else { fail("--runs needs a positive number") }
            options.runs = runs
        case "--workload":
            let name = value("--workload")
            guard ["reference", "large"].contains(name) else { fail("--workload is reference or large") }
            options.workloads.append(name)
        case "--ours": options.ours = value("--ours")
        case "--esbuild": options.esbuild = value("--esbuild")
        case "--webpack": options.webpack = value("--webpack")
        case "--skip-webpack": options.skipWebpack = true
        case "--keep": options.keep = true
        case "--help", "-h":
            print(usage)
            exit(0)
        default: fail("unknown argument \(arguments[index])\n\(usage)")
        }
        index += 1
    }
    if options.workloads.isEmpty { options.workloads = ["reference", "large"] }
    return options
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("compare-bundlers: \(message)\n".utf8))
    exit(2)
}

func log(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}

func locate(_ explicit: String?, variable: String, command: String) -> String? {
    let environment = ProcessInfo.processInfo.environment
    for candidate in [explicit, environment[variable]].compactMap({ $0 }) where !candidate.isEmpty {
        return FileManager.default.isExecutableFile(atPath: candidate) ? candidate : nil
    }
    for directory in (environment["PATH"] ?? "").split(separator: ":") {
        let candidate = "\(directory)/\(command)"
        if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    return nil
}

func machineDescription() -> String {
    let cpuinfo = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
    let modelLine = cpuinfo.split(separator: "\n").first { $0.hasPrefix("model name") }
    let model = modelLine.flatMap { $0.split(separator: ":", maxSplits: 1).last }
        .map { $0.trimmingCharacters(in: .whitespaces) } ?? "unknown CPU"
    let load = ((try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? "").split(separator: " ").prefix(3).joined(separator: " ")
    return "\(sysconf(Int32(_SC_NPROCESSORS_ONLN))) CPUs (nproc), \(model), load average \(load)"
}

/// Runs one contender once; the bundle must appear.
func runOnce(_ contender: Contender, scratch: String, label: String) throws -> ProcessMeasurement {
    try? FileManager.default.removeItem(atPath: contender.outputDirectory)
    try FileManager.default.createDirectory(atPath: contender.outputDirectory, withIntermediateDirectories: true)
    let measurement = try measureProcess(
        executable: contender.executable, arguments: contender.arguments, environment: contender.environment,
        workingDirectory: contender.workingDirectory, standardInputFile: contender.standardInputFile,
        logPrefix: "\(scratch)/\(contender.name.replacingOccurrences(of: " ", with: ""))-\(label)")
    guard measurement.exitStatus == 0, FileManager.default.fileExists(atPath: contender.outputFile) else {
        let tail = measurement.standardError.split(separator: "\n").suffix(15).joined(separator: "\n")
        throw WorkloadRunError(
            "\(contender.name) failed (exit \(measurement.exitStatus.map(String.init) ?? "by signal")), no \(contender.outputFile)\n\(tail)")
    }
    return measurement
}

struct Figures {
    var medianSeconds: Double
    var bestSeconds: Double
    var medianRSSKilobytes: Int
    var outputBytes: Int

    init(_ measurements: [ProcessMeasurement], outputBytes: Int) {
        let times = measurements.map(\.wallSeconds).sorted()
        let memory = measurements.map(\.peakResidentKilobytes).sorted()
        medianSeconds = times[times.count / 2]
        bestSeconds = times[0]
        medianRSSKilobytes = memory[memory.count / 2]
        self.outputBytes = outputBytes
    }

    var cell: String {
        let time = medianSeconds >= 1
            ? String(format: "%.2f s", medianSeconds)
            : String(format: medianSeconds < 0.1 ? "%.1f ms" : "%.0f ms", medianSeconds * 1000)
        return "\(time), \(medianRSSKilobytes / 1024) MB, \(grouped(outputBytes)) B"
    }
}

func grouped(_ value: Int) -> String {
    let digits = Array(String(value))
    var text = ""
    for (index, digit) in digits.enumerated() {
        if index > 0, (digits.count - index) % 3 == 0 { text += "," }
        text.append(digit)
    }
    return text
}

func fileSize(_ path: String) -> Int {
    (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
}

struct WorkloadResult {
    var title: String
    var modules: String
    /// By contender name: "ours", "ours build" (reference only), "esbuild", "webpack".
    var figures: [String: Figures]
    /// Unchanged rebuilds with --cache, by contender name ("ours --cache", "ours build --cache").
    var cached: [String: Figures]
    var sameWorkerOutput: String
}

/// Measures one workload: a first (unmeasured) run of each contender, the worker-output check, then
/// `runs` rounds alternating between the contenders, then our cached rebuilds.
func measure(_ workload: any BundlingWorkload, deployment: ReferenceDeployment?, options: Options, node: String) throws -> WorkloadResult {
    let scratch = workload.root + "/scratch"
    try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
    let factory = ContenderFactory(workload: workload, scratch: scratch, baseEnvironment: ProcessInfo.processInfo.environment)
    var contenders = [try factory.ours(executable: options.ours)]
    if let deployment { contenders.append(deployment.contender(ours: options.ours, cache: nil)) }
    if let esbuild = locate(options.esbuild, variable: "PA_TEST_ESBUILD", command: "esbuild") {
        contenders.append(try factory.esbuild(executable: esbuild))
    } else {
        throw WorkloadRunError("esbuild not found (apt-get install esbuild, or --esbuild PATH)")
    }
    if !options.skipWebpack {
        guard let webpack = locate(options.webpack, variable: "PA_TEST_WEBPACK", command: "webpack") else {
            throw WorkloadRunError("webpack not found (scripts/install-test-tools, or --webpack PATH, or --skip-webpack)")
        }
        contenders.append(try factory.webpack(executable: webpack))
    }

    log("\(workload.title): first run of each bundler, then the worker-output check")
    var messages: [String: String] = [:]
    for contender in contenders {
        _ = try runOnce(contender, scratch: scratch, label: "first")
        switch WorkerOutputCheck(node: node, scratch: scratch).messages(of: contender.outputFile) {
        case .success(let posted): messages[contender.name] = posted
        case .failure(let error): throw error
        }
    }
    let reference = messages["ours"] ?? ""
    let differing = messages.filter { $0.value != reference }.map(\.key).sorted()
    let verdict = differing.isEmpty
        ? "same worker messages from \(contenders.map(\.name).joined(separator: ", ")): \(reference.prefix(160))"
        : "DIFFERENT worker messages: " + messages.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: " | ")
    log("  " + verdict)

    var measurements: [String: [ProcessMeasurement]] = [:]
    for round in 1...options.runs {
        for contender in contenders {
            let measurement = try runOnce(contender, scratch: scratch, label: "\(round)")
            measurements[contender.name, default: []].append(measurement)
            log(String(format: "  round %d %@: %.3f s, %d MB", round, contender.name, measurement.wallSeconds, measurement.peakResidentKilobytes / 1024))
        }
    }
    var figures: [String: Figures] = [:]
    for contender in contenders {
        figures[contender.name] = Figures(measurements[contender.name] ?? [], outputBytes: fileSize(contender.outputFile))
    }

    // The unchanged rebuilds: one run stores the entry, the measured ones are served from it, alternating.
    let oursBundle = FileManager.default.contents(atPath: contenders[0].outputFile)
    var cachedContenders = [try factory.ours(executable: options.ours, cache: scratch + "/build-cache")]
    if let deployment { cachedContenders.append(deployment.contender(ours: options.ours, cache: scratch + "/build-cache")) }
    for contender in cachedContenders { _ = try runOnce(contender, scratch: scratch, label: "store") }
    var cachedRuns: [String: [ProcessMeasurement]] = [:]
    for round in 1...options.runs {
        for contender in cachedContenders {
            let measurement = try runOnce(contender, scratch: scratch, label: "cached-\(round)")
            cachedRuns[contender.name, default: []].append(measurement)
            log(String(format: "  round %d %@: %.1f ms, %d MB", round, contender.name, measurement.wallSeconds * 1000, measurement.peakResidentKilobytes / 1024))
        }
    }
    var cachedFigures: [String: Figures] = [:]
    for contender in cachedContenders {
        guard FileManager.default.contents(atPath: contender.outputFile) == oursBundle else {
            throw WorkloadRunError("\(contender.name): the cached rebuild's bundle differs from the cold build's")
        }
        cachedFigures[contender.name] = Figures(cachedRuns[contender.name] ?? [], outputBytes: fileSize(contender.outputFile))
    }
    let moduleCount = (try? String(contentsOfFile: scratch + "/ours-first.stdout", encoding: .utf8))
        .flatMap { text in text.range(of: #"\d+ modules"#, options: .regularExpression).map { String(text[$0]) } } ?? "? modules"
    return WorkloadResult(
        title: workload.title, modules: moduleCount, figures: figures,
        cached: cachedFigures, sameWorkerOutput: verdict)
}

func ratio(_ numerator: Double, _ denominator: Double) -> String {
    denominator > 0 ? String(format: "%.2f×", numerator / denominator) : "n/a"
}

// MARK: - Main

let options = parseOptions(Array(CommandLine.arguments.dropFirst()))
let environment = ProcessInfo.processInfo.environment
guard FileManager.default.isExecutableFile(atPath: options.ours) else {
    fail("\(options.ours) does not exist: swift build -c release --product proctoring-assets (or --ours PATH)")
}
guard let node = locate(nil, variable: "PA_TEST_NODE", command: "node") else { fail("node not found (apt-get install nodejs)") }
let handler: ProctortrackFiles
switch ProctortrackFiles.fromEnvironment(environment) {
case .success(let files): handler = files
case .failure(let error): fail(error.description)
}

print("compare-bundlers: \(options.runs) measured runs per bundler, alternating, whole processes, production mode")
print("Machine: \(machineDescription())")
var results: [WorkloadResult] = []
var failed = false
for name in options.workloads {
    let workload: any BundlingWorkload
    var deployment: ReferenceDeployment?
    do {
        if name == "reference" {
            let reference = try ReferenceWorkload.create(proctortrack: handler)
            deployment = try ReferenceDeployment(ours: options.ours, workload: reference, handler: handler, in: reference.root)
            workload = reference
        } else {
            workload = try LargeWorkload.create(handler: handler)
        }
    } catch {
        fail("cannot lay out the \(name) workload: \(error)")
    }
    do {
        let result = try measure(workload, deployment: deployment, options: options, node: node)
        results.append(result)
        if result.sameWorkerOutput.hasPrefix("DIFFERENT") { failed = true }
    } catch {
        log("\(name): \(error)")
        failed = true
    }
    if options.keep { print("kept: \(workload.root)") } else { workload.remove() }
}

print("")
print("| workload | ours | esbuild 0.17 `--bundle --minify` | webpack 5.75 | ours / esbuild |")
print("|---|---|---|---|---|")
func row(_ label: String, _ ours: Figures?, _ result: WorkloadResult) {
    guard let ours, let esbuild = result.figures["esbuild"] else { return }
    let webpack = result.figures["webpack"]?.cell ?? "not run"
    let ratios = "\(ratio(ours.medianSeconds, esbuild.medianSeconds)) time, "
        + "\(ratio(Double(ours.medianRSSKilobytes), Double(esbuild.medianRSSKilobytes))) RSS, "
        + "\(ratio(Double(ours.outputBytes), Double(esbuild.outputBytes))) size"
    print("| \(label) | \(ours.cell) | \(esbuild.cell) | \(webpack) | \(ratios) |")
}
for result in results {
    row("\(result.title), \(result.modules): whole `build` (settings → 3 files)", result.figures["ours build"], result)
    row("\(result.title), \(result.modules): `bundle`", result.figures["ours"], result)
}
for result in results {
    for (name, label) in [("ours build --cache", "`build --cache DIR`"), ("ours --cache", "`bundle --cache DIR`")] {
        guard let cached = result.cached[name], let esbuild = result.figures["esbuild"] else { continue }
        print("| \(result.title), unchanged rebuild: \(label) | \(cached.cell) | — | — | \(ratio(cached.medianSeconds, esbuild.medianSeconds)) time |")
    }
}
print("")
print("Medians of \(options.runs) runs. Best times: " + results.map { result in
    result.title + ": " + (["ours build", "ours", "esbuild", "webpack"].compactMap { name in
        result.figures[name].map { String(format: "%@ %.0f ms", name, $0.bestSeconds * 1000) }
    } + ["ours build --cache", "ours --cache"].compactMap { name in
        result.cached[name].map { String(format: "%@ %.1f ms", name, $0.bestSeconds * 1000) }
    }).joined(separator: ", ")
}.joined(separator: "; "))
for result in results {
    print("\(result.title): \(result.sameWorkerOutput)")
}
exit(failed ? 1 : 0)
