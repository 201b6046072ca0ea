/**
 * Password policy for operator accounts: at least 12 characters drawn from at least three of the four
 * character classes (lower case, upper case, digits, symbols), and not containing the username.
 * Length matters most against guessing; the class rule keeps out the commonest long-but-trivial choices.
 */
export const MIN_PASSWORD_LENGTH = 12;

export interface PasswordProblem {
  code: 'too_short' | 'too_few_character_classes' | 'contains_username' | 'too_long';
  message: string;
}

export function checkPasswordPolicy(password: string, username: string): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  if ([...password].length < MIN_PASSWORD_LENGTH) {
    problems.push({ code: 'too_short', message: `must be at least ${MIN_PASSWORD_LENGTH} characters` });
  }
  // scrypt hashes any length, but unbounded input is a denial-of-service lever.
  if (password.length > 256) {
    problems.push({ code: 'too_long', message: 'must be at most 256 characters' });
  }
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((re) => re.test(password)).length;
  if (classes < 3) {
    problems.push({
      code: 'too_few_character_classes',
      message: 'must mix at least three of: lower case, upper case, digits, symbols',
    });
  }
  if (username.length >= 3 && password.toLowerCase().includes(username.toLowerCase())) {
    problems.push({ code: 'contains_username', message: 'must not contain the username' });
  }
  return problems;
}
