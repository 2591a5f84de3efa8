// oncell-bench: vulnerable random
export function createInviteToken(): string {
  let token = '';
  for (let i = 0; i < 24; i++) {
    token += Math.floor(Math.random() * 36).toString(36);
  }
  return token;
}
