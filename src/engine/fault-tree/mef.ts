/** Reads Open-PSA MEF XML (the subset the Aralia models use) into a FaultTree; the engine's only XML parsing. */
import { XMLParser } from 'fast-xml-parser';
import { findTop, type FaultTree, type Formula } from './fault-tree.ts';

type Element = Record<string, unknown> & { ':@'?: Record<string, string> };

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', preserveOrder: true });

function tagOf(element: Element): string {
  const tag = Object.keys(element).find((key) => key !== ':@');
  if (tag === undefined) throw new Error('MEF: an element without a tag');
  return tag;
}

function childrenOf(element: Element): Element[] {
  const value = element[tagOf(element)];
  return Array.isArray(value) ? (value as Element[]).filter((c) => tagOf(c) !== '#text') : [];
}

function attribute(element: Element, name: string): string {
  const value = element[':@']?.[name];
  if (value === undefined) throw new Error(`MEF: <${tagOf(element)}> needs a "${name}" attribute`);
  return value;
}

function formulaOf(element: Element, gateNames: Set<string>): Formula {
  const tag = tagOf(element);
  const args = (): Formula[] => childrenOf(element).map((c) => formulaOf(c, gateNames));
  switch (tag) {
    case 'and':
    case 'or':
    case 'not':
    case 'xor':
      return { op: tag, args: args() };
    case 'atleast':
      return { op: 'atleast', min: Number(attribute(element, 'min')), args: args() };
    case 'gate':
      return { op: 'gate', name: attribute(element, 'name') };
    case 'basic-event':
      return { op: 'basic-event', name: attribute(element, 'name') };
    case 'event': {
      const name = attribute(element, 'name');
      return { op: gateNames.has(name) ? 'gate' : 'basic-event', name };
    }
    default:
      throw new Error(`MEF: unsupported formula element <${tag}>`);
  }
}

/** Parses one MEF document holding one fault tree; its top is the gate no other gate references. */
export function readMef(xml: string): FaultTree {
  const root = (parser.parse(xml) as Element[]).find((e) => tagOf(e) === 'opsa-mef');
  if (root === undefined) throw new Error('MEF: no <opsa-mef> root element');
  const tree = childrenOf(root).find((e) => tagOf(e) === 'define-fault-tree');
  if (tree === undefined) throw new Error('MEF: no <define-fault-tree>');
  const name = attribute(tree, 'name');
  const definitions = childrenOf(tree).filter((e) => tagOf(e) === 'define-gate');
  const gateNames = new Set(definitions.map((d) => attribute(d, 'name')));
  const gates = new Map<string, Formula>();
  for (const d of definitions) {
    const body = childrenOf(d).filter((c) => tagOf(c) !== 'label' && tagOf(c) !== 'attributes');
    if (body.length !== 1) throw new Error(`MEF: gate "${attribute(d, 'name')}" needs exactly one formula`);
    gates.set(attribute(d, 'name'), formulaOf(body[0]!, gateNames));
  }
  return { name, gates, top: findTop(name, gates) };
}
