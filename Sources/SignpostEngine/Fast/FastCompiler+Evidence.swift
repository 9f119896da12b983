import SignpostCEL
import SignpostRules

extension FastCompiler {
  /// An indicator's evidence expressions, each compiled as a program of its own: the program,
  /// and its value as a CEL value, read after the program has run.
  mutating func compileEvidence(_ indicator: CompiledIndicator) -> [(program: Int, value: ValueFn)]
  {
    indicator.evidence.map { evidence in
      code = []
      let node = compile(evidence.program.expression.root, in: evidence.program)
      let value = lift(node)
      return (finish(code), value)
    }
  }
}
