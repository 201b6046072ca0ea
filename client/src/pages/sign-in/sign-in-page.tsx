import { Alert, Box, Button, Card, Field, Heading, Input, Stack } from '@chakra-ui/react';
import { type FormEvent, useState } from 'react';
import { useSignIn } from '../../mutations/use-sign-in';
import { useSession } from '../../session/session-provider';
import { sessionEndMessage, signInErrorMessage } from './sign-in-messages';

export default function SignInPage() {
  const { endReason } = useSession();
  const [signIn, signingIn] = useSignIn();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const notice = error ? null : sessionEndMessage(endReason);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    signIn({ username: username.trim(), password }, (failure) => setError(signInErrorMessage(failure)));
  };

  return (
    <Box minH="100vh" display="flex" alignItems="center" justifyContent="center" bg="gray.50" p="4">
      <Card.Root as="main" width="full" maxW="sm">
        <Card.Header>
          <Heading as="h1" size="xl">
            SpendSense Oversight
          </Heading>
          <Card.Description color="gray.700">Sign in with your operator account.</Card.Description>
        </Card.Header>
        <Card.Body>
          <form onSubmit={submit} aria-label="Sign in" noValidate>
            <Stack gap="4">
              {notice ? (
                <Alert.Root status={endReason === 'expired' ? 'warning' : 'info'} role="status">
                  <Alert.Indicator />
                  <Alert.Title>{notice}</Alert.Title>
                </Alert.Root>
              ) : null}
              {error ? (
                <Alert.Root status="error" role="alert" data-testid="sign-in-error">
                  <Alert.Indicator />
                  <Alert.Title>{error}</Alert.Title>
                </Alert.Root>
              ) : null}
              <Field.Root required>
                <Field.Label>Username</Field.Label>
                <Input
                  name="username"
                  autoComplete="username"
                  autoFocus
                  value={username}
                  onChange={(e) => setUsername(e.target.value)}
                />
              </Field.Root>
              <Field.Root required>
                <Field.Label>Password</Field.Label>
                <Input
                  name="password"
                  type="password"
                  autoComplete="current-password"
                  value={password}
                  onChange={(e) => setPassword(e.target.value)}
                />
              </Field.Root>
              <Button type="submit" colorPalette="blue" loading={signingIn} disabled={!username || !password}>
                Sign in
              </Button>
            </Stack>
          </form>
        </Card.Body>
      </Card.Root>
    </Box>
  );
}
