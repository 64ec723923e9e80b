import BenchmarkWorkload
import Foundation

// compare-bundlers: bundles the reference workload with esbuild, webpack and ours, each as a whole
// process, N times, and prints best/median wall time, peak RSS and output size with the ratios issue 4
// asks for. Usage (from the repository root):
//   swift run -c release --package-path Benchmarks compare-bundlers [--runs N] [--esbuild PATH]
//       [--webpack PATH] [--ours 'TEMPLATE' | --skip-ours] [--keep]

let usage = """
    usage: compare-bundlers [--runs N] [--esbuild PATH] [--webpack PATH] [--ours TEMPLATE | --skip-ours] [--keep]
      --runs N         runs per bundler (default 5); best and median are reported
      --esbuild PATH   esbuild 0.17 (default: PA_TEST_ESBUILD, then esbuild on PATH)
      --webpack PATH   webpack 5.75 from install-webpack.sh (default: PA_TEST_WEBPACK, then webpack on PATH)
      --ours TEMPLATE  our command line; placeholders {workers} {entry} {context} {out} {env} {name}
                       (JS_ENV_EXTRA_CONFIG and NODE_ENV=production are also set in its environment)
                       default: '\(defaultOursTemplate())'
      --skip-ours      measure only esbuild and webpack
      --keep           keep the workload and outputs (the path is printed)
    """

func defaultOursTemplate() -> String {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path
    return "\(root)/.build/release/proctoring-assets bundle --workers-json {workers} --output-dir {out}"
}

struct Options {
    var runs = 5
    var esbuild: String?
    var webpack: String?
    var oursTemplate = defaultOursTemplate()
    var skipOurs = false
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
        case "--esbuild": options.esbuild = value("--esbuild")
        case "--webpack": options.webpack = value("--webpack")
        case "--ours": options.oursTemplate = value("--ours")
        case "--skip-ours": options.skipOurs = true
        case "--keep": options.keep = true
        case "--help", "-h":
            print(usage)
            exit(0)
        default: fail("unknown argument \(arguments[index])\n\(usage)")
        }
        index += 1
    }
    return options
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("compare-bundlers: \(message)\n".utf8))
    exit(2)
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

struct Summary {
    var name: String
    var best: Double
    var median: Double
    var medianRSSKilobytes: Int
    var maxRSSKilobytes: Int
    var outputBytes: Int
}

func run(_ contender: Contender, runs: Int, scratch: String) -> Result<Summary, WorkloadRunError> {
    var measurements: [ProcessMeasurement] = []
    for index in 0..<runs {
        try? FileManager.default.removeItem(atPath: contender.outputFile)
        let measurement: ProcessMeasurement
        do {
            measurement = try measureProcess(
                executable: contender.executable, arguments: contender.arguments, environment: contender.environment,
                workingDirectory: contender.workingDirectory, standardInputFile: contender.standardInputFile,
                logPrefix: "\(scratch)/\(contender.name)-\(index)")
        } catch let error as WorkloadRunError {
            return .failure(error)
        } catch {
            return .failure(WorkloadRunError("\(error)"))
        }
        guard measurement.exitStatus == 0, FileManager.default.fileExists(atPath: contender.outputFile) else {
            let tail = measurement.standardError.split(separator: "\n").suffix(15).joined(separator: "\n")
            return .failure(WorkloadRunError(
                "\(contender.name) failed (exit \(measurement.exitStatus.map(String.init) ?? "by signal")), no \(contender.outputFile)\n\(tail)"))
        }
        measurements.append(measurement)
        FileHandle.standardError.write(Data(String(
            format: "  %@ run %d: %.3f s, %d MB\n", contender.name, index + 1, measurement.wallSeconds,
            measurement.peakResidentKilobytes / 1024).utf8))
    }
    let times = measurements.map(\.wallSeconds).sorted()
    let memory = measurements.map(\.peakResidentKilobytes).sorted()
    let size = (try? FileManager.default.attributesOfItem(atPath: contender.outputFile)[.size] as? Int) ?? 0
    return .success(Summary(
        name: contender.name, best: times[0], median: times[times.count / 2], medianRSSKilobytes: memory[memory.count / 2],
        maxRSSKilobytes: memory[memory.count - 1], outputBytes: size))
}

func machineDescription() -> String {
    let cpuinfo = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
    let modelLine = cpuinfo.split(separator: "\n").first { $0.hasPrefix("model name") }
    let model = modelLine.flatMap { $0.split(separator: ":", maxSplits: 1).last }
        .map { $0.trimmingCharacters(in: .whitespaces) } ?? "unknown CPU"
    let processors = sysconf(Int32(_SC_NPROCESSORS_ONLN))
    return "\(processors) CPUs (nproc), \(model)"
}

func formatRatio(_ value: Double?) -> String {
    value.map { String(format: "%.2fx", $0) } ?? "n/a"
}

