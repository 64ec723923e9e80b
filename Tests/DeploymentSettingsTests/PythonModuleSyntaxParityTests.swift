import DeploymentSettings
import FileSystemSupport
import Testing

/// CPython's own `ast` reads the same modules (edx-proctoring from PyPI, with its backends and their base
/// classes, and the top-level modules of the standard library) and must find the same top-level classes,
/// dotted bases, str-literal class attributes and module-level imports as `PythonModuleSyntax`.
@Suite struct PythonModuleSyntaxParityTests {
    static let script = #"""
        import ast, pathlib, sys, sysconfig, edx_proctoring
        def dotted(node):
            if isinstance(node, ast.Name): return node.id
            if isinstance(node, ast.Attribute):
                base = dotted(node.value)
                return base and base + '.' + node.attr
            return None
        def text(node):
            if isinstance(node, ast.Constant) and type(node.value) is str: return node.value
            if isinstance(node, ast.JoinedStr) and all(isinstance(v, ast.Constant) for v in node.values):
                return ''.join(v.value for v in node.values)
            return None
        def esc(s): return s.replace('\\', '\\\\').replace('\n', '\\n').replace('\r', '\\r')
        def blocks(node):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)): return []
            out = []
            for field in ('body', 'orelse', 'finalbody'):
                out += getattr(node, field, None) or []
            for handler in getattr(node, 'handlers', None) or []: out += handler.body
            for case in getattr(node, 'cases', None) or []: out += case.body
            return out
        def imports(statements):
            for node in statements:
                if isinstance(node, ast.Import):
                    for a in node.names: print('I 0 %s - %s %d' % (a.name, a.asname or '-', node.lineno))
                elif isinstance(node, ast.ImportFrom):
                    for a in node.names:
                        if a.name != '*': print('I %d %s %s %s %d' % (node.level, node.module or '', a.name, a.asname or '-', node.lineno))
                else:
                    imports(blocks(node))
        roots = [pathlib.Path(edx_proctoring.__file__).parent.rglob('*.py'), pathlib.Path(sysconfig.get_paths()['stdlib']).glob('*.py')]
        for path in sorted(p for root in roots for p in root):
            try:
                source = path.read_bytes().decode('utf-8')
                tree = ast.parse(source)
            except Exception:
                continue
            if not source.isascii(): continue  # ast columns are UTF-8 bytes, the reader's are scalars
            print('F %s' % path)
            for node in tree.body:
                if not isinstance(node, ast.ClassDef): continue
                print('C %s %d:%d %s' % (node.name, node.lineno, node.col_offset + 1, ','.join(filter(None, map(dotted, node.bases)))))
                for item in node.body:
                    pairs = []
                    if isinstance(item, ast.Assign): pairs = [(t, item.value) for t in item.targets]
                    if isinstance(item, ast.AnnAssign) and item.value is not None: pairs = [(item.target, item.value)]
                    for target, value in pairs:
                        if isinstance(target, ast.Name) and text(value) is not None:
                            print('A %s %d:%d %s' % (target.id, target.lineno, target.col_offset + 1, esc(text(value))))
            imports(tree.body)
        """#

    static func lines(of syntax: PythonModuleSyntax) -> [String] {
        func escape(_ text: String) -> String {
            text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\n", with: "\\n")
                .replacingOccurrences(of: "\r", with: "\\r")
        }
        var lines: [String] = []
        for definition in syntax.classes {
            lines.append("C \(definition.name) \(definition.line):\(definition.column) \(definition.bases.joined(separator: ","))")
            for attribute in definition.attributes where !attribute.isConditional {
                guard case .string(let value) = attribute.value else { continue }
                lines.append("A \(attribute.name) \(attribute.line):\(attribute.column) \(escape(value))")
            }
        }
        for binding in syntax.imports {
            lines.append("I \(binding.level) \(binding.module) \(binding.importedName ?? "-") \(binding.alias ?? "-") \(binding.line)")
        }
        return lines
    }

    @Test func agreesWithCPythonsAST() throws {
        let output = try PythonParityTests.run(try PythonParityTests.python(), Self.script, in: "/", environment: [:])
        var expected: [String: [String]] = [:]
        var order: [String] = []
        var current = ""
        for line in output.split(separator: "\n", omittingEmptySubsequences: false) where !line.isEmpty {
            if line.hasPrefix("F ") {
                current = String(line.dropFirst(2))
                order.append(current)
                expected[current] = []
            } else {
                expected[current, default: []].append(String(line))
            }
        }
        #expect(order.contains { $0.hasSuffix("edx_proctoring/backends/rest.py") })
        #expect(order.count > 100)
        var classes = 0
        for file in order {
            let syntax = try PythonModuleSyntax.parse(try DiskFileSystem().readUTF8File(file))
            // Python lists a class's attributes right after it and the imports last, as `lines(of:)` does.
            #expect(Self.lines(of: syntax) == expected[file] ?? [], "\(file)")
            classes += syntax.classes.count
        }
        #expect(classes > 300)
    }
}
