import {
  Box,
  Button,
  Checkbox,
  Field,
  Fieldset,
  Flex,
  Input,
  NativeSelect,
  Stack,
  Wrap,
} from '@chakra-ui/react';
import { AUDIT_EVENT_TYPE_NAMES, type AuditEventType } from '@spendsense/server/domain/audit/event-types';
import { type FormEvent, Suspense, useState } from 'react';
import { graphql, useLazyLoadQuery } from 'react-relay';
import type { auditFiltersOperatorsQuery } from '../../__generated__/auditFiltersOperatorsQuery.graphql';
import { UtcDayRangeFields } from '../../components/utc-day-range-fields';
import {
  type AuditSort,
  type AuditView,
  type DateRange,
  DEFAULT_VIEW,
  PRESET_DAYS,
  SORTS,
  withFilters,
} from './audit-view';

function rangeValue(range: DateRange): string {
  return range.kind === 'last' ? `${range.days}d` : range.kind;
}

function rangeOf(value: string, current: DateRange): DateRange {
  const preset = PRESET_DAYS.find((days) => value === `${days}d`);
  if (preset) return { kind: 'last', days: preset };
  if (value === 'custom')
    return current.kind === 'custom' ? current : { kind: 'custom', from: null, to: null };
  return { kind: 'all' };
}

