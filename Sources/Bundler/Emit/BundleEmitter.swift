import Encodings
import FileSystemSupport
import JavaScript
import ThreadSupport

/// Writes the linked modules into one classic script, deterministically: modules in id order inside the
/// runtime, printed readable or whitespace-minified, with an optional combined source map.
struct BundleEmitter {
    let graph: ModuleGraph
    let runtime: BundleRuntime
    let options: BundleOptions
    /// `build --deploy-time-config`: the config slot, first in the bundle.
    var slot: DeployTimeConfigSlot? = nil

    /// Text being built, with the 0-based line and UTF-16 column of its end (for source maps).
    struct OutputText {
        var bytes: [UInt8] = []
        var line = 0
        var column = 0

        mutating func append(_ text: String) {
            append(Array(text.utf8))
        }

        mutating func append(_ chunk: [UInt8]) {
            bytes.append(contentsOf: chunk)
            for byte in chunk {
                if byte == 0x0A {
                    line += 1
                    column = 0
                } else if byte & 0xC0 != 0x80 {
                    column += byte >= 0xF0 ? 2 : 1
                }
            }
        }
    }

    struct PrintedModule: Sendable {
        var code: [UInt8]
        var sourceMap: String?
        /// The module function's parameters after renaming (minified output), else the linker's.
        var parameters: [String]? = nil
        /// The module function is an arrow (`BundleRuntime.canBeArrow`).
        var isArrow = false
    }

    func emit(_ linked: [LinkedModule]) -> WorkerBundle {
        let minified = options.minify
        let printed = printConcurrently(linked)
        var output = OutputText()
        var combiner = SourceMapCombiner()
        var sizes: [WorkerBundle.ModuleSize] = []
        if let slot { output.append(slot.rendered()) }
        output.append(runtime.prefix(minified: minified))
        for (index, module) in linked.enumerated() {
            let start = output.bytes.count
            if index > 0 { output.append(runtime.separator(minified: minified)) }
            if case .hoisted(let root) = module.body {
                // A hole in the module table: nothing loads this module at run time.
                if !minified { output.append("/* \(sourceName(graph.modules[module.id].path)): in module \(root) */") }
                sizes.append(WorkerBundle.ModuleSize(id: module.id, path: graph.modules[module.id].path, outputBytes: output.bytes.count - start))
                continue
            }
            let graphModule = graph.modules[module.id]
            output.append(
                runtime.moduleStart(parameters: printed[index].parameters ?? module.parameters, isArrow: printed[index].isArrow, minified: minified))
            if let map = printed[index].sourceMap {
                combiner.add(
                    moduleMap: map, sourceName: sourceName(graphModule.path), content: String(decoding: graphModule.source, as: UTF8.self),
                    line: output.line, column: output.column)
            }
            output.append(printed[index].code)
            if printed[index].sourceMap != nil { combiner.addUnmapped(line: output.line, column: output.column) }
            output.append(runtime.moduleEnd(isESM: graph.modules[module.id].kind == .esm))
            sizes.append(WorkerBundle.ModuleSize(id: module.id, path: graph.modules[module.id].path, outputBytes: output.bytes.count - start))
        }
        output.append(runtime.suffix(entryModuleIDs: graph.entryModuleIDs, minified: minified))
        let fileName = graph.entry.outputRelativePath
        var sourceMap: [UInt8]?
        if options.sourceMap {
            let baseName = PathComponents.basename(fileName)
            output.append((minified ? "\n" : "") + "//# sourceMappingURL=" + baseName + ".map\n")
            sourceMap = Array(combiner.json(file: baseName, includesSourcesContent: options.sourceMapIncludesContent).utf8)
        }
        return WorkerBundle(
            entryName: graph.entry.name, fileName: fileName, bytes: output.bytes, integrity: SubresourceIntegrity.sha384(output.bytes),
            moduleCount: linked.count, moduleSizes: sizes, sourceMap: sourceMap)
    }

    /// Paths in the map are relative to the entry's context directory, so the map names no machine paths.
    func sourceName(_ path: String) -> String {
        if path.hasPrefix("/") { return PathComponents.relative(path, from: graph.entry.contextDirectory) }
        return path
    }

    /// Prints every module body. Minified output also shortens syntax and renames identifiers inside each module
    /// function, its parameters (`module`, `exports`, `require`) included, as a minifier of the whole bundle would.
    private func printConcurrently(_ linked: [LinkedModule]) -> [PrintedModule] {
        let printerOptions: JavaScriptPrinter.Options = options.minify ? .minifiedWhitespace : .readable
        let minify = options.minify
        let wantsMap = options.sourceMap
        let graph = self.graph
        let defineWords = options.defines.identifierLikeWords
        let definesMentionThisOrArguments = defineWords.contains("this") || defineWords.contains("arguments")
        @Sendable func printModule(_ index: Int) -> PrintedModule {
            var printed = printModuleBody(index)
            let module = graph.modules[linked[index].id]
            printed.isArrow = module.kind != .esm
                && BundleRuntime.canBeArrow(source: module.source, definesMentionThisOrArguments: definesMentionThisOrArguments)
            return printed
        }
        /// Minifying and printing recurse as deep as the module's syntax tree.
        @Sendable func printModuleBody(_ index: Int) -> PrintedModule {
            let module = linked[index]
            switch module.body {
            case .text(let text):
                return PrintedModule(code: Array(text.utf8), sourceMap: nil)
            case .hoisted:
                return PrintedModule(code: [], sourceMap: nil)
            case .program(let linkedProgram):
                var program = linkedProgram
                var parameters: [String]?
                if minify {
                    let minified = JavaScriptMinifier.minifyWrapped(
                        program, options: MinifyOptions(topLevelIsLocal: true, wrapperParameters: module.parameters))
                    program = minified.program
                    parameters = minified.wrapperParameters
                }
                if wantsMap {
                    let source = graph.modules[module.id].source
                    let result = JavaScriptPrinter.printWithSourceMap(
                        program, source: source, sourceName: "module", includesSourceContent: false, options: printerOptions)
                    return PrintedModule(code: Array(result.code.utf8), sourceMap: result.sourceMap, parameters: parameters)
                }
                return PrintedModule(
                    code: Array(JavaScriptPrinter.print(program, options: printerOptions).utf8), sourceMap: nil, parameters: parameters)
            }
        }
        return LargeStackWorkers<Int, PrintedModule>.with(work: printModule) { $0.map(Array(linked.indices)) }
    }
}
