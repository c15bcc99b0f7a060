/** `/set-password?token=...`: the page an invitation or reset email links to; sets a password, then sign-in. */
import { PASSWORD_RULE } from '../../../src/server/auth/password-rules.ts';
import { Alert, Anchor, Button, Center, Paper, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { setPasswordWithLink } from '../api/users';

/** The public set-password page (no sign-in: the link's token is the proof). */
export function SetPasswordPage() {
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const navigate = useNavigate();
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const mutation = useMutation({
    mutationFn: () => setPasswordWithLink(token, password),
    meta: { silent: true },
    onSuccess: async ({ email }) => {
      await navigate(`/login?email=${encodeURIComponent(email)}&password-set=1`, { replace: true });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setMismatch(password !== repeat);
    if (password === repeat) mutation.mutate();
  };
  return (
    <Center mih="100vh" bg="gray.0">
      <Paper
        component="form"
        onSubmit={submit}
        withBorder
        shadow="sm"
        p="xl"
        w={420}
        aria-label="Set your password"
      >
        <Stack>
          <Title order={1} size="h2">
            Set your password
          </Title>
          {!token ? (
            <Alert color="red" role="alert">
              This page needs the link from your email. Ask an administrator for a new one.
            </Alert>
          ) : (
            <>
              <Text size="sm" c="dimmed">
                {PASSWORD_RULE}; a passphrase of a few words is easy to remember. The link works once.
              </Text>
              {(mutation.error ?? mismatch) && (
                <Alert color="red" role="alert">
                  {mismatch ? 'The two passwords differ.' : mutation.error?.message}
                </Alert>
              )}
              <PasswordInput
                label="New password"
                autoComplete="new-password"
                required
                value={password}
                onChange={(event) => setPassword(event.currentTarget.value)}
              />
              <PasswordInput
                label="Repeat the password"
                autoComplete="new-password"
                required
                value={repeat}
                onChange={(event) => setRepeat(event.currentTarget.value)}
              />
              <Button type="submit" loading={mutation.isPending}>
                Set password
              </Button>
            </>
          )}
          <Anchor component={Link} to="/login" size="sm">
            Back to sign-in
          </Anchor>
        </Stack>
      </Paper>
    </Center>
  );
}
