/**
 * `npx tsx bench/web-map.ts [--runs=5] [--json]` (or `npm run bench:web`): time to an interactive dependency map
 * of 5,000 nodes in headless Chromium, and the first-load bundle size. Generates a seeded catalog whose
 * neighbourhood around one business service holds exactly 5,000 nodes (the most the map draws one by one),
 * imports it with the real `lifeboat import` into a fresh SQLite file, starts the real server, signs in through
 * the login page and opens `/map?around=...` with an empty HTTP cache, then once more from the cache. Writes its
 * block of docs/benchmarks.md (between `<!-- web-map:start -->` and `<!-- web-map:end -->`) and prints it.
 * `--profile=<file>` records a CPU profile of the first cold run (Chrome DevTools' .cpuprofile format);
 * `--screenshot=<file>` saves the page of the first run once a node is selected; `--no-write` leaves
 * docs/benchmarks.md alone.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import type { CDPSession, Page } from 'playwright-core';
import { ensureWebBuild, WEB_DIST } from '../src/cli/web-build.ts';
import type { CatalogDocument } from '../src/catalog/kinds.ts';
import { stringifyDocument } from '../src/catalog/yaml/write.ts';
import { LIFEBOAT_BIN, startServer } from '../test/support/server-process.ts';
import type { ServerProcess } from '../test/support/server-process.ts';
import { launchBrowser } from '../test/e2e/support/browser.ts';
import type { Browser } from '../test/e2e/support/browser.ts';
import { fillLogin } from '../test/e2e/support/pages.ts';
import { userOf } from '../test/e2e/support/app.ts';
import { mulberry32 } from './generate.ts';

const repoRoot = path.resolve(import.meta.dirname, '..');
const BENCHMARKS_PAGE = path.join(repoRoot, 'docs/benchmarks.md');
const START = '<!-- web-map:start -->';
const END = '<!-- web-map:end -->';
/** The map draws this many nodes one by one and aggregates beyond (web/src/map/graph-model.ts VISIBLE_LIMIT). */
const VISIBLE_NODES = 5000;
/** The business service the map is opened around. */
const FOCUS = 'svc-biz-000';

const log = (line: string): void => void process.stderr.write(`${line}\n`);

// ---------------------------------------------------------------------------------------------------------------
// The catalog

/**
 * An island of exactly `size` failure nodes connected only to itself (business services, IT services,
 * applications, databases, VMs, hosts, storage, network, sites, with anyOf and atLeast groups), plus `rest`
 * components on other sites that the map around FOCUS never reaches.
 */
