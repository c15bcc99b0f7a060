/** Create and edit pages: the form, the save, and what a refusal means (fields, 409, id taken). */
import { Alert, Button, Group, Loader, Stack, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { createDocument, isPlural, KIND_OF, updateDocument } from '../api/catalog';
import type { CatalogDocument, Kind, Plural } from '../api/catalog';
import { isApiError } from '../api/client';
import type { FieldError } from '../api/client';
import { canWrite } from '../api/auth';
import { keys, useDocument, useSession } from '../api/queries';
import { NotFoundPage } from '../app/NotFoundPage';
import { notifyError, notifySuccess } from '../app/notify';
import { IncidentFields, INCIDENT_FIELD_PATHS } from '../incidents/IncidentFields';
import { PlanFields, PLAN_FIELD_PATHS } from '../plans/PlanFields';
import { ConflictAlert } from './ConflictAlert';
import { ContinuityWarnings } from './ContinuityWarnings';
import { DocumentForm } from './DocumentForm';
import { KIND_INFO } from './kind-info';
import { documentPath } from './links';

/** What a new document of a kind starts with: a plan's scenario is an object its fields edit in place. */
const EMPTY_SPEC: Partial<Record<Plural, Record<string, unknown>>> = {
  plans: { scenario: { description: '', fail: [] } },
};

/**
 * The text and choice fields of a kind's form that the address names (`/statements/new?framework=dora&clause=
 * Art.%2011(1)`), so a page can open the form on what it already knows; a choice outside the options is left out.
 */
function prefilled(plural: Plural, search: URLSearchParams): Record<string, string> {
  const values: Record<string, string> = {};
  for (const field of KIND_INFO[KIND_OF[plural]].fields) {
    const value = search.get(field.name);
    if (value === null || value === '') continue;
    if (field.type === 'text' || (field.type === 'select' && field.options.includes(value)))
      values[field.name] = value;
  }
  return values;
}

/** `/:plural/new`, or `/plans/new` and `/incidents/new` (routed before their own pages' `/plans/:id`). */
export function CreatePage({ plural: fixed }: { plural?: Plural }) {
  const params = useParams();
  const [search] = useSearchParams();
  const plural = fixed ?? params.plural;
  if (!isPlural(plural)) return <NotFoundPage />;
  const kind = KIND_OF[plural];
  const empty = {
    apiVersion: 'lifeboat/v1',
    kind,
    metadata: { id: '' },
    spec: { ...EMPTY_SPEC[plural], ...prefilled(plural, search) },
  } as unknown as CatalogDocument;
  return <Editor key={plural} plural={plural} initial={empty} isNew />;
}

/** `/:plural/:id/edit`. */
export function EditPage() {
  const { plural, id = '' } = useParams();
  if (!isPlural(plural)) return <NotFoundPage />;
  return <LoadThenEdit key={`${plural}/${id}`} plural={plural} id={id} />;
}

function LoadThenEdit({ plural, id }: { plural: Plural; id: string }) {
  const document = useDocument(plural, id);
  if (document.isPending) return <Loader aria-label="Loading" />;
  if (document.isError) return <Alert color="red">{document.error.message}</Alert>;
  return <Editor plural={plural} initial={document.data} isNew={false} />;
}

/** Error paths placed by a kind's own fields below the form (a plan's only while it is created). */
function kindFieldPaths(kind: Kind, isNew: boolean): readonly string[] {
  if (kind === 'Plan' && isNew) return PLAN_FIELD_PATHS.filter((path) => path !== 'spec.activation');
  if (kind === 'Incident') return INCIDENT_FIELD_PATHS;
  return [];
}

/**
 * The fields of a kind that are nested lists the generic form cannot show: what an incident took out, and a new
 * plan's scenario, call tree and steps (an existing plan edits those in the plan editor on its own page).
 */
function KindFields(props: {
  draft: CatalogDocument;
  onChange: (draft: CatalogDocument) => void;
  errors: FieldError[];
  isNew: boolean;
}) {
  const { draft } = props;
  if (draft.kind === 'Plan' && props.isNew) {
    return <PlanFields draft={draft} onChange={props.onChange} errors={props.errors} activation={false} />;
  }
  if (draft.kind === 'Incident') {
    return <IncidentFields draft={draft} onChange={props.onChange} errors={props.errors} />;
  }
  return null;
}

function Editor({ plural, initial, isNew }: { plural: Plural; initial: CatalogDocument; isNew: boolean }) {
  const info = KIND_INFO[KIND_OF[plural]];
  const session = useSession();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  // `base` is the version the edit started from: the 409 message compares it with the current one.
  const [base, setBase] = useState(initial);
  const [draft, setDraft] = useState(initial);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [conflict, setConflict] = useState<CatalogDocument | null>(null);

  const save = useMutation({
    mutationFn: () => (isNew ? createDocument(plural, draft) : updateDocument(plural, draft)),
    meta: { silent: true },
    onSuccess: async (saved) => {
      const id = saved.metadata.id;
      queryClient.setQueryData(keys.document(plural, id), saved);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: keys.lists(plural) }),
        queryClient.invalidateQueries({ queryKey: keys.audit(saved.kind, id) }),
        queryClient.invalidateQueries({ queryKey: ['graph'] }),
        queryClient.invalidateQueries({ queryKey: keys.allServices }),
      ]);
      notifySuccess(`Saved ${id} (version ${saved.metadata.version})`);
      await navigate(documentPath(saved.kind, id));
    },
    onError: (error) => {
      setErrors([]);
      if (isApiError(error, 409) && error.problem.current) {
        setConflict(error.problem.current as CatalogDocument);
      } else if (isApiError(error, 409) && isNew) {
        setErrors([{ path: 'metadata.id', message: error.message }]);
      } else if (isApiError(error, 400, 422) && error.problem.errors?.length) {
        setErrors(error.problem.errors);
      } else {
        notifyError(error);
      }
    },
  });

  const cancelTo = isNew ? `/${plural}` : documentPath(initial.kind, initial.metadata.id);
  if (session.data && !canWrite(session.data, info.kind)) {
    return (
      <Alert color="yellow" title="Read only" role="alert">
        Your role ({session.data.role}) cannot change {info.title.toLowerCase()}.
      </Alert>
    );
  }
  return (
    <Stack maw={960}>
      <Title order={1} size="h2">
        {isNew ? `New ${info.singular}` : `Edit ${initial.metadata.name ?? initial.metadata.id}`}
      </Title>
      {conflict && (
        <ConflictAlert
          plural={plural}
          base={base}
          draft={draft}
          current={conflict}
          onResolve={(next, nextBase) => {
            setDraft(next);
            setBase(nextBase);
            setConflict(null);
          }}
        />
      )}
      <form
        onSubmit={(event) => {
          event.preventDefault();
          save.mutate();
        }}
        aria-label={isNew ? `New ${info.singular}` : `Edit ${info.singular}`}
      >
        <Stack>
          <DocumentForm
            info={info}
            draft={draft}
            onChange={setDraft}
            errors={errors}
            isNew={isNew}
            placedElsewhere={kindFieldPaths(draft.kind, isNew)}
          />
          <KindFields draft={draft} onChange={setDraft} errors={errors} isNew={isNew} />
          <ContinuityWarnings draft={draft} />
          <Group>
            <Button type="submit" loading={save.isPending} disabled={conflict !== null}>
              {isNew ? 'Create' : 'Save'}
            </Button>
            <Button variant="default" component={Link} to={cancelTo}>
              Cancel
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
