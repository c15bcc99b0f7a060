// What `lifeboat serve` loads: the modules its static imports reach must come from `dependencies` (what a
// deployment installs with `npm ci --omit=dev`), never from the build tools, and not the fault-tree XML parser.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

/**
 * The specifiers a module imports when it loads: `import ... from`, `import '...'` and `export ... from`, but not
 * `import type` (erased) nor `import()` (loaded only when that code runs).
 */
function staticImports(source: string): string[] {
  const found: string[] = [];
  const statement = /^\s*(import|export)\s+(type\s+)?([^'";]*?\s+from\s+)?['"]([^'"]+)['"]/gm;
  for (const match of source.matchAll(statement)) {
    if (match[2] || match[4] === undefined) continue;
    if (match[1] === 'export' && match[3] === undefined) continue;
    found.push(match[4]);
  }
  return found;
}

/** The package a bare specifier names: `@scope/name` or `name`. */
function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

/** Every source file and package reached from `entries` through static imports. */
function loadPath(entries: string[]): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    for (const specifier of staticImports(readFileSync(file, 'utf8'))) {
      if (specifier.startsWith('.')) visit(resolve(dirname(file), specifier));
      else if (!specifier.startsWith('node:') && !builtinModules.includes(specifier))
        packages.add(packageOf(specifier));
    }
  };
  entries.forEach(visit);
  return { files, packages };
}

// `lifeboat serve` (main.ts loads serve.command.ts when the command runs) and the heavy-work threads it starts.
const SERVICES = join(ROOT, 'src/server/services');
const entries = [
  join(ROOT, 'src/cli/main.ts'),
  join(ROOT, 'src/cli/serve.command.ts'),
  ...(existsSync(SERVICES)
    ? readdirSync(SERVICES)
        .filter((name) => name.endsWith('.worker.ts'))
        .map((name) => join(SERVICES, name))
    : []),
];

describe('what lifeboat serve loads', () => {
  const { files, packages } = loadPath(entries);

  it('reads the import statements it follows, and skips type-only and dynamic imports', () => {
    expect(
      staticImports(
        "import a from 'a';\nimport type { B } from 'b';\nimport {\n  c,\n  type C,\n} from './c.ts';\nimport 'd';\nexport { e } from 'e';\nexport const f = await import('f');\n",
      ),
    ).toEqual(['a', './c.ts', 'd', 'e']);
    expect(files.size).toBeGreaterThan(20);
    expect(packages).toContain('fastify');
  });

  it('needs only packages listed in dependencies, so a deployment runs without its development dependencies', () => {
    const missing = [...packages].filter((name) => !(name in manifest.dependencies));
    expect(missing).toEqual([]);
  });

  it('loads neither a build tool nor the fault-tree XML parser at start', () => {
    for (const name of ['vite', 'tsx', 'typescript', '@vitejs/plugin-react', 'fast-xml-parser']) {
      expect(packages).not.toContain(name);
    }
    expect([...files].filter((file) => file.includes('/engine/fault-tree/'))).toEqual([]);
    for (const name of ['vite', 'tsx', '@vitejs/plugin-react'])
      expect(manifest.devDependencies).toHaveProperty(name);
  });
});