export function generateMapCatalog(size = VISIBLE_NODES, rest = 5000, seed = 11): CatalogDocument[] {
  const random = mulberry32(seed);
  const int = (lo: number, hi: number): number => lo + Math.floor(random() * (hi - lo + 1));
  const pick = <T>(list: readonly T[]): T => list[int(0, list.length - 1)]!;
  const distinct = <T>(list: readonly T[], n: number): T[] => {
    const chosen = new Set<T>();
    while (chosen.size < Math.min(n, list.length)) chosen.add(pick(list));
    return [...chosen];
  };
  const pad = (i: number) => String(i).padStart(3, '0');
  const documents: CatalogDocument[] = [];
  const component = (
    id: string,
    type: 'network' | 'storage' | 'server' | 'vm' | 'database' | 'application',
    site: string,
    dependsOn: (string | { anyOf: string[] } | { atLeast: number; of: string[] })[],
  ) =>
    documents.push({
      apiVersion: 'lifeboat/v1',
      kind: 'Component',
      metadata: { id, name: id },
      spec: {
        type,
        site,
        ...(dependsOn.length > 0 && { dependsOn }),
        recovery: `${int(1, 12)}h`,
      },
    });

  const siteCount = 6;
  const business = 50;
  const itServices = 150;
  const networks = 24;
  const storages = 30;
  const hosts = 600;
  const databases = 240;
  const applications = 1500;
  const vms =
    size - siteCount - business - itServices - networks - storages - hosts - databases - applications;
  if (vms < 100) throw new Error(`an island of ${size} nodes is too small for this shape (at least 4,700)`);

  const sites = Array.from({ length: siteCount }, (_, i) => `site-${pad(i)}`);
  sites.forEach((id, i) =>
    documents.push({
      apiVersion: 'lifeboat/v1',
      kind: 'Site',
      metadata: { id, name: `Site ${i}` },
      spec: { type: i < 4 ? 'data-centre' : 'cloud-region', location: `Region ${i % 3}`, recovery: '2d' },
    }),
  );
  const bySite = <T>(ids: T[], siteOf: (i: number) => number) =>
    sites.map((_, s) => ids.filter((_id, i) => siteOf(i) === s));
  const netIds = Array.from({ length: networks }, (_, i) => `net-${pad(i)}`);
  netIds.forEach((id, i) => component(id, 'network', sites[i % siteCount]!, []));
  const storageIds = Array.from({ length: storages }, (_, i) => `storage-${pad(i)}`);
  storageIds.forEach((id, i) => component(id, 'storage', sites[i % siteCount]!, []));
  const netsAt = bySite(netIds, (i) => i % siteCount);
  const storageAt = bySite(storageIds, (i) => i % siteCount);
  const hostIds = Array.from({ length: hosts }, (_, i) => `host-${String(i).padStart(4, '0')}`);
  hostIds.forEach((id, i) => {
    const s = i % siteCount;
    component(id, 'server', sites[s]!, [pick(netsAt[s]!), { anyOf: distinct(storageAt[s]!, 2) }]);
  });
  const vmIds = Array.from({ length: vms }, (_, i) => `vm-${String(i).padStart(4, '0')}`);
  vmIds.forEach((id) => {
    const host = int(0, hosts - 1);
    component(id, 'vm', sites[host % siteCount]!, [hostIds[host]!]);
  });
  const dbIds = Array.from({ length: databases }, (_, i) => `db-${pad(i)}`);
  dbIds.forEach((id) => component(id, 'database', pick(sites), [{ atLeast: 2, of: distinct(vmIds, 3) }]));
  const appIds = Array.from({ length: applications }, (_, i) => `app-${String(i).padStart(4, '0')}`);
  appIds.forEach((id, i) => {
    const dependsOn: (string | { anyOf: string[] } | { atLeast: number; of: string[] })[] = [];
    // The first application runs on one VM and one database: the chain under svc-it-000, the focus's SPOFs.
    if (i === 0) dependsOn.push(vmIds[0]!, dbIds[0]!);
    else {
      dependsOn.push(random() < 0.3 ? pick(vmIds) : { atLeast: 2, of: distinct(vmIds, 3) });
      const r = random();
      if (r < 0.4) dependsOn.push(pick(dbIds));
      else if (r < 0.7) dependsOn.push({ anyOf: distinct(dbIds, 2) });
    }
    component(id, 'application', pick(sites), dependsOn);
  });
  const itIds = Array.from({ length: itServices }, (_, i) => `svc-it-${pad(i)}`);
  itIds.forEach((id, i) =>
    documents.push({
      apiVersion: 'lifeboat/v1',
      kind: 'Service',
      metadata: { id, name: `IT service ${i}` },
      spec: {
        type: 'it',
        tier: (i % 4) + 1,
        rto: `${int(1, 8)}h`,
        dependsOn: i === 0 ? [appIds[0]!] : [{ anyOf: distinct(appIds.slice(1), 2) }, pick(appIds.slice(1))],
      },
    }),
  );
  for (let i = 0; i < business; i++) {
    const required = i === 0 ? [itIds[0]!] : [];
    documents.push({
      apiVersion: 'lifeboat/v1',
      kind: 'Service',
      metadata: { id: `svc-biz-${pad(i)}`, name: i === 0 ? 'Online banking' : `Business service ${i}` },
      spec: {
        type: 'business',
        tier: (i % 3) + 1,
        rto: `${int(1, 24)}h`,
        mtpd: `${int(1, 5)}d`,
        dependsOn: [
          ...new Set([...required, ...distinct(itIds.slice(1), int(2, 5))]),
          { anyOf: distinct(itIds.slice(1), 2) },
        ],
      },
    });
  }

  // The rest of the estate, on its own sites: in the database, never on this map.
  const otherSites = Array.from({ length: 4 }, (_, i) => `other-site-${i}`);
  otherSites.forEach((id, i) =>
    documents.push({
      apiVersion: 'lifeboat/v1',
      kind: 'Site',
      metadata: { id, name: `Other site ${i}` },
      spec: {},
    }),
  );
  for (let i = 0; i < rest; i++) {
    component(
      `other-${String(i).padStart(5, '0')}`,
      i % 2 === 0 ? 'server' : 'vm',
      otherSites[i % otherSites.length]!,
      i > 0 ? [`other-${String(int(Math.max(0, i - 500), i - 1)).padStart(5, '0')}`] : [],
    );
  }
  return documents;
}

// ---------------------------------------------------------------------------------------------------------------
// The bundle

/** One file of web/dist/assets. */
export interface AssetSize {
  file: string;
  bytes: number;
  gzip: number;
}

