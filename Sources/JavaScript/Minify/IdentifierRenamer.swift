/// Renames bindings that nothing outside the program can observe to the shortest free names.
///
/// How names are chosen (the "slot" scheme): walking scopes from the outside in, each renamable declaration gets
/// a slot number one above every slot used by its enclosing scopes, so the declarations visible from any one
/// place never share a slot, while sibling scopes reuse the same slots. Slots are then ordered by how often their
/// declarations are used and mapped to names from `NameGenerator`, skipping every name that stays as it is
/// (free names such as `require` or `Object`, and declarations that keep their name). A name can therefore never
/// be captured by, or capture, another binding. The cost is linear in the size of the tree.
///
/// Kept as they are: top-level bindings of scripts (globals) unless the caller wraps the program, exported
/// bindings of modules, everything in and around a scope with direct `eval` or `with`, `arguments`, and block
/// functions that sloppy-mode Annex B could also bind in the enclosing function. Function and class `.name`
/// values change with the binding name, as with esbuild and terser.
struct IdentifierRenamer {
    let analysis: ScopeAnalysis
    let topLevelIsLocal: Bool
    let goal: SourceGoal

    /// The new name of every declaration (nil: unchanged), computed once.
    private(set) var newNames: [String?] = []

    init(program: Program, topLevelIsLocal: Bool, wrapperParameters: [String] = []) {
        var analysis = ScopeAnalysis.analyze(program)
        // Wrapper parameters become declarations of the top-level scope (a `var` of the same name there is the
        // same binding, as in a function body), and the free references to them resolve there.
        for name in wrapperParameters where analysis.scopes[0].declarations[name] == nil {
            analysis.scopes[0].declarations[name] = analysis.declarations.count
            analysis.declarations.append(ScopeAnalysis.Declaration(name: name, kind: .parameter, scope: 0, offset: -1, shadows: nil))
        }
        if !wrapperParameters.isEmpty {
            for index in analysis.references.indices where analysis.references[index].declaration == nil {
                analysis.references[index].declaration = analysis.scopes[0].declarations[analysis.references[index].name]
            }
        }
        self.analysis = analysis
        self.topLevelIsLocal = topLevelIsLocal
        self.goal = program.goal
        self.newNames = assignNames(RenameFacts(analysis: analysis, program: program))
    }

    func newWrapperParameterNames(_ parameters: [String]) -> [String] {
        parameters.map { name in analysis.scopes[0].declarations[name].flatMap { newNames[$0] } ?? name }
    }

    /// The program with bindings renamed, or the program unchanged when the walk could not follow the analysis.
    func rename(_ program: Program) -> Program {
        var renamer = self
        return renamer.renameReportingWhetherFollowed(program).program
    }

    /// `followedAnalysis` is false when the walk lost track of the analysis and nothing was renamed (tests check it).
    mutating func renameReportingWhetherFollowed(_ program: Program) -> (program: Program, followedAnalysis: Bool) {
        var writer = RenameWalker(analysis: analysis, newNames: newNames)
        var result = writer.walkProgram(program)
        guard !writer.lostTrack, writer.scopesCreated == analysis.scopes.count - 1 else { return (program, false) }
        if !writer.conflictingNames.isEmpty {
            // Rare: a parameter default reads a name its function body redeclares. Keep every binding of such
            // names as it is, and walk again.
            newNames = assignNames(RenameFacts(analysis: analysis, program: program), keptNames: writer.conflictingNames)
            writer = RenameWalker(analysis: analysis, newNames: newNames)
            result = writer.walkProgram(program)
        }
        return (result, true)
    }

