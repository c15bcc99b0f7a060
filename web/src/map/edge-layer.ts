/**
 * The edges and redundancy-group junctions of a large map, drawn on a plain canvas under Cytoscape's. Cytoscape
 * spends a style computation, a bounds computation and a hit test on every element; a 5,000-node map has
 * three times as many edges as nodes, and as Cytoscape elements they took most of the page's time. Here they
 * are a few canvas paths, built once per layout and stroked again whenever the viewport moves. Cytoscape keeps the nodes (selection, labels,
 * marks) and the few labelled edges. Framework-free: MapView feeds it positions and the viewport.
 */
import type { Element } from './graph-model';

/** A point in model coordinates. */
export interface Point {
  x: number;
  y: number;
}

/** How an edge on the layer is drawn. */
type EdgeStyle = 'plain' | 'group' | 'aggregate';

/** What the layer draws: edges between node ids, and junctions (drawn as diamonds with their rule). */
export interface LayerScene {
  edges: { source: string; target: string; style: EdgeStyle }[];
  junctions: { id: string; label: string }[];
  /** Half the width and height of every node an edge may end on, by id: arrows stop at the outline. */
  halfSize: Map<string, readonly [number, number]>;
}

/** The viewport, as Cytoscape has it: rendered = model * zoom + pan. */
export interface View {
  zoom: number;
  pan: Point;
  width: number;
  height: number;
}

const NODE_HALF = [60, 22] as const;
const AGGREGATE_HALF = [45, 45] as const;
const JUNCTION_HALF = 9;
const COLOURS: Record<EdgeStyle, string> = { plain: '#adb5bd', group: '#0ca678', aggregate: '#adb5bd' };
/** Arrowheads stop being drawn below this zoom, where they would be a pixel or two. */
const ARROW_MIN_ZOOM = 0.3;
const ARROW_LENGTH = 8;
const ARROW_HALF_WIDTH = 4;
/** Junction labels are 9 px in the model; like Cytoscape's min-zoomed-font-size, skip them under 7 px. */
const LABEL_MIN_ZOOM = 7 / 9;

const classesOf = (el: Element) => (el.classes ?? '').split(' ');

/** Splits a large map's elements: the nodes and labelled edges for Cytoscape, the rest for the layer. */
export function splitForLayer(elements: readonly Element[]): { cytoscape: Element[]; scene: LayerScene } {
  const cytoscape: Element[] = [];
  const scene: LayerScene = { edges: [], junctions: [], halfSize: new Map() };
  for (const el of elements) {
    if (el.group !== 'nodes') continue;
    const id = String(el.data.id);
    const classes = classesOf(el);
    if (classes.includes('junction')) {
      scene.junctions.push({ id, label: String(el.data.label ?? '') });
      scene.halfSize.set(id, [JUNCTION_HALF, JUNCTION_HALF]);
    } else {
      cytoscape.push(el);
      scene.halfSize.set(id, classes.includes('aggregate') ? AGGREGATE_HALF : NODE_HALF);
    }
  }
  const junctions = new Set(scene.junctions.map((junction) => junction.id));
  for (const el of elements) {
    if (el.group !== 'edges') continue;
    const source = String(el.data.source);
    const target = String(el.data.target);
    if (el.data.label !== undefined && !junctions.has(source) && !junctions.has(target)) {
      cytoscape.push(el);
      continue;
    }
    const classes = classesOf(el);
    const style: EdgeStyle = classes.includes('aggregate')
      ? 'aggregate'
      : classes.includes('to-group') || classes.includes('group-member')
        ? 'group'
        : 'plain';
    scene.edges.push({ source, target, style });
  }
  return { cytoscape, scene };
}

/** Whether two scenes draw the same edges and junctions (so the map needs no new layout). */
export function sameScene(a: LayerScene | undefined, b: LayerScene): boolean {
  if (!a || a.edges.length !== b.edges.length || a.junctions.length !== b.junctions.length) return false;
  for (let i = 0; i < a.edges.length; i++) {
    const x = a.edges[i];
    const y = b.edges[i];
    if (x?.source !== y?.source || x?.target !== y?.target || x?.style !== y?.style) return false;
  }
  return a.junctions.every((junction, i) => junction.id === b.junctions[i]?.id);
}