// MARK: - Main

let options = parseOptions(Array(CommandLine.arguments.dropFirst()))
let workload: ReferenceWorkload
do {
    workload = try ReferenceWorkload.create()
} catch {
    fail("cannot lay out the workload: \(error)")
}
let scratch = workload.root + "/scratch"
try? FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
let factory = ContenderFactory(workload: workload, scratch: scratch, baseEnvironment: ProcessInfo.processInfo.environment)
print("Reference workload: \(workload.root) (\(options.runs) runs each, whole process, production mode)")
print("Machine: \(machineDescription())")

var summaries: [String: Summary] = [:]
var skipped: [String] = []

if let esbuild = locate(options.esbuild, variable: "PA_TEST_ESBUILD", command: "esbuild") {
    do {
        switch run(try factory.esbuild(executable: esbuild), runs: options.runs, scratch: scratch) {
        case .success(let summary): summaries["esbuild"] = summary
        case .failure(let error): skipped.append("esbuild: \(error)")
        }
    } catch {
        skipped.append("esbuild: \(error)")
    }
} else {
    skipped.append("esbuild: not found (apt-get install esbuild, or --esbuild PATH)")
}

if let webpack = locate(options.webpack, variable: "PA_TEST_WEBPACK", command: "webpack") {
    do {
        switch run(try factory.webpack(executable: webpack), runs: options.runs, scratch: scratch) {
        case .success(let summary): summaries["webpack"] = summary
        case .failure(let error): skipped.append("webpack: \(error)")
        }
    } catch {
        skipped.append("webpack: \(error)")
    }
} else {
    skipped.append("webpack: not found (../shared/tools/install-webpack.sh <prefix>, then --webpack <prefix>/bin/webpack)")
}

if options.skipOurs {
    skipped.append("ours: skipped (--skip-ours)")
} else if let ours = factory.ours(template: options.oursTemplate) {
    if !FileManager.default.isExecutableFile(atPath: ours.executable) {
        skipped.append("ours: \(ours.executable) does not exist (build it: swift build -c release --product proctoring-assets)")
    } else if let probe = try? measureProcess(
        executable: ours.executable, arguments: [ours.arguments.first ?? "", "--help"], environment: ours.environment,
        workingDirectory: scratch, standardInputFile: nil, logPrefix: scratch + "/ours-probe"), probe.exitStatus != 0
    {
        skipped.append("ours: `\(ours.executable) \(ours.arguments.first ?? "") --help` failed: the subcommand is missing (pass --ours 'TEMPLATE')")
    } else {
        switch run(ours, runs: options.runs, scratch: scratch) {
        case .success(let summary): summaries["ours"] = summary
        case .failure(let error): skipped.append("ours: \(error)")
        }
    }
} else {
    skipped.append("ours: empty --ours template")
}

print("")
print("bundler   best (s)  median (s)  peak RSS median/max (MB)  output (bytes)")
for name in ["esbuild", "webpack", "ours"] {
    guard let summary = summaries[name] else { continue }
    print(String(
        format: "%-8@ %9.3f %11.3f %15d / %-9d %14d", name as NSString, summary.best, summary.median,
        summary.medianRSSKilobytes / 1024, summary.maxRSSKilobytes / 1024, summary.outputBytes))
}
print("")
let esbuildSummary = summaries["esbuild"]
let webpackSummary = summaries["webpack"]
let oursSummary = summaries["ours"]
func ratio(_ a: Double?, _ b: Double?) -> Double? {
    guard let a, let b, b > 0 else { return nil }
    return a / b
}
print("webpack/esbuild time (median):     \(formatRatio(ratio(webpackSummary?.median, esbuildSummary?.median)))")
print("ours/esbuild time (median):        \(formatRatio(ratio(oursSummary?.median, esbuildSummary?.median)))   required <= 2.00x, target <= 1.00x")
print("webpack/ours time (median):        \(formatRatio(ratio(webpackSummary?.median, oursSummary?.median)))   required >= 10x")
print("ours/esbuild peak RSS (median):    \(formatRatio(ratio(oursSummary.map { Double($0.medianRSSKilobytes) }, esbuildSummary.map { Double($0.medianRSSKilobytes) })))   required ours <= 150 MB")
print("ours/webpack output size:          \(formatRatio(ratio(oursSummary.map { Double($0.outputBytes) }, webpackSummary.map { Double($0.outputBytes) })))   required <= 1.05x, target <= 1.00x")
print("esbuild/webpack output size:       \(formatRatio(ratio(esbuildSummary.map { Double($0.outputBytes) }, webpackSummary.map { Double($0.outputBytes) })))")
for line in skipped {
    print("skipped \(line)")
}
if options.keep {
    print("kept: \(workload.root)")
} else {
    workload.remove()
}
