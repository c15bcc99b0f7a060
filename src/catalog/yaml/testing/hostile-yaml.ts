/**
 * Small YAML bodies that once blocked the server (aliases that expand far beyond the text, and many aliases that
 * were each located from the start of the document), generated for tests. Each is valid YAML.
 */

/** `count` Component documents `c0001`, `c0002`...: the ids the hostile services depend on. */
function components(count: number): string[] {
  return Array.from({ length: count }, (_, i) => {
    const id = `c${String(i + 1).padStart(4, '0')}`;
    return `---\n{apiVersion: lifeboat/v1, kind: Component, metadata: {id: ${id}}, spec: {type: server}}`;
  });
}

/**
 * A valid catalog of about 90 KB whose one Service names a list of `width` ids once (`anyOf: &s [...]`) and
 * then `width - 1` more times by alias: `width` squared references once expanded (a million for 1000).
 * `jsonKeys` writes the aliases after JSON-style keys (`{"anyOf":*s}`), which once slipped past the check
 * that sends aliases to the careful parser.
 */
export function aliasAmplifiedCatalog(options: { width?: number; jsonKeys?: boolean } = {}): string {
  const width = options.width ?? 1000;
  const ids = Array.from({ length: width }, (_, i) => `c${String(i + 1).padStart(4, '0')}`);
  const service = [
    '---',
    'apiVersion: lifeboat/v1',
    'kind: Service',
    'metadata: {id: svc-amplified}',
    'spec:',
    '  type: it',
    '  tier: 1',
    '  rto: 4h',
    '  mtpd: 1d',
    '  dependsOn:',
    `    - anyOf: &s [${ids.join(', ')}]`,
    ...Array.from({ length: width - 1 }, () => (options.jsonKeys ? '    - {"anyOf":*s}' : '    - anyOf: *s')),
  ];
  return `${[...components(width), ...service].join('\n')}\n`;
}

/** About `bytes` of `- *a` lines after one anchor: many small aliases, each cheap, in one document. */
export function manyAliases(bytes = 140_000): string {
  const count = Math.ceil(bytes / 5);
  return `a: &a x\nlist:\n${'- *a\n'.repeat(count)}`;
}
