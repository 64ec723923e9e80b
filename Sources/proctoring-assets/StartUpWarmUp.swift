import ArgumentParser
import DeploymentSettings
import Dispatch
import Foundation

/// Start-up work done on the second processor while the main thread parses the command line.
///
/// Most of a short command's parse is the Swift runtime answering questions the first time the process asks
/// them: does this type conform to that protocol (each first answer searches all ~9,400 conformance records of
/// the binary), what is the metadata of this generic type; plus first touches of code pages. The answers are
/// kept for the whole process, whichever thread asked. ArgumentParser asks them for the root command first,
/// then for the subcommand the command line names: its argument definitions (reflected from the type and its
/// option groups), the decoding of its arguments. This warm-up asks the subcommand's questions through
/// ArgumentParser's own public API on the subcommand's type, in the order that keeps it ahead of the main
/// thread, so that the main thread finds them answered when it gets there; then, for the commands that read
/// settings, it prepares the YAML resolver (see `YAMLResolverWarmUp`).
///
/// Nothing of it is visible: it computes values and drops them (no output, no file, no exit), and the main
/// thread's parse and run do not depend on whether or when it ran. `PROCTORING_ASSETS_NO_WARM_UP` (any
/// non-empty value) turns it off; on a machine with one processor it is not started (it would only take turns
/// with the main thread).
enum StartUpWarmUp {
    static let switchOffVariable = "PROCTORING_ASSETS_NO_WARM_UP"

    static func start(_ arguments: [String], root: any ParsableCommand.Type, evaluatesSettings: Bool) {
        // A subcommand's name never starts with "-" (`--version`, `--help` name none); the subcommand itself is
        // looked up on the other thread.
        let mayNameSubcommand = arguments.first.map { !$0.hasPrefix("-") } ?? false
        guard mayNameSubcommand || evaluatesSettings else { return }
        if let value = getenv(switchOffVariable), value.pointee != 0 { return }
        guard hasSecondProcessor else { return }
        DispatchQueue.global().async {
            // Looked up here, off the main thread (and metatypes of commands are not Sendable).
            if let (command, depth) = subcommand(of: root, namedBy: arguments[...]) {
                warmUpParsing(command, arguments: Array(arguments.dropFirst(depth)))
            }
            if evaluatesSettings { YAMLResolverWarmUp.prepare() }
        }
    }

    /// Whether the machine has more than one processor online (`sysconf`: one small read in the C library, where
    /// `ProcessInfo.activeProcessorCount` reads cgroup files through URLs, ≈ 0.1 ms of the main thread).
    private static var hasSecondProcessor: Bool {
        sysconf(Int32(_SC_NPROCESSORS_ONLN)) > 1
    }

    /// The subcommand (at any depth) the leading arguments name, matched as ArgumentParser matches them (by
    /// name or alias), with the number of arguments that named it; nil when the first argument names none.
    static func subcommand(of root: any ParsableCommand.Type, namedBy arguments: ArraySlice<String>)
        -> (command: any ParsableCommand.Type, depth: Int)?
    {
        var found: (command: any ParsableCommand.Type, depth: Int)?
        var remaining = arguments
        while let next = remaining.first,
            let child = (found?.command ?? root).configuration.subcommands.first(where: { $0.isNamed(next) })
        {
            found = (child, (found?.depth ?? 0) + 1)
            remaining = remaining.dropFirst()
        }
        return found
    }

    /// The subcommand's share of ArgumentParser's work, in the order the main thread reaches it last: the
    /// main thread builds the subcommand's argument definitions only after those of the completion-script
    /// check and of the root command, then decodes the subcommand's arguments, then casts the command to run it.
    /// (Measured on the example `settings`: the usage first keeps this thread ahead; parsing alone, it trails
    /// the main thread through the shared first steps.)
    private static func warmUpParsing(_ command: any ParsableCommand.Type, arguments: [String]) {
        _ = command.usageString()
        guard let parsed = try? command.parseAsRoot(arguments) else { return }
        // `main()`'s cast; its answer is used (an unused cast is optimised away).
        if let runnable = parsed as? any AsyncParsableCommand { _ = type(of: runnable).configuration }
    }
}

extension ParsableCommand {
    /// Whether `argument` names this command where ArgumentParser looks for a subcommand.
    fileprivate static func isNamed(_ argument: String) -> Bool {
        _commandName == argument || configuration.aliases.contains(argument)
    }
}
