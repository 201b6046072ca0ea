import { Field, Input } from '@chakra-ui/react';

interface UtcDayRangeFieldsProps {
  /** YYYY-MM-DD, or empty. */
  from: string;
  to: string;
  onFromChange: (day: string) => void;
  onToChange: (day: string) => void;
  /** Marks the "To" field when the range ends before it starts. */
  endsBeforeStart?: boolean;
  /** Width of each field; they fill their container when unset. */
  width?: string;
}

/**
 * The "From (UTC day)" and "To (UTC day)" date inputs of the audit filters and the export dialog. Days are
 * UTC days because audit entries are filtered and exported by their UTC timestamps.
 */
export function UtcDayRangeFields({
  from,
  to,
  onFromChange,
  onToChange,
  endsBeforeStart = false,
  width,
}: UtcDayRangeFieldsProps) {
  return (
    <>
      <Field.Root width={width}>
        <Field.Label>From (UTC day)</Field.Label>
        <Input
          size="sm"
          type="date"
          value={from}
          onChange={(event) => onFromChange(event.currentTarget.value)}
        />
      </Field.Root>
      <Field.Root width={width} invalid={endsBeforeStart}>
        <Field.Label>To (UTC day)</Field.Label>
        <Input size="sm" type="date" value={to} onChange={(event) => onToChange(event.currentTarget.value)} />
        <Field.ErrorText>The range ends before it starts.</Field.ErrorText>
      </Field.Root>
    </>
  );
}