/** What index.html loads before any lazy chunk, and the map page's lazy chunks. */
export interface BundleSizes {
  firstLoad: AssetSize[];
  map: AssetSize[];
}

function assetSize(file: string): AssetSize {
  const bytes = readFileSync(path.join(WEB_DIST, file));
  return { file, bytes: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
}

/** The files a chunk imports statically (`import "./x.js"`, `from "./x.js"`): they load before it runs. */
function staticImports(file: string): string[] {
  const text = readFileSync(path.join(WEB_DIST, file), 'utf8');
  const found = new Set<string>();
  for (const match of text.matchAll(/(?:\bfrom|\bimport)\s*["']\.\/([^"']+\.js)["']/g))
    found.add(path.posix.join(path.posix.dirname(file), match[1]!));
  return [...found];
}

function closure(roots: readonly string[]): string[] {
  const seen = new Set<string>();
  const queue = [...roots];
  for (let i = 0; i < queue.length; i++) {
    const file = queue[i]!;
    if (seen.has(file)) continue;
    seen.add(file);
    if (file.endsWith('.js')) queue.push(...staticImports(file));
  }
  return [...seen];
}

/** Measures web/dist: index.html's scripts, module preloads and stylesheets with their static imports; the map. */
export function measureBundle(): BundleSizes {
  const html = readFileSync(path.join(WEB_DIST, 'index.html'), 'utf8');
  const referenced = [...html.matchAll(/<(?:script|link)\b[^>]*?(?:src|href)="\/([^"]+\.(?:js|css))"/g)].map(
    (match) => match[1]!,
  );
  const firstLoad = closure(referenced);
  const mapEntry = readFileSync(
    path.join(
      WEB_DIST,
      firstLoad.find((f) => f.endsWith('.js'))!,
    ),
    'utf8',
  ).match(/assets\/MapPage-[\w-]+\.js/)?.[0];
  if (!mapEntry) throw new Error('web/dist: found no lazy MapPage-*.js chunk named in the first-load script');
  const map = closure([mapEntry]).filter((file) => !firstLoad.includes(file));
  return { firstLoad: firstLoad.map(assetSize), map: map.map(assetSize) };
}

// ---------------------------------------------------------------------------------------------------------------
// The browser

/** Installed before the page's own scripts: long tasks, the first frame after each layout, the click. */
const PAGE_PROBES = `
  window.__bench = { longTasks: [], frames: [], selected: [], mousedown: undefined };
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.__bench.longTasks.push([entry.startTime, entry.duration]);
  }).observe({ type: 'longtask', buffered: true });
  new MutationObserver((records) => {
    const record = records.find((r) => r.attributeName === 'data-map-spofs');
    if (!record) return;
    const layoutAt = window.__lifeboatMapReady;
    const spofs = Number(record.target.getAttribute('data-map-spofs'));
    requestAnimationFrame(() =>
      requestAnimationFrame(() => window.__bench.frames.push({ layoutAt, spofs, drawnAt: performance.now() })),
    );
  }).observe(document, { attributes: true, subtree: true, attributeFilter: ['data-map-spofs'] });
  addEventListener('mousedown', () => { window.__bench.mousedown = performance.now(); }, true);
  let shown = null;
  new MutationObserver(() => {
    const href = document.querySelector('[data-testid="selected-node"] a')?.getAttribute('href') ?? null;
    if (href === shown) return;
    shown = href;
    if (href) requestAnimationFrame(() => requestAnimationFrame(() => window.__bench.selected.push({ href, at: performance.now() })));
  }).observe(document, { childList: true, subtree: true });
`;

/** The figures of one page load; times in ms from the navigation start. */
export interface MapRun {
  cache: 'cold' | 'warm';
  /** When the browser had the whole graph answer, and how long the request took. */
  graphAnswerAt: number;
  /** When the browser had the SPOF answer (the map marks SPOFs once it is there). */
  spofAnswerAt: number;
  graphRequestMs: number;
  graphBytes: number;
  /** The first layout (graph only) done; the last (with the SPOF marks) done, and the first frame after it. */
  firstLayoutAt: number;
  layoutAt: number;
  drawnAt: number;
  /** From the mousedown on a node to the frame showing it in the side panel. */
  clickToSelectedMs: number;
  /** drawnAt + clickToSelectedMs. */
  interactiveAt: number;
  layouts: number;
  longestTaskMs: number;
  /** Sum over long tasks before the map was drawn of their time past 50 ms. */
  blockingMs: number;
  heapUsedMiB: number;
  heapAfterGcMiB: number;
  /** While zooming in with the wheel, dragging across and zooming out: the longest task and frame gap. */
  gestureLongestTaskMs: number;
  gestureWorstFrameMs: number;
  nodesShown: string;
  cytoscapeNodes: number;
  clicked: string;
}

