/**
 * How the map looks: kinds by shape and colour, SPOFs ringed in red, down nodes filled red, redundancy groups
 * boxed (small maps) or drawn as a junction diamond (large maps).
 */
import type { StylesheetJson } from 'cytoscape';

/** The Cytoscape stylesheet of the dependency map. */
export const MAP_STYLE: StylesheetJson = [
  {
    selector: 'node',
    style: {
      label: 'data(label)',
      'font-size': 11,
      'text-wrap': 'wrap',
      'text-max-width': '110px',
      'text-valign': 'center',
      'text-halign': 'center',
      width: 120,
      height: 44,
      shape: 'round-rectangle',
      'background-color': '#e9ecef',
      'border-width': 1,
      'border-color': '#868e96',
      color: '#212529',
      'min-zoomed-font-size': 7,
    },
  },
  { selector: 'node.service-business', style: { 'background-color': '#dbe4ff', 'border-color': '#4263eb' } },
  { selector: 'node.service-it', style: { 'background-color': '#d0ebff', 'border-color': '#1c7ed6' } },
  {
    selector: 'node.site',
    style: { shape: 'barrel', 'background-color': '#fff4e6', 'border-color': '#e8590c' },
  },
  {
    selector: 'node.vendor',
    style: { shape: 'tag', 'background-color': '#f3f0ff', 'border-color': '#7048e8' },
  },
  {
    selector: 'node.group',
    style: {
      shape: 'round-rectangle',
      'background-color': '#e6fcf5',
      'background-opacity': 0.5,
      'border-style': 'dashed',
      'border-color': '#0ca678',
      'border-width': 2,
      label: 'data(label)',
      'text-valign': 'top',
      'text-halign': 'center',
      'font-size': 10,
      color: '#087f5b',
      padding: '12px',
    },
  },
  {
    selector: 'node.junction',
    style: {
      shape: 'diamond',
      width: 18,
      height: 18,
      'background-color': '#c3fae8',
      'border-color': '#0ca678',
      'border-width': 2,
      label: 'data(label)',
      'text-valign': 'bottom',
      'text-halign': 'center',
      'text-margin-y': 2,
      'text-wrap': 'none',
      'font-size': 9,
      color: '#087f5b',
    },
  },
  {
    selector: 'node.aggregate',
    style: {
      shape: 'ellipse',
      width: 90,
      height: 90,
      'background-color': '#f1f3f5',
      'border-style': 'double',
      'border-width': 4,
    },
  },
  { selector: 'node.focus', style: { 'border-width': 4, 'font-weight': 'bold' } },
  {
    selector: 'node.spof',
    style: { 'border-color': '#e03131', 'border-width': 4, 'border-style': 'double' },
  },
  { selector: 'node.up', style: { 'background-color': '#d3f9d8', 'border-color': '#2f9e44' } },
  {
    selector: 'node.down',
    style: { 'background-color': '#ffc9c9', 'border-color': '#e03131', color: '#862e2e' },
  },
  {
    selector: 'node.failed',
    style: { 'background-color': '#e03131', 'border-color': '#862e2e', color: '#ffffff', 'border-width': 3 },
  },
  {
    selector: 'node:selected',
    style: { 'overlay-color': '#4263eb', 'overlay-opacity': 0.25, 'overlay-padding': 6 },
  },
  {
    selector: 'edge',
    style: {
      width: 1.5,
      'curve-style': 'bezier',
      'line-color': '#adb5bd',
      'target-arrow-shape': 'triangle',
      'target-arrow-color': '#adb5bd',
      'arrow-scale': 0.8,
    },
  },
  {
    selector: 'edge[label]',
    style: {
      label: 'data(label)',
      'font-size': 9,
      'min-zoomed-font-size': 7,
      color: '#087f5b',
      'text-background-color': '#ffffff',
      'text-background-opacity': 1,
    },
  },
  { selector: 'edge.to-group', style: { 'line-color': '#0ca678', 'target-arrow-color': '#0ca678' } },
  {
    selector: 'edge.group-member',
    style: { 'line-style': 'dashed', 'line-color': '#0ca678', 'target-arrow-color': '#0ca678' },
  },
  { selector: 'edge.aggregate', style: { 'line-style': 'dotted' } },
];

/**
 * The stylesheet for maps past DAGRE_LIMIT nodes: straight edges (a bezier edge costs a control-point search per
 * pair of nodes) and solid group edges (a dashed line is dashed along its whole length, on screen or not).
 */
export const LARGE_MAP_STYLE: StylesheetJson = [
  ...MAP_STYLE,
  { selector: 'edge', style: { 'curve-style': 'straight', width: 1 } },
  { selector: 'edge.group-member', style: { 'line-style': 'solid' } },
];
