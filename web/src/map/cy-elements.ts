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

/** Nodes added per task by addInSlices. */
const SLICE = 1000;

/** What updateElements did, and the new elements it leaves to the caller to add. */
export interface Difference {
  /** Whether elements were removed or added (with addNow), or nodes moved to another box. */
  changed: boolean;
  added: cytoscape.ElementDefinition[];
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
  const wanted = new Set<string>();
  for (const el of elements) wanted.add(String(el.data.id));
  let changed = false;
  const added: cytoscape.ElementDefinition[] = [];
  instance.batch(() => {
    const stale = instance.elements().filter((ele) => !wanted.has(ele.id()));
    if (stale.nonempty()) {
      stale.remove();
      changed = true;
    }
    const moves: [cytoscape.NodeSingular, string | null][] = [];
    for (const el of elements) {
      const id = String(el.data.id);
      const existing = instance.getElementById(id);
      if (existing.empty()) {
        const position = el.group === 'nodes' ? positions?.get(id) : undefined;
        added.push(position ? { ...el, position: { ...position } } : el);
        continue;
      }
      const classes = el.classes ?? '';
      if (existing.classes().join(' ') !== classes.split(' ').filter(Boolean).join(' ')) {
        existing.classes(classes);
      }
      const data = existing.data() as Record<string, unknown>;
      for (const [key, value] of Object.entries(el.data)) {
        if (!FIXED_DATA.has(key) && data[key] !== value) existing.data(key, value);
      }
      if (el.group !== 'nodes') continue;
      if ((data.parent ?? null) !== (el.data.parent ?? null)) {
        moves.push([existing, el.data.parent === undefined ? null : String(el.data.parent)]);
      }
      const position = moveExisting ? positions?.get(id) : undefined;
      if (position) existing.position(position);
    }
    if (addNow && added.length > 0) {
      instance.add(added);
      changed = true;
    }
    for (const [node, parent] of moves) node.move({ parent });
    if (moves.length > 0) changed = true;
  });
  return { changed, added: addNow ? [] : added };
}

/**
 * Adds elements a slice per task (nodes come before the edges between them, as toElements orders them) and
 * computes each slice's style as it goes, so the page stays responsive while a large map fills in. Calls
 * `done` after the last slice; the returned function cancels what is left.
 */
export function addInSlices(
  instance: cytoscape.Core,
  added: readonly cytoscape.ElementDefinition[],
  done: () => void,
): () => void {
  let next = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const step = () => {
    const slice = added.slice(next, next + SLICE);
    next += slice.length;
    let collection: cytoscape.CollectionReturnValue | undefined;
    instance.batch(() => {
      collection = instance.add(slice);
    });
    // Reading a style property applies the stylesheet to the node now rather than in the next frame.
    collection?.nodes().forEach((node) => void node.style('width'));
    if (next < added.length) timer = setTimeout(step, 0);
    else done();
  };
  if (added.length === 0) done();
  else if (added.length <= SLICE) step();
  else timer = setTimeout(step, 0);
  return () => clearTimeout(timer);
}
