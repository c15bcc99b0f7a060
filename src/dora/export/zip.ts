import { strToU8, zipSync } from 'fflate';
import type { BuiltRegister } from './register.ts';

/** The register package as ZIP bytes: every file under its root folder, UTF-8 without a byte-order mark. */
export function registerZip(register: BuiltRegister): Uint8Array {
  const entries: Record<string, Uint8Array> = {};
  for (const [entryPath, text] of register.files) entries[entryPath] = strToU8(text);
  return zipSync(entries, { level: 6 });
}
