/**
 * Keeping a Cytoscape instance in step with the map's elements by difference: a change of marks restyles the
 * nodes it concerns instead of re-adding thousands of elements, and a large map's nodes arrive in slices so
 * no single task computes the style of 5,000 nodes.
 */
import type cytoscape from 'cytoscape';
import type { Point } from './edge-layer';
import type { Element } from './graph-model';

/** Fields Cytoscape fixes when an element is created. */
const FIXED_DATA = new Set(['id', 'source', 'target', 'parent']);

/** addInSlices aims at tasks of about this long (ms), starting with FIRST_SLICE elements. */
const SLICE_MS = 200;
const FIRST_SLICE = 300;

/** What updateElements did, and the new elements it leaves to the caller to add. */
export interface Difference {
  /** Whether elements were removed or added (with addNow), or nodes moved to another box. */
  changed: boolean;
  added: cytoscape.ElementDefinition[];
}

/** The classes and data last given to each element of an instance, to skip the ones that did not change. */
const applied = new WeakMap<cytoscape.Core, Map<string, Pick<Element, 'data' | 'classes'>>>();

function appliedTo(instance: cytoscape.Core): Map<string, Pick<Element, 'data' | 'classes'>> {
  let map = applied.get(instance);
  if (!map) {
    map = new Map();
    applied.set(instance, map);
  }
  return map;
}

/** Whether two definitions have the same classes and data. */
function sameDefinition(a: Pick<Element, 'data' | 'classes'>, b: Pick<Element, 'data' | 'classes'>): boolean {
  if ((a.classes ?? '') !== (b.classes ?? '')) return false;
  let keys = 0;
  for (const key in b.data) {
    if (a.data[key] !== b.data[key]) return false;
    keys++;
  }
  return Object.keys(a.data).length === keys;
}

/**
 * Removes the instance's elements that are not in `elements`, updates the classes and data of those that stay
 * (and moves their nodes, on a new layout), and returns the new ones placed at `positions` (or adds them).
 */
export function updateElements(
  instance: cytoscape.Core,
  elements: readonly Element[],
  options: {
    /** Where new nodes go; existing ones too with `moveExisting` (a new layout). */
    positions?: ReadonlyMap<string, Point> | undefined;
    moveExisting?: boolean;
    /** Add the new elements now (before moving nodes into boxes that may be new) and return none. */
    addNow?: boolean;
  } = {},
): Difference {
  const { positions, moveExisting = false, addNow = false } = options;
  const known = appliedTo(instance);
  const wanted = new Set<string>();
  for (const el of elements) wanted.add(String(el.data.id));
  let changed = false;
  const added: cytoscape.ElementDefinition[] = [];
  instance.batch(() => {
    const stale = instance.elements().filter((ele) => !wanted.has(ele.id()));
    if (stale.nonempty()) {
      stale.forEach((ele) => void known.delete(ele.id()));
      stale.remove();
      changed = true;
    }
    const moves: [cytoscape.NodeSingular, string | null][] = [];
    for (const el of elements) {
      const id = String(el.data.id);
      const before = known.get(id);
      const position = el.group === 'nodes' ? positions?.get(id) : undefined;
      // Unchanged since it was last applied: nothing to tell Cytoscape (a change of marks touches a few nodes).
      if (before && sameDefinition(before, el) && !(moveExisting && position)) continue;
      const existing = instance.getElementById(id);
      if (existing.empty()) {
        added.push(position ? { ...el, position: { ...position } } : el);
        continue;
      }
      known.set(id, el);
      if ((before?.classes ?? existing.classes().join(' ')) !== (el.classes ?? ''))
        existing.classes(el.classes ?? '');
      const data = existing.data() as Record<string, unknown>;
      for (const [key, value] of Object.entries(el.data)) {
        if (!FIXED_DATA.has(key) && data[key] !== value) existing.data(key, value);
      }
      if (el.group !== 'nodes') continue;
      if ((data.parent ?? null) !== (el.data.parent ?? null)) {
        moves.push([existing, el.data.parent === undefined ? null : String(el.data.parent)]);
      }
      if (moveExisting && position) existing.position(position);
    }
    if (addNow && added.length > 0) {
      instance.add(added);
      for (const el of added) known.set(String(el.data.id), el as Element);
      changed = true;
    }
    for (const [node, parent] of moves) node.move({ parent });
    if (moves.length > 0) changed = true;
  });
  return { changed, added: addNow ? [] : added };
}

/**
 * Adds elements a slice per task (nodes come before the edges between them, as toElements orders them) and
 * computes each slice's style as it goes, slices sized to take about SLICE_MS, so the page stays responsive
 * while a large map fills in. Calls
 * `done` after the last slice; the returned function cancels what is left.
 */
export function addInSlices(
  instance: cytoscape.Core,
  added: readonly cytoscape.ElementDefinition[],
  done: () => void,
): () => void {
  let next = 0;
  let size = FIRST_SLICE;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const step = () => {
    const started = performance.now();
    const slice = added.slice(next, next + size);
    next += slice.length;
    let collection: cytoscape.CollectionReturnValue | undefined;
    instance.batch(() => {
      collection = instance.add(slice);
    });
    const known = appliedTo(instance);
    for (const el of slice) known.set(String(el.data.id), el as Element);
    // Reading a style property applies the stylesheet to the node now rather than in the next frame.
    collection?.nodes().forEach((node) => void node.style('width'));
    // The next slice as large as fits in SLICE_MS at this pace (the machine may be busy or idle).
    const elapsed = Math.max(1, performance.now() - started);
    size = Math.max(100, Math.min(4 * size, Math.round((size * SLICE_MS) / elapsed)));
    if (next < added.length) timer = setTimeout(step, 0);
    else done();
  };
  if (added.length === 0) done();
  else if (added.length <= size) step();
  else timer = setTimeout(step, 0);
  return () => clearTimeout(timer);
}
