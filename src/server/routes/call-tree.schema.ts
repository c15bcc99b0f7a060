import { z } from 'zod';
import { documentSchemas } from '../../catalog/kinds.ts';

const notificationSchema = z.object({
  id: z.string(),
  position: z.int(),
  stage: z.int().meta({ description: '0: the contact itself; 1: its deputy, reached by escalation.' }),
  contact: z.string(),
  person: z.string().optional().meta({ description: 'The Person reached; absent for a Team address.' }),
  name: z.string(),
  address: z.string().optional().meta({ description: 'Absent when the person has no email address.' }),
  sentAt: z.string(),
  escalateAt: z.string().optional().meta({ description: 'When it escalates without acknowledgement.' }),
  acknowledgedAt: z.string().optional(),
  escalatedAt: z.string().optional(),
  escalatedTo: z.string().optional().meta({ description: 'The deputy or next contact escalated to.' }),
});

/** The answer of `GET /api/v1/incidents/{id}/call-tree`. */
export const callTreeSchema = z.object({
  incident: z.string(),
  plan: z.string().nullable(),
  startedAt: z.string().nullable(),
  startedBy: z.string().nullable(),
  contacts: z.array(
    z.object({
      position: z.int(),
      contact: z.string(),
      name: z.string(),
      role: z.string().optional(),
      escalateAfter: z.string().optional(),
      state: z.enum(['waiting', 'pending', 'acknowledged', 'unanswered']).meta({
        description:
          'waiting: not reached yet; pending: reached, no answer yet; acknowledged; unanswered: nobody answered and the call tree moved on.',
      }),
      escalationDueAt: z.string().optional(),
      acknowledgedAt: z.string().optional(),
      notifications: z.array(notificationSchema),
    }),
  ),
});

/** The answer of `POST /api/v1/plans/{id}/invoke`. */
export const invocationSchema = z.object({
  incident: documentSchemas.Incident,
  notified: z.array(z.object({ name: z.string(), address: z.string().nullable() })),
});

/** The answer of `POST /api/v1/ack/{token}`. */
export const acknowledgementSchema = z.object({
  name: z.string(),
  incident: z.string(),
  acknowledgedAt: z.string(),
  already: z.boolean().meta({ description: 'True when the link had been used before.' }),
});

/** An incident's call tree, as the route answers it. */
export type CallTreeAnswer = z.infer<typeof callTreeSchema>;
/** What invoking a plan answers. */
export type InvocationAnswer = z.infer<typeof invocationSchema>;
