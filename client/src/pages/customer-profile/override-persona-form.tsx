import { Alert, Button, Card, Field, Heading, HStack, NativeSelect, Textarea } from '@chakra-ui/react';
import { type FormEvent, useState } from 'react';
import { WINDOW_LABEL } from '../../components/format';
import { useOverridePersona } from '../../mutations/use-override-persona';
import { errorCodeOf } from '../../relay/errors';

const MAX_JUSTIFICATION = 2000;

/** An administrator replaces the customer's persona for one window, saying why (required). */
export function OverridePersonaForm({
  userId,
  personas,
}: {
  userId: string;
  personas: ReadonlyArray<{ personaId: string; name: string; priority: number }>;
}) {
  const [window, setWindow] = useState<'D30' | 'D180'>('D30');
  const [personaId, setPersonaId] = useState(personas[0]?.personaId ?? '');
  const [justification, setJustification] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [override, saving] = useOverridePersona();
  const blank = justification.trim().length === 0;

  function submit(event: FormEvent) {
    event.preventDefault();
    setDone(null);
    if (blank) {
      setError('A justification is required.');
      return;
    }
    setError(null);
    const name = personas.find((p) => p.personaId === personaId)?.name ?? personaId;
    override(
      { userId, window, personaId, justification: justification.trim() },
      {
        onDone: () => {
          setJustification('');
          setDone(`${WINDOW_LABEL[window]} is now ${name}. The override is in the audit log.`);
        },
        onError: (failure) => {
          const code = errorCodeOf(failure);
          setError(`${failure.message}${code ? ` (${code})` : ''}`);
        },
      },
    );
  }

  return (
    <Card.Root as="section" aria-labelledby="override-heading" variant="outline" bg="white">
      <Card.Body>
        <Heading as="h2" size="md" id="override-heading" mb="3">
          Override persona
        </Heading>
        <form onSubmit={submit} noValidate>
          <HStack gap="4" align="flex-start" wrap="wrap" mb="3">
            <Field.Root maxW="xs">
              <Field.Label>Window</Field.Label>
              <NativeSelect.Root>
                <NativeSelect.Field
                  value={window}
                  onChange={(event) => setWindow(event.target.value as 'D30' | 'D180')}
                >
                  <option value="D30">{WINDOW_LABEL.D30}</option>
                  <option value="D180">{WINDOW_LABEL.D180}</option>
                </NativeSelect.Field>
                <NativeSelect.Indicator />
              </NativeSelect.Root>
            </Field.Root>
            <Field.Root maxW="xs">
              <Field.Label>New persona</Field.Label>
              <NativeSelect.Root>
                <NativeSelect.Field value={personaId} onChange={(event) => setPersonaId(event.target.value)}>
                  {personas.map((persona) => (
                    <option key={persona.personaId} value={persona.personaId}>
                      {persona.priority}. {persona.name}
                    </option>
                  ))}
                </NativeSelect.Field>
                <NativeSelect.Indicator />
              </NativeSelect.Root>
            </Field.Root>
          </HStack>
          <Field.Root required invalid={error !== null && blank} mb="3">
            <Field.Label>
              Justification <Field.RequiredIndicator />
            </Field.Label>
            <Textarea
              value={justification}
              maxLength={MAX_JUSTIFICATION}
              onChange={(event) => setJustification(event.target.value)}
              placeholder="Why the engine's decision is wrong for this customer"
              rows={3}
            />
            <Field.HelperText>
              Recorded in the audit log with the old and new persona. {justification.length}/
              {MAX_JUSTIFICATION}
            </Field.HelperText>
          </Field.Root>
          {error ? (
            <Alert.Root status="error" mb="3" role="alert">
              <Alert.Indicator />
              <Alert.Title>{error}</Alert.Title>
            </Alert.Root>
          ) : null}
          {done ? (
            <Alert.Root status="success" mb="3" role="status">
              <Alert.Indicator />
              <Alert.Title>{done}</Alert.Title>
            </Alert.Root>
          ) : null}
          <Button type="submit" colorPalette="purple" _hover={{ bg: 'purple.700' }} loading={saving}>
            Override persona
          </Button>
        </form>
      </Card.Body>
    </Card.Root>
  );
}
