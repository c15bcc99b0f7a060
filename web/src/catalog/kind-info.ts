/**
 * What the web application knows about each kind: its labels, the fields of its form and detail page, the
 * columns and filters of its list. The schemas themselves live in src/catalog; these lists follow them.
 */
import type { Kind, Plural } from '../api/catalog';
import { COMPONENT_TYPES, SITE_TYPES } from '../../../src/catalog/vocabulary.ts';

export { COMPONENT_TYPES, SITE_TYPES };

/** One spec field, as forms and detail pages show it. */
export type FieldInfo =
  | {
      name: string;
      label: string;
      type: 'text' | 'email' | 'url' | 'duration';
      required?: boolean;
      help?: string;
    }
  | {
      name: string;
      label: string;
      type: 'select';
      options: readonly string[];
      required?: boolean;
      help?: string;
    }
  | { name: string; label: string; type: 'tier'; required?: boolean; help?: string }
  | {
      name: string;
      label: string;
      type: 'ref' | 'refs';
      kinds: readonly Kind[];
      required?: boolean;
      help?: string;
    }
  | { name: string; label: string; type: 'deps'; required?: boolean; help?: string };

/** A list filter, kept in the URL as `?name=value`. */
export interface FilterInfo {
  name: string;
  label: string;
  /** Fixed choices, or `ref` to search documents of these kinds. */
  options?: readonly string[];
  kinds?: readonly Kind[];
}

/** A kind, as the web application presents it. */
export interface KindInfo {
  kind: Kind;
  plural: Plural;
  title: string;
  singular: string;
  failureNode: boolean;
  fields: readonly FieldInfo[];
  /** Spec fields shown as list columns. */
  columns: readonly string[];
  filters: readonly FilterInfo[];
}

/** The kinds that can fail and be depended on. */
export const FAILURE_KINDS: readonly Kind[] = ['Service', 'Component', 'Site', 'Vendor'];

const OWNER_KINDS: readonly Kind[] = ['Team', 'Person'];

const failureFields: FieldInfo[] = [
  {
    name: 'recovery',
    label: 'Recovery time',
    type: 'duration',
    help: 'To restore it after it failed itself',
  },
  {
    name: 'restart',
    label: 'Restart time',
    type: 'duration',
    help: 'To bring it back after a dependency failed',
  },
  { name: 'dependsOn', label: 'Depends on', type: 'deps' },
];