/** The scene as canvas paths in model coordinates: built once per layout, stroked on every redraw. */
export interface LayerPaths {
  lines: Record<EdgeStyle, Path2D>;
  heads: Record<EdgeStyle, Path2D>;
  diamonds: Path2D;
  labels: { text: string; x: number; y: number }[];
}

const STYLES = ['plain', 'group', 'aggregate'] as const;

/**
 * Builds the paths of the scene at the given positions. No closePath: in Chromium each one costs time in
 * proportion to the path so far (2 s for 18,000 arrowheads); fill closes a subpath anyway, and the diamonds
 * return to their first corner.
 */
export function buildPaths(scene: LayerScene, positions: ReadonlyMap<string, Point>): LayerPaths {
  const lines = { plain: new Path2D(), group: new Path2D(), aggregate: new Path2D() };
  const heads = { plain: new Path2D(), group: new Path2D(), aggregate: new Path2D() };
  for (const edge of scene.edges) {
    const s = positions.get(edge.source);
    const t = positions.get(edge.target);
    if (!s || !t) continue;
    const dx = t.x - s.x;
    const dy = t.y - s.y;
    const [hw, hh] = scene.halfSize.get(edge.target) ?? NODE_HALF;
    // Where the segment meets the target's outline (its bounding box).
    const cut = Math.min(dx === 0 ? Infinity : hw / Math.abs(dx), dy === 0 ? Infinity : hh / Math.abs(dy));
    if (cut >= 1) continue;
    const ex = t.x - dx * cut;
    const ey = t.y - dy * cut;
    lines[edge.style].moveTo(s.x, s.y);
    lines[edge.style].lineTo(ex, ey);
    const length = Math.hypot(dx, dy);
    const ux = dx / length;
    const uy = dy / length;
    const bx = ex - ux * ARROW_LENGTH;
    const by = ey - uy * ARROW_LENGTH;
    const head = heads[edge.style];
    head.moveTo(ex, ey);
    head.lineTo(bx - uy * ARROW_HALF_WIDTH, by + ux * ARROW_HALF_WIDTH);
    head.lineTo(bx + uy * ARROW_HALF_WIDTH, by - ux * ARROW_HALF_WIDTH);
  }
  const diamonds = new Path2D();
  const labels: LayerPaths['labels'] = [];
  for (const junction of scene.junctions) {
    const p = positions.get(junction.id);
    if (!p) continue;
    diamonds.moveTo(p.x, p.y - JUNCTION_HALF);
    diamonds.lineTo(p.x + JUNCTION_HALF, p.y);
    diamonds.lineTo(p.x, p.y + JUNCTION_HALF);
    diamonds.lineTo(p.x - JUNCTION_HALF, p.y);
    diamonds.lineTo(p.x, p.y - JUNCTION_HALF);
    labels.push({ text: junction.label, x: p.x, y: p.y + JUNCTION_HALF + 2 });
  }
  return { lines, heads, diamonds, labels };
}

/** Draws the paths for a viewport onto the canvas (sized to the view first). */
export function drawLayer(canvas: HTMLCanvasElement, paths: LayerPaths, view: View): void {
  if (canvas.width !== view.width || canvas.height !== view.height) {
    canvas.width = view.width;
    canvas.height = view.height;
  }
  const context = canvas.getContext('2d');
  if (!context) return;
  context.setTransform(1, 0, 0, 1, 0, 0);
  context.clearRect(0, 0, canvas.width, canvas.height);
  const { zoom, pan } = view;
  context.setTransform(zoom, 0, 0, zoom, pan.x, pan.y);
  for (const style of STYLES) {
    context.strokeStyle = COLOURS[style];
    context.fillStyle = COLOURS[style];
    // At least half a pixel wide on screen, so the overview still shows where the dependencies run.
    context.lineWidth = Math.max(1, 0.5 / zoom);
    context.setLineDash(style === 'aggregate' ? [3, 3] : []);
    context.stroke(paths.lines[style]);
    if (zoom >= ARROW_MIN_ZOOM) context.fill(paths.heads[style]);
  }
  context.setLineDash([]);
  context.fillStyle = '#c3fae8';
  context.strokeStyle = '#0ca678';
  context.lineWidth = 2;
  context.fill(paths.diamonds);
  context.stroke(paths.diamonds);
  if (zoom < LABEL_MIN_ZOOM) return;
  // The model area on screen, with a margin for the labels' width.
  const x1 = -pan.x / zoom - 60;
  const y1 = -pan.y / zoom - 20;
  const x2 = (view.width - pan.x) / zoom + 60;
  const y2 = (view.height - pan.y) / zoom + 20;
  context.fillStyle = '#087f5b';
  context.font = '9px sans-serif';
  context.textAlign = 'center';
  context.textBaseline = 'top';
  for (const { text, x, y } of paths.labels) {
    if (x >= x1 && x <= x2 && y >= y1 && y <= y2) context.fillText(text, x, y);
  }
}

