/**
 * The questionnaire form with its live preview: the grid and the losses on the left, the chart and the objectives
 * on the right, recomputed on every answer with the server's rules (src/bia/curves.ts). Saved with the ordinary
 * POST or PUT; the server's messages land on the cell they name.
 */
import { Alert, Button, Grid, Group, Stack, Textarea, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { canWrite } from '../api/auth';
import { biaKeys } from '../api/bia';
import type { AssessmentDocument, EffectivePolicy } from '../api/bia';
import { createDocument, updateDocument } from '../api/catalog';
import { isApiError } from '../api/client';
import type { FieldError } from '../api/client';
import { useDocumentById } from '../api/documents';
import { keys, useSession } from '../api/queries';
import { notifyError, notifySuccess } from '../app/notify';
import { ConflictAlert, UnplacedErrors } from '../catalog/ConflictAlert';
import { RefSelect } from '../catalog/RefSelect';
import { serviceBia } from '../../../src/bia/current.ts';
import { curvePoints } from './bia-model';
import type { Impacts, Losses } from './bia-model';
import { WorkflowButtons } from './AssessmentWorkflow';
import { ImpactChart } from './ImpactChart';
import { ObjectivesCompare } from './ObjectivesCompare';
import { LevelKey, QuestionnaireGrid } from './QuestionnaireGrid';

type Spec = AssessmentDocument['spec'];

/** What the client sends: never the state the server derives. */
function editable(spec: Spec): Spec {
  const { status: _status, approvedBy: _approvedBy, approvedAt: _approvedAt, ...rest } = spec;
  return rest;
}

/** Today as `YYYY-MM-DD` in the reader's time zone. */
function today(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** The fields the form places; the server's other messages are listed above it. */
const PLACED = ['service', 'assessedBy', 'assessedOn', 'impacts', 'loss', 'mbco', 'notes', 'id', 'name'];

/** The editor of an existing assessment (`assessment`) or of a new one (`initialService`). */
export function AssessmentEditor({
  policy,
  assessment,
  initialService,
}: {
  policy: EffectivePolicy;
  assessment?: AssessmentDocument;
  initialService?: string;
}) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const session = useSession();
  const mayWrite = canWrite(session.data, 'ImpactAssessment');
  const creating = assessment === undefined;
  const [base, setBase] = useState(assessment);
  const [spec, setSpec] = useState<Partial<Spec>>(
    assessment
      ? editable(assessment.spec)
      : { service: initialService ?? '', assessedOn: today(), impacts: {}, loss: {} },
  );
  const [newId, setNewId] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [conflict, setConflict] = useState<AssessmentDocument | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const serviceId = spec.service ?? '';
  const service = useDocumentById(serviceId || undefined);
  const serviceDoc = service.data?.kind === 'Service' ? service.data : undefined;
  // A new assessment is answered by the service's owner when that is a person.
  const owner = useDocumentById(creating ? serviceDoc?.spec.owner : undefined);
  const assessedBy = spec.assessedBy ?? (owner.data?.kind === 'Person' ? owner.data.metadata.id : undefined);
  const year = (spec.assessedOn ?? today()).slice(0, 4);
  const id = creating ? newId || (serviceId ? `bia-${serviceId}-${year}` : '') : assessment.metadata.id;

  const impacts: Impacts = spec.impacts ?? {};
  const loss: Losses = spec.loss ?? {};
  const points = useMemo(() => curvePoints(impacts, loss, policy), [impacts, loss, policy]);
  const suggestion = useMemo(() => serviceBia({ impacts }, policy), [impacts, policy]);
  const dirty =
    creating ||
    JSON.stringify(editable(spec as Spec)) !== JSON.stringify(editable(base?.spec ?? (spec as Spec)));

  const fieldErrors = useMemo(
    () => new Map(errors.map((error) => [error.path.replace(/^(spec|metadata)\./, ''), error.message])),
    [errors],
  );
  const errorOf = (field: string) => fieldErrors.get(field);
  const unplaced = errors.filter(
    (error) => !PLACED.some((field) => error.path.replace(/^(spec|metadata)\./, '').startsWith(field)),
  );

  const save = useMutation({
    mutationFn: async () => {
      const body: Spec = editable({ ...(spec as Spec), ...(assessedBy && { assessedBy }) });
      if (creating) {
        const name = `${serviceDoc?.metadata.name ?? serviceId} BIA ${year}`;
        return (await createDocument('assessments', {
          apiVersion: 'lifeboat/v1',
          kind: 'ImpactAssessment',
          metadata: { id, name },
          spec: body,
        })) as AssessmentDocument;
      }
      return (await updateDocument('assessments', {
        ...(base ?? assessment),
        spec: body,
      })) as AssessmentDocument;
    },
    meta: { silent: true },
    onSuccess: (saved) => {
      setErrors([]);
      setProblem(null);
      queryClient.setQueryData(keys.document('assessments', saved.metadata.id), saved);
      for (const queryKey of [keys.lists('assessments'), keys.audit('ImpactAssessment', saved.metadata.id)])
        void queryClient.invalidateQueries({ queryKey });
      void queryClient.invalidateQueries({ queryKey: biaKeys.history(saved.metadata.id) });
      const unapproved = base?.spec.status === 'approved' && saved.spec.status !== 'approved';
      notifySuccess(
        `Saved ${saved.metadata.id} (version ${saved.metadata.version})${unapproved ? ': it is a draft again until approved' : ''}`,
      );
      if (creating) void navigate(`/assessments/${encodeURIComponent(saved.metadata.id)}`);
    },
    onError: (error) => {
      setErrors([]);
      setProblem(null);
      if (isApiError(error, 409) && error.problem.current) {
        setConflict(error.problem.current as AssessmentDocument);
      } else if (isApiError(error, 400, 422) && error.problem.errors?.length) {
        setErrors(error.problem.errors);
      } else if (isApiError(error, 400, 403, 404, 409, 422)) {
        setProblem(error.message);
      } else {
        notifyError(error);
      }
    },
  });

  const readOnly = !mayWrite;
  return (
    <form
      aria-label="Impact assessment"
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate();
      }}
    >
      <Stack>
        {!creating && base?.spec.status === 'approved' && mayWrite && (
          <Alert color="yellow" variant="light">
            This assessment is approved. Saving a change makes it a draft again until someone approves it.
          </Alert>
        )}
        {conflict && base && (
          <ConflictAlert
            plural="assessments"
            base={base}
            draft={{ ...base, spec: spec as Spec }}
            current={conflict}
            onResolve={(next, nextBase) => {
              setSpec(editable(next.spec));
              setBase(nextBase);
              setConflict(null);
            }}
          />
        )}
        {problem && (
          <Alert color="red" role="alert" title="Not saved">
            {problem}
          </Alert>
        )}
        <UnplacedErrors errors={unplaced} />
        <Group align="end" wrap="wrap">
          {creating && (
            <RefSelect
              label="Service"
              kinds={['Service']}
              required
              value={serviceId || undefined}
              onChange={(value) => setSpec({ ...spec, service: value ?? '' })}
              error={errorOf('service')}
            />
          )}
          {creating && (
            <TextInput
              label="Id"
              required
              value={id}
              onChange={(event) => setNewId(event.currentTarget.value)}
              error={errorOf('id')}
            />
          )}
          {readOnly ? (
            <TextInput label="Assessed by" readOnly value={assessedBy ?? ''} />
          ) : (
            <RefSelect
              label="Assessed by"
              kinds={['Person']}
              required
              value={assessedBy}
              onChange={(value) => setSpec({ ...spec, assessedBy: value ?? '' })}
              error={errorOf('assessedBy')}
            />
          )}
          <TextInput
            label="Assessed on"
            type="date"
            required
            readOnly={readOnly}
            value={spec.assessedOn ?? ''}
            onChange={(event) => setSpec({ ...spec, assessedOn: event.currentTarget.value })}
            error={errorOf('assessedOn')}
          />
        </Group>
        <Grid>
          <Grid.Col span={{ base: 12, lg: 7 }}>
            <Stack>
              <QuestionnaireGrid
                policy={policy}
                impacts={impacts}
                loss={loss}
                readOnly={readOnly}
                errors={fieldErrors}
                onImpacts={(next) => setSpec({ ...spec, impacts: next })}
                onLoss={(next) => setSpec({ ...spec, loss: next })}
              />
              <LevelKey policy={policy} />
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, lg: 5 }}>
            <Stack>
              <section aria-labelledby="bia-preview">
                <Title order={2} size="h4" id="bia-preview" mb="xs">
                  Impact over time
                </Title>
                <ImpactChart points={points} policy={policy} mtpdMinutes={suggestion.derivedMtpdMinutes} />
              </section>
              <section aria-labelledby="bia-objectives">
                <Title order={2} size="h4" id="bia-objectives" mb="xs">
                  Objectives
                </Title>
                <ObjectivesCompare service={serviceDoc} suggestion={suggestion} />
              </section>
            </Stack>
          </Grid.Col>
        </Grid>
        <Textarea
          label="Minimum capacity (MBCO)"
          description="What is acceptable while recovering"
          autosize
          minRows={2}
          readOnly={readOnly}
          value={spec.mbco ?? ''}
          onChange={(event) => setSpec({ ...spec, mbco: event.currentTarget.value || undefined })}
          error={errorOf('mbco')}
        />
        <Textarea
          label="Notes"
          autosize
          minRows={2}
          readOnly={readOnly}
          value={spec.notes ?? ''}
          onChange={(event) => setSpec({ ...spec, notes: event.currentTarget.value || undefined })}
          error={errorOf('notes')}
        />
        <Group>
          {mayWrite && (
            <Button type="submit" loading={save.isPending} disabled={conflict !== null || !dirty}>
              {creating ? 'Create assessment' : 'Save assessment'}
            </Button>
          )}
          {base && <WorkflowButtons assessment={base} user={session.data} dirty={dirty} />}
        </Group>
      </Stack>
    </form>
  );
}