/** Every kind, in navigation order. */
export const KIND_INFO: Record<Kind, KindInfo> = {
  Service: {
    kind: 'Service',
    plural: 'services',
    title: 'Services',
    singular: 'service',
    failureNode: true,
    fields: [
      { name: 'type', label: 'Type', type: 'select', options: ['business', 'it'], required: true },
      { name: 'tier', label: 'Tier', type: 'tier', required: true, help: '1 is the most critical' },
      { name: 'owner', label: 'Owner', type: 'ref', kinds: OWNER_KINDS },
      { name: 'rto', label: 'RTO', type: 'duration', help: 'Recovery time objective, e.g. 4h' },
      { name: 'rpo', label: 'RPO', type: 'duration', help: 'Recovery point objective, e.g. 15m' },
      { name: 'mtpd', label: 'MTPD', type: 'duration', help: 'Maximum tolerable period of disruption' },
      ...failureFields,
    ],
    columns: ['type', 'tier', 'owner', 'rto', 'rpo', 'mtpd'],
    filters: [
      { name: 'tier', label: 'Tier', options: ['1', '2', '3', '4'] },
      { name: 'type', label: 'Type', options: ['business', 'it'] },
      { name: 'owner', label: 'Owner', kinds: OWNER_KINDS },
      { name: 'missing', label: 'Missing', options: ['owner', 'rto', 'rpo', 'mtpd'] },
    ],
  },
  Component: {
    kind: 'Component',
    plural: 'components',
    title: 'Components',
    singular: 'component',
    failureNode: true,
    fields: [
      { name: 'type', label: 'Type', type: 'select', options: COMPONENT_TYPES, required: true },
      { name: 'site', label: 'Site', type: 'ref', kinds: ['Site'] },
      { name: 'owner', label: 'Owner', type: 'ref', kinds: OWNER_KINDS },
      { name: 'vendor', label: 'Vendor', type: 'ref', kinds: ['Vendor'] },
      ...failureFields,
    ],
    columns: ['type', 'site', 'owner', 'vendor'],
    filters: [
      { name: 'type', label: 'Type', options: COMPONENT_TYPES },
      { name: 'site', label: 'Site', kinds: ['Site'] },
      { name: 'owner', label: 'Owner', kinds: OWNER_KINDS },
      { name: 'vendor', label: 'Vendor', kinds: ['Vendor'] },
    ],
  },
  Site: {
    kind: 'Site',
    plural: 'sites',
    title: 'Sites',
    singular: 'site',
    failureNode: true,
    fields: [
      { name: 'type', label: 'Type', type: 'select', options: SITE_TYPES },
      { name: 'location', label: 'Location', type: 'text' },
      ...failureFields,
    ],
    columns: ['type', 'location', 'recovery'],
    filters: [{ name: 'type', label: 'Type', options: SITE_TYPES }],
  },
  Vendor: {
    kind: 'Vendor',
    plural: 'vendors',
    title: 'Vendors',
    singular: 'vendor',
    failureNode: true,
    fields: [
      { name: 'contact', label: 'Contact', type: 'text', help: 'Who to call at the supplier' },
      { name: 'email', label: 'Email', type: 'email' },
      { name: 'phone', label: 'Phone', type: 'text' },
      { name: 'url', label: 'Web site', type: 'url' },
      ...failureFields,
    ],
    columns: ['contact', 'email', 'phone'],
    filters: [],
  },
  Team: {
    kind: 'Team',
    plural: 'teams',
    title: 'Teams',
    singular: 'team',
    failureNode: false,
    fields: [
      { name: 'lead', label: 'Lead', type: 'ref', kinds: ['Person'] },
      { name: 'members', label: 'Members', type: 'refs', kinds: ['Person'] },
      { name: 'onCall', label: 'On call', type: 'text', help: 'Phone number or rota' },
      { name: 'email', label: 'Email', type: 'email' },
    ],
    columns: ['lead', 'onCall', 'email'],
    filters: [],
  },
  Person: {
    kind: 'Person',
    plural: 'people',
    title: 'People',
    singular: 'person',
    failureNode: false,
    fields: [
      { name: 'role', label: 'Role', type: 'text' },
      { name: 'email', label: 'Email', type: 'email' },
      { name: 'phone', label: 'Phone', type: 'text' },
      { name: 'team', label: 'Team', type: 'ref', kinds: ['Team'] },
      { name: 'deputy', label: 'Deputy', type: 'ref', kinds: ['Person'] },
    ],
    columns: ['role', 'team', 'email', 'phone'],
    filters: [{ name: 'team', label: 'Team', kinds: ['Team'] }],
  },
  // Scenario, contacts, phases, timelines and actions are nested lists: the form's JSON tab edits them.
  Plan: {
    kind: 'Plan',
    plural: 'plans',
    title: 'Plans',
    singular: 'plan',
    failureNode: false,
    fields: [
      { name: 'services', label: 'Services protected', type: 'refs', kinds: ['Service'], required: true },
      { name: 'owner', label: 'Owner', type: 'ref', kinds: OWNER_KINDS, required: true },
      {
        name: 'activation',
        label: 'Activation criteria',
        type: 'text',
        help: 'When to invoke it and who decides',
      },
      { name: 'reviewInterval', label: 'Review interval', type: 'duration', help: 'Default 52w' },
      { name: 'lastReviewed', label: 'Last reviewed', type: 'text', help: 'A date, e.g. 2026-05-01' },
    ],
    columns: ['status', 'owner', 'lastReviewed'],
    filters: [{ name: 'owner', label: 'Owner', kinds: OWNER_KINDS }],
  },
  Incident: {
    kind: 'Incident',
    plural: 'incidents',
    title: 'Incidents',
    singular: 'incident',
    failureNode: false,
    fields: [
      { name: 'title', label: 'Title', type: 'text', required: true },
      { name: 'summary', label: 'Summary', type: 'text' },
      {
        name: 'started',
        label: 'Started',
        type: 'text',
        required: true,
        help: 'ISO 8601, e.g. 2026-02-03T08:15:00Z',
      },
      { name: 'detected', label: 'Detected', type: 'text' },
      { name: 'resolved', label: 'Resolved', type: 'text' },
      { name: 'rootCause', label: 'Root cause', type: 'text' },
      { name: 'plan', label: 'Plan invoked', type: 'ref', kinds: ['Plan'] },
    ],
    columns: ['title', 'started', 'resolved'],
    filters: [],
  },
};

/** The kinds in navigation order. */
export const KIND_LIST: readonly KindInfo[] = Object.values(KIND_INFO);