/** Draws a scene on a canvas under Cytoscape's and follows the viewport. */
export interface LayerPainter {
  /** A new scene, or new positions: rebuilds the paths and redraws. */
  setScene(scene: LayerScene | undefined, positions: ReadonlyMap<string, Point>): void;
  /** The viewport moved: the last drawing follows at once (a CSS transform), redrawn once it rests. */
  viewportMoved(): void;
  destroy(): void;
}

/** How long the viewport rests before the layer is drawn again (ms). */
const SETTLE_MS = 120;

/** A painter for `canvas`; `view` reads the current viewport. */
export function createLayerPainter(canvas: HTMLCanvasElement, view: () => View): LayerPainter {
  let scene: LayerScene | undefined;
  let positions: ReadonlyMap<string, Point> = new Map();
  let paths: LayerPaths | undefined;
  let drawn: View | undefined;
  let frame = 0;
  let settle: ReturnType<typeof setTimeout> | undefined;
  const draw = () => {
    frame = 0;
    canvas.style.transform = '';
    if (!scene) {
      canvas.getContext('2d')?.clearRect(0, 0, canvas.width, canvas.height);
      drawn = undefined;
      return;
    }
    paths ??= buildPaths(scene, positions);
    drawn = view();
    drawLayer(canvas, paths, drawn);
  };
  const redraw = () => {
    if (!frame) frame = requestAnimationFrame(draw);
  };
  canvas.style.transformOrigin = '0 0';
  return {
    setScene(next, at) {
      scene = next;
      positions = at;
      paths = undefined;
      redraw();
    },
    viewportMoved() {
      const now = view();
      if (drawn && now.width === drawn.width && now.height === drawn.height) {
        // rendered = model * zoom + pan, so the old drawing maps onto the new viewport by one scale and shift.
        const scale = now.zoom / drawn.zoom;
        const x = now.pan.x - drawn.pan.x * scale;
        const y = now.pan.y - drawn.pan.y * scale;
        canvas.style.transform = `matrix(${scale}, 0, 0, ${scale}, ${x}, ${y})`;
      }
      clearTimeout(settle);
      settle = setTimeout(() => {
        const rest = view();
        const same =
          drawn?.zoom === rest.zoom &&
          drawn.pan.x === rest.pan.x &&
          drawn.pan.y === rest.pan.y &&
          drawn.width === rest.width &&
          drawn.height === rest.height;
        if (!same) redraw();
      }, SETTLE_MS);
    },
    destroy() {
      cancelAnimationFrame(frame);
      clearTimeout(settle);
      scene = undefined;
      canvas.style.transform = '';
      canvas.getContext('2d')?.clearRect(0, 0, canvas.width, canvas.height);
    },
  };
}

/** The viewport that fits every position (with its node's size) into a `width` x `height` box. */
export function fitView(
  positions: ReadonlyMap<string, Point>,
  halfSize: ReadonlyMap<string, readonly [number, number]>,
  width: number,
  height: number,
  padding: number,
  zoomRange: readonly [number, number],
): { zoom: number; pan: Point } {
  let x1 = Infinity;
  let y1 = Infinity;
  let x2 = -Infinity;
  let y2 = -Infinity;
  for (const [id, p] of positions) {
    const [hw, hh] = halfSize.get(id) ?? NODE_HALF;
    x1 = Math.min(x1, p.x - hw);
    x2 = Math.max(x2, p.x + hw);
    y1 = Math.min(y1, p.y - hh);
    y2 = Math.max(y2, p.y + hh);
  }
  if (x1 > x2) return { zoom: 1, pan: { x: width / 2, y: height / 2 } };
  const fit = Math.min((width - 2 * padding) / (x2 - x1), (height - 2 * padding) / (y2 - y1));
  const zoom = Math.min(zoomRange[1], Math.max(zoomRange[0], fit));
  return { zoom, pan: { x: (width - zoom * (x1 + x2)) / 2, y: (height - zoom * (y1 + y2)) / 2 } };
}