/** Every filter of the audit log. Lists and choices apply at once; typed ids apply with "Apply". */
export function AuditFilters({ view, onChange }: { view: AuditView; onChange: (next: AuditView) => void }) {
  const [customer, setCustomer] = useState(view.customerId ?? '');
  const [recommendation, setRecommendation] = useState(view.recommendationId ?? '');
  const [from, setFrom] = useState(view.range.kind === 'custom' ? (view.range.from ?? '') : '');
  const [to, setTo] = useState(view.range.kind === 'custom' ? (view.range.to ?? '') : '');
  const change = (patch: Partial<AuditView>) => onChange(withFilters(view, patch));
  const toggleType = (type: AuditEventType, on: boolean) =>
    change({
      eventTypes: on
        ? AUDIT_EVENT_TYPE_NAMES.filter((name) => name === type || view.eventTypes.includes(name))
        : view.eventTypes.filter((name) => name !== type),
    });
  const apply = (event: FormEvent) => {
    event.preventDefault();
    change({
      customerId: customer.trim() || null,
      recommendationId: recommendation.trim().toLowerCase() || null,
      range:
        view.range.kind === 'custom' ? { kind: 'custom', from: from || null, to: to || null } : view.range,
    });
  };

  return (
    <Box
      as="form"
      onSubmit={apply}
      bg="white"
      borderWidth="1px"
      rounded="md"
      p="4"
      mb="4"
      aria-label="Filters"
    >
      <Fieldset.Root>
        <Fieldset.Legend fontWeight="semibold">Event types (none checked: all)</Fieldset.Legend>
        <Wrap gap="3" mt="1">
          {AUDIT_EVENT_TYPE_NAMES.map((type) => (
            <Checkbox.Root
              key={type}
              size="sm"
              checked={view.eventTypes.includes(type)}
              onCheckedChange={(event) => toggleType(type, event.checked === true)}
            >
              <Checkbox.HiddenInput />
              <Checkbox.Control />
              <Checkbox.Label fontFamily="mono" fontSize="xs">
                {type}
              </Checkbox.Label>
            </Checkbox.Root>
          ))}
        </Wrap>
      </Fieldset.Root>
      <Flex gap="3" mt="4" wrap="wrap" align="flex-end">
        <Field.Root width="auto">
          <Field.Label>Date range</Field.Label>
          <NativeSelect.Root size="sm" width="40">
            <NativeSelect.Field
              value={rangeValue(view.range)}
              onChange={(event) => change({ range: rangeOf(event.currentTarget.value, view.range) })}
            >
              <option value="all">All time</option>
              {PRESET_DAYS.map((days) => (
                <option key={days} value={`${days}d`}>
                  Last {days} days
                </option>
              ))}
              <option value="custom">Custom range</option>
            </NativeSelect.Field>
            <NativeSelect.Indicator />
          </NativeSelect.Root>
        </Field.Root>
        <Checkbox.Root
          size="sm"
          alignSelf="center"
          mt="5"
          checked={view.archived}
          onCheckedChange={(event) => {
            const archived = event.checked === true;
            change({ archived, sort: archived && !SORTS[view.sort].withArchived ? 'newest' : view.sort });
          }}
        >
          <Checkbox.HiddenInput />
          <Checkbox.Control />
          <Checkbox.Label>Include archived months</Checkbox.Label>
        </Checkbox.Root>
        {view.range.kind === 'custom' ? (
          <UtcDayRangeFields from={from} to={to} onFromChange={setFrom} onToChange={setTo} width="auto" />
        ) : null}
        <Field.Root width="auto">
          <Field.Label>Customer id</Field.Label>
          <Input
            size="sm"
            width="40"
            placeholder="usr_000042"
            value={customer}
            onChange={(event) => setCustomer(event.currentTarget.value)}
          />
        </Field.Root>
        <Field.Root width="auto">
          <Field.Label>Operator</Field.Label>
          <Suspense
            fallback={
              <NativeSelect.Root size="sm" width="48" disabled>
                <NativeSelect.Field aria-busy="true">
                  <option>Loading operators…</option>
                </NativeSelect.Field>
              </NativeSelect.Root>
            }
          >
            <OperatorSelect value={view.operatorId} onChange={(operatorId) => change({ operatorId })} />
          </Suspense>
        </Field.Root>
        <Field.Root width="auto">
          <Field.Label>Recommendation id</Field.Label>
          <Input
            size="sm"
            width="72"
            placeholder="UUID"
            value={recommendation}
            onChange={(event) => setRecommendation(event.currentTarget.value)}
          />
        </Field.Root>
        <Field.Root width="auto">
          <Field.Label>Sort</Field.Label>
          <NativeSelect.Root size="sm" width="44">
            <NativeSelect.Field
              value={view.sort}
              onChange={(event) => change({ sort: event.currentTarget.value as AuditSort })}
            >
              {Object.entries(SORTS).map(([value, { label, withArchived }]) => (
                <option key={value} value={value} disabled={view.archived && !withArchived}>
                  {label}
                  {view.archived && !withArchived ? ' (not with archived months)' : ''}
                </option>
              ))}
            </NativeSelect.Field>
            <NativeSelect.Indicator />
          </NativeSelect.Root>
        </Field.Root>
        <Stack direction="row" gap="2">
          <Button type="submit" size="sm" colorPalette="blue">
            Apply
          </Button>
          <Button
            size="sm"
            variant="ghost"
            onClick={() => {
              setCustomer('');
              setRecommendation('');
              setFrom('');
              setTo('');
              onChange({ ...DEFAULT_VIEW });
            }}
          >
            Clear filters
          </Button>
        </Stack>
      </Flex>
    </Box>
  );
}

function OperatorSelect({
  value,
  onChange,
}: {
  value: string | null;
  onChange: (id: string | null) => void;
}) {
  const data = useLazyLoadQuery<auditFiltersOperatorsQuery>(
    graphql`
      query auditFiltersOperatorsQuery {
        operators {
          id
          username
          displayName
        }
      }
    `,
    {},
  );
  return (
    <NativeSelect.Root size="sm" width="48">
      <NativeSelect.Field
        value={value ?? ''}
        onChange={(event) => onChange(event.currentTarget.value || null)}
      >
        <option value="">Any operator</option>
        {data.operators.map((operator) => (
          <option key={operator.id} value={operator.id}>
            {operator.username} ({operator.displayName})
          </option>
        ))}
      </NativeSelect.Field>
      <NativeSelect.Indicator />
    </NativeSelect.Root>
  );
}
