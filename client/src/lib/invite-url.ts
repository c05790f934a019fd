/** The absolute invite URL a participant opens; the server hands out only the path. */
export function inviteUrl(invitePath: string, origin: string): string {
  return new URL(invitePath, origin).toString();
}
