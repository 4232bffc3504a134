/**
 * Emits the declarations users' compilers read (dist/types) without a trace of zod.
 *
 * The specs are validated by zod schemas, and tsc would declare those schemas, and the spec types
 * inferred from them (`type MlopsVpcSpec = z.output<typeof mlopsVpcSchema>`), in terms of zod's
 * own types. A user's compiler then reads zod's declarations, and with the settings of Pulumi's
 * TypeScript templates (no `esModuleInterop`, no `skipLibCheck`) zod's locale declarations fail to
 * type-check (TS1259). The schemas are implementation, so they are left out of the declarations:
 * a type alias written in zod's terms is declared as the type it stands for (expanded by the
 * checker), and every other declaration in zod's terms (schemas, `parseSpec`) is dropped, with the
 * zod import. A declaration still naming a dropped one fails the build.
 */
const fs = require("node:fs");
const path = require("node:path");

const ZOD = /^zod(\/|$)/;

/** Emits the declarations of a tsconfig project; returns the files written. */
function emitDeclarations(tsconfig) {
  const ts = require(require.resolve("typescript", { paths: [path.dirname(tsconfig)] }));
  const config = ts.getParsedCommandLineOfConfigFile(tsconfig, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: fail(ts) });
  if (!config) throw new Error(`${tsconfig}: cannot read`);
  const options = { ...config.options, incremental: false, tsBuildInfoFile: undefined };
  const program = ts.createProgram({ rootNames: config.fileNames, options, projectReferences: config.projectReferences });
  const checker = program.getTypeChecker();
  const diagnostics = ts.getPreEmitDiagnostics(program);
  if (diagnostics.length > 0) fail(ts)(diagnostics[0]);
  const written = [];
  const dropped = new Map(); // file -> names dropped from it
  const result = program.emit(
    undefined,
    (file, text) => {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, text);
      written.push(file);
    },
    undefined,
    true,
    { afterDeclarations: [withoutZod(ts, checker, program, dropped)] },
  );
  if (result.diagnostics.length > 0) fail(ts)(result.diagnostics[0]);
  checkNothingNamesDropped(written, dropped);
  return written;
}

/** The declaration transformer: zod's import, schemas and zod-typed declarations out; aliases expanded. */
function withoutZod(ts, checker, program, dropped) {
  return (context) => (node) => {
    if (!ts.isSourceFile(node)) return node;
    const zodNames = new Set();
    for (const s of node.statements) {
      if (ts.isImportDeclaration(s) && ZOD.test(s.moduleSpecifier.text)) {
        const bindings = s.importClause?.namedBindings;
        if (bindings && ts.isNamespaceImport(bindings)) zodNames.add(bindings.name.text);
        else if (bindings) for (const e of bindings.elements) zodNames.add(e.name.text);
      }
    }
    if (zodNames.size === 0) return node;
    const source = program.getSourceFile(node.fileName);
    const names = new Set();
    const statements = [];
    for (const s of node.statements) {
      if (ts.isImportDeclaration(s) && ZOD.test(s.moduleSpecifier.text)) continue;
      if (!mentions(ts, s, zodNames)) {
        statements.push(s);
        continue;
      }
      if (ts.isTypeAliasDeclaration(s) && source && !s.typeParameters) {
        const original = source.statements.find((o) => ts.isTypeAliasDeclaration(o) && o.name.text === s.name.text);
        if (original) {
          const flags =
            ts.NodeBuilderFlags.NoTruncation |
            ts.NodeBuilderFlags.InTypeAlias |
            ts.NodeBuilderFlags.MultilineObjectLiterals |
            ts.NodeBuilderFlags.IgnoreErrors;
          const type = checker.getTypeAtLocation(original.name);
          const expanded = checker.typeToTypeNode(type, original, flags);
          if (expanded && !mentions(ts, expanded, zodNames)) {
            statements.push(context.factory.updateTypeAliasDeclaration(s, s.modifiers, s.name, s.typeParameters, expanded));
            continue;
          }
        }
      }
      for (const n of declaredNames(ts, s)) names.add(n);
    }
    dropped.set(node.fileName, names);
    return context.factory.updateSourceFile(node, statements);
  };
}

function mentions(ts, node, names) {
  let found = false;
  const visit = (n) => {
    if (found) return;
    if (ts.isIdentifier(n) && names.has(n.text)) found = true;
    else ts.forEachChild(n, visit);
  };
  visit(node);
  return found;
}

function declaredNames(ts, s) {
  if (ts.isVariableStatement(s)) return s.declarationList.declarations.flatMap((d) => (ts.isIdentifier(d.name) ? [d.name.text] : []));
  return s.name?.text ? [s.name.text] : [];
}

/** A declaration left behind that names a dropped one would break the user's compiler: stop here instead. */
function checkNothingNamesDropped(files, dropped) {
  const all = [...dropped.values()].flatMap((s) => [...s]);
  if (all.length === 0) return;
  const pattern = new RegExp(`\\b(${all.join("|")})\\b`);
  for (const file of files) {
    if (!file.endsWith(".d.ts")) continue;
    const text = fs
      .readFileSync(file, "utf8")
      .replace(/\/\*[\s\S]*?\*\//g, "")
      .replace(/\/\/.*$/gm, "");
    const m = pattern.exec(text);
    if (m) {
      throw new Error(
        `declarations: ${file} names ${m[1]}, which is declared in zod's terms and left out of the declarations users read (scripts/declarations.js); declare it as a plain TypeScript type`,
      );
    }
  }
}

function fail(ts) {
  return (d) => {
    throw new Error(
      `declarations: ${ts.formatDiagnostic(d, { getCanonicalFileName: (f) => f, getCurrentDirectory: () => process.cwd(), getNewLine: () => "\n" })}`,
    );
  };
}

module.exports = { emitDeclarations };
