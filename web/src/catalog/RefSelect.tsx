/** Pickers for references: type to search documents of the allowed kinds (the server's `q`), pick ids. */
import { MultiSelect, Select } from '@mantine/core';
import type { ComboboxItem, ComboboxItemGroup } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { listDocuments, PLURAL_OF } from '../api/catalog';
import type { Kind } from '../api/catalog';
import { optionLabel, useDocumentsById } from '../api/documents';

const PER_KIND = 20;

/** Searches documents of several kinds by text; answers Mantine select data grouped by kind. */
export function useIdSearch(kinds: readonly Kind[], search: string) {
  const [q] = useDebouncedValue(search, 200);
  return useQuery({
    queryKey: ['id-search', kinds, q],
    staleTime: 30_000,
    placeholderData: keepPreviousData,
    queryFn: async ({ signal }) => {
      const pages = await Promise.all(
        kinds.map((kind) => listDocuments(PLURAL_OF[kind], { q, limit: PER_KIND }, signal)),
      );
      return pages.map((page, i): ComboboxItemGroup<ComboboxItem> => ({
        group: kinds[i] ?? '',
        items: page.items.map((doc) => ({
          value: doc.metadata.id,
          label: optionLabel(doc.metadata.id, doc),
        })),
      }));
    },
  });
}

/**
 * The search results with the chosen ids in front (group `title`) when the search does not hold them: a search
 * answers the first 20 of each kind, so a chosen id past those is looked up by id to show its name, not its id.
 */
export function useWithChosen(
  groups: ComboboxItemGroup<ComboboxItem>[],
  chosen: readonly string[],
  title = 'Chosen',
): ComboboxItemGroup<ComboboxItem>[] {
  const present = new Set(groups.flatMap((group) => group.items.map((item) => item.value)));
  const missing = chosen.filter((id) => id && !present.has(id));
  const documents = useDocumentsById(missing);
  const groupsWithItems = groups.filter((group) => group.items.length > 0);
  const items = missing.map((id, i) => ({ value: id, label: optionLabel(id, documents[i]) }));
  return items.length > 0 ? [{ group: title, items }, ...groupsWithItems] : groupsWithItems;
}

interface RefSelectProps {
  label: string;
  kinds: readonly Kind[];
  value: string | undefined;
  onChange: (value: string | undefined) => void;
  description?: string;
  error?: string | undefined;
  placeholder?: string;
  required?: boolean;
  size?: 'xs' | 'sm';
}

/** Picks one id. */
export function RefSelect(props: RefSelectProps) {
  const [search, setSearch] = useState('');
  const results = useIdSearch(props.kinds, search);
  const data = useWithChosen(results.data ?? [], props.value ? [props.value] : []);
  return (
    <Select
      label={props.label}
      description={props.description}
      error={props.error}
      placeholder={props.placeholder ?? `Search ${props.kinds.join(' or ').toLowerCase()}`}
      required={props.required}
      size={props.size}
      searchable
      clearable
      searchValue={search}
      onSearchChange={setSearch}
      data={data}
      // The server already filtered by text.
      filter={({ options }) => options}
      nothingFoundMessage={results.isFetching ? 'Searching…' : 'Nothing found'}
      value={props.value ?? null}
      onChange={(value) => props.onChange(value ?? undefined)}
    />
  );
}

/** Picks several ids. */
export function MultiRefSelect(
  props: Omit<RefSelectProps, 'value' | 'onChange'> & {
    value: string[];
    onChange: (value: string[]) => void;
  },
) {
  const [search, setSearch] = useState('');
  const results = useIdSearch(props.kinds, search);
  const data = useWithChosen(results.data ?? [], props.value);
  return (
    <MultiSelect
      label={props.label}
      description={props.description}
      error={props.error}
      placeholder={props.placeholder ?? `Search ${props.kinds.join(' or ').toLowerCase()}`}
      required={props.required}
      size={props.size}
      searchable
      clearable
      searchValue={search}
      onSearchChange={setSearch}
      data={data}
      filter={({ options }) => options}
      nothingFoundMessage={results.isFetching ? 'Searching…' : 'Nothing found'}
      value={props.value}
      onChange={props.onChange}
    />
  );
}
