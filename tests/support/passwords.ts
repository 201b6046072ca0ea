import { DEMO_COLLEAGUES, DEMO_LOGINS } from '@spendsense/server/demo/index';

/** The password of every operator the test helpers create. */
export const TEST_PASSWORD = 'Test-pass-word-42!';

/** Every password the tests type somewhere: none of them may ever appear in a log. */
export const TEST_PASSWORDS: readonly string[] = [
  TEST_PASSWORD,
  'Fixture-pass-word-42!',
  'Correct-Horse-42!',
  'nope-nope-nope',
  'short1A!',
  'alllowercaseletters',
  ...[...DEMO_LOGINS, ...DEMO_COLLEAGUES].map((login) => login.password),
];
