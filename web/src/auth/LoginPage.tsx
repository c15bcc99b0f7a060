/** The login page: email and password, and "Sign in with SSO" when the server offers it. */
import {
  Alert,
  Anchor,
  Button,
  Center,
  Divider,
  Paper,
  PasswordInput,
  Stack,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { login, OIDC_LOGIN_URL } from '../api/auth';
import { isApiError } from '../api/client';
import { keys, useAuthConfig, useSession } from '../api/queries';

/** Only same-site paths are followed after login, so a crafted link cannot send the user elsewhere. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

/** The login page. */
export function LoginPage() {
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const session = useSession();
  const config = useAuthConfig();
  // After setting a password from an emailed link, the set-password page sends the user here with their email.
  const [email, setEmail] = useState(params.get('email') ?? '');
  const passwordSet = params.get('password-set') === '1';
  const [password, setPassword] = useState('');
  const mutation = useMutation({
    mutationFn: () => login(email, password),
    meta: { silent: true },
    onSuccess: async (user) => {
      queryClient.setQueryData(keys.session, user);
      await navigate(next, { replace: true });
    },
  });

  if (session.data) return <Navigate to={next} replace />;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    mutation.mutate();
  };
  const error = mutation.error;
  const message = !error
    ? null
    : isApiError(error, 401)
      ? 'Wrong email or password.'
      : isApiError(error, 429)
        ? `Too many attempts: ${error.message}`
        : error.message;

  return (
    <Center mih="100vh" bg="gray.0">
      <Paper component="form" onSubmit={submit} withBorder shadow="sm" p="xl" w={380} aria-label="Sign in">
        <Stack>
          <Title order={1} size="h2">
            Sign in to Lifeboat
          </Title>
          {passwordSet && !message && (
            <Alert color="green" role="status">
              Your password is set. Sign in with it.
            </Alert>
          )}
          {message && (
            <Alert color="red" role="alert">
              {message}
            </Alert>
          )}
          <TextInput
            label="Email"
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(event) => setEmail(event.currentTarget.value)}
          />
          <PasswordInput
            label="Password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(event) => setPassword(event.currentTarget.value)}
          />
          <Button type="submit" loading={mutation.isPending}>
            Sign in
          </Button>
          {config.data?.oidc && (
            <>
              <Divider label="or" />
              <Button component="a" href={OIDC_LOGIN_URL} variant="default">
                Sign in with SSO
              </Button>
            </>
          )}
          <Anchor href="/api/docs" size="xs" c="dimmed">
            API documentation
          </Anchor>
        </Stack>
      </Paper>
    </Center>
  );
}