    func assignNames(_ walk: RenameFacts, keptNames: Set<String> = []) -> [String?] {
        let scopes = analysis.scopes
        let declarations = analysis.declarations
        // Scopes whose bindings must keep their names.
        var frozen = [Bool](repeating: false, count: scopes.count)
        for index in scopes.indices where scopes[index].hasDynamicLookup { frozen[index] = true }
        var pending = Array(walk.dynamicSites)
        while let index = pending.popLast() {
            frozen[index] = true
            pending.append(contentsOf: scopes[index].children)
        }
        if goal != .module && !topLevelIsLocal { frozen[0] = true }

        var renamable = [Bool](repeating: true, count: declarations.count)
        for (index, declaration) in declarations.enumerated() {
            if frozen[declaration.scope] || declaration.kind == .arguments || declaration.name == "arguments" || keptNames.contains(declaration.name)
                || walk.keptDeclarations.contains(index)
            {
                renamable[index] = false
            }
            // Annex B: a function declared in a block may also be bound in the enclosing function (sloppy mode).
            // Annex B: a function declared in a block (or labelled) is also a `var` of the enclosing function or
            // of the global object in sloppy mode, so it follows that scope and must not meet another binding.
            if declaration.kind == .function, !ScopeAnalysis.isHoistingScope(scopes[declaration.scope].kind) {
                var hoisting = declaration.scope
                while !ScopeAnalysis.isHoistingScope(scopes[hoisting].kind), let parent = scopes[hoisting].parent { hoisting = parent }
                if frozen[hoisting] || declaration.shadows != nil || walk.freeNames.contains(declaration.name) { renamable[index] = false }
            }
        }
        // A class declaration's inner name and its outer binding are printed as one name.
        for (inner, outer) in walk.aliases where !renamable[inner] || !renamable[outer] {
            renamable[inner] = false
            renamable[outer] = false
        }
        var aliasTarget: [Int: Int] = [:]
        for (inner, outer) in walk.aliases { aliasTarget[inner] = outer }

        // Slots, scope by scope; scopes are numbered in walk order, so a parent comes before its children.
        var slotOfDeclaration = [Int](repeating: -1, count: declarations.count)
        var nextSlot = [Int](repeating: 0, count: scopes.count)
        var slotUses: [Int] = []
        for scopeIndex in scopes.indices {
            var next = scopes[scopeIndex].parent.map { nextSlot[$0] } ?? 0
            let own = scopes[scopeIndex].declarations.values
                .filter { renamable[$0] && aliasTarget[$0] == nil }
                .sorted { (walk.uses[$0], $1) > (walk.uses[$1], $0) }
            for declaration in own {
                slotOfDeclaration[declaration] = next
                if next == slotUses.count { slotUses.append(0) }
                slotUses[next] += walk.uses[declaration]
                next += 1
            }
            nextSlot[scopeIndex] = next
        }
        for (inner, outer) in walk.aliases where renamable[inner] {
            slotUses[slotOfDeclaration[outer]] += walk.uses[inner]
        }

        var kept = walk.freeNames.union(keptNames)
        for index in declarations.indices where !renamable[index] { kept.insert(declarations[index].name) }
        let slotOrder = slotUses.indices.sorted { (slotUses[$0], $1) > (slotUses[$1], $0) }
        let names = NameGenerator.names(count: slotOrder.count, avoiding: kept)
        var nameOfSlot = [String](repeating: "", count: slotUses.count)
        for (rank, slot) in slotOrder.enumerated() { nameOfSlot[slot] = names[rank] }

        var newNames = [String?](repeating: nil, count: declarations.count)
        // A function or class expression whose own name nothing uses loses it (its `.name` becomes "" or the
        // inferred name, as with esbuild and terser).
        for index in walk.droppableExpressionNames where renamable[index] && walk.uses[index] <= 1 {
            newNames[index] = ""
        }
        for index in declarations.indices where renamable[index] {
            let slot = slotOfDeclaration[aliasTarget[index] ?? index]
            if newNames[index] == nil, slot >= 0, nameOfSlot[slot] != declarations[index].name { newNames[index] = nameOfSlot[slot] }
        }
        return newNames
    }
}

extension ScopeAnalysis {
    static func isHoistingScope(_ kind: ScopeKind) -> Bool {
        switch kind {
        case .global, .module, .function, .arrow, .staticBlock: true
        default: false
        }
    }
}