interface PageFigures {
  graph: { answerAt: number; requestMs: number; bytes: number } | undefined;
  spofAnswerAt: number | undefined;
  frames: { layoutAt: number; spofs: number; drawnAt: number }[];
  longTasks: [number, number][];
  mousedown: number;
}

/**
 * Polls an expression in the page until it is truthy and returns it. A string through page.evaluate, as the
 * server's Content-Security-Policy forbids the eval that page.waitForFunction needs for one, and this project
 * type-checks Node code without the DOM library.
 */
async function until(page: Page, expression: string, timeoutMs = 120_000): Promise<number> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const value = await page.evaluate<unknown>(expression);
    if (value) return value as number;
    if (performance.now() > deadline) {
      await page
        .screenshot({ path: path.join(os.tmpdir(), 'lifeboat-bench-web-map.png') })
        .catch(() => undefined);
      throw new Error(
        `the map page did not reach \`${expression}\` within ${timeoutMs / 1000} s (screenshot in ${os.tmpdir()})`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function openMap(
  page: Page,
  cdp: CDPSession,
  url: string,
  cache: 'cold' | 'warm',
  screenshot?: string,
): Promise<MapRun> {
  await page.goto(url);
  // The SPOF badge reads "finding SPOFs…" until the answer is there, then "<n> single points of failure".
  const spofs = await until(
    page,
    `Number(/(\\d+) single points of failure/.exec(document.querySelector('[data-testid="spof-count"]')?.textContent ?? '')?.[1] ?? NaN) + 1`,
  ).then((n) => n - 1);
  // MapView marks the map ready after each layout and each change of marks: wait for the one with the SPOFs.
  await until(page, `window.__bench.frames.some((frame) => frame.spofs === ${spofs})`);
  const nodesShown = (await page.getByTestId('map-count').textContent()) ?? '';

  // A node on screen (the focus if the fitted view shows it), clicked where Cytoscape draws it. The page's code
  // runs as text: this project type-checks Node code without the DOM library.
  const target = await page.evaluate<
    { id: string; x: number; y: number; total: number } | undefined
  >(`(() => {
    const element = document.querySelector('[data-testid="map-canvas"]');
    const cy = element._cyreg.cy;
    const box = element.getBoundingClientRect();
    const nodes = cy.nodes().toArray();
    const inside = nodes.filter((node) => {
      const { x, y } = node.renderedPosition();
      return !node.hasClass('group') && x > 5 && y > 5 && x < box.width - 5 && y < box.height - 5;
    });
    const centre = (node) =>
      Math.hypot(node.renderedPosition().x - box.width / 2, node.renderedPosition().y - box.height / 2);
    const node = inside.find((n) => n.id() === ${JSON.stringify(FOCUS)}) ?? inside.sort((a, b) => centre(a) - centre(b))[0];
    if (!node) return undefined;
    const { x, y } = node.renderedPosition();
    return { id: node.id(), x: box.left + x, y: box.top + y, total: nodes.length };
  })()`);
  if (!target) throw new Error('no node of the map lies inside the visible canvas');
  await page.mouse.click(target.x, target.y);
  const selectedAt = await until(
    page,
    `window.__bench.selected.find((shown) => shown.href.endsWith(${JSON.stringify(`/${target.id}`)}))?.at`,
  );
  const figures = await page.evaluate<PageFigures>(`(() => {
    const entry = performance.getEntriesByType('resource').find((e) => e.name.includes('/api/v1/graph?'));
    return {
      graph: entry && {
        answerAt: entry.responseEnd,
        requestMs: entry.responseEnd - entry.startTime,
        bytes: entry.encodedBodySize,
      },
      spofAnswerAt: performance.getEntriesByType('resource').find((e) => e.name.includes('/api/v1/analysis/spof?'))
        ?.responseEnd,
      frames: window.__bench.frames,
      longTasks: window.__bench.longTasks,
      mousedown: window.__bench.mousedown,
    };
  })()`);
  if (screenshot) await page.screenshot({ path: screenshot });
  const heapUsed = ((await cdp.send('Runtime.getHeapUsage')) as { usedSize: number }).usedSize;
  await cdp.send('HeapProfiler.collectGarbage');
  const heapAfterGc = ((await cdp.send('Runtime.getHeapUsage')) as { usedSize: number }).usedSize;
  const gesture = await panAndZoom(page);

  const final = figures.frames.find((frame) => frame.spofs === spofs)!;
  const clickToSelectedMs = selectedAt - figures.mousedown;
  const before = figures.longTasks.filter(([start]) => start < final.drawnAt);
  return {
    cache,
    graphAnswerAt: figures.graph?.answerAt ?? NaN,
    spofAnswerAt: figures.spofAnswerAt ?? NaN,
    graphRequestMs: figures.graph?.requestMs ?? NaN,
    graphBytes: figures.graph?.bytes ?? NaN,
    firstLayoutAt: figures.frames[0]!.layoutAt,
    layoutAt: final.layoutAt,
    drawnAt: final.drawnAt,
    clickToSelectedMs,
    interactiveAt: final.drawnAt + clickToSelectedMs,
    layouts: figures.frames.length,
    longestTaskMs: Math.max(0, ...figures.longTasks.map(([, duration]) => duration)),
    blockingMs: before.reduce((sum, [, duration]) => sum + Math.max(0, duration - 50), 0),
    heapUsedMiB: heapUsed / 2 ** 20,
    heapAfterGcMiB: heapAfterGc / 2 ** 20,
    gestureLongestTaskMs: gesture.longestTaskMs,
    gestureWorstFrameMs: gesture.worstFrameMs,
    nodesShown,
    cytoscapeNodes: target.total,
    clicked: target.id,
  };
}

/**
 * Pans and zooms the way a person would (five wheel steps in at the centre, a drag across, five steps out) and
 * returns the longest main-thread task and the longest gap between frames meanwhile, and in the 600 ms after.
 */
async function panAndZoom(page: Page): Promise<{ longestTaskMs: number; worstFrameMs: number }> {
  const box = await page.getByTestId('map-canvas').boundingBox();
  if (!box) throw new Error('the map canvas has no size');
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  const pause = () => new Promise((resolve) => setTimeout(resolve, 50));
  const start = await page.evaluate<number>(`(() => {
    const frames = (window.__bench.gestureFrames = []);
    const loop = (at) => {
      frames.push(at);
      if (frames.length < 5000) requestAnimationFrame(loop);
    };
    requestAnimationFrame(loop);
    return performance.now();
  })()`);
  await page.mouse.move(x, y);
  for (let i = 0; i < 5; i++) {
    await page.mouse.wheel(0, -200);
    await pause();
  }
  await page.mouse.down();
  for (let i = 1; i <= 20; i++) await page.mouse.move(x - i * 20, y - i * 10);
  await page.mouse.up();
  for (let i = 0; i < 5; i++) {
    await page.mouse.wheel(0, 200);
    await pause();
  }
  await new Promise((resolve) => setTimeout(resolve, 600));
  return page.evaluate<{ longestTaskMs: number; worstFrameMs: number }>(`(() => {
    const frames = window.__bench.gestureFrames;
    const gaps = frames.slice(1).map((at, i) => at - frames[i]);
    const tasks = window.__bench.longTasks.filter(([at]) => at >= ${start}).map(([, duration]) => duration);
    return { longestTaskMs: Math.max(0, ...tasks), worstFrameMs: Math.max(0, ...gaps) };
  })()`);
}

/** One run: a fresh browser context signs in through the login page, then opens the map cold and warm. */
async function measureRun(
  browser: Browser,
  baseUrl: string,
  mapPath: string,
  warm: boolean,
  profile?: string,
  screenshot?: string,
): Promise<MapRun[]> {
  const context = await browser.newContext();
  try {
    await context.addInitScript(PAGE_PROBES);
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await page.goto(`${baseUrl}/login`);
    await fillLogin(page, userOf('admin'));
    await page.getByRole('navigation', { name: 'Main navigation' }).waitFor();
    await cdp.send('Network.enable');
    await cdp.send('Network.clearBrowserCache');
    if (profile) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp.send('Profiler.start');
    }
    const cold = await openMap(page, cdp, baseUrl + mapPath, 'cold', screenshot);
    if (profile) {
      const { profile: recorded } = (await cdp.send('Profiler.stop')) as { profile: unknown };
      writeFileSync(profile, JSON.stringify(recorded));
      log(`wrote a CPU profile of the cold run to ${profile} (open it in Chrome's DevTools, Performance)`);
    }
    return warm ? [cold, await openMap(page, cdp, baseUrl + mapPath, 'warm')] : [cold];
  } finally {
    await context.close();
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The run

/** Everything the bench reports. */
export interface WebMapResult {
  date: string;
  machine: string;
  chromium: string;
  /** `groups`: the redundancy groups among the map's edges (one junction each on a large map). */
  catalog: { documents: number; mapNodes: number; mapEdges: number; groups: number; depth: number };
  mapPath: string;
  /** `GET /api/v1/graph` from Node (the server alone, no browser), ms. */
  graphFromNodeMs: number[];
  runs: MapRun[];
  bundle: BundleSizes;
}

async function graphFromNode(server: ServerProcess, depth: number) {
  const url = `${server.url}/api/v1/graph?around=${FOCUS}&depth=${depth}&direction=both&limit=20000`;
  const start = performance.now();
  const answer = await fetch(url, { headers: server.adminHeaders });
  if (!answer.ok) throw new Error(`GET ${url}: ${answer.status} ${await answer.text()}`);
  const data = (await answer.json()) as { nodes: unknown[]; edges: unknown[]; truncated: boolean };
  return { ms: performance.now() - start, nodes: data.nodes.length, edges: data.edges.length, data };
}

/** Generates and imports the catalog, starts the server and the browser, and measures `runs` runs. */
export async function runWebMapBench(
  runs = 5,
  warm = false,
  profile?: string,
  screenshot?: string,
): Promise<WebMapResult> {
  await ensureWebBuild();
  const work = mkdtempSync(path.join(os.tmpdir(), 'lifeboat-bench-web-'));
  let server: ServerProcess | undefined;
  let browser: Browser | undefined;
  try {
    const documents = generateMapCatalog();
    const dir = path.join(work, 'catalog');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'catalog.yaml'), documents.map(stringifyDocument).join('---\n'));
    const db = path.join(work, 'lifeboat.db');
    log(`importing ${documents.length} documents into ${db}`);
    await promisify(execFile)(process.execPath, [LIFEBOAT_BIN, 'import', dir], {
      env: { ...process.env, LIFEBOAT_DB: db, LIFEBOAT_NO_DEMO: '1' },
      maxBuffer: 64 * 2 ** 20,
    });
    server = await startServer({ LIFEBOAT_DB: db });

    // The smallest depth that takes in the whole island: the map shows exactly 5,000 nodes, none aggregated.
    let depth = 1;
    let graph = await graphFromNode(server, depth);
    while (graph.nodes < VISIBLE_NODES && depth < 50) graph = await graphFromNode(server, ++depth);
    if (graph.nodes !== VISIBLE_NODES || graph.data.truncated)
      throw new Error(`the neighbourhood of ${FOCUS} holds ${graph.nodes} nodes, expected ${VISIBLE_NODES}`);
    const graphFromNodeMs: number[] = [];
    for (let i = 0; i < runs; i++) graphFromNodeMs.push((await graphFromNode(server, depth)).ms);
    log(`neighbourhood: ${graph.nodes} nodes, ${graph.edges} edges at depth ${depth}`);

    browser = await launchBrowser();
    const mapPath = `/map?around=${FOCUS}&depth=${depth}&direction=both`;
    const measured: MapRun[] = [];
    let chromium = 'unknown';
    for (let i = 0; i < runs; i++) {
      const [cold, cached] = await measureRun(
        browser,
        server.url,
        mapPath,
        warm,
        i === 0 ? profile : undefined,
        i === 0 ? screenshot : undefined,
      );
      log(
        `run ${i + 1}: interactive after ${cold!.interactiveAt.toFixed(0)} ms${cached ? `, warm ${cached.interactiveAt.toFixed(0)} ms` : ''} (${cold!.nodesShown}, clicked ${cold!.clicked})`,
      );
      measured.push(cold!, ...(cached ? [cached] : []));
      if (!/^5000 nodes shown$/.test(cold!.nodesShown.trim()))
        throw new Error(`the map shows "${cold!.nodesShown}", expected 5000 nodes`);
    }
    {
      const context = await browser.newContext();
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      chromium = ((await cdp.send('Browser.getVersion')) as { product: string }).product;
      await context.close();
    }
    const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
    return {
      date: new Date().toISOString(),
      machine: `${cpu}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB memory, Node ${process.version}, ${os.platform()} ${os.release()} (load average at the start: ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(', ')})`,
      chromium,
      catalog: {
        documents: documents.length,
        mapNodes: graph.nodes,
        mapEdges: graph.edges,
        groups: new Set(
          (graph.data.edges as { from: string; group?: { index: number } }[])
            .filter((edge) => edge.group)
            .map((edge) => `${edge.from}:${edge.group?.index}`),
        ).size,
        depth,
      },
      mapPath,
      graphFromNodeMs,
      runs: measured,
      bundle: measureBundle(),
    };
  } finally {
    await browser?.close();
    await server?.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The report

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const ms = (value: number) => (value >= 100 ? value.toFixed(0) : value.toFixed(1));
const spread = (values: number[], format = ms) =>
  `${format(median(values))} (${format(Math.min(...values))}-${format(Math.max(...values))})`;
const kb = (bytes: number) => `${(bytes / 1000).toFixed(0)} KB`;

/** Interactive within this, with no task longer than that, is what the goal asks of this case (ms). */
const GOAL_INTERACTIVE_MS = 5000;
const GOAL_LONGEST_TASK_MS = 2000;

/** Whether the medians meet the goal, said in figures. */
function goalParagraph(result: WebMapResult): string[] {
  const cold = result.runs.filter((run) => run.cache === 'cold');
  const interactive = median(cold.map((run) => run.interactiveAt));
  const longest = median(cold.map((run) => Math.max(run.longestTaskMs, run.gestureLongestTaskMs)));
  const meets = interactive < GOAL_INTERACTIVE_MS && longest < GOAL_LONGEST_TASK_MS;
  const seconds = (value: number) => (value / 1000).toFixed(1);
  return [
    'Issue 7 asks for a map that stays smooth with 5,000 visible nodes and never freezes the page; this case',
    `holds it to an interactive map within ${seconds(GOAL_INTERACTIVE_MS)} s and no main-thread task over ${seconds(GOAL_LONGEST_TASK_MS)} s, panning and zooming included.`,
    `Here the map is interactive after ${seconds(interactive)} s and the longest task, loading or panning, lasts ${seconds(longest)} s`,
    `(medians), so this case ${meets ? 'meets it' : 'does not meet it yet'}.`,
  ];
}

/** The markdown block this bench owns in docs/benchmarks.md, markers included. */
export function renderWebMapSection(result: WebMapResult): string {
  const { bundle } = result;
  const sum = (files: AssetSize[], ext: string, key: 'bytes' | 'gzip') =>
    files.filter((f) => f.file.endsWith(ext)).reduce((total, f) => total + f[key], 0);
  const row = (label: string, pick: (run: MapRun) => number, format = ms) => {
    const cold = result.runs.filter((run) => run.cache === 'cold').map(pick);
    const warm = result.runs.filter((run) => run.cache === 'warm').map(pick);
    return `| ${label} | ${spread(cold, format)} |${warm.length > 0 ? ` ${spread(warm, format)} |` : ''}`;
  };
  const hasWarm = result.runs.some((run) => run.cache === 'warm');
  const runs = result.runs.filter((run) => run.cache === 'cold').length;
  const firstJs = sum(bundle.firstLoad, '.js', 'gzip');
  return [
    START,
    '## Web: dependency map of 5,000 nodes, and the bundle',
    '',
    'Written by `npm run bench:web` (bench/web-map.ts; `-- --json` prints JSON, `-- --runs=N`; not part of `npm run bench`).',
    `A seeded catalog of ${result.catalog.documents.toLocaleString('en-GB')} documents holds an island of exactly 5,000 nodes`,
    '(50 business and 150 IT services, applications, databases, VMs, hosts, storage, network, 6 sites; anyOf and',
    'atLeast groups) connected only to itself, beside 5,000 components on other sites. The real `lifeboat import`',
    'loads it into a fresh SQLite file and the real server serves the production build. Headless Chromium (the',
    "end-to-end tests' flags, 1400x900 viewport) signs in through the login page, then opens",
    `\`${result.mapPath}\`: ${result.catalog.mapNodes.toLocaleString('en-GB')} nodes and ${result.catalog.mapEdges.toLocaleString('en-GB')} edges, exactly the`,
    '5,000 the map draws one by one (one more and it aggregates); the page reads "5000 nodes shown". "Cold" is',
    'that navigation with an empty HTTP cache; `--warm` adds a second navigation with the assets cached.',
    '',
    '**Interactive** is the first frame drawn once the map holds every node with its SPOF marks (MapView sets',
    '`data-map-ready` when a layout is done and when marks change; the SPOF answer restyles the nodes it names',
    'without a new layout, and when it comes while the nodes are still arriving there is one ready mark), plus',
    'the time from a mousedown on a node to the frame that shows it in the side panel (the page is responsive, not',
    'just painted). It excludes the few milliseconds the harness takes between that frame and its click. Then the',
    'harness pans and zooms (five wheel steps in, a drag across, five out) and records the longest task and the',
    'longest gap between frames meanwhile. Times are ms from the navigation start (`performance.now()` in the',
    `page); medians of ${runs} runs, minimum-maximum in brackets.`,
    '',
    `Machine: ${result.machine}; ${result.chromium}.`,
    `Run: ${result.date}.`,
    '',
    `| from navigation start, ms | cold cache |${hasWarm ? ' warm cache |' : ''}`,
    `| --- | --- |${hasWarm ? ' --- |' : ''}`,
    row('graph answer received', (run) => run.graphAnswerAt),
    row('SPOF answer received', (run) => run.spofAnswerAt),
    row('graph request (`GET /api/v1/graph`, in the browser)', (run) => run.graphRequestMs),
    row('map ready the first time (laid out, every node in)', (run) => run.firstLayoutAt),
    row('map ready with the SPOF marks', (run) => run.layoutAt),
    row('map drawn (first frame after it)', (run) => run.drawnAt),
    row('click on a node -> shown as selected', (run) => run.clickToSelectedMs),
    row('**interactive** (drawn + click)', (run) => run.interactiveAt),
    row('longest main-thread task (load and click)', (run) => run.longestTaskMs),
    row('blocking time before the map is drawn (tasks past 50 ms)', (run) => run.blockingMs),
    row('pan and zoom afterwards: longest task', (run) => run.gestureLongestTaskMs),
    row('pan and zoom afterwards: longest gap between frames', (run) => run.gestureWorstFrameMs),
    row(
      'JS heap used when interactive, MiB',
      (run) => run.heapUsedMiB,
      (v) => v.toFixed(1),
    ),
    row(
      'JS heap after a forced GC, MiB',
      (run) => run.heapAfterGcMiB,
      (v) => v.toFixed(1),
    ),
    '',
    `The graph answer is ${kb(result.runs[0]!.graphBytes)} of JSON (uncompressed); from Node, without the browser,`,
    `\`GET /api/v1/graph\` takes ${spread(result.graphFromNodeMs)} ms. Cytoscape holds ${result.runs[0]!.cytoscapeNodes.toLocaleString('en-GB')} nodes,`,
    `one per document; the edges and the ${result.catalog.groups.toLocaleString('en-GB')} redundancy groups (a junction each) are drawn on a`,
    'canvas beneath it (web/src/map/edge-layer.ts).',
    '',
    ...goalParagraph(result),
    '',
    '### Bundle',
    '',
    'From `web/dist` as built (gzip level 9 with node:zlib): the first load is what `index.html` references',
    '(scripts, module preloads, stylesheets) and what those scripts import statically; the map is the lazy',
    '`MapPage` chunk and its static imports (Cytoscape and dagre, shared with the simulator).',
    '',
    '| file | loaded | raw | gzip |',
    '| --- | --- | --- | --- |',
    ...bundle.firstLoad.map((f) => `| \`${f.file}\` | first load | ${kb(f.bytes)} | ${kb(f.gzip)} |`),
    ...bundle.map.map((f) => `| \`${f.file}\` | with the map | ${kb(f.bytes)} | ${kb(f.gzip)} |`),
    '',
    `First-load JavaScript: **${kb(firstJs)} gzip** (budget 350 KB), CSS ${kb(sum(bundle.firstLoad, '.css', 'gzip'))} gzip;`,
    `the map adds ${kb(sum(bundle.map, '.js', 'gzip'))} gzip of JavaScript.`,
    END,
  ].join('\n');
}

/** Replaces the block between the markers, or appends it; everything else in the page stays as it is. */
export function replaceWebMapBlock(page: string, block: string): string {
  const start = page.indexOf(START);
  const end = page.indexOf(END);
  if (start !== -1 && end > start) return page.slice(0, start) + block + page.slice(end + END.length);
  return `${page.trimEnd()}\n\n${block}\n`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const argument = process.argv.find((arg) => arg.startsWith('--runs='));
  const runs = argument ? Number(argument.slice('--runs='.length)) : 5;
  const profile = process.argv.find((arg) => arg.startsWith('--profile='))?.slice('--profile='.length);
  const screenshot = process.argv
    .find((arg) => arg.startsWith('--screenshot='))
    ?.slice('--screenshot='.length);
  const result = await runWebMapBench(runs, process.argv.includes('--warm'), profile, screenshot);
  const block = renderWebMapSection(result);
  if (!process.argv.includes('--no-write')) {
    writeFileSync(BENCHMARKS_PAGE, replaceWebMapBlock(readFileSync(BENCHMARKS_PAGE, 'utf8'), block));
    log('wrote its block of docs/benchmarks.md');
  }
  process.stdout.write(
    process.argv.includes('--json') ? `${JSON.stringify(result, null, 2)}\n` : `${block}\n`,
  );
}
