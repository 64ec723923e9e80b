import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One whole-process run: wall time from spawn to reap, and the peak resident set size that `wait4`
/// reports (Linux: the largest of the child and the descendants it waited for, in KiB).
struct ProcessMeasurement: Sendable {
    var wallSeconds: Double
    var peakResidentKilobytes: Int
    var exitStatus: Int32?
    var standardError: String
}

/// Spawns `executable` with posix_spawn (no shell, no Foundation.Process overhead) and measures it.
func measureProcess(
    executable: String, arguments: [String], environment: [String: String], workingDirectory: String,
    standardInputFile: String?, logPrefix: String
) throws -> ProcessMeasurement {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, standardInputFile ?? "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, logPrefix + ".stdout", O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    posix_spawn_file_actions_addopen(&actions, 2, logPrefix + ".stderr", O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    // posix_spawn_file_actions_addchdir_np is not imported from Glibc: change the (single-threaded)
    // benchmark's own directory around the spawn instead.
    let previousDirectory = FileManager.default.currentDirectoryPath
    guard FileManager.default.changeCurrentDirectoryPath(workingDirectory) else {
        throw WorkloadRunError("cannot change to \(workingDirectory)")
    }
    defer { _ = FileManager.default.changeCurrentDirectoryPath(previousDirectory) }

    let argumentPointers = ([executable] + arguments).map { strdup($0) } + [nil]
    let environmentPointers = environment.sorted { $0.key < $1.key }.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer {
        argumentPointers.forEach { free($0) }
        environmentPointers.forEach { free($0) }
    }

    var processID = pid_t()
    var start = timespec()
    clock_gettime(CLOCK_MONOTONIC, &start)
    let spawnResult = posix_spawn(&processID, executable, &actions, nil, argumentPointers, environmentPointers)
    guard spawnResult == 0 else {
        throw WorkloadRunError("cannot start \(executable): \(String(cString: strerror(spawnResult)))")
    }
    var status: Int32 = 0
    var usage = rusage()
    while wait4(processID, &status, 0, &usage) < 0 {
        guard errno == EINTR else { throw WorkloadRunError("wait4 failed: \(String(cString: strerror(errno)))") }
    }
    var end = timespec()
    clock_gettime(CLOCK_MONOTONIC, &end)
    let wall = Double(end.tv_sec - start.tv_sec) + Double(end.tv_nsec - start.tv_nsec) / 1e9
    // WIFEXITED / WEXITSTATUS by hand: the macros are not imported into Swift.
    let exitStatus: Int32? = (status & 0x7f) == 0 ? (status >> 8) & 0xff : nil
    let standardError = (try? String(contentsOfFile: logPrefix + ".stderr", encoding: .utf8)) ?? ""
    return ProcessMeasurement(
        wallSeconds: wall, peakResidentKilobytes: Int(usage.ru_maxrss), exitStatus: exitStatus, standardError: standardError)
}

struct WorkloadRunError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
